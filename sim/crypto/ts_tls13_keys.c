/* ts_tls13_keys: the rungs of the TLS 1.3 key schedule. */
#include "crypto/ts_tls13_keys.h"

#include <string.h>

#include "crypto/ts_hkdf.h"
#include "crypto/ts_secret.h"

ts_err ts_tls13_next_stage(ts_hash_alg alg, const uint8_t *prev, const uint8_t *ikm,
                           size_t ikm_len, uint8_t *derived, uint8_t *next)
{
    TS_ENSURE(next != NULL && (ikm != NULL || ikm_len == 0), TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    TS_ENSURE(hlen > 0, TS_ERR_HASH);
    static const uint8_t zeros[TS_HASH_MAX_LEN] = {0};
    if (ikm == NULL) {
        ikm = zeros;
        ikm_len = hlen;
    }
    if (prev == NULL) {
        return ts_hkdf_extract(alg, NULL, 0, ikm, ikm_len, next);
    }
    uint8_t empty[TS_HASH_MAX_LEN], salt[TS_HASH_MAX_LEN];
    ts_hash(alg, NULL, 0, empty);
    ts_err err = ts_hkdf_derive_secret(alg, prev, "derived", empty, salt);
    if (err == TS_OK) {
        err = ts_hkdf_extract(alg, salt, hlen, ikm, ikm_len, next);
    }
    if (err == TS_OK && derived != NULL) {
        memcpy(derived, salt, hlen);
    }
    ts_secret_wipe(salt, sizeof(salt));
    return err;
}

ts_err ts_tls13_traffic_keys(ts_hash_alg alg, const uint8_t *secret, size_t key_len,
                             uint8_t *key, uint8_t *iv)
{
    TS_ENSURE(secret != NULL && key != NULL && iv != NULL, TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    TS_ENSURE(hlen > 0, TS_ERR_HASH);
    TS_GUARD(ts_hkdf_expand_label(alg, secret, hlen, "key", NULL, 0, key, key_len));
    return ts_hkdf_expand_label(alg, secret, hlen, "iv", NULL, 0, iv, TS_TLS13_IV_LEN);
}

ts_err ts_tls13_finished(ts_hash_alg alg, const uint8_t *base, const uint8_t *transcript_hash,
                         uint8_t *finished_key, uint8_t *verify_data)
{
    TS_ENSURE(base != NULL && transcript_hash != NULL && verify_data != NULL, TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    TS_ENSURE(hlen > 0, TS_ERR_HASH);
    uint8_t fk[TS_HASH_MAX_LEN];
    TS_GUARD(ts_hkdf_expand_label(alg, base, hlen, "finished", NULL, 0, fk, hlen));
    ts_hmac(alg, fk, hlen, transcript_hash, hlen, verify_data);
    if (finished_key != NULL) {
        memcpy(finished_key, fk, hlen);
    }
    ts_secret_wipe(fk, sizeof(fk));
    return TS_OK;
}

ts_err ts_tls13_update_secret(ts_hash_alg alg, const uint8_t *secret, uint8_t *next)
{
    TS_ENSURE(secret != NULL && next != NULL, TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    TS_ENSURE(hlen > 0, TS_ERR_HASH);
    return ts_hkdf_expand_label(alg, secret, hlen, "traffic upd", NULL, 0, next, hlen);
}

void ts_tls13_nonce(const uint8_t iv[TS_TLS13_IV_LEN], uint64_t seq,
                    uint8_t nonce[TS_TLS13_IV_LEN])
{
    memcpy(nonce, iv, TS_TLS13_IV_LEN);
    for (int i = 0; i < 8; i++) {
        nonce[TS_TLS13_IV_LEN - 1 - i] ^= (uint8_t)(seq >> (8 * i));
    }
}
