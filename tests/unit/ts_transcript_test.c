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

/* Counts the lines of text that begin with c. */
static size_t lines_starting(const char *text, char c)
{
    size_t n = text[0] == c;
    for (const char *p = strchr(text, '\n'); p != NULL; p = strchr(p + 1, '\n')) {
        n += p[1] == c;
    }
    return n;
}

/* The Korean transcript: the same steps and records, each line still
 * beginning with its "[N]" or "#N" (the lesson player finds steps by
 * them), its labels in Korean; English is the transcript as it was. */
static void test_text_in_korean(void **state)
{
    (void)state;
    ts_session *s = new_session("transcript-test");
    assert_int_equal(ts_session_run(s), TS_OK);
    char *en = NULL, *en2 = NULL, *ko = NULL;
    size_t en_len = 0, en2_len = 0, ko_len = 0;
    assert_int_equal(ts_transcript_text(s, &en, &en_len), TS_OK);
    assert_int_equal(ts_transcript_text_lang(s, TS_LANG_EN, &en2, &en2_len), TS_OK);
    assert_int_equal(ts_transcript_text_lang(s, TS_LANG_KO, &ko, &ko_len), TS_OK);
    assert_string_equal(en, en2);
    assert_memory_equal(ko, "시드: transcript-test\n", strlen("시드: transcript-test\n"));
    assert_non_null(strstr(ko, "\n결과: 성공\n"));
    assert_non_null(strstr(ko, "] 클라이언트 · 클라이언트 랜덤 얻음 (32바이트)\n"));
    assert_non_null(strstr(ko, "] 서버 · 마스터 시크릿 얻음 (48바이트, 비밀 값)\n"));
    assert_non_null(strstr(ko, "\n#1 클라이언트 → 서버  handshake  ClientHello  "));
    assert_null(strstr(ko, " derives "));
    assert_null(strstr(ko, "\nresult: "));
    assert_int_equal(lines_starting(ko, '['), lines_starting(en, '['));
    assert_int_equal(lines_starting(ko, '#'), lines_starting(en, '#'));
    char line[512];
    ts_transcript_result_line_lang(s, TS_LANG_KO, line, sizeof(line));
    assert_string_equal(line, "성공");
    ts_transcript_result_line(s, line, sizeof(line));
    assert_string_equal(line, "ok");
    free(en);
    free(en2);
    free(ko);
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
        cmocka_unit_test(test_text_in_korean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
