/* ts_bleich_interval: the set M of Bleichenbacher's attack and its
 * narrowing: step 3 with each conforming s, and with an exact oracle the
 * cuts that step 2c's "no" answers make. */
#include "crypto/attack/ts_bleich_interval.h"

#include <stdlib.h>

ts_err ts_bleich_add_interval(ts_bleich_state *st, const mpz_t lo, const mpz_t hi)
{
    if (st->nm == st->cap) {
        size_t cap = st->cap == 0 ? 4 : st->cap * 2;
        ts_bleich_interval *m = realloc(st->m, cap * sizeof(*m));
        TS_ENSURE(m != NULL, TS_ERR_NOMEM);
        st->m = m;
        st->cap = cap;
    }
    mpz_init_set(st->m[st->nm].a, lo);
    mpz_init_set(st->m[st->nm].b, hi);
    st->nm++;
    return TS_OK;
}

void ts_bleich_clear_intervals(ts_bleich_interval *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mpz_clears(m[i].a, m[i].b, NULL);
    }
}

static int by_start(const void *x, const void *y)
{
    const ts_bleich_interval *a = x, *b = y;
    return mpz_cmp(a->a, b->a);
}

/* Sorts M and merges the intervals that overlap. */
static void merge(ts_bleich_state *st)
{
    if (st->nm < 2) {
        return;
    }
    qsort(st->m, st->nm, sizeof(*st->m), by_start);
    size_t out = 0;
    for (size_t i = 1; i < st->nm; i++) {
        if (mpz_cmp(st->m[i].a, st->m[out].b) <= 0) {
            if (mpz_cmp(st->m[i].b, st->m[out].b) > 0) {
                mpz_set(st->m[out].b, st->m[i].b);
            }
            mpz_clears(st->m[i].a, st->m[i].b, NULL);
        } else {
            out++;
            if (out != i) {
                st->m[out] = st->m[i];
            }
        }
    }
    st->nm = out + 1;
}

ts_err ts_bleich_narrow(ts_bleich_state *st, const mpz_t s)
{
    ts_bleich_interval *old = st->m;
    size_t n_old = st->nm;
    st->m = NULL;
    st->nm = st->cap = 0;
    mpz_t r, r_hi, t, lo, hi;
    mpz_inits(r, r_hi, t, lo, hi, NULL);
    ts_err err = TS_OK;
    for (size_t i = 0; i < n_old && err == TS_OK; i++) {
        /* r from ceil((a s - 3B + 1) / n) to floor((b s - 2B) / n) */
        mpz_mul(t, old[i].a, s);
        mpz_sub(t, t, st->B3);
        mpz_add_ui(t, t, 1);
        mpz_cdiv_q(r, t, st->n);
        mpz_mul(t, old[i].b, s);
        mpz_sub(t, t, st->B2);
        mpz_fdiv_q(r_hi, t, st->n);
        for (; mpz_cmp(r, r_hi) <= 0 && err == TS_OK; mpz_add_ui(r, r, 1)) {
            mpz_mul(t, r, st->n);
            mpz_add(t, t, st->B2);
            mpz_cdiv_q(lo, t, s);
            if (mpz_cmp(lo, old[i].a) < 0) {
                mpz_set(lo, old[i].a);
            }
            mpz_mul(t, r, st->n);
            mpz_add(t, t, st->B3);
            mpz_sub_ui(t, t, 1);
            mpz_fdiv_q(hi, t, s);
            if (mpz_cmp(hi, old[i].b) > 0) {
                mpz_set(hi, old[i].b);
            }
            if (mpz_cmp(lo, hi) <= 0) {
                err = ts_bleich_add_interval(st, lo, hi);
            }
        }
    }
    mpz_clears(r, r_hi, t, lo, hi, NULL);
    ts_bleich_clear_intervals(old, n_old);
    free(old);
    merge(st);
    TS_ENSURE(err != TS_OK || st->nm > 0, TS_ERR_PADDING); /* an oracle that lied */
    return err;
}

void ts_bleich_exclude(ts_bleich_state *st, const mpz_t s)
{
    ts_bleich_interval *iv = &st->m[0];
    mpz_t r, r_hi, lo, hi;
    mpz_inits(r, r_hi, lo, hi, NULL);
    mpz_mul(r, iv->a, s);
    mpz_sub(r, r, st->B3);
    mpz_add_ui(r, r, 1);
    mpz_cdiv_q(r, r, st->n);
    mpz_mul(r_hi, iv->b, s);
    mpz_sub(r_hi, r_hi, st->B2);
    mpz_fdiv_q(r_hi, r_hi, st->n);
    for (; mpz_cmp(r, r_hi) <= 0; mpz_add_ui(r, r, 1)) {
        mpz_mul(st->t1, r, st->n);
        mpz_add(lo, st->t1, st->B2);
        mpz_cdiv_q(lo, lo, s);
        mpz_add(hi, st->t1, st->B3);
        mpz_sub_ui(hi, hi, 1);
        mpz_fdiv_q(hi, hi, s);
        if (mpz_cmp(lo, iv->a) <= 0 && mpz_cmp(hi, iv->a) >= 0) {
            mpz_add_ui(iv->a, hi, 1);
        } else if (mpz_cmp(hi, iv->b) >= 0 && mpz_cmp(lo, iv->b) <= 0) {
            mpz_sub_ui(iv->b, lo, 1);
        }
    }
    mpz_clears(r, r_hi, lo, hi, NULL);
}
