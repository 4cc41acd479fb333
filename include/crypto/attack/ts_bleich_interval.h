/* ts_bleich_interval: the set M of Bleichenbacher's attack, the intervals
 * that may hold m0: adding, merging, narrowing with a conforming s (step
 * 3) and cutting with a non-conforming one (step 2c, exact oracle).
 * INTERNAL to the ts_bleich module (mpz_t; see ts_bleich_state.h). */
#ifndef TS_BLEICH_INTERVAL_H
#define TS_BLEICH_INTERVAL_H

#include <stddef.h>

#include "base/ts_err.h"
#include "crypto/attack/internal/ts_bleich_state.h"

/* Appends [lo, hi] to M; TS_ERR_NOMEM. */
ts_err ts_bleich_add_interval(ts_bleich_state *st, const mpz_t lo, const mpz_t hi);

/* Clears the n intervals of m (does not free m). */
void ts_bleich_clear_intervals(ts_bleich_interval *m, size_t n);

/* Step 3: narrows M with the new conforming s, then sorts and merges it;
 * TS_ERR_PADDING when nothing is left (an oracle that lied), TS_ERR_NOMEM. */
ts_err ts_bleich_narrow(ts_bleich_state *st, const mpz_t s);

/* A "no" for s in step 2c: m0 is in none of s's windows [(r n + 2B) / s,
 * (r n + 3B - 1) / s]; those that hold an end of M's one interval cut it. */
void ts_bleich_exclude(ts_bleich_state *st, const mpz_t s);

#endif
