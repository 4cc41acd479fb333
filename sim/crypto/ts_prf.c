/* ts_prf: the TLS 1.2 PRF (RFC 5246 §5) and what is derived with it. */
#include "crypto/ts_prf.h"

#include <stdbool.h>
#include <string.h>

#include "crypto/ts_secret.h"

static bool alg_known(ts_hash_alg alg)
{
    return alg == TS_HASH_SHA256 || alg == TS_HASH_SHA384;
}

ts_err ts_prf(ts_hash_alg alg, const uint8_t *secret, size_t secret_len, const char *label,
              const uint8_t *seed, size_t seed_len, uint8_t *out, size_t out_len)
{
    TS_ENSURE(alg_known(alg), TS_ERR_HASH);
    TS_ENSURE(label != NULL, TS_ERR_ARG);
    TS_ENSURE(secret != NULL || secret_len == 0, TS_ERR_ARG);
    TS_ENSURE(seed != NULL || seed_len == 0, TS_ERR_ARG);
    TS_ENSURE(out != NULL || out_len == 0, TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    size_t label_len = strlen(label);

    ts_hmac_ctx keyed; /* HMAC keyed with secret, forked for every call */
    ts_hmac_init(&keyed, alg, secret, secret_len);
    ts_hmac_ctx c;
    uint8_t a[TS_HASH_MAX_LEN];     /* A(i) */
    uint8_t chunk[TS_HASH_MAX_LEN]; /* HMAC(secret, A(i) || label || seed) */

    /* A(1) = HMAC(secret, label || seed) */
    c = keyed;
    ts_hmac_update(&c, (const uint8_t *)label, label_len);
    ts_hmac_update(&c, seed, seed_len);
    ts_hmac_final(&c, a);

    size_t done = 0;
    while (done < out_len) {
        c = keyed;
        ts_hmac_update(&c, a, hlen);
        ts_hmac_update(&c, (const uint8_t *)label, label_len);
        ts_hmac_update(&c, seed, seed_len);
        ts_hmac_final(&c, chunk);
        size_t take = out_len - done < hlen ? out_len - done : hlen;
        memcpy(out + done, chunk, take);
        done += take;
        if (done < out_len) {
            c = keyed; /* A(i+1) = HMAC(secret, A(i)) */
            ts_hmac_update(&c, a, hlen);
            ts_hmac_final(&c, a);
        }
    }
    ts_secret_wipe(&keyed, sizeof(keyed));
    ts_secret_wipe(&c, sizeof(c));
    ts_secret_wipe(a, sizeof(a));
    ts_secret_wipe(chunk, sizeof(chunk));
    return TS_OK;
}

ts_err ts_prf_master_secret(ts_hash_alg alg, const uint8_t *pms, size_t pms_len,
                            const uint8_t client_random[TS_RANDOM_LEN],
                            const uint8_t server_random[TS_RANDOM_LEN],
                            uint8_t out[TS_MASTER_LEN])
{
    TS_ENSURE(client_random != NULL && server_random != NULL, TS_ERR_ARG);
    uint8_t seed[2 * TS_RANDOM_LEN];
    memcpy(seed, client_random, TS_RANDOM_LEN);
    memcpy(seed + TS_RANDOM_LEN, server_random, TS_RANDOM_LEN);
    return ts_prf(alg, pms, pms_len, "master secret", seed, sizeof(seed), out, TS_MASTER_LEN);
}

ts_err ts_prf_extended_master_secret(ts_hash_alg alg, const uint8_t *pms, size_t pms_len,
                                     const uint8_t *session_hash, size_t hash_len,
                                     uint8_t out[TS_MASTER_LEN])
{
    TS_ENSURE(session_hash != NULL && hash_len > 0, TS_ERR_ARG);
    return ts_prf(alg, pms, pms_len, "extended master secret", session_hash, hash_len, out,
                  TS_MASTER_LEN);
}

/* Copies the next n bytes of the key block at *at to dst. */
static void take_part(const uint8_t *block, size_t *at, uint8_t *dst, size_t n)
{
    if (n > 0) {
        memcpy(dst, block + *at, n);
    }
    *at += n;
}

ts_err ts_prf_key_block(ts_hash_alg alg, const uint8_t master[TS_MASTER_LEN],
                        const uint8_t server_random[TS_RANDOM_LEN],
                        const uint8_t client_random[TS_RANDOM_LEN],
                        const ts_key_sizes *sizes, ts_key_block *out)
{
    TS_ENSURE(alg_known(alg), TS_ERR_HASH);
    TS_ENSURE(master != NULL && server_random != NULL && client_random != NULL &&
                  sizes != NULL && out != NULL,
              TS_ERR_ARG);
    TS_ENSURE(sizes->mac_key_len <= TS_KEY_BLOCK_MAC_MAX &&
                  sizes->enc_key_len <= TS_KEY_BLOCK_KEY_MAX &&
                  sizes->fixed_iv_len <= TS_KEY_BLOCK_IV_MAX,
              TS_ERR_ARG);
    size_t len = 2 * (sizes->mac_key_len + sizes->enc_key_len + sizes->fixed_iv_len);
    TS_ENSURE(len > 0 && len <= TS_KEY_BLOCK_MAX, TS_ERR_ARG);

    uint8_t seed[2 * TS_RANDOM_LEN];
    memcpy(seed, server_random, TS_RANDOM_LEN);
    memcpy(seed + TS_RANDOM_LEN, client_random, TS_RANDOM_LEN);
    ts_key_block kb;
    memset(&kb, 0, sizeof(kb));
    ts_err err = ts_prf(alg, master, TS_MASTER_LEN, "key expansion", seed, sizeof(seed),
                        kb.block, len);
    if (err != TS_OK) {
        ts_key_block_wipe(&kb);
        return err;
    }
    kb.block_len = len;
    kb.sizes = *sizes;
    size_t at = 0;
    take_part(kb.block, &at, kb.client_mac, sizes->mac_key_len);
    take_part(kb.block, &at, kb.server_mac, sizes->mac_key_len);
    take_part(kb.block, &at, kb.client_key, sizes->enc_key_len);
    take_part(kb.block, &at, kb.server_key, sizes->enc_key_len);
    take_part(kb.block, &at, kb.client_iv, sizes->fixed_iv_len);
    take_part(kb.block, &at, kb.server_iv, sizes->fixed_iv_len);
    *out = kb;
    ts_key_block_wipe(&kb);
    return TS_OK;
}

void ts_key_block_wipe(ts_key_block *kb)
{
    ts_secret_wipe(kb, sizeof(*kb));
}

ts_err ts_prf_verify_data(ts_hash_alg alg, const uint8_t master[TS_MASTER_LEN],
                          const char *label, const uint8_t *handshake_hash, size_t hash_len,
                          uint8_t out[TS_VERIFY_DATA_LEN])
{
    TS_ENSURE(master != NULL && label != NULL && handshake_hash != NULL && hash_len > 0,
              TS_ERR_ARG);
    TS_ENSURE(strcmp(label, "client finished") == 0 || strcmp(label, "server finished") == 0,
              TS_ERR_ARG);
    return ts_prf(alg, master, TS_MASTER_LEN, label, handshake_hash, hash_len, out,
                  TS_VERIFY_DATA_LEN);
}
