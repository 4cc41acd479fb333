/* ui_test: the UI's parts that need no terminal: display widths and
 * wrapping of UTF-8 (Korean takes two columns), the text table (every id in
 * both languages), the language from the locale, the built-in narration of
 * every step a run emits, the lesson hook, and the commands that reproduce
 * a PRF value. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ts_rng.h"
#include "ts_session.h"
#include "ts_suite.h"
#include "ui_inspect_value.h"
#include "ui_narration.h"
#include "ui_steps.h"
#include "ui_text.h"
#include "ui_wide.h"

static int setup(void **state)
{
    (void)state;
    return setlocale(LC_CTYPE, "C.UTF-8") == NULL;
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(ui_wide_width("abc"), 3);
    assert_int_equal(ui_wide_width("클라이언트"), 10);
    assert_int_equal(ui_wide_width("a│b"), 3);
    assert_int_equal(ui_wide_width(""), 0);
    int w;
    /* a wide character never straddles the limit */
    assert_int_equal(ui_wide_fit("서버abc", 3, &w), strlen("서"));
    assert_int_equal(w, 2);
    assert_int_equal(ui_wide_fit("abc\ndef", 10, &w), 3);
    assert_int_equal(ui_wide_fit("abc", 0, &w), 0);
}

static void test_wrap(void **state)
{
    (void)state;
    size_t skip;
    assert_int_equal(ui_wide_line("hello world", 8, &skip), 5);
    assert_int_equal(skip, 6);
    assert_int_equal(ui_wide_line("abcdefghij", 4, &skip), 4); /* a long word is cut */
    assert_int_equal(skip, 4);
    assert_int_equal(ui_wide_lines("one two three", 7), 2);
    assert_int_equal(ui_wide_lines("한국어 설명 문장", 6), 3);
    assert_int_equal(ui_wide_lines("", 10), 1);
    assert_int_equal(ui_wide_lines("a\nb", 10), 2);
}

static void test_texts(void **state)
{
    (void)state;
    for (int id = 0; id < UI_T_COUNT; id++) {
        for (int l = 0; l < UI_LANG_COUNT; l++) {
            const char *t = ui_t((ui_text_id)id, (ui_lang)l);
            assert_non_null(t);
            assert_true(t[0] != '\0');
        }
        /* Korean is written, not copied from English (ids that are the same
         * in both: none) */
        assert_string_not_equal(ui_t((ui_text_id)id, UI_LANG_EN), ui_t((ui_text_id)id, UI_LANG_KO));
    }
    assert_string_equal(ui_t(UI_T_CLIENT, UI_LANG_KO), "클라이언트");
    assert_string_equal(ui_t(UI_T_COUNT, UI_LANG_EN), "");
}

static void test_lang(void **state)
{
    (void)state;
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "ko_KR.UTF-8", 1);
    assert_int_equal(ui_lang_from_env(), UI_LANG_KO);
    setenv("LC_MESSAGES", "en_US.UTF-8", 1);
    assert_int_equal(ui_lang_from_env(), UI_LANG_EN);
    setenv("LC_ALL", "ko", 1);
    assert_int_equal(ui_lang_from_env(), UI_LANG_KO);
    setenv("LC_ALL", "", 1);
    assert_int_equal(ui_lang_from_env(), UI_LANG_EN);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    assert_int_equal(ui_lang_from_env(), UI_LANG_EN);
    ui_lang l;
    assert_true(ui_lang_parse("ko", &l));
    assert_int_equal(l, UI_LANG_KO);
    assert_true(ui_lang_parse("en", &l));
    assert_int_equal(l, UI_LANG_EN);
    assert_false(ui_lang_parse("fr", &l));
    assert_false(ui_lang_parse(NULL, &l));
}

/* Every step of a run of suite (with and without EMS) has its own built-in
 * description in both languages, never the generic fallback. */
static void check_run(const char *suite, bool ems)
{
    ts_session_config cfg = {.seed = "7", .suite = ts_suite_by_name(suite), .ems = ems,
                             .bits = 512};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    ts_step none = {0};
    const char *fallback = ui_steps_text(&none, UI_LANG_EN);
    for (size_t i = 0; i < ts_session_count(s); i++) {
        const ts_step *st = ts_session_get_step(s, i);
        const char *en = ui_steps_text(st, UI_LANG_EN);
        const char *ko = ui_steps_text(st, UI_LANG_KO);
        if (strcmp(en, fallback) == 0) {
            fail_msg("%s: step %zu (%s %s) has no description", suite, i,
                     ts_ev_kind_name(st->ev.kind), st->ev.name);
        }
        assert_string_not_equal(en, ko);
        assert_string_equal(ui_narration(st, UI_LANG_KO), ko);
    }
    ts_session_free(s);
}

static void test_steps(void **state)
{
    (void)state;
    check_run("rsa", false);
    check_run("ecdhe", true);
    check_run("null", false);
}

static const char *lesson(void *ctx, const ts_step *step, ui_lang lang)
{
    (void)lang;
    return step != NULL && strcmp(step->ev.name, "client_random") == 0 ? (const char *)ctx : NULL;
}

static void test_narration_source(void **state)
{
    (void)state;
    ts_step st = {.ev = {.kind = TS_EV_VALUE, .side = TS_SIDE_CLIENT, .name = "client_random"}};
    ts_step other = {.ev = {.kind = TS_EV_VALUE, .side = TS_SIDE_CLIENT, .name = "master_secret"}};
    ui_narration_set_source(lesson, "lesson text");
    assert_string_equal(ui_narration(&st, UI_LANG_EN), "lesson text");
    assert_string_equal(ui_narration(&other, UI_LANG_EN), ui_steps_text(&other, UI_LANG_EN));
    ui_narration_set_source(NULL, NULL);
    assert_string_equal(ui_narration(&st, UI_LANG_EN), ui_steps_text(&st, UI_LANG_EN));
    assert_string_equal(ui_narration(NULL, UI_LANG_KO), ui_t(UI_T_START, UI_LANG_KO));
    /* a failed check is never described as passing */
    ts_step bad = {.ev = {.kind = TS_EV_CHECK, .name = "certificate_chain", .ok = false}};
    assert_non_null(strstr(ui_narration(&bad, UI_LANG_EN), "FAILED"));
}

static void test_commands(void **state)
{
    (void)state;
    const uint8_t secret[2] = {0x01, 0x02}, seed[2] = {0xaa, 0xbb};
    ts_ev_prf prf = {.used = true, .hash = TS_HASH_SHA256, .label = "master secret",
                     .secret = secret, .secret_len = 2, .seed = seed, .seed_len = 2,
                     .out_len = 16};
    char buf[512];
    assert_true(ui_inspect_prf_command(&prf, buf, sizeof(buf)));
    assert_string_equal(buf, "tlsstep prf --hash sha256 --secret 0102 --label 'master secret' "
                             "--seed aabb --length 16");
    assert_true(ui_inspect_openssl_command(&prf, buf, sizeof(buf)));
    /* openssl concatenates the seed options: label then seed (checked by
     * hand: both commands print 56c556dba9c9efeb1ef1c734ad70ec8c) */
    assert_string_equal(buf, "openssl kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt hexsecret:0102 "
                             "-kdfopt 'seed:master secret' -kdfopt hexseed:aabb TLS1-PRF");
    assert_false(ui_inspect_prf_command(&prf, buf, 20)); /* too small: refused */
    prf.used = false;
    assert_false(ui_inspect_openssl_command(&prf, buf, sizeof(buf)));
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_texts),
        cmocka_unit_test(test_lang),
        cmocka_unit_test(test_steps),
        cmocka_unit_test(test_narration_source),
        cmocka_unit_test(test_commands),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
