/* ts_rsa: toy RSA on GMP. Keys are opaque (mpz_t never leaves ts_rsa.c);
 * numbers cross the interface as big-endian unsigned bytes. Functions that
 * can fail return ts_err. Sizes: generation 16..4096 bits; PKCS#1 v1.5 needs
 * enough room for its padding (TS_ERR_RSA_MSG_LEN otherwise). */
#ifndef TS_RSA_H
#define TS_RSA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"

#define TS_RSA_MIN_BITS 16
#define TS_RSA_MAX_BITS 4096
#define TS_RSA_MAX_LEN (TS_RSA_MAX_BITS / 8)

typedef struct ts_rsa_key ts_rsa_key;

/* The parts of a key, for export and display. */
typedef enum {
    TS_RSA_N, TS_RSA_E, TS_RSA_D, TS_RSA_P, TS_RSA_Q,
    TS_RSA_DP, TS_RSA_DQ, TS_RSA_QINV
} ts_rsa_part;

/* Generates a key with n of exactly bits bits, p and q of bits/2 and
 * bits - bits/2 bits, p != q, gcd(e, (p-1)(q-1)) = 1; e is 65537 or 3 (or any
 * odd e >= 3 small enough). Same rng state, same key. */
ts_err ts_rsa_generate(ts_rng *rng, unsigned bits, unsigned long e, ts_rsa_key **out);

/* Builds a private key from primes p, q and exponent e (checked: p, q > 1,
 * p != q, e invertible mod lcm(p-1, q-1)). Primality is checked too. */
ts_err ts_rsa_from_factors(const uint8_t *p, size_t p_len, const uint8_t *q, size_t q_len,
                           unsigned long e, ts_rsa_key **out);

/* Builds a public key from modulus and exponent. */
ts_err ts_rsa_from_public(const uint8_t *n, size_t n_len, const uint8_t *e, size_t e_len,
                          ts_rsa_key **out);

/* Returns a new public-only copy of k (NULL when out of memory). */
ts_rsa_key *ts_rsa_public_copy(const ts_rsa_key *k);

/* Wipes and frees k (NULL is fine). */
void ts_rsa_free(ts_rsa_key *k);

/* Size of the modulus in bits, and in bytes (the length of every
 * ciphertext and signature). */
unsigned ts_rsa_bits(const ts_rsa_key *k);
size_t ts_rsa_len(const ts_rsa_key *k);

/* True when k holds the private parts. */
bool ts_rsa_is_private(const ts_rsa_key *k);

/* Appends part of k, big-endian and minimal (at least one byte), to out;
 * TS_ERR_RSA_KEY when a private part is asked of a public key. */
ts_err ts_rsa_get(const ts_rsa_key *k, ts_rsa_part part, ts_buf *out);

/* True when a and b have the same modulus and public exponent. */
bool ts_rsa_same_public(const ts_rsa_key *a, const ts_rsa_key *b);

/* Textbook RSA: out = in^e mod n (public) or in^d mod n (private, CRT).
 * in is a big-endian integer that must be < n (TS_ERR_RSA_RANGE);
 * out receives exactly ts_rsa_len(k) bytes. */
ts_err ts_rsa_public_raw(const ts_rsa_key *k, const uint8_t *in, size_t in_len, uint8_t *out);
ts_err ts_rsa_private_raw(const ts_rsa_key *k, const uint8_t *in, size_t in_len, uint8_t *out);

/* DER encodings: PKCS#1 RSAPrivateKey, PKCS#1 RSAPublicKey and X.509
 * SubjectPublicKeyInfo (rsaEncryption), appended to out. */
ts_err ts_rsa_to_private_der(const ts_rsa_key *k, ts_buf *out);
ts_err ts_rsa_to_public_der(const ts_rsa_key *k, ts_buf *out);
ts_err ts_rsa_to_spki_der(const ts_rsa_key *k, ts_buf *out);

/* Parses the encodings above (also PKCS#8 PrivateKeyInfo wrapping an RSA
 * key, as `openssl genpkey` writes). Trailing bytes are an error. */
ts_err ts_rsa_from_private_der(const uint8_t *der, size_t n, ts_rsa_key **out);
ts_err ts_rsa_from_spki_der(const uint8_t *der, size_t n, ts_rsa_key **out);

/* Reads a PEM text holding "RSA PRIVATE KEY", "PRIVATE KEY", "PUBLIC KEY"
 * or "RSA PUBLIC KEY"; the first such block is used. */
ts_err ts_rsa_from_pem(const char *pem, ts_rsa_key **out);

/* Appends the PEM "RSA PRIVATE KEY" (private) or "PUBLIC KEY" (SPKI). */
ts_err ts_rsa_to_private_pem(const ts_rsa_key *k, ts_buf *out);
ts_err ts_rsa_to_public_pem(const ts_rsa_key *k, ts_buf *out);

#endif
