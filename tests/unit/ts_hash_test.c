/* Unit tests for ts_hash: SHA-256, SHA-384, HMAC and the handshake hash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"

static void assert_hex_equal(const uint8_t *got, size_t n, const char *want)
{
    char hex[2 * 128 + 1];
    assert_true(n <= 128);
    ts_hex_encode(got, n, hex);
    assert_string_equal(hex, want);
}

static const char msg_448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char msg_896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                              "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

typedef struct {
    const char *msg; /* NULL: one million 'a' */
    const char *sha256;
    const char *sha384;
} hash_vector;

/* FIPS 180-4 examples (NIST CSRC "Examples with intermediate values":
 * SHA256.pdf, SHA384.pdf; the million-'a' message from FIPS 180-2
 * appendix B.3 / D.3). Also matches `openssl dgst -sha256 / -sha384`. */
static const hash_vector hash_vectors[] = {
    {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
     "8086072ba1e7cc2358baeca134c825a7"},
    {msg_448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
     "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
     "b0455a8520bc4e6f5fe95b1fe3c8452b"},
    {msg_896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
     "fcc7c71a557e2db966c3e9fa91746039"},
    {NULL, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
     "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
     "07b8b3dc38ecc4ebae97ddd87f3d8985"},
    /* the empty message: `printf '' | openssl dgst -sha256 / -sha384` */
    {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
     "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
     "274edebfe76f65fbd51ad2f14898b95b"},
};

/* FIPS 180-4 example SHA512.pdf ("abc"), and the empty message: `printf
 * 'abc' | openssl dgst -sha512`. SHA-512 is for rsa_pkcs1_sha512. */
static void test_sha512_vectors(void **state)
{
    (void)state;
    uint8_t out[TS_HASH_MAX_LEN];
    ts_hash(TS_HASH_SHA512, (const uint8_t *)"abc", 3, out);
    assert_hex_equal(out, TS_SHA512_LEN,
                     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    ts_hash(TS_HASH_SHA512, (const uint8_t *)"", 0, out);
    assert_hex_equal(out, TS_SHA512_LEN,
                     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                     "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
    assert_int_equal(ts_hash_len(TS_HASH_SHA512), 64);
    assert_int_equal(ts_hash_block_len(TS_HASH_SHA512), 128);
}

static void test_hash_vectors(void **state)
{
    (void)state;
    uint8_t *million = malloc(1000000);
    assert_non_null(million);
    memset(million, 'a', 1000000);
    for (size_t i = 0; i < sizeof(hash_vectors) / sizeof(hash_vectors[0]); i++) {
        const hash_vector *v = &hash_vectors[i];
        const uint8_t *m = v->msg ? (const uint8_t *)v->msg : million;
        size_t n = v->msg ? strlen(v->msg) : 1000000;
        uint8_t out[TS_HASH_MAX_LEN];
        ts_hash(TS_HASH_SHA256, m, n, out);
        assert_hex_equal(out, TS_SHA256_LEN, v->sha256);
        ts_hash(TS_HASH_SHA384, m, n, out);
        assert_hex_equal(out, TS_SHA384_LEN, v->sha384);
    }
    free(million);
}

/* Feeding the million 'a' in uneven pieces gives the one-shot digest, and a
 * context copied by assignment forks the running value. */
static void test_hash_incremental(void **state)
{
    (void)state;
    static const size_t pieces[] = {1, 63, 64, 65, 127, 128, 129, 1000, 7};
    for (int a = 0; a < 2; a++) {
        ts_hash_alg alg = a == 0 ? TS_HASH_SHA256 : TS_HASH_SHA384;
        uint8_t chunk[1000];
        memset(chunk, 'a', sizeof(chunk));
        ts_hash_ctx c;
        ts_hash_init(&c, alg);
        size_t done = 0;
        for (size_t i = 0; done < 1000000; i++) {
            size_t n = pieces[i % 9];
            if (n > 1000000 - done) {
                n = 1000000 - done;
            }
            ts_hash_update(&c, chunk, n);
            done += n;
        }
        uint8_t out[TS_HASH_MAX_LEN];
        ts_hash_final(&c, out);
        assert_hex_equal(out, ts_hash_len(alg), a == 0 ? hash_vectors[3].sha256
                                                       : hash_vectors[3].sha384);

        ts_hash_ctx x, y;
        ts_hash_init(&x, alg);
        ts_hash_update(&x, (const uint8_t *)"ab", 2);
        y = x;
        ts_hash_update(&x, (const uint8_t *)"c", 1);
        ts_hash_update(&y, NULL, 0);
        ts_hash_update(&y, (const uint8_t *)"c", 1);
        uint8_t ox[TS_HASH_MAX_LEN], oy[TS_HASH_MAX_LEN];
        ts_hash_final(&x, ox);
        ts_hash_final(&y, oy);
        assert_hex_equal(ox, ts_hash_len(alg), a == 0 ? hash_vectors[0].sha256
                                                      : hash_vectors[0].sha384);
        assert_memory_equal(ox, oy, ts_hash_len(alg));
    }
}

static void test_hash_names(void **state)
{
    (void)state;
    ts_hash_alg alg = TS_HASH_SHA384;
    assert_int_equal(ts_hash_from_name("sha256", &alg), TS_OK);
    assert_int_equal(alg, TS_HASH_SHA256);
    assert_int_equal(ts_hash_from_name("SHA-384", &alg), TS_OK);
    assert_int_equal(alg, TS_HASH_SHA384);
    assert_int_equal(ts_hash_from_name("SHA256", &alg), TS_OK);
    assert_int_equal(alg, TS_HASH_SHA256);
    assert_int_equal(ts_hash_from_name("sha384", &alg), TS_OK);
    assert_int_equal(alg, TS_HASH_SHA384);
    assert_int_equal(ts_hash_from_name("sha1", &alg), TS_ERR_HASH);
    assert_int_equal(ts_hash_from_name("SHA-512", &alg), TS_OK);
    assert_int_equal(alg, TS_HASH_SHA512);
    assert_int_equal(ts_hash_from_name("sha", &alg), TS_ERR_HASH);
    assert_int_equal(ts_hash_from_name("", &alg), TS_ERR_HASH);
    assert_int_equal(ts_hash_from_name("sha2566", &alg), TS_ERR_HASH);
    assert_int_equal(alg, TS_HASH_SHA512); /* untouched on failure */
    assert_string_equal(ts_hash_name(TS_HASH_SHA256), "sha256");
    assert_string_equal(ts_hash_name(TS_HASH_SHA384), "sha384");
    assert_int_equal(ts_hash_len(TS_HASH_SHA256), 32);
    assert_int_equal(ts_hash_len(TS_HASH_SHA384), 48);
    assert_int_equal(ts_hash_block_len(TS_HASH_SHA256), 64);
    assert_int_equal(ts_hash_block_len(TS_HASH_SHA384), 128);
}

typedef struct {
    const char *name;
    uint8_t key_byte;   /* key is key_len copies of key_byte... */
    size_t key_len;
    const char *key;    /* ...unless key is given (text) */
    int key_counting;   /* ...or 01 02 .. key_len */
    uint8_t data_byte;  /* data is data_len copies of data_byte... */
    size_t data_len;
    const char *data;   /* ...unless data is given */
    size_t out_len;     /* bytes compared (case 5 is truncated to 16) */
    const char *sha256;
    const char *sha384;
} hmac_vector;

static const char tc7_data[] =
    "This is a test using a larger than block-size key and a larger than block-size data. "
    "The key needs to be hashed before being used by the HMAC algorithm.";

/* RFC 4231 §4.2-§4.8, test cases 1-7 (HMAC-SHA-256 and HMAC-SHA-384). */
static const hmac_vector hmac_vectors[] = {
    {"case 1", 0x0b, 20, NULL, 0, 0, 0, "Hi There", 48,
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
     "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
     "faea9ea9076ede7f4af152e8b2fa9cb6"},
    {"case 2", 0, 4, "Jefe", 0, 0, 0, "what do ya want for nothing?", 48,
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
     "8e2240ca5e69e2c78b3239ecfab21649"},
    {"case 3", 0xaa, 20, NULL, 0, 0xdd, 50, NULL, 48,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
     "2a5ab39dc13814b94e3ab6e101a34f27"},
    {"case 4", 0, 25, NULL, 1, 0xcd, 50, NULL, 48,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
     "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
     "6801dd23c4a7d679ccf8a386c674cffb"},
    {"case 5", 0x0c, 20, NULL, 0, 0, 0, "Test With Truncation", 16,
     "a3b6167473100ee06e0c796c2955552b", "3abf34c3503b2a23a46efc619baef897"},
    {"case 6", 0xaa, 131, NULL, 0, 0, 0, "Test Using Larger Than Block-Size Key - Hash Key First",
     48, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
     "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
     "0c2ef6ab4030fe8296248df163f44952"},
    {"case 7", 0xaa, 131, NULL, 0, 0, 0, tc7_data, 48,
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
     "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
     "a678cc31e799176d3860e6110c46523e"},
};

static void hmac_inputs(const hmac_vector *v, uint8_t *key, uint8_t *data, size_t *data_len)
{
    for (size_t i = 0; i < v->key_len; i++) {
        key[i] = v->key ? (uint8_t)v->key[i] : v->key_counting ? (uint8_t)(i + 1) : v->key_byte;
    }
    if (v->data) {
        *data_len = strlen(v->data);
        memcpy(data, v->data, *data_len);
    } else {
        *data_len = v->data_len;
        memset(data, v->data_byte, v->data_len);
    }
}

static void test_hmac_rfc4231(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(hmac_vectors) / sizeof(hmac_vectors[0]); i++) {
        const hmac_vector *v = &hmac_vectors[i];
        uint8_t key[131], data[200], out[TS_HASH_MAX_LEN];
        size_t n;
        hmac_inputs(v, key, data, &n);
        ts_hmac(TS_HASH_SHA256, key, v->key_len, data, n, out);
        assert_hex_equal(out, v->out_len < 32 ? v->out_len : 32, v->sha256);
        ts_hmac(TS_HASH_SHA384, key, v->key_len, data, n, out);
        assert_hex_equal(out, v->out_len, v->sha384);
    }
}

/* Incremental HMAC, byte by byte, equals the one-shot value (case 7). */
static void test_hmac_incremental(void **state)
{
    (void)state;
    const hmac_vector *v = &hmac_vectors[6];
    uint8_t key[131], data[200], one[TS_HASH_MAX_LEN], inc[TS_HASH_MAX_LEN];
    size_t n;
    hmac_inputs(v, key, data, &n);
    for (int a = 0; a < 2; a++) {
        ts_hash_alg alg = a == 0 ? TS_HASH_SHA256 : TS_HASH_SHA384;
        ts_hmac(alg, key, v->key_len, data, n, one);
        ts_hmac_ctx c;
        ts_hmac_init(&c, alg, key, v->key_len);
        for (size_t i = 0; i < n; i++) {
            ts_hmac_update(&c, data + i, 1);
        }
        ts_hmac_final(&c, inc);
        assert_memory_equal(one, inc, ts_hash_len(alg));
        /* a key one byte shorter, or one bit flipped in the data, differs */
        ts_hmac(alg, key, v->key_len - 1, data, n, inc);
        assert_memory_not_equal(one, inc, ts_hash_len(alg));
        data[0] ^= 1;
        ts_hmac(alg, key, v->key_len, data, n, inc);
        assert_memory_not_equal(one, inc, ts_hash_len(alg));
        data[0] ^= 1;
    }
}

/* A key of exactly one block is used as is; one byte more is hashed first:
 * HMAC(K) == HMAC(H(K)) for |K| > block. Empty keys are allowed. */
static void test_hmac_key_lengths(void **state)
{
    (void)state;
    for (int a = 0; a < 2; a++) {
        ts_hash_alg alg = a == 0 ? TS_HASH_SHA256 : TS_HASH_SHA384;
        size_t block = ts_hash_block_len(alg);
        uint8_t key[129], hk[TS_HASH_MAX_LEN], x[TS_HASH_MAX_LEN], y[TS_HASH_MAX_LEN];
        memset(key, 0x42, sizeof(key));
        ts_hash(alg, key, block + 1, hk);
        ts_hmac(alg, key, block + 1, (const uint8_t *)"m", 1, x);
        ts_hmac(alg, hk, ts_hash_len(alg), (const uint8_t *)"m", 1, y);
        assert_memory_equal(x, y, ts_hash_len(alg));
        ts_hash(alg, key, block, hk);
        ts_hmac(alg, key, block, (const uint8_t *)"m", 1, x);
        ts_hmac(alg, hk, ts_hash_len(alg), (const uint8_t *)"m", 1, y);
        assert_memory_not_equal(x, y, ts_hash_len(alg));
        /* an empty key equals an all-zero key of any length up to a block */
        uint8_t zeros[128] = {0};
        ts_hmac(alg, NULL, 0, (const uint8_t *)"m", 1, x);
        ts_hmac(alg, zeros, block, (const uint8_t *)"m", 1, y);
        assert_memory_equal(x, y, ts_hash_len(alg));
    }
}

static void test_hs_hash(void **state)
{
    (void)state;
    ts_hs_hash h;
    ts_hs_hash_init(&h);
    uint8_t out[TS_HASH_MAX_LEN];
    ts_hs_hash_value(&h, TS_HASH_SHA256, out);
    assert_hex_equal(out, 32, hash_vectors[4].sha256); /* nothing yet: hash of "" */
    assert_int_equal(ts_hs_hash_add(&h, (const uint8_t *)msg_896, 56), TS_OK);
    ts_hs_hash_value(&h, TS_HASH_SHA384, out); /* a value in the middle changes nothing */
    assert_int_equal(ts_hs_hash_add(&h, (const uint8_t *)msg_896 + 56, 56), TS_OK);
    ts_hs_hash_value(&h, TS_HASH_SHA256, out);
    assert_hex_equal(out, 32, hash_vectors[2].sha256);
    ts_hs_hash_value(&h, TS_HASH_SHA384, out);
    assert_hex_equal(out, 48, hash_vectors[2].sha384);
    assert_int_equal(h.messages.len, 112);
    assert_memory_equal(h.messages.data, msg_896, 112);
    assert_int_equal(ts_hs_hash_add(&h, NULL, 5), TS_ERR_ARG);
    ts_hs_hash_free(&h);
    assert_int_equal(h.messages.len, 0);
}

static int setup(void **state)
{
    (void)state;
    return ts_rng_global_init() == TS_OK ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hash_vectors),
        cmocka_unit_test(test_sha512_vectors),
        cmocka_unit_test(test_hash_incremental),
        cmocka_unit_test(test_hash_names),
        cmocka_unit_test(test_hmac_rfc4231),
        cmocka_unit_test(test_hmac_incremental),
        cmocka_unit_test(test_hmac_key_lengths),
        cmocka_unit_test(test_hs_hash),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
