/* Unit tests for ts_text: UTF-8 decoding and display widths, the same in
 * any locale (the test never calls setlocale: it runs in "C"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_text.h"

static size_t width(const char *s)
{
    return ts_text_width(s, strlen(s));
}

static void test_ascii(void **state)
{
    (void)state;
    assert_int_equal(width(""), 0);
    assert_int_equal(width("a"), 1);
    assert_int_equal(width("hello, world"), 12);
    assert_int_equal(width("a\tb\n"), 2); /* controls take no column */
    assert_int_equal(ts_text_width("abcdef", 3), 3);
}

static void test_wide(void **state)
{
    (void)state;
    assert_int_equal(width("한국어"), 6);
    assert_int_equal(width("클라이언트"), 10);
    assert_int_equal(width("가나다 ab"), 9);
    assert_int_equal(width("中文"), 4);          /* CJK ideographs */
    assert_int_equal(width("カタカナ"), 8);      /* katakana */
    assert_int_equal(width("ＡＢ"), 4);          /* full-width forms */
    assert_int_equal(width("\xf0\xa0\x80\x80"), 2); /* U+20000, CJK extension B */
    assert_int_equal(width("─│…→✓"), 5);        /* what the panes draw: one each */
}

static void test_combining(void **state)
{
    (void)state;
    assert_int_equal(width("e\xcc\x81"), 1);     /* e + U+0301 combining acute */
    assert_int_equal(width("a\xe2\x80\x8b" "b"), 2); /* U+200B zero width space */
    /* conjoining jamo: ㅎ+ㅏ+ㄴ (U+1112 U+1161 U+11AB) is one syllable */
    assert_int_equal(width("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab"), 2);
    assert_int_equal(ts_text_cp_width(0x3099), 0); /* combining kana voiced mark */
}

static void test_invalid(void **state)
{
    (void)state;
    uint32_t cp = 0;
    assert_int_equal(ts_text_decode("\xff", 1, &cp), 1);
    assert_int_equal(cp, TS_TEXT_INVALID);
    assert_int_equal(ts_text_decode("\xed\x9f\xbf", 3, &cp), 3); /* U+D7FF */
    assert_int_equal(cp, 0xD7FF);
    assert_int_equal(ts_text_decode("\xed\xa0\x80", 3, &cp), 1); /* a surrogate */
    assert_int_equal(ts_text_decode("\xc0\xaf", 2, &cp), 1);     /* overlong '/' */
    assert_int_equal(ts_text_decode("\xf4\x90\x80\x80", 4, &cp), 1); /* > U+10FFFF */
    assert_int_equal(ts_text_decode("\xea\xb0", 2, &cp), 1);     /* truncated 가 */
    assert_int_equal(cp, TS_TEXT_INVALID);
    assert_int_equal(ts_text_decode("x", 0, &cp), 0);
    /* each bad byte is one column; what follows is read as it is */
    assert_int_equal(width("\xff" "a"), 2);
    assert_int_equal(width("\x80\x80"), 2);
    assert_int_equal(width("\xea\xb0" "a"), 3);    /* a lead byte cut short */
    assert_int_equal(width("\xe2\x28\xa1"), 3);    /* bad continuation: 3 bytes */
    assert_int_equal(ts_text_width("한", 2), 2);    /* cut mid-character */
    unsigned cols = 9;
    assert_int_equal(ts_text_char("\xc3", 1, &cols), 1);
    assert_int_equal(cols, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii),
        cmocka_unit_test(test_wide),
        cmocka_unit_test(test_combining),
        cmocka_unit_test(test_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
