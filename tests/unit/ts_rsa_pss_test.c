/* Unit tests for ts_rsa_pss: a signature OpenSSL 3 made (openssl pkeyutl
 * -sign, rsa_padding_mode:pss, rsa_pss_saltlen:digest, SHA-256, over the
 * SHA-256 of "tlsstep PSS vector") verifies; our own signatures verify for
 * every hash and for a modulus whose encoding needs a leading zero byte;
 * any flipped bit, a wrong digest or a short signature is refused; a
 * modulus too small for the encoding is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"
#include "crypto/ts_rsa_pss.h"
#include "ts_test_hex.h"

static const char openssl_pub[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC2ipndTjcabWNWr8zW3pg9zSBS\n"
    "o+6djCKzDdNMYKQoz6Wj9lHOpjE3c4HoLvDWoWnCGxH8JZ0BupnmRb0oIqSVBWJE\n"
    "vL2gCa36G8fq1tYudQmcH/fNZ5PRbp/r7hwnm1V3qO8VAIGFl2XWvvKeiOuaV1dC\n"
    "O5PkYKl09ModNChKfwIDAQAB\n"
    "-----END PUBLIC KEY-----\n";
static const char openssl_digest[] = "83d1ceeb8b54185fd91926ddb7e41e742fc8c0cd029dfb7254e4e87a8a9ca08a";
static const char openssl_sig[] =
    "315e53f4a12732ca066f7cdf5b0f188901a01a74dbff30e17ce63173bd89c30135f971059bc7d2e027ef98f0ff5c93c13e76ad86d32607b7eee9fa3f51927a31"
    "d3c28b2c63a6701c642edc474f7f9aa434a685e4ae8d0ef4a142e99b6f1550846ddce33d6887bfd521c03b1c17cc1402048bf4e5f7dd03d07d254852297e0a26";

static void test_openssl_signature_verifies(void **state)
{
    (void)state;
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_rsa_from_pem(openssl_pub, &k), TS_OK);
    ts_buf d = hex(openssl_digest), s = hex(openssl_sig);
    assert_int_equal(ts_rsa_pss_verify(k, TS_HASH_SHA256, d.data, s.data, s.len), TS_OK);
    for (size_t bit = 0; bit < s.len * 8; bit += 37) {
        s.data[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        assert_int_equal(ts_rsa_pss_verify(k, TS_HASH_SHA256, d.data, s.data, s.len),
                         TS_ERR_SIGNATURE);
        s.data[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    d.data[0] ^= 1;
    assert_int_equal(ts_rsa_pss_verify(k, TS_HASH_SHA256, d.data, s.data, s.len), TS_ERR_SIGNATURE);
    d.data[0] ^= 1;
    assert_int_equal(ts_rsa_pss_verify(k, TS_HASH_SHA256, d.data, s.data, s.len - 1),
                     TS_ERR_SIGNATURE);
    assert_int_equal(ts_rsa_pss_verify(k, TS_HASH_SHA384, d.data, s.data, s.len), TS_ERR_SIGNATURE);
    ts_buf_free(&d);
    ts_buf_free(&s);
    ts_rsa_free(k);
}

static void round_trip(unsigned bits, ts_hash_alg alg)
{
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "pss-test", TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_rsa_generate(&rng, bits, 65537, &k), TS_OK);
    uint8_t digest[TS_HASH_MAX_LEN], sig[TS_RSA_MAX_LEN], sig2[TS_RSA_MAX_LEN];
    ts_hash(alg, (const uint8_t *)"m", 1, digest);
    assert_int_equal(ts_rsa_pss_sign(k, alg, digest, &rng, NULL, sig), TS_OK);
    assert_int_equal(ts_rsa_pss_verify(k, alg, digest, sig, ts_rsa_len(k)), TS_OK);
    /* a second signature differs (a fresh salt) and verifies too */
    assert_int_equal(ts_rsa_pss_sign(k, alg, digest, &rng, NULL, sig2), TS_OK);
    assert_memory_not_equal(sig, sig2, ts_rsa_len(k));
    assert_int_equal(ts_rsa_pss_verify(k, alg, digest, sig2, ts_rsa_len(k)), TS_OK);
    /* the same salt, the same signature */
    uint8_t salt[TS_HASH_MAX_LEN] = {1, 2, 3};
    assert_int_equal(ts_rsa_pss_sign(k, alg, digest, NULL, salt, sig), TS_OK);
    assert_int_equal(ts_rsa_pss_sign(k, alg, digest, NULL, salt, sig2), TS_OK);
    assert_memory_equal(sig, sig2, ts_rsa_len(k));
    sig[ts_rsa_len(k) / 2] ^= 0x10;
    assert_int_equal(ts_rsa_pss_verify(k, alg, digest, sig, ts_rsa_len(k)), TS_ERR_SIGNATURE);
    ts_rsa_free(k);
    ts_rng_wipe(&rng);
}

static void test_round_trips(void **state)
{
    (void)state;
    round_trip(1024, TS_HASH_SHA256);
    round_trip(1025, TS_HASH_SHA256); /* emBits = 1024: EM has a leading zero byte */
    round_trip(1031, TS_HASH_SHA384);
    round_trip(2048, TS_HASH_SHA512);
}

static void test_too_small(void **state)
{
    (void)state;
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "pss-small", TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *k = NULL;
    /* SHA-256 needs emLen >= 66 bytes: a 522-bit modulus, not 521 */
    assert_int_equal(ts_rsa_generate(&rng, 521, 65537, &k), TS_OK);
    uint8_t digest[64] = {0}, sig[TS_RSA_MAX_LEN];
    assert_int_equal(ts_rsa_pss_sign(k, TS_HASH_SHA256, digest, &rng, NULL, sig), TS_ERR_RSA_SIZE);
    ts_rsa_free(k);
    assert_int_equal(ts_rsa_generate(&rng, 522, 65537, &k), TS_OK);
    assert_int_equal(ts_rsa_pss_sign(k, TS_HASH_SHA256, digest, &rng, NULL, sig), TS_OK);
    assert_int_equal(ts_rsa_pss_verify(k, TS_HASH_SHA256, digest, sig, ts_rsa_len(k)), TS_OK);
    assert_int_equal(ts_rsa_pss_sign(k, TS_HASH_SHA512, digest, &rng, NULL, sig), TS_ERR_RSA_SIZE);
    assert_int_equal(ts_rsa_pss_sign(k, TS_HASH_SHA256, digest, NULL, NULL, sig), TS_ERR_ARG);
    ts_rsa_free(k);
    ts_rng_wipe(&rng);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_openssl_signature_verifies),
        cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_too_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
