/* ts_bleich_search: steps 2a, 2b and 2c of Bleichenbacher's attack. Step
 * 2a skips the values of s that cannot give a conforming block (Bardou et
 * al., CRYPTO 2012, 4.2); step 2b searches one interval at a time
 * ("parallel threads", Klima, Pokorny, Rosa, CHES 2003); step 2c asks only
 * the s whose window holds an end of the interval when the oracle checks
 * 00 02 and nothing else, so that its "no" answers cut the interval too.
 * cfg->plain keeps to the 1998 algorithm. */
#include "crypto/attack/ts_bleich_search.h"

#include <stdlib.h>

#include "crypto/attack/ts_bleich_batch.h"
#include "crypto/attack/ts_bleich_interval.h"

#define MAX_SKIP 65536 /* s a filtering cursor passes over before taking one anyway */

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
static bool covers(ts_bleich_state *st, const ts_bleich_interval *iv, const mpz_t r, const mpz_t s,
                   int filter)
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
static void cursor_next(ts_bleich_state *st, cursor *c, mpz_t out)
{
    const ts_bleich_interval *iv = &st->m[c->iv];
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
static ts_err search(ts_bleich_state *st, cursor *cur, size_t ncur, size_t per_batch, mpz_t s)
{
    for (;;) {
        for (size_t i = 0; i < per_batch; i++) {
            cursor_next(st, &cur[i % ncur], st->cand[i]);
        }
        TS_GUARD(ts_bleich_batch(st, st->c0, per_batch));
        size_t hit = ts_bleich_first_yes(st, per_batch);
        if (hit < per_batch) {
            mpz_set(s, st->cand[hit]);
            return TS_OK;
        }
    }
}

/* Step 2a: from j = 1 (s1 >= (n + 2B) / b), skipping holes (Bardou et al.,
 * 4.2) unless plain: then s = (n + 2B) / 3B, +1, ... as in 1998. */
ts_err ts_bleich_step_2a(ts_bleich_state *st, mpz_t s)
{
    const ts_bleich_cfg *cfg = st->cfg;
    mpz_t one, lo;
    mpz_init_set_ui(one, 1);
    mpz_init(lo);
    mpz_add(lo, st->n, st->B2);
    mpz_cdiv_q(lo, lo, cfg->plain ? st->B3 : st->m[0].b);
    cursor c;
    cursor_init(&c, 0, one, lo, cfg->plain, ALL);
    ts_err err = search(st, &c, 1, TS_BLEICH_BATCH, s);
    cursor_clear(&c);
    mpz_clears(one, lo, NULL);
    return err;
}

/* The start of step 2c for interval iv after s: r >= 2 (b s - 2B) / n. */
static void r_2c(ts_bleich_state *st, const ts_bleich_interval *iv, const mpz_t s, mpz_t r)
{
    mpz_mul(st->t1, iv->b, s);
    mpz_sub(st->t1, st->t1, st->B2);
    mpz_mul_2exp(st->t1, st->t1, 1);
    mpz_cdiv_q(r, st->t1, st->n);
}

/* Step 2b (|M| > 1): one step 2c per interval, taking turns (plain: s + 1,
 * s + 2, ... as in 1998). */
ts_err ts_bleich_step_2b(ts_bleich_state *st, mpz_t s)
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
        err = search(st, cur, ncur, TS_BLEICH_BATCH, s);
    }
    for (size_t i = 0; cur != NULL && i < ncur; i++) {
        cursor_clear(&cur[i]);
    }
    free(cur);
    mpz_clears(r, from, NULL);
    return err;
}

/* Step 2c (|M| = 1): one query at a time, each likely to succeed. */
ts_err ts_bleich_step_2c(ts_bleich_state *st, mpz_t s, bool *done)
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
        err = ts_bleich_batch(st, st->c0, 1);
        if (err == TS_OK && st->ans[0]) {
            mpz_set(s, st->cand[0]);
            break;
        }
        if (err == TS_OK && st->exact) {
            ts_bleich_exclude(st, st->cand[0]);
            int cmp = mpz_cmp(st->m[0].a, st->m[0].b);
            err = cmp > 0 ? TS_ERR_PADDING : TS_OK; /* an oracle that lied */
            *done = cmp == 0;
        }
    }
    cursor_clear(&c);
    mpz_clears(r, zero, NULL);
    return err;
}
