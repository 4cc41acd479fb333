/* ts_rng: one random stream per actor. With a seed, a stream is a pure
 * function of (seed, actor) built on libsodium's
 * randombytes_buf_deterministic; without one, bytes come from randombytes_buf.
 * Every random byte in tlsstep comes from here. */
#ifndef TS_RNG_H
#define TS_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"

typedef enum {
    TS_ACTOR_CLIENT,
    TS_ACTOR_SERVER,
    TS_ACTOR_ATTACKER,
    TS_ACTOR_KEYGEN,
    TS_ACTOR_COUNT
} ts_actor;

typedef struct {
    bool seeded;       /* deterministic stream */
    uint8_t key[32];   /* derived from (seed, actor); wiped by ts_rng_wipe */
    uint64_t block;    /* number of draws made so far */
} ts_rng;

/* Initialises libsodium; call once at start, before any other ts_ call. */
ts_err ts_rng_global_init(void);

/* Longest seed string accepted. */
#define TS_RNG_SEED_MAX 256

/* Starts actor's stream from seed (any non-empty string of at most
 * TS_RNG_SEED_MAX bytes), or from the system generator when seed is NULL. */
ts_err ts_rng_init(ts_rng *r, const char *seed, ts_actor actor);

/* Starts actor's stream for seed as used by name (an exercise's id, such
 * as "fermat"): exactly ts_rng_init(r, "NAME/SEED", actor), whose seed
 * string is name, one '/', then seed; so the stream is a pure function of
 * (name, seed, actor). TS_ERR_ARG when name is NULL, when seed is NULL,
 * empty or longer than TS_RNG_SEED_MAX bytes, or when "NAME/SEED" is
 * longer than that. */
ts_err ts_rng_init_for(ts_rng *r, const char *name, const char *seed, ts_actor actor);

/* Fills out with n bytes of the stream. */
void ts_rng_bytes(ts_rng *r, uint8_t *out, size_t n);

/* Returns a uniform integer in [0, upper) (upper > 0). */
uint32_t ts_rng_uniform(ts_rng *r, uint32_t upper);

/* Makes a fresh seed string for a run without one: 16 decimal digits from
 * the system generator, written to out (at least 17 bytes). */
void ts_rng_new_seed(char out[17]);

/* Returns the actor's name ("client", "server", "attacker", "keygen"). */
const char *ts_rng_actor_name(ts_actor actor);

/* Wipes the stream's key. */
void ts_rng_wipe(ts_rng *r);

#endif
