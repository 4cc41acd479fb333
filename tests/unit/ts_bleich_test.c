/* Unit tests for ts_bleich: Bleichenbacher's attack at 512 bits decrypts a
 * PKCS#1 ciphertext through a "00 02" oracle alone, and (blinding first)
 * computes a signature that verifies; a non-conforming ciphertext without
 * blinding, a query limit and bad arguments fail as documented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ts_bleich.h"
#include "ts_hash.h"
#include "ts_oracle.h"
#include "ts_rsa_pkcs1.h"

typedef struct {
    ts_rsa_key *k;
    ts_buf n, e;
    ts_oracle o;
    ts_rng rng;
} fixture;

static ts_err ask(void *ctx, const uint8_t *ct, size_t len, bool *ok)
{
    return ts_oracle_query(ctx, ct, len, ok);
}

static void setup(fixture *f)
{
    ts_rng kg;
    assert_int_equal(ts_rng_init(&kg, "bleich", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_rsa_generate(&kg, 512, 65537, &f->k), TS_OK);
    ts_buf_init(&f->n);
    ts_buf_init(&f->e);
    assert_int_equal(ts_rsa_get(f->k, TS_RSA_N, &f->n), TS_OK);
    assert_int_equal(ts_rsa_get(f->k, TS_RSA_E, &f->e), TS_OK);
    assert_int_equal(ts_oracle_init(&f->o, f->k, TS_ORACLE_PREFIX), TS_OK);
    assert_int_equal(ts_rng_init(&f->rng, "bleich", TS_ACTOR_ATTACKER), TS_OK);
}

static void teardown(fixture *f)
{
    ts_rsa_free(f->k);
    ts_buf_free(&f->n);
    ts_buf_free(&f->e);
}

static ts_bleich_cfg cfg_of(fixture *f, bool blind)
{
    ts_bleich_cfg c = {.n = f->n.data, .n_len = f->n.len, .e = f->e.data, .e_len = f->e.len,
                       .oracle = ask, .oracle_ctx = &f->o, .blind = blind, .rng = &f->rng};
    return c;
}

static void test_decrypt(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    uint8_t secret[48], ct[64];
    ts_rng_bytes(&f.rng, secret, sizeof(secret));
    assert_int_equal(ts_rsa_encrypt(f.k, &f.rng, secret, sizeof(secret), ct), TS_OK);
    ts_bleich_cfg c = cfg_of(&f, false);
    ts_buf m;
    ts_buf_init(&m);
    uint64_t q = 0;
    assert_int_equal(ts_bleich_attack(&c, ct, sizeof(ct), &m, &q), TS_OK);
    assert_int_equal(m.len, 64);
    assert_int_equal(m.data[0], 0x00);
    assert_int_equal(m.data[1], 0x02);
    assert_memory_equal(m.data + 16, secret, sizeof(secret));
    assert_int_equal(q, f.o.queries);
    assert_true(q > 100);
    ts_buf_free(&m);
    teardown(&f);
}

static void test_sign(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    uint8_t h[32], ref[64], block[64];
    ts_hash(TS_HASH_SHA256, (const uint8_t *)"sign me", 7, h);
    assert_int_equal(ts_rsa_sign(f.k, TS_HASH_SHA256, h, ref), TS_OK);
    assert_int_equal(ts_rsa_public_raw(f.k, ref, 64, block), TS_OK); /* 00 01 FF.. 00 DigestInfo H */
    ts_bleich_cfg c = cfg_of(&f, false);
    ts_buf sig;
    ts_buf_init(&sig);
    /* a signature block is not 00 02: without blinding the attack refuses */
    assert_int_equal(ts_bleich_attack(&c, block, 64, &sig, NULL), TS_ERR_PADDING);
    c = cfg_of(&f, true);
    assert_int_equal(ts_bleich_attack(&c, block, 64, &sig, NULL), TS_OK);
    assert_int_equal(ts_rsa_verify(f.k, TS_HASH_SHA256, h, sig.data, sig.len), TS_OK);
    assert_memory_equal(sig.data, ref, 64);
    ts_buf_free(&sig);
    teardown(&f);
}

static void test_limits(void **state)
{
    (void)state;
    fixture f;
    setup(&f);
    uint8_t ct[64];
    assert_int_equal(ts_rsa_encrypt(f.k, &f.rng, (const uint8_t *)"x", 1, ct), TS_OK);
    ts_bleich_cfg c = cfg_of(&f, false);
    c.max_queries = 50;
    ts_buf m;
    ts_buf_init(&m);
    uint64_t q = 0;
    assert_int_equal(ts_bleich_attack(&c, ct, 64, &m, &q), TS_ERR_TIMEOUT);
    assert_int_equal(q, 50);
    assert_int_equal(m.len, 0);
    uint8_t big[64];
    memset(big, 0xFF, sizeof(big));
    c.max_queries = 0;
    assert_int_equal(ts_bleich_attack(&c, big, 64, &m, NULL), TS_ERR_RSA_RANGE);
    c.oracle = NULL;
    assert_int_equal(ts_bleich_attack(&c, ct, 64, &m, NULL), TS_ERR_ARG);
    ts_buf_free(&m);
    teardown(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decrypt),
        cmocka_unit_test(test_sign),
        cmocka_unit_test(test_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
