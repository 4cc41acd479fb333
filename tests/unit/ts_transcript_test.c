/* Unit tests for ts_transcript: the transcript as a string equals what
 * ts_transcript_write prints, and a session that never ran has none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export/ts_transcript.h"
#include "simulation/ts_session.h"

static ts_session *new_session(const char *seed)
{
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = seed;
    cfg.suite = ts_suite_get(TS_SUITE_ECDHE);
    cfg.bits = 512;
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    return s;
}

static void test_text_matches_write(void **state)
{
    (void)state;
    ts_session *s = new_session("transcript-test");
    assert_int_equal(ts_session_run(s), TS_OK);
    char *want = NULL;
    size_t want_len = 0;
    FILE *f = open_memstream(&want, &want_len);
    assert_non_null(f);
    assert_int_equal(ts_transcript_write(f, s), TS_OK);
    assert_int_equal(fclose(f), 0);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(ts_transcript_text(s, &text, &len), TS_OK);
    assert_non_null(text);
    assert_true(len > 100);
    assert_int_equal(len, want_len);
    assert_int_equal(strlen(text), len);
    assert_string_equal(text, want);
    assert_non_null(strstr(text, "\nresult: ok\n"));
    free(text);
    free(want);
    ts_session_free(s);
}

static void test_text_before_run(void **state)
{
    (void)state;
    ts_session *s = new_session("transcript-test");
    char *text = (char *)"not touched";
    size_t len = 7;
    assert_null(ts_session_trace(s)); /* nothing has run */
    assert_int_equal(ts_transcript_text(s, &text, &len), TS_ERR_ARG);
    assert_null(text);
    assert_int_equal(len, 0);
    ts_session_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_matches_write),
        cmocka_unit_test(test_text_before_run),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
