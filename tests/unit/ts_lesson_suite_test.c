/* Unit tests of the lesson written for a suite and the mismatch sentence
 * (ts_lesson_suite), and of the loader's messages in the caller's language
 * (ts_lesson_parse with a lang). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/ts_i18n.h"
#include "base/ts_lang.h"
#include "lesson/ts_lesson.h"
#include "lesson/ts_lesson_suite.h"

#define LESSON(run)                                                                    \
    "---\n"                                                                            \
    "id: t\n"                                                                          \
    "title: {en: \"Test\", ko: \"시험\"}\n"                                            \
    "summary: {en: \"S\", ko: \"요약\"}\n" run "---\n"                                 \
    "# en\n\nIntro.\n\n# ko\n\n소개.\n"

static ts_lesson *parse(const char *text)
{
    char why[TS_LESSON_WHY_CAP] = "";
    ts_lesson *l = NULL;
    ts_err err = ts_lesson_parse(text, strlen(text), "t.md", TS_LANG_EN, &l, why, sizeof(why));
    if (err != TS_OK) {
        fprintf(stderr, "unexpected: %s\n", why);
    }
    assert_int_equal(err, TS_OK);
    return l;
}

/* True when s holds a Hangul syllable (UTF-8 EA B0 80 .. ED 9E A3). */
static bool has_hangul(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((p[0] >= 0xEA && p[0] <= 0xED) && p[1] >= 0x80 && p[2] >= 0x80) {
            return true;
        }
    }
    return false;
}

static void test_for_suite(void **state)
{
    (void)state;
    assert_string_equal(ts_lesson_for_suite("rsa"), "rsa-handshake");
    assert_string_equal(ts_lesson_for_suite("ecdhe"), "forward-secrecy");
    assert_string_equal(ts_lesson_for_suite("dhe"), "forward-secrecy");
    assert_string_equal(ts_lesson_for_suite("null"), "records");
    /* other spellings ts_suite_by_name knows */
    assert_string_equal(ts_lesson_for_suite("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
                        "forward-secrecy");
    assert_string_equal(ts_lesson_for_suite("tls13-aes"), "tls13-handshake");
    assert_string_equal(ts_lesson_for_suite("tls13-chacha"), "tls13-handshake");
    assert_string_equal(ts_lesson_for_suite("TLS_AES_256_GCM_SHA384"), "tls13-handshake");
    assert_null(ts_lesson_for_suite("rc4"));
    assert_null(ts_lesson_for_suite(NULL));
}

/* Every lesson ts_lesson_for_suite names exists and is written for a suite
 * of the same key exchange: no mismatch with the suite that named it. */
static void test_for_suite_lessons_exist(void **state)
{
    (void)state;
    static const char *const suites[] = {"rsa", "ecdhe", "dhe", "null", "tls13-aes",
                                         "tls13-chacha"};
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        ts_lesson *l = NULL;
        char why[TS_LESSON_WHY_CAP] = "";
        const char *id = ts_lesson_for_suite(suites[i]);
        assert_int_equal(ts_lesson_open(id, "lessons", TS_LANG_EN, &l, why, sizeof(why)), TS_OK);
        assert_string_equal(l->id, id);
        char buf[256] = "x";
        assert_false(ts_lesson_suite_mismatch(l, suites[i], TS_LANG_EN, buf, sizeof(buf)));
        assert_string_equal(buf, "");
        ts_lesson_free(l);
    }
}

static void test_lesson_suite(void **state)
{
    (void)state;
    ts_lesson *l = parse(LESSON("run:\n  suite: ecdhe\n"));
    assert_string_equal(ts_lesson_suite(l), "ecdhe");
    ts_lesson_free(l);
    l = parse(LESSON(""));
    assert_string_equal(ts_lesson_suite(l), "rsa"); /* the session's default */
    ts_lesson_free(l);
    l = parse(LESSON("run:\n  play: textbook\n  textbook: {p: 61, q: 53, e: 17, m: 65}\n"));
    assert_null(ts_lesson_suite(l));
    ts_lesson_free(l);
    assert_null(ts_lesson_suite(NULL));
}

static void test_mismatch(void **state)
{
    (void)state;
    ts_lesson *rsa = parse(LESSON("run:\n  suite: rsa\n"));
    ts_lesson *ec = parse(LESSON("run:\n  suite: ecdhe\n"));
    char buf[512];
    assert_true(ts_lesson_suite_mismatch(rsa, "ecdhe", TS_LANG_EN, buf, sizeof(buf)));
    assert_string_equal(buf, "This lesson assumes the rsa key exchange; this run uses ecdhe, so the "
                             "narration of steps that did not happen is left out.");
    assert_true(ts_lesson_suite_mismatch(ec, NULL, TS_LANG_EN, buf, sizeof(buf))); /* default rsa */
    assert_string_equal(buf, "This lesson assumes the ecdhe key exchange; this run uses rsa, so the "
                             "narration of steps that did not happen is left out.");
    assert_true(ts_lesson_suite_mismatch(ec, "dhe", TS_LANG_EN, buf, sizeof(buf)) == false);
    /* TLS 1.3 is a family of its own, whatever 1.2 suite the lesson has */
    assert_true(ts_lesson_suite_mismatch(ec, "tls13-chacha", TS_LANG_EN, buf, sizeof(buf)));
    assert_string_equal(buf, "This lesson is written for TLS 1.2 (ecdhe); this run is TLS 1.3 "
                             "(tls13-chacha), so the narration of steps that did not happen is "
                             "left out.");
    assert_true(ts_lesson_suite_mismatch(rsa, "tls13-aes", TS_LANG_EN, buf, sizeof(buf)));
    assert_false(ts_lesson_suite_mismatch(rsa, "null", TS_LANG_EN, buf, sizeof(buf)));
    assert_false(ts_lesson_suite_mismatch(rsa, "rsa", TS_LANG_EN, buf, sizeof(buf)));
    assert_false(ts_lesson_suite_mismatch(rsa, "rc4", TS_LANG_EN, buf, sizeof(buf)));
    assert_false(ts_lesson_suite_mismatch(NULL, "rsa", TS_LANG_EN, buf, sizeof(buf)));
    assert_string_equal(buf, "");
    /* no room: still the answer, nothing written past cap */
    assert_true(ts_lesson_suite_mismatch(rsa, "dhe", TS_LANG_EN, NULL, 0));
    char small[8] = "zzzzzzz";
    assert_true(ts_lesson_suite_mismatch(rsa, "dhe", TS_LANG_EN, small, 5));
    assert_string_equal(small, "This");
    assert_int_equal(small[5], 'z');
    /* Korean: the sentence in the catalogue, the suites' names kept */
    if (ts_i18n_available(TS_LANG_KO, NULL, 0)) {
        assert_true(ts_lesson_suite_mismatch(rsa, "ecdhe", TS_LANG_KO, buf, sizeof(buf)));
        assert_true(has_hangul(buf));
        assert_non_null(strstr(buf, "rsa"));
        assert_non_null(strstr(buf, "ecdhe"));
        assert_true(strstr(buf, "rsa") < strstr(buf, "ecdhe"));
        assert_null(strstr(buf, "lesson"));
    }
    /* a textbook lesson plays no handshake: no mismatch with any suite */
    ts_lesson *tb = parse(LESSON("run:\n  play: textbook\n  textbook: {p: 61, q: 53, e: 17}\n"));
    assert_false(ts_lesson_suite_mismatch(tb, "ecdhe", TS_LANG_EN, buf, sizeof(buf)));
    ts_lesson_free(tb);
    ts_lesson_free(rsa);
    ts_lesson_free(ec);
}

/* The loader writes its messages in the language it is given. */
static void test_messages_in_lang(void **state)
{
    (void)state;
    if (!ts_i18n_available(TS_LANG_KO, NULL, 0)) {
        skip();
    }
    static const char *const bad[] = {
        "no front matter\n",
        LESSON("kind: quiz\n"),
        LESSON("run:\n  suite: rsa\n  bits: 12\n"),
        "---\nid: t\ntitle: {en: a, ko: b}\nsummary: {en: a, ko: b}\n---\n# en\n\nx\n",
        "---\nid: t\ntitle: [a, b\nsummary: {en: a, ko: b}\n---\n",
        "---\nid: t\ntitle: {en: a, ko: b}\nsummary: {en: a, ko: b}\n---\n"
        "# en\n\n## x {step=server_helo}\n\nx\n\n# ko\n\n## x {step=server_helo}\n\nx\n",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char en[TS_LESSON_WHY_CAP] = "", ko[TS_LESSON_WHY_CAP] = "";
        ts_lesson *l = NULL;
        assert_int_equal(ts_lesson_parse(bad[i], strlen(bad[i]), "t.md", TS_LANG_EN, &l, en,
                                         sizeof(en)),
                         TS_ERR_LESSON);
        assert_int_equal(ts_lesson_parse(bad[i], strlen(bad[i]), "t.md", TS_LANG_KO, &l, ko,
                                         sizeof(ko)),
                         TS_ERR_LESSON);
        assert_null(l);
        /* the same "FILE:LINE: " in both, then the words in each language */
        const char *en_msg = strchr(strchr(en, ':') + 1, ':'), *ko_msg = strchr(strchr(ko, ':') + 1, ':');
        assert_non_null(en_msg);
        assert_non_null(ko_msg);
        assert_int_equal(en_msg - en, ko_msg - ko);
        assert_memory_equal(en, ko, (size_t)(en_msg - en));
        assert_false(has_hangul(en));
        if (!has_hangul(ko)) {
            fprintf(stderr, "not Korean: %s\n", ko);
        }
        assert_true(has_hangul(ko));
    }
    /* a lesson that cannot be found, in Korean too */
    char why[TS_LESSON_WHY_CAP] = "";
    ts_lesson *l = NULL;
    assert_int_equal(ts_lesson_open("no-such-lesson", "lessons", TS_LANG_KO, &l, why, sizeof(why)),
                     TS_ERR_LESSON);
    assert_true(has_hangul(why));
    assert_non_null(strstr(why, "no-such-lesson"));
    assert_false(ts_lesson_found("no-such-lesson", "lessons"));
    assert_true(ts_lesson_found("rsa-handshake", "lessons"));
    assert_true(ts_lesson_found("lessons/records.md", NULL));
    assert_false(ts_lesson_found("lessons/nothing.md", NULL));
    /* the kind: a label in the reader's language, a name in the file's */
    assert_string_equal(ts_lesson_kind_label(TS_LESSON_KIND_LESSON, TS_LANG_EN), "lesson");
    assert_string_equal(ts_lesson_kind_label(TS_LESSON_KIND_EXERCISE, TS_LANG_EN), "exercise");
    assert_string_equal(ts_lesson_kind_label(TS_LESSON_KIND_LESSON, TS_LANG_KO), "수업");
    assert_string_equal(ts_lesson_kind_label(TS_LESSON_KIND_EXERCISE, TS_LANG_KO), "연습 문제");
    assert_string_equal(ts_lesson_kind_name(TS_LESSON_KIND_EXERCISE), "exercise");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_for_suite),  cmocka_unit_test(test_for_suite_lessons_exist),
        cmocka_unit_test(test_lesson_suite), cmocka_unit_test(test_mismatch),
        cmocka_unit_test(test_messages_in_lang),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
