/* ts_aead: AES-256-GCM and ChaCha20-Poly1305 for TLS 1.2 records, on
 * libsodium's detached AEAD calls. */
#include "crypto/ts_aead.h"

#include <string.h>

#include <sodium.h>

#include "crypto/ts_secret.h"

static bool alg_known(ts_aead_alg alg)
{
    return alg == TS_AEAD_AES256GCM || alg == TS_AEAD_CHACHA20POLY1305;
}

static void put_u64_be(uint8_t out[8], uint64_t v)
{
    for (size_t i = 0; i < 8; i++) {
        out[i] = (uint8_t)(v >> (56 - 8 * i));
    }
}

/* TS_OK when alg is known and can run here. */
static ts_err check_alg(ts_aead_alg alg)
{
    TS_ENSURE(alg_known(alg), TS_ERR_ARG);
    TS_ENSURE(ts_aead_available(alg), TS_ERR_AEAD_UNAVAILABLE);
    return TS_OK;
}

/* Longest message alg accepts. */
static size_t message_max(ts_aead_alg alg)
{
    if (alg == TS_AEAD_AES256GCM) {
        return crypto_aead_aes256gcm_messagebytes_max();
    }
    return crypto_aead_chacha20poly1305_ietf_messagebytes_max();
}

bool ts_aead_available(ts_aead_alg alg)
{
    if (alg == TS_AEAD_AES256GCM) {
        return crypto_aead_aes256gcm_is_available() == 1;
    }
    return alg == TS_AEAD_CHACHA20POLY1305;
}

const char *ts_aead_name(ts_aead_alg alg)
{
    switch (alg) {
    case TS_AEAD_AES256GCM:
        return "AES-256-GCM";
    case TS_AEAD_CHACHA20POLY1305:
        return "ChaCha20-Poly1305";
    }
    return "unknown";
}

size_t ts_aead_key_len(ts_aead_alg alg)
{
    return alg_known(alg) ? TS_AEAD_KEY_LEN : 0;
}

size_t ts_aead_tag_len(ts_aead_alg alg)
{
    return alg_known(alg) ? TS_AEAD_TAG_LEN : 0;
}

size_t ts_aead_fixed_iv_len(ts_aead_alg alg)
{
    switch (alg) {
    case TS_AEAD_AES256GCM:
        return 4;
    case TS_AEAD_CHACHA20POLY1305:
        return 12;
    }
    return 0;
}

size_t ts_aead_explicit_nonce_len(ts_aead_alg alg)
{
    return alg == TS_AEAD_AES256GCM ? TS_AEAD_EXPLICIT_LEN : 0;
}

ts_err ts_aead_nonce(ts_aead_alg alg, const uint8_t *fixed_iv, uint64_t seq,
                     const uint8_t *explicit_nonce, uint8_t nonce[TS_AEAD_NONCE_LEN])
{
    TS_ENSURE(alg_known(alg), TS_ERR_ARG);
    TS_ENSURE(fixed_iv != NULL && nonce != NULL, TS_ERR_ARG);
    uint8_t seq_be[8];
    put_u64_be(seq_be, seq);
    if (alg == TS_AEAD_AES256GCM) {
        /* RFC 5288 §3: GCMNonce.salt (4) || GCMNonce.nonce_explicit (8). */
        memcpy(nonce, fixed_iv, 4);
        memcpy(nonce + 4, explicit_nonce != NULL ? explicit_nonce : seq_be, 8);
        return TS_OK;
    }
    /* RFC 7905 §2: the 64-bit sequence number, big-endian and left-padded
     * with zeros to 12 bytes, XORed with client/server_write_IV. */
    memcpy(nonce, fixed_iv, TS_AEAD_NONCE_LEN);
    for (size_t i = 0; i < 8; i++) {
        nonce[4 + i] ^= seq_be[i];
    }
    return TS_OK;
}

ts_err ts_aead_additional_data(uint64_t seq, uint8_t type, uint16_t version, uint16_t length,
                               uint8_t aad[TS_AEAD_AAD_LEN])
{
    TS_ENSURE(aad != NULL, TS_ERR_ARG);
    put_u64_be(aad, seq);
    aad[8] = type;
    aad[9] = (uint8_t)(version >> 8);
    aad[10] = (uint8_t)version;
    aad[11] = (uint8_t)(length >> 8);
    aad[12] = (uint8_t)length;
    return TS_OK;
}

ts_err ts_aead_seal(ts_aead_alg alg, const uint8_t key[TS_AEAD_KEY_LEN],
                    const uint8_t nonce[TS_AEAD_NONCE_LEN], const uint8_t *aad, size_t aad_len,
                    const uint8_t *plain, size_t n, uint8_t *out)
{
    TS_GUARD(check_alg(alg));
    TS_ENSURE(key != NULL && nonce != NULL && out != NULL, TS_ERR_ARG);
    TS_ENSURE(plain != NULL || n == 0, TS_ERR_ARG);
    TS_ENSURE(aad != NULL || aad_len == 0, TS_ERR_ARG);
    TS_ENSURE(n <= message_max(alg), TS_ERR_TOO_LONG);
    int rc;
    if (alg == TS_AEAD_AES256GCM) {
        rc = crypto_aead_aes256gcm_encrypt_detached(out, out + n, NULL, plain, n, aad, aad_len,
                                                    NULL, nonce, key);
    } else {
        rc = crypto_aead_chacha20poly1305_ietf_encrypt_detached(out, out + n, NULL, plain, n,
                                                                aad, aad_len, NULL, nonce, key);
    }
    TS_ENSURE(rc == 0, TS_ERR_ARG);
    return TS_OK;
}

ts_err ts_aead_open(ts_aead_alg alg, const uint8_t key[TS_AEAD_KEY_LEN],
                    const uint8_t nonce[TS_AEAD_NONCE_LEN], const uint8_t *aad, size_t aad_len,
                    const uint8_t *in, size_t in_len, uint8_t *out)
{
    TS_GUARD(check_alg(alg));
    TS_ENSURE(key != NULL && nonce != NULL && in != NULL, TS_ERR_ARG);
    TS_ENSURE(aad != NULL || aad_len == 0, TS_ERR_ARG);
    TS_ENSURE(in_len >= TS_AEAD_TAG_LEN, TS_ERR_SHORT);
    size_t n = in_len - TS_AEAD_TAG_LEN;
    TS_ENSURE(out != NULL || n == 0, TS_ERR_ARG);
    TS_ENSURE(n <= message_max(alg), TS_ERR_TOO_LONG);
    const uint8_t *tag = in + n;
    uint8_t dummy = 0;
    uint8_t *dst = out != NULL ? out : &dummy;
    int rc;
    if (alg == TS_AEAD_AES256GCM) {
        rc = crypto_aead_aes256gcm_decrypt_detached(dst, NULL, in, n, tag, aad, aad_len, nonce,
                                                    key);
    } else {
        rc = crypto_aead_chacha20poly1305_ietf_decrypt_detached(dst, NULL, in, n, tag, aad,
                                                                aad_len, nonce, key);
    }
    if (rc != 0) {
        ts_secret_wipe(out, n);
        return TS_ERR_DECRYPT;
    }
    return TS_OK;
}
