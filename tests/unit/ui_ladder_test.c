/* ui_ladder_test: the key-schedule ladder's rungs (ui_ladder_model) over
 * real runs: TLS 1.3 (with and without KeyUpdate) and TLS 1.2 (RSA, ECDHE
 * with the extended master secret, the NULL suite's MAC keys): their order,
 * the rungs a run lacks left out, empty rungs before the cursor reaches
 * them and filled ones naming the step that derived them; and the
 * eavesdropper's view of a protected record (ui_observer): its header and
 * opaque bytes only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_rng.h"
#include "crypto/ts_suite.h"
#include "simulation/ts_session.h"
#include "ui/ui_app.h"
#include "ui/ui_ladder_model.h"
#include "ui/ui_observer.h"

static ts_session *run(const char *suite, bool ems, bool key_update)
{
    ts_session_config cfg = {.seed = "42", .suite = ts_suite_by_name(suite), .ems = ems,
                             .key_update = key_update, .bits = 1024};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    return s;
}

/* The rungs' names at the end of s's run, joined by spaces, into buf. */
static void names(ts_session *s, bool tls13, char *buf, size_t cap)
{
    ui_rung r[UI_LADDER_MAX];
    size_t n = ui_ladder_rungs(ts_session_trace(s), ts_session_count(s), tls13, r, UI_LADDER_MAX);
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        o += (size_t)snprintf(buf + o, cap - o, "%s%s", i > 0 ? " " : "", r[i].name);
    }
}

/* Every rung at cursor k: empty, or the first value step of its name
 * before k; returns how many are filled. */
static size_t check_at(ts_session *s, bool tls13, size_t k)
{
    const ts_trace *t = ts_session_trace(s);
    ui_rung r[UI_LADDER_MAX];
    size_t n = ui_ladder_rungs(t, k, tls13, r, UI_LADDER_MAX), filled = 0;
    for (size_t i = 0; i < n; i++) {
        const char *want = strcmp(r[i].name, UI_LADDER_PSK) == 0 ? "early_secret" : r[i].name;
        size_t first = UI_RUNG_NONE;
        for (size_t j = 0; j < k && first == UI_RUNG_NONE; j++) {
            const ts_step *st = ts_trace_get(t, j);
            if (st->ev.kind == TS_EV_VALUE && strcmp(st->ev.name, want) == 0) {
                first = j;
            }
        }
        assert_int_equal(r[i].step, first);
        filled += first != UI_RUNG_NONE;
        assert_int_equal(r[i].last,
                         r[i].kind == UI_RUNG_KEY && (i + 1 == n || r[i + 1].kind != UI_RUNG_KEY));
    }
    return filled;
}

/* The ladder fills as the cursor moves, never empties, and is full at the end. */
static void check_filling(ts_session *s, bool tls13, size_t rungs)
{
    size_t prev = 0;
    assert_int_equal(check_at(s, tls13, 0), 0);
    for (size_t k = 1; k <= ts_session_count(s); k++) {
        size_t f = check_at(s, tls13, k);
        assert_true(f >= prev);
        prev = f;
    }
    assert_int_equal(prev, rungs);
}

static void test_tls13(void **state)
{
    (void)state;
    ts_session *s = run("tls13-aes", false, false);
    assert_true(ui_ladder_is_tls13(ts_session_trace(s), false));
    char buf[2048];
    names(s, true, buf, sizeof(buf));
    assert_string_equal(
        buf, "psk early_secret early_derived_secret shared_secret handshake_secret "
             "transcript_hash_server_hello client_handshake_traffic_secret client_handshake_key "
             "client_handshake_iv server_handshake_traffic_secret server_handshake_key "
             "server_handshake_iv handshake_derived_secret master_secret "
             "transcript_hash_server_finished client_application_traffic_secret_0 "
             "client_application_key client_application_iv server_application_traffic_secret_0 "
             "server_application_key server_application_iv exporter_master_secret "
             "transcript_hash_client_finished resumption_master_secret resumption_psk");
    check_filling(s, true, 25);
    ui_rung r[UI_LADDER_MAX];
    size_t n = ui_ladder_rungs(ts_session_trace(s), ts_session_count(s), true, r, UI_LADDER_MAX);
    /* the PSK comes in from the side of the early secret and shares its step */
    assert_int_equal(r[0].kind, UI_RUNG_INPUT);
    assert_int_equal(r[0].step, r[1].step);
    assert_int_equal(r[1].kind, UI_RUNG_SECRET);
    assert_string_equal(r[4].op, "HKDF-Extract(., (EC)DHE)");
    size_t latest = ui_ladder_latest(r, n);
    for (size_t i = 0; i < n; i++) {
        assert_true(r[i].step <= r[latest].step);
    }
    /* at the start nothing is derived */
    n = ui_ladder_rungs(ts_session_trace(s), 0, true, r, UI_LADDER_MAX);
    assert_int_equal(ui_ladder_latest(r, n), n);
    /* a short buffer takes what fits */
    assert_int_equal(ui_ladder_rungs(ts_session_trace(s), 0, true, r, 3), 3);
    ts_session_free(s);
}

static void test_key_update(void **state)
{
    (void)state;
    ts_session *s = run("tls13-chacha", false, true);
    char buf[2048];
    names(s, true, buf, sizeof(buf));
    assert_non_null(strstr(buf, "resumption_psk client_application_traffic_secret_1 "
                                "client_application_key_1 client_application_iv_1 "
                                "server_application_traffic_secret_1 server_application_key_1 "
                                "server_application_iv_1"));
    check_filling(s, true, 31);
    ts_session_free(s);
}

static void test_tls12(void **state)
{
    (void)state;
    ts_session *s = run("rsa", false, false);
    const ts_trace *t = ts_session_trace(s);
    assert_false(ui_ladder_is_tls13(t, false));
    assert_false(ui_ladder_is_tls13(t, true)); /* the trace decides, not the suite */
    char buf[1024];
    names(s, false, buf, sizeof(buf));
    assert_string_equal(buf, "premaster_secret client_random server_random master_secret "
                             "key_block client_write_key server_write_key client_write_iv "
                             "server_write_iv");
    check_filling(s, false, 9);
    ts_session_free(s);

    s = run("ecdhe", true, false); /* the session hash replaces the randoms */
    names(s, false, buf, sizeof(buf));
    assert_string_equal(buf, "premaster_secret session_hash master_secret client_random "
                             "server_random key_block client_write_key server_write_key "
                             "client_write_iv server_write_iv");
    check_filling(s, false, 10);
    ts_session_free(s);

    s = run("null", false, false); /* MAC keys, no encryption keys */
    names(s, false, buf, sizeof(buf));
    assert_string_equal(buf, "premaster_secret client_random server_random master_secret "
                             "key_block client_write_mac_key server_write_mac_key");
    ts_session_free(s);
}

/* Before a run nothing decides: the suite does. */
static void test_empty(void **state)
{
    (void)state;
    ts_session_config cfg = {.seed = "1", .bits = 512};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_true(ui_ladder_is_tls13(ts_session_trace(s), true));
    assert_false(ui_ladder_is_tls13(ts_session_trace(s), false));
    ts_session_free(s);
}

/* The eavesdropper sees the header and opaque bytes of a protected record,
 * and a record in the clear as it is. */
static void test_observer(void **state)
{
    (void)state;
    ts_session *s = run("tls13-aes", false, false);
    ui_app a;
    ui_app_init(&a, s, "x", TS_LANG_EN);
    const ts_chan *ch = ts_session_chan(s);
    const ts_chan_record *hello = ts_chan_get(ch, 1), *ee = ts_chan_get(ch, 4);
    assert_true(ee->protected_record);
    assert_false(ui_observer_hides(&a, ee)); /* off until w */
    a.eavesdrop = true;
    assert_true(ui_observer_hides(&a, ee));
    assert_false(ui_observer_hides(&a, hello));
    assert_string_equal(ui_observer_type(ee->content_type), "application_data");
    ts_field f[8];
    size_t n = ui_observer_fields(ee, TS_LANG_EN, f, 8);
    assert_int_equal(n, 4);
    assert_string_equal(f[0].name, "content_type");
    assert_string_equal(f[1].name, "version");
    assert_string_equal(f[2].name, "length");
    assert_string_equal(f[3].name, "encrypted_record");
    assert_int_equal(f[3].offset, 5);
    assert_int_equal(f[3].len, ee->sent.len - 5);
    char want[64];
    snprintf(want, sizeof(want), "%zu bytes, opaque without the keys", ee->sent.len - 5);
    assert_string_equal(f[3].value, want);
    for (size_t i = 0; i < n; i++) {
        assert_null(strstr(f[i].value, "EncryptedExtensions"));
    }
    ui_app_free(&a);
    ts_session_free(s);
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tls13),   cmocka_unit_test(test_key_update),
        cmocka_unit_test(test_tls12),   cmocka_unit_test(test_empty),
        cmocka_unit_test(test_observer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
