/* Unit tests for the HTML handout's escaping (ts_html_text, the one
 * function every string and peer byte goes through) and for ts_html_write
 * on a run: the document's frame, its language, one script, a note's spans
 * escaped, and the argument checks. The page in a browser is checked by
 * tests/html/handout.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_rng.h"
#include "export/internal/ts_html_out.h"
#include "export/ts_html.h"

/* The escaped text of n bytes at p (malloc'd). */
static char *escaped(const void *p, size_t n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    ts_html_text(f, p, n);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void expect(const char *in, size_t n, const char *want)
{
    char *got = escaped(in, n);
    assert_string_equal(got, want);
    free(got);
}

static void test_specials(void **state)
{
    (void)state;
    const char *in = "<script>alert(\"x\")</script> & 'y'";
    expect(in, strlen(in),
           "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
}

static void test_bytes(void **state)
{
    (void)state;
    /* control bytes, DEL, a lone continuation byte, a truncated sequence,
     * an overlong '/', a surrogate: \xNN each; newline and tab kept */
    expect("a\x01\x7f\n\t", 5, "a\\x01\\x7f\n\t");
    expect("\x80", 1, "\\x80");
    expect("\xe2\x82", 2, "\\xe2\\x82");
    expect("\xc0\xaf", 2, "\\xc0\\xaf");
    expect("\xed\xa0\x80", 3, "\\xed\\xa0\\x80");
    expect("\0", 1, "\\x00");
}

static void test_utf8_kept(void **state)
{
    (void)state;
    const char *ko = "단계별로 → ✓";
    expect(ko, strlen(ko), ko);
}

/* The page of a short run with a note whose text holds markup. */
static void test_page(void **state)
{
    (void)state;
    assert_int_equal(ts_rng_global_init(), TS_OK);
    ts_session_config cfg = {.seed = "unit", .bits = 512};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(ts_html_write(f, s, NULL), TS_ERR_ARG); /* before a run */
    assert_int_equal(ts_session_run(s), TS_OK);
    ts_html_span spans[] = {{.text = "<b>not bold</b>", .style = TS_HTML_BOLD},
                            {.text = "x & y", .style = TS_HTML_PARA | TS_HTML_CODE}};
    ts_html_note note = {.step = 0, .title = "T<1>", .spans = spans, .n_spans = 2};
    ts_html_opts o = {.lang = TS_LANG_KO, .lesson_id = "id&", .notes = &note, .n_notes = 1};
    assert_int_equal(ts_html_write(f, s, &o), TS_OK);
    assert_int_equal(fclose(f), 0);
    assert_true(strncmp(text, "<!DOCTYPE html>\n<html lang=\"ko\"", 31) == 0);
    assert_non_null(strstr(text, "</html>\n"));
    const char *script = strstr(text, "<script");
    assert_non_null(script);
    assert_null(strstr(script + 1, "<script"));
    assert_non_null(strstr(text, "<h3>T&lt;1&gt;</h3><p><strong>&lt;b&gt;not bold&lt;/b&gt;"
                                 "</strong></p>\n<p><code>x &amp; y</code></p>"));
    assert_non_null(strstr(text, "id&amp;"));
    assert_non_null(strstr(text, "<svg"));
    free(text);
    assert_int_equal(ts_html_file(NULL, s, NULL), TS_ERR_ARG);
    assert_int_equal(ts_html_file("/nonexistent/dir/x.html", s, NULL), TS_ERR_IO);
    ts_session_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_specials),
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_utf8_kept),
        cmocka_unit_test(test_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
