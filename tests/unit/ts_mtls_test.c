/* Mutual TLS between the simulated client and server, in TLS 1.2 (RSA and
 * ECDHE key exchange) and TLS 1.3: a good client certificate completes and
 * its CertificateVerify is checked here again, from the bytes in the trace,
 * with the key of the certificate the client sent (PKCS#1 v1.5 over the
 * hash of ClientHello..ClientKeyExchange in 1.2; RSA-PSS over 64 spaces,
 * the client's context string, 00 and the transcript hash in 1.3); each
 * failure ends with the alert the RFC names, sent by the server, at the
 * check that names it: no certificate with require (handshake_failure,
 * RFC 5246 7.4.6; certificate_required, RFC 8446 4.4.2.4), an expired one
 * (certificate_expired), another CA's (unknown_ca), a signature made with
 * another key or changed in flight (decrypt_error). The CertificateRequest
 * names the CA (certificate_authorities). With request, a client
 * without a certificate completes; without client_auth nothing is asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_hash.h"
#include "crypto/ts_rsa_pkcs1.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa_pss.h"
#include "crypto/ts_x509_parse.h"
#include "simulation/ts_session.h"
#include "tls/msg/ts_msg_certificate_request.h"
#include "tls/msg/ts_msg_certificate_request13.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_handshake.h"

typedef struct {
    ts_suite_id suite;
    bool tls13;
} version;

static const version versions[] = {
    {TS_SUITE_RSA, false},
    {TS_SUITE_ECDHE, false},
    {TS_SUITE_TLS13_CHACHA, true},
};

static ts_session *run(const version *v, ts_client_auth mode, ts_client_cert_kind kind,
                       const ts_action *acts, size_t n)
{
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = "mtls-test";
    cfg.suite = ts_suite_get(v->suite);
    cfg.bits = 1024;
    cfg.client_auth = mode;
    cfg.client_cert = kind;
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_set_actions(s, acts, n), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    return s;
}

static const ts_event *find(const ts_session *s, const char *name, ts_side side)
{
    const ts_step *st = ts_trace_find(ts_session_trace(s), name, side);
    if (st == NULL) {
        fail_msg("no %s on the %s side", name, side == TS_SIDE_CLIENT ? "client" : "server");
    }
    return &st->ev;
}

/* The check name of side (a message may have the same name). */
static const ts_event *check(const ts_session *s, const char *name, ts_side side)
{
    const ts_trace *t = ts_session_trace(s);
    for (const ts_step *st = ts_trace_find(t, name, side); st != NULL;
         st = ts_trace_find_from(t, st->index + 1, name, side)) {
        if (st->ev.kind == TS_EV_CHECK) {
            return &st->ev;
        }
    }
    fail_msg("no check %s on the %s side", name, side == TS_SIDE_CLIENT ? "client" : "server");
    return NULL;
}

static const ts_ev_input *input(const ts_event *ev, const char *name)
{
    for (size_t i = 0; i < ev->n_inputs; i++) {
        if (strcmp(ev->inputs[i].name, name) == 0) {
            return &ev->inputs[i];
        }
    }
    fail_msg("%s has no input %s", ev->name, name);
    return NULL;
}

/* The run ended with alert, sent by the server, after its check named
 * check name failed. */
static void assert_refused(const ts_session *s, int alert, const char *name)
{
    const ts_result *r = ts_session_result(s);
    assert_int_equal(r->kind, TS_RESULT_ALERT);
    assert_int_equal(r->alert, alert);
    assert_int_equal(r->alert_from, TS_SIDE_SERVER);
    const ts_event *ev = check(s, name, TS_SIDE_SERVER);
    assert_false(ev->ok);
    assert_int_equal(ts_conn_status_of(ts_session_conn(s, TS_SIDE_SERVER)), TS_CONN_FAILED);
}

static void assert_completed(const ts_session *s)
{
    const ts_result *r = ts_session_result(s);
    assert_int_equal(r->kind, TS_RESULT_OK);
    assert_true(r->payload_intact);
}

/* The client's public key, from the certificate the session gave it. */
static ts_rsa_key *client_pub(const ts_session *s, ts_cert *cert)
{
    const ts_buf *der = ts_session_client_der(s);
    assert_true(der->len > 0);
    assert_int_equal(ts_x509_parse(der->data, der->len, cert), TS_OK);
    assert_string_equal(cert->subject_cn, "tlsstep client");
    return cert->pub;
}

/* TLS 1.2: the signature verifies over SHA-256 of the handshake messages
 * the trace shows, and those end with the client's ClientKeyExchange. */
static void check_signature12(const ts_session *s)
{
    const ts_event *sig = find(s, "client_signature", TS_SIDE_CLIENT);
    const ts_ev_input *msgs = input(sig, "handshake_messages");
    const ts_event *cke = find(s, "client_key_exchange", TS_SIDE_CLIENT);
    assert_true(msgs->len > cke->value_len);
    assert_memory_equal(msgs->data + msgs->len - cke->value_len, cke->value, cke->value_len);
    assert_int_equal(msgs->data[0], TS_HS_CLIENT_HELLO);
    uint8_t digest[32];
    ts_hash(TS_HASH_SHA256, msgs->data, msgs->len, digest);
    ts_cert cert;
    ts_rsa_key *pub = client_pub(s, &cert);
    assert_int_equal(ts_rsa_verify(pub, TS_HASH_SHA256, digest, sig->value, sig->value_len),
                     TS_OK);
    ts_x509_free(&cert);
}

/* TLS 1.3: the signed content is 64 spaces, the client's context string,
 * 00 and the transcript hash up to the client's Certificate, and the
 * RSA-PSS signature verifies over its SHA-256. */
static void check_signature13(const ts_session *s)
{
    static const char ctx[] = "TLS 1.3, client CertificateVerify";
    const ts_event *sig = find(s, "client_signature", TS_SIDE_CLIENT);
    const ts_ev_input *content = input(sig, "signed_content");
    const ts_event *th = find(s, "client_certificate_verify_hash", TS_SIDE_CLIENT);
    assert_int_equal(content->len, 64 + sizeof(ctx) + th->value_len);
    for (size_t i = 0; i < 64; i++) {
        assert_int_equal(content->data[i], 0x20);
    }
    assert_memory_equal(content->data + 64, ctx, sizeof(ctx)); /* with its zero byte */
    assert_memory_equal(content->data + 64 + sizeof(ctx), th->value, th->value_len);
    /* the transcript hash covers the messages up to the client's Certificate */
    const ts_ev_input *msgs = input(th, "handshake_messages");
    uint8_t want[32];
    ts_hash(TS_HASH_SHA256, msgs->data, msgs->len, want);
    assert_memory_equal(th->value, want, 32);
    const ts_event *cert_msg = find(s, "client_certificate", TS_SIDE_CLIENT);
    assert_memory_equal(msgs->data + msgs->len - cert_msg->value_len, cert_msg->value,
                        cert_msg->value_len);
    uint8_t digest[32];
    ts_hash(TS_HASH_SHA256, content->data, content->len, digest);
    ts_cert cert;
    ts_rsa_key *pub = client_pub(s, &cert);
    assert_int_equal(ts_rsa_pss_verify(pub, TS_HASH_SHA256, digest, sig->value, sig->value_len),
                     TS_OK);
    ts_x509_free(&cert);
    /* the client's Finished covers its Certificate and CertificateVerify */
    const ts_event *fin = find(s, "client_finished_hash", TS_SIDE_CLIENT);
    const ts_ev_input *all = input(fin, "handshake_messages");
    const ts_event *cv = find(s, "client_certificate_verify", TS_SIDE_CLIENT);
    assert_memory_equal(all->data + all->len - cv->value_len, cv->value, cv->value_len);
}

static void mutual_auth_completes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        for (int mode = TS_CLIENT_AUTH_REQUEST; mode <= TS_CLIENT_AUTH_REQUIRE; mode++) {
            ts_session *s = run(&versions[i], (ts_client_auth)mode, TS_CLIENT_CERT_GOOD, NULL, 0);
            assert_completed(s);
            assert_true(check(s, "client_certificate_chain", TS_SIDE_SERVER)->ok);
            assert_true(check(s, "client_certificate_verify", TS_SIDE_SERVER)->ok);
            /* what the server received is what the client signed */
            const ts_event *sent = find(s, "client_signature", TS_SIDE_CLIENT);
            const ts_event *got = find(s, "client_signature", TS_SIDE_SERVER);
            assert_int_equal(sent->value_len, got->value_len);
            assert_memory_equal(sent->value, got->value, sent->value_len);
            if (versions[i].tls13) {
                check_signature13(s);
            } else {
                check_signature12(s);
            }
            ts_session_free(s);
        }
    }
}

/* The CertificateRequest the client received names the run's CA: its
 * subject Name as the one DistinguishedName of certificate_authorities (in
 * the message in 1.2, in the extension in 1.3), and asks for rsa_pkcs1 (1.2)
 * or rsa_pss_rsae (1.3) signatures. */
static void request_names_the_ca(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        ts_session *s = run(&versions[i], TS_CLIENT_AUTH_REQUIRE, TS_CLIENT_CERT_GOOD, NULL, 0);
        const ts_step *st = ts_trace_find(ts_session_trace(s), "certificate_request",
                                          TS_SIDE_CLIENT);
        assert_non_null(st);
        assert_int_equal(st->ev.kind, TS_EV_PARSED);
        ts_buf body;
        ts_buf_view(&body, st->ev.value + TS_HS_HEADER_LEN, st->ev.value_len - TS_HS_HEADER_LEN);
        const uint8_t *names;
        size_t names_len, n_names;
        uint16_t first_alg;
        if (versions[i].tls13) {
            ts_msg_certificate_request13 m;
            assert_int_equal(ts_msg_certificate_request13_parse(&body, &m, NULL), TS_OK);
            assert_int_equal(m.context.len, 0);
            assert_true(m.exts.present & TS_EXTF_CERTIFICATE_AUTHORITIES);
            names = m.exts.authorities;
            names_len = m.exts.authorities_len;
            n_names = m.exts.n_authorities;
            first_alg = m.exts.sigalgs[0];
            assert_int_equal(first_alg, TS_SIGALG_RSA_PSS_RSAE_SHA256);
        } else {
            ts_msg_certificate_request m;
            assert_int_equal(ts_msg_certificate_request_parse(&body, &m, NULL), TS_OK);
            assert_int_equal(m.n_types, 1);
            assert_int_equal(m.types[0], TS_CERT_TYPE_RSA_SIGN);
            names = m.authorities.data;
            names_len = m.authorities.len;
            n_names = m.n_authorities;
            first_alg = m.sigalgs[0];
            assert_int_equal(first_alg, TS_SIGALG_RSA_PKCS1_SHA256);
        }
        ts_cert ca;
        const ts_buf *der = ts_session_ca_der(s);
        assert_int_equal(ts_x509_parse(der->data, der->len, &ca), TS_OK);
        size_t dn_len = ts_buf_remaining(&ca.subject_raw);
        assert_int_equal(n_names, 1);
        assert_int_equal(names_len, 2 + dn_len);
        assert_int_equal((names[0] << 8) | names[1], dn_len);
        assert_memory_equal(names + 2, ts_buf_cursor(&ca.subject_raw), dn_len);
        ts_x509_free(&ca);
        ts_session_free(s);
    }
}

static void request_without_certificate_completes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        ts_session *s = run(&versions[i], TS_CLIENT_AUTH_REQUEST, TS_CLIENT_CERT_NONE, NULL, 0);
        assert_completed(s);
        assert_non_null(find(s, "certificate_request", TS_SIDE_SERVER));
        assert_true(check(s, "client_certificate", TS_SIDE_SERVER)->ok);
        assert_null(ts_trace_find(ts_session_trace(s), "client_certificate_verify",
                                  TS_SIDE_CLIENT));
        ts_session_free(s);
    }
}

static void no_client_auth_asks_nothing(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        ts_session *s = run(&versions[i], TS_CLIENT_AUTH_NONE, TS_CLIENT_CERT_GOOD, NULL, 0);
        assert_completed(s);
        assert_null(ts_trace_find(ts_session_trace(s), "certificate_request", TS_SIDE_SERVER));
        assert_null(ts_trace_find(ts_session_trace(s), "client_certificate", TS_SIDE_CLIENT));
        assert_int_equal(ts_session_client_der(s)->len, 0);
        ts_session_free(s);
    }
}

static void require_without_certificate(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        ts_session *s = run(&versions[i], TS_CLIENT_AUTH_REQUIRE, TS_CLIENT_CERT_NONE, NULL, 0);
        assert_refused(s,
                       versions[i].tls13 ? TS_ALERT_CERTIFICATE_REQUIRED
                                         : TS_ALERT_HANDSHAKE_FAILURE,
                       "client_certificate");
        ts_session_free(s);
    }
}

static void bad_certificates(void **state)
{
    (void)state;
    static const struct {
        ts_client_cert_kind kind;
        int alert;
        const char *check;
    } cases[] = {
        {TS_CLIENT_CERT_EXPIRED, TS_ALERT_CERTIFICATE_EXPIRED, "client_certificate_chain"},
        {TS_CLIENT_CERT_FOREIGN, TS_ALERT_UNKNOWN_CA, "client_certificate_chain"},
        {TS_CLIENT_CERT_STOLEN, TS_ALERT_DECRYPT_ERROR, "client_certificate_verify"},
    };
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
            for (int mode = TS_CLIENT_AUTH_REQUEST; mode <= TS_CLIENT_AUTH_REQUIRE; mode++) {
                ts_session *s = run(&versions[i], (ts_client_auth)mode, cases[k].kind, NULL, 0);
                assert_refused(s, cases[k].alert, cases[k].check);
                ts_session_free(s);
            }
        }
    }
}

/* TLS 1.2's CertificateVerify crosses in the clear: a signature byte
 * changed in flight fails the server's check (decrypt_error). In TLS 1.3
 * it is encrypted: the same change fails the record's tag first. */
static void tampered_certificate_verify(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        ts_session *clean = run(&versions[i], TS_CLIENT_AUTH_REQUIRE, TS_CLIENT_CERT_GOOD, NULL, 0);
        const ts_step *st = ts_trace_find(ts_session_trace(clean), "client_certificate_verify",
                                          TS_SIDE_CLIENT);
        assert_non_null(st);
        /* the record that carried it: the first sealed by the client after it */
        const ts_trace *t = ts_session_trace(clean);
        size_t record = 0;
        for (size_t k = st->index; k < ts_trace_count(t) && record == 0; k++) {
            const ts_step *x = ts_trace_get(t, k);
            if (x->ev.kind == TS_EV_SEALED && x->ev.side == TS_SIDE_CLIENT) {
                record = x->record;
            }
        }
        assert_true(record > 0);
        ts_session_free(clean);
        ts_action a = {TS_ACT_TAMPER, record, 5 + 4 + 4 + 10, 0x01, NULL, 0};
        ts_session *s = run(&versions[i], TS_CLIENT_AUTH_REQUIRE, TS_CLIENT_CERT_GOOD, &a, 1);
        assert_true(ts_session_action_applied(s, 0));
        if (versions[i].tls13) {
            assert_int_equal(ts_session_result(s)->alert, TS_ALERT_BAD_RECORD_MAC);
        } else {
            assert_refused(s, TS_ALERT_DECRYPT_ERROR, "client_certificate_verify");
        }
        ts_session_free(s);
    }
}

/* The client certificates come from their own keygen streams, cached: the
 * CA and the server's certificate are those of a run without client auth. */
static void server_pki_unchanged(void **state)
{
    (void)state;
    ts_session *plain = run(&versions[0], TS_CLIENT_AUTH_NONE, TS_CLIENT_CERT_GOOD, NULL, 0);
    ts_session *mtls = run(&versions[0], TS_CLIENT_AUTH_REQUIRE, TS_CLIENT_CERT_FOREIGN, NULL, 0);
    const ts_buf *a = ts_session_server_der(plain), *b = ts_session_server_der(mtls);
    assert_int_equal(a->len, b->len);
    assert_memory_equal(a->data, b->data, a->len);
    assert_int_equal(ts_session_keygen_count(plain), 1);
    assert_int_equal(ts_session_keygen_count(mtls), 3); /* the PKI, the client, the other CA */
    assert_int_equal(ts_session_run(mtls), TS_OK);     /* a re-run hits the cache */
    assert_int_equal(ts_session_keygen_count(mtls), 3);
    ts_session_free(plain);
    ts_session_free(mtls);
}

int main(void)
{
    assert_int_equal(ts_rng_global_init(), TS_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mutual_auth_completes),
        cmocka_unit_test(request_names_the_ca),
        cmocka_unit_test(request_without_certificate_completes),
        cmocka_unit_test(no_client_auth_asks_nothing),
        cmocka_unit_test(require_without_certificate),
        cmocka_unit_test(bad_certificates),
        cmocka_unit_test(tampered_certificate_verify),
        cmocka_unit_test(server_pki_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
