/* Unit tests for the CLI's language (cli/cli): --lang found anywhere
 * before "--" in either spelling, the locale otherwise; the system's error
 * words in the CLI's language. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/cli.h"

static ts_lang lang_of(int argc, char **argv)
{
    return cli_lang_from_args(argc, argv);
}

static void test_lang_from_args(void **state)
{
    (void)state;
    setenv("LANGUAGE", "", 1);
    setenv("LC_ALL", "", 1);
    setenv("LC_MESSAGES", "", 1);
    setenv("LANG", "C.UTF-8", 1);
    char *a[] = {"tlsstep", "run", "--seed", "1", "--lang", "ko", NULL};
    assert_int_equal(lang_of(6, a), TS_LANG_KO);
    char *b[] = {"tlsstep", "--lang=ko", "lessons", NULL};
    assert_int_equal(lang_of(3, b), TS_LANG_KO);
    char *c[] = {"tlsstep", "run", "--lang", "ko", "--lang", "en", NULL};
    assert_int_equal(lang_of(6, c), TS_LANG_EN); /* the last one, as getopt keeps */
    char *d[] = {"tlsstep", "run", "--", "--lang", "ko", NULL};
    assert_int_equal(lang_of(5, d), TS_LANG_EN); /* after "--": an operand */
    char *e[] = {"tlsstep", "run", "--lang", "fr", NULL};
    assert_int_equal(lang_of(4, e), TS_LANG_EN); /* the command reports it */
    char *f[] = {"tlsstep", "run", "--lang", NULL};
    assert_int_equal(lang_of(3, f), TS_LANG_EN);
    setenv("LANG", "ko_KR.UTF-8", 1);
    char *g[] = {"tlsstep", "run", NULL};
    assert_int_equal(lang_of(2, g), TS_LANG_KO);
    assert_int_equal(lang_of(6, c), TS_LANG_EN); /* --lang wins over the locale */
    setenv("LANGUAGE", "en", 1);
    assert_int_equal(lang_of(2, g), TS_LANG_EN); /* LANGUAGE first, as gettext */
    setenv("LANGUAGE", "", 1);
    setenv("LANG", "C.UTF-8", 1);
}

static void test_set_and_translate(void **state)
{
    (void)state;
    cli_set_lang(TS_LANG_KO);
    assert_int_equal(cli_lang(), TS_LANG_KO);
    assert_string_equal(cli_tr("signature ok"), "서명이 검증되었습니다");
    assert_string_equal(cli_strerror(ENOENT), "그런 파일이나 폴더가 없습니다");
    assert_string_equal(cli_strerror(ECONNREFUSED), "연결이 거부되었습니다");
    assert_true(cli_parse_lang_option("test", "en"));
    assert_int_equal(cli_lang(), TS_LANG_EN);
    assert_string_equal(cli_tr("signature ok"), "signature ok");
    assert_string_equal(cli_strerror(ENOENT), strerror(ENOENT));
    assert_false(cli_parse_lang_option("test", "klingon")); /* prints the usage error */
    assert_int_equal(cli_lang(), TS_LANG_EN);
    cli_set_lang((ts_lang)99);
    assert_int_equal(cli_lang(), TS_LANG_EN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lang_from_args),
        cmocka_unit_test(test_set_and_translate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
