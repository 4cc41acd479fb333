/* Unit tests for ts_err: the error table and the guard macros. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_err.h"

/* True when s holds a Hangul syllable (UTF-8 EA B0 80 .. ED 9E A3). */
static int has_hangul(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != 0; p++) {
        if (p[0] >= 0xEA && p[0] <= 0xED && p[1] >= 0x80 && p[1] <= 0xBF) {
            return 1;
        }
    }
    return 0;
}

/* Every code has a non-empty text in each language and a name, all
 * distinct; the Korean text is Korean (not the English left in). */
static void test_table_complete_and_distinct(void **state)
{
    (void)state;
    for (int i = 0; i < TS_ERR_COUNT; i++) {
        const char *ko = ts_err_str((ts_err)i, TS_LANG_KO);
        assert_non_null(ko);
        assert_true(has_hangul(ko));
        assert_string_not_equal(ko, ts_err_str((ts_err)i, TS_LANG_EN));
        assert_null(strchr(ko, '\n'));
        for (int j = 0; j < i; j++) {
            assert_string_not_equal(ko, ts_err_str((ts_err)j, TS_LANG_KO));
        }
    }
    for (int i = 0; i < TS_ERR_COUNT; i++) {
        const char *text = ts_err_str((ts_err)i, TS_LANG_EN);
        const char *name = ts_err_name((ts_err)i);
        assert_non_null(text);
        assert_non_null(name);
        assert_true(strlen(text) > 0);
        assert_string_not_equal(text, "unknown error");
        assert_string_not_equal(name, "TS_ERR_UNKNOWN");
        assert_true(strncmp(name, i == 0 ? "TS_OK" : "TS_ERR_", i == 0 ? 6 : 7) == 0);
        assert_null(strchr(text, '\n'));
        for (int j = 0; j < i; j++) {
            assert_string_not_equal(text, ts_err_str((ts_err)j, TS_LANG_EN));
            assert_string_not_equal(name, ts_err_name((ts_err)j));
        }
    }
}

static void test_names_match_codes(void **state)
{
    (void)state;
    assert_string_equal(ts_err_name(TS_OK), "TS_OK");
    assert_string_equal(ts_err_name(TS_ERR_NOMEM), "TS_ERR_NOMEM");
    assert_string_equal(ts_err_name(TS_ERR_SHORT), "TS_ERR_SHORT");
    assert_string_equal(ts_err_name(TS_ERR_FINISHED), "TS_ERR_FINISHED");
    assert_string_equal(ts_err_name(TS_ERR_USAGE), "TS_ERR_USAGE");
    assert_string_equal(ts_err_str(TS_OK, TS_LANG_EN), "success");
    assert_string_equal(ts_err_str(TS_ERR_NO_SUITE, TS_LANG_KO), "공통 암호 스위트가 없습니다");
}

static void test_out_of_range(void **state)
{
    (void)state;
    assert_string_equal(ts_err_str(TS_ERR_COUNT, TS_LANG_EN), "unknown error");
    assert_string_equal(ts_err_str((ts_err)-1, TS_LANG_EN), "unknown error");
    assert_string_equal(ts_err_str((ts_err)100000, TS_LANG_KO), "알 수 없는 오류");
    assert_string_equal(ts_err_str(TS_OK, (ts_lang)7), "success"); /* unknown language: English */
    assert_string_equal(ts_err_name(TS_ERR_COUNT), "TS_ERR_UNKNOWN");
    assert_string_equal(ts_err_name((ts_err)-5), "TS_ERR_UNKNOWN");
}

static int calls;

static ts_err counted(ts_err result)
{
    calls++;
    return result;
}

static ts_err guarded(ts_err first, ts_err second, int *reached)
{
    TS_GUARD(counted(first));
    TS_GUARD(counted(second));
    *reached = 1;
    return TS_OK;
}

static ts_err ensured(int cond)
{
    TS_ENSURE(cond, TS_ERR_ILLEGAL);
    return TS_OK;
}

static void test_guard_and_ensure(void **state)
{
    (void)state;
    int reached = 0;
    calls = 0;
    assert_int_equal(guarded(TS_OK, TS_OK, &reached), TS_OK);
    assert_int_equal(reached, 1);
    assert_int_equal(calls, 2); /* each expression evaluated once */
    reached = 0;
    calls = 0;
    assert_int_equal(guarded(TS_ERR_SHORT, TS_OK, &reached), TS_ERR_SHORT);
    assert_int_equal(calls, 1);
    assert_int_equal(reached, 0);
    assert_int_equal(guarded(TS_OK, TS_ERR_DECODE, &reached), TS_ERR_DECODE);
    assert_int_equal(reached, 0);
    assert_int_equal(ensured(1), TS_OK);
    assert_int_equal(ensured(0), TS_ERR_ILLEGAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_complete_and_distinct),
        cmocka_unit_test(test_names_match_codes),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_guard_and_ensure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
