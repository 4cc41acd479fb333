/* Unit tests for the endpoints (ts_conn with the handshake table, client,
 * server and HTTP handlers), driven directly without a session: complete
 * runs for every suite, the alerts a misbehaving peer gets, the
 * Bleichenbacher countermeasure, and the wipe after the close. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ts_conn.h"
#include "ts_msg_alert.h"
#include "ts_record.h"
#include "ts_rsa_pkcs1.h"
#include "ts_secret.h"
#include "ts_x509_build.h"

#define NOW ((ts_time)1767225600)

typedef struct {
    ts_rsa_key *ca_key, *server_key;
    ts_buf ca_der, server_der;
    uint8_t payload[20000];
    ts_rng client_rng, server_rng;
    ts_conn_config cfg;
    ts_conn *client, *server;
} pair;

static pair *pki;

static int setup(void **state)
{
    (void)state;
    pki = calloc(1, sizeof(*pki));
    ts_rng kg;
    assert_int_equal(ts_rng_init(&kg, "conn-test", TS_ACTOR_KEYGEN), TS_OK);
    ts_buf_init(&pki->ca_der);
    ts_buf_init(&pki->server_der);
    assert_int_equal(ts_x509_make_pki(&kg, 768, "localhost", NOW, &pki->ca_key, &pki->ca_der,
                                      &pki->server_key, &pki->server_der),
                     TS_OK);
    for (size_t i = 0; i < sizeof(pki->payload); i++) {
        pki->payload[i] = (uint8_t)(i * 7);
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ts_rsa_free(pki->ca_key);
    ts_rsa_free(pki->server_key);
    ts_buf_free(&pki->ca_der);
    ts_buf_free(&pki->server_der);
    free(pki);
    return 0;
}

static const ts_suite *suite_or_fallback(ts_suite_id id)
{
    const ts_suite *s = ts_suite_get(id);
    return ts_suite_usable(s) ? s : ts_suite_get(TS_SUITE_ECDHE);
}

/* Creates the two endpoints for suite, with cfg tweaks applied by the caller after. */
static void make_pair(pair *p, ts_suite_id id, const char *seed)
{
    memset(&p->cfg, 0, sizeof(p->cfg));
    p->cfg.suite = suite_or_fallback(id);
    p->cfg.offer_all = true;
    p->cfg.host = "localhost";
    p->cfg.now = NOW;
    p->cfg.dh_group = TS_DH_FFDHE2048;
    p->cfg.server_key = p->server_key;
    p->cfg.certs[0] = p->server_der.data;
    p->cfg.cert_lens[0] = p->server_der.len;
    p->cfg.n_certs = 1;
    p->cfg.payload = p->payload;
    p->cfg.payload_len = sizeof(p->payload);
    p->cfg.ca_der = p->ca_der.data;
    p->cfg.ca_len = p->ca_der.len;
    assert_int_equal(ts_rng_init(&p->client_rng, seed, TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rng_init(&p->server_rng, seed, TS_ACTOR_SERVER), TS_OK);
}

static void open_pair(pair *p)
{
    assert_int_equal(ts_conn_new(TS_ROLE_CLIENT, &p->cfg, &p->client_rng, NULL, NULL, &p->client),
                     TS_OK);
    assert_int_equal(ts_conn_new(TS_ROLE_SERVER, &p->cfg, &p->server_rng, NULL, NULL, &p->server),
                     TS_OK);
}

static void close_pair(pair *p)
{
    ts_conn_free(p->client);
    ts_conn_free(p->server);
    p->client = p->server = NULL;
}

/* Moves everything from's out holds into to's in and lets to process it. */
static void move(ts_conn *from, ts_conn *to)
{
    ts_buf *out = ts_conn_out(from);
    if (ts_buf_remaining(out) == 0) {
        return;
    }
    assert_int_equal(ts_buf_write_bytes(ts_conn_in(to), ts_buf_cursor(out), ts_buf_remaining(out)),
                     TS_OK);
    ts_buf_reset(out);
    (void)ts_conn_process(to);
}

static void pump(pair *p)
{
    for (int i = 0; i < 16; i++) {
        move(p->client, p->server);
        move(p->server, p->client);
    }
}

static void test_every_suite_completes(void **state)
{
    (void)state;
    for (int id = 0; id < TS_SUITE_COUNT; id++) {
        for (int ems = 0; ems < 2; ems++) {
            make_pair(pki, (ts_suite_id)id, "complete");
            pki->cfg.ems = ems != 0;
            open_pair(pki);
            assert_int_equal(ts_conn_start(pki->client), TS_OK);
            pump(pki);
            assert_int_equal(ts_conn_status_of(pki->client), TS_CONN_CLOSED);
            assert_int_equal(ts_conn_status_of(pki->server), TS_CONN_CLOSED);
            assert_ptr_equal(ts_conn_suite(pki->client), pki->cfg.suite);
            assert_int_equal(ts_conn_http_status(pki->client), 200);
            const ts_buf *body = ts_conn_response(pki->client);
            assert_int_equal(body->len, sizeof(pki->payload));
            assert_memory_equal(body->data, pki->payload, sizeof(pki->payload));
            close_pair(pki);
        }
    }
}

static void test_secrets_wiped_after_close(void **state)
{
    (void)state;
    make_pair(pki, TS_SUITE_ECDHE, "wipe");
    open_pair(pki);
    assert_int_equal(ts_conn_start(pki->client), TS_OK);
    pump(pki);
    ts_conn *sides[2] = {pki->client, pki->server};
    for (int s = 0; s < 2; s++) {
        assert_int_equal(ts_conn_status_of(sides[s]), TS_CONN_CLOSED);
        const uint8_t *ptrs[16];
        size_t lens[16];
        size_t n = ts_conn_secret_areas(sides[s], ptrs, lens, 16);
        assert_true(n >= 4);
        for (size_t i = 0; i < n; i++) {
            assert_true(ts_secret_is_zero(ptrs[i], lens[i]));
        }
    }
    close_pair(pki);
}

/* The server's alert after it is fed bytes, taken from its out buffer. */
static int server_alert_for(const uint8_t *bytes, size_t n)
{
    make_pair(pki, TS_SUITE_RSA, "bad-input");
    open_pair(pki);
    assert_int_equal(ts_buf_write_bytes(ts_conn_in(pki->server), bytes, n), TS_OK);
    (void)ts_conn_process(pki->server);
    bool sent = false;
    int alert = ts_conn_alert(pki->server, &sent);
    if (alert >= 0) {
        assert_true(sent);
        /* The alert is on the wire too, as a plaintext fatal alert record. */
        ts_buf *out = ts_conn_out(pki->server);
        ts_record rec;
        assert_int_equal(ts_record_next(out, &rec), TS_OK);
        assert_int_equal(rec.type, TS_CT_ALERT);
        assert_int_equal(rec.length, 2);
        assert_int_equal(ts_buf_cursor(&rec.fragment)[0], TS_ALERT_FATAL);
        assert_int_equal(ts_buf_cursor(&rec.fragment)[1], alert);
        assert_int_equal(ts_conn_status_of(pki->server), TS_CONN_FAILED);
        assert_true(ts_conn_reason(pki->server)[0] != '\0');
    }
    close_pair(pki);
    return alert;
}

/* A ClientHello offering only the given suite and version. */
static size_t client_hello(uint8_t *out, uint16_t version, uint16_t suite)
{
    static const uint8_t tmpl[] = {
        0x16, 0x03, 0x01, 0x00, 0x2d,              /* record header, length 45 */
        0x01, 0x00, 0x00, 0x29,                    /* ClientHello, length 41 */
        0x03, 0x03,                                /* client_version */
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 25, 26, 27, 28, 29, 30, 31, 32,        /* random */
        0x00,                                      /* session_id */
        0x00, 0x02, 0x00, 0x9d,                    /* cipher_suites */
        0x01, 0x00,                                /* compression_methods: null */
    };
    memcpy(out, tmpl, sizeof(tmpl));
    out[9] = (uint8_t)(version >> 8);
    out[10] = (uint8_t)version;
    out[46] = (uint8_t)(suite >> 8);
    out[47] = (uint8_t)suite;
    return sizeof(tmpl);
}

static void test_server_alerts(void **state)
{
    (void)state;
    uint8_t ch[64];
    size_t n = client_hello(ch, 0x0303, 0x009d);
    if (ts_suite_usable(ts_suite_get(TS_SUITE_RSA))) {
        assert_int_equal(server_alert_for(ch, n), -1); /* a good hello: no alert */
    }
    n = client_hello(ch, 0x0302, 0x009d);
    assert_int_equal(server_alert_for(ch, n), TS_ALERT_PROTOCOL_VERSION);
    n = client_hello(ch, 0x0303, 0xc02f);
    assert_int_equal(server_alert_for(ch, n), TS_ALERT_HANDSHAKE_FAILURE);
    n = client_hello(ch, 0x0303, 0x009d);
    ch[49] = 0x01; /* compression: only method 1 offered */
    assert_int_equal(server_alert_for(ch, n), TS_ALERT_ILLEGAL_PARAMETER);
    n = client_hello(ch, 0x0303, 0x009d);
    ch[44] = 0x03; /* cipher_suites length overruns the message */
    assert_int_equal(server_alert_for(ch, n), TS_ALERT_DECODE_ERROR);
    /* Finished before anything else. */
    static const uint8_t fin[] = {0x16, 0x03, 0x03, 0x00, 0x10, 0x14, 0x00, 0x00, 0x0c,
                                  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(server_alert_for(fin, sizeof(fin)), TS_ALERT_UNEXPECTED_MESSAGE);
    /* Application data before the handshake. */
    static const uint8_t app[] = {0x17, 0x03, 0x03, 0x00, 0x01, 0x41};
    assert_int_equal(server_alert_for(app, sizeof(app)), TS_ALERT_UNEXPECTED_MESSAGE);
    /* An unknown content type (RFC 5246 §6: unexpected_message; 24 is
     * heartbeat), and a record longer than 2^14 + 2048. */
    static const uint8_t junk[] = {0x42, 0x03, 0x03, 0x00, 0x01, 0x00};
    assert_int_equal(server_alert_for(junk, sizeof(junk)), TS_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t heartbeat[] = {0x18, 0x03, 0x03, 0x00, 0x03, 0x01, 0x00, 0x00};
    assert_int_equal(server_alert_for(heartbeat, sizeof(heartbeat)), TS_ALERT_UNEXPECTED_MESSAGE);
    static const uint8_t big[] = {0x16, 0x03, 0x03, 0x48, 0x01};
    assert_int_equal(server_alert_for(big, sizeof(big)), TS_ALERT_RECORD_OVERFLOW);
    /* An empty handshake record. */
    static const uint8_t empty[] = {0x16, 0x03, 0x03, 0x00, 0x00};
    assert_int_equal(server_alert_for(empty, sizeof(empty)), TS_ALERT_DECODE_ERROR);
    /* Half a record: the server waits, it does not fail. */
    assert_int_equal(server_alert_for(ch, 20), -1);
}

/* The client encrypts a premaster that does not decrypt as PKCS#1: the
 * server must not say so (no distinct alert); it carries on with a random
 * premaster and the client's Finished fails as a bad record MAC. */
static void test_bleichenbacher_countermeasure(void **state)
{
    (void)state;
    if (!ts_suite_usable(ts_suite_get(TS_SUITE_RSA))) {
        skip();
    }
    make_pair(pki, TS_SUITE_RSA, "robot");
    open_pair(pki);
    assert_int_equal(ts_conn_start(pki->client), TS_OK);
    move(pki->client, pki->server);
    move(pki->server, pki->client);
    /* The client's flight: ClientKeyExchange, ChangeCipherSpec, Finished.
     * Corrupt the encrypted premaster: replace it with 1 (an invalid block). */
    ts_buf *out = ts_conn_out(pki->client);
    ts_record rec;
    ts_buf view = *out;
    assert_int_equal(ts_record_next(&view, &rec), TS_OK);
    assert_int_equal(rec.type, TS_CT_HANDSHAKE);
    assert_int_equal(ts_buf_cursor(&rec.fragment)[0], 16); /* ClientKeyExchange */
    uint8_t *enc = out->data + out->pos + 5 + 4 + 2;
    size_t k = rec.length - 6;
    memset(enc, 0, k);
    enc[k - 1] = 1;
    move(pki->client, pki->server);
    bool sent = false;
    assert_int_equal(ts_conn_alert(pki->server, &sent), TS_ALERT_BAD_RECORD_MAC);
    assert_true(sent);
    close_pair(pki);
}

/* A certificate from another CA: the client refuses it with unknown_ca. */
static void test_client_refuses_other_ca(void **state)
{
    (void)state;
    ts_rng kg;
    assert_int_equal(ts_rng_init(&kg, "other-ca", TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *ca, *srv;
    ts_buf ca_der, srv_der;
    ts_buf_init(&ca_der);
    ts_buf_init(&srv_der);
    assert_int_equal(ts_x509_make_pki(&kg, 512, "localhost", NOW, &ca, &ca_der, &srv, &srv_der),
                     TS_OK);
    for (int no_verify = 0; no_verify < 2; no_verify++) {
        make_pair(pki, TS_SUITE_ECDHE, "other-ca");
        pki->cfg.ca_der = ca_der.data; /* the client trusts another CA */
        pki->cfg.ca_len = ca_der.len;
        pki->cfg.no_verify = no_verify != 0;
        open_pair(pki);
        assert_int_equal(ts_conn_start(pki->client), TS_OK);
        pump(pki);
        bool sent = false;
        if (no_verify) {
            assert_int_equal(ts_conn_status_of(pki->client), TS_CONN_CLOSED);
        } else {
            assert_int_equal(ts_conn_alert(pki->client, &sent), TS_ALERT_UNKNOWN_CA);
            assert_true(sent);
            assert_int_equal(ts_conn_alert(pki->server, &sent), TS_ALERT_UNKNOWN_CA);
            assert_false(sent);
        }
        close_pair(pki);
    }
    ts_rsa_free(ca);
    ts_rsa_free(srv);
    ts_buf_free(&ca_der);
    ts_buf_free(&srv_der);
}

/* The wrong host name and an expired clock. */
static void test_client_checks_host_and_time(void **state)
{
    (void)state;
    struct {
        const char *host;
        ts_time now;
        int alert;
    } cases[] = {
        {"example.org", NOW, TS_ALERT_BAD_CERTIFICATE},
        {"localhost", NOW + 400 * 86400, TS_ALERT_CERTIFICATE_EXPIRED},
        {"localhost", NOW - 2 * 86400, TS_ALERT_CERTIFICATE_EXPIRED},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        make_pair(pki, TS_SUITE_DHE, "host-time");
        pki->cfg.host = cases[i].host;
        pki->cfg.now = cases[i].now;
        open_pair(pki);
        assert_int_equal(ts_conn_start(pki->client), TS_OK);
        pump(pki);
        bool sent = false;
        assert_int_equal(ts_conn_alert(pki->client, &sent), cases[i].alert);
        assert_true(sent);
        close_pair(pki);
    }
}

/* The transport closes mid-handshake: both ends fail cleanly. */
static void test_eof_mid_handshake(void **state)
{
    (void)state;
    make_pair(pki, TS_SUITE_ECDHE, "eof");
    open_pair(pki);
    assert_int_equal(ts_conn_start(pki->client), TS_OK);
    move(pki->client, pki->server);
    ts_conn_eof(pki->server);
    assert_int_equal(ts_conn_status_of(pki->server), TS_CONN_FAILED);
    ts_conn_eof(pki->client);
    assert_int_equal(ts_conn_status_of(pki->client), TS_CONN_FAILED);
    assert_true(ts_conn_reason(pki->client)[0] != '\0');
    close_pair(pki);
}

int main(void)
{
    ts_rng_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_suite_completes),
        cmocka_unit_test(test_secrets_wiped_after_close),
        cmocka_unit_test(test_server_alerts),
        cmocka_unit_test(test_bleichenbacher_countermeasure),
        cmocka_unit_test(test_client_refuses_other_ca),
        cmocka_unit_test(test_client_checks_host_and_time),
        cmocka_unit_test(test_eof_mid_handshake),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
