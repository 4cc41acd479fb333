/* Unit tests for ts_fields. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/ts_fields.h"

static void test_add_and_find(void **state)
{
    (void)state;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_fields_add(&f, 0, "version", 4, 2, "TLS 1.2 (0x%04x)", 0x0303), TS_OK);
    assert_int_equal(ts_fields_add(&f, 1, "cipher_suite", 10, 2, NULL), TS_OK);
    assert_int_equal(f.n, 2);
    assert_string_equal(f.items[0].value, "TLS 1.2 (0x0303)");
    assert_int_equal(f.items[0].offset, 4);
    assert_int_equal(f.items[0].len, 2);
    assert_int_equal(f.items[1].depth, 1);
    assert_string_equal(f.items[1].value, "");
    assert_ptr_equal(ts_fields_find(&f, "cipher_suite", 0), &f.items[1]);
    assert_null(ts_fields_find(&f, "version", 1));
    assert_null(ts_fields_find(&f, "nope", 0));
    ts_fields_free(&f);
    assert_int_equal(f.n, 0);
    assert_null(f.items);
}

static void test_null_list_is_noop(void **state)
{
    (void)state;
    uint8_t b[3] = {1, 2, 3};
    assert_int_equal(ts_fields_add(NULL, 0, "x", 0, 1, "%d", 1), TS_OK);
    assert_int_equal(ts_fields_add_hex(NULL, 0, "x", 0, b, 3), TS_OK);
    ts_buf v;
    ts_buf_view(&v, b, 3);
    assert_int_equal(ts_fields_offset(NULL, &v), 0);
    ts_fields_begin(NULL, &v);
}

static void test_truncation(void **state)
{
    (void)state;
    ts_fields f;
    ts_fields_init(&f);
    char longname[100], longval[400];
    memset(longname, 'n', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    memset(longval, 'v', sizeof(longval) - 1);
    longval[sizeof(longval) - 1] = '\0';
    assert_int_equal(ts_fields_add(&f, 0, longname, 0, 0, "%s", longval), TS_OK);
    assert_int_equal(strlen(f.items[0].name), sizeof(f.items[0].name) - 1);
    assert_int_equal(strlen(f.items[0].value), sizeof(f.items[0].value) - 1);
    ts_fields_free(&f);
}

static void test_hex(void **state)
{
    (void)state;
    ts_fields f;
    ts_fields_init(&f);
    uint8_t small[3] = {0xde, 0xad, 0x01};
    uint8_t big[200];
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)i;
    }
    assert_int_equal(ts_fields_add_hex(&f, 0, "s", 7, small, 3), TS_OK);
    assert_int_equal(ts_fields_add_hex(&f, 0, "b", 10, big, sizeof(big)), TS_OK);
    assert_int_equal(ts_fields_add_hex(&f, 0, "e", 10, NULL, 0), TS_OK);
    assert_string_equal(f.items[0].value, "dead01");
    assert_int_equal(f.items[0].len, 3);
    assert_int_equal(f.items[1].len, 200);
    assert_int_equal(strncmp(f.items[1].value, "000102030405", 12), 0);
    assert_non_null(strstr(f.items[1].value, "... (200 bytes)"));
    assert_string_equal(f.items[2].value, "");
    ts_fields_free(&f);
}

static void test_offsets(void **state)
{
    (void)state;
    uint8_t data[10] = {0};
    ts_buf b, sub;
    ts_buf_view(&b, data, sizeof(data));
    ts_fields f;
    ts_fields_init(&f);
    f.base = 100;
    assert_int_equal(ts_buf_skip(&b, 2), TS_OK);
    ts_fields_begin(&f, &b); /* origin = data + 2 */
    assert_int_equal(ts_fields_offset(&f, &b), 100);
    assert_int_equal(ts_buf_read_view(&b, 5, &sub), TS_OK);
    assert_int_equal(ts_buf_skip(&sub, 3), TS_OK);
    assert_int_equal(ts_fields_offset(&f, &sub), 103);
    ts_fields_begin(&f, &sub); /* origin already set: unchanged */
    assert_int_equal(ts_fields_offset(&f, &b), 105);
    ts_fields_free(&f);
}

static void test_grows_and_bounded(void **state)
{
    (void)state;
    ts_fields f;
    ts_fields_init(&f);
    ts_err err = TS_OK;
    size_t i;
    for (i = 0; i < TS_FIELDS_MAX + 5 && err == TS_OK; i++) {
        err = ts_fields_add(&f, 0, "x", i, 1, "%zu", i);
    }
    assert_int_equal(err, TS_OK); /* decoding goes on; memory stays bounded */
    assert_int_equal(f.n, TS_FIELDS_MAX);
    assert_true(f.truncated);
    assert_string_equal(f.items[TS_FIELDS_MAX - 2].value, "16382");
    assert_string_equal(f.items[TS_FIELDS_MAX - 1].name, "truncated");
    ts_fields_free(&f);
}

/* Peer-chosen bytes never reach a terminal raw (escape-sequence injection). */
static void test_values_are_safe_text(void **state)
{
    (void)state;
    ts_fields f;
    ts_fields_init(&f);
    const uint8_t evil[] = "a\x1b[31mb\x07" "c\\d\xc3\xa9";
    assert_int_equal(ts_fields_add_text(&f, 0, "host", 0, evil, sizeof(evil) - 1), TS_OK);
    assert_string_equal(f.items[0].value, "a\\x1b[31mb\\x07c\\\\d\\xc3\\xa9");
    assert_int_equal(ts_fields_add(&f, 0, "fmt", 0, 1, "%s", "x\x1by\n"), TS_OK);
    assert_string_equal(f.items[1].value, "x\\x1by\\x0a");
    ts_fields_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_find),   cmocka_unit_test(test_null_list_is_noop),
        cmocka_unit_test(test_truncation),     cmocka_unit_test(test_hex),
        cmocka_unit_test(test_offsets),        cmocka_unit_test(test_grows_and_bounded),
        cmocka_unit_test(test_values_are_safe_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
