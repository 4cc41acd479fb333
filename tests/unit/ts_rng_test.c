/* Unit tests for ts_rng: seeded streams are deterministic per (seed, actor,
 * sequence of draws); unseeded ones come from the system generator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "crypto/ts_rng.h"
#include "crypto/ts_secret.h"

static void draw(const char *seed, ts_actor actor, uint8_t *out, size_t n)
{
    ts_rng r;
    assert_int_equal(ts_rng_init(&r, seed, actor), TS_OK);
    ts_rng_bytes(&r, out, n);
    ts_rng_wipe(&r);
}

static void test_deterministic(void **state)
{
    (void)state;
    ts_rng a, b;
    assert_int_equal(ts_rng_init(&a, "42", TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rng_init(&b, "42", TS_ACTOR_CLIENT), TS_OK);
    assert_true(a.seeded);
    for (size_t n = 0; n < 100; n += 7) {
        uint8_t x[100], y[100];
        ts_rng_bytes(&a, x, n);
        ts_rng_bytes(&b, y, n);
        assert_memory_equal(x, y, n);
    }
    assert_int_equal(a.block, b.block);
    assert_int_equal(ts_rng_uniform(&a, 1000), ts_rng_uniform(&b, 1000));
    /* successive draws differ */
    uint8_t x[32], y[32];
    ts_rng_bytes(&a, x, 32);
    ts_rng_bytes(&a, y, 32);
    assert_memory_not_equal(x, y, 32);
    ts_rng_wipe(&a);
    ts_rng_wipe(&b);
}

static void test_actors_and_seeds_differ(void **state)
{
    (void)state;
    uint8_t out[TS_ACTOR_COUNT][32];
    for (int a = 0; a < TS_ACTOR_COUNT; a++) {
        draw("lesson-1", (ts_actor)a, out[a], 32);
    }
    for (int a = 0; a < TS_ACTOR_COUNT; a++) {
        for (int b = a + 1; b < TS_ACTOR_COUNT; b++) {
            assert_memory_not_equal(out[a], out[b], 32);
        }
    }
    uint8_t x[32], y[32];
    draw("lesson-1", TS_ACTOR_CLIENT, x, 32);
    assert_memory_equal(x, out[TS_ACTOR_CLIENT], 32);
    draw("lesson-2", TS_ACTOR_CLIENT, y, 32);
    assert_memory_not_equal(x, y, 32);
    /* the actor name and the seed are separated: ("client", "1") is not
     * ("client1", "") nor a seed that continues the name */
    draw("1", TS_ACTOR_CLIENT, x, 32);
    draw("11", TS_ACTOR_CLIENT, y, 32);
    assert_memory_not_equal(x, y, 32);
}

/* The stream depends on how it is drawn: one draw of 64 is not two of 32. */
static void test_draw_sequence_matters(void **state)
{
    (void)state;
    ts_rng r;
    uint8_t one[64], two[64];
    draw("7", TS_ACTOR_SERVER, one, 64);
    assert_int_equal(ts_rng_init(&r, "7", TS_ACTOR_SERVER), TS_OK);
    ts_rng_bytes(&r, two, 32);
    ts_rng_bytes(&r, two + 32, 32);
    assert_memory_equal(one, two, 32); /* the first draw's first bytes agree */
    assert_memory_not_equal(one + 32, two + 32, 32);
    ts_rng_wipe(&r);
}

/* The construction stated in ts_rng.c, rebuilt here from libsodium calls:
 * key = SHA-256("tlsstep-rng" || "server" || 00 || seed), draw i uses
 * randombytes_buf_deterministic with seed SHA-256(key || u64be(i)). */
static void test_construction(void **state)
{
    (void)state;
    const char prefix[] = "tlsstep-rngserver";
    uint8_t msg[64];
    memcpy(msg, prefix, sizeof(prefix)); /* includes the 00 separator */
    memcpy(msg + sizeof(prefix), "abc", 3);
    uint8_t key_ctr[40];
    crypto_hash_sha256(key_ctr, msg, sizeof(prefix) + 3);
    memset(key_ctr + 32, 0, 8);
    key_ctr[39] = 1; /* the second draw */
    uint8_t seed[32], want[40], got[40];
    crypto_hash_sha256(seed, key_ctr, sizeof(key_ctr));
    randombytes_buf_deterministic(want, sizeof(want), seed);

    ts_rng r;
    assert_int_equal(ts_rng_init(&r, "abc", TS_ACTOR_SERVER), TS_OK);
    assert_memory_equal(r.key, key_ctr, 32);
    ts_rng_bytes(&r, got, 5);
    ts_rng_bytes(&r, got, sizeof(got));
    assert_memory_equal(got, want, sizeof(got));
    assert_int_equal(r.block, 2);
    ts_rng_wipe(&r);
    assert_true(ts_secret_is_zero(r.key, sizeof(r.key)));
    assert_false(r.seeded);
}

static void test_unseeded(void **state)
{
    (void)state;
    ts_rng r;
    assert_int_equal(ts_rng_init(&r, NULL, TS_ACTOR_ATTACKER), TS_OK);
    assert_false(r.seeded);
    uint8_t x[32], y[32];
    ts_rng_bytes(&r, x, 32);
    ts_rng_bytes(&r, y, 32);
    assert_memory_not_equal(x, y, 32);
    ts_rng_bytes(&r, NULL, 0);
    assert_true(ts_rng_uniform(&r, 10) < 10);
}

static void test_uniform(void **state)
{
    (void)state;
    ts_rng r;
    assert_int_equal(ts_rng_init(&r, "uniform", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_rng_uniform(&r, 1), 0);
    assert_int_equal(ts_rng_uniform(&r, 0), 0); /* contract says upper > 0; no crash */
    unsigned counts[3] = {0};
    for (int i = 0; i < 3000; i++) {
        uint32_t v = ts_rng_uniform(&r, 3);
        assert_true(v < 3);
        counts[v]++;
    }
    for (int i = 0; i < 3; i++) {
        assert_true(counts[i] > 850 && counts[i] < 1150);
    }
    /* an upper bound just above 2^31 rejects almost half the draws */
    uint32_t big = 0x80000001u;
    bool high = false;
    for (int i = 0; i < 200; i++) {
        uint32_t v = ts_rng_uniform(&r, big);
        assert_true(v < big);
        high = high || v >= 0x40000000u;
    }
    assert_true(high);
    assert_true(ts_rng_uniform(&r, UINT32_MAX) < UINT32_MAX);
    ts_rng_wipe(&r);
}

static void test_bad_seeds(void **state)
{
    (void)state;
    ts_rng r;
    memset(&r, 0x5a, sizeof(r));
    assert_int_equal(ts_rng_init(&r, "", TS_ACTOR_CLIENT), TS_ERR_ARG);
    char seed[TS_RNG_SEED_MAX + 2];
    memset(seed, '9', sizeof(seed));
    seed[TS_RNG_SEED_MAX + 1] = '\0';
    assert_int_equal(ts_rng_init(&r, seed, TS_ACTOR_CLIENT), TS_ERR_ARG);
    assert_int_equal(ts_rng_init(&r, "1", TS_ACTOR_COUNT), TS_ERR_ARG);
    assert_int_equal(ts_rng_init(&r, "1", (ts_actor)-1), TS_ERR_ARG);
    assert_int_equal(ts_rng_init(NULL, "1", TS_ACTOR_CLIENT), TS_ERR_ARG);
    assert_int_equal(r.block, 0x5a5a5a5a5a5a5a5aULL); /* untouched on failure */
    seed[TS_RNG_SEED_MAX] = '\0'; /* exactly the maximum is fine */
    assert_int_equal(ts_rng_init(&r, seed, TS_ACTOR_CLIENT), TS_OK);
    ts_rng_wipe(&r);
}

/* A named stream is the seeded stream of "NAME/SEED", and NAME/SEED must
 * fit in TS_RNG_SEED_MAX. */
static void test_init_for(void **state)
{
    (void)state;
    ts_rng a, b;
    assert_int_equal(ts_rng_init_for(&a, "fermat", "7", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_rng_init(&b, "fermat/7", TS_ACTOR_KEYGEN), TS_OK);
    assert_true(a.seeded);
    assert_memory_equal(a.key, b.key, sizeof(a.key));
    uint8_t x[48], y[48];
    ts_rng_bytes(&a, x, sizeof(x));
    ts_rng_bytes(&b, y, sizeof(y));
    assert_memory_equal(x, y, sizeof(x));
    ts_rng_wipe(&a);
    ts_rng_wipe(&b);
    assert_int_equal(ts_rng_init_for(&a, "", "7", TS_ACTOR_ATTACKER), TS_OK);
    assert_int_equal(ts_rng_init(&b, "/7", TS_ACTOR_ATTACKER), TS_OK);
    assert_memory_equal(a.key, b.key, sizeof(a.key));

    char seed[TS_RNG_SEED_MAX + 2];
    memset(seed, '9', sizeof(seed));
    seed[TS_RNG_SEED_MAX - 2] = '\0'; /* "x/" + seed: exactly the maximum */
    assert_int_equal(ts_rng_init_for(&a, "x", seed, TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rng_init_for(&a, "xy", seed, TS_ACTOR_CLIENT), TS_ERR_ARG);
    seed[TS_RNG_SEED_MAX - 2] = '9';
    seed[TS_RNG_SEED_MAX] = '\0'; /* a seed of the maximum leaves no room */
    assert_int_equal(ts_rng_init_for(&a, "x", seed, TS_ACTOR_CLIENT), TS_ERR_ARG);
    seed[TS_RNG_SEED_MAX] = '9';
    seed[TS_RNG_SEED_MAX + 1] = '\0';
    assert_int_equal(ts_rng_init_for(&a, "x", seed, TS_ACTOR_CLIENT), TS_ERR_ARG);
    assert_int_equal(ts_rng_init_for(&a, "x", "", TS_ACTOR_CLIENT), TS_ERR_ARG);
    assert_int_equal(ts_rng_init_for(&a, "x", NULL, TS_ACTOR_CLIENT), TS_ERR_ARG);
    assert_int_equal(ts_rng_init_for(&a, NULL, "7", TS_ACTOR_CLIENT), TS_ERR_ARG);
    assert_int_equal(ts_rng_init_for(&a, "x", "7", TS_ACTOR_COUNT), TS_ERR_ARG);
    assert_int_equal(ts_rng_init_for(NULL, "x", "7", TS_ACTOR_CLIENT), TS_ERR_ARG);
    ts_rng_wipe(&a);
    ts_rng_wipe(&b);
}

static void test_new_seed_and_names(void **state)
{
    (void)state;
    char a[17], b[17];
    ts_rng_new_seed(a);
    ts_rng_new_seed(b);
    assert_int_equal(strlen(a), 16);
    for (int i = 0; i < 16; i++) {
        assert_true(a[i] >= '0' && a[i] <= '9');
    }
    assert_string_not_equal(a, b);
    ts_rng r;
    assert_int_equal(ts_rng_init(&r, a, TS_ACTOR_CLIENT), TS_OK);
    ts_rng_wipe(&r);
    assert_string_equal(ts_rng_actor_name(TS_ACTOR_CLIENT), "client");
    assert_string_equal(ts_rng_actor_name(TS_ACTOR_SERVER), "server");
    assert_string_equal(ts_rng_actor_name(TS_ACTOR_ATTACKER), "attacker");
    assert_string_equal(ts_rng_actor_name(TS_ACTOR_KEYGEN), "keygen");
    assert_string_equal(ts_rng_actor_name(TS_ACTOR_COUNT), "unknown");
}

static int setup(void **state)
{
    (void)state;
    return ts_rng_global_init() == TS_OK ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_actors_and_seeds_differ),
        cmocka_unit_test(test_draw_sequence_matters),
        cmocka_unit_test(test_construction),
        cmocka_unit_test(test_unseeded),
        cmocka_unit_test(test_uniform),
        cmocka_unit_test(test_bad_seeds),
        cmocka_unit_test(test_init_for),
        cmocka_unit_test(test_new_seed_and_names),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
