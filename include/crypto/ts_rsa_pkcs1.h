/* ts_rsa_pkcs1: PKCS#1 v1.5 (RFC 8017) on top of the raw RSA operations of
 * ts_rsa: encryption (block type 2), signatures (block type 1 with the
 * DigestInfo of SHA-256 or SHA-384), a strict verifier and the lax one of
 * CVE-2006-4339. Functions return ts_err. */
#ifndef TS_RSA_PKCS1_H
#define TS_RSA_PKCS1_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"

/* PKCS#1 v1.5 encryption (block type 2): out gets ts_rsa_len(k) bytes. */
ts_err ts_rsa_encrypt(const ts_rsa_key *k, ts_rng *rng, const uint8_t *msg, size_t msg_len,
                      uint8_t *out);

/* PKCS#1 v1.5 decryption: appends the message to msg; TS_ERR_PADDING when
 * the block is not 00 02 PS(>= 8 non-zero) 00 M. */
ts_err ts_rsa_decrypt(const ts_rsa_key *k, const uint8_t *ct, size_t ct_len, ts_buf *msg);

/* PKCS#1 v1.5 signature (block type 1) over a digest of alg with its
 * DigestInfo; out gets ts_rsa_len(k) bytes. */
ts_err ts_rsa_sign(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest, uint8_t *out);

/* Strict verification: re-encodes the expected block and compares all of
 * it; TS_ERR_SIGNATURE otherwise. */
ts_err ts_rsa_verify(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest,
                     const uint8_t *sig, size_t sig_len);

/* The lax verifier real libraries once shipped (CVE-2006-4339): checks
 * 00 01, skips FF bytes up to a 00, parses the DigestInfo and compares the
 * hash, ignoring whatever follows it. Kept for the e=3 exercise only. */
ts_err ts_rsa_verify_lax(const ts_rsa_key *k, ts_hash_alg alg, const uint8_t *digest,
                         const uint8_t *sig, size_t sig_len);

#endif
