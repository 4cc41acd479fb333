/* Unit tests for ts_weakkey: each weak key has the weakness it promises
 * (Fermat finds close primes, a GCD finds the shared prime, e is 3), the
 * right size, and the same seed gives the same key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/attack/ts_rsa_math.h"
#include "crypto/attack/ts_weakkey.h"

static ts_buf part(const ts_rsa_key *k, ts_rsa_part which)
{
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_rsa_get(k, which, &b), TS_OK);
    return b;
}

static void test_close_primes(void **state)
{
    (void)state;
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "weak", TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_weakkey_close_primes(&rng, 1024, 1024 / 4 + TS_WEAKKEY_GAP_OVER, &k), TS_OK);
    assert_int_equal(ts_rsa_bits(k), 1024);
    ts_buf n = part(k, TS_RSA_N), p = part(k, TS_RSA_P), fp, fq;
    ts_buf_init(&fp);
    ts_buf_init(&fq);
    uint64_t iters = 0;
    assert_int_equal(ts_rsa_math_fermat(n.data, n.len, 1000000, &fp, &fq, &iters), TS_OK);
    assert_true(ts_rsa_math_cmp(fp.data, fp.len, p.data, p.len) == 0 ||
                ts_rsa_math_cmp(fq.data, fq.len, p.data, p.len) == 0);
    assert_true(iters < 100000);
    /* same seed, same key */
    ts_rsa_key *k2 = NULL;
    assert_int_equal(ts_rng_init(&rng, "weak", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_weakkey_close_primes(&rng, 1024, 1024 / 4 + TS_WEAKKEY_GAP_OVER, &k2), TS_OK);
    assert_true(ts_rsa_same_public(k, k2));
    /* bad sizes and gaps */
    ts_rsa_key *bad = NULL;
    assert_int_equal(ts_weakkey_close_primes(&rng, 1023, 100, &bad), TS_ERR_RSA_SIZE);
    assert_int_equal(ts_weakkey_close_primes(&rng, 1024, 0, &bad), TS_ERR_ARG);
    assert_int_equal(ts_weakkey_close_primes(&rng, 1024, 505, &bad), TS_ERR_ARG);
    ts_rsa_free(k);
    ts_rsa_free(k2);
    ts_buf_free(&n);
    ts_buf_free(&p);
    ts_buf_free(&fp);
    ts_buf_free(&fq);
}

static void test_shared_prime(void **state)
{
    (void)state;
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "shared", TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *a = NULL, *b = NULL;
    assert_int_equal(ts_weakkey_shared_prime(&rng, 512, &a, &b), TS_OK);
    assert_false(ts_rsa_same_public(a, b));
    ts_buf na = part(a, TS_RSA_N), nb = part(b, TS_RSA_N), g;
    ts_buf_init(&g);
    assert_int_equal(ts_rsa_math_gcd(na.data, na.len, nb.data, nb.len, &g), TS_OK);
    assert_true(ts_rsa_math_is_factor(g.data, g.len, na.data, na.len));
    assert_true(ts_rsa_math_is_factor(g.data, g.len, nb.data, nb.len));
    assert_int_equal(ts_rsa_bits(a), 512);
    assert_int_equal(ts_rsa_bits(b), 512);
    ts_rsa_free(a);
    ts_rsa_free(b);
    ts_buf_free(&na);
    ts_buf_free(&nb);
    ts_buf_free(&g);
}

static void test_e3_and_tiny(void **state)
{
    (void)state;
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "e3", TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_weakkey_e3(&rng, 1024, &k), TS_OK);
    ts_buf e = part(k, TS_RSA_E);
    assert_int_equal(e.len, 1);
    assert_int_equal(e.data[0], 3);
    ts_buf_free(&e);
    ts_rsa_free(k);
    assert_int_equal(ts_weakkey_tiny(&rng, 32, &k), TS_OK);
    assert_int_equal(ts_rsa_bits(k), 32);
    ts_rsa_free(k);
    assert_int_equal(ts_weakkey_tiny(&rng, 100, &k), TS_ERR_RSA_SIZE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_close_primes),
        cmocka_unit_test(test_shared_prime),
        cmocka_unit_test(test_e3_and_tiny),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
