/* Secrets after the close (issue 7 §4): once a run is over, each endpoint's
 * copies of the premaster secret, master secret, key block, record keys and
 * key-exchange private values are zeros (ts_conn_secret_areas), after a
 * clean close and after a fatal alert; an endpoint still waiting keeps live
 * keys, which the same check sees (so the check can fail).
 *
 * Comparisons (reviewed in the code: Finished goes through ts_secret_equal
 * in ts_ep_check_finished, the NULL suite's HMAC through ts_secret_equal in
 * ts_record.c, AEAD tags through libsodium's constant-time open): their
 * behaviour is checked here with forged records. Holding the keys from the
 * trace, the test reseals the client's NULL-suite Finished with a valid MAC
 * around verify_data changed at each of its 12 bytes: every one must be
 * refused with decrypt_error, and the unchanged one accepted (the forging
 * is right). A change in each of the 32 MAC bytes must give bad_record_mac:
 * no byte of either value escapes the comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_rng.h"
#include "crypto/ts_secret.h"
#include "simulation/ts_session.h"
#include "tls/ts_record.h"

#define MAX_AREAS 32

static ts_session *new_session(ts_suite_id suite, const char *seed)
{
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = seed;
    cfg.suite = ts_suite_get(suite);
    cfg.bits = ts_suite_is_tls13(cfg.suite) ? 640 : 512; /* RSA-PSS needs 528 bits */
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    return s;
}

static void run_with(ts_session *s, const ts_action *acts, size_t n)
{
    assert_int_equal(ts_session_set_actions(s, acts, n), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
}

/* Number of record of type_name in direction dir, or 0. */
static size_t find_record(const ts_session *s, ts_dir dir, const char *type_name)
{
    const ts_chan *ch = ts_session_chan(s);
    for (size_t i = 1; i <= ts_chan_count(ch); i++) {
        const ts_chan_record *r = ts_chan_get(ch, i);
        if (r->dir == dir && strcmp(r->type_name, type_name) == 0) {
            return i;
        }
    }
    return 0;
}

/* How many of side's secret areas hold a non-zero byte; *total gets the
 * number of bytes the areas cover. */
static size_t live_areas(const ts_session *s, ts_side side, size_t *total)
{
    const ts_conn *c = ts_session_conn(s, side);
    assert_non_null(c);
    const uint8_t *ptrs[MAX_AREAS];
    size_t lens[MAX_AREAS];
    size_t n = ts_conn_secret_areas(c, ptrs, lens, MAX_AREAS);
    assert_true(n >= 8);
    size_t live = 0;
    *total = 0;
    for (size_t i = 0; i < n; i++) {
        *total += lens[i];
        if (!ts_secret_is_zero(ptrs[i], lens[i])) {
            live++;
        }
    }
    return live;
}

/* The secrets existed during the run: the trace saw a non-zero master secret. */
static void assert_had_master(const ts_session *s, ts_side side)
{
    const ts_step *st = ts_trace_find(ts_session_trace(s), "master_secret", side);
    assert_non_null(st);
    /* 48 bytes in TLS 1.2; Hash.length in TLS 1.3 (SHA-256: 32) */
    assert_true(st->ev.value_len == 48 || st->ev.value_len == 32);
    assert_false(ts_secret_is_zero(st->ev.value, st->ev.value_len));
}

static void test_wiped_after_close(void **state)
{
    (void)state;
    for (int id = 0; id < TS_SUITE_COUNT; id++) {
        if (!ts_suite_usable(ts_suite_get((ts_suite_id)id))) {
            continue;
        }
        ts_session *s = new_session((ts_suite_id)id, "wipe-close");
        run_with(s, NULL, 0);
        assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
        for (int side = TS_SIDE_CLIENT; side <= TS_SIDE_SERVER; side++) {
            assert_int_equal(ts_conn_status_of(ts_session_conn(s, (ts_side)side)),
                             TS_CONN_CLOSED);
            assert_had_master(s, (ts_side)side);
            size_t total = 0;
            assert_int_equal(live_areas(s, (ts_side)side, &total), 0);
            /* premaster (up to a DH group's size), master, key block, keys */
            assert_true(total >= 256 + 48);
        }
        ts_session_free(s);
    }
}

static void test_dhe_private_value_covered(void **state)
{
    (void)state;
    /* the DHE exponent is one of the areas, and it is wiped too */
    ts_session *s = new_session(TS_SUITE_DHE, "wipe-dhe");
    run_with(s, NULL, 0);
    size_t total_dhe = 0, total_rsa = 0;
    assert_int_equal(live_areas(s, TS_SIDE_CLIENT, &total_dhe), 0);
    ts_session_free(s);
    s = new_session(TS_SUITE_NULL, "wipe-dhe");
    run_with(s, NULL, 0);
    assert_int_equal(live_areas(s, TS_SIDE_CLIENT, &total_rsa), 0);
    ts_session_free(s);
    assert_true(total_dhe > total_rsa);
}

static void test_live_keys_are_seen(void **state)
{
    (void)state;
    /* The server's Finished never arrives: the client waits with its keys
     * (nothing has ended, nothing is wiped), and the check must see them. */
    ts_session *s = new_session(TS_SUITE_ECDHE, "wipe-live");
    run_with(s, NULL, 0);
    size_t fin = find_record(s, TS_DIR_S2C, "Finished");
    assert_true(fin > 0);
    ts_action drop = {.kind = TS_ACT_DROP, .record = fin};
    run_with(s, &drop, 1);
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_STALLED);
    size_t total = 0;
    assert_true(live_areas(s, TS_SIDE_CLIENT, &total) >= 3); /* master, keys, record keys */
    ts_session_free(s);
}

static void test_wiped_after_alert(void **state)
{
    (void)state;
    ts_session *s = new_session(TS_SUITE_RSA, "wipe-alert");
    if (!ts_suite_usable(ts_suite_get(TS_SUITE_RSA))) {
        ts_session_free(s);
        s = new_session(TS_SUITE_ECDHE, "wipe-alert");
    }
    run_with(s, NULL, 0);
    size_t fin = find_record(s, TS_DIR_C2S, "Finished");
    assert_true(fin > 0);
    /* the client's encrypted Finished: the server sends bad_record_mac
     * after both sides hold keys; both must wipe them */
    ts_action t = {.kind = TS_ACT_TAMPER, .record = fin, .offset = 20, .xor_mask = 0x01};
    run_with(s, &t, 1);
    const ts_result *r = ts_session_result(s);
    assert_int_equal(r->kind, TS_RESULT_ALERT);
    assert_string_equal(r->alert_name, "bad_record_mac");
    for (int side = TS_SIDE_CLIENT; side <= TS_SIDE_SERVER; side++) {
        assert_int_equal(ts_conn_status_of(ts_session_conn(s, (ts_side)side)), TS_CONN_FAILED);
        assert_had_master(s, (ts_side)side);
        size_t total = 0;
        assert_int_equal(live_areas(s, (ts_side)side, &total), 0);
    }
    ts_session_free(s);
}

/* The value of the trace step name reported by side (must exist). */
static const uint8_t *trace_value(const ts_session *s, const char *name, ts_side side,
                                  size_t *len)
{
    const ts_step *st = ts_trace_find(ts_session_trace(s), name, side);
    assert_non_null(st);
    *len = st->ev.value_len;
    return st->ev.value;
}

/* The client's NULL-suite Finished record resealed around plain (16
 * bytes: handshake header + verify_data) with the client's MAC key. */
static void forge_finished(const ts_session *s, const uint8_t plain[16], ts_buf *out)
{
    size_t key_len = 0;
    const uint8_t *mac_key = trace_value(s, "client_write_mac_key", TS_SIDE_CLIENT, &key_len);
    assert_int_equal(key_len, TS_RECORD_MAC_LEN);
    ts_record_state st;
    assert_int_equal(ts_record_state_init(&st, ts_suite_get(TS_SUITE_NULL), NULL, NULL, mac_key),
                     TS_OK);
    ts_buf_reset(out);
    assert_int_equal(ts_record_seal(&st, TS_CT_HANDSHAKE, TS_VERSION_TLS12, plain, 16, out, NULL),
                     TS_OK);
    ts_record_state_wipe(&st);
}

static void test_finished_and_mac_compare_every_byte(void **state)
{
    (void)state;
    ts_session *s = new_session(TS_SUITE_NULL, "wipe-compare");
    run_with(s, NULL, 0);
    size_t fin = find_record(s, TS_DIR_C2S, "Finished");
    assert_true(fin > 0);
    const ts_chan_record *rec = ts_chan_get(ts_session_chan(s), fin);
    /* header 5 | 14 00 00 0c | verify_data 12 | HMAC-SHA256 32 */
    assert_int_equal(rec->sent.len, 5 + 16 + 32);
    uint8_t orig[5 + 16 + 32];
    memcpy(orig, rec->sent.data, sizeof(orig));
    assert_int_equal(orig[5], 20);
    ts_buf forged;
    ts_buf_init(&forged);

    /* the forging is right: resealing the same bytes gives the same record */
    forge_finished(s, orig + 5, &forged);
    assert_int_equal(forged.len, sizeof(orig));
    assert_memory_equal(forged.data, orig, sizeof(orig));
    ts_action edit = {.kind = TS_ACT_EDIT, .record = fin};
    uint8_t bytes[sizeof(orig)];
    memcpy(bytes, forged.data, sizeof(bytes));
    edit.bytes = bytes;
    edit.len = sizeof(bytes);
    run_with(s, &edit, 1);
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);

    /* verify_data changed at each byte, with a valid MAC: decrypt_error */
    for (size_t i = 0; i < 12; i++) {
        uint8_t plain[16];
        memcpy(plain, orig + 5, sizeof(plain));
        plain[4 + i] ^= (uint8_t)(1u << (i % 8));
        forge_finished(s, plain, &forged);
        memcpy(bytes, forged.data, sizeof(bytes));
        run_with(s, &edit, 1);
        const ts_result *r = ts_session_result(s);
        assert_int_equal(r->kind, TS_RESULT_ALERT);
        assert_string_equal(r->alert_name, "decrypt_error");
        assert_int_equal(r->alert_from, TS_SIDE_SERVER);
        assert_true(ts_session_action_applied(s, 0));
    }

    /* each byte of the MAC: bad_record_mac */
    for (size_t i = 0; i < TS_RECORD_MAC_LEN; i++) {
        ts_action t = {.kind = TS_ACT_TAMPER, .record = fin, .offset = 21 + i,
                       .xor_mask = (uint8_t)(0x80u >> (i % 8))};
        run_with(s, &t, 1);
        const ts_result *r = ts_session_result(s);
        assert_int_equal(r->kind, TS_RESULT_ALERT);
        assert_string_equal(r->alert_name, "bad_record_mac");
    }
    ts_buf_free(&forged);
    ts_session_free(s);
}

static void test_secret_equal_every_position(void **state)
{
    (void)state;
    uint8_t a[48], b[48];
    for (size_t i = 0; i < sizeof(a); i++) {
        a[i] = (uint8_t)(i * 7 + 1);
    }
    memcpy(b, a, sizeof(b));
    assert_true(ts_secret_equal(a, b, sizeof(a)));
    for (size_t i = 0; i < sizeof(a); i++) {
        b[i] ^= 0x01;
        assert_false(ts_secret_equal(a, b, sizeof(a)));
        b[i] ^= 0x01;
    }
    assert_true(ts_secret_equal(a, b, 0));
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wiped_after_close),
        cmocka_unit_test(test_dhe_private_value_covered),
        cmocka_unit_test(test_live_keys_are_seen),
        cmocka_unit_test(test_wiped_after_alert),
        cmocka_unit_test(test_finished_and_mac_compare_every_byte),
        cmocka_unit_test(test_secret_equal_every_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
