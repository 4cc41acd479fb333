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
    for (int i = 0; i < TS_CLIENT_CERT_COUNT; i++) {
        ts_buf_init(&pki->client_der[i]);
    }
}

void ts_session_pki_free(ts_session_pki *pki)
{
    unsigned count = pki->keygen_count;
    ts_rsa_free(pki->ca_key);
    ts_rsa_free(pki->server_key);
    ts_buf_free(&pki->ca_der);
    ts_buf_free(&pki->server_der);
    ts_rsa_free(pki->client_key);
    ts_rsa_free(pki->other_ca_key);
    ts_rsa_free(pki->impostor_key);
    for (int i = 0; i < TS_CLIENT_CERT_COUNT; i++) {
        ts_buf_free(&pki->client_der[i]);
    }
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

#define DAY ((ts_time)86400)

/* The client key and the certificates the toy CA issues for it. */
static ts_err make_client(ts_session_pki *pki)
{
    ts_rng rng;
    TS_GUARD(ts_rng_init_for(&rng, "client-pki", pki->seed, TS_ACTOR_KEYGEN));
    pki->keygen_count++;
    ts_err err = ts_rsa_generate(&rng, pki->bits, 65537, &pki->client_key);
    if (err == TS_OK) {
        err = ts_x509_make_client_cert(&rng, pki->ca_key, TS_X509_CA_CN, pki->client_key,
                                       pki->now - DAY, pki->now + 365 * DAY,
                                       &pki->client_der[TS_CLIENT_CERT_GOOD]);
    }
    if (err == TS_OK) {
        err = ts_x509_make_client_cert(&rng, pki->ca_key, TS_X509_CA_CN, pki->client_key,
                                       pki->now - 400 * DAY, pki->now - 35 * DAY,
                                       &pki->client_der[TS_CLIENT_CERT_EXPIRED]);
    }
    ts_rng_wipe(&rng);
    return err;
}

/* The same client key, certified by a CA the server does not know. */
static ts_err make_foreign(ts_session_pki *pki)
{
    ts_rng rng;
    TS_GUARD(ts_rng_init_for(&rng, "other-ca", pki->seed, TS_ACTOR_KEYGEN));
    pki->keygen_count++;
    ts_err err = ts_rsa_generate(&rng, pki->bits, 65537, &pki->other_ca_key);
    if (err == TS_OK) {
        err = ts_x509_make_client_cert(&rng, pki->other_ca_key, TS_X509_OTHER_CA_CN,
                                       pki->client_key, pki->now - DAY, pki->now + 365 * DAY,
                                       &pki->client_der[TS_CLIENT_CERT_FOREIGN]);
    }
    ts_rng_wipe(&rng);
    return err;
}

ts_err ts_session_pki_client(ts_session_pki *pki, ts_client_cert_kind kind)
{
    TS_ENSURE(pki->valid && kind < TS_CLIENT_CERT_COUNT, TS_ERR_ARG);
    if (kind == TS_CLIENT_CERT_NONE) {
        return TS_OK;
    }
    ts_err err = TS_OK;
    if (pki->client_key == NULL) {
        err = make_client(pki);
    }
    if (err == TS_OK && kind == TS_CLIENT_CERT_FOREIGN && pki->other_ca_key == NULL) {
        err = make_foreign(pki);
    }
    if (err == TS_OK && kind == TS_CLIENT_CERT_STOLEN && pki->impostor_key == NULL) {
        ts_rng rng;
        err = ts_rng_init_for(&rng, "impostor", pki->seed, TS_ACTOR_KEYGEN);
        if (err == TS_OK) {
            pki->keygen_count++;
            err = ts_rsa_generate(&rng, pki->bits, 65537, &pki->impostor_key);
            ts_rng_wipe(&rng);
        }
    }
    if (err != TS_OK) {
        ts_session_pki_free(pki); /* all or nothing: the next get makes it again */
    }
    return err;
}

void ts_session_pki_client_of(const ts_session_pki *pki, ts_client_cert_kind kind,
                              const ts_buf **der, const ts_rsa_key **key)
{
    bool stolen = kind == TS_CLIENT_CERT_STOLEN;
    *der = &pki->client_der[stolen ? TS_CLIENT_CERT_GOOD : kind];
    *key = (*der)->len == 0 ? NULL : stolen ? pki->impostor_key : pki->client_key;
}
