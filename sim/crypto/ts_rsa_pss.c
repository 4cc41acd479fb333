/* ts_rsa_pss: RSASSA-PSS with MGF1 and a digest-length salt. */
#include "crypto/ts_rsa_pss.h"

#include <string.h>

#include "crypto/ts_secret.h"

ts_err ts_mgf1_xor(ts_hash_alg alg, const uint8_t *seed, size_t seed_len, uint8_t *out, size_t n)
{
    TS_ENSURE(seed != NULL && (out != NULL || n == 0), TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    TS_ENSURE(hlen > 0, TS_ERR_HASH);
    uint8_t t[TS_HASH_MAX_LEN];
    for (uint32_t counter = 0, done = 0; done < n; counter++) {
        uint8_t c[4] = {(uint8_t)(counter >> 24), (uint8_t)(counter >> 16),
                        (uint8_t)(counter >> 8), (uint8_t)counter};
        ts_hash_ctx h;
        ts_hash_init(&h, alg);
        ts_hash_update(&h, seed, seed_len);
        ts_hash_update(&h, c, sizeof(c));
        ts_hash_final(&h, t);
        for (size_t i = 0; i < hlen && done < n; i++) {
            out[done++] ^= t[i];
        }
    }
    ts_secret_wipe(t, sizeof(t));
    return TS_OK;
}

/* H = Hash(0x00 * 8 || mHash || salt) (RFC 8017 §9.1.1 steps 5-6). */
static void pss_hash(ts_hash_alg alg, const uint8_t *digest, const uint8_t *salt, uint8_t *h)
{
    static const uint8_t zeros[8] = {0};
    size_t hlen = ts_hash_len(alg);
    ts_hash_ctx c;
    ts_hash_init(&c, alg);
    ts_hash_update(&c, zeros, sizeof(zeros));
    ts_hash_update(&c, digest, hlen);
    ts_hash_update(&c, salt, hlen);
    ts_hash_final(&c, h);
}

/* emBits = modBits - 1; the encoded message fills the last emLen bytes of
 * the k-byte integer (a leading zero byte when emBits is a multiple of 8). */
static ts_err geometry(const ts_rsa_key *k, ts_hash_alg alg, size_t *em_len, unsigned *em_bits)
{
    TS_ENSURE(k != NULL, TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    TS_ENSURE(hlen > 0, TS_ERR_HASH);
    *em_bits = ts_rsa_bits(k) - 1;
    *em_len = (*em_bits + 7) / 8;
    TS_ENSURE(*em_len >= 2 * hlen + 2, TS_ERR_RSA_SIZE);
    return TS_OK;
}

ts_err ts_rsa_pss_sign(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest,
                       ts_rng *rng, const uint8_t *salt, uint8_t *out)
{
    TS_ENSURE(digest != NULL && out != NULL && (rng != NULL || salt != NULL), TS_ERR_ARG);
    size_t em_len;
    unsigned em_bits;
    TS_GUARD(geometry(k, alg, &em_len, &em_bits));
    size_t hlen = ts_hash_len(alg), klen = ts_rsa_len(k);
    uint8_t s[TS_HASH_MAX_LEN];
    if (salt != NULL) {
        memcpy(s, salt, hlen);
    } else {
        ts_rng_bytes(rng, s, hlen);
    }
    uint8_t em[TS_RSA_MAX_LEN] = {0};
    uint8_t *e = em + (klen - em_len);
    size_t db_len = em_len - hlen - 1;
    /* DB = PS (zeros) || 0x01 || salt, masked with MGF1(H) */
    e[db_len - hlen - 1] = 0x01;
    memcpy(e + db_len - hlen, s, hlen);
    pss_hash(alg, digest, s, e + db_len);
    ts_err err = ts_mgf1_xor(alg, e + db_len, hlen, e, db_len);
    if (err == TS_OK) {
        e[0] &= (uint8_t)(0xff >> (8 * em_len - em_bits));
        e[em_len - 1] = 0xbc;
        err = ts_rsa_private_raw(k, em, klen, out);
    }
    ts_secret_wipe(em, sizeof(em));
    ts_secret_wipe(s, sizeof(s));
    return err;
}

ts_err ts_rsa_pss_verify(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest,
                         const uint8_t *sig, size_t sig_len)
{
    TS_ENSURE(digest != NULL && sig != NULL, TS_ERR_ARG);
    size_t em_len;
    unsigned em_bits;
    TS_GUARD(geometry(k, alg, &em_len, &em_bits));
    size_t hlen = ts_hash_len(alg), klen = ts_rsa_len(k);
    if (sig_len != klen) {
        return TS_ERR_SIGNATURE;
    }
    uint8_t em[TS_RSA_MAX_LEN];
    if (ts_rsa_public_raw(k, sig, sig_len, em) != TS_OK) {
        return TS_ERR_SIGNATURE; /* s >= n */
    }
    const uint8_t *e0 = em + (klen - em_len);
    uint8_t e[TS_RSA_MAX_LEN];
    memcpy(e, e0, em_len);
    size_t db_len = em_len - hlen - 1;
    uint8_t top_mask = (uint8_t)(0xff << (8 - (8 * em_len - em_bits)));
    bool ok = (klen == em_len || em[0] == 0) && e[em_len - 1] == 0xbc &&
              (8 * em_len == em_bits || (e[0] & top_mask) == 0);
    if (ok && ts_mgf1_xor(alg, e + db_len, hlen, e, db_len) == TS_OK) {
        e[0] &= (uint8_t)(0xff >> (8 * em_len - em_bits));
        ok = ts_secret_is_zero(e, db_len - hlen - 1) && e[db_len - hlen - 1] == 0x01;
        uint8_t h[TS_HASH_MAX_LEN];
        pss_hash(alg, digest, e + db_len - hlen, h);
        ok = ts_secret_equal(h, e + db_len, hlen) && ok;
    } else {
        ok = false;
    }
    ts_secret_wipe(e, sizeof(e));
    return ok ? TS_OK : TS_ERR_SIGNATURE;
}
