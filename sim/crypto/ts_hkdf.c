/* ts_hkdf: HKDF (RFC 5869) and HKDF-Expand-Label / Derive-Secret (RFC 8446
 * §7.1). */
#include "crypto/ts_hkdf.h"

#include <stdbool.h>
#include <string.h>

#include "crypto/ts_secret.h"

static bool alg_known(ts_hash_alg alg)
{
    return alg == TS_HASH_SHA256 || alg == TS_HASH_SHA384 || alg == TS_HASH_SHA512;
}

ts_err ts_hkdf_extract(ts_hash_alg alg, const uint8_t *salt, size_t salt_len,
                       const uint8_t *ikm, size_t ikm_len, uint8_t *prk)
{
    TS_ENSURE(alg_known(alg), TS_ERR_HASH);
    TS_ENSURE(salt != NULL || salt_len == 0, TS_ERR_ARG);
    TS_ENSURE(ikm != NULL || ikm_len == 0, TS_ERR_ARG);
    TS_ENSURE(prk != NULL, TS_ERR_ARG);
    static const uint8_t zeros[TS_HASH_MAX_LEN] = {0};
    if (salt_len == 0) {
        salt = zeros;
        salt_len = ts_hash_len(alg);
    }
    ts_hmac(alg, salt, salt_len, ikm, ikm_len, prk);
    return TS_OK;
}

ts_err ts_hkdf_expand(ts_hash_alg alg, const uint8_t *prk, size_t prk_len,
                      const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len)
{
    TS_ENSURE(alg_known(alg), TS_ERR_HASH);
    TS_ENSURE(prk != NULL || prk_len == 0, TS_ERR_ARG);
    TS_ENSURE(info != NULL || info_len == 0, TS_ERR_ARG);
    TS_ENSURE(out != NULL || out_len == 0, TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    TS_ENSURE(out_len <= 255 * hlen, TS_ERR_TOO_LONG);

    ts_hmac_ctx keyed, c;
    ts_hmac_init(&keyed, alg, prk, prk_len);
    uint8_t t[TS_HASH_MAX_LEN];
    size_t t_len = 0, done = 0;
    for (uint8_t i = 1; done < out_len; i++) {
        c = keyed;
        ts_hmac_update(&c, t, t_len);
        ts_hmac_update(&c, info, info_len);
        ts_hmac_update(&c, &i, 1);
        ts_hmac_final(&c, t);
        t_len = hlen;
        size_t take = out_len - done < hlen ? out_len - done : hlen;
        memcpy(out + done, t, take);
        done += take;
    }
    ts_secret_wipe(&keyed, sizeof(keyed));
    ts_secret_wipe(&c, sizeof(c));
    ts_secret_wipe(t, sizeof(t));
    return TS_OK;
}

ts_err ts_hkdf_label(const char *label, const uint8_t *context, size_t context_len,
                     size_t out_len, uint8_t *out, size_t *n)
{
    static const char prefix[] = "tls13 ";
    TS_ENSURE(label != NULL && out != NULL && n != NULL, TS_ERR_ARG);
    TS_ENSURE(context != NULL || context_len == 0, TS_ERR_ARG);
    size_t plen = sizeof(prefix) - 1, llen = strlen(label);
    TS_ENSURE(llen > 0, TS_ERR_ARG); /* label<7..255>: "tls13 " and at least one byte */
    TS_ENSURE(plen + llen <= 255 && context_len <= 255 && out_len <= 0xffff, TS_ERR_TOO_LONG);
    size_t k = 0;
    out[k++] = (uint8_t)(out_len >> 8);
    out[k++] = (uint8_t)out_len;
    out[k++] = (uint8_t)(plen + llen);
    memcpy(out + k, prefix, plen);
    k += plen;
    memcpy(out + k, label, llen);
    k += llen;
    out[k++] = (uint8_t)context_len;
    if (context_len > 0) {
        memcpy(out + k, context, context_len);
        k += context_len;
    }
    *n = k;
    return TS_OK;
}

ts_err ts_hkdf_expand_label(ts_hash_alg alg, const uint8_t *secret, size_t secret_len,
                            const char *label, const uint8_t *context, size_t context_len,
                            uint8_t *out, size_t out_len)
{
    uint8_t info[TS_HKDF_LABEL_MAX];
    size_t info_len;
    TS_GUARD(ts_hkdf_label(label, context, context_len, out_len, info, &info_len));
    return ts_hkdf_expand(alg, secret, secret_len, info, info_len, out, out_len);
}

ts_err ts_hkdf_derive_secret(ts_hash_alg alg, const uint8_t *secret, const char *label,
                             const uint8_t *transcript_hash, uint8_t *out)
{
    TS_ENSURE(alg_known(alg), TS_ERR_HASH);
    TS_ENSURE(secret != NULL && transcript_hash != NULL, TS_ERR_ARG);
    size_t hlen = ts_hash_len(alg);
    return ts_hkdf_expand_label(alg, secret, hlen, label, transcript_hash, hlen, out, hlen);
}
