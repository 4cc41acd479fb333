/* ts_aead: the AEAD ciphers of the TLS 1.2 record layer, one key for one
 * direction of a connection: AES-256-GCM (RFC 5288) and ChaCha20-Poly1305
 * (RFC 7905), both on libsodium. Functions that can fail return ts_err.
 * AES-256-GCM needs AES-NI: without it every GCM call returns
 * TS_ERR_AEAD_UNAVAILABLE. ts_rng_global_init must have run first. */
#ifndef TS_AEAD_H
#define TS_AEAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"

typedef enum {
    TS_AEAD_AES256GCM,
    TS_AEAD_CHACHA20POLY1305
} ts_aead_alg;

#define TS_AEAD_KEY_LEN 32       /* both algorithms */
#define TS_AEAD_TAG_LEN 16       /* both algorithms */
#define TS_AEAD_NONCE_LEN 12     /* the nonce given to the cipher */
#define TS_AEAD_AAD_LEN 13       /* TLS 1.2 additional data */
#define TS_AEAD_FIXED_IV_MAX 12  /* longest fixed IV (ChaCha20-Poly1305) */
#define TS_AEAD_EXPLICIT_LEN 8   /* GCM's explicit nonce in each record */

/* True when alg can run on this machine (AES-256-GCM: only with AES-NI). */
bool ts_aead_available(ts_aead_alg alg);

/* Returns "AES-256-GCM" or "ChaCha20-Poly1305" ("unknown" otherwise). */
const char *ts_aead_name(ts_aead_alg alg);

/* Key length in bytes: 32 for both. */
size_t ts_aead_key_len(ts_aead_alg alg);

/* Tag length in bytes: 16 for both. */
size_t ts_aead_tag_len(ts_aead_alg alg);

/* Length of the fixed IV taken from the key block (client/server_write_IV):
 * 4 for AES-256-GCM (the salt), 12 for ChaCha20-Poly1305; 0 if unknown. */
size_t ts_aead_fixed_iv_len(ts_aead_alg alg);

/* Length of the explicit nonce sent in each record: 8 for AES-256-GCM,
 * 0 for ChaCha20-Poly1305. */
size_t ts_aead_explicit_nonce_len(ts_aead_alg alg);

/* Builds the 12-byte nonce of record number seq.
 * AES-256-GCM (RFC 5288 §3): fixed_iv (4-byte salt) || explicit_nonce (8);
 *   when explicit_nonce is NULL, seq in big-endian is used as the explicit
 *   nonce (what OpenSSL sends). ChaCha20-Poly1305 (RFC 7905 §2): fixed_iv
 *   (12) XOR (4 zero bytes || seq big-endian); explicit_nonce is ignored. */
ts_err ts_aead_nonce(ts_aead_alg alg, const uint8_t *fixed_iv, uint64_t seq,
                     const uint8_t *explicit_nonce, uint8_t nonce[TS_AEAD_NONCE_LEN]);

/* Writes the TLS 1.2 additional data (RFC 5246 §6.2.3.3):
 * seq_num (8, big-endian) || type (1) || version (2) || length (2), where
 * length is that of the plaintext. Cannot fail. */
ts_err ts_aead_additional_data(uint64_t seq, uint8_t type, uint16_t version, uint16_t length,
                               uint8_t aad[TS_AEAD_AAD_LEN]);

/* Encrypts n bytes of plain and authenticates them with aad: out receives
 * n + 16 bytes, the ciphertext then the tag. out may be plain itself (in
 * place) but must not overlap it otherwise. TS_ERR_TOO_LONG when n exceeds
 * what the cipher allows. */
ts_err ts_aead_seal(ts_aead_alg alg, const uint8_t key[TS_AEAD_KEY_LEN],
                    const uint8_t nonce[TS_AEAD_NONCE_LEN], const uint8_t *aad, size_t aad_len,
                    const uint8_t *plain, size_t n, uint8_t *out);

/* Checks the tag of in (ciphertext then 16-byte tag, in_len bytes in all)
 * and decrypts it: out receives in_len - 16 bytes. TS_ERR_SHORT when in_len
 * < 16; TS_ERR_DECRYPT when the tag does not verify, and then out holds
 * only zeros. out may be in itself (in place). */
ts_err ts_aead_open(ts_aead_alg alg, const uint8_t key[TS_AEAD_KEY_LEN],
                    const uint8_t nonce[TS_AEAD_NONCE_LEN], const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, size_t in_len, uint8_t *out);

#endif
