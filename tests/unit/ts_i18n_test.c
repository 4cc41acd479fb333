/* Unit tests for ts_i18n: the catalogue (built by make into build/locale,
 * found through TLSSTEP_LOCALEDIR as tests/run.sh sets it, or beside the
 * test program), the engine's templates read back, the formatter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_err.h"
#include "base/ts_i18n.h"
#include "base/ts_lang.h"
#include "base/ts_templates.h"

/* The Korean catalogue is found and used; English never looks it up. */
static void test_catalogue_found(void **state)
{
    (void)state;
    char where[512];
    assert_true(ts_i18n_available(TS_LANG_EN, NULL, 0));
    assert_true(ts_i18n_available(TS_LANG_KO, where, sizeof(where)));
    assert_string_equal(ts_tr(TS_LANG_KO, "out of memory"), "메모리가 부족합니다");
    assert_string_equal(ts_tr(TS_LANG_EN, "out of memory"), "out of memory");
    assert_string_equal(ts_err_str(TS_ERR_NOMEM, TS_LANG_KO), "메모리가 부족합니다");
    /* switching back and forth, as the UI's l key does */
    assert_string_equal(ts_tr(TS_LANG_EN, "unknown error"), "unknown error");
    assert_string_equal(ts_tr(TS_LANG_KO, "unknown error"), "알 수 없는 오류");
    assert_null(ts_tr(TS_LANG_KO, NULL));
    assert_string_equal(ts_tr(TS_LANG_KO, ""), "");
    assert_string_equal(ts_tr(TS_LANG_KO, "not in the catalogue"), "not in the catalogue");
}

/* A sentence built from a template comes back translated, with its
 * arguments in the translation's order and translated in turn. */
static void test_template_read_back(void **state)
{
    (void)state;
    char type[64], english[160], out[256];
    snprintf(type, sizeof(type), TS_TPL_HANDSHAKE_TYPE, 14u);
    snprintf(english, sizeof(english), TS_TPL_RECEIVED_WHILE_EXPECTING, type, "certificate");
    const char *ko = ts_tr_text(TS_LANG_KO, english, out, sizeof(out));
    assert_ptr_equal(ko, out);
    assert_string_equal(ko, "기다린 것은 certificate인데 받은 것은 핸드셰이크 메시지 타입 14입니다");
    assert_ptr_equal(ts_tr_text(TS_LANG_EN, english, out, sizeof(out)), english);
    /* no template: returned unchanged */
    assert_string_equal(ts_tr_text(TS_LANG_KO, "free text 12", out, sizeof(out)), "free text 12");
    /* a number conversion does not match letters */
    assert_string_equal(ts_tr_text(TS_LANG_KO, "handshake message type x", out, sizeof(out)),
                        "handshake message type x");
}

/* Every template reads back the arguments it was filled with. */
static void test_every_template_round_trips(void **state)
{
    (void)state;
    for (size_t t = 0; t < ts_templates_count; t++) {
        const char *args[] = {"alpha", "beta", "gamma", "delta", "eps", "zeta"};
        const char *nums[] = {"17", "23", "29", "31", "37", "41"};
        const char *fill[6];
        const char *p = ts_templates[t];
        size_t k = 0;
        for (; *p != '\0' && k < 6; p++) {
            if (p[0] == '%' && p[1] != '%') {
                const char *q = p + 1;
                while (*q == 'z' || *q == 'l' || *q == 'h') {
                    q++;
                }
                fill[k] = *q == 's' ? args[k] : nums[k];
                k++;
            } else if (p[0] == '%') {
                p++;
            }
        }
        char english[512], out[512];
        ts_i18n_fill(english, sizeof(english), ts_templates[t], fill, k);
        const char *ko = ts_tr_text(TS_LANG_KO, english, out, sizeof(out));
        for (size_t i = 0; i < k; i++) {
            if (strstr(ko, fill[i]) == NULL) {
                fail_msg("template %zu (%s): argument %s lost in \"%s\"", t, ts_templates[t],
                         fill[i], ko);
            }
        }
    }
}

static void test_fill(void **state)
{
    (void)state;
    char out[64];
    const char *args[] = {"a", "bb", "ccc"};
    ts_i18n_fill(out, sizeof(out), "%s-%zu-%u 100%%", args, 3);
    assert_string_equal(out, "a-bb-ccc 100%");
    ts_i18n_fill(out, sizeof(out), "%3$s %1$s %2$s", args, 3);
    assert_string_equal(out, "ccc a bb");
    ts_i18n_fill(out, sizeof(out), "%s %s %s %s", args, 3);
    assert_string_equal(out, "a bb ccc ");
    ts_i18n_fill(out, 4, "%s%s%s", args, 3);
    assert_string_equal(out, "abb");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue_found),
        cmocka_unit_test(test_template_read_back),
        cmocka_unit_test(test_every_template_round_trips),
        cmocka_unit_test(test_fill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
