/* ts_prf: the TLS 1.2 pseudo-random function (RFC 5246 §5) and the values
 * derived with it: master secret (§8.1), extended master secret (RFC 7627
 * §4), key block (§6.3) and Finished verify_data (§7.4.9).
 *
 * Every function returns ts_err: TS_ERR_HASH for an unknown hash, TS_ERR_ARG
 * for a NULL pointer with a non-zero length or a size out of range. Outputs
 * are written only on success; intermediate values are wiped. */
#ifndef TS_PRF_H
#define TS_PRF_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_hash.h"

#define TS_RANDOM_LEN 32      /* ClientHello.random, ServerHello.random */
#define TS_MASTER_LEN 48      /* master_secret */
#define TS_VERIFY_DATA_LEN 12 /* Finished.verify_data */

#define TS_KEY_BLOCK_MAC_MAX 48
#define TS_KEY_BLOCK_KEY_MAX 32
#define TS_KEY_BLOCK_IV_MAX 16
#define TS_KEY_BLOCK_MAX 256

/* PRF(secret, label, seed) = P_<alg>(secret, label || seed), out_len bytes:
 * P_hash(secret, s) = HMAC(secret, A(1) || s) || HMAC(secret, A(2) || s) ...
 * with A(0) = s and A(i) = HMAC(secret, A(i-1)). label is a C string (its
 * bytes, without the NUL); secret and seed may be empty. */
ts_err ts_prf(ts_hash_alg alg, const uint8_t *secret, size_t secret_len, const char *label,
              const uint8_t *seed, size_t seed_len, uint8_t *out, size_t out_len);

/* master_secret = PRF(pms, "master secret", client_random || server_random)[0..47]. */
ts_err ts_prf_master_secret(ts_hash_alg alg, const uint8_t *pms, size_t pms_len,
                            const uint8_t client_random[TS_RANDOM_LEN],
                            const uint8_t server_random[TS_RANDOM_LEN],
                            uint8_t out[TS_MASTER_LEN]);

/* RFC 7627: master_secret = PRF(pms, "extended master secret",
 * session_hash)[0..47], session_hash = Hash(handshake messages up to and
 * including ClientKeyExchange). */
ts_err ts_prf_extended_master_secret(ts_hash_alg alg, const uint8_t *pms, size_t pms_len,
                                     const uint8_t *session_hash, size_t hash_len,
                                     uint8_t out[TS_MASTER_LEN]);

/* The sizes a cipher suite takes from the key block (RFC 5246 §6.3). E.g.
 * TLS_RSA_WITH_AES_256_GCM_SHA384: {0, 32, 4}; the CHACHA20_POLY1305 suites:
 * {0, 32, 12}; TLS_RSA_WITH_NULL_SHA256: {32, 0, 0}. */
typedef struct {
    size_t mac_key_len;  /* at most TS_KEY_BLOCK_MAC_MAX */
    size_t enc_key_len;  /* at most TS_KEY_BLOCK_KEY_MAX */
    size_t fixed_iv_len; /* at most TS_KEY_BLOCK_IV_MAX */
} ts_key_sizes;

/* The key block and its parts; fields past each part's length are zero. */
typedef struct {
    uint8_t client_mac[TS_KEY_BLOCK_MAC_MAX], server_mac[TS_KEY_BLOCK_MAC_MAX];
    uint8_t client_key[TS_KEY_BLOCK_KEY_MAX], server_key[TS_KEY_BLOCK_KEY_MAX];
    uint8_t client_iv[TS_KEY_BLOCK_IV_MAX], server_iv[TS_KEY_BLOCK_IV_MAX];
    uint8_t block[TS_KEY_BLOCK_MAX]; /* the whole key block, as the PRF gave it */
    size_t block_len;                /* 2 * (mac + key + iv) */
    ts_key_sizes sizes;
} ts_key_block;

/* key_block = PRF(master, "key expansion", server_random || client_random),
 * split in order: client MAC key, server MAC key, client key, server key,
 * client IV, server IV. TS_ERR_ARG when a size exceeds its maximum. */
ts_err ts_prf_key_block(ts_hash_alg alg, const uint8_t master[TS_MASTER_LEN],
                        const uint8_t server_random[TS_RANDOM_LEN],
                        const uint8_t client_random[TS_RANDOM_LEN],
                        const ts_key_sizes *sizes, ts_key_block *out);

/* Wipes every key in kb. */
void ts_key_block_wipe(ts_key_block *kb);

/* verify_data = PRF(master, label, handshake_hash)[0..11], label
 * "client finished" or "server finished" (anything else: TS_ERR_ARG). */
ts_err ts_prf_verify_data(ts_hash_alg alg, const uint8_t master[TS_MASTER_LEN],
                          const char *label, const uint8_t *handshake_hash, size_t hash_len,
                          uint8_t out[TS_VERIFY_DATA_LEN]);

#endif
