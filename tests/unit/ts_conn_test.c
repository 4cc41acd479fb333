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

#include "crypto/ts_rsa_pkcs1.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_x509_build.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/msg/ts_msg_server_hello.h"
#include "tls/msg/ts_msg_server_key_exchange.h"
#include "tls/ts_conn.h"
#include "tls/ts_record.h"

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
    if (ts_suite_is_tls13(p->cfg.suite)) { /* both speak 1.3 and 1.2 */
        p->cfg.suite13 = p->cfg.suite;
        p->cfg.suite = ts_suite_get(TS_SUITE_ECDHE);
        p->cfg.max_version = TS_VERSION_TLS13;
    }
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
            const ts_suite *want = ts_suite_get((ts_suite_id)id);
            assert_ptr_equal(ts_conn_suite(pki->client),
                             ts_suite_usable(want) ? want : ts_suite_get(TS_SUITE_ECDHE));
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

/* --- the server against the RFCs (the same cases as tests/conformance/,
 * here under the sanitizers) --- */

/* Appends an extension of type with n bytes of data. */
static void put_ext(ts_buf *b, uint16_t type, const uint8_t *data, size_t n)
{
    assert_int_equal(ts_buf_write_u16(b, type), TS_OK);
    assert_int_equal(ts_buf_write_vec(b, 2, data, n), TS_OK);
}

/* Appends a u16 list extension. */
static void put_u16_ext(ts_buf *b, uint16_t type, const uint16_t *v, size_t n)
{
    uint8_t data[2 + 2 * 600];
    data[0] = (uint8_t)(2 * n >> 8);
    data[1] = (uint8_t)(2 * n);
    for (size_t i = 0; i < n; i++) {
        data[2 + 2 * i] = (uint8_t)(v[i] >> 8);
        data[3 + 2 * i] = (uint8_t)v[i];
    }
    put_ext(b, type, data, 2 + 2 * n);
}

/* A ClientHello record offering n_suites suites (the real one last) with
 * the extensions block exts (NULL: none). */
static void hello_record(ts_buf *rec, uint16_t suite, size_t n_suites, const ts_buf *exts)
{
    ts_buf body;
    ts_buf_init(&body);
    assert_int_equal(ts_buf_write_u16(&body, 0x0303), TS_OK);
    assert_int_equal(ts_buf_write_zeros(&body, 32 + 1, NULL), TS_OK); /* random, session_id */
    assert_int_equal(ts_buf_write_u16(&body, (uint16_t)(2 * n_suites)), TS_OK);
    for (size_t i = 0; i + 1 < n_suites; i++) {
        assert_int_equal(ts_buf_write_u16(&body, (uint16_t)(0x1000 + i)), TS_OK);
    }
    assert_int_equal(ts_buf_write_u16(&body, suite), TS_OK);
    assert_int_equal(ts_buf_write_vec(&body, 1, (const uint8_t *)"\0", 1), TS_OK);
    if (exts != NULL) {
        assert_int_equal(ts_buf_write_vec(&body, 2, exts->data, exts->len), TS_OK);
    }
    uint8_t hdr[4] = {1, (uint8_t)(body.len >> 16), (uint8_t)(body.len >> 8), (uint8_t)body.len};
    ts_buf msg;
    ts_buf_init(&msg);
    assert_int_equal(ts_buf_write_bytes(&msg, hdr, 4), TS_OK);
    assert_int_equal(ts_buf_write_bytes(&msg, body.data, body.len), TS_OK);
    /* records of at most 2^14 bytes: a large hello spans several */
    for (size_t off = 0; off < msg.len; off += TS_MAX_FRAGMENT) {
        size_t k = msg.len - off < TS_MAX_FRAGMENT ? msg.len - off : TS_MAX_FRAGMENT;
        uint8_t h[5] = {22, 3, 1, (uint8_t)(k >> 8), (uint8_t)k};
        assert_int_equal(ts_buf_write_bytes(rec, h, 5), TS_OK);
        assert_int_equal(ts_buf_write_bytes(rec, msg.data + off, k), TS_OK);
    }
    ts_buf_free(&msg);
    ts_buf_free(&body);
}

typedef struct {
    int alert;              /* fatal alert sent, or -1 */
    bool point_formats;     /* the ServerHello carries ec_point_formats */
    uint16_t sigalg;        /* the ServerKeyExchange's, or 0 */
    size_t dh_p_len;        /* its dh_p's length, or 0 */
} server_answer;

/* Feeds bytes to a fresh server of suite id and reads what it answers. */
static server_answer answer(ts_suite_id id, const ts_buf *bytes)
{
    server_answer a = {.alert = -1};
    make_pair(pki, id, "conformance");
    open_pair(pki);
    assert_int_equal(ts_buf_write_bytes(ts_conn_in(pki->server), bytes->data, bytes->len), TS_OK);
    (void)ts_conn_process(pki->server);
    a.alert = ts_conn_alert(pki->server, NULL);
    ts_buf *out = ts_conn_out(pki->server);
    ts_record rec;
    while (a.alert < 0 && ts_record_next(out, &rec) == TS_OK) {
        uint8_t type;
        ts_buf body;
        while (ts_msg_hs_parse(&rec.fragment, &type, &body) == TS_OK) {
            if (type == TS_HS_SERVER_HELLO) {
                ts_msg_server_hello sh;
                assert_int_equal(ts_msg_server_hello_parse(&body, &sh, NULL), TS_OK);
                a.point_formats = (sh.exts.present & TS_EXTF_EC_POINT_FORMATS) != 0;
            } else if (type == TS_HS_SERVER_KEY_EXCHANGE) {
                ts_msg_ske m;
                ts_kx kx = suite_or_fallback(id)->kx;
                assert_int_equal(ts_msg_ske_parse(&body, kx, &m, NULL), TS_OK);
                a.sigalg = m.sigalg;
                a.dh_p_len = kx == TS_KX_DHE ? m.dh_p.len : 0;
            }
        }
    }
    close_pair(pki);
    return a;
}

static server_answer answer_exts(ts_suite_id id, size_t n_suites, const ts_buf *exts)
{
    ts_buf rec;
    ts_buf_init(&rec);
    hello_record(&rec, suite_or_fallback(id)->code, n_suites, exts);
    server_answer a = answer(id, &rec);
    ts_buf_free(&rec);
    return a;
}

static void test_server_conformance(void **state)
{
    (void)state;
    static const uint16_t sha256[] = {TS_SIGALG_RSA_PKCS1_SHA256};
    static const uint16_t sha512_first[] = {TS_SIGALG_RSA_PKCS1_SHA1, TS_SIGALG_RSA_PKCS1_SHA512,
                                            TS_SIGALG_RSA_PKCS1_SHA256};
    ts_buf e;

    /* RFC 8422 §5.2: no ec_point_formats unless the client sent one. */
    ts_buf_init(&e);
    put_u16_ext(&e, TS_EXT_SIGNATURE_ALGORITHMS, sha256, 1);
    server_answer a = answer_exts(TS_SUITE_ECDHE, 1, &e);
    assert_int_equal(a.alert, -1);
    assert_false(a.point_formats);
    assert_int_equal(a.sigalg, TS_SIGALG_RSA_PKCS1_SHA256);
    ts_buf_free(&e);

    /* RFC 9155 §2: no signature_algorithms, no SHA-1: handshake_failure. */
    assert_int_equal(answer_exts(TS_SUITE_ECDHE, 1, NULL).alert, TS_ALERT_HANDSHAKE_FAILURE);
    assert_int_equal(answer_exts(TS_SUITE_DHE, 1, NULL).alert, TS_ALERT_HANDSHAKE_FAILURE);
    /* ... and the client's first usable choice. */
    ts_buf_init(&e);
    put_u16_ext(&e, TS_EXT_SIGNATURE_ALGORITHMS, sha512_first, 3);
    assert_int_equal(answer_exts(TS_SUITE_ECDHE, 1, &e).sigalg, TS_SIGALG_RSA_PKCS1_SHA512);
    ts_buf_free(&e);

    /* RFC 7919 §4: the client's first known group; unknown ones only:
     * insufficient_security; none named: ffdhe2048. */
    static const uint16_t want_3072[] = {0x01FC, TS_GROUP_FFDHE3072, TS_GROUP_FFDHE2048};
    static const uint16_t unknown[] = {0x01FC, 0x0105};
    static const uint16_t x25519[] = {TS_GROUP_X25519};
    const struct {
        const uint16_t *groups;
        size_t n;
        int alert;
        size_t p_len;
    } dhe[] = {{want_3072, 3, -1, 384}, {unknown, 2, TS_ALERT_INSUFFICIENT_SECURITY, 0},
               {x25519, 1, -1, 256}};
    for (size_t i = 0; i < sizeof(dhe) / sizeof(dhe[0]); i++) {
        ts_buf_init(&e);
        put_u16_ext(&e, TS_EXT_SIGNATURE_ALGORITHMS, sha256, 1);
        put_u16_ext(&e, TS_EXT_SUPPORTED_GROUPS, dhe[i].groups, dhe[i].n);
        a = answer_exts(TS_SUITE_DHE, 1, &e);
        assert_int_equal(a.alert, dhe[i].alert);
        assert_int_equal(a.dh_p_len, dhe[i].p_len);
        ts_buf_free(&e);
    }

    /* Well-formed hellos of any size: 5000 suites (two records), 500
     * groups with x25519 last. */
    uint16_t many[500];
    for (size_t i = 0; i < 500; i++) {
        many[i] = i == 499 ? TS_GROUP_X25519 : (uint16_t)(0x0300 + i);
    }
    ts_buf_init(&e);
    put_u16_ext(&e, TS_EXT_SIGNATURE_ALGORITHMS, sha256, 1);
    put_u16_ext(&e, TS_EXT_SUPPORTED_GROUPS, many, 500);
    assert_int_equal(answer_exts(TS_SUITE_ECDHE, 5000, &e).alert, -1);
    ts_buf_free(&e);

    /* RFC 8422 §5.1.2: point formats without uncompressed. */
    ts_buf_init(&e);
    put_u16_ext(&e, TS_EXT_SUPPORTED_GROUPS, x25519, 1);
    put_ext(&e, TS_EXT_EC_POINT_FORMATS, (const uint8_t *)"\x01\x01", 2);
    assert_int_equal(answer_exts(TS_SUITE_ECDHE, 1, &e).alert, TS_ALERT_ILLEGAL_PARAMETER);
    ts_buf_free(&e);

    /* RFC 6066 §3: a host_name with an escape sequence. */
    ts_buf_init(&e);
    put_ext(&e, TS_EXT_SERVER_NAME, (const uint8_t *)"\x00\x0a\x00\x00\x07\x1b[31mab", 12);
    assert_int_equal(answer_exts(TS_SUITE_NULL, 1, &e).alert, TS_ALERT_ILLEGAL_PARAMETER);
    ts_buf_free(&e);
}

/* CVE-2016-8610: warning alerts in a row end in unexpected_message. */
static void test_server_warning_flood(void **state)
{
    (void)state;
    ts_buf rec;
    ts_buf_init(&rec);
    hello_record(&rec, suite_or_fallback(TS_SUITE_NULL)->code, 1, NULL);
    for (int i = 0; i < 10; i++) {
        static const uint8_t warn[] = {21, 3, 3, 0, 2, 1, 100};
        assert_int_equal(ts_buf_write_bytes(&rec, warn, sizeof(warn)), TS_OK);
    }
    assert_int_equal(answer(TS_SUITE_NULL, &rec).alert, TS_ALERT_UNEXPECTED_MESSAGE);
    ts_buf_free(&rec);
}

int main(void)
{
    ts_rng_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_suite_completes),
        cmocka_unit_test(test_secrets_wiped_after_close),
        cmocka_unit_test(test_server_alerts),
        cmocka_unit_test(test_server_conformance),
        cmocka_unit_test(test_server_warning_flood),
        cmocka_unit_test(test_bleichenbacher_countermeasure),
        cmocka_unit_test(test_client_refuses_other_ca),
        cmocka_unit_test(test_client_checks_host_and_time),
        cmocka_unit_test(test_eof_mid_handshake),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
