/* Unit tests for ts_hex: encoding, lenient and strict decoding, hex dumps
 * written, and hex text read back (streams, xxd, hexdump -C, Wireshark). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"

static void test_encode(void **state)
{
    (void)state;
    static const uint8_t data[] = {0x00, 0x01, 0x7f, 0x80, 0xab, 0xff};
    char out[13];
    memset(out, 'x', sizeof(out));
    ts_hex_encode(data, sizeof(data), out);
    assert_string_equal(out, "00017f80abff");
    ts_hex_encode(data, 0, out);
    assert_string_equal(out, "");
    char *s = ts_hex_strdup(data, 3);
    assert_non_null(s);
    assert_string_equal(s, "00017f");
    free(s);
    s = ts_hex_strdup(NULL, 0);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
    assert_null(ts_hex_strdup(data, SIZE_MAX / 2 + 1));
}

static void test_digit(void **state)
{
    (void)state;
    const char *digits = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        assert_int_equal(ts_hex_digit((unsigned char)digits[i]), i);
    }
    assert_int_equal(ts_hex_digit('A'), 10);
    assert_int_equal(ts_hex_digit('F'), 15);
    int n_digits = 0;
    for (int c = 0; c < 256; c++) {
        n_digits += ts_hex_digit((unsigned char)c) >= 0;
    }
    assert_int_equal(n_digits, 22);
    assert_int_equal(ts_hex_digit('g'), -1);
    assert_int_equal(ts_hex_digit('G'), -1);
    assert_int_equal(ts_hex_digit('/'), -1);
    assert_int_equal(ts_hex_digit(':'), -1);
    assert_int_equal(ts_hex_digit('@'), -1);
    assert_int_equal(ts_hex_digit('`'), -1);
    assert_int_equal(ts_hex_digit(0), -1);
    assert_int_equal(ts_hex_digit(0xb0), -1);
}

/* Decodes text expecting success and the bytes want (n of them). */
static void decodes_to(const char *text, const uint8_t *want, size_t n)
{
    ts_buf b;
    ts_buf_init(&b);
    size_t bad = 12345;
    assert_int_equal(ts_hex_decode(text, &b, &bad), TS_OK);
    assert_int_equal(b.len, n);
    if (n > 0) {
        assert_memory_equal(b.data, want, n);
    }
    assert_int_equal(bad, 12345); /* untouched on success */
    ts_buf_free(&b);
}

/* Decodes text expecting TS_ERR_HEX at offset want_at. */
static void fails_at(const char *text, size_t want_at)
{
    ts_buf b;
    ts_buf_init(&b);
    size_t bad = 12345;
    assert_int_equal(ts_hex_decode(text, &b, &bad), TS_ERR_HEX);
    assert_int_equal(bad, want_at);
    ts_buf_free(&b);
    ts_buf_init(&b);
    assert_int_equal(ts_hex_decode(text, &b, NULL), TS_ERR_HEX); /* bad_at may be NULL */
    ts_buf_free(&b);
}

static void test_decode(void **state)
{
    (void)state;
    static const uint8_t deadbeef[] = {0xde, 0xad, 0xbe, 0xef};
    decodes_to("deadbeef", deadbeef, 4);
    decodes_to("DEADBEEF", deadbeef, 4);
    decodes_to("De:aD:bE:eF", deadbeef, 4);
    decodes_to("de ad\tbe\nef\r\n", deadbeef, 4);
    decodes_to("de-ad-be-ef", deadbeef, 4);
    decodes_to("0xdeadbeef", deadbeef, 4);
    decodes_to("0Xdeadbeef", deadbeef, 4);
    decodes_to("  0xde ad", deadbeef, 2);
    decodes_to("", NULL, 0);
    decodes_to("  : - ", NULL, 0);
    decodes_to("0x", NULL, 0);
    decodes_to("00", (const uint8_t *)"", 1);
}

static void test_decode_errors(void **state)
{
    (void)state;
    fails_at("abc", 3);       /* odd digit count: the missing digit's place */
    fails_at("ab:c", 4);
    fails_at("zz", 0);        /* bad first digit */
    fails_at("az", 1);        /* bad second digit */
    fails_at("ab cd g0", 6);
    fails_at("a b", 1);       /* a separator inside a pair */
    fails_at("0x0x12", 3);    /* only one leading 0x: the second x is bad */
    fails_at("12 0x34", 4);   /* 0x only at the start: its x is bad */
    fails_at("ab\xc3\xa9", 2);
    /* bytes decoded before the error stay appended (callers discard) */
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_u8(&b, 0x55), TS_OK);
    assert_int_equal(ts_hex_decode("01 xx", &b, NULL), TS_ERR_HEX);
    assert_int_equal(b.data[0], 0x55);
    ts_buf_free(&b);
    /* a view cannot take the output */
    uint8_t store[2];
    ts_buf v;
    ts_buf_view(&v, store, 0);
    assert_int_equal(ts_hex_decode("01", &v, NULL), TS_ERR_ARG);
}

static void test_decode_exact(void **state)
{
    (void)state;
    uint8_t out[4] = {0};
    assert_int_equal(ts_hex_decode_exact("0a0B0c0D", out, 4), TS_OK);
    assert_memory_equal(out, ((uint8_t[]){0x0a, 0x0b, 0x0c, 0x0d}), 4);
    assert_int_equal(ts_hex_decode_exact("0a0b0c", out, 4), TS_ERR_HEX);     /* short */
    assert_int_equal(ts_hex_decode_exact("0a0b0c0d0e", out, 4), TS_ERR_HEX); /* long */
    assert_int_equal(ts_hex_decode_exact("0a:b0c0d", out, 4), TS_ERR_HEX);   /* separator */
    assert_int_equal(ts_hex_decode_exact("0x0b0c0d", out, 4), TS_ERR_HEX);   /* no 0x */
    assert_int_equal(ts_hex_decode_exact("", out, 0), TS_OK);
}

static char *dump(const char *indent, const uint8_t *data, size_t n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    ts_hex_dump(f, indent, data, n);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_dump(void **state)
{
    (void)state;
    const uint8_t data[] = "ABCDEFGHIJKLMNOPqr\x01";
    char *text = dump("  ", data, 19);
    assert_string_equal(text,
                        "  0000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  "
                        "|ABCDEFGHIJKLMNOP|\n"
                        "  0010  71 72 01                                          "
                        "|qr.|\n");
    free(text);
    text = dump("", data, 0);
    assert_string_equal(text, "");
    free(text);
    const uint8_t eight[] = {0x00, 0x20, 0x7e, 0x7f, 0x80, 0xff, 'a', '~'};
    text = dump("> ", eight, 8);
    assert_string_equal(text, "> 0000  00 20 7e 7f 80 ff 61 7e                           "
                              "|. ~...a~|\n");
    free(text);
}

/* --- reading hex text: streams and dumps --- */

/* Four records, 30 bytes, written out in each of the forms below. */
static const uint8_t records[] = {
    0x16, 0x03, 0x03, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00, 0x14,
    0x03, 0x03, 0x00, 0x01, 0x01, 0x16, 0x03, 0x03, 0x00, 0x03,
    0xaa, 0xbb, 0xcc, 0x17, 0x03, 0x03, 0x00, 0x02, 0xdd, 0xee,
};

/* text is hex text and reads as the n bytes want. */
static void text_reads_as(const char *text, const uint8_t *want, size_t n)
{
    assert_true(ts_hex_is_text((const uint8_t *)text, strlen(text)));
    ts_buf out;
    ts_buf_init(&out);
    size_t bad = 99;
    ts_err err = ts_hex_decode_text((const uint8_t *)text, strlen(text), &out, &bad);
    if (err != TS_OK) {
        fail_msg("%s: bad hex at %zu", text, bad);
    }
    assert_int_equal(out.len, n);
    assert_memory_equal(out.data, want, n);
    assert_int_equal(bad, 99); /* untouched on success */
    ts_buf_free(&out);
}

/* The len bytes of text fail with TS_ERR_HEX at want_at, appending nothing. */
static void text_fails_at(const char *text, size_t len, size_t want_at)
{
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_buf_write_u8(&out, 0x55), TS_OK);
    size_t bad = 9999;
    assert_int_equal(ts_hex_decode_text((const uint8_t *)text, len, &out, &bad), TS_ERR_HEX);
    assert_int_equal(bad, want_at);
    assert_int_equal(out.len, 1); /* only what was there before */
    assert_int_equal(out.data[0], 0x55);
    assert_int_equal(ts_hex_decode_text((const uint8_t *)text, len, &out, NULL), TS_ERR_HEX);
    ts_buf_free(&out);
}

static void test_text_streams(void **state)
{
    (void)state;
    const uint8_t *w = records;
    text_reads_as("16030300040e0000001403030001011603030003aabbcc170303000" "2ddee\n", w, 30);
    text_reads_as("16:03:03:00:04:0e:00:00:00:14:03:03:00:01:01:16:03:03:00:03:aa:bb:cc:17:"
                  "03:03:00:02:dd:ee", w, 30);
    text_reads_as("0x16030300040e000000\r\n140303000101160303000" "3aabbcc1703030002ddee", w,
                  30);
    text_reads_as("16-03-03 00 04\t0E 00 00 00 14 03 03 00 01 01 16 03 03 00 03 AA BB CC 17 03 "
                  "03 00 02 DD EE\r\n", w, 30);
    /* Appended after what out holds. */
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_buf_write_u8(&out, 0x55), TS_OK);
    assert_int_equal(ts_hex_decode_text((const uint8_t *)"aabb", 4, &out, NULL), TS_OK);
    assert_memory_equal(out.data, ((uint8_t[]){0x55, 0xaa, 0xbb}), 3);
    /* Only the first n bytes count. */
    assert_int_equal(ts_hex_decode_text((const uint8_t *)"ccddzz", 4, &out, NULL), TS_OK);
    assert_int_equal(out.len, 5);
    assert_int_equal(out.data[4], 0xdd);
    ts_buf_free(&out);
}

static void test_text_dumps(void **state)
{
    (void)state;
    const uint8_t *w = records;
    /* xxd */
    text_reads_as("00000000: 1603 0300 040e 0000 0014 0303 0001 0116  ................\n"
                  "00000010: 0303 0003 aabb cc17 0303 0002 ddee       ..............\n", w, 30);
    /* hexdump -C, with its gap after 8 bytes and the closing offset line */
    text_reads_as("00000000  16 03 03 00 04 0e 00 00  00 14 03 03 00 01 01 16  |................|\n"
                  "00000010  03 03 00 03 aa bb cc 17  03 03 00 02 dd ee        |..............|\n"
                  "0000001e\n", w, 30);
    /* Wireshark "Copy as Hex Dump"; the last line's text column is hex-like. */
    text_reads_as("0000   16 03 03 00 04 0e 00 00 00 14 03 03 00 01 01 16   ................\n"
                  "0010   03 03 00 03 aa bb cc 17 03 03 00 02 dd ee   cafe\n", w, 30);
    /* A text column that looks like hex on a full line is cut by the offsets. */
    text_reads_as("0000 16 03 03 00 04 0e 00 00 00 14 03 03 00 01 01 16 abcd\n"
                  "0010 03 03 00 03 aa bb cc 17 03 03 00 02 dd ee\n", w, 30);
    /* Blank lines, leading spaces and CRLF line ends. */
    text_reads_as("\n  0000  16 03 03 00 04 0e 00 00 00 14 03 03 00 01 01 16\r\n\r\n"
                  "  0010  03 03 00 03 aa bb cc 17 03 03 00 02 dd ee\r\n", w, 30);
    /* ts_hex_dump's own output reads back. */
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    ts_hex_dump(f, "", records, sizeof(records));
    assert_int_equal(fclose(f), 0);
    text_reads_as(text, w, 30);
    free(text);
}

static void test_text_errors(void **state)
{
    (void)state;
    text_fails_at("1603030", 7, 7);         /* odd digit count: the missing digit */
    text_fails_at("16 03 zz", 8, 6);        /* not hex */
    text_fails_at("16 03\0 00", 9, 5);      /* a NUL byte */
    text_fails_at("0000  16 03\n0004  00 00\n", 24, 12); /* offset does not follow on */
    text_fails_at("0000  16 03\n0002  zz\n", 21, 18);     /* not a byte group */
    text_fails_at("0000  1 03\n", 11, 6);                 /* half a byte first */
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_hex_decode_text(NULL, 0, &out, NULL), TS_ERR_ARG);
    assert_int_equal(ts_hex_decode_text((const uint8_t *)"00", 2, NULL, NULL), TS_ERR_ARG);
    ts_buf_free(&out);
}

static void test_is_text(void **state)
{
    (void)state;
    const uint8_t raw[] = {0x16, 0x03, 0x03, 0x00, 0x01, 0x00};
    assert_false(ts_hex_is_text(raw, sizeof(raw)));
    assert_false(ts_hex_is_text((const uint8_t *)"hello", 5));
    assert_false(ts_hex_is_text((const uint8_t *)" \n", 2));
    assert_false(ts_hex_is_text((const uint8_t *)"12 0x34", 7));
    assert_false(ts_hex_is_text(NULL, 0));
    assert_false(ts_hex_is_text((const uint8_t *)"00", 0));
    assert_true(ts_hex_is_text((const uint8_t *)"0x1603", 6));
    assert_true(ts_hex_is_text((const uint8_t *)"16:03-03 00\n", 12));
    /* A dump: offset 0 with at least four zeros, then any text column. */
    assert_true(ts_hex_is_text((const uint8_t *)"0000  16 03  |..|\n", 18));
    assert_false(ts_hex_is_text((const uint8_t *)"000  16 03  |..|\n", 17));
    assert_false(ts_hex_is_text((const uint8_t *)"0010  16 03  |..|\n", 18));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encode),
        cmocka_unit_test(test_digit),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_decode_errors),
        cmocka_unit_test(test_decode_exact),
        cmocka_unit_test(test_dump),
        cmocka_unit_test(test_text_streams),
        cmocka_unit_test(test_text_dumps),
        cmocka_unit_test(test_text_errors),
        cmocka_unit_test(test_is_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
