/* Unit tests for ts_net_why_text: the transport's reasons, which the JSON
 * keeps in English, in the reader's language; the system's own words and
 * reasons that are not the transport's pass through unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "net/ts_net.h"

static void test_reasons_in_korean(void **state)
{
    (void)state;
    char out[256];
    assert_string_equal(ts_net_why_text(TS_LANG_KO, "the peer sent nothing for 2000 ms", out,
                                        sizeof(out)),
                        "상대가 2000 ms 동안 아무것도 보내지 않았습니다");
    assert_string_equal(ts_net_why_text(TS_LANG_KO, "the peer stopped reading for 10 ms", out,
                                        sizeof(out)),
                        "상대가 10 ms 동안 읽지 않았습니다");
    assert_string_equal(ts_net_why_text(TS_LANG_KO, "the peer closed the connection", out,
                                        sizeof(out)),
                        "상대가 연결을 닫았습니다");
    assert_string_equal(ts_net_why_text(TS_LANG_KO, "cannot send: Broken pipe", out, sizeof(out)),
                        "보낼 수 없습니다: Broken pipe");
    assert_string_equal(ts_net_why_text(TS_LANG_KO, "cannot connect to 127.0.0.1:1: timed out",
                                        out, sizeof(out)),
                        "연결할 수 없습니다: 127.0.0.1:1: 시간 초과");
    assert_string_equal(ts_net_why_text(TS_LANG_KO, "cannot connect to ::1:9: Connection refused",
                                        out, sizeof(out)),
                        "연결할 수 없습니다: ::1:9: Connection refused");
}

static void test_passed_through(void **state)
{
    (void)state;
    char out[256];
    const char *why = "the peer sent nothing for 2000 ms";
    assert_ptr_equal(ts_net_why_text(TS_LANG_EN, why, out, sizeof(out)), why);
    const char *other = "the peer sent nothing for 2000 ms, twice";
    assert_ptr_equal(ts_net_why_text(TS_LANG_KO, other, out, sizeof(out)), other);
    const char *empty = "";
    assert_ptr_equal(ts_net_why_text(TS_LANG_KO, empty, out, sizeof(out)), empty);
    assert_null(ts_net_why_text(TS_LANG_KO, NULL, out, sizeof(out)));
    /* a translation longer than out is cut, never overrun */
    char small[8];
    const char *cut = ts_net_why_text(TS_LANG_KO, why, small, sizeof(small));
    assert_ptr_equal(cut, small);
    assert_true(strlen(small) < sizeof(small));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reasons_in_korean),
        cmocka_unit_test(test_passed_through),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
