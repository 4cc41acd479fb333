/* ts_bleich: Bleichenbacher's attack on PKCS#1 v1.5 encryption (CRYPTO
 * 1998, steps 1 to 4): with nothing but the public key and an oracle that
 * says whether a ciphertext decrypts to a block starting 00 02, it
 * computes c^d mod n for any c: the premaster secret of a recorded
 * session, or (blinding first) a signature with the server's key. By
 * default with the improvements of Bardou et al. (CRYPTO 2012): M0 trimmed,
 * step 2a skipping holes, step 2b one interval at a time. Layer 1: GMP
 * inside; mpz_t never leaves the module's parts, sim/ts_bleich*.c (their
 * internal headers, include/ts_bleich_*.h, are for them alone). Functions
 * return ts_err. */
#ifndef TS_BLEICH_H
#define TS_BLEICH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_rng.h"

/* The oracle: sets *conforming for the k-byte ciphertext ct. With
 * cfg.threads > 1 it is called from several threads at once. */
typedef ts_err (*ts_bleich_oracle_fn)(void *ctx, const uint8_t *ct, size_t len, bool *conforming);

/* Where the attack stands, for a progress display. */
typedef struct {
    uint64_t queries;     /* oracle queries so far */
    const char *phase;    /* "1", "blinding", "trim", "2a", "2b", "2c", "done" */
    unsigned iteration;   /* i of the paper: how many s_i were found */
    size_t intervals;     /* |M| */
    unsigned width_bits;  /* bits of the widest interval's width b - a (0: one value left) */
    unsigned total_bits;  /* bits of the first interval's width, B (8(k-2)) */
} ts_bleich_progress;

typedef void (*ts_bleich_progress_fn)(void *ctx, const ts_bleich_progress *p);

typedef struct {
    const uint8_t *n, *e;     /* the public key, big-endian */
    size_t n_len, e_len;
    ts_bleich_oracle_fn oracle;
    void *oracle_ctx;
    ts_bleich_progress_fn progress; /* may be NULL */
    void *progress_ctx;
    uint64_t progress_every;  /* queries between progress calls (0: 1024) */
    uint64_t max_queries;     /* give up after this many (0: no limit) */
    bool blind;               /* c need not be conforming: search a blinding s0 first */
    ts_rng *rng;              /* for the blinding values (required when blind) */
    unsigned threads;         /* threads asking the oracle (0, 1: the caller's only; at most
                                 8); result and query count do not depend on it */
    bool plain;               /* the 1998 algorithm only: no trimming, no skipped holes,
                                 step 2b by s + 1, s + 2, ... */
    bool exact_oracle;        /* the oracle says yes for every block starting 00 02 and only
                                 those (TS_ORACLE_PREFIX): its "no" answers narrow M too.
                                 Leave false for a stricter oracle (full PKCS#1) */
} ts_bleich_cfg;

/* Computes m = c^d mod n through the oracle and appends it to out as k
 * bytes (k = the modulus' length); *queries (if not NULL) gets the number
 * of oracle queries. Independent queries (blinding, trimming, 2a, 2b) go
 * in batches of 16 that are asked whole: up to 15 more than one by one.
 * TS_ERR_PADDING when c is not conforming and blind is off (or the oracle
 * lied); TS_ERR_TIMEOUT past max_queries; the oracle's errors. */
ts_err ts_bleich_attack(const ts_bleich_cfg *cfg, const uint8_t *c, size_t c_len, ts_buf *out,
                        uint64_t *queries);

#endif
