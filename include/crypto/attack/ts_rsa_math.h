/* ts_rsa_math: the integer arithmetic of the RSA exercises and of the
 * attacks on them (layer 1, GMP inside; mpz_t never leaves ts_rsa_math.c).
 * Numbers cross the interface as big-endian unsigned bytes and are appended
 * to a ts_buf, minimal (at least one byte) unless a width is given.
 * Functions that can fail return ts_err. */
#ifndef TS_RSA_MATH_H
#define TS_RSA_MATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"

/* out = a * b mod n, written as exactly width bytes (width 0: minimal).
 * TS_ERR_ARG when n is 0, TS_ERR_TOO_LONG when it does not fit width. */
ts_err ts_rsa_math_mulmod(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                          const uint8_t *n, size_t n_len, size_t width, ts_buf *out);

/* out = a + b. */
ts_err ts_rsa_math_add(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                       ts_buf *out);

/* out = n / d for a d that divides n (TS_ERR_ARG otherwise). */
ts_err ts_rsa_math_divexact(const uint8_t *n, size_t n_len, const uint8_t *d, size_t d_len,
                            ts_buf *out);

/* out = gcd(a, b). */
ts_err ts_rsa_math_gcd(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                       ts_buf *out);

/* Compares a and b as integers: -1, 0 or 1. */
int ts_rsa_math_cmp(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len);

/* True when d divides n, 1 < d < n. */
bool ts_rsa_math_is_factor(const uint8_t *d, size_t d_len, const uint8_t *n, size_t n_len);

/* The smallest prime p >= start with gcd(p - 1, e) = 1 (e = 0: any). */
ts_err ts_rsa_math_next_prime(const uint8_t *start, size_t len, unsigned long e, ts_buf *out);

/* The integer k-th root of x (k >= 2), rounded down, or up when round_up. */
ts_err ts_rsa_math_root(const uint8_t *x, size_t x_len, unsigned k, bool round_up, ts_buf *out);

/* Fermat's method on an odd n = p q: a = ceil(sqrt(n)), a += 1 until
 * a^2 - n is a square b^2, then p = a - b, q = a + b. Gives up after
 * max_iter steps (TS_ERR_RSA_KEY). *iters (if not NULL) gets the number of
 * values of a tried (1 when the first one works). */
ts_err ts_rsa_math_fermat(const uint8_t *n, size_t n_len, uint64_t max_iter, ts_buf *p, ts_buf *q,
                          uint64_t *iters);

#endif
