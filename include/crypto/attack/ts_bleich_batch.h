/* ts_bleich_batch: the oracle queries of Bleichenbacher's attack, asked a
 * batch at a time and spread over a pool of threads. A batch is the same
 * whatever the number of threads, so the result and the query count are
 * too. INTERNAL to the ts_bleich module (mpz_t; see ts_bleich_state.h). */
#ifndef TS_BLEICH_BATCH_H
#define TS_BLEICH_BATCH_H

#include <stddef.h>

#include "base/ts_err.h"
#include "crypto/attack/internal/ts_bleich_state.h"

/* Starts up to cfg->threads - 1 helper threads; fewer when the system
 * refuses. */
void ts_bleich_pool_start(ts_bleich_state *st);

/* Stops and joins the helper threads. */
void ts_bleich_pool_stop(ts_bleich_state *st);

/* Asks about base * cand[i]^e mod n for i < count: ans[i]. TS_ERR_TIMEOUT
 * (after asking what the limit allows) past max_queries; the oracle's
 * errors. */
ts_err ts_bleich_batch(ts_bleich_state *st, mpz_srcptr base, size_t count);

/* The first i < count with ans[i], or count. */
size_t ts_bleich_first_yes(const ts_bleich_state *st, size_t count);

#endif
