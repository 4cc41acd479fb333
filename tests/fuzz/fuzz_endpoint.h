/* fuzz_endpoint: a client or server ts_conn set up exactly as ts_session
 * sets them up (seed "fuzz", 768-bit keys, host localhost, the session's
 * default clock, the built-in payload; for a TLS 1.3 suite the 1.3 session's
 * versions and suites, see ts_session_run.c's make_conns), so records from
 * `tlsstep run --suite S --seed fuzz --bits 768 --json` drive it through the
 * whole handshake (tests/fuzz/seeds.py writes them). The PKI is made once and
 * kept; 768 bits because TLS 1.3's RSA-PSS CertificateVerify needs at least
 * 528 (one PKI for every suite; FUZZ_BITS and seeds.py's BITS must agree).
 * Input: byte 0 picks the suite with bits 0-2 (a ts_suite_id: 0 rsa, 1 ecdhe,
 * 2 dhe, 3 null, 4 tls13-aes, 5 tls13-chacha; 6 and 7 return at once) and how
 * the rest is cut before it is fed with bits 3-7 (0: all at once, else chunks
 * of that many bytes, each followed by a process call). With mtls (the
 * fuzz_mtls_* targets) the server requires a client certificate from the
 * session's CA and the client holds the session's good client certificate,
 * as `tlsstep run --client-auth require` sets them up. */
#ifndef FUZZ_ENDPOINT_H
#define FUZZ_ENDPOINT_H

#include "fuzz_util.h"

#include "base/ts_buf.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_suite.h"
#include "simulation/ts_sample.h"
#include "simulation/ts_session.h"
#include "simulation/ts_session_pki.h"
#include "tls/ts_conn.h"

#define FUZZ_SEED "fuzz"
#define FUZZ_BITS 768

static ts_session_pki fuzz_pki;
static ts_buf fuzz_payload;

static void fuzz_endpoint_init(void)
{
    static int done;
    fuzz_init();
    if (done) {
        return;
    }
    ts_session_pki_init(&fuzz_pki);
    FUZZ_ASSERT(ts_session_pki_get(&fuzz_pki, FUZZ_SEED, FUZZ_BITS, "localhost",
                                   TS_SESSION_DEFAULT_NOW) == TS_OK);
    FUZZ_ASSERT(ts_session_pki_client(&fuzz_pki, TS_CLIENT_CERT_GOOD) == TS_OK);
    ts_buf_init(&fuzz_payload);
    FUZZ_ASSERT(ts_sample_write(&fuzz_payload) == TS_OK);
    done = 1;
}

/* Feeds the input (after byte 0) to a fresh endpoint of role (with mtls:
 * mutual TLS, as above). */
static int fuzz_endpoint_run_mtls(ts_role role, const uint8_t *data, size_t size, bool mtls)
{
    fuzz_endpoint_init();
    if (size < 1) {
        return 0;
    }
    unsigned sid = data[0] & 7;
    if (sid >= TS_SUITE_COUNT) {
        return 0;
    }
    const ts_suite *suite = ts_suite_get((ts_suite_id)sid);
    if (!ts_suite_usable(suite)) {
        return 0;
    }
    size_t chunk = data[0] >> 3;
    ts_conn_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.suite = suite;
    cfg.offer_all = true;
    if (ts_suite_is_tls13(suite)) {
        /* as make_conns for a 1.3 session: both speak 1.3 and 1.2 (ECDHE),
         * the server takes the client's x25519 share (group 0) */
        cfg.suite13 = suite;
        cfg.suite = ts_suite_get(TS_SUITE_ECDHE);
        cfg.max_version = TS_VERSION_TLS13;
        cfg.min_version = TS_VERSION_TLS12;
        if (role == TS_ROLE_SERVER) {
            cfg.offer_all = false;
        }
    }
    cfg.host = "localhost";
    cfg.now = TS_SESSION_DEFAULT_NOW;
    cfg.dh_group = TS_DH_FFDHE2048;
    if (role == TS_ROLE_SERVER) {
        cfg.server_key = fuzz_pki.server_key;
        cfg.certs[0] = fuzz_pki.server_der.data;
        cfg.cert_lens[0] = fuzz_pki.server_der.len;
        cfg.n_certs = 1;
        cfg.payload = fuzz_payload.data;
        cfg.payload_len = fuzz_payload.len;
        if (mtls) {
            cfg.client_auth = TS_CLIENT_AUTH_REQUIRE;
            cfg.ca_der = fuzz_pki.ca_der.data;
            cfg.ca_len = fuzz_pki.ca_der.len;
        }
    } else {
        cfg.ca_der = fuzz_pki.ca_der.data;
        cfg.ca_len = fuzz_pki.ca_der.len;
        cfg.path = "/";
        if (mtls) {
            const ts_buf *der = NULL;
            const ts_rsa_key *key = NULL;
            ts_session_pki_client_of(&fuzz_pki, TS_CLIENT_CERT_GOOD, &der, &key);
            cfg.client_key = key;
            cfg.certs[0] = der->data;
            cfg.cert_lens[0] = der->len;
            cfg.n_certs = 1;
        }
    }
    ts_rng rng;
    FUZZ_ASSERT(ts_rng_init(&rng, FUZZ_SEED,
                            role == TS_ROLE_SERVER ? TS_ACTOR_SERVER : TS_ACTOR_CLIENT) == TS_OK);
    ts_conn *c = NULL;
    FUZZ_ASSERT(ts_conn_new(role, &cfg, &rng, NULL, NULL, &c) == TS_OK);
    (void)ts_conn_start(c);
    ts_buf_reset(ts_conn_out(c));
    const uint8_t *p = data + 1;
    size_t left = size - 1;
    while (left > 0) {
        size_t n = chunk == 0 || chunk > left ? left : chunk;
        FUZZ_ASSERT(ts_buf_write_bytes(ts_conn_in(c), p, n) == TS_OK);
        p += n;
        left -= n;
        ts_err err = ts_conn_process(c);
        ts_conn_status st = ts_conn_status_of(c);
        /* a failure is always a failed connection with its reason */
        FUZZ_ASSERT(err == TS_OK || st == TS_CONN_FAILED || st == TS_CONN_CLOSED);
        FUZZ_ASSERT(st != TS_CONN_FAILED || ts_conn_reason(c)[0] != '\0');
        ts_buf_reset(ts_conn_out(c));
        if (st == TS_CONN_FAILED || st == TS_CONN_CLOSED) {
            break;
        }
    }
    ts_conn_eof(c);
    ts_conn_free(c);
    ts_rng_wipe(&rng);
    return 0;
}

/* Feeds the input (after byte 0) to a fresh endpoint of role. */
static int fuzz_endpoint_run(ts_role role, const uint8_t *data, size_t size)
{
    return fuzz_endpoint_run_mtls(role, data, size, false);
}

#endif
