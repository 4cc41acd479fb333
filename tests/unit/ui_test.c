/* ui_test: the UI's parts that need no terminal: display widths and
 * wrapping of UTF-8 (Korean takes two columns), the text table (every id in
 * both languages), the language (ts_lang: one rule for the locale), the
 * built-in narration of every step a run emits, the lesson's narration at
 * the cursor (sections, placeholders, an exercise's task), and the commands
 * that reproduce a PRF or HKDF value. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_lang.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_suite.h"
#include "lesson/ts_lesson.h"
#include "lesson/ts_lesson_render.h"
#include "simulation/ts_session.h"
#include "ui/ui_app.h"
#include "ui/ui_clip.h"
#include "ui/ui_sections.h"
#include "ui/ui_inspect_value.h"
#include "ui/ui_narration.h"
#include "ui/ui_steps.h"
#include "ui/ui_text.h"
#include "ui/ui_wide.h"

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
        for (int l = 0; l < TS_LANG_COUNT; l++) {
            const char *t = ui_t((ui_text_id)id, (ts_lang)l);
            assert_non_null(t);
            assert_true(t[0] != '\0');
        }
        /* Korean is written, not copied from English (ids that are the same
         * in both: none) */
        assert_string_not_equal(ui_t((ui_text_id)id, TS_LANG_EN), ui_t((ui_text_id)id, TS_LANG_KO));
    }
    assert_string_equal(ui_t(UI_T_CLIENT, TS_LANG_KO), "클라이언트");
    assert_string_equal(ui_t(UI_T_COUNT, TS_LANG_EN), "");
}

/* The UI's language is ts_lang: the locale's rule is ts_lang_default. */
static void test_lang(void **state)
{
    (void)state;
    /* ts_tr sets LANGUAGE when it draws Korean: out of the way here, and
     * back afterwards (ts_tr sets it once per language) */
    const char *was = getenv("LANGUAGE");
    char saved[64] = "";
    if (was != NULL) {
        snprintf(saved, sizeof(saved), "%s", was);
    }
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    setenv("LANG", "ko_KR.UTF-8", 1);
    assert_int_equal(ts_lang_default(), TS_LANG_KO);
    setenv("LC_MESSAGES", "en_US.UTF-8", 1);
    assert_int_equal(ts_lang_default(), TS_LANG_EN);
    setenv("LC_ALL", "ko", 1);
    assert_int_equal(ts_lang_default(), TS_LANG_KO);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    assert_int_equal(ts_lang_default(), TS_LANG_EN);
    assert_string_equal(ui_lang_label(TS_LANG_KO), "한국어");
    assert_string_equal(ui_lang_label(TS_LANG_EN), "EN");
    if (saved[0] != '\0') {
        setenv("LANGUAGE", saved, 1);
    }
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
    const char *fallback = ui_steps_text(&none, TS_LANG_EN);
    for (size_t i = 0; i < ts_session_count(s); i++) {
        const ts_step *st = ts_session_get_step(s, i);
        const char *en = ui_steps_text(st, TS_LANG_EN);
        const char *ko = ui_steps_text(st, TS_LANG_KO);
        if (strcmp(en, fallback) == 0) {
            fail_msg("%s: step %zu (%s %s) has no description", suite, i,
                     ts_ev_kind_name(st->ev.kind), st->ev.name);
        }
        assert_string_not_equal(en, ko);
        assert_string_equal(ui_narration(st, TS_LANG_KO), ko);
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

static void test_builtin_narration(void **state)
{
    (void)state;
    assert_string_equal(ui_narration(NULL, TS_LANG_KO), ui_t(UI_T_START, TS_LANG_KO));
    /* a failed check is never described as passing */
    ts_step bad = {.ev = {.kind = TS_EV_CHECK, .name = "certificate_chain", .ok = false}};
    assert_non_null(strstr(ui_narration(&bad, TS_LANG_EN), "FAILED"));
}

static const char lesson_md[] =
    "---\n"
    "id: t\n"
    "title: {en: \"T\", ko: \"티\"}\n"
    "summary: {en: \"s\", ko: \"에스\"}\n"
    "kind: %s\n"
    "difficulty: 1\n"
    "%s"
    "---\n"
    "# en\n\nIntro *here*.\n\n"
    "## Hello {step=client: client_random}\n\nRandom: {{client:client_random}}, `code`.\n\n"
    "- one\n- two\n\n"
    "## server: master_secret\n\nMaster **secret**.\n\n"
    "# ko\n\n소개.\n\n"
    "## 안녕 {step=client: client_random}\n\n난수: {{client:client_random}}.\n\n"
    "## server: master_secret\n\n마스터 비밀.\n";

static const char exercise_md[] =
    "exercise:\n"
    "  checker: tamper-cert\n"
    "  answer: text\n"
    "  incident: \"An incident\"\n"
    "  goal: {en: \"Break it.\", ko: \"깨 보세요.\"}\n";

/* The whole rendered text as one string (spans joined, lines by '\n') and
 * the union of the span attributes. */
static char *flatten(const ts_text *t, unsigned *attrs)
{
    size_t cap = 1;
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->lines[i].n; j++) {
            cap += strlen(t->lines[i].spans[j].text);
        }
        cap++;
    }
    char *out = calloc(cap, 1);
    assert_non_null(out);
    *attrs = 0;
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->lines[i].n; j++) {
            strcat(out, t->lines[i].spans[j].text);
            *attrs |= t->lines[i].spans[j].attr;
        }
        strcat(out, "\n");
    }
    return out;
}

/* The narration of a at its cursor, flattened (freed by the caller). */
static char *narration_at(ui_app *a, size_t k, unsigned *attrs, const ts_lesson_section **sec)
{
    ui_app_goto(a, k);
    ts_text t;
    assert_int_equal(ui_narration_lesson(a, 60, &t, sec), TS_OK);
    char *s = flatten(&t, attrs);
    ts_text_free(&t);
    return s;
}

/* The index of the first step named name on side. */
static size_t step_of(const ts_session *s, const char *name, ts_side side)
{
    for (size_t i = 0; i < ts_session_count(s); i++) {
        const ts_step *st = ts_session_get_step(s, i);
        if (st->ev.side == side && strcmp(st->ev.name, name) == 0) {
            return i;
        }
    }
    fail_msg("no step %s", name);
    return 0;
}

static ts_lesson *parse_lesson(const char *kind, const char *extra)
{
    char text[4096], why[TS_LESSON_WHY_CAP];
    snprintf(text, sizeof(text), lesson_md, kind, extra);
    ts_lesson *l = NULL;
    if (ts_lesson_parse(text, strlen(text), "t.md", TS_LANG_EN, &l, why, sizeof(why)) != TS_OK) {
        fail_msg("%s", why);
    }
    return l;
}

static void test_lesson_narration(void **state)
{
    (void)state;
    ts_session_config cfg = {.seed = "7", .bits = 512, .suite = ts_suite_by_name("ecdhe")};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    ts_lesson *l = parse_lesson("lesson", "");
    ui_app a;
    ui_app_init(&a, s, "x", TS_LANG_EN);
    unsigned attrs;
    const ts_lesson_section *sec = NULL;

    /* without a lesson: nothing (the built-in text speaks) */
    char *t = narration_at(&a, 0, &attrs, &sec);
    assert_string_equal(t, "");
    assert_null(sec);
    free(t);
    ui_app_set_lesson(&a, l);
    assert_string_equal(a.lesson, "t");

    /* step 0: the introduction, emphasis kept */
    t = narration_at(&a, 0, &attrs, &sec);
    assert_non_null(strstr(t, "Intro here."));
    assert_true(attrs & TS_SPAN_EMPH);
    assert_ptr_equal(sec, &l->intro[TS_LANG_EN]);
    free(t);

    /* at the client random: its section, titled, value filled in, code and list */
    size_t cr = step_of(s, "client_random", TS_SIDE_CLIENT);
    const ts_step *st = ts_session_get_step(s, cr);
    char hex[9];
    snprintf(hex, sizeof(hex), "%02x%02x%02x%02x", st->ev.value[0], st->ev.value[1],
             st->ev.value[2], st->ev.value[3]);
    t = narration_at(&a, cr + 1, &attrs, &sec);
    assert_true(strncmp(t, "Hello\nRandom: ", 14) == 0); /* no blank line under the title */
    assert_non_null(strstr(t, hex));
    assert_null(strstr(t, "{{"));
    assert_non_null(strstr(t, "two"));
    assert_true(attrs & TS_SPAN_HEADING);
    assert_true(attrs & TS_SPAN_CODE);
    assert_true(attrs & TS_SPAN_VALUE);
    assert_true(attrs & TS_SPAN_BULLET);
    free(t);

    /* it stays until a later step has its own section */
    size_t ms = step_of(s, "master_secret", TS_SIDE_SERVER);
    t = narration_at(&a, ms, &attrs, &sec);
    assert_non_null(strstr(t, "Random: "));
    free(t);
    t = narration_at(&a, ms + 1, &attrs, &sec);
    assert_non_null(strstr(t, "Master secret."));
    assert_null(strstr(t, "Random"));
    free(t);

    /* Korean */
    a.lang = TS_LANG_KO;
    t = narration_at(&a, cr + 1, &attrs, &sec);
    assert_non_null(strstr(t, "안녕"));
    assert_non_null(strstr(t, "난수: "));
    assert_non_null(strstr(t, hex));
    free(t);

    ui_app_free(&a);
    ts_lesson_free(l);

    /* an exercise shows its task and incident at the introduction */
    l = parse_lesson("exercise", exercise_md);
    ui_app_init(&a, s, "x", TS_LANG_EN);
    ui_app_set_lesson(&a, l);
    t = narration_at(&a, 0, &attrs, &sec);
    assert_non_null(strstr(t, "Task: Break it."));
    assert_non_null(strstr(t, "An incident"));
    free(t);
    t = narration_at(&a, cr + 1, &attrs, &sec);
    assert_null(strstr(t, "Break it."));
    free(t);
    a.lang = TS_LANG_KO;
    t = narration_at(&a, 0, &attrs, &sec);
    assert_non_null(strstr(t, "과제: 깨 보세요."));
    free(t);
    ui_app_free(&a);
    ts_lesson_free(l);
    ts_session_free(s);
}

/* A lesson's tamper/drop/replay become the UI's own actions (copied). */
static void test_load_actions(void **state)
{
    (void)state;
    ts_session_config cfg = {.seed = "7", .bits = 512, .suite = ts_suite_by_name("ecdhe")};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    ui_app a;
    ui_app_init(&a, s, "x", TS_LANG_EN);
    ts_action acts[2] = {{.kind = TS_ACT_DROP, .record = 3},
                         {.kind = TS_ACT_TAMPER, .record = 2, .offset = 9, .xor_mask = 1}};
    assert_int_equal(ui_app_load_actions(&a, acts, 2), TS_OK);
    assert_int_equal(a.n_acts, 2);
    assert_non_null(ui_app_action_for(&a, 3));
    assert_int_not_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    assert_int_equal(ui_app_load_actions(&a, NULL, 0), TS_OK);
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    ts_action many[UI_MAX_ACTIONS + 1];
    memset(many, 0, sizeof(many));
    assert_int_not_equal(ui_app_load_actions(&a, many, UI_MAX_ACTIONS + 1), TS_OK);
    ui_app_free(&a);
    ts_session_free(s);
}

/* The inspector's commands are ts_reproduce's (tests/unit/ts_reproduce_test.c
 * checks their text): tlsstep's then openssl's, for a PRF and an HKDF value,
 * none for a value with neither. */
static void test_commands(void **state)
{
    (void)state;
    const uint8_t secret[2] = {0x01, 0x02}, seed[2] = {0xaa, 0xbb};
    ts_step st;
    memset(&st, 0, sizeof(st));
    st.ev.kind = TS_EV_VALUE;
    st.ev.prf = (ts_ev_prf){.used = true, .hash = TS_HASH_SHA256, .label = "master secret",
                            .secret = secret, .secret_len = 2, .seed = seed, .seed_len = 2,
                            .out_len = 16};
    char *cmds[3];
    assert_int_equal(ui_inspect_value_commands(&st, cmds, 3), 2);
    assert_string_equal(cmds[0], "tlsstep prf --hash sha256 --secret 0102 --label 'master secret' "
                                 "--seed aabb --length 16");
    assert_true(strncmp(cmds[1], "openssl kdf -keylen 16 ", 23) == 0);
    free(cmds[0]);
    free(cmds[1]);
    assert_int_equal(ui_inspect_value_commands(&st, cmds, 1), 1); /* up to max */
    free(cmds[0]);
    st.ev.prf.used = false;
    st.ev.hkdf = (ts_ev_hkdf){.used = true, .hash = TS_HASH_SHA256, .mode = TS_HKDF_EXPAND_LABEL,
                              .key = secret, .key_len = 2, .label = "key", .out_len = 16};
    assert_int_equal(ui_inspect_value_commands(&st, cmds, 3), 2);
    assert_string_equal(cmds[0], "tlsstep hkdf expand-label --hash sha256 --secret 0102 --label "
                                 "'key' --context '' --length 16");
    assert_non_null(strstr(cmds[1], " TLS13-KDF"));
    free(cmds[0]);
    free(cmds[1]);
    st.ev.hkdf.used = false;
    assert_int_equal(ui_inspect_value_commands(&st, cmds, 3), 0);
}

/* OSC 52 carries base64 (RFC 4648's test vectors). */
static void test_base64(void **state)
{
    (void)state;
    static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    static const char *const out[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
                                      "Zm9vYmFy"};
    char buf[16];
    for (size_t i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        assert_true(ui_clip_base64((const unsigned char *)in[i], strlen(in[i]), buf, sizeof(buf)));
        assert_string_equal(buf, out[i]);
    }
    assert_false(ui_clip_base64((const unsigned char *)"foobar", 6, buf, 8)); /* no room */
}

/* Jumping: ] lands just after a message, [ on the one before; a delivered
 * record's in-flight cursor comes before the one where it has crossed; the
 * engine's names and kinds come out in people's words in both languages. */
static void test_jumps(void **state)
{
    (void)state;
    ts_session_config cfg = {.seed = "7", .bits = 512};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    ui_app a;
    ui_app_init(&a, s, "t", TS_LANG_EN);
    assert_int_equal(ui_app_load_actions(&a, NULL, 0), TS_OK);
    ui_app_goto(&a, 0);
    size_t k, prev = 0, n = 0;
    while (ui_messages_jump(&a, 1, &k)) {
        assert_true(k > prev);
        const ts_step *st = ts_session_get_step(s, k - 1);
        assert_true(st->ev.kind == TS_EV_MESSAGE || st->ev.kind == TS_EV_ALERT_SENT);
        ui_app_goto(&a, k);
        prev = k;
        n++;
    }
    assert_true(n >= 10);
    assert_true(ui_messages_jump(&a, -1, &k));
    assert_true(k < prev);
    assert_int_equal(ui_sections_count(&a, NULL), 0); /* no lesson, no sections */
    assert_false(ui_sections_jump(&a, 1, &k));
    size_t fly, crossed;
    assert_true(ui_record_in_flight_at(&a, 1, &fly));
    assert_true(ui_record_crossed_at(&a, 1, &crossed));
    assert_true(fly < crossed);
    assert_false(ui_record_in_flight_at(&a, 9999, &fly));
    assert_string_equal(ui_kind_word(TS_EV_PARSED, TS_LANG_EN), "parses");
    assert_string_not_equal(ui_kind_word(TS_EV_PARSED, TS_LANG_KO), "parses");
    assert_string_equal(ui_dir_word(TS_DIR_S2C, TS_LANG_EN), "server → client");
    assert_string_equal(ui_dir_word(TS_DIR_S2C, TS_LANG_KO), "서버 → 클라이언트");
    char buf[64];
    assert_string_equal(ui_engine(NULL, TS_LANG_KO, buf, sizeof(buf)), "");
    assert_string_equal(ui_engine("no such sentence", TS_LANG_KO, buf, sizeof(buf)),
                        "no such sentence");
    ui_app_free(&a);
    ts_session_free(s);
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
        cmocka_unit_test(test_builtin_narration),
        cmocka_unit_test(test_lesson_narration),
        cmocka_unit_test(test_load_actions),
        cmocka_unit_test(test_commands),
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_jumps),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
