/* ts_bleich_state: what the parts of Bleichenbacher's attack share (the
 * key, the bounds 2B and 3B, the set M, the batch of queries and its
 * threads, the progress), with the conversions and the progress report.
 * INTERNAL to the ts_bleich module: it exposes mpz_t (GMP), so only the
 * ts_bleich_* files (sim/ts_bleich*.c, one module's parts) include it and
 * the ts_bleich_*.h headers that use it; everything else sees ts_bleich.h,
 * which has no mpz_t. */
#ifndef TS_BLEICH_STATE_H
#define TS_BLEICH_STATE_H

#include <gmp.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/attack/ts_bleich.h"
#include "crypto/ts_rsa.h"

#define TS_BLEICH_BATCH 16      /* queries asked together: blinding, trimming, 2a, 2b */
#define TS_BLEICH_MAX_THREADS 8

/* One interval [a, b] of M. */
typedef struct {
    mpz_t a, b;
} ts_bleich_interval;

typedef struct ts_bleich_state ts_bleich_state;

/* A thread asking its share of each batch. */
typedef struct {
    pthread_t th;
    ts_bleich_state *st;
    unsigned id;
    mpz_t x;
    uint8_t buf[TS_RSA_MAX_LEN];
} ts_bleich_helper;

struct ts_bleich_state {
    const ts_bleich_cfg *cfg;
    bool exact; /* "no" means: not 00 02 (cfg->exact_oracle, not plain) */
    size_t k;
    mpz_t n, e, c0, B, B2, B3, x, t1, t2, t3;
    uint8_t buf[TS_RSA_MAX_LEN];
    ts_bleich_interval *m; /* the set M */
    size_t nm, cap;
    ts_bleich_progress p;
    uint64_t next_report;
    /* the batch: base * cand[i]^e mod n for i < job_n */
    mpz_t cand[TS_BLEICH_BATCH];
    bool ans[TS_BLEICH_BATCH];
    ts_err errs[TS_BLEICH_BATCH];
    mpz_srcptr job_base;
    size_t job_n;
    /* the helper threads */
    unsigned threads; /* 1 + the helpers running */
    ts_bleich_helper h[TS_BLEICH_MAX_THREADS - 1];
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    unsigned gen, busy;
    bool quit;
};

/* A new state for cfg: n, e and k read from the key, M empty; NULL when
 * out of memory. */
ts_bleich_state *ts_bleich_state_new(const ts_bleich_cfg *cfg);

/* Sets B = 2^(8(k-2)), 2B and 3B; TS_ERR_RSA_SIZE when the modulus is not
 * an odd one of 16 to TS_RSA_MAX_LEN bytes. */
ts_err ts_bleich_state_bounds(ts_bleich_state *st);

/* Wipes and frees st (NULL is fine). */
void ts_bleich_state_free(ts_bleich_state *st);

/* x = the big-endian number in[0..n). */
void ts_bleich_from_bytes(mpz_t x, const uint8_t *in, size_t n);

/* out[0..k) = x big-endian, zeros when x is 0 or does not fit. */
void ts_bleich_to_fixed(const mpz_t x, uint8_t *out, size_t k);

/* Calls cfg->progress (if any) with the queries, |M| and the widest width. */
void ts_bleich_report(ts_bleich_state *st);

#endif
