/* ts_weakkey: the weak RSA keys of the exercises, drawn from a ts_rng so
 * the same seed gives the same key: close primes (Fermat), two keys sharing
 * a prime (GCD), e = 3 (the cube-root forgery) and tiny textbook keys.
 * Functions return ts_err; keys are freed with ts_rsa_free. */
#ifndef TS_WEAKKEY_H
#define TS_WEAKKEY_H

#include "base/ts_err.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"

/* The default gap of ts_weakkey_close_primes, as a number of bits over
 * bits/4 (about 7,000 Fermat steps at any size, EXERCISES.md). */
#define TS_WEAKKEY_GAP_OVER 8

/* A key of bits bits (even, 512..4096), e = 65537, whose primes are close:
 * p is a random prime of bits/2 bits (top two bits set), q the next usable
 * prime after p + g, g a random number of exactly gap_bits bits
 * (1 <= gap_bits < bits/2 - 8). |p - q| < 2^(gap_bits + 1). */
ts_err ts_weakkey_close_primes(ts_rng *rng, unsigned bits, unsigned gap_bits, ts_rsa_key **out);

/* Two keys of bits bits (even, 512..4096), e = 65537, n_a = p q_a and
 * n_b = p q_b sharing the prime p ("Mining your Ps and Qs"). */
ts_err ts_weakkey_shared_prime(ts_rng *rng, unsigned bits, ts_rsa_key **a, ts_rsa_key **b);

/* A key of bits bits with e = 3 (the CA key of the e=3 exercise). */
ts_err ts_weakkey_e3(ts_rng *rng, unsigned bits, ts_rsa_key **out);

/* A textbook key small enough to work by hand: bits 16..64, e = 65537
 * when it is usable, else 17, else 3. */
ts_err ts_weakkey_tiny(ts_rng *rng, unsigned bits, ts_rsa_key **out);

#endif
