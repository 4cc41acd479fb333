/* ts_bleich_search: the searches of Bleichenbacher's attack for the next
 * conforming s (steps 2a, 2b, 2c), with Bardou et al.'s skipped holes and
 * the interval-at-a-time step 2b unless cfg->plain. INTERNAL to the
 * ts_bleich module (mpz_t; see ts_bleich_state.h). */
#ifndef TS_BLEICH_SEARCH_H
#define TS_BLEICH_SEARCH_H

#include <stdbool.h>

#include "base/ts_err.h"
#include "crypto/attack/internal/ts_bleich_state.h"

/* Step 2a: the first conforming s1 into s, from (n + 2B) / b (plain:
 * (n + 2B) / 3B, +1, ...). TS_ERR_TIMEOUT, the oracle's errors. */
ts_err ts_bleich_step_2a(ts_bleich_state *st, mpz_t s);

/* Step 2b (|M| > 1): the next conforming s after s, into s. */
ts_err ts_bleich_step_2b(ts_bleich_state *st, mpz_t s);

/* Step 2c (|M| = 1): the next conforming s after s, into s; with an exact
 * oracle the "no" answers narrow M too, and *done when that leaves one
 * value. TS_ERR_PADDING when M empties (an oracle that lied). */
ts_err ts_bleich_step_2c(ts_bleich_state *st, mpz_t s, bool *done);

#endif
