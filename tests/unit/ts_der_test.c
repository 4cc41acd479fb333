/* Unit tests for ts_der: writer round trips (short and long lengths, nested
 * values whose content moves), INTEGER and OID encodings, and the strict
 * reader on malformed input (truncated, non-minimal, indefinite, past the
 * end, wrong tag, negative, leading zero). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_buf.h"
#include "base/ts_hex.h"
#include "crypto/ts_der.h"
#include "ts_test_hex.h"

/* Asserts that b holds exactly the bytes of hex text want. */
static void assert_bytes(const ts_buf *b, const char *want)
{
    ts_buf w = hex(want);
    assert_int_equal(b->len, w.len);
    assert_memory_equal(b->data, w.data, w.len);
    ts_buf_free(&w);
}

static void test_tlv_lengths(void **state)
{
    (void)state;
    static const size_t sizes[] = {0, 1, 127, 128, 255, 256, 65535, 65536, 70000};
    static const size_t header[] = {2, 2, 2, 3, 3, 4, 4, 5, 5};
    uint8_t *data = malloc(70000);
    assert_non_null(data);
    for (size_t i = 0; i < 70000; i++) {
        data[i] = (uint8_t)(i * 7);
    }
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        ts_buf b;
        ts_buf_init(&b);
        assert_int_equal(ts_der_write_tlv(&b, TS_DER_OCTET_STRING, data, sizes[i]), TS_OK);
        assert_int_equal(b.len, header[i] + sizes[i]);
        uint8_t tag = 0;
        ts_buf content;
        ts_buf whole;
        assert_int_equal(ts_der_read_any(&b, &tag, &content, &whole), TS_OK);
        assert_int_equal(tag, TS_DER_OCTET_STRING);
        assert_int_equal(ts_buf_remaining(&content), sizes[i]);
        assert_int_equal(ts_buf_remaining(&whole), b.len);
        if (sizes[i] > 0) {
            assert_memory_equal(ts_buf_cursor(&content), data, sizes[i]);
        }
        assert_int_equal(ts_buf_expect_end(&b), TS_OK);
        ts_buf_free(&b);
    }
    free(data);
}

static void test_exact_encodings(void **state)
{
    (void)state;
    ts_buf b;
    ts_buf_init(&b);
    uint8_t c128[128];
    memset(c128, 0xAB, sizeof(c128));
    assert_int_equal(ts_der_write_tlv(&b, TS_DER_OCTET_STRING, c128, 2), TS_OK);
    assert_bytes(&b, "0402abab");
    ts_buf_reset(&b);
    assert_int_equal(ts_der_write_tlv(&b, TS_DER_OCTET_STRING, c128, 128), TS_OK);
    assert_int_equal(b.data[1], 0x81);
    assert_int_equal(b.data[2], 0x80);
    ts_buf_reset(&b);
    assert_int_equal(ts_der_write_null(&b), TS_OK);
    assert_bytes(&b, "0500");
    ts_buf_reset(&b);
    /* 1.2.840.113549.1.1.1, as in RFC 8017 appendix A.1 */
    assert_int_equal(ts_der_write_oid(&b, &TS_OID_RSA_ENCRYPTION), TS_OK);
    assert_bytes(&b, "06092a864886f70d010101");
    ts_buf_reset(&b);
    assert_int_equal(ts_der_write_oid(&b, &TS_OID_SHA256), TS_OK);
    assert_bytes(&b, "0609608648016503040201");
    ts_buf_free(&b);
}

static void test_write_uint(void **state)
{
    (void)state;
    static const struct {
        const char *mag;
        const char *der;
    } cases[] = {
        {"", "020100"},
        {"00", "020100"},
        {"0000", "020100"},
        {"7f", "02017f"},
        {"80", "02020080"},
        {"000080", "02020080"},
        {"010001", "0203010001"},
        {"ff00", "020300ff00"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ts_buf mag = hex(cases[i].mag);
        ts_buf b;
        ts_buf_init(&b);
        assert_int_equal(ts_der_write_uint(&b, mag.data, mag.len), TS_OK);
        assert_bytes(&b, cases[i].der);
        ts_buf view;
        ts_buf_view(&view, b.data, b.len);
        ts_buf got;
        assert_int_equal(ts_der_read_uint(&view, &got), TS_OK);
        /* the magnitude read back is the input without leading zeros */
        size_t skip = 0;
        while (skip < mag.len && mag.data[skip] == 0) {
            skip++;
        }
        assert_int_equal(ts_buf_remaining(&got), mag.len - skip);
        ts_buf_free(&mag);
        ts_buf_free(&b);
    }
}

static void test_small(void **state)
{
    (void)state;
    static const uint64_t values[] = {0, 1, 127, 128, 255, 256, 65537, UINT64_MAX};
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        ts_buf b;
        ts_buf_init(&b);
        assert_int_equal(ts_der_write_small(&b, values[i]), TS_OK);
        uint64_t v = 1234;
        assert_int_equal(ts_der_read_small(&b, &v), TS_OK);
        assert_true(v == values[i]);
        assert_int_equal(ts_buf_expect_end(&b), TS_OK);
        ts_buf_free(&b);
    }
    ts_buf b = hex("0203010001");
    uint64_t v;
    assert_int_equal(ts_der_read_small(&b, &v), TS_OK);
    assert_true(v == 65537);
    ts_buf_free(&b);
    /* nine magnitude bytes do not fit */
    b = hex("020a01000000000000000000");
    assert_int_equal(ts_der_read_small(&b, &v), TS_ERR_DER);
    assert_int_equal(b.pos, 0);
    ts_buf_free(&b);
}

static void test_nested_moves_content(void **state)
{
    (void)state;
    ts_buf b;
    ts_buf_init(&b);
    uint8_t big[300];
    for (size_t i = 0; i < sizeof(big); i++) {
        big[i] = (uint8_t)i;
    }
    size_t outer;
    size_t inner;
    assert_int_equal(ts_der_begin(&b, TS_DER_SEQUENCE, &outer), TS_OK);
    assert_int_equal(ts_der_write_small(&b, 5), TS_OK);
    assert_int_equal(ts_der_begin(&b, TS_DER_CONTEXT_0, &inner), TS_OK);
    assert_int_equal(ts_der_write_tlv(&b, TS_DER_OCTET_STRING, big, sizeof(big)), TS_OK);
    assert_int_equal(ts_der_end(&b, inner), TS_OK);
    assert_int_equal(ts_der_write_null(&b), TS_OK);
    assert_int_equal(ts_der_end(&b, outer), TS_OK);
    /* 30 82 len { 02 01 05, a0 82 0130 { 04 82 012c big }, 05 00 } */
    assert_int_equal(b.len, 4 + 3 + 4 + 4 + 300 + 2);
    assert_int_equal(b.data[0], 0x30);
    assert_int_equal(b.data[1], 0x82);
    assert_int_equal((b.data[2] << 8) | b.data[3], 3 + 4 + 4 + 300 + 2);
    ts_buf seq;
    ts_buf ctx;
    ts_buf oct;
    ts_buf null;
    uint64_t v;
    assert_int_equal(ts_der_read(&b, TS_DER_SEQUENCE, &seq, NULL), TS_OK);
    assert_int_equal(ts_der_read_small(&seq, &v), TS_OK);
    assert_true(v == 5);
    assert_int_equal(ts_der_read(&seq, TS_DER_CONTEXT_0, &ctx, NULL), TS_OK);
    assert_int_equal(ts_der_read(&ctx, TS_DER_OCTET_STRING, &oct, NULL), TS_OK);
    assert_int_equal(ts_buf_remaining(&oct), sizeof(big));
    assert_memory_equal(ts_buf_cursor(&oct), big, sizeof(big));
    assert_int_equal(ts_buf_expect_end(&ctx), TS_OK);
    assert_int_equal(ts_der_read(&seq, TS_DER_NULL, &null, NULL), TS_OK);
    assert_int_equal(ts_buf_expect_end(&seq), TS_OK);
    assert_int_equal(ts_buf_expect_end(&b), TS_OK);
    ts_buf_free(&b);
}

static void test_whole_view(void **state)
{
    (void)state;
    ts_buf b = hex("3003020101ff");
    ts_buf content;
    ts_buf whole;
    assert_int_equal(ts_der_read(&b, TS_DER_SEQUENCE, &content, &whole), TS_OK);
    assert_int_equal(ts_buf_remaining(&whole), 5);
    assert_int_equal(ts_buf_cursor(&whole)[0], 0x30);
    assert_int_equal(ts_buf_remaining(&content), 3);
    assert_int_equal(ts_buf_remaining(&b), 1);
    assert_int_equal(ts_buf_expect_end(&b), TS_ERR_TRAILING);
    ts_buf_free(&b);
}

static void test_oid(void **state)
{
    (void)state;
    ts_buf b = hex("0609608648016503040202");
    ts_buf oid;
    assert_int_equal(ts_der_read_oid(&b, &oid), TS_OK);
    assert_true(ts_der_oid_equal(&oid, &TS_OID_SHA384));
    assert_false(ts_der_oid_equal(&oid, &TS_OID_SHA256));
    ts_buf_free(&b);
    /* a sub-identifier starting with 0x80 is not minimal; a last byte
     * with the continuation bit leaves the OID unfinished; empty is bad */
    static const char *bad[] = {"0603808648", "06025586", "0600"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        b = hex(bad[i]);
        assert_int_equal(ts_der_read_oid(&b, &oid), TS_ERR_DER);
        assert_int_equal(b.pos, 0);
        ts_buf_free(&b);
    }
}

static void test_bits(void **state)
{
    (void)state;
    ts_buf b = hex("030300abcd");
    ts_buf bits;
    assert_int_equal(ts_der_read_bits(&b, &bits), TS_OK);
    assert_int_equal(ts_buf_remaining(&bits), 2);
    assert_int_equal(ts_buf_cursor(&bits)[0], 0xab);
    ts_buf_free(&b);
    static const char *bad[] = {"030301abcd", "0300", "0403000000"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        b = hex(bad[i]);
        assert_int_equal(ts_der_read_bits(&b, &bits), TS_ERR_DER);
        assert_int_equal(b.pos, 0);
        ts_buf_free(&b);
    }
}

static void test_malformed(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        const char *der;
    } cases[] = {
        {"truncated content", "3005020101"},
        {"truncated header", "30"},
        {"long-form length that fits the short form", "30810302010a"},
        {"long-form length with a leading zero", "3082000302010a"},
        {"indefinite length", "308002010a0000"},
        {"length bytes missing", "3082"},
        {"five length bytes", "30850000000003020100"},
        {"length past the end", "3084ffffffff00"},
        {"high tag number form", "1f0100"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ts_buf b = hex(cases[i].der);
        uint8_t tag;
        ts_buf content;
        ts_err err = ts_der_read_any(&b, &tag, &content, NULL);
        if (err != TS_ERR_DER) {
            fail_msg("%s: got %s", cases[i].what, ts_err_name(err));
        }
        assert_int_equal(b.pos, 0); /* the cursor has not moved */
        ts_buf_free(&b);
    }
    ts_buf empty;
    ts_buf_view(&empty, NULL, 0);
    uint8_t tag;
    ts_buf content;
    assert_int_equal(ts_der_peek(&empty, &tag), TS_ERR_SHORT);
    assert_int_equal(ts_der_read_any(&empty, &tag, &content, NULL), TS_ERR_SHORT);
}

static void test_wrong_tag_and_integers(void **state)
{
    (void)state;
    ts_buf b = hex("0201050500");
    ts_buf content;
    assert_int_equal(ts_der_read(&b, TS_DER_SEQUENCE, &content, NULL), TS_ERR_DER);
    assert_int_equal(b.pos, 0);
    ts_buf_free(&b);
    static const struct {
        const char *what;
        const char *der;
    } bad[] = {
        {"negative", "020180"},
        {"negative, two bytes", "0202ff01"},
        {"leading zero not needed", "0202007f"},
        {"two leading zeros", "020300008f"},
        {"empty", "0200"},
        {"not an INTEGER", "0401ff"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        b = hex(bad[i].der);
        ts_buf mag;
        ts_err err = ts_der_read_uint(&b, &mag);
        if (err != TS_ERR_DER) {
            fail_msg("%s: got %s", bad[i].what, ts_err_name(err));
        }
        assert_int_equal(b.pos, 0);
        ts_buf_free(&b);
    }
}

/* Walks a DER tree recursively (constructed tags); returns values seen. */
static size_t walk(ts_buf *b, int depth)
{
    size_t seen = 0;
    while (ts_buf_remaining(b) > 0) {
        uint8_t tag;
        ts_buf content;
        if (ts_der_read_any(b, &tag, &content, NULL) != TS_OK) {
            return seen;
        }
        seen++;
        if ((tag & 0x20) && depth < 16) {
            seen += walk(&content, depth + 1);
        }
    }
    return seen;
}

static void test_never_crashes(void **state)
{
    (void)state;
    /* every single-byte change of a small nested structure, and every
     * prefix: the reader must stay inside the bytes (ASan checks) */
    ts_buf base;
    ts_buf_init(&base);
    uint8_t filler[150];
    for (size_t i = 0; i < sizeof(filler); i++) {
        filler[i] = (uint8_t)(i + 1);
    }
    size_t outer;
    size_t inner;
    assert_int_equal(ts_der_begin(&base, TS_DER_SEQUENCE, &outer), TS_OK);
    assert_int_equal(ts_der_write_small(&base, 1), TS_OK);
    assert_int_equal(ts_der_begin(&base, TS_DER_CONTEXT_0, &inner), TS_OK);
    assert_int_equal(ts_der_write_oid(&base, &TS_OID_SHA256), TS_OK);
    assert_int_equal(ts_der_write_uint(&base, filler, 9), TS_OK);
    assert_int_equal(ts_der_end(&base, inner), TS_OK);
    assert_int_equal(ts_der_write_tlv(&base, TS_DER_OCTET_STRING, filler, sizeof(filler)), TS_OK);
    assert_int_equal(ts_der_end(&base, outer), TS_OK);
    uint8_t *copy = malloc(base.len);
    assert_non_null(copy);
    size_t total = 0;
    for (size_t i = 0; i < base.len; i++) {
        static const uint8_t values[] = {0x00, 0x01, 0x7f, 0x80, 0x81, 0x84, 0xff};
        for (size_t v = 0; v < sizeof(values); v++) {
            memcpy(copy, base.data, base.len);
            copy[i] = values[v];
            ts_buf view;
            ts_buf_view(&view, copy, base.len);
            total += walk(&view, 0);
        }
        ts_buf prefix;
        ts_buf_view(&prefix, base.data, i);
        total += walk(&prefix, 0);
    }
    assert_true(total > 0);
    free(copy);
    ts_buf_free(&base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tlv_lengths),
        cmocka_unit_test(test_exact_encodings),
        cmocka_unit_test(test_write_uint),
        cmocka_unit_test(test_small),
        cmocka_unit_test(test_nested_moves_content),
        cmocka_unit_test(test_whole_view),
        cmocka_unit_test(test_oid),
        cmocka_unit_test(test_bits),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_wrong_tag_and_integers),
        cmocka_unit_test(test_never_crashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
