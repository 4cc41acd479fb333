/* ts_rsa_math: integer arithmetic for the RSA exercises and attacks (GMP). */
#include "crypto/attack/ts_rsa_math.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

/* Rounds of mpz_probab_prime_p: Baillie-PSW plus Miller-Rabin rounds. */
#define PRIME_REPS 25

static void from_bytes(mpz_t x, const uint8_t *in, size_t n)
{
    if (n == 0) {
        mpz_set_ui(x, 0);
        return;
    }
    mpz_import(x, n, 1, 1, 0, 0, in);
}

/* Appends x (>= 0) to out: minimal when width is 0, else exactly width bytes. */
static ts_err to_buf(const mpz_t x, size_t width, ts_buf *out)
{
    size_t need = (mpz_sizeinbase(x, 2) + 7) / 8;
    if (mpz_sgn(x) == 0) {
        need = 0;
    }
    size_t len = width > 0 ? width : (need > 0 ? need : 1);
    TS_ENSURE(need <= len, TS_ERR_TOO_LONG);
    size_t at = 0;
    TS_GUARD(ts_buf_write_zeros(out, len, &at));
    if (need > 0) {
        size_t count = 0;
        mpz_export(out->data + at + (len - need), &count, 1, 1, 0, 0, x);
    }
    return TS_OK;
}

ts_err ts_rsa_math_mulmod(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                          const uint8_t *n, size_t n_len, size_t width, ts_buf *out)
{
    mpz_t x, y, m;
    mpz_inits(x, y, m, NULL);
    from_bytes(x, a, a_len);
    from_bytes(y, b, b_len);
    from_bytes(m, n, n_len);
    ts_err err = TS_ERR_ARG;
    if (mpz_sgn(m) != 0) {
        mpz_mul(x, x, y);
        mpz_mod(x, x, m);
        err = to_buf(x, width, out);
    }
    mpz_clears(x, y, m, NULL);
    return err;
}

ts_err ts_rsa_math_add(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                       ts_buf *out)
{
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    from_bytes(x, a, a_len);
    from_bytes(y, b, b_len);
    mpz_add(x, x, y);
    ts_err err = to_buf(x, 0, out);
    mpz_clears(x, y, NULL);
    return err;
}

ts_err ts_rsa_math_divexact(const uint8_t *n, size_t n_len, const uint8_t *d, size_t d_len,
                            ts_buf *out)
{
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    from_bytes(x, n, n_len);
    from_bytes(y, d, d_len);
    ts_err err = TS_ERR_ARG;
    if (mpz_sgn(y) != 0 && mpz_divisible_p(x, y)) {
        mpz_divexact(x, x, y);
        err = to_buf(x, 0, out);
    }
    mpz_clears(x, y, NULL);
    return err;
}

ts_err ts_rsa_math_gcd(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len,
                       ts_buf *out)
{
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    from_bytes(x, a, a_len);
    from_bytes(y, b, b_len);
    mpz_gcd(x, x, y);
    ts_err err = to_buf(x, 0, out);
    mpz_clears(x, y, NULL);
    return err;
}

int ts_rsa_math_cmp(const uint8_t *a, size_t a_len, const uint8_t *b, size_t b_len)
{
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    from_bytes(x, a, a_len);
    from_bytes(y, b, b_len);
    int c = mpz_cmp(x, y);
    mpz_clears(x, y, NULL);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool ts_rsa_math_is_factor(const uint8_t *d, size_t d_len, const uint8_t *n, size_t n_len)
{
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    from_bytes(x, d, d_len);
    from_bytes(y, n, n_len);
    bool ok = mpz_cmp_ui(x, 1) > 0 && mpz_cmp(x, y) < 0 && mpz_divisible_p(y, x);
    mpz_clears(x, y, NULL);
    return ok;
}

ts_err ts_rsa_math_next_prime(const uint8_t *start, size_t len, unsigned long e, ts_buf *out)
{
    mpz_t p, g;
    mpz_inits(p, g, NULL);
    from_bytes(p, start, len);
    mpz_sub_ui(p, p, mpz_sgn(p) > 0 ? 1 : 0);
    for (;;) {
        mpz_nextprime(p, p);
        if (e == 0) {
            break;
        }
        mpz_sub_ui(g, p, 1);
        if (mpz_gcd_ui(NULL, g, e) == 1) {
            break;
        }
    }
    ts_err err = to_buf(p, 0, out);
    mpz_clears(p, g, NULL);
    return err;
}

ts_err ts_rsa_math_root(const uint8_t *x, size_t x_len, unsigned k, bool round_up, ts_buf *out)
{
    TS_ENSURE(k >= 2, TS_ERR_ARG);
    mpz_t v, r;
    mpz_inits(v, r, NULL);
    from_bytes(v, x, x_len);
    int exact = mpz_root(r, v, k);
    if (round_up && !exact) {
        mpz_add_ui(r, r, 1);
    }
    ts_err err = to_buf(r, 0, out);
    mpz_clears(v, r, NULL);
    return err;
}

ts_err ts_rsa_math_fermat(const uint8_t *n, size_t n_len, uint64_t max_iter, ts_buf *p, ts_buf *q,
                          uint64_t *iters)
{
    mpz_t N, a, b2, b;
    mpz_inits(N, a, b2, b, NULL);
    from_bytes(N, n, n_len);
    ts_err err = TS_ERR_RSA_KEY;
    uint64_t i = 0;
    if (mpz_cmp_ui(N, 3) > 0 && mpz_odd_p(N)) {
        if (mpz_root(a, N, 2) == 0) {
            mpz_add_ui(a, a, 1);
        }
        /* b2 = a^2 - n, kept up to date: (a+1)^2 - a^2 = 2a + 1 */
        mpz_mul(b2, a, a);
        mpz_sub(b2, b2, N);
        for (i = 1; i <= max_iter; i++) {
            if (mpz_perfect_square_p(b2)) {
                mpz_sqrt(b, b2);
                mpz_sub(b2, a, b); /* p */
                if (mpz_cmp_ui(b2, 1) > 0) {
                    mpz_add(b, a, b); /* q */
                    err = to_buf(b2, 0, p);
                    if (err == TS_OK) {
                        err = to_buf(b, 0, q);
                    }
                }
                break;
            }
            mpz_addmul_ui(b2, a, 2);
            mpz_add_ui(b2, b2, 1);
            mpz_add_ui(a, a, 1);
        }
    }
    if (iters != NULL) {
        *iters = i > max_iter ? max_iter : i;
    }
    mpz_clears(N, a, b2, b, NULL);
    return err;
}
