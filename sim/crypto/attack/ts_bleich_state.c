/* ts_bleich_state: the state Bleichenbacher's attack's parts share, made,
 * sized and freed; number conversions; the progress report. */
#include "crypto/attack/internal/ts_bleich_state.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/attack/ts_bleich_interval.h"
#include "crypto/ts_secret.h"

void ts_bleich_from_bytes(mpz_t x, const uint8_t *in, size_t n)
{
    mpz_set_ui(x, 0);
    if (n > 0) {
        mpz_import(x, n, 1, 1, 0, 0, in);
    }
}

void ts_bleich_to_fixed(const mpz_t x, uint8_t *out, size_t k)
{
    size_t need = (mpz_sizeinbase(x, 2) + 7) / 8;
    memset(out, 0, k);
    if (mpz_sgn(x) != 0 && need <= k) {
        size_t count = 0;
        mpz_export(out + (k - need), &count, 1, 1, 0, 0, x);
    }
}

void ts_bleich_report(ts_bleich_state *st)
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

ts_bleich_state *ts_bleich_state_new(const ts_bleich_cfg *cfg)
{
    ts_bleich_state *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        return NULL;
    }
    st->cfg = cfg;
    st->exact = cfg->exact_oracle && !cfg->plain;
    mpz_inits(st->n, st->e, st->c0, st->B, st->B2, st->B3, st->x, st->t1, st->t2, st->t3, NULL);
    for (size_t i = 0; i < TS_BLEICH_BATCH; i++) {
        mpz_init(st->cand[i]);
    }
    ts_bleich_from_bytes(st->n, cfg->n, cfg->n_len);
    ts_bleich_from_bytes(st->e, cfg->e, cfg->e_len);
    st->k = (mpz_sizeinbase(st->n, 2) + 7) / 8;
    st->next_report = cfg->progress_every > 0 ? cfg->progress_every : 1024;
    return st;
}

ts_err ts_bleich_state_bounds(ts_bleich_state *st)
{
    bool sized = st->k >= 16 && st->k <= TS_RSA_MAX_LEN && mpz_odd_p(st->n);
    TS_ENSURE(sized, TS_ERR_RSA_SIZE);
    /* B = 2^(8(k-2)): 2B <= m < 3B for a block starting 00 02 */
    mpz_setbit(st->B, 8 * (st->k - 2));
    mpz_setbit(st->B2, 8 * (st->k - 2) + 1);
    mpz_setbit(st->B3, 8 * (st->k - 2));
    mpz_add(st->B3, st->B3, st->B2);
    st->p.total_bits = (unsigned)(8 * (st->k - 2));
    return TS_OK;
}

void ts_bleich_state_free(ts_bleich_state *st)
{
    if (st == NULL) {
        return;
    }
    ts_secret_wipe(st->buf, sizeof(st->buf));
    ts_bleich_clear_intervals(st->m, st->nm);
    free(st->m);
    for (size_t i = 0; i < TS_BLEICH_BATCH; i++) {
        mpz_clear(st->cand[i]);
    }
    mpz_clears(st->n, st->e, st->c0, st->B, st->B2, st->B3, st->x, st->t1, st->t2, st->t3, NULL);
    free(st);
}
