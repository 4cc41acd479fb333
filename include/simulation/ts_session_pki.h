/* ts_session_pki: the keys and certificates of a session (the toy CA and
 * the server), made once from the TS_ACTOR_KEYGEN stream and cached keyed
 * by (seed, bits, host, now), so re-running a session never regenerates
 * them. Functions that can fail return ts_err. */
#ifndef TS_SESSION_PKI_H
#define TS_SESSION_PKI_H

#include <stdbool.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_x509.h"

typedef struct {
    bool valid;
    char seed[TS_RNG_SEED_MAX + 1];
    unsigned bits;
    char host[256];
    ts_time now;
    ts_rsa_key *ca_key;
    ts_rsa_key *server_key;
    ts_buf ca_der;
    ts_buf server_der;
    unsigned keygen_count;   /* times keys were generated (cache misses) */
} ts_session_pki;

/* Makes pki an empty cache; cannot fail. */
void ts_session_pki_init(ts_session_pki *pki);

/* Makes sure pki holds the PKI for (seed, bits, host, now): a cache hit
 * does nothing; a miss drops the old keys and generates new ones
 * (ts_x509_make_pki). TS_ERR_ARG for a host longer than 255 bytes. */
ts_err ts_session_pki_get(ts_session_pki *pki, const char *seed, unsigned bits,
                          const char *host, ts_time now);

/* Wipes and frees the keys; pki is empty again (the count is kept). */
void ts_session_pki_free(ts_session_pki *pki);

#endif
