/* Unit tests for ts_x25519: RFC 7748 known answers, key pairs from the rng,
 * and small-order points that must be refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_x25519.h"

static void from_hex(const char *text, uint8_t out[32])
{
    assert_int_equal(ts_hex_decode_exact(text, out, 32), TS_OK);
}

/* Checks X25519(k, u) == want. */
static void check_scalarmult(const char *k_hex, const char *u_hex, const char *want_hex)
{
    uint8_t k[32], u[32], want[32], got[32];
    from_hex(k_hex, k);
    from_hex(u_hex, u);
    from_hex(want_hex, want);
    assert_int_equal(ts_x25519_shared(k, u, got), TS_OK);
    assert_memory_equal(got, want, 32);
}

/* RFC 7748 §5.2: the two single-call test vectors. */
static void test_rfc7748_vectors(void **state)
{
    (void)state;
    check_scalarmult("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                     "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                     "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    check_scalarmult("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                     "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
                     "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
}

/* RFC 7748 §5.2: the iterated test, k = u = 9, then k, u = X25519(k, u), k;
 * values after 1 and 1000 iterations. */
static void test_rfc7748_iterated(void **state)
{
    (void)state;
    uint8_t k[32] = { 9 };
    uint8_t u[32] = { 9 };
    uint8_t r[32];
    uint8_t want1[32], want1000[32];
    from_hex("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", want1);
    from_hex("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", want1000);
    for (int i = 1; i <= 1000; i++) {
        assert_int_equal(ts_x25519_shared(k, u, r), TS_OK);
        memcpy(u, k, 32);
        memcpy(k, r, 32);
        if (i == 1) {
            assert_memory_equal(k, want1, 32);
        }
    }
    assert_memory_equal(k, want1000, 32);
}

/* RFC 7748 §6.1: Alice and Bob's keys and their shared secret. Public keys
 * are X25519(priv, 9), computed here through ts_x25519_shared. */
static void test_rfc7748_dh_example(void **state)
{
    (void)state;
    uint8_t alice_priv[32], alice_pub[32], bob_priv[32], bob_pub[32], want[32];
    uint8_t base[32] = { 9 };
    uint8_t got[32];
    from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", alice_priv);
    from_hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", alice_pub);
    from_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", bob_priv);
    from_hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", bob_pub);
    from_hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", want);

    assert_int_equal(ts_x25519_shared(alice_priv, base, got), TS_OK);
    assert_memory_equal(got, alice_pub, 32);
    assert_int_equal(ts_x25519_shared(bob_priv, base, got), TS_OK);
    assert_memory_equal(got, bob_pub, 32);
    assert_int_equal(ts_x25519_shared(alice_priv, bob_pub, got), TS_OK);
    assert_memory_equal(got, want, 32);
    assert_int_equal(ts_x25519_shared(bob_priv, alice_pub, got), TS_OK);
    assert_memory_equal(got, want, 32);
}

/* Key pairs come from the rng: same seed, same keys; the public key is
 * X25519(priv, 9); two parties agree. */
static void test_keypair(void **state)
{
    (void)state;
    ts_rng c1, c2, s1;
    assert_int_equal(ts_rng_init(&c1, "x25519-test", TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rng_init(&c2, "x25519-test", TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rng_init(&s1, "x25519-test", TS_ACTOR_SERVER), TS_OK);
    uint8_t cpriv[32], cpub[32], cpriv2[32], cpub2[32], spriv[32], spub[32];
    assert_int_equal(ts_x25519_keypair(&c1, cpriv, cpub), TS_OK);
    assert_int_equal(ts_x25519_keypair(&c2, cpriv2, cpub2), TS_OK);
    assert_int_equal(ts_x25519_keypair(&s1, spriv, spub), TS_OK);
    assert_memory_equal(cpriv, cpriv2, 32);
    assert_memory_equal(cpub, cpub2, 32);
    assert_memory_not_equal(cpriv, spriv, 32);
    assert_memory_not_equal(cpub, spub, 32);

    /* The next draw of the same stream gives a different key. */
    assert_int_equal(ts_x25519_keypair(&c2, cpriv2, cpub2), TS_OK);
    assert_memory_not_equal(cpriv, cpriv2, 32);

    uint8_t base[32] = { 9 };
    uint8_t check[32];
    assert_int_equal(ts_x25519_shared(cpriv, base, check), TS_OK);
    assert_memory_equal(check, cpub, 32);

    uint8_t z1[32], z2[32];
    assert_int_equal(ts_x25519_shared(cpriv, spub, z1), TS_OK);
    assert_int_equal(ts_x25519_shared(spriv, cpub, z2), TS_OK);
    assert_memory_equal(z1, z2, 32);
    assert_false(ts_secret_is_zero(z1, 32));

    assert_int_equal(ts_x25519_keypair(NULL, cpriv, cpub), TS_ERR_ARG);
    ts_rng_wipe(&c1);
    ts_rng_wipe(&c2);
    ts_rng_wipe(&s1);
}

/* Points of small order give an all-zero result (RFC 7748 §6.1 says to
 * check for it): u = 0, u = 1, and two points of order 8 (listed among the
 * small-order points in libsodium's and curve25519-donna's blacklists). */
static void test_small_order_rejected(void **state)
{
    (void)state;
    uint8_t priv[32];
    from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", priv);
    static const char *const points[] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
    };
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        uint8_t u[32];
        uint8_t shared[32];
        from_hex(points[i], u);
        memset(shared, 0xAB, sizeof shared);
        assert_int_equal(ts_x25519_shared(priv, u, shared), TS_ERR_DH_PUBLIC);
        assert_true(ts_secret_is_zero(shared, 32));
    }
    uint8_t out[32];
    assert_int_equal(ts_x25519_shared(NULL, priv, out), TS_ERR_ARG);
    assert_int_equal(ts_x25519_shared(priv, NULL, out), TS_ERR_ARG);
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc7748_vectors),
        cmocka_unit_test(test_rfc7748_iterated),
        cmocka_unit_test(test_rfc7748_dh_example),
        cmocka_unit_test(test_keypair),
        cmocka_unit_test(test_small_order_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
