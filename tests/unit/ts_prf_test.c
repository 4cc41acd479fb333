/* Unit tests for ts_prf: the TLS 1.2 PRF and the values derived with it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"
#include "crypto/ts_prf.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_secret.h"
#include "ts_test_hex.h"

/* Known-answer vectors: /work/shared/vectors/tls12-prf.txt (IETF TLS WG list
 * message 03416, as carried in Botan tls_prf.vec and GnuTLS tls12-prf.c). */
static void test_prf_vector_sha256(void **state)
{
    (void)state;
    ts_buf secret = hex("9bbe436ba940f017b17652849a71db35");
    ts_buf seed = hex("a0ba9f936cda311827a6f796ffd5198c");
    uint8_t out[100];
    assert_int_equal(ts_prf(TS_HASH_SHA256, secret.data, secret.len, "test label", seed.data,
                            seed.len, out, sizeof(out)),
                     TS_OK);
    assert_hex_equal(out, sizeof(out),
                     "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                     "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                     "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                     "87347b66");
    ts_buf_free(&secret);
    ts_buf_free(&seed);
}

static void test_prf_vector_sha384(void **state)
{
    (void)state;
    ts_buf secret = hex("b80b733d6ceefcdc71566ea48e5567df");
    ts_buf seed = hex("cd665cf6a8447dd6ff8b27555edb7465");
    uint8_t out[148];
    assert_int_equal(ts_prf(TS_HASH_SHA384, secret.data, secret.len, "test label", seed.data,
                            seed.len, out, sizeof(out)),
                     TS_OK);
    assert_hex_equal(out, sizeof(out),
                     "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
                     "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
                     "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
                     "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
                     "91c8f3a26854308d5eaa3be85e0990703d73e56f");
    ts_buf_free(&secret);
    ts_buf_free(&seed);
}

/* The label is only bytes in front of the seed; shorter outputs are prefixes. */
static void test_prf_label_and_prefix(void **state)
{
    (void)state;
    const uint8_t secret[] = {1, 2, 3};
    const uint8_t seed[] = "test labelXYZ";
    uint8_t a[77], b[77], c[30];
    assert_int_equal(ts_prf(TS_HASH_SHA256, secret, 3, "test label", seed + 10, 3, a, 77), TS_OK);
    assert_int_equal(ts_prf(TS_HASH_SHA256, secret, 3, "", seed, 13, b, 77), TS_OK);
    assert_memory_equal(a, b, 77);
    assert_int_equal(ts_prf(TS_HASH_SHA256, secret, 3, "test label", seed + 10, 3, c, 30), TS_OK);
    assert_memory_equal(a, c, 30);
    /* a different hash gives a different stream */
    assert_int_equal(ts_prf(TS_HASH_SHA384, secret, 3, "test label", seed + 10, 3, b, 77), TS_OK);
    assert_memory_not_equal(a, b, 77);
    /* empty secret, empty seed and no output are all allowed */
    assert_int_equal(ts_prf(TS_HASH_SHA256, NULL, 0, "x", NULL, 0, b, 77), TS_OK);
    assert_int_equal(ts_prf(TS_HASH_SHA256, secret, 3, "x", seed, 3, NULL, 0), TS_OK);
}

static void test_prf_bad_arguments(void **state)
{
    (void)state;
    const uint8_t secret[4] = {0};
    uint8_t out[8];
    memset(out, 0xee, sizeof(out));
    assert_int_equal(ts_prf((ts_hash_alg)7, secret, 4, "l", secret, 4, out, 8), TS_ERR_HASH);
    assert_int_equal(ts_prf(TS_HASH_SHA256, secret, 4, NULL, secret, 4, out, 8), TS_ERR_ARG);
    assert_int_equal(ts_prf(TS_HASH_SHA256, NULL, 4, "l", secret, 4, out, 8), TS_ERR_ARG);
    assert_int_equal(ts_prf(TS_HASH_SHA256, secret, 4, "l", NULL, 4, out, 8), TS_ERR_ARG);
    assert_int_equal(ts_prf(TS_HASH_SHA256, secret, 4, "l", secret, 4, NULL, 8), TS_ERR_ARG);
    for (size_t i = 0; i < sizeof(out); i++) {
        assert_int_equal(out[i], 0xee); /* nothing written on failure */
    }
}

/* Fixed inputs for the derivation tests: pms = 03 03 02 03 .. 2f,
 * client_random = 00 .. 1f, server_random = 80 .. 9f, handshake hash =
 * c0 c1 .. (32 or 48 bytes). Expected values below were computed once with
 * OpenSSL 3.0: `openssl kdf -keylen N -kdfopt digest:SHA384|SHA256
 * -kdfopt hexsecret:SECRET -kdfopt hexseed:HEX(label)||SEED TLS1-PRF`. */
typedef struct {
    uint8_t pms[48];
    uint8_t client_random[TS_RANDOM_LEN];
    uint8_t server_random[TS_RANDOM_LEN];
    uint8_t hh[48];
} inputs;

static inputs make_inputs(void)
{
    inputs in;
    for (unsigned i = 0; i < 48; i++) {
        in.pms[i] = (uint8_t)i;
        in.hh[i] = (uint8_t)(0xc0 + i);
    }
    in.pms[0] = 3;
    in.pms[1] = 3;
    for (unsigned i = 0; i < TS_RANDOM_LEN; i++) {
        in.client_random[i] = (uint8_t)i;
        in.server_random[i] = (uint8_t)(0x80 + i);
    }
    return in;
}

/* TLS_RSA_WITH_AES_256_GCM_SHA384: PRF SHA-384, sizes {0, 32, 4}. */
static void test_derive_aes256gcm_sha384(void **state)
{
    (void)state;
    inputs in = make_inputs();
    uint8_t master[TS_MASTER_LEN];
    assert_int_equal(ts_prf_master_secret(TS_HASH_SHA384, in.pms, 48, in.client_random,
                                          in.server_random, master),
                     TS_OK);
    assert_hex_equal(master, 48,
                     "6f3598a298320074436d91c7e15b20f728343a74a21d4b9aee3c2d7641f94644"
                     "a33121a5a2777c09e58a7d55627332cd");
    ts_key_sizes sizes = {0, 32, 4};
    ts_key_block kb;
    assert_int_equal(ts_prf_key_block(TS_HASH_SHA384, master, in.server_random, in.client_random,
                                      &sizes, &kb),
                     TS_OK);
    assert_int_equal(kb.block_len, 72);
    assert_hex_equal(kb.block, 72,
                     "7de5ae2eae1f7280ad37214d5effe1c9ce4013cbcc98710f7622c17dd6fc114c"
                     "f7e4646c22e903e25710a65feaef2e3e2ffc40565ef833701760af2ec91acd64"
                     "4c0387b0d086b19e");
    assert_hex_equal(kb.client_key, 32,
                     "7de5ae2eae1f7280ad37214d5effe1c9ce4013cbcc98710f7622c17dd6fc114c");
    assert_hex_equal(kb.server_key, 32,
                     "f7e4646c22e903e25710a65feaef2e3e2ffc40565ef833701760af2ec91acd64");
    assert_hex_equal(kb.client_iv, 4, "4c0387b0");
    assert_hex_equal(kb.server_iv, 4, "d086b19e");
    assert_true(ts_secret_is_zero(kb.client_mac, sizeof(kb.client_mac)));
    assert_true(ts_secret_is_zero(kb.client_iv + 4, sizeof(kb.client_iv) - 4));
    assert_int_equal(kb.sizes.fixed_iv_len, 4);
    ts_key_block_wipe(&kb);
    assert_true(ts_secret_is_zero(kb.client_key, sizeof(kb.client_key)));
    assert_true(ts_secret_is_zero(kb.block, sizeof(kb.block)));

    uint8_t vd[TS_VERIFY_DATA_LEN];
    assert_int_equal(ts_prf_verify_data(TS_HASH_SHA384, master, "client finished", in.hh, 48, vd),
                     TS_OK);
    assert_hex_equal(vd, 12, "7d1e9ebb6b5d9fad3bbba71f");
    assert_int_equal(ts_prf_verify_data(TS_HASH_SHA384, master, "server finished", in.hh, 48, vd),
                     TS_OK);
    assert_hex_equal(vd, 12, "a796465bcbf6576d1be17ad6");

    assert_int_equal(ts_prf_extended_master_secret(TS_HASH_SHA384, in.pms, 48, in.hh, 48, master),
                     TS_OK);
    assert_hex_equal(master, 48,
                     "ac66cc707881bfbe842ecf1967ca022a83a9b354778d8dd9a752ca6ef602400c"
                     "65ae4e6ede14b37dccab13f295de0e2a");
}

/* TLS_*_WITH_CHACHA20_POLY1305_SHA256 {0, 32, 12} and
 * TLS_RSA_WITH_NULL_SHA256 {32, 0, 0}: PRF SHA-256. */
static void test_derive_sha256_suites(void **state)
{
    (void)state;
    inputs in = make_inputs();
    uint8_t master[TS_MASTER_LEN];
    assert_int_equal(ts_prf_master_secret(TS_HASH_SHA256, in.pms, 48, in.client_random,
                                          in.server_random, master),
                     TS_OK);
    assert_hex_equal(master, 48,
                     "cf79f4263076a6b05bf14cd87f878470325d1fade02ec315341812bb4f22e8f6"
                     "7770ea9b6e7b01aa4c2b0bec9881da31");
    ts_key_sizes chacha = {0, 32, 12};
    ts_key_block kb;
    assert_int_equal(ts_prf_key_block(TS_HASH_SHA256, master, in.server_random, in.client_random,
                                      &chacha, &kb),
                     TS_OK);
    assert_int_equal(kb.block_len, 88);
    assert_hex_equal(kb.client_key, 32,
                     "13e788df145b490b72c80d9ee74d6b9e5cfd347feba1f361eeae890ce3498b22");
    assert_hex_equal(kb.server_key, 32,
                     "f791a78583e7331d1b14f0291d76b16e975aa32d84d8e6a6bd43ee87a6fa5bfd");
    assert_hex_equal(kb.client_iv, 12, "2773e128bb358ecd8e756aae");
    assert_hex_equal(kb.server_iv, 12, "7da809efec8ccee383346bb8");
    ts_key_block_wipe(&kb);

    ts_key_sizes null = {32, 0, 0};
    assert_int_equal(ts_prf_key_block(TS_HASH_SHA256, master, in.server_random, in.client_random,
                                      &null, &kb),
                     TS_OK);
    assert_int_equal(kb.block_len, 64);
    assert_hex_equal(kb.client_mac, 32,
                     "13e788df145b490b72c80d9ee74d6b9e5cfd347feba1f361eeae890ce3498b22");
    assert_hex_equal(kb.server_mac, 32,
                     "f791a78583e7331d1b14f0291d76b16e975aa32d84d8e6a6bd43ee87a6fa5bfd");
    assert_true(ts_secret_is_zero(kb.client_key, sizeof(kb.client_key)));
    assert_true(ts_secret_is_zero(kb.server_iv, sizeof(kb.server_iv)));
    ts_key_block_wipe(&kb);

    uint8_t vd[TS_VERIFY_DATA_LEN];
    assert_int_equal(ts_prf_verify_data(TS_HASH_SHA256, master, "client finished", in.hh, 32, vd),
                     TS_OK);
    assert_hex_equal(vd, 12, "c48550ed1e0d61b31d060fee");
    assert_int_equal(ts_prf_verify_data(TS_HASH_SHA256, master, "server finished", in.hh, 32, vd),
                     TS_OK);
    assert_hex_equal(vd, 12, "017b425c4a7d7a529e5bf8a4");

    assert_int_equal(ts_prf_extended_master_secret(TS_HASH_SHA256, in.pms, 48, in.hh, 32, master),
                     TS_OK);
    assert_hex_equal(master, 48,
                     "2993a1201367a7df9bc514a07aaa8f6426b3e808dae67c0fc307303b7548b818"
                     "928a8c63ae002c98c2dea50d2919cc12");
}

/* Swapping the randoms (a classic slip) changes the master secret. */
static void test_derive_order_matters(void **state)
{
    (void)state;
    inputs in = make_inputs();
    uint8_t a[TS_MASTER_LEN], b[TS_MASTER_LEN];
    assert_int_equal(ts_prf_master_secret(TS_HASH_SHA256, in.pms, 48, in.client_random,
                                          in.server_random, a),
                     TS_OK);
    assert_int_equal(ts_prf_master_secret(TS_HASH_SHA256, in.pms, 48, in.server_random,
                                          in.client_random, b),
                     TS_OK);
    assert_memory_not_equal(a, b, TS_MASTER_LEN);
}

static void test_derive_bad_arguments(void **state)
{
    (void)state;
    inputs in = make_inputs();
    uint8_t master[TS_MASTER_LEN] = {0};
    ts_key_block kb;
    memset(&kb, 0xee, sizeof(kb));
    ts_key_sizes too_big_mac = {49, 0, 0};
    ts_key_sizes too_big_key = {0, 33, 0};
    ts_key_sizes too_big_iv = {0, 0, 17};
    ts_key_sizes empty = {0, 0, 0};
    ts_key_sizes ok = {0, 32, 4};
    assert_int_equal(ts_prf_key_block(TS_HASH_SHA256, master, in.server_random, in.client_random,
                                      &too_big_mac, &kb),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_key_block(TS_HASH_SHA256, master, in.server_random, in.client_random,
                                      &too_big_key, &kb),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_key_block(TS_HASH_SHA256, master, in.server_random, in.client_random,
                                      &too_big_iv, &kb),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_key_block(TS_HASH_SHA256, master, in.server_random, in.client_random,
                                      &empty, &kb),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_key_block(TS_HASH_SHA256, master, in.server_random, in.client_random,
                                      NULL, &kb),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_key_block((ts_hash_alg)9, master, in.server_random, in.client_random,
                                      &ok, &kb),
                     TS_ERR_HASH);
    assert_int_equal(kb.block_len, (size_t)0xeeeeeeeeeeeeeeeeULL); /* untouched */

    uint8_t vd[TS_VERIFY_DATA_LEN];
    assert_int_equal(ts_prf_verify_data(TS_HASH_SHA256, master, "client finishe", in.hh, 32, vd),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_verify_data(TS_HASH_SHA256, master, "master secret", in.hh, 32, vd),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_verify_data(TS_HASH_SHA256, master, "client finished", NULL, 32, vd),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_extended_master_secret(TS_HASH_SHA256, in.pms, 48, in.hh, 0, master),
                     TS_ERR_ARG);
    assert_int_equal(ts_prf_master_secret((ts_hash_alg)9, in.pms, 48, in.client_random,
                                          in.server_random, master),
                     TS_ERR_HASH);
    assert_int_equal(ts_prf_master_secret(TS_HASH_SHA256, NULL, 48, in.client_random,
                                          in.server_random, master),
                     TS_ERR_ARG);
}

static int setup(void **state)
{
    (void)state;
    return ts_rng_global_init() == TS_OK ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prf_vector_sha256),
        cmocka_unit_test(test_prf_vector_sha384),
        cmocka_unit_test(test_prf_label_and_prefix),
        cmocka_unit_test(test_prf_bad_arguments),
        cmocka_unit_test(test_derive_aes256gcm_sha384),
        cmocka_unit_test(test_derive_sha256_suites),
        cmocka_unit_test(test_derive_order_matters),
        cmocka_unit_test(test_derive_bad_arguments),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
