/* ts_hkdf: HKDF (RFC 5869) and the TLS 1.3 key schedule's functions built
 * on it (RFC 8446 §7.1): HKDF-Expand-Label with its "tls13 " labels and
 * Derive-Secret. The same calculator `tlsstep hkdf` and the TLS 1.3 trace
 * values use, so every derived value can be recomputed by hand.
 *
 * Every function returns ts_err: TS_ERR_HASH for an unknown hash, TS_ERR_ARG
 * for a NULL pointer with a non-zero length, TS_ERR_TOO_LONG for an output
 * longer than 255 hashes or a label or context longer than 255 bytes.
 * Outputs are written only on success; intermediate values are wiped. */
#ifndef TS_HKDF_H
#define TS_HKDF_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_hash.h"

/* Longest HkdfLabel: 2 + 1 + 255 + 1 + 255 bytes. */
#define TS_HKDF_LABEL_MAX 514

/* HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM): writes ts_hash_len(alg)
 * bytes to prk. An empty salt means HashLen zero bytes (RFC 5869 §2.2). */
ts_err ts_hkdf_extract(ts_hash_alg alg, const uint8_t *salt, size_t salt_len,
                       const uint8_t *ikm, size_t ikm_len, uint8_t *prk);

/* HKDF-Expand(PRK, info, L): T(1) | T(2) | ..., T(i) = HMAC(PRK, T(i-1) |
 * info | i), the first out_len (at most 255 * HashLen) bytes into out. */
ts_err ts_hkdf_expand(ts_hash_alg alg, const uint8_t *prk, size_t prk_len,
                      const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len);

/* The HkdfLabel structure (RFC 8446 §7.1) for label (without "tls13 "),
 * context and length out_len: uint16 length, opaque label<7..255> =
 * "tls13 " + label, opaque context<0..255>. Writes it to out (at least
 * TS_HKDF_LABEL_MAX bytes) and its length to *n: the info HKDF-Expand gets,
 * shown so a student can see the exact bytes. */
ts_err ts_hkdf_label(const char *label, const uint8_t *context, size_t context_len,
                     size_t out_len, uint8_t *out, size_t *n);

/* HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret,
 * HkdfLabel, Length). */
ts_err ts_hkdf_expand_label(ts_hash_alg alg, const uint8_t *secret, size_t secret_len,
                            const char *label, const uint8_t *context, size_t context_len,
                            uint8_t *out, size_t out_len);

/* Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label,
 * Transcript-Hash(Messages), Hash.length), given the transcript hash
 * (ts_hash_len(alg) bytes) already computed; out gets ts_hash_len(alg)
 * bytes. */
ts_err ts_hkdf_derive_secret(ts_hash_alg alg, const uint8_t *secret, const char *label,
                             const uint8_t *transcript_hash, uint8_t *out);

#endif
