/* ts_session_pki: the cached toy PKI of a session. */
#include "simulation/ts_session_pki.h"

#include <stdio.h>
#include <string.h>

#include "crypto/ts_x509_build.h"

void ts_session_pki_init(ts_session_pki *pki)
{
    memset(pki, 0, sizeof(*pki));
    ts_buf_init(&pki->ca_der);
    ts_buf_init(&pki->server_der);
}

void ts_session_pki_free(ts_session_pki *pki)
{
    unsigned count = pki->keygen_count;
    ts_rsa_free(pki->ca_key);
    ts_rsa_free(pki->server_key);
    ts_buf_free(&pki->ca_der);
    ts_buf_free(&pki->server_der);
    ts_session_pki_init(pki);
    pki->keygen_count = count;
}

static bool hit(const ts_session_pki *pki, const char *seed, unsigned bits, const char *host,
                ts_time now)
{
    return pki->valid && pki->bits == bits && pki->now == now && strcmp(pki->seed, seed) == 0 &&
           strcmp(pki->host, host) == 0;
}

ts_err ts_session_pki_get(ts_session_pki *pki, const char *seed, unsigned bits,
                          const char *host, ts_time now)
{
    TS_ENSURE(seed != NULL && host != NULL, TS_ERR_ARG);
    TS_ENSURE(strlen(seed) <= TS_RNG_SEED_MAX && strlen(host) < sizeof(pki->host), TS_ERR_ARG);
    if (hit(pki, seed, bits, host, now)) {
        return TS_OK;
    }
    ts_session_pki_free(pki);
    ts_rng rng;
    TS_GUARD(ts_rng_init(&rng, seed, TS_ACTOR_KEYGEN));
    pki->keygen_count++;
    ts_err err = ts_x509_make_pki(&rng, bits, host, now, &pki->ca_key, &pki->ca_der,
                                  &pki->server_key, &pki->server_der);
    ts_rng_wipe(&rng);
    if (err != TS_OK) {
        ts_session_pki_free(pki);
        return err;
    }
    snprintf(pki->seed, sizeof(pki->seed), "%s", seed);
    snprintf(pki->host, sizeof(pki->host), "%s", host);
    pki->bits = bits;
    pki->now = now;
    pki->valid = true;
    return TS_OK;
}
