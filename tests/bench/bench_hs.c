/* bench_hs: complete in-process TLS 1.2 and 1.3 handshakes per suite at 2048 bits,
 * with tlsstep's engine (ts_conn client and server passing records through
 * memory). The PKI (CA and server keys, certificates) is made once, outside
 * the timed loop; each timed handshake is a full one (fresh randoms, fresh
 * ephemeral keys, the client verifying the certificate chain, host and
 * ServerKeyExchange signature) and stops when both sides have verified
 * Finished: no HTTP payload (the client seals its ~100-byte GET as it
 * completes; nothing else). No event hook (the engine alone).
 * rsa and tls13-aes run again with mutual TLS (the server requires a client
 * certificate its CA issued, RSA-2048; the client signs CertificateVerify).
 * Prints one line per suite, in milliseconds per handshake:
 *   handshake_rsa_2048 mean=A runs=N
 *   handshake_rsa_2048_mtls mean=A runs=N
 * tests/bench/run.sh compares them with bench_openssl_hs. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_suite.h"
#include "crypto/ts_x509_build.h"
#include "tls/ts_conn.h"

#define BITS 2048
#define NOW ((ts_time)1767225600) /* 2026-01-01, inside the certificates' validity */
#define MIN_RUNS 20
#define MIN_MS 1500.0

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Moves everything from's out holds into to's in, and lets to answer. */
static ts_err deliver(ts_conn *from, ts_conn *to)
{
    ts_buf *out = ts_conn_out(from);
    if (ts_buf_remaining(out) == 0) {
        return TS_OK;
    }
    ts_err err = ts_buf_write_bytes(ts_conn_in(to), ts_buf_cursor(out), ts_buf_remaining(out));
    ts_buf_reset(out);
    return err == TS_OK ? ts_conn_process(to) : err;
}

/* True once c's handshake is over: open, or closed cleanly after it. */
static bool done(const ts_conn *c)
{
    return ts_conn_status_of(c) == TS_CONN_OPEN || ts_conn_status_of(c) == TS_CONN_CLOSED;
}

/* One full handshake; TS_OK when both sides completed it. */
static ts_err handshake(const ts_conn_config *ccfg, const ts_conn_config *scfg)
{
    ts_rng crng, srng;
    ts_conn *c = NULL, *s = NULL;
    ts_err err = ts_rng_init(&crng, NULL, TS_ACTOR_CLIENT);
    if (err == TS_OK) {
        err = ts_rng_init(&srng, NULL, TS_ACTOR_SERVER);
    }
    if (err == TS_OK) {
        err = ts_conn_new(TS_ROLE_CLIENT, ccfg, &crng, NULL, NULL, &c);
    }
    if (err == TS_OK) {
        err = ts_conn_new(TS_ROLE_SERVER, scfg, &srng, NULL, NULL, &s);
    }
    if (err == TS_OK) {
        err = ts_conn_start(c);
    }
    /* In TLS 1.3 the client's GET leaves with its Finished, so the server
     * answers it (an empty file) and closes within the same delivery: a
     * clean close counts as done too. */
    for (int turn = 0; err == TS_OK && turn < 16; turn++) {
        if (done(c) && done(s)) {
            break;
        }
        err = deliver(c, s);
        if (err == TS_OK) {
            err = deliver(s, c);
        }
    }
    if (err == TS_OK && (!done(c) || !done(s))) {
        fprintf(stderr, "bench_hs: handshake did not complete: client '%s', server '%s'\n",
                ts_conn_reason(c), ts_conn_reason(s));
        err = TS_ERR_CLOSED;
    }
    ts_conn_free(c);
    ts_conn_free(s);
    ts_rng_wipe(&crng);
    ts_rng_wipe(&srng);
    return err;
}

/* Times handshakes of (cc, sc) for at least MIN_RUNS runs and MIN_MS, after
 * one warm-up that checks they complete; prints handshake_NAME_BITSTAG. */
static int timed(const ts_conn_config *cc, const ts_conn_config *sc, const char *name,
                 const char *tag)
{
    if (handshake(cc, sc) != TS_OK) {
        return 1;
    }
    unsigned runs = 0;
    double t0 = now_ms(), t;
    do {
        if (handshake(cc, sc) != TS_OK) {
            return 1;
        }
        runs++;
        t = now_ms() - t0;
    } while (runs < MIN_RUNS || t < MIN_MS);
    printf("handshake_%s_%d%s mean=%.4f runs=%u\n", name, BITS, tag, t / runs, runs);
    fflush(stdout);
    return 0;
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    ts_rng kg;
    ts_rsa_key *ca_key = NULL, *server_key = NULL;
    ts_buf ca_der, server_der;
    ts_buf_init(&ca_der);
    ts_buf_init(&server_der);
    if (ts_rng_init(&kg, "bench-hs", TS_ACTOR_KEYGEN) != TS_OK ||
        ts_x509_make_pki(&kg, BITS, "localhost", NOW, &ca_key, &ca_der, &server_key,
                         &server_der) != TS_OK) {
        fprintf(stderr, "bench_hs: cannot make the PKI\n");
        return 1;
    }
    ts_rsa_key *client_key = NULL;
    ts_buf client_der;
    ts_buf_init(&client_der);
    if (ts_rsa_generate(&kg, BITS, 65537, &client_key) != TS_OK ||
        ts_x509_make_client_cert(&kg, ca_key, TS_X509_CA_CN, client_key, NOW - 86400,
                                 NOW + 365 * 86400, &client_der) != TS_OK) {
        fprintf(stderr, "bench_hs: cannot make the client certificate\n");
        return 1;
    }
    ts_rng_wipe(&kg);
    int rc = 0;
    for (int id = 0; id < TS_SUITE_COUNT && rc == 0; id++) {
        const ts_suite *suite = ts_suite_get((ts_suite_id)id);
        if (!ts_suite_usable(suite)) {
            fprintf(stderr, "bench_hs: %s unavailable here (no AES-NI)\n", suite->cli_name);
            continue;
        }
        ts_conn_config sc, cc;
        memset(&sc, 0, sizeof(sc));
        sc.suite = suite;
        if (ts_suite_is_tls13(suite)) { /* TLS 1.3 only, X25519, RSA-PSS */
            sc.suite = NULL;
            sc.suite13 = suite;
            sc.min_version = sc.max_version = 0x0304;
        }
        sc.host = "localhost";
        sc.now = NOW;
        sc.dh_group = TS_DH_FFDHE2048;
        sc.server_key = server_key;
        sc.certs[0] = server_der.data;
        sc.cert_lens[0] = server_der.len;
        sc.n_certs = 1;
        cc = sc;
        cc.server_key = NULL;
        cc.n_certs = 0;
        cc.ca_der = ca_der.data;
        cc.ca_len = ca_der.len;
        cc.path = "/";
        rc = timed(&cc, &sc, suite->cli_name, "");
        if (rc == 0 && (id == TS_SUITE_RSA || id == TS_SUITE_TLS13_AES)) {
            /* mutual TLS: the server requires a certificate the CA issued */
            sc.client_auth = TS_CLIENT_AUTH_REQUIRE;
            sc.ca_der = ca_der.data;
            sc.ca_len = ca_der.len;
            cc.client_key = client_key;
            cc.certs[0] = client_der.data;
            cc.cert_lens[0] = client_der.len;
            cc.n_certs = 1;
            rc = timed(&cc, &sc, suite->cli_name, "_mtls");
        }
    }
    ts_rsa_free(ca_key);
    ts_rsa_free(server_key);
    ts_rsa_free(client_key);
    ts_buf_free(&client_der);
    ts_buf_free(&ca_der);
    ts_buf_free(&server_der);
    return rc;
}
