/* ts_bleich_trim: trimming M0 (Bardou et al., CRYPTO 2012, 4.1).
 * If m0 and m0 u / t mod n are both conforming (u, t coprime, 2/3 < u/t <
 * 3/2, u and t <= n / 3B), then m0 u = y t exactly: t divides m0, and
 * 2B t / u <= m0 < 3B t / u. */
#include "crypto/attack/ts_bleich_trim.h"

#include "crypto/attack/ts_bleich_batch.h"

#define TRIM_T 16   /* trimmers u/t, u = t -+ 1, for 3 <= t <= TRIM_T */
#define TRIM_P 4096 /* then divisors t' p of m0 for the primes p < TRIM_P */

/* cand[i] = u / t mod n; false when t has no inverse. */
static bool trimmer(ts_bleich_state *st, size_t i, unsigned long u, unsigned long t)
{
    mpz_set_ui(st->t1, t);
    if (mpz_invert(st->cand[i], st->t1, st->n) == 0) {
        return false;
    }
    mpz_mul_ui(st->cand[i], st->cand[i], u);
    mpz_mod(st->cand[i], st->cand[i], st->n);
    return true;
}

static unsigned long gcd_ul(unsigned long a, unsigned long b)
{
    while (b != 0) {
        unsigned long r = a % b;
        a = b;
        b = r;
    }
    return a;
}

/* Phase A: u = t - 1 and t + 1 for small t; *tp = the lcm of the t found. */
static ts_err trim_small(ts_bleich_state *st, unsigned long cap, unsigned long *tp)
{
    unsigned long us[2 * TRIM_T], ts[2 * TRIM_T];
    size_t all = 0;
    for (unsigned long t = 3; t <= TRIM_T && t <= cap; t++) {
        for (unsigned long u = t - 1; u <= t + 1; u += 2) {
            if (3 * u > 2 * t && 2 * u < 3 * t && gcd_ul(u, t) == 1) {
                us[all] = u;
                ts[all++] = t;
            }
        }
    }
    for (size_t from = 0; from < all; from += TS_BLEICH_BATCH) {
        size_t n = 0, idx[TS_BLEICH_BATCH];
        for (size_t i = from; i < all && i < from + TS_BLEICH_BATCH; i++) {
            if (trimmer(st, n, us[i], ts[i])) {
                idx[n++] = i;
            }
        }
        TS_GUARD(ts_bleich_batch(st, st->c0, n));
        for (size_t i = 0; i < n; i++) {
            unsigned long t = ts[idx[i]], l = *tp / gcd_ul(*tp, t) * t;
            if (st->ans[i] && l <= cap) {
                *tp = l;
            }
        }
    }
    return TS_OK;
}

static bool is_prime(unsigned long p)
{
    for (unsigned long d = 2; d * d <= p; d++) {
        if (p % d == 0) {
            return false;
        }
    }
    return p >= 2;
}

/* Phase B: does t' p divide m0 (u = t' p - 1)? For each prime p < TRIM_P,
 * again while it does; *tp grows. */
static ts_err trim_primes(ts_bleich_state *st, unsigned long cap, unsigned long *tp)
{
    unsigned long again[TS_BLEICH_BATCH], ps[TS_BLEICH_BATCH], next = 2;
    size_t n_again = 0;
    while (n_again > 0 || next < TRIM_P) {
        size_t n = 0;
        for (size_t i = 0; i < n_again; i++) {
            ps[n++] = again[i];
        }
        n_again = 0;
        for (; n < TS_BLEICH_BATCH && next < TRIM_P; next++) {
            if (is_prime(next)) {
                ps[n++] = next;
            }
        }
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned long d = *tp * ps[i];
            if (d > 3 && d <= cap && trimmer(st, m, d - 1, d)) { /* 2/3 < u/t */
                ps[m++] = ps[i];
            }
        }
        if (m == 0) {
            continue;
        }
        TS_GUARD(ts_bleich_batch(st, st->c0, m));
        for (size_t i = 0; i < m; i++) {
            if (st->ans[i] && *tp * ps[i] <= cap) {
                *tp *= ps[i];
                again[n_again++] = ps[i];
            }
        }
    }
    return TS_OK;
}

/* With t' | m0: the smallest u (ulo) and the largest (uhi) with m0 u / t'
 * conforming, by two interleaved binary searches. */
static ts_err trim_bounds(ts_bleich_state *st, unsigned long tp, unsigned long *ulo,
                          unsigned long *uhi)
{
    /* lo[0] < u_min <= hi[0]; lo[1] <= u_max < hi[1] */
    unsigned long lo[2] = {2 * tp / 3, tp}, hi[2] = {tp, (3 * tp + 1) / 2}, mid[2];
    while (hi[0] - lo[0] > 1 || hi[1] - lo[1] > 1) {
        size_t n = 0;
        int which[2];
        for (int w = 0; w < 2; w++) {
            if (hi[w] - lo[w] > 1) {
                mid[w] = lo[w] + (hi[w] - lo[w]) / 2;
                TS_ENSURE(trimmer(st, n, mid[w], tp), TS_ERR_RSA_KEY);
                which[n++] = w;
            }
        }
        TS_GUARD(ts_bleich_batch(st, st->c0, n));
        for (size_t i = 0; i < n; i++) {
            int w = which[i];
            bool yes = st->ans[i];
            if (w == 0) {
                *(yes ? &hi[0] : &lo[0]) = mid[0];
            } else {
                *(yes ? &lo[1] : &hi[1]) = mid[1];
            }
        }
    }
    *ulo = hi[0];
    *uhi = lo[1];
    return TS_OK;
}

ts_err ts_bleich_trim(ts_bleich_state *st)
{
    /* u, t <= n / 3B, and u up to 3t'/2 in the binary search */
    mpz_fdiv_q(st->t1, st->n, st->B3);
    unsigned long ulim = mpz_fits_ulong_p(st->t1) ? mpz_get_ui(st->t1) : 1000000000UL;
    unsigned long cap = 2 * ulim / 3, tp = 1, ulo = 1, uhi = 1;
    if (cap < 3) {
        return TS_OK;
    }
    st->p.phase = N_("trim");
    ts_bleich_report(st);
    TS_GUARD(trim_small(st, cap, &tp));
    TS_GUARD(trim_primes(st, cap, &tp));
    if (tp < 3) {
        return TS_OK; /* no trimmer found: M0 stays */
    }
    TS_GUARD(trim_bounds(st, tp, &ulo, &uhi));
    mpz_t lo, hi, t;
    mpz_inits(lo, hi, t, NULL);
    /* x = m0 / t': 2B <= x ulo and x uhi < 3B ("yes"); with an exact
     * oracle also x (ulo - 1) < 2B and x (uhi + 1) >= 3B ("no") */
    mpz_cdiv_q_ui(lo, st->B2, ulo);
    mpz_sub_ui(hi, st->B3, 1);
    mpz_fdiv_q_ui(hi, hi, uhi);
    if (st->exact) {
        mpz_cdiv_q_ui(t, st->B3, uhi + 1);
        if (mpz_cmp(t, lo) > 0) {
            mpz_set(lo, t);
        }
        mpz_sub_ui(t, st->B2, 1);
        mpz_fdiv_q_ui(t, t, ulo - 1);
        if (mpz_cmp(t, hi) < 0) {
            mpz_set(hi, t);
        }
    }
    mpz_mul_ui(lo, lo, tp);
    mpz_mul_ui(hi, hi, tp);
    if (mpz_cmp(lo, st->m[0].a) > 0) {
        mpz_set(st->m[0].a, lo);
    }
    if (mpz_cmp(hi, st->m[0].b) < 0) {
        mpz_set(st->m[0].b, hi);
    }
    mpz_clears(lo, hi, t, NULL);
    TS_ENSURE(mpz_cmp(st->m[0].a, st->m[0].b) <= 0, TS_ERR_PADDING); /* an oracle that lied */
    ts_bleich_report(st);
    return TS_OK;
}
