/* ts_rsa_pkcs1: PKCS#1 v1.5 padding, encryption and signatures, on bytes;
 * the numbers stay in ts_rsa.c. */
#include "crypto/ts_rsa_pkcs1.h"

#include <string.h>

#include "crypto/ts_der.h"
#include "crypto/ts_secret.h"

/* --- PKCS#1 v1.5 encryption ---
 *
 *   EM = 00 02 PS 00 M     PS: k - 3 - |M| >= 8 non-zero random bytes */

#define PKCS1_MIN_PAD 8

/* Fills n bytes with non-zero random bytes: zeros are redrawn. */
static void nonzero_random(ts_rng *rng, uint8_t *out, size_t n)
{
    ts_rng_bytes(rng, out, n);
    uint8_t redraw[64];
    for (;;) {
        size_t zeros = 0;
        for (size_t i = 0; i < n; i++) {
            zeros += out[i] == 0;
        }
        if (zeros == 0) {
            break;
        }
        size_t m = zeros < sizeof(redraw) ? zeros : sizeof(redraw);
        ts_rng_bytes(rng, redraw, m);
        size_t used = 0;
        for (size_t i = 0; i < n && used < m; i++) {
            if (out[i] == 0) {
                out[i] = redraw[used++];
            }
        }
    }
    ts_secret_wipe(redraw, sizeof(redraw));
}

ts_err ts_rsa_encrypt(const ts_rsa_key *k, ts_rng *rng, const uint8_t *msg, size_t msg_len,
                      uint8_t *out)
{
    TS_ENSURE(k != NULL && rng != NULL && out != NULL && (msg != NULL || msg_len == 0),
              TS_ERR_ARG);
    TS_ENSURE(ts_rsa_len(k) >= 3 + PKCS1_MIN_PAD && msg_len <= ts_rsa_len(k) - 3 - PKCS1_MIN_PAD,
              TS_ERR_RSA_MSG_LEN);
    uint8_t em[TS_RSA_MAX_LEN];
    size_t ps = ts_rsa_len(k) - 3 - msg_len;
    em[0] = 0x00;
    em[1] = 0x02;
    nonzero_random(rng, em + 2, ps);
    em[2 + ps] = 0x00;
    if (msg_len > 0) {
        memcpy(em + 3 + ps, msg, msg_len);
    }
    ts_err err = ts_rsa_public_raw(k, em, ts_rsa_len(k), out);
    ts_secret_wipe(em, sizeof(em));
    return err;
}

ts_err ts_rsa_decrypt(const ts_rsa_key *k, const uint8_t *ct, size_t ct_len, ts_buf *msg)
{
    TS_ENSURE(k != NULL && ct != NULL && msg != NULL, TS_ERR_ARG);
    TS_ENSURE(ts_rsa_is_private(k), TS_ERR_RSA_KEY);
    TS_ENSURE(ct_len == ts_rsa_len(k), TS_ERR_RSA_RANGE);
    uint8_t em[TS_RSA_MAX_LEN];
    TS_GUARD(ts_rsa_private_raw(k, ct, ct_len, em));
    ts_buf r;
    ts_buf_view(&r, em, ts_rsa_len(k));
    uint8_t b0 = 1;
    uint8_t b1 = 0;
    uint8_t byte = 1;
    size_t ps = 0;
    ts_err err = ts_buf_read_u8(&r, &b0);
    if (err == TS_OK) {
        err = ts_buf_read_u8(&r, &b1);
    }
    while (err == TS_OK && (err = ts_buf_read_u8(&r, &byte)) == TS_OK && byte != 0) {
        ps++;
    }
    if (err != TS_OK || b0 != 0x00 || b1 != 0x02 || ps < PKCS1_MIN_PAD) {
        err = TS_ERR_PADDING;
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(msg, ts_buf_cursor(&r), ts_buf_remaining(&r));
    }
    ts_secret_wipe(em, sizeof(em));
    return err;
}

/* --- PKCS#1 v1.5 signatures ---
 *
 *   EM = 00 01 FF..FF 00 DigestInfo    (at least 8 FF)
 *   DigestInfo ::= SEQUENCE { SEQUENCE { OID hash, NULL }, OCTET STRING H }
 * The DER prefixes are those of RFC 8017 section 9.2, note 1. */

static const uint8_t DI_SHA256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t DI_SHA384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t DI_SHA512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

static ts_err digest_info(ts_hash_alg alg, const uint8_t **prefix, size_t *prefix_len,
                          size_t *hash_len, const ts_der_oid **oid)
{
    switch (alg) {
    case TS_HASH_SHA256:
        *prefix = DI_SHA256;
        *prefix_len = sizeof(DI_SHA256);
        *hash_len = TS_SHA256_LEN;
        *oid = &TS_OID_SHA256;
        return TS_OK;
    case TS_HASH_SHA384:
        *prefix = DI_SHA384;
        *prefix_len = sizeof(DI_SHA384);
        *hash_len = TS_SHA384_LEN;
        *oid = &TS_OID_SHA384;
        return TS_OK;
    case TS_HASH_SHA512:
        *prefix = DI_SHA512;
        *prefix_len = sizeof(DI_SHA512);
        *hash_len = TS_SHA512_LEN;
        *oid = &TS_OID_SHA512;
        return TS_OK;
    }
    return TS_ERR_HASH;
}

/* Builds the k-byte type-1 block for digest into em. */
static ts_err sig_block(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest, uint8_t *em)
{
    const uint8_t *prefix;
    size_t prefix_len;
    size_t hash_len;
    const ts_der_oid *oid;
    TS_GUARD(digest_info(alg, &prefix, &prefix_len, &hash_len, &oid));
    size_t t_len = prefix_len + hash_len;
    TS_ENSURE(ts_rsa_len(k) >= t_len + 3 + PKCS1_MIN_PAD, TS_ERR_RSA_MSG_LEN);
    size_t ps = ts_rsa_len(k) - 3 - t_len;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xFF, ps);
    em[2 + ps] = 0x00;
    memcpy(em + 3 + ps, prefix, prefix_len);
    memcpy(em + 3 + ps + prefix_len, digest, hash_len);
    return TS_OK;
}

ts_err ts_rsa_sign(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest, uint8_t *out)
{
    TS_ENSURE(k != NULL && digest != NULL && out != NULL, TS_ERR_ARG);
    TS_ENSURE(ts_rsa_is_private(k), TS_ERR_RSA_KEY);
    uint8_t em[TS_RSA_MAX_LEN];
    TS_GUARD(sig_block(k, alg, digest, em));
    return ts_rsa_private_raw(k, em, ts_rsa_len(k), out);
}

/* Recovers the block sig^e mod n into em (k bytes). */
static ts_err open_signature(const ts_rsa_key *k, const uint8_t *sig, size_t sig_len, uint8_t *em)
{
    TS_ENSURE(sig_len == ts_rsa_len(k), TS_ERR_SIGNATURE);
    TS_ENSURE(ts_rsa_public_raw(k, sig, sig_len, em) == TS_OK, TS_ERR_SIGNATURE);
    return TS_OK;
}

ts_err ts_rsa_verify(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest,
                     const uint8_t *sig, size_t sig_len)
{
    TS_ENSURE(k != NULL && digest != NULL && sig != NULL, TS_ERR_ARG);
    uint8_t want[TS_RSA_MAX_LEN];
    uint8_t got[TS_RSA_MAX_LEN];
    TS_GUARD(sig_block(k, alg, digest, want));
    TS_GUARD(open_signature(k, sig, sig_len, got));
    return ts_secret_equal(want, got, ts_rsa_len(k)) ? TS_OK : TS_ERR_SIGNATURE;
}

ts_err ts_rsa_verify_lax(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest,
                         const uint8_t *sig, size_t sig_len)
{
    TS_ENSURE(k != NULL && digest != NULL && sig != NULL, TS_ERR_ARG);
    const uint8_t *prefix;
    size_t prefix_len;
    size_t hash_len;
    const ts_der_oid *oid;
    TS_GUARD(digest_info(alg, &prefix, &prefix_len, &hash_len, &oid));
    uint8_t em[TS_RSA_MAX_LEN];
    TS_GUARD(open_signature(k, sig, sig_len, em));
    ts_buf r;
    ts_buf_view(&r, em, ts_rsa_len(k));
    uint8_t b0;
    uint8_t b1;
    uint8_t byte = 0xFF;
    size_t ff = 0;
    TS_ENSURE(ts_buf_read_u8(&r, &b0) == TS_OK && b0 == 0x00, TS_ERR_SIGNATURE);
    TS_ENSURE(ts_buf_read_u8(&r, &b1) == TS_OK && b1 == 0x01, TS_ERR_SIGNATURE);
    while (ts_buf_read_u8(&r, &byte) == TS_OK && byte == 0xFF) {
        ff++;
    }
    TS_ENSURE(byte == 0x00 && ff >= PKCS1_MIN_PAD, TS_ERR_SIGNATURE);
    /* The flaw: parse one DigestInfo and never check what follows it. */
    ts_buf info;
    ts_buf alg_id;
    ts_buf alg_oid;
    ts_buf hash;
    TS_ENSURE(ts_der_read(&r, TS_DER_SEQUENCE, &info, NULL) == TS_OK, TS_ERR_SIGNATURE);
    TS_ENSURE(ts_der_read(&info, TS_DER_SEQUENCE, &alg_id, NULL) == TS_OK, TS_ERR_SIGNATURE);
    TS_ENSURE(ts_der_read_oid(&alg_id, &alg_oid) == TS_OK && ts_der_oid_equal(&alg_oid, oid),
              TS_ERR_SIGNATURE);
    TS_ENSURE(ts_der_read(&info, TS_DER_OCTET_STRING, &hash, NULL) == TS_OK &&
                  ts_buf_remaining(&hash) == hash_len,
              TS_ERR_SIGNATURE);
    return memcmp(ts_buf_cursor(&hash), digest, hash_len) == 0 ? TS_OK : TS_ERR_SIGNATURE;
}
