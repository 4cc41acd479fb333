/* fuzz_endpoint: a client or server ts_conn set up exactly as ts_session
 * sets them up (seed "fuzz", 512-bit keys, host localhost, the session's
 * default clock, the built-in payload), so records from
 * `tlsstep run --seed fuzz --bits 512 --json` drive it through the whole
 * handshake. The PKI is made once and kept. Input: byte 0 picks the suite
 * (bits 0-1) and how the rest is cut before it is fed (bits 2-7: 0 all at
 * once, else chunks of that many bytes, each followed by a process call). */
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
    FUZZ_ASSERT(ts_session_pki_get(&fuzz_pki, FUZZ_SEED, 512, "localhost",
                                   TS_SESSION_DEFAULT_NOW) == TS_OK);
    ts_buf_init(&fuzz_payload);
    FUZZ_ASSERT(ts_sample_write(&fuzz_payload) == TS_OK);
    done = 1;
}

/* Feeds the input (after byte 0) to a fresh endpoint of role. */
static int fuzz_endpoint_run(ts_role role, const uint8_t *data, size_t size)
{
    fuzz_endpoint_init();
    if (size < 1) {
        return 0;
    }
    const ts_suite *suite = ts_suite_get((ts_suite_id)(data[0] & 3));
    if (!ts_suite_usable(suite)) {
        return 0;
    }
    size_t chunk = data[0] >> 2;
    ts_conn_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.suite = suite;
    cfg.offer_all = true;
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
    } else {
        cfg.ca_der = fuzz_pki.ca_der.data;
        cfg.ca_len = fuzz_pki.ca_der.len;
        cfg.path = "/";
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

#endif
