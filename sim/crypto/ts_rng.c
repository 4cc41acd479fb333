/* ts_rng: per-actor random streams, deterministic when seeded.
 *
 * Seeded stream: key = SHA-256("tlsstep-rng" || actor name || 0x00 || seed);
 * draw number i (counted from 0, one per ts_rng_bytes call) fills its n bytes
 * with randombytes_buf_deterministic(out, n, SHA-256(key || u64be(i))).
 * So the stream is a pure function of (seed, actor, sequence of draws).
 * A named stream (ts_rng_init_for) is the seeded stream of "NAME/SEED". */
#include "crypto/ts_rng.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "crypto/ts_secret.h"

_Static_assert(randombytes_SEEDBYTES == crypto_hash_sha256_BYTES,
               "a per-draw seed is a SHA-256 digest");

static const char *const ts_rng_actor_names[TS_ACTOR_COUNT] = {
    [TS_ACTOR_CLIENT] = "client",
    [TS_ACTOR_SERVER] = "server",
    [TS_ACTOR_ATTACKER] = "attacker",
    [TS_ACTOR_KEYGEN] = "keygen",
};

ts_err ts_rng_global_init(void)
{
    return sodium_init() < 0 ? TS_ERR_RNG : TS_OK;
}

const char *ts_rng_actor_name(ts_actor actor)
{
    if ((int)actor < 0 || actor >= TS_ACTOR_COUNT) {
        return "unknown";
    }
    return ts_rng_actor_names[actor];
}

ts_err ts_rng_init(ts_rng *r, const char *seed, ts_actor actor)
{
    TS_ENSURE(r != NULL, TS_ERR_ARG);
    TS_ENSURE((int)actor >= 0 && actor < TS_ACTOR_COUNT, TS_ERR_ARG);
    if (seed == NULL) {
        memset(r, 0, sizeof(*r));
        return TS_OK;
    }
    size_t seed_len = strnlen(seed, TS_RNG_SEED_MAX + 1);
    TS_ENSURE(seed_len > 0 && seed_len <= TS_RNG_SEED_MAX, TS_ERR_ARG);

    static const char domain[] = "tlsstep-rng";
    const char *name = ts_rng_actor_names[actor];
    static const uint8_t zero = 0;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const uint8_t *)domain, sizeof(domain) - 1);
    crypto_hash_sha256_update(&st, (const uint8_t *)name, strlen(name));
    crypto_hash_sha256_update(&st, &zero, 1);
    crypto_hash_sha256_update(&st, (const uint8_t *)seed, seed_len);
    crypto_hash_sha256_final(&st, r->key);
    ts_secret_wipe(&st, sizeof(st));
    r->seeded = true;
    r->block = 0;
    return TS_OK;
}

ts_err ts_rng_init_for(ts_rng *r, const char *name, const char *seed, ts_actor actor)
{
    TS_ENSURE(name != NULL, TS_ERR_ARG);
    TS_ENSURE(seed != NULL && seed[0] != '\0' && strlen(seed) <= TS_RNG_SEED_MAX, TS_ERR_ARG);
    char full[TS_RNG_SEED_MAX + 1];
    int n = snprintf(full, sizeof(full), "%s/%s", name, seed);
    TS_ENSURE(n > 0 && (size_t)n < sizeof(full), TS_ERR_ARG);
    return ts_rng_init(r, full, actor);
}

void ts_rng_bytes(ts_rng *r, uint8_t *out, size_t n)
{
    if (!r->seeded) {
        if (n > 0) {
            randombytes_buf(out, n);
        }
        return;
    }
    uint8_t counter[8];
    for (unsigned i = 0; i < 8; i++) {
        counter[i] = (uint8_t)(r->block >> (8 * (7 - i)));
    }
    r->block++;
    uint8_t draw_seed[randombytes_SEEDBYTES];
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, r->key, sizeof(r->key));
    crypto_hash_sha256_update(&st, counter, sizeof(counter));
    crypto_hash_sha256_final(&st, draw_seed);
    if (n > 0) {
        randombytes_buf_deterministic(out, n, draw_seed);
    }
    ts_secret_wipe(&st, sizeof(st));
    ts_secret_wipe(draw_seed, sizeof(draw_seed));
}

uint32_t ts_rng_uniform(ts_rng *r, uint32_t upper)
{
    if (upper < 2) {
        return 0;
    }
    /* Reject the lowest 2^32 mod upper values so every residue is equally
     * likely (no modulo bias). */
    uint32_t min = (uint32_t)(-upper) % upper;
    for (;;) {
        uint8_t b[4];
        ts_rng_bytes(r, b, sizeof(b));
        uint32_t x = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
        if (x >= min) {
            return x % upper;
        }
    }
}

void ts_rng_new_seed(char out[17])
{
    for (unsigned i = 0; i < 16; i++) {
        out[i] = (char)('0' + randombytes_uniform(10));
    }
    out[16] = '\0';
}

void ts_rng_wipe(ts_rng *r)
{
    ts_secret_wipe(r->key, sizeof(r->key));
    r->seeded = false;
    r->block = 0;
}
