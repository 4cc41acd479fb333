/* ts_session_custom: a session's PKI replaced by an exercise's. */
#include "simulation/ts_session_custom.h"

#include <stdio.h>
#include <string.h>

#include "crypto/ts_secret.h"
#include "simulation/internal/ts_session_run.h"

ts_err ts_session_key_copy(const ts_rsa_key *k, ts_rsa_key **out)
{
    TS_ENSURE(k != NULL && ts_rsa_is_private(k), TS_ERR_ARG);
    ts_buf der;
    ts_buf_init(&der);
    ts_err err = ts_rsa_to_private_der(k, &der);
    if (err == TS_OK) {
        err = ts_rsa_from_private_der(der.data, der.len, out);
    }
    ts_secret_free_buf(&der);
    return err;
}

ts_err ts_session_use_pki(ts_session *s, const ts_rsa_key *server_key, const uint8_t *server_der,
                          size_t server_len, const uint8_t *ca_der, size_t ca_len)
{
    TS_ENSURE(s != NULL && server_der != NULL && server_len > 0 && ca_der != NULL && ca_len > 0,
              TS_ERR_ARG);
    ts_rsa_key *key = NULL;
    TS_GUARD(ts_session_key_copy(server_key, &key));
    ts_session_pki *pki = &s->pki;
    ts_session_pki_free(pki);
    pki->server_key = key;
    ts_err err = ts_buf_write_bytes(&pki->server_der, server_der, server_len);
    if (err == TS_OK) {
        err = ts_buf_write_bytes(&pki->ca_der, ca_der, ca_len);
    }
    if (err != TS_OK) {
        ts_session_pki_free(pki);
        return err;
    }
    /* Keyed as the session's own, so the run finds it in the cache. */
    snprintf(pki->seed, sizeof(pki->seed), "%s", s->cfg.seed);
    snprintf(pki->host, sizeof(pki->host), "%s", s->cfg.host);
    pki->bits = s->cfg.bits;
    pki->now = s->cfg.now;
    pki->valid = true;
    return TS_OK;
}

const ts_rsa_key *ts_session_server_key(const ts_session *s)
{
    return s != NULL && s->pki.valid ? s->pki.server_key : NULL;
}
