/* The TLS 1.3 engine, run between the simulated client and server: both
 * suites, x25519 and ffdhe2048 (which the client's x25519 share misses, so
 * a HelloRetryRequest), with and without KeyUpdate. Every secret the issue
 * names is in the trace, both sides derive the same ones, and each is
 * recomputed here from its inputs with ts_hkdf, the transcript hash from
 * the handshake messages as they crossed the channel. Then the downgrade
 * sentinel: a ClientHello whose supported_versions is changed in flight
 * makes a 1.3 server answer TLS 1.2 with DOWNGRD 01 in its random, which the
 * 1.3 client refuses with illegal_parameter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_hash.h"
#include "crypto/ts_hkdf.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_x509_build.h"
#include "simulation/ts_session.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_handshake.h"

static const char *const names[] = {
    "shared_secret", "client_private", "client_share", "server_private", "server_share",
    "early_secret", "handshake_secret", "master_secret", "client_handshake_traffic_secret",
    "server_handshake_traffic_secret", "client_application_traffic_secret_0",
    "server_application_traffic_secret_0", "exporter_master_secret", "resumption_master_secret",
    "client_handshake_key", "client_handshake_iv", "server_handshake_key", "server_handshake_iv",
    "client_application_key", "client_application_iv", "server_application_key",
    "server_application_iv",
};

static size_t padding; /* the next run's --pad */
static uint16_t client_max; /* the next run's client_max_version */

static ts_session *run(ts_suite_id suite, uint16_t group, bool key_update, const ts_action *acts,
                       size_t n)
{
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.padding = padding;
    cfg.seed = "tls13-run";
    cfg.suite = ts_suite_get(suite);
    cfg.bits = 768;
    cfg.group = group;
    cfg.key_update = key_update;
    cfg.client_max_version = client_max;
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_set_actions(s, acts, n), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    return s;
}

/* The last value name of side (a HelloRetryRequest makes the client's
 * share twice: the one that counts is the last). */
static const ts_event *value(const ts_session *s, const char *name, ts_side side)
{
    const ts_trace *t = ts_session_trace(s);
    const ts_step *st = ts_trace_find(t, name, side);
    for (const ts_step *next = st; next != NULL;
         next = ts_trace_find_from(t, next->index + 1, name, side)) {
        st = next;
    }
    if (st == NULL) {
        fail_msg("no %s on the %s side", name, side == TS_SIDE_CLIENT ? "client" : "server");
    }
    return &st->ev;
}

static void assert_bytes(const ts_event *ev, const uint8_t *want, size_t n)
{
    if (ev->value_len != n || memcmp(ev->value, want, n) != 0) {
        fail_msg("%s of the %s differs (%zu bytes, %zu expected)", ev->name,
                 ev->side == TS_SIDE_CLIENT ? "client" : "server", ev->value_len, n);
    }
}

/* The handshake messages of the chan records from the first up to the one
 * that holds message type last (inclusive; a HelloRetryRequest is not the
 * ServerHello), as they crossed (HRR runs: the caller replaces
 * ClientHello1 by message_hash). */
static void transcript_upto(const ts_session *s, uint8_t last, ts_buf *out)
{
    const ts_chan *ch = ts_session_chan(s);
    for (size_t i = 1; i <= ts_chan_count(ch); i++) {
        const ts_chan_record *r = ts_chan_get(ch, i);
        uint8_t type = r->sent.data[0];
        if (!r->has_plain || (type != TS_CT_HANDSHAKE && r->plaintext.len == 0)) {
            continue;
        }
        const uint8_t *p = r->plaintext.data;
        if (r->plaintext.len < 4 || (type != TS_CT_HANDSHAKE && !r->protected_record)) {
            continue;
        }
        if (type == TS_CT_APPLICATION_DATA && p[0] > 24) {
            continue; /* application data, not a handshake message */
        }
        assert_int_equal(ts_buf_write_bytes(out, p, r->plaintext.len), TS_OK);
        bool hrr = p[0] == TS_HS_SERVER_HELLO && r->plaintext.len >= 6 + TS_RANDOM_LEN &&
                   memcmp(p + 6, TS_HRR_RANDOM, TS_RANDOM_LEN) == 0;
        if (p[0] == last && !hrr) {
            return;
        }
    }
    fail_msg("no handshake message of type %u", last);
}

/* Recomputes the handshake secrets from the trace's own inputs. */
static void check_schedule(const ts_session *s, ts_hash_alg h, bool hrr)
{
    size_t n = ts_hash_len(h);
    uint8_t zeros[64] = {0}, empty[64], early[64], derived[64], hs[64], th[64], c_hs[64],
            key[32], master[64], c_ap[64];
    ts_hash(h, NULL, 0, empty);
    assert_int_equal(ts_hkdf_extract(h, zeros, n, zeros, n, early), TS_OK);
    assert_bytes(value(s, "early_secret", TS_SIDE_CLIENT), early, n);
    assert_int_equal(ts_hkdf_derive_secret(h, early, "derived", empty, derived), TS_OK);
    const ts_event *shared = value(s, "shared_secret", TS_SIDE_CLIENT);
    assert_int_equal(ts_hkdf_extract(h, derived, n, shared->value, shared->value_len, hs), TS_OK);
    assert_bytes(value(s, "handshake_secret", TS_SIDE_SERVER), hs, n);

    /* the transcript hash through ServerHello, from the channel's bytes */
    ts_buf msgs;
    ts_buf_init(&msgs);
    transcript_upto(s, TS_HS_SERVER_HELLO, &msgs);
    if (hrr) {
        /* ClientHello1 || HRR || ClientHello2 || ServerHello: the first
         * becomes message_hash (RFC 8446 4.4.1) */
        size_t ch1 = 4 + ((size_t)msgs.data[1] << 16 | (size_t)msgs.data[2] << 8 | msgs.data[3]);
        uint8_t mh[4 + 64] = {TS_HS_MESSAGE_HASH, 0, 0, (uint8_t)n};
        ts_hash(h, msgs.data, ch1, mh + 4);
        assert_bytes(value(s, "message_hash", TS_SIDE_CLIENT), mh, 4 + n);
        ts_buf rest;
        ts_buf_init(&rest);
        assert_int_equal(ts_buf_write_bytes(&rest, mh, 4 + n), TS_OK);
        assert_int_equal(ts_buf_write_bytes(&rest, msgs.data + ch1, msgs.len - ch1), TS_OK);
        ts_buf_free(&msgs);
        msgs = rest;
    }
    ts_hash(h, msgs.data, msgs.len, th);
    ts_buf_free(&msgs);
    assert_bytes(value(s, "transcript_hash_server_hello", TS_SIDE_CLIENT), th, n);
    assert_bytes(value(s, "transcript_hash_server_hello", TS_SIDE_SERVER), th, n);
    assert_int_equal(ts_hkdf_derive_secret(h, hs, "c hs traffic", th, c_hs), TS_OK);
    assert_bytes(value(s, "client_handshake_traffic_secret", TS_SIDE_SERVER), c_hs, n);
    assert_int_equal(ts_hkdf_expand_label(h, c_hs, n, "key", NULL, 0, key, 32), TS_OK);
    assert_bytes(value(s, "client_handshake_key", TS_SIDE_CLIENT), key, 32);

    /* master and the client's application secret */
    assert_int_equal(ts_hkdf_derive_secret(h, hs, "derived", empty, derived), TS_OK);
    assert_int_equal(ts_hkdf_extract(h, derived, n, zeros, n, master), TS_OK);
    assert_bytes(value(s, "master_secret", TS_SIDE_CLIENT), master, n);
    const ts_event *th2 = value(s, "transcript_hash_server_finished", TS_SIDE_SERVER);
    assert_int_equal(ts_hkdf_derive_secret(h, master, "c ap traffic", th2->value, c_ap), TS_OK);
    assert_bytes(value(s, "client_application_traffic_secret_0", TS_SIDE_CLIENT), c_ap, n);
}

static void test_runs(void **state)
{
    (void)state;
    const ts_suite_id suites[] = {TS_SUITE_TLS13_AES, TS_SUITE_TLS13_CHACHA};
    const uint16_t groups[] = {0, TS_GROUP_FFDHE2048};
    for (size_t i = 0; i < 2; i++) {
        if (!ts_suite_usable(ts_suite_get(suites[i]))) {
            continue; /* no AES-NI here */
        }
        for (size_t g = 0; g < 2; g++) {
            for (int ku = 0; ku < 2; ku++) {
                ts_session *s = run(suites[i], groups[g], ku != 0, NULL, 0);
                const ts_result *r = ts_session_result(s);
                assert_int_equal(r->kind, TS_RESULT_OK);
                assert_true(r->payload_intact);
                for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
                    if (strcmp(names[k], "client_private") == 0) {
                        (void)value(s, names[k], TS_SIDE_CLIENT); /* no one else knows it */
                        continue;
                    }
                    if (strcmp(names[k], "server_private") == 0) {
                        (void)value(s, names[k], TS_SIDE_SERVER);
                        continue;
                    }
                    /* the shares from both sides' view, every secret alike */
                    const ts_event *a = value(s, names[k], TS_SIDE_CLIENT);
                    assert_bytes(value(s, names[k], TS_SIDE_SERVER), a->value, a->value_len);
                }
                bool hrr = groups[g] != 0;
                const ts_trace *t = ts_session_trace(s);
                assert_int_equal(ts_trace_find(t, "hello_retry_request", TS_SIDE_SERVER) != NULL,
                                 hrr);
                assert_int_equal(ts_trace_find(t, "server_application_traffic_secret_1",
                                               TS_SIDE_CLIENT) != NULL,
                                 ku != 0);
                assert_int_equal(value(s, "shared_secret", TS_SIDE_SERVER)->value_len,
                                 hrr ? 256u : 32u);
                check_schedule(s, ts_suite_get(suites[i])->prf_hash, hrr);
                ts_session_free(s);
            }
        }
    }
}

/* Offset of the supported_versions extension's type in the ClientHello's
 * record (00 2b 00 05 04 03 04 03 03). */
static size_t supported_versions_at(const ts_session *s)
{
    const ts_chan_record *r = ts_chan_get(ts_session_chan(s), 1);
    static const uint8_t sv[] = {0x00, 0x2b, 0x00, 0x05, 0x04, 0x03, 0x04, 0x03, 0x03};
    for (size_t i = 0; i + sizeof(sv) <= r->sent.len; i++) {
        if (memcmp(r->sent.data + i, sv, sizeof(sv)) == 0) {
            return i;
        }
    }
    fail_msg("no supported_versions in the ClientHello");
    return 0;
}

static void test_downgrade_sentinel(void **state)
{
    (void)state;
    ts_session *clean = run(TS_SUITE_TLS13_CHACHA, 0, false, NULL, 0);
    size_t at = supported_versions_at(clean);
    /* the server's random carries no sentinel when 1.3 was agreed */
    const ts_event *sr = value(clean, "server_random", TS_SIDE_SERVER);
    assert_memory_not_equal(sr->value + 24, TS_DOWNGRADE_TLS12, 8);
    ts_session_free(clean);

    /* 00 2b becomes 00 6b: an unknown extension; the server sees only 1.2 */
    ts_action a = {.kind = TS_ACT_TAMPER, .record = 1, .offset = at + 1, .xor_mask = 0x40};
    ts_session *s = run(TS_SUITE_TLS13_CHACHA, 0, false, &a, 1);
    sr = value(s, "server_random", TS_SIDE_SERVER);
    assert_memory_equal(sr->value + 24, TS_DOWNGRADE_TLS12, 8);
    const ts_result *r = ts_session_result(s);
    assert_int_equal(r->kind, TS_RESULT_ALERT);
    assert_int_equal(r->alert, TS_ALERT_ILLEGAL_PARAMETER);
    assert_int_equal(r->alert_from, TS_SIDE_CLIENT);
    const ts_step *check = ts_trace_find(ts_session_trace(s), "downgrade_sentinel", TS_SIDE_CLIENT);
    assert_non_null(check);
    assert_false(check->ev.ok);
    ts_session_free(s);
}

/* A client that speaks only TLS 1.2 (client_max_version) against the same
 * 1.3 server: no supported_versions in its hello, the server answers 1.2
 * with DOWNGRD 01 in its random, and the client, which offered no 1.3, has
 * no reason to look: the handshake completes. A 1.2-only client with a
 * 1.2 suite, or client_max_version with offer_one, is refused. */
static void test_tls12_only_client(void **state)
{
    (void)state;
    client_max = TS_VERSION_TLS12;
    ts_session *s = run(TS_SUITE_TLS13_CHACHA, 0, false, NULL, 0);
    client_max = 0;
    const ts_chan_record *hello = ts_chan_get(ts_session_chan(s), 1);
    static const uint8_t sv[] = {0x00, 0x2b, 0x00};
    assert_null(memmem(hello->sent.data, hello->sent.len, sv, sizeof(sv)));
    const ts_event *sr = value(s, "server_random", TS_SIDE_SERVER);
    assert_memory_equal(sr->value + 24, TS_DOWNGRADE_TLS12, 8);
    assert_memory_equal(value(s, "server_random", TS_SIDE_CLIENT)->value + 24, TS_DOWNGRADE_TLS12, 8);
    assert_null(ts_trace_find(ts_session_trace(s), "downgrade_sentinel", TS_SIDE_CLIENT));
    assert_null(ts_trace_find(ts_session_trace(s), "client_handshake_traffic_secret", TS_SIDE_CLIENT));
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    ts_session_free(s);

    ts_session_config cfg = {.seed = "x", .suite = ts_suite_get(TS_SUITE_TLS13_CHACHA),
                             .client_max_version = TS_VERSION_TLS12, .offer_one = true};
    assert_int_equal(ts_session_new(&cfg, &s), TS_ERR_ARG);
    cfg.offer_one = false;
    cfg.client_max_version = 0x0302;
    assert_int_equal(ts_session_new(&cfg, &s), TS_ERR_ARG);
}

/* Any byte of the encrypted Certificate changed: the record's tag fails,
 * bad_record_mac from the client, before any certificate check. */
static void test_encrypted_certificate_tamper(void **state)
{
    (void)state;
    ts_session *clean = run(TS_SUITE_TLS13_CHACHA, 0, false, NULL, 0);
    const ts_chan *ch = ts_session_chan(clean);
    size_t cert = 0;
    for (size_t i = 1; i <= ts_chan_count(ch) && cert == 0; i++) {
        const ts_chan_record *r = ts_chan_get(ch, i);
        if (r->protected_record && r->plaintext.len > 4 && r->plaintext.data[0] == TS_HS_CERTIFICATE) {
            cert = i;
        }
    }
    assert_int_not_equal(cert, 0);
    assert_int_equal(ts_chan_get(ch, cert)->sent.data[0], TS_CT_APPLICATION_DATA);
    ts_session_free(clean);
    ts_action a = {.kind = TS_ACT_TAMPER, .record = cert, .offset = 40, .xor_mask = 0x01};
    ts_session *s = run(TS_SUITE_TLS13_CHACHA, 0, false, &a, 1);
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_ALERT);
    assert_int_equal(ts_session_result(s)->alert, TS_ALERT_BAD_RECORD_MAC);
    assert_null(ts_trace_find(ts_session_trace(s), "certificate_chain", TS_SIDE_CLIENT));
    ts_session_free(s);
}

/* --pad: every protected record carries its content, the type byte, the
 * zeros and the tag, and both sides still complete. */
static void test_padding(void **state)
{
    (void)state;
    padding = 29;
    ts_session *s = run(TS_SUITE_TLS13_CHACHA, 0, true, NULL, 0);
    padding = 0;
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    const ts_chan *ch = ts_session_chan(s);
    size_t protected_records = 0;
    for (size_t i = 1; i <= ts_chan_count(ch); i++) {
        const ts_chan_record *r = ts_chan_get(ch, i);
        if (r->protected_record) {
            protected_records++;
            assert_int_equal(r->sent.len, 5 + r->plaintext.len + 1 + 29 + 16);
        }
    }
    assert_true(protected_records >= 10);
    ts_session_free(s);
}

/* RFC 8446 5.1: the read keys change after ClientHello, so a record that
 * carries the ClientHello and more handshake bytes is unexpected_message
 * (the bytes after it would be read with the wrong keys). */
static void test_key_change_at_record_end(void **state)
{
    (void)state;
    ts_rng kg, crng, srng;
    ts_rsa_key *ca, *key;
    ts_buf ca_der, der;
    ts_buf_init(&ca_der);
    ts_buf_init(&der);
    assert_int_equal(ts_rng_init(&kg, "key-change", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_x509_make_pki(&kg, 768, "localhost", TS_SESSION_DEFAULT_NOW, &ca, &ca_der,
                                      &key, &der),
                     TS_OK);
    ts_conn_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.suite = ts_suite_get(TS_SUITE_ECDHE);
    cfg.suite13 = ts_suite_get(TS_SUITE_TLS13_CHACHA);
    cfg.max_version = TS_VERSION_TLS13;
    cfg.host = "localhost";
    cfg.now = TS_SESSION_DEFAULT_NOW;
    cfg.server_key = key;
    cfg.certs[0] = der.data;
    cfg.cert_lens[0] = der.len;
    cfg.n_certs = 1;
    cfg.ca_der = ca_der.data;
    cfg.ca_len = ca_der.len;
    assert_int_equal(ts_rng_init(&crng, "key-change", TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rng_init(&srng, "key-change", TS_ACTOR_SERVER), TS_OK);
    ts_conn *client, *server;
    assert_int_equal(ts_conn_new(TS_ROLE_CLIENT, &cfg, &crng, NULL, NULL, &client), TS_OK);
    assert_int_equal(ts_conn_new(TS_ROLE_SERVER, &cfg, &srng, NULL, NULL, &server), TS_OK);
    assert_int_equal(ts_conn_start(client), TS_OK);
    /* the ClientHello's record, with a Finished header glued after it */
    ts_buf *ch = ts_conn_out(client);
    size_t body = ch->len - 5;
    static const uint8_t extra[] = {TS_HS_FINISHED, 0, 0, 0};
    uint8_t head[5] = {TS_CT_HANDSHAKE, 3, 3, (uint8_t)((body + 4) >> 8), (uint8_t)(body + 4)};
    ts_buf *in = ts_conn_in(server);
    assert_int_equal(ts_buf_write_bytes(in, head, 5), TS_OK);
    assert_int_equal(ts_buf_write_bytes(in, ch->data + 5, body), TS_OK);
    assert_int_equal(ts_buf_write_bytes(in, extra, sizeof(extra)), TS_OK);
    assert_int_not_equal(ts_conn_process(server), TS_OK);
    bool sent = false;
    assert_int_equal(ts_conn_alert(server, &sent), TS_ALERT_UNEXPECTED_MESSAGE);
    assert_true(sent);
    assert_non_null(strstr(ts_conn_reason(server), "where the keys change"));
    ts_conn_free(client);
    ts_conn_free(server);
    ts_rsa_free(ca);
    ts_rsa_free(key);
    ts_buf_free(&ca_der);
    ts_buf_free(&der);
}

int main(void)
{
    assert_int_equal(ts_rng_global_init(), TS_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs),
        cmocka_unit_test(test_downgrade_sentinel),
        cmocka_unit_test(test_tls12_only_client),
        cmocka_unit_test(test_encrypted_certificate_tamper),
        cmocka_unit_test(test_padding),
        cmocka_unit_test(test_key_change_at_record_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
