/* ts_weakkey: weak RSA keys for the exercises (arithmetic in ts_rsa_math). */
#include "crypto/attack/ts_weakkey.h"

#include <string.h>

#include "crypto/attack/ts_rsa_math.h"
#include "crypto/ts_secret.h"

#define E_DEFAULT 65537UL
/* Candidate keys tried before giving up (ts_rsa_from_factors refusing one). */
#define MAX_TRIES 64

/* A random number of exactly bits bits into out (top_two: the top two bits set). */
static ts_err draw(ts_rng *rng, unsigned bits, bool top_two, ts_buf *out)
{
    size_t n = (bits + 7) / 8;
    uint8_t buf[TS_RSA_MAX_LEN];
    TS_ENSURE(n > 0 && n <= sizeof(buf), TS_ERR_ARG);
    ts_rng_bytes(rng, buf, n);
    unsigned extra = (unsigned)(n * 8 - bits);
    buf[0] &= (uint8_t)(0xFF >> extra);
    unsigned top = 7 - extra; /* bit index of the top bit in buf[0] */
    buf[0] |= (uint8_t)(1u << top);
    if (top_two) {
        if (top > 0) {
            buf[0] |= (uint8_t)(1u << (top - 1));
        } else {
            buf[1] |= 0x80;
        }
    }
    ts_err err = ts_buf_write_bytes(out, buf, n);
    ts_secret_wipe(buf, sizeof(buf));
    return err;
}

/* The number of bits of the minimal big-endian number in b. */
static unsigned bit_length(const ts_buf *b)
{
    size_t i = 0;
    while (i < b->len && b->data[i] == 0) {
        i++;
    }
    if (i == b->len) {
        return 0;
    }
    unsigned top = 0;
    for (unsigned v = b->data[i]; v != 0; v >>= 1) {
        top++;
    }
    return (unsigned)((b->len - i - 1) * 8) + top;
}

/* A random prime of bits bits with its top two bits set, gcd(p-1, e) = 1. */
static ts_err prime(ts_rng *rng, unsigned bits, unsigned long e, ts_buf *out)
{
    for (int i = 0; i < MAX_TRIES; i++) {
        ts_buf start;
        ts_buf_init(&start);
        ts_err err = draw(rng, bits, true, &start);
        if (err == TS_OK) {
            ts_buf_reset(out);
            err = ts_rsa_math_next_prime(start.data, start.len, e, out);
        }
        ts_secret_free_buf(&start);
        TS_GUARD(err);
        if (bit_length(out) == bits) {
            return TS_OK; /* still bits bits (a carry past 2^bits is rare) */
        }
    }
    return TS_ERR_RSA_KEY;
}

static ts_err check_bits(unsigned bits)
{
    TS_ENSURE(bits >= 512 && bits <= TS_RSA_MAX_BITS && bits % 2 == 0, TS_ERR_RSA_SIZE);
    return TS_OK;
}

ts_err ts_weakkey_close_primes(ts_rng *rng, unsigned bits, unsigned gap_bits, ts_rsa_key **out)
{
    TS_GUARD(check_bits(bits));
    TS_ENSURE(gap_bits >= 1 && gap_bits + 8 < bits / 2, TS_ERR_ARG);
    ts_err err = TS_ERR_RSA_KEY;
    for (int i = 0; i < MAX_TRIES && err != TS_OK; i++) {
        ts_buf p, g, start, q;
        ts_buf_init(&p);
        ts_buf_init(&g);
        ts_buf_init(&start);
        ts_buf_init(&q);
        err = prime(rng, bits / 2, E_DEFAULT, &p);
        if (err == TS_OK) {
            err = draw(rng, gap_bits, false, &g);
        }
        if (err == TS_OK) {
            err = ts_rsa_math_add(p.data, p.len, g.data, g.len, &start);
        }
        if (err == TS_OK) {
            err = ts_rsa_math_next_prime(start.data, start.len, E_DEFAULT, &q);
        }
        if (err == TS_OK) {
            err = ts_rsa_from_factors(p.data, p.len, q.data, q.len, E_DEFAULT, out);
        }
        if (err == TS_OK && ts_rsa_bits(*out) != bits) {
            ts_rsa_free(*out);
            *out = NULL;
            err = TS_ERR_RSA_KEY;
        }
        ts_secret_free_buf(&p);
        ts_secret_free_buf(&g);
        ts_secret_free_buf(&start);
        ts_secret_free_buf(&q);
    }
    return err;
}

ts_err ts_weakkey_shared_prime(ts_rng *rng, unsigned bits, ts_rsa_key **a, ts_rsa_key **b)
{
    TS_GUARD(check_bits(bits));
    ts_err err = TS_ERR_RSA_KEY;
    for (int i = 0; i < MAX_TRIES && err != TS_OK; i++) {
        ts_buf p, qa, qb;
        ts_buf_init(&p);
        ts_buf_init(&qa);
        ts_buf_init(&qb);
        *a = *b = NULL;
        err = prime(rng, bits / 2, E_DEFAULT, &p);
        if (err == TS_OK) {
            err = prime(rng, bits / 2, E_DEFAULT, &qa);
        }
        if (err == TS_OK) {
            err = prime(rng, bits / 2, E_DEFAULT, &qb);
        }
        if (err == TS_OK) {
            err = ts_rsa_from_factors(p.data, p.len, qa.data, qa.len, E_DEFAULT, a);
        }
        if (err == TS_OK) {
            err = ts_rsa_from_factors(p.data, p.len, qb.data, qb.len, E_DEFAULT, b);
        }
        if (err == TS_OK && (ts_rsa_bits(*a) != bits || ts_rsa_bits(*b) != bits ||
                             ts_rsa_same_public(*a, *b))) {
            err = TS_ERR_RSA_KEY;
        }
        if (err != TS_OK) {
            ts_rsa_free(*a);
            ts_rsa_free(*b);
            *a = *b = NULL;
        }
        ts_secret_free_buf(&p);
        ts_secret_free_buf(&qa);
        ts_secret_free_buf(&qb);
    }
    return err;
}

ts_err ts_weakkey_e3(ts_rng *rng, unsigned bits, ts_rsa_key **out)
{
    return ts_rsa_generate(rng, bits, 3, out);
}

ts_err ts_weakkey_tiny(ts_rng *rng, unsigned bits, ts_rsa_key **out)
{
    TS_ENSURE(bits >= 16 && bits <= 64, TS_ERR_RSA_SIZE);
    static const unsigned long exps[] = {E_DEFAULT, 17, 3};
    ts_err err = TS_ERR_RSA_EXPONENT;
    for (size_t i = 0; i < sizeof(exps) / sizeof(exps[0]) && err != TS_OK; i++) {
        err = ts_rsa_generate(rng, bits, exps[i], out);
    }
    return err;
}
