/* Unit tests for ts_pem: the exact text written (RFC 7468 layout, base64 of
 * RFC 4648 section 10 vectors), round trips at every padding length, and
 * failures: bad base64, wrong label, missing or mismatched END. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_buf.h"
#include "crypto/ts_pem.h"

/* Encodes data under label and returns the text NUL-terminated (caller frees). */
static char *encode(const char *label, const uint8_t *data, size_t n)
{
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_pem_encode(label, data, n, &out), TS_OK);
    assert_int_equal(ts_buf_write_u8(&out, 0), TS_OK);
    return (char *)out.data;
}

static void test_exact_text(void **state)
{
    (void)state;
    /* RFC 4648 section 10: BASE64("foobar") = "Zm9vYmFy", "fo" = "Zm8=" */
    char *t = encode("TEST", (const uint8_t *)"foobar", 6);
    assert_string_equal(t, "-----BEGIN TEST-----\nZm9vYmFy\n-----END TEST-----\n");
    free(t);
    t = encode("PUBLIC KEY", (const uint8_t *)"fo", 2);
    assert_string_equal(t, "-----BEGIN PUBLIC KEY-----\nZm8=\n-----END PUBLIC KEY-----\n");
    free(t);
    t = encode("X", NULL, 0);
    assert_string_equal(t, "-----BEGIN X-----\n-----END X-----\n");
    free(t);
}

static void test_lines_of_64(void **state)
{
    (void)state;
    uint8_t data[200];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(i * 13 + 1);
    }
    char *t = encode("DATA", data, sizeof(data));
    /* 200 bytes -> 268 base64 characters: lines of 64, 64, 64, 64, 12 */
    const char *line = strchr(t, '\n') + 1;
    size_t widths[5];
    for (size_t i = 0; i < 5; i++) {
        const char *nl = strchr(line, '\n');
        assert_non_null(nl);
        widths[i] = (size_t)(nl - line);
        line = nl + 1;
    }
    assert_int_equal(widths[0], 64);
    assert_int_equal(widths[3], 64);
    assert_int_equal(widths[4], 12);
    assert_string_equal(line, "-----END DATA-----\n");
    free(t);
}

static void test_round_trips(void **state)
{
    (void)state;
    uint8_t data[100];
    for (size_t i = 0; i < sizeof(data); i++) {
        data[i] = (uint8_t)(255 - i * 3);
    }
    for (size_t n = 0; n <= sizeof(data); n++) {
        char *t = encode("RSA PRIVATE KEY", data, n);
        ts_buf out;
        ts_buf_init(&out);
        assert_int_equal(ts_pem_decode(t, strlen(t), "RSA PRIVATE KEY", &out), TS_OK);
        assert_int_equal(out.len, n);
        if (n > 0) {
            assert_memory_equal(out.data, data, n);
        }
        ts_buf_free(&out);
        free(t);
    }
}

static void test_lenient_layout(void **state)
{
    (void)state;
    /* explanatory text before, CR LF line ends, odd line widths */
    const char *t = "Certificate:\n  subject: nobody\n"
                    "-----BEGIN TEST-----\r\nZm9v\r\nYmFy\r\n-----END TEST-----\r\n";
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_pem_decode(t, strlen(t), "TEST", &out), TS_OK);
    assert_int_equal(out.len, 6);
    assert_memory_equal(out.data, "foobar", 6);
    ts_buf_free(&out);
}

static void test_skips_other_labels_and_reads_on(void **state)
{
    (void)state;
    const char *t = "-----BEGIN OTHER-----\nZm8=\n-----END OTHER-----\n"
                    "-----BEGIN CERTIFICATE-----\nZm9vYmFy\n-----END CERTIFICATE-----\n"
                    "-----BEGIN CERTIFICATE-----\nZm9v\n-----END CERTIFICATE-----\n";
    const char *labels[] = {"PRIVATE KEY", "CERTIFICATE"};
    size_t pos = 0;
    size_t which = 9;
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_pem_read(t, strlen(t), &pos, labels, 2, &which, &out), TS_OK);
    assert_int_equal(which, 1);
    assert_int_equal(out.len, 6);
    ts_buf_reset(&out);
    assert_int_equal(ts_pem_read(t, strlen(t), &pos, labels, 2, &which, &out), TS_OK);
    assert_int_equal(out.len, 3);
    assert_memory_equal(out.data, "foo", 3);
    ts_buf_reset(&out);
    assert_int_equal(ts_pem_read(t, strlen(t), &pos, labels, 2, &which, &out), TS_ERR_PEM);
    assert_int_equal(out.len, 0);
    ts_buf_free(&out);
}

static void test_failures(void **state)
{
    (void)state;
    static const struct {
        const char *what;
        const char *text;
        ts_err want;
    } cases[] = {
        {"bad base64 character", "-----BEGIN TEST-----\nZm9v*mFy\n-----END TEST-----\n",
         TS_ERR_BASE64},
        {"missing padding", "-----BEGIN TEST-----\nZm8\n-----END TEST-----\n", TS_ERR_BASE64},
        {"header line in the body",
         "-----BEGIN TEST-----\nProc-Type: 4,ENCRYPTED\n\nZm9v\n-----END TEST-----\n",
         TS_ERR_BASE64},
        {"wrong label", "-----BEGIN RSA PRIVATE KEY-----\nZm9v\n-----END RSA PRIVATE KEY-----\n",
         TS_ERR_PEM},
        {"missing END", "-----BEGIN TEST-----\nZm9vYmFy\n", TS_ERR_PEM},
        {"END of another label", "-----BEGIN TEST-----\nZm9v\n-----END OTHER-----\n", TS_ERR_PEM},
        {"END cut short", "-----BEGIN TEST-----\nZm9v\n-----END TEST---", TS_ERR_PEM},
        {"no PEM at all", "just some text\n", TS_ERR_PEM},
        {"empty", "", TS_ERR_PEM},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ts_buf out;
        ts_buf_init(&out);
        ts_err err = ts_pem_decode(cases[i].text, strlen(cases[i].text), "TEST", &out);
        if (err != cases[i].want) {
            fail_msg("%s: got %s", cases[i].what, ts_err_name(err));
        }
        assert_int_equal(out.len, 0);
        ts_buf_free(&out);
    }
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_pem_encode("", (const uint8_t *)"x", 1, &out), TS_ERR_ARG);
    ts_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_text),
        cmocka_unit_test(test_lines_of_64),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_lenient_layout),
        cmocka_unit_test(test_skips_other_labels_and_reads_on),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
