/* Unit tests for ts_oracle: the "00 02 only" and full PKCS#1 padding
 * oracles on ciphertexts made with the public key, and their counters,
 * also with two threads asking at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "crypto/attack/ts_oracle.h"
#include "crypto/ts_rsa_pkcs1.h"

static ts_rsa_key *key(void)
{
    ts_rng rng;
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_rng_init(&rng, "oracle", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_rsa_generate(&rng, 512, 65537, &k), TS_OK);
    return k;
}

/* The ciphertext of the raw block em (64 bytes). */
static void raw(const ts_rsa_key *k, const uint8_t em[64], uint8_t ct[64])
{
    assert_int_equal(ts_rsa_public_raw(k, em, 64, ct), TS_OK);
}

static void test_strengths(void **state)
{
    (void)state;
    ts_rsa_key *k = key();
    ts_oracle pre, full;
    assert_int_equal(ts_oracle_init(&pre, k, TS_ORACLE_PREFIX), TS_OK);
    assert_int_equal(ts_oracle_init(&full, k, TS_ORACLE_PKCS1), TS_OK);
    uint8_t em[64], ct[64];
    bool ok = false;
    /* a real PKCS#1 encryption: conforming for both */
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "enc", TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rsa_encrypt(k, &rng, (const uint8_t *)"premaster", 9, ct), TS_OK);
    assert_int_equal(ts_oracle_query(&pre, ct, 64, &ok), TS_OK);
    assert_true(ok);
    assert_int_equal(ts_oracle_query(&full, ct, 64, &ok), TS_OK);
    assert_true(ok);
    /* 00 02 then zeros: the prefix oracle says yes, full PKCS#1 says no */
    memset(em, 0, sizeof(em));
    em[1] = 0x02;
    raw(k, em, ct);
    assert_int_equal(ts_oracle_query(&pre, ct, 64, &ok), TS_OK);
    assert_true(ok);
    assert_int_equal(ts_oracle_query(&full, ct, 64, &ok), TS_OK);
    assert_false(ok);
    /* 00 02 and no zero separator at all: full PKCS#1 says no */
    memset(em, 0x11, sizeof(em));
    em[0] = 0x00;
    em[1] = 0x02;
    raw(k, em, ct);
    assert_int_equal(ts_oracle_query(&full, ct, 64, &ok), TS_OK);
    assert_false(ok);
    /* 00 01 (a signature block): no for both */
    em[1] = 0x01;
    raw(k, em, ct);
    assert_int_equal(ts_oracle_query(&pre, ct, 64, &ok), TS_OK);
    assert_false(ok);
    assert_int_equal(pre.queries, 3);
    assert_int_equal(pre.valid, 2);
    assert_int_equal(full.queries, 3);
    assert_int_equal(full.valid, 1);
    assert_int_equal(ts_oracle_alert(true), 20);
    assert_int_equal(ts_oracle_alert(false), 51);
    ts_rsa_free(k);
}

static void test_errors(void **state)
{
    (void)state;
    ts_rsa_key *k = key();
    ts_rsa_key *pub = ts_rsa_public_copy(k);
    ts_oracle o;
    assert_int_equal(ts_oracle_init(&o, pub, TS_ORACLE_PREFIX), TS_ERR_ARG);
    assert_int_equal(ts_oracle_init(&o, k, (ts_oracle_strength)7), TS_ERR_ARG);
    assert_int_equal(ts_oracle_init(&o, k, TS_ORACLE_PREFIX), TS_OK);
    uint8_t big[64];
    bool ok;
    memset(big, 0xFF, sizeof(big)); /* >= n */
    assert_int_equal(ts_oracle_query(&o, big, 64, &ok), TS_ERR_RSA_RANGE);
    assert_int_equal(o.queries, 0);
    ts_rsa_free(pub);
    ts_rsa_free(k);
}

typedef struct {
    ts_oracle *o;
    const uint8_t *good, *bad;
    unsigned yes;
    ts_err err;
} asker;

#define ASKS 150

/* Asks ASKS times, alternating a conforming and a non-conforming ciphertext. */
static void *ask_many(void *arg)
{
    asker *a = arg;
    for (unsigned i = 0; i < ASKS && a->err == TS_OK; i++) {
        bool ok = false;
        a->err = ts_oracle_query(a->o, i % 2 ? a->bad : a->good, 64, &ok);
        a->yes += ok ? 1 : 0;
    }
    return NULL;
}

/* Two threads on one oracle: right answers, and no count lost. */
static void test_threads(void **state)
{
    (void)state;
    ts_rsa_key *k = key();
    ts_oracle o;
    assert_int_equal(ts_oracle_init(&o, k, TS_ORACLE_PREFIX), TS_OK);
    uint8_t good[64], bad[64], em[64];
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "enc", TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rsa_encrypt(k, &rng, (const uint8_t *)"premaster", 9, good), TS_OK);
    memset(em, 0x11, sizeof(em));
    em[0] = 0x00;
    em[1] = 0x01;
    raw(k, em, bad);
    asker a[2] = {{&o, good, bad, 0, TS_OK}, {&o, good, bad, 0, TS_OK}};
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, ask_many, &a[1]), 0);
    ask_many(&a[0]);
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(a[0].err, TS_OK);
    assert_int_equal(a[1].err, TS_OK);
    assert_int_equal(a[0].yes, ASKS / 2);
    assert_int_equal(a[1].yes, ASKS / 2);
    assert_int_equal(o.queries, 2 * ASKS);
    assert_int_equal(o.valid, ASKS);
    ts_rsa_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strengths),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
