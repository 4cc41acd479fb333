/* ts_rsa_pss: RSASSA-PSS (RFC 8017 §8.1, EMSA-PSS §9.1, MGF1 B.2.1) on the
 * toy RSA of ts_rsa, as TLS 1.3 signs: rsa_pss_rsae_sha256/384/512, MGF1
 * with the same hash, a salt as long as the digest (RFC 8446 §4.2.3).
 * Functions return ts_err; TS_ERR_RSA_SIZE when the modulus is too small
 * for the encoding (8 * (2 * hLen + 2) + 1 bits at least). */
#ifndef TS_RSA_PSS_H
#define TS_RSA_PSS_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"

/* MGF1(seed, n) with alg (RFC 8017 B.2.1): XORs the mask into out[0..n),
 * which is how EMSA-PSS uses it. */
ts_err ts_mgf1_xor(ts_hash_alg alg, const uint8_t *seed, size_t seed_len, uint8_t *out, size_t n);

/* Signs digest (ts_hash_len(alg) bytes) with a salt of the same length:
 * from rng, or the given salt when salt is not NULL (for known answers).
 * out gets ts_rsa_len(k) bytes. */
ts_err ts_rsa_pss_sign(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest,
                       ts_rng *rng, const uint8_t *salt, uint8_t *out);

/* Verifies sig over digest: every check of EMSA-PSS-VERIFY, the hash
 * compared in constant time; TS_ERR_SIGNATURE when any fails. */
ts_err ts_rsa_pss_verify(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest,
                         const uint8_t *sig, size_t sig_len);

#endif
