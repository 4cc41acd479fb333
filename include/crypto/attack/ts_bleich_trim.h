/* ts_bleich_trim: trimming M0 in Bleichenbacher's attack (Bardou et al.,
 * CRYPTO 2012, 4.1): small fractions u / t that keep m0 conforming show
 * that t divides m0 and bound m0 tighter than [2B, 3B - 1]. INTERNAL to
 * the ts_bleich module (mpz_t; see ts_bleich_state.h). */
#ifndef TS_BLEICH_TRIM_H
#define TS_BLEICH_TRIM_H

#include "base/ts_err.h"
#include "crypto/attack/internal/ts_bleich_state.h"

/* Trims M = {[2B, 3B - 1]} to m0's multiples of t' within the bounds the
 * trimmers give (M unchanged when none is found). TS_ERR_PADDING when the
 * bounds cross (an oracle that lied), TS_ERR_TIMEOUT, the oracle's errors. */
ts_err ts_bleich_trim(ts_bleich_state *st);

#endif
