/* Unit tests of the lesson loader (ts_lesson, ts_lesson_yaml, ts_lesson_md),
 * the renderer (ts_lesson_render), the step table (ts_steps), the language
 * (ts_lang) and the players (ts_lesson_play, ts_lesson_textbook). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/ts_lang.h"
#include "base/ts_text.h"
#include "crypto/ts_rng.h"
#include "lesson/ts_lesson.h"
#include "lesson/ts_lesson_play.h"
#include "lesson/ts_lesson_render.h"
#include "lesson/ts_lesson_textbook.h"
#include "simulation/ts_steps.h"

#define FRONT(extra)                                                                   \
    "---\n"                                                                            \
    "id: t\n"                                                                          \
    "title: {en: \"Test\", ko: \"시험\"}\n"                                            \
    "summary: {en: \"S\", ko: \"요약\"}\n" extra "---\n"

#define BODY                                                                           \
    "# en\n\nIntro **bold**.\n\n## ClientHello {step=client_hello}\n\nHello `x`.\n\n"  \
    "## server: client_hello\n\nServer side.\n\n"                                      \
    "# ko\n\n소개.\n\n## client_hello\n\n안녕.\n\n## server: client_hello\n\n서버.\n"

static ts_lesson *parse_ok(const char *text)
{
    char why[TS_LESSON_WHY_CAP] = "";
    ts_lesson *l = NULL;
    ts_err err = ts_lesson_parse(text, strlen(text), "lessons/t.md", TS_LANG_EN, &l, why, sizeof(why));
    if (err != TS_OK) {
        fprintf(stderr, "unexpected: %s\n", why);
    }
    assert_int_equal(err, TS_OK);
    return l;
}

/* Parsing text fails with TS_ERR_LESSON and a message holding want. */
static void parse_fails(const char *text, const char *want)
{
    char why[TS_LESSON_WHY_CAP] = "";
    ts_lesson *l = NULL;
    assert_int_equal(ts_lesson_parse(text, strlen(text), "lessons/t.md", TS_LANG_EN, &l, why, sizeof(why)),
                     TS_ERR_LESSON);
    assert_null(l);
    if (strstr(why, want) == NULL) {
        fprintf(stderr, "message '%s' lacks '%s'\n", why, want);
    }
    assert_non_null(strstr(why, want));
}

static void test_parse_minimal(void **state)
{
    (void)state;
    ts_lesson *l = parse_ok(FRONT("") BODY);
    assert_string_equal(l->id, "t");
    assert_string_equal(l->title[TS_LANG_KO], "시험");
    assert_int_equal(l->kind, TS_LESSON_KIND_LESSON);
    assert_int_equal(l->difficulty, 1);
    assert_int_equal(l->n_sections[TS_LANG_EN], 2);
    assert_int_equal(l->n_sections[TS_LANG_KO], 2);
    assert_string_equal(l->sections[TS_LANG_EN][0].title, "ClientHello");
    assert_string_equal(l->sections[TS_LANG_EN][0].markdown, "Hello `x`.\n");
    assert_int_equal(l->sections[TS_LANG_EN][0].line, 10);
    assert_string_equal(l->intro[TS_LANG_KO].markdown, "소개.\n");
    /* a section for the side wins over one for any side */
    const ts_lesson_section *s = ts_lesson_section_for(l, TS_LANG_KO, "client_hello",
                                                       TS_SIDE_SERVER);
    assert_non_null(s);
    assert_string_equal(s->markdown, "서버.\n");
    s = ts_lesson_section_for(l, TS_LANG_KO, "client_hello", TS_SIDE_CLIENT);
    assert_string_equal(s->markdown, "안녕.\n");
    assert_null(ts_lesson_section_for(l, TS_LANG_EN, "server_hello", TS_SIDE_SERVER));
    ts_lesson_free(l);
}

static void test_parse_run(void **state)
{
    (void)state;
    ts_lesson *l = parse_ok(FRONT("kind: exercise\ndifficulty: advanced\n"
                                  "run:\n  suite: ecdhe\n  bits: 768\n  seed: s1\n  ems: yes\n"
                                  "  skip_ske_check: true\n  weak_key: close-primes\n"
                                  "  tamper: [\"3,10,ff\", \"4,0,1\"]\n  drop: 5\n"
                                  "exercise:\n  checker: goto-fail\n  answer: pem\n"
                                  "  incident: Apple goto fail, 2014\n"
                                  "  hints: {en: [a, b], ko: [가, 나]}\n"
                                  "  attacker: [tamper, replace_share]\n") BODY);
    assert_int_equal(l->kind, TS_LESSON_KIND_EXERCISE);
    assert_int_equal(l->difficulty, 5);
    assert_string_equal(l->run.suite, "ecdhe");
    assert_int_equal(l->run.bits, 768);
    assert_true(l->run.ems && l->run.skip_ske_check && !l->run.no_verify);
    assert_int_equal(l->run.weak_key, TS_WEAK_CLOSE_PRIMES);
    assert_int_equal(l->run.n_actions, 3);
    assert_int_equal(l->run.actions[0].kind, TS_ACT_TAMPER);
    assert_int_equal(l->run.actions[0].record, 3);
    assert_int_equal(l->run.actions[0].offset, 10);
    assert_int_equal(l->run.actions[0].xor_mask, 0xff);
    assert_int_equal(l->run.actions[2].kind, TS_ACT_DROP);
    assert_int_equal(l->run.actions[2].record, 5);
    assert_string_equal(l->exercise.checker, "goto-fail");
    assert_string_equal(l->exercise.hints[TS_LANG_KO][1], "나");
    assert_int_equal(l->exercise.attacker, TS_ATTACK_TAMPER | TS_ATTACK_REPLACE_SHARE);
    ts_session_config cfg;
    assert_int_equal(ts_lesson_config(l, &cfg), TS_OK);
    assert_int_equal(cfg.suite->id, TS_SUITE_ECDHE);
    assert_string_equal(cfg.seed, "s1");
    assert_true(cfg.ems && cfg.skip_ske_check);
    ts_lesson_free(l);
    /* a TLS 1.3 suite: the run it sets up is a TLS 1.3 one */
    l = parse_ok(FRONT("run:\n  suite: tls13-chacha\n") BODY);
    assert_string_equal(l->run.suite, "tls13-chacha");
    assert_int_equal(ts_lesson_config(l, &cfg), TS_OK);
    assert_int_equal(cfg.suite->id, TS_SUITE_TLS13_CHACHA);
    ts_lesson_free(l);
}

static void test_errors_yaml(void **state)
{
    (void)state;
    /* bad YAML: libyaml's problem, at the file's line */
    parse_fails(FRONT("run: [\n  suite: rsa\n") BODY, "lessons/t.md:7: malformed YAML");
    parse_fails("---\nid: t\ntitle: {en: a, ko: b\n---\n" BODY, "lessons/t.md:");
    parse_fails("---\nid: t\ntitle: {en: a, ko: b\n---\n" BODY, "malformed YAML");
    /* missing id, title's language, unknown key, bad values */
    parse_fails("---\ntitle: {en: a, ko: b}\nsummary: {en: a, ko: b}\n---\n" BODY,
                "front matter: missing 'id:'");
    parse_fails("---\nid: t\ntitle: {en: a}\nsummary: {en: a, ko: b}\n---\n" BODY,
                "lessons/t.md:3: title: missing language 'ko'");
    parse_fails(FRONT("colour: red\n") BODY, "lessons/t.md:5: unknown key 'colour'");
    parse_fails(FRONT("run:\n  suite: rc4\n") BODY, "run.suite: expected one of rsa, ecdhe, "
                "dhe, null, tls13-aes, tls13-chacha, got 'rc4'");
    parse_fails(FRONT("run:\n  bits: 100\n") BODY, "run.bits: expected a whole number 512..4096");
    parse_fails(FRONT("run:\n  tamper: [\"1,2\"]\n") BODY, "run.tamper: expected \"N,OFFSET,XOR\"");
    /* The same rules as run --tamper/--drop/--replay (ts_action_parse). */
    parse_fails(FRONT("run:\n  tamper: [\"3,-1,ff\"]\n") BODY,
                "lessons/t.md:6: run.tamper: expected \"N,OFFSET,XOR\", got '3,-1,ff': byte "
                "OFFSET '-1' is not a whole number 0..1000000");
    parse_fails(FRONT("run:\n  tamper: \"3,1,100\"\n") BODY, "XOR '100' is not one or two hex");
    parse_fails(FRONT("run:\n  tamper: [[1]]\n") BODY,
                "run.tamper: expected \"N,OFFSET,XOR\", got a list");
    parse_fails(FRONT("run:\n  drop: [0]\n") BODY,
                "run.drop: expected a whole number 1..1000000, got '0'");
    parse_fails(FRONT("run:\n  replay: \"+3\"\n") BODY,
                "run.replay: expected a whole number 1..1000000, got '+3'");
    parse_fails(FRONT("run:\n  weak_key: huge\n") BODY, "run.weak_key: expected one of none");
    parse_fails(FRONT("kind: exercise\n") BODY, "kind: exercise expects an exercise");
    parse_fails(FRONT("difficulty: 9\n") BODY, "difficulty: expected a whole number 1..5");
    parse_fails("# en\n", "lessons/t.md:1: expected front matter");
    parse_fails("---\nid: t\n", "front matter not closed");
}

static void test_errors_body(void **state)
{
    (void)state;
    parse_fails(FRONT("") "# en\n\n## client_helo\n\nx\n# ko\n\n## client_hello\n\ny\n",
                "lessons/t.md:8: unknown step 'client_helo' in a handshake lesson (nearest: "
                "client_hello");
    parse_fails(FRONT("") "# en\n\n## client_hello\n\nx\n",
                "missing language 'ko'");
    parse_fails(FRONT("") "# en\n\n## client_hello\n\nx\n# ko\n\n## server_hello\n\ny\n",
                "lessons/t.md:8: section 'client_hello' has no 'ko' text");
    parse_fails(FRONT("") "Hello\n# en\n", "lessons/t.md:6: text before the first language");
    parse_fails(FRONT("") "# fr\n", "lessons/t.md:6: expected a language heading");
    parse_fails(FRONT("") "# en\n## moon: client_hello\n# ko\n", "unknown side 'moon'");
    parse_fails(FRONT("") "# en\n## client_hello\n## client_hello\n# ko\n",
                "section 'client_hello' given twice in 'en' (first at line 7)");
    /* textbook steps only in textbook lessons, and the other way round */
    parse_fails(FRONT("") "# en\n## rsa_encrypt\n# ko\n## rsa_encrypt\n",
                "unknown step 'rsa_encrypt' in a handshake lesson");
}

/* Collects the messages of ts_lesson_list about files in one folder. */
typedef struct {
    const char *dir;
    char last[TS_LESSON_WHY_CAP];
    int count;
} bad_log;

static void log_bad(void *ctx, const char *message)
{
    bad_log *b = ctx;
    if (strstr(message, b->dir) != NULL) {
        snprintf(b->last, sizeof(b->last), "%s", message);
        b->count++;
    }
}

/* A lesson given by path may have any file name and keeps the id of its
 * front matter; one found in a lessons folder (by id, or listed) must be
 * ID.md, and the message says what to change. */
static void test_id_matches_file(void **state)
{
    (void)state;
    char why[TS_LESSON_WHY_CAP];
    ts_lesson *l = NULL;
    const char *text = FRONT("") BODY;
    assert_int_equal(ts_lesson_parse(text, strlen(text), "x/other.md", TS_LANG_EN, &l, why, sizeof(why)),
                     TS_OK);
    assert_string_equal(l->id, "t");
    assert_int_equal(l->id_line, 2);
    ts_lesson_free(l);

    char dir[] = "/tmp/ts_lesson_test.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[sizeof(dir) + 16];
    snprintf(path, sizeof(path), "%s/other.md", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);

    l = NULL;
    assert_int_equal(ts_lesson_open(path, NULL, TS_LANG_EN, &l, why, sizeof(why)), TS_OK);
    assert_string_equal(l->id, "t");
    ts_lesson_free(l);
    l = NULL;
    assert_int_equal(ts_lesson_open("other", dir, TS_LANG_EN, &l, why, sizeof(why)), TS_ERR_LESSON);
    assert_null(l);
    assert_non_null(strstr(why, "/other.md:2: id 't' does not match the file name"));
    assert_non_null(strstr(why, "rename the file t.md or set 'id: other'"));

    bad_log b = {.dir = dir};
    ts_lesson **ls = NULL;
    size_t n = 0;
    assert_int_equal(ts_lesson_list(dir, TS_LANG_EN, &ls, &n, log_bad, &b), TS_OK);
    assert_int_equal(b.count, 1);
    assert_non_null(strstr(b.last, "does not match the file name"));
    for (size_t i = 0; i < n; i++) {
        assert_string_not_equal(ls[i]->path, path);
    }
    ts_lesson_list_free(ls, n);
    assert_int_equal(remove(path), 0);
    assert_int_equal(remove(dir), 0);

    assert_int_equal(ts_lesson_load("/nonexistent/t.md", TS_LANG_EN, &l, why, sizeof(why)), TS_ERR_IO);
    assert_int_equal(ts_lesson_open("no-such-lesson", "/nonexistent", TS_LANG_EN, &l, why, sizeof(why)),
                     TS_ERR_LESSON);
    assert_non_null(strstr(why, "no lesson 'no-such-lesson'"));
}

static void test_steps(void **state)
{
    (void)state;
    assert_non_null(ts_steps_find("client_hello"));
    assert_null(ts_steps_find("client_helo"));
    assert_string_equal(ts_steps_desc("master_secret", TS_LANG_EN),
                        "48 bytes from the PRF over premaster and both randoms");
    const char *near[3];
    assert_int_equal(ts_steps_nearest("server_helo", 0, near, 3), 3);
    assert_string_equal(near[0], "server_hello");
    assert_int_equal(ts_steps_nearest("rsa_encryp", TS_STEPS_MASK(TS_STEPS_TEXTBOOK), near, 1),
                     1);
    assert_string_equal(near[0], "rsa_encrypt");
    for (size_t i = 0; i < ts_steps_count(); i++) {
        assert_non_null(ts_steps_desc(ts_steps_get(i)->name, TS_LANG_KO));
    }
    assert_null(ts_steps_get(ts_steps_count()));
}

static void test_lang(void **state)
{
    (void)state;
    ts_lang l;
    unsetenv("LANGUAGE"); /* set by ts_tr for the Korean of earlier tests */
    setenv("LC_ALL", "", 1);
    setenv("LC_MESSAGES", "ko_KR.UTF-8", 1);
    setenv("LANG", "en_US.UTF-8", 1);
    assert_int_equal(ts_lang_default(), TS_LANG_KO);
    setenv("LC_ALL", "C", 1);
    assert_int_equal(ts_lang_default(), TS_LANG_EN);
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    assert_int_equal(ts_lang_default(), TS_LANG_EN);
    assert_true(ts_lang_parse("KO", &l) && l == TS_LANG_KO);
    assert_false(ts_lang_parse("fr", &l));
    assert_string_equal(ts_lang_code(TS_LANG_KO), "ko");
}

static bool lookup(void *ctx, const char *name, char *out, size_t cap)
{
    (void)ctx;
    if (strcmp(name, "n") == 0) {
        snprintf(out, cap, "3233");
        return true;
    }
    return false;
}

static void test_render(void **state)
{
    (void)state;
    ts_text t;
    assert_int_equal(ts_lesson_render("A **b** `c` {{n}} {{zz}}.\n\n- one\n- two\n", 40, lookup,
                                      NULL, &t), TS_OK);
    assert_int_equal(t.n, 4); /* paragraph, blank, two items */
    assert_string_equal(t.lines[0].spans[0].text, "A ");
    assert_int_equal(t.lines[0].spans[1].attr, TS_SPAN_BOLD);
    assert_string_equal(t.lines[0].spans[1].text, "b");
    assert_int_equal(t.lines[0].spans[3].attr, TS_SPAN_CODE);
    assert_string_equal(t.lines[0].spans[5].text, "3233");
    assert_int_equal(t.lines[0].spans[5].attr, TS_SPAN_VALUE);
    assert_string_equal(t.lines[0].spans[6].text, " {{zz}}.");
    assert_int_equal(t.lines[2].spans[0].attr, TS_SPAN_BULLET);
    assert_string_equal(t.lines[3].spans[1].text, "two");
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(ts_text_write_plain(f, &t, "| "), TS_OK);
    fclose(f);
    assert_string_equal(buf, "| A *b* `c` 3233 {{zz}}.\n| \n| - one\n| - two\n");
    free(buf);
    ts_text_free(&t);
    /* Hangul is two columns wide: 30 syllables wrap at width 20 */
    assert_int_equal(ts_text_width("가나다 ab", strlen("가나다 ab")), 9);
    assert_int_equal(ts_lesson_render("가나다라마 바사아자차 카타파하가 나다라마바 사아자차카 "
                                      "타파하가나", 20, NULL, NULL, &t), TS_OK);
    assert_int_equal(t.n, 6);
    for (size_t i = 0; i < t.n; i++) {
        size_t w = 0;
        for (size_t j = 0; j < t.lines[i].n; j++) {
            w += ts_text_width(t.lines[i].spans[j].text, strlen(t.lines[i].spans[j].text));
        }
        assert_true(w <= 20);
    }
    ts_text_free(&t);
}

static void test_textbook(void **state)
{
    (void)state;
    ts_lesson *l = parse_ok("---\nid: t\ntitle: {en: T, ko: T}\nsummary: {en: S, ko: S}\n"
                            "run:\n  play: textbook\n  textbook: {p: 61, q: 53, e: 17, m: 65, "
                            "m2: 2}\n---\n# en\n## rsa_encrypt\nc is {{c}}.\n"
                            "# ko\n## rsa_encrypt\nc는 {{c}}.\n");
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(ts_lesson_play_textbook(f, l, TS_LANG_KO, 78), TS_OK);
    fclose(f);
    /* 65^17 mod 3233 = 2790 (the classic example, e.g. Wikipedia "RSA") */
    assert_non_null(strstr(buf, "c = m^e mod n = 65^17 mod 3233 = 2790"));
    assert_non_null(strstr(buf, "c는 2790."));
    assert_non_null(strstr(buf, "결과: 성공"));
    free(buf);
    ts_lesson_free(l);
    parse_fails("---\nid: t\ntitle: {en: T, ko: T}\nsummary: {en: S, ko: S}\n"
                "run:\n  play: textbook\n---\n# en\n# ko\n", "run: play: textbook expects");
    parse_fails("---\nid: t\ntitle: {en: T, ko: T}\nsummary: {en: S, ko: S}\n"
                "run:\n  play: textbook\n  textbook: {p: 61, q: 61, e: 17}\n---\n# en\n# ko\n",
                "expected p != q");
}

static void test_narration_in_run(void **state)
{
    (void)state;
    ts_lesson *l = parse_ok(FRONT("") BODY);
    ts_session_config cfg = {.seed = "lesson-test", .bits = 512};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    const ts_trace *t = ts_session_trace(s);
    size_t at = 99;
    const ts_lesson_section *sec = ts_lesson_narration_at(l, t, 0, TS_LANG_EN, &at);
    assert_ptr_equal(sec, &l->intro[TS_LANG_EN]);
    assert_int_equal(at, 0);
    const ts_step *hello = ts_trace_find(t, "client_hello", TS_SIDE_CLIENT);
    assert_non_null(hello);
    sec = ts_lesson_narration_at(l, t, hello->index + 1, TS_LANG_EN, &at);
    assert_string_equal(sec->title, "ClientHello");
    assert_int_equal(at, hello->index + 1);
    /* later steps without a section keep it */
    sec = ts_lesson_narration_at(l, t, hello->index + 2, TS_LANG_EN, NULL);
    assert_string_equal(sec->title, "ClientHello");
    assert_string_equal(ts_lesson_narration(l, hello, TS_LANG_KO), "안녕.\n");
    assert_string_equal(ts_lesson_narration(l, NULL, TS_LANG_KO), "소개.\n");
    assert_null(ts_lesson_narration(l, ts_trace_find(t, "server_hello", TS_SIDE_SERVER),
                                    TS_LANG_EN));
    /* the woven transcript and the value lookup */
    ts_lesson_values v = {.s = s, .k = hello->index};
    char out[128];
    assert_true(ts_lesson_run_value(&v, "client:client_random", out, sizeof(out)));
    assert_non_null(strstr(out, "(32 bytes)"));
    assert_true(ts_lesson_run_value(&v, "seed", out, sizeof(out)));
    assert_string_equal(out, "lesson-test");
    assert_false(ts_lesson_run_value(&v, "nothing", out, sizeof(out)));
    assert_false(ts_lesson_run_value(&v, "moon:client_random", out, sizeof(out)));
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(ts_lesson_play_run(f, s, l, TS_LANG_KO, 78), TS_OK);
    fclose(f);
    /* the transcript in the lesson's language (export/ts_transcript) */
    assert_memory_equal(buf, "시드: lesson-test\n", strlen("시드: lesson-test\n"));
    char *a = strstr(buf, "  | 안녕.");
    char *b = strstr(buf, "클라이언트 · ClientHello 작성");
    assert_true(a != NULL && b != NULL && a < b);
    assert_non_null(strstr(buf, "  | 서버."));
    free(buf);
    ts_session_free(s);
    ts_lesson_free(l);
}

/* Every lesson shipped in lessons/ loads (run from the repository root). */
static void test_shipped_lessons(void **state)
{
    (void)state;
    ts_lesson **ls = NULL;
    size_t n = 0;
    char *dirs[1];
    size_t nd = ts_lesson_dirs("lessons", dirs, 1);
    if (nd == 0) {
        skip();
    }
    free(dirs[0]);
    assert_int_equal(ts_lesson_list("lessons", TS_LANG_EN, &ls, &n, NULL, NULL), TS_OK);
    static const char *const want[] = {"rsa-textbook", "rsa-handshake", "forward-secrecy",
                                       "records", "ending", "tls13-handshake",
                                       "tls12-vs-tls13"};
    assert_true(n >= sizeof(want) / sizeof(want[0]));
    for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++) {
        bool found = false;
        for (size_t i = 0; i < n; i++) {
            found = found || strcmp(ls[i]->id, want[w]) == 0;
        }
        assert_true(found);
    }
    ts_lesson_list_free(ls, n);
}

/* The search path: --lessons DIR, then XDG_DATA_HOME's, then
 * TLSSTEP_LESSONS, each folder once; the installed folder is absolute. */
static void test_search_path(void **state)
{
    (void)state;
    const char *data = ts_lesson_data_dir();
    size_t n = strlen(data), tail = strlen("/share/tlsstep/lessons");
    assert_true(data[0] == '/' && n > tail);
    assert_string_equal(data + n - tail, "/share/tlsstep/lessons");

    char root[] = "/tmp/ts_lesson_test_XXXXXX";
    assert_non_null(mkdtemp(root));
    char xdg[256], mine[256], cmd[600];
    snprintf(xdg, sizeof(xdg), "%s/xdg", root);
    snprintf(mine, sizeof(mine), "%s/mine", root);
    snprintf(cmd, sizeof(cmd), "mkdir -p '%s/tlsstep/lessons' '%s'", xdg, mine);
    assert_int_equal(system(cmd), 0);
    setenv("XDG_DATA_HOME", xdg, 1);
    setenv("TLSSTEP_LESSONS", root, 1);
    char *dirs[12];
    size_t nd = ts_lesson_dirs(mine, dirs, 12);
    assert_true(nd >= 3);
    assert_string_equal(dirs[0], mine);
    assert_non_null(strstr(dirs[1], "/xdg/tlsstep/lessons"));
    assert_string_equal(dirs[2], root);
    for (size_t i = 0; i < nd; i++) {
        for (size_t j = i + 1; j < nd; j++) {
            assert_string_not_equal(dirs[i], dirs[j]);
        }
    }
    for (size_t i = 0; i < nd; i++) {
        free(dirs[i]);
    }
    nd = ts_lesson_dirs(root, dirs, 12); /* the same folder twice: listed once */
    assert_string_equal(dirs[0], root);
    assert_string_not_equal(dirs[2], root);
    for (size_t i = 0; i < nd; i++) {
        free(dirs[i]);
    }
    unsetenv("XDG_DATA_HOME");
    unsetenv("TLSSTEP_LESSONS");
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_minimal),  cmocka_unit_test(test_parse_run),
        cmocka_unit_test(test_errors_yaml),    cmocka_unit_test(test_errors_body),
        cmocka_unit_test(test_id_matches_file), cmocka_unit_test(test_steps),
        cmocka_unit_test(test_lang),           cmocka_unit_test(test_render),
        cmocka_unit_test(test_textbook),       cmocka_unit_test(test_narration_in_run),
        cmocka_unit_test(test_shipped_lessons), cmocka_unit_test(test_search_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
