/* Unit tests for ts_rsa: key generation (exact sizes, determinism, e=3),
 * keys from factors (the textbook p=61, q=53), textbook operations,
 * PKCS#1 v1.5 encryption and signatures with their failures, the lax
 * verifier's flaw, DER/PEM round trips and broken encodings, and a
 * known-answer signature from RFC 7515 appendix A.2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_buf.h"
#include "base/ts_hex.h"
#include "crypto/ts_der.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_rsa_pkcs1.h"
#include "ts_test_hex.h"

static ts_rsa_key *gen(const char *seed, unsigned bits, unsigned long e)
{
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, seed, TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_rsa_generate(&rng, bits, e, &k), TS_OK);
    assert_non_null(k);
    ts_rng_wipe(&rng);
    return k;
}

/* Appends part of k to a fresh buffer. */
static ts_buf part(const ts_rsa_key *k, ts_rsa_part which)
{
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_rsa_get(k, which, &b), TS_OK);
    return b;
}

static void assert_part_hex(const ts_rsa_key *k, ts_rsa_part which, const char *want)
{
    ts_buf got = part(k, which);
    ts_buf w = hex(want);
    assert_int_equal(got.len, w.len);
    assert_memory_equal(got.data, w.data, w.len);
    ts_buf_free(&got);
    ts_buf_free(&w);
}

static ts_buf private_der(const ts_rsa_key *k)
{
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_rsa_to_private_der(k, &b), TS_OK);
    return b;
}

/* --- generation --- */

static void test_generate_sizes(void **state)
{
    (void)state;
    static const unsigned sizes[] = {16, 17, 18, 31, 33, 63, 64, 65, 100, 512, 1024};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        for (unsigned s = 0; s < 3; s++) {
            char seed[32];
            snprintf(seed, sizeof(seed), "size-%u-%u", sizes[i], s);
            ts_rsa_key *k = gen(seed, sizes[i], 65537);
            assert_int_equal(ts_rsa_bits(k), sizes[i]);
            assert_int_equal(ts_rsa_len(k), (sizes[i] + 7) / 8);
            assert_true(ts_rsa_is_private(k));
            ts_buf n = part(k, TS_RSA_N);
            assert_int_equal(n.len, (sizes[i] + 7) / 8);
            unsigned top = sizes[i] % 8 == 0 ? 8 : sizes[i] % 8;
            assert_true(n.data[0] >> (top - 1) == 1); /* exactly sizes[i] bits */
            ts_buf_free(&n);
            /* a round trip through the textbook operations */
            uint8_t m[TS_RSA_MAX_LEN] = {0};
            uint8_t c[TS_RSA_MAX_LEN];
            uint8_t back[TS_RSA_MAX_LEN];
            size_t len = ts_rsa_len(k);
            m[len - 1] = 0x2a;
            m[len - 2] = 0x01;
            assert_int_equal(ts_rsa_public_raw(k, m, len, c), TS_OK);
            assert_int_equal(ts_rsa_private_raw(k, c, len, back), TS_OK);
            assert_memory_equal(back, m, len);
            ts_rsa_free(k);
        }
    }
}

static void test_generate_16_bit_primes(void **state)
{
    (void)state;
    /* 16 bits: p and q are 8-bit primes with the top two bits set (193..251) */
    for (unsigned s = 0; s < 20; s++) {
        char seed[16];
        snprintf(seed, sizeof(seed), "tiny%u", s);
        ts_rsa_key *k = gen(seed, 16, s % 2 ? 3 : 65537);
        ts_buf p = part(k, TS_RSA_P);
        ts_buf q = part(k, TS_RSA_Q);
        assert_int_equal(p.len, 1);
        assert_int_equal(q.len, 1);
        assert_true(p.data[0] >= 193 && p.data[0] <= 251);
        assert_true(q.data[0] >= 193 && q.data[0] <= 251);
        assert_true(p.data[0] != q.data[0]);
        assert_int_equal(ts_rsa_bits(k), 16);
        ts_buf_free(&p);
        ts_buf_free(&q);
        ts_rsa_free(k);
    }
}

static void test_generate_deterministic(void **state)
{
    (void)state;
    ts_rsa_key *a = gen("same seed", 512, 65537);
    ts_rsa_key *b = gen("same seed", 512, 65537);
    ts_rsa_key *c = gen("other seed", 512, 65537);
    ts_buf da = private_der(a);
    ts_buf db = private_der(b);
    ts_buf dc = private_der(c);
    assert_int_equal(da.len, db.len);
    assert_memory_equal(da.data, db.data, da.len);
    assert_false(da.len == dc.len && memcmp(da.data, dc.data, da.len) == 0);
    assert_true(ts_rsa_same_public(a, b));
    assert_false(ts_rsa_same_public(a, c));
    ts_buf_free(&da);
    ts_buf_free(&db);
    ts_buf_free(&dc);
    ts_rsa_free(a);
    ts_rsa_free(b);
    ts_rsa_free(c);
}

static void test_generate_e3(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("e3", 1024, 3);
    assert_part_hex(k, TS_RSA_E, "03");
    uint8_t digest[TS_SHA256_LEN];
    uint8_t sig[TS_RSA_MAX_LEN];
    ts_hash(TS_HASH_SHA256, (const uint8_t *)"e=3", 3, digest);
    assert_int_equal(ts_rsa_sign(k, TS_HASH_SHA256, digest, sig), TS_OK);
    assert_int_equal(ts_rsa_verify(k, TS_HASH_SHA256, digest, sig, ts_rsa_len(k)), TS_OK);
    ts_rsa_free(k);
}

static void test_generate_bad_arguments(void **state)
{
    (void)state;
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "bad", TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_rsa_generate(&rng, 15, 65537, &k), TS_ERR_RSA_SIZE);
    assert_int_equal(ts_rsa_generate(&rng, 4097, 65537, &k), TS_ERR_RSA_SIZE);
    assert_int_equal(ts_rsa_generate(&rng, 0, 65537, &k), TS_ERR_RSA_SIZE);
    assert_int_equal(ts_rsa_generate(&rng, 512, 65536, &k), TS_ERR_RSA_EXPONENT);
    assert_int_equal(ts_rsa_generate(&rng, 512, 1, &k), TS_ERR_RSA_EXPONENT);
    assert_int_equal(ts_rsa_generate(&rng, 512, 2, &k), TS_ERR_RSA_EXPONENT);
    assert_null(k);
}

/* --- from factors, textbook --- */

static void test_textbook_from_factors(void **state)
{
    (void)state;
    /* The textbook example (Wikipedia "RSA (cryptosystem)", also Rivest,
     * Shamir, Adleman style): p = 61, q = 53, n = 3233, e = 17,
     * d = 2753 (= 17^-1 mod 3120); m = 65 encrypts to c = 2790. */
    const uint8_t p[] = {61};
    const uint8_t q[] = {53};
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_rsa_from_factors(p, 1, q, 1, 17, &k), TS_OK);
    assert_part_hex(k, TS_RSA_N, "0ca1"); /* 3233 */
    assert_part_hex(k, TS_RSA_D, "0ac1"); /* 2753 */
    assert_part_hex(k, TS_RSA_E, "11");
    assert_int_equal(ts_rsa_bits(k), 12);
    const uint8_t m[] = {0x00, 65};
    uint8_t c[2];
    uint8_t back[2];
    assert_int_equal(ts_rsa_public_raw(k, m, 2, c), TS_OK);
    assert_int_equal(c[0] << 8 | c[1], 2790);
    assert_int_equal(ts_rsa_private_raw(k, c, 2, back), TS_OK);
    assert_int_equal(back[0] << 8 | back[1], 65);
    /* malleability: (2^e * c)^d = 2 * m */
    const uint8_t two[] = {2};
    uint8_t c2[2];
    assert_int_equal(ts_rsa_public_raw(k, two, 1, c2), TS_OK);
    unsigned prod = ((unsigned)(c2[0] << 8 | c2[1]) * (unsigned)(c[0] << 8 | c[1])) % 3233;
    const uint8_t cp[] = {(uint8_t)(prod >> 8), (uint8_t)prod};
    assert_int_equal(ts_rsa_private_raw(k, cp, 2, back), TS_OK);
    assert_int_equal(back[0] << 8 | back[1], 130);
    /* input not smaller than n */
    const uint8_t n[] = {0x0c, 0xa1};
    assert_int_equal(ts_rsa_public_raw(k, n, 2, c), TS_ERR_RSA_RANGE);
    assert_int_equal(ts_rsa_private_raw(k, n, 2, c), TS_ERR_RSA_RANGE);
    const uint8_t big[] = {0x01, 0x00, 0x00};
    assert_int_equal(ts_rsa_public_raw(k, big, 3, c), TS_ERR_RSA_RANGE);
    /* PKCS#1 does not fit in 2 bytes */
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "x", TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rsa_encrypt(k, &rng, m, 0, c), TS_ERR_RSA_MSG_LEN);
    uint8_t digest[TS_SHA256_LEN] = {0};
    assert_int_equal(ts_rsa_sign(k, TS_HASH_SHA256, digest, c), TS_ERR_RSA_MSG_LEN);
    ts_rsa_free(k);
}

static void test_from_factors_failures(void **state)
{
    (void)state;
    const uint8_t p61[] = {61};
    const uint8_t q53[] = {53};
    const uint8_t n60[] = {60};
    const uint8_t n2[] = {2};
    const uint8_t n91[] = {91}; /* 7 * 13 */
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_rsa_from_factors(p61, 1, p61, 1, 17, &k), TS_ERR_RSA_KEY);
    assert_int_equal(ts_rsa_from_factors(n60, 1, q53, 1, 17, &k), TS_ERR_RSA_KEY);
    assert_int_equal(ts_rsa_from_factors(n91, 1, q53, 1, 17, &k), TS_ERR_RSA_KEY);
    assert_int_equal(ts_rsa_from_factors(n2, 1, q53, 1, 17, &k), TS_ERR_RSA_KEY);
    /* gcd(3, 60) = 3: e not invertible */
    assert_int_equal(ts_rsa_from_factors(p61, 1, q53, 1, 3, &k), TS_ERR_RSA_EXPONENT);
    assert_int_equal(ts_rsa_from_factors(p61, 1, q53, 1, 4, &k), TS_ERR_RSA_EXPONENT);
    assert_null(k);
}

static void test_public_only(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("pub", 512, 65537);
    ts_rsa_key *pub = ts_rsa_public_copy(k);
    assert_non_null(pub);
    assert_false(ts_rsa_is_private(pub));
    assert_true(ts_rsa_same_public(k, pub));
    assert_int_equal(ts_rsa_bits(pub), 512);
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_rsa_get(pub, TS_RSA_D, &b), TS_ERR_RSA_KEY);
    assert_int_equal(ts_rsa_to_private_der(pub, &b), TS_ERR_RSA_KEY);
    uint8_t in[64] = {1};
    uint8_t out[64];
    assert_int_equal(ts_rsa_private_raw(pub, in, 1, out), TS_ERR_RSA_KEY);
    uint8_t digest[TS_SHA256_LEN] = {0};
    assert_int_equal(ts_rsa_sign(pub, TS_HASH_SHA256, digest, out), TS_ERR_RSA_KEY);
    assert_int_equal(ts_rsa_decrypt(pub, in, 64, &b), TS_ERR_RSA_KEY);
    ts_buf n = part(k, TS_RSA_N);
    ts_buf e = part(k, TS_RSA_E);
    ts_rsa_key *again = NULL;
    assert_int_equal(ts_rsa_from_public(n.data, n.len, e.data, e.len, &again), TS_OK);
    assert_true(ts_rsa_same_public(k, again));
    const uint8_t even_e[] = {0x01, 0x00, 0x00};
    ts_rsa_key *bad = NULL;
    assert_int_equal(ts_rsa_from_public(n.data, n.len, even_e, 3, &bad), TS_ERR_RSA_EXPONENT);
    n.data[n.len - 1] &= 0xFE; /* an even modulus */
    assert_int_equal(ts_rsa_from_public(n.data, n.len, e.data, e.len, &bad), TS_ERR_RSA_SIZE);
    assert_null(bad);
    ts_buf_free(&n);
    ts_buf_free(&e);
    ts_buf_free(&b);
    ts_rsa_free(again);
    ts_rsa_free(pub);
    ts_rsa_free(k);
    ts_rsa_free(NULL);
}

/* --- PKCS#1 v1.5 encryption --- */

static void test_encrypt_round_trip(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("enc", 1024, 65537);
    size_t len = ts_rsa_len(k);
    uint8_t msg[128];
    for (size_t i = 0; i < sizeof(msg); i++) {
        msg[i] = (uint8_t)(i ^ 0x5a);
    }
    static const size_t sizes[] = {0, 1, 48, 117};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        ts_rng rng;
        assert_int_equal(ts_rng_init(&rng, "pad", TS_ACTOR_CLIENT), TS_OK);
        uint8_t ct[TS_RSA_MAX_LEN];
        uint8_t ct2[TS_RSA_MAX_LEN];
        assert_int_equal(ts_rsa_encrypt(k, &rng, msg, sizes[i], ct), TS_OK);
        assert_int_equal(ts_rsa_encrypt(k, &rng, msg, sizes[i], ct2), TS_OK);
        assert_memory_not_equal(ct, ct2, len); /* fresh padding each time */
        ts_buf out;
        ts_buf_init(&out);
        assert_int_equal(ts_rsa_decrypt(k, ct, len, &out), TS_OK);
        assert_int_equal(out.len, sizes[i]);
        if (sizes[i] > 0) {
            assert_memory_equal(out.data, msg, sizes[i]);
        }
        /* the padding is 00 02, at least 8 non-zero bytes, 00 */
        uint8_t em[TS_RSA_MAX_LEN];
        assert_int_equal(ts_rsa_private_raw(k, ct, len, em), TS_OK);
        assert_int_equal(em[0], 0);
        assert_int_equal(em[1], 2);
        for (size_t j = 2; j < len - sizes[i] - 1; j++) {
            assert_true(em[j] != 0);
        }
        assert_int_equal(em[len - sizes[i] - 1], 0);
        ts_buf_free(&out);
    }
    /* same seed, same ciphertext */
    ts_rng r1;
    ts_rng r2;
    assert_int_equal(ts_rng_init(&r1, "again", TS_ACTOR_CLIENT), TS_OK);
    assert_int_equal(ts_rng_init(&r2, "again", TS_ACTOR_CLIENT), TS_OK);
    uint8_t c1[TS_RSA_MAX_LEN];
    uint8_t c2[TS_RSA_MAX_LEN];
    assert_int_equal(ts_rsa_encrypt(k, &r1, msg, 48, c1), TS_OK);
    assert_int_equal(ts_rsa_encrypt(k, &r2, msg, 48, c2), TS_OK);
    assert_memory_equal(c1, c2, len);
    /* 118 bytes leave only 7 bytes of padding */
    assert_int_equal(ts_rsa_encrypt(k, &r1, msg, 118, c1), TS_ERR_RSA_MSG_LEN);
    ts_rsa_free(k);
}

/* Encrypts the raw block em (hex, k bytes) and expects decrypt to fail. */
static void expect_padding_error(const ts_rsa_key *k, const uint8_t *em, const char *what)
{
    uint8_t ct[TS_RSA_MAX_LEN];
    assert_int_equal(ts_rsa_public_raw(k, em, ts_rsa_len(k), ct), TS_OK);
    ts_buf out;
    ts_buf_init(&out);
    ts_err err = ts_rsa_decrypt(k, ct, ts_rsa_len(k), &out);
    if (err != TS_ERR_PADDING) {
        fail_msg("%s: got %s", what, ts_err_name(err));
    }
    assert_int_equal(out.len, 0);
    ts_buf_free(&out);
}

static void test_decrypt_padding_failures(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("padding", 512, 65537);
    size_t len = ts_rsa_len(k);
    uint8_t good[TS_RSA_MAX_LEN];
    uint8_t em[TS_RSA_MAX_LEN];
    /* 00 02 PS(8) 00 M(len - 11) */
    good[0] = 0x00;
    good[1] = 0x02;
    memset(good + 2, 0x33, 8);
    good[10] = 0x00;
    memset(good + 11, 0x44, len - 11);
    memcpy(em, good, len);
    uint8_t ct[TS_RSA_MAX_LEN];
    assert_int_equal(ts_rsa_public_raw(k, em, len, ct), TS_OK);
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_rsa_decrypt(k, ct, len, &out), TS_OK); /* the baseline passes */
    assert_int_equal(out.len, len - 11);
    ts_buf_free(&out);

    memcpy(em, good, len);
    em[1] = 0x01;
    expect_padding_error(k, em, "block type 1");
    memcpy(em, good, len);
    em[1] = 0x03;
    expect_padding_error(k, em, "block type 3");
    memcpy(em, good, len);
    em[0] = 0x01;
    em[1] = 0x02;
    expect_padding_error(k, em, "first byte not zero");
    memcpy(em, good, len);
    em[9] = 0x00; /* PS of 7 bytes */
    expect_padding_error(k, em, "short PS");
    memcpy(em, good, len);
    em[2] = 0x00; /* PS of 0 bytes */
    expect_padding_error(k, em, "empty PS");
    memcpy(em, good, len);
    memset(em + 2, 0x55, len - 2); /* no 00 separator */
    expect_padding_error(k, em, "missing separator");

    /* a flipped ciphertext bit */
    ct[len / 2] ^= 0x01;
    ts_buf_init(&out);
    assert_int_equal(ts_rsa_decrypt(k, ct, len, &out), TS_ERR_PADDING);
    /* wrong lengths and values not below n */
    assert_int_equal(ts_rsa_decrypt(k, ct, len - 1, &out), TS_ERR_RSA_RANGE);
    memset(ct, 0xFF, len);
    assert_int_equal(ts_rsa_decrypt(k, ct, len, &out), TS_ERR_RSA_RANGE);
    assert_int_equal(out.len, 0);
    ts_buf_free(&out);
    ts_rsa_free(k);
}

/* --- signatures --- */

static void test_sign_verify(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("sign", 1024, 65537);
    size_t len = ts_rsa_len(k);
    static const ts_hash_alg algs[] = {TS_HASH_SHA256, TS_HASH_SHA384};
    for (size_t a = 0; a < 2; a++) {
        uint8_t digest[TS_HASH_MAX_LEN];
        uint8_t sig[TS_RSA_MAX_LEN];
        uint8_t sig2[TS_RSA_MAX_LEN];
        ts_hash(algs[a], (const uint8_t *)"hello", 5, digest);
        assert_int_equal(ts_rsa_sign(k, algs[a], digest, sig), TS_OK);
        assert_int_equal(ts_rsa_sign(k, algs[a], digest, sig2), TS_OK);
        assert_memory_equal(sig, sig2, len); /* deterministic */
        assert_int_equal(ts_rsa_verify(k, algs[a], digest, sig, len), TS_OK);
        assert_int_equal(ts_rsa_verify_lax(k, algs[a], digest, sig, len), TS_OK);
        /* the other hash, another digest, flipped bits, wrong length */
        assert_int_equal(ts_rsa_verify(k, algs[1 - a], digest, sig, len), TS_ERR_SIGNATURE);
        assert_int_equal(ts_rsa_verify_lax(k, algs[1 - a], digest, sig, len), TS_ERR_SIGNATURE);
        digest[0] ^= 0x80;
        assert_int_equal(ts_rsa_verify(k, algs[a], digest, sig, len), TS_ERR_SIGNATURE);
        assert_int_equal(ts_rsa_verify_lax(k, algs[a], digest, sig, len), TS_ERR_SIGNATURE);
        digest[0] ^= 0x80;
        for (size_t bit = 0; bit < 8 * len; bit += 37) {
            sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
            assert_int_equal(ts_rsa_verify(k, algs[a], digest, sig, len), TS_ERR_SIGNATURE);
            assert_int_equal(ts_rsa_verify_lax(k, algs[a], digest, sig, len), TS_ERR_SIGNATURE);
            sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        }
        assert_int_equal(ts_rsa_verify(k, algs[a], digest, sig, len - 1), TS_ERR_SIGNATURE);
        memset(sig2, 0xFF, len);
        assert_int_equal(ts_rsa_verify(k, algs[a], digest, sig2, len), TS_ERR_SIGNATURE);
        /* the block is 00 01 FF.. 00 DigestInfo H */
        uint8_t em[TS_RSA_MAX_LEN];
        assert_int_equal(ts_rsa_public_raw(k, sig, len, em), TS_OK);
        assert_int_equal(em[0], 0);
        assert_int_equal(em[1], 1);
        assert_int_equal(em[2], 0xFF);
        assert_memory_equal(em + len - ts_hash_len(algs[a]), digest, ts_hash_len(algs[a]));
    }
    ts_rsa_free(k);
}

static void test_lax_accepts_trailing_garbage(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("lax", 1024, 3);
    size_t len = ts_rsa_len(k);
    uint8_t digest[TS_SHA256_LEN];
    ts_hash(TS_HASH_SHA256, (const uint8_t *)"forged", 6, digest);
    /* 00 01 FF x 8 00 DigestInfo(SHA-256, H) garbage... (RFC 8017 9.2 note 1 prefix) */
    ts_buf prefix = hex("3031300d060960864801650304020105000420");
    uint8_t em[TS_RSA_MAX_LEN];
    size_t at = 0;
    em[at++] = 0x00;
    em[at++] = 0x01;
    memset(em + at, 0xFF, 8);
    at += 8;
    em[at++] = 0x00;
    memcpy(em + at, prefix.data, prefix.len);
    at += prefix.len;
    memcpy(em + at, digest, sizeof(digest));
    at += sizeof(digest);
    for (; at < len; at++) {
        em[at] = (uint8_t)(at * 31 + 7);
    }
    uint8_t sig[TS_RSA_MAX_LEN];
    assert_int_equal(ts_rsa_private_raw(k, em, len, sig), TS_OK);
    assert_int_equal(ts_rsa_verify(k, TS_HASH_SHA256, digest, sig, len), TS_ERR_SIGNATURE);
    assert_int_equal(ts_rsa_verify_lax(k, TS_HASH_SHA256, digest, sig, len), TS_OK);
    /* lax still checks the hash, the OID, 00 01 and at least 8 FF */
    uint8_t other[TS_SHA256_LEN];
    memcpy(other, digest, sizeof(other));
    other[5] ^= 1;
    assert_int_equal(ts_rsa_verify_lax(k, TS_HASH_SHA256, other, sig, len), TS_ERR_SIGNATURE);
    uint8_t bad[TS_RSA_MAX_LEN];
    memcpy(bad, em, len);
    bad[1] = 0x02;
    assert_int_equal(ts_rsa_private_raw(k, bad, len, sig), TS_OK);
    assert_int_equal(ts_rsa_verify_lax(k, TS_HASH_SHA256, digest, sig, len), TS_ERR_SIGNATURE);
    memcpy(bad, em, len);
    bad[9] = 0x00;
    bad[10] = 0x30; /* 7 FF only, DigestInfo moved by one */
    memmove(bad + 10, em + 11, len - 11);
    assert_int_equal(ts_rsa_private_raw(k, bad, len, sig), TS_OK);
    assert_int_equal(ts_rsa_verify_lax(k, TS_HASH_SHA256, digest, sig, len), TS_ERR_SIGNATURE);
    memcpy(bad, em, len);
    bad[11 + 14] = 0x02; /* SHA-384's OID with a SHA-256 length */
    assert_int_equal(ts_rsa_private_raw(k, bad, len, sig), TS_OK);
    assert_int_equal(ts_rsa_verify_lax(k, TS_HASH_SHA256, digest, sig, len), TS_ERR_SIGNATURE);
    ts_buf_free(&prefix);
    ts_rsa_free(k);
}

/* RFC 7515 ("JSON Web Signature"), appendix A.2: an RS256 (RSASSA-PKCS1-v1_5
 * with SHA-256) example. Key from the JWK in A.2.1 (base64url decoded to
 * hex), signature from A.2.1's result, over the ASCII JWS signing input. */
static const char KAT_P[] =
    "e01cc410eb48a6655d54464d0aa4bb6da0b872b774a6a9d11ffe480778f0ddb7"
    "311a7e902ef9c4b5f75476262ba8176cb35979f014372a1a2829e4136bd001d0"
    "7c3f3f2e4f25d4c934f63c7109fba2e67628a0dc9a73c6058e6def22dcd50950"
    "e711ddc16d5586f2a7fa75ea8494c18083e0b65742f8a0d5e73fb2d970f01947";
static const char KAT_Q[] =
    "b903c47e0995b632f4532cb1f3c199145d5f3ae9c7dfeedc7a92a6b47e29c61b"
    "42a07aa95a64fc600999c5a7b01e01c08cb62ca756527bbcc56078fb0baba5ed"
    "38de2d07990ff6300faeadeb6c039a97bf1e507e4e7040fa78db8257c8b112ed"
    "5e59c3cd092fe5d4e5b51275d41281072a5e785ebaf3dae3709203133f5159d7";
static const char KAT_N[] =
    "a1f8160ae2e3c9b465ce8d2d656263362b927dbe29e1f02477fc1625cc90a136"
    "e38bd93497c5b6ea63dd7711e67c7429f956b0fb8a8f089adc4b69893cc1333f"
    "53edd019b87784252fec914fe4857769594bea4280d32c0f55bf62944f130396"
    "bc6e9bdf6ebdd2bda3678eeca0c668f701b38dbffb38c8342ce2fe6d27fade4a"
    "5a4874979dd4b9cf9adec4c75b05852c2c0f5ef8a5c1750392f944e8ed64c110"
    "c6b647609aa4783aeb9c6c9ad755313050638b83665c6f6f7a82a396702a1f64"
    "1b82d3ebf2392219491fb686872c5716f50af8358d9a8b9d17c340728f7f87d8"
    "9a18d8fcab67ad84590c2ecf759339363c07034d6f606f9e21e05456cae5e9a1";
static const char KAT_DP[] =
    "07029f577024ab9fcc1590c56429d6fb0ce5f820a8f375a866f9cb430093783b"
    "fcbb396e4529e6ef52374022dd86ba84d9ef58931beec5d05fa53fcf23b633f8"
    "538a9eed51e87b097830a39f5d92937be6024b55db36f7e0c09dcbb72975387f"
    "615afbb6cb36bbabe7793c2b03ceab66dbb931baf50b55ec9af9311d001d628d";
static const char KAT_DQ[] =
    "87ff7afa62b547fee0961b2e9bcd5d6718d39d8ca73db6691f38998de7877176"
    "2c5da68cc243a5383b166bb23dc570e84706ca801ef5f6bae6236a0aafa3770e"
    "8f54d1a8da1c5f8d2899f082331ddb0f5c8f3dfffa4c8d97102bdafe082a118d"
    "a6633988880e4b55599ce67af26ebfa5b2c14a9de7b2c4dd96abddd2d2224c75";
static const char KAT_QI[] =
    "21877b0c73a1ad6bf19303d0b11336b4e82b8db72b7efb50262a5df8395cc725"
    "6eb8cf6c40b7608d5936a32dba174126a527062ead8ca305fb7e177f409437c9"
    "dcb9718ed82018bcef0f7720a2c475f9db26da0e3cb516d084eb25178e828d5c"
    "abd49bb3161ac0181fa7f821e80e7ad37936f9943054ad092921ee2c592e4375";
static const char KAT_SIG[] =
    "702e218943e88fd11eb5d82dbf7845f34106ae1b81fff7731116add1717d8365"
    "6d420afd3c96eedd73a2663e5166687b000b87226e0187ed1073f945e582adfc"
    "ef16d85a798ee8c66ddb3db8975b17d09402beedd5d9d97007108db28160d5f8"
    "040ca7445762b81fbe7ff9d92e0ae76f24f25b33bbe6f44ae61eb1040acb2004"
    "4d3ef9128ed40130795bd4bd3b41eecad066ab651981fde48df77f372dc38b9f"
    "afdd3befb18b5da3cc3c2eb02f9e3a41d612caad15911273a05f23b9e838faaf"
    "849d698429ef5a1e88798236c3d40e604522a544c8f27a7a2db80663d16cf7ca"
    "ea56de405cb2215a45b2c25566b55ac1a748a070dfc8a32a469543d019eefb47";
static const char KAT_INPUT[] =
    "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0"
    "dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

static void test_known_answer_rfc7515(void **state)
{
    (void)state;
    ts_buf p = hex(KAT_P);
    ts_buf q = hex(KAT_Q);
    ts_buf want = hex(KAT_SIG);
    ts_rsa_key *k = NULL;
    assert_int_equal(ts_rsa_from_factors(p.data, p.len, q.data, q.len, 65537, &k), TS_OK);
    assert_part_hex(k, TS_RSA_N, KAT_N);
    assert_part_hex(k, TS_RSA_DP, KAT_DP);
    assert_part_hex(k, TS_RSA_DQ, KAT_DQ);
    assert_part_hex(k, TS_RSA_QINV, KAT_QI);
    assert_int_equal(ts_rsa_bits(k), 2048);
    uint8_t digest[TS_SHA256_LEN];
    ts_hash(TS_HASH_SHA256, (const uint8_t *)KAT_INPUT, strlen(KAT_INPUT), digest);
    uint8_t sig[TS_RSA_MAX_LEN];
    assert_int_equal(ts_rsa_sign(k, TS_HASH_SHA256, digest, sig), TS_OK);
    assert_int_equal(want.len, 256);
    assert_memory_equal(sig, want.data, 256);
    /* verification with the public key alone */
    ts_buf n = hex(KAT_N);
    const uint8_t e[] = {0x01, 0x00, 0x01};
    ts_rsa_key *pub = NULL;
    assert_int_equal(ts_rsa_from_public(n.data, n.len, e, 3, &pub), TS_OK);
    assert_int_equal(ts_rsa_verify(pub, TS_HASH_SHA256, digest, want.data, want.len), TS_OK);
    digest[31] ^= 1;
    assert_int_equal(ts_rsa_verify(pub, TS_HASH_SHA256, digest, want.data, want.len),
                     TS_ERR_SIGNATURE);
    ts_buf_free(&p);
    ts_buf_free(&q);
    ts_buf_free(&n);
    ts_buf_free(&want);
    ts_rsa_free(pub);
    ts_rsa_free(k);
}

/* --- DER and PEM --- */

static void test_der_round_trips(void **state)
{
    (void)state;
    static const unsigned sizes[] = {16, 64, 512, 1024};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        ts_rsa_key *k = gen("der", sizes[i], 65537);
        ts_buf der = private_der(k);
        ts_rsa_key *back = NULL;
        assert_int_equal(ts_rsa_from_private_der(der.data, der.len, &back), TS_OK);
        assert_true(ts_rsa_is_private(back));
        ts_buf der2 = private_der(back);
        assert_int_equal(der.len, der2.len);
        assert_memory_equal(der.data, der2.data, der.len);
        ts_buf_free(&der2);
        ts_rsa_free(back);

        /* SPKI and PKCS#1 RSAPublicKey */
        ts_buf spki;
        ts_buf_init(&spki);
        assert_int_equal(ts_rsa_to_spki_der(k, &spki), TS_OK);
        assert_int_equal(ts_rsa_from_spki_der(spki.data, spki.len, &back), TS_OK);
        assert_false(ts_rsa_is_private(back));
        assert_true(ts_rsa_same_public(k, back));
        ts_rsa_free(back);
        ts_buf pub;
        ts_buf_init(&pub);
        assert_int_equal(ts_rsa_to_public_der(k, &pub), TS_OK);
        assert_int_equal(ts_rsa_from_spki_der(pub.data, pub.len, &back), TS_OK);
        assert_true(ts_rsa_same_public(k, back));
        ts_rsa_free(back);
        /* SPKI = SEQ { SEQ { rsaEncryption, NULL }, BIT STRING { 00, RSAPublicKey } } */
        ts_buf r;
        ts_buf_view(&r, spki.data, spki.len);
        ts_buf seq;
        ts_buf alg;
        ts_buf bits;
        assert_int_equal(ts_der_read(&r, TS_DER_SEQUENCE, &seq, NULL), TS_OK);
        assert_int_equal(ts_der_read(&seq, TS_DER_SEQUENCE, &alg, NULL), TS_OK);
        assert_int_equal(ts_buf_remaining(&alg), 13);
        assert_memory_equal(ts_buf_cursor(&alg), "\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00",
                            13);
        assert_int_equal(ts_der_read_bits(&seq, &bits), TS_OK);
        assert_int_equal(ts_buf_remaining(&bits), pub.len);
        assert_memory_equal(ts_buf_cursor(&bits), pub.data, pub.len);

        /* PKCS#8 PrivateKeyInfo wrapping the RSAPrivateKey */
        ts_buf p8;
        ts_buf_init(&p8);
        size_t outer;
        size_t alg_mark;
        assert_int_equal(ts_der_begin(&p8, TS_DER_SEQUENCE, &outer), TS_OK);
        assert_int_equal(ts_der_write_small(&p8, 0), TS_OK);
        assert_int_equal(ts_der_begin(&p8, TS_DER_SEQUENCE, &alg_mark), TS_OK);
        assert_int_equal(ts_der_write_oid(&p8, &TS_OID_RSA_ENCRYPTION), TS_OK);
        assert_int_equal(ts_der_write_null(&p8), TS_OK);
        assert_int_equal(ts_der_end(&p8, alg_mark), TS_OK);
        assert_int_equal(ts_der_write_tlv(&p8, TS_DER_OCTET_STRING, der.data, der.len), TS_OK);
        assert_int_equal(ts_der_end(&p8, outer), TS_OK);
        assert_int_equal(ts_rsa_from_private_der(p8.data, p8.len, &back), TS_OK);
        assert_true(ts_rsa_is_private(back));
        assert_true(ts_rsa_same_public(k, back));
        ts_rsa_free(back);
        /* a PKCS#8 key of another algorithm */
        uint8_t *oid = memmem(p8.data, p8.len, TS_OID_RSA_ENCRYPTION.bytes, 9);
        assert_non_null(oid);
        oid[8] = 0x03; /* 1.2.840.113549.1.1.3, not rsaEncryption */
        assert_int_equal(ts_rsa_from_private_der(p8.data, p8.len, &back), TS_ERR_RSA_KEY);

        ts_buf_free(&p8);
        ts_buf_free(&pub);
        ts_buf_free(&spki);
        ts_buf_free(&der);
        ts_rsa_free(k);
    }
}

static void test_pem_round_trips(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("pem", 512, 65537);
    ts_buf pem;
    ts_buf_init(&pem);
    assert_int_equal(ts_rsa_to_private_pem(k, &pem), TS_OK);
    assert_int_equal(ts_buf_write_u8(&pem, 0), TS_OK);
    assert_true(strncmp((char *)pem.data, "-----BEGIN RSA PRIVATE KEY-----\n", 32) == 0);
    ts_rsa_key *back = NULL;
    assert_int_equal(ts_rsa_from_pem((char *)pem.data, &back), TS_OK);
    assert_true(ts_rsa_is_private(back));
    assert_true(ts_rsa_same_public(k, back));
    ts_rsa_free(back);
    ts_buf_reset(&pem);
    assert_int_equal(ts_rsa_to_public_pem(k, &pem), TS_OK);
    assert_int_equal(ts_buf_write_u8(&pem, 0), TS_OK);
    assert_true(strncmp((char *)pem.data, "-----BEGIN PUBLIC KEY-----\n", 27) == 0);
    assert_int_equal(ts_rsa_from_pem((char *)pem.data, &back), TS_OK);
    assert_false(ts_rsa_is_private(back));
    assert_true(ts_rsa_same_public(k, back));
    ts_rsa_free(back);
    back = NULL;
    /* the label decides the format: an SPKI body under "RSA PUBLIC KEY" fails */
    char *text = (char *)pem.data;
    char *swapped = malloc(strlen(text) + 16);
    assert_non_null(swapped);
    snprintf(swapped, strlen(text) + 16, "-----BEGIN RSA PUBLIC KEY-----\n%s",
             strchr(text, '\n') + 1);
    char *end = strstr(swapped, "-----END PUBLIC KEY-----");
    assert_non_null(end);
    memcpy(end, "-----END RSA PUBLIC KEY-----\n", 30);
    assert_int_equal(ts_rsa_from_pem(swapped, &back), TS_ERR_DER);
    assert_int_equal(ts_rsa_from_pem("no key here", &back), TS_ERR_PEM);
    assert_int_equal(ts_rsa_from_pem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                                     &back),
                     TS_ERR_PEM);
    assert_null(back);
    free(swapped);
    ts_buf_free(&pem);
    ts_rsa_free(k);
}

static void test_private_der_broken(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("broken", 512, 65537);
    ts_buf der = private_der(k);
    uint8_t *copy = malloc(der.len + 1);
    assert_non_null(copy);
    ts_rsa_key *back = NULL;
    /* every single-byte change is refused: structure or consistency */
    for (size_t i = 0; i < der.len; i++) {
        for (unsigned v = 0; v < 3; v++) {
            memcpy(copy, der.data, der.len);
            uint8_t changed = v == 0 ? (uint8_t)(copy[i] ^ 0x01) : v == 1 ? 0x00 : 0xFF;
            if (changed == copy[i]) {
                continue;
            }
            copy[i] = changed;
            ts_err err = ts_rsa_from_private_der(copy, der.len, &back);
            if (err == TS_OK) {
                fail_msg("byte %zu set to %02x accepted", i, changed);
            }
        }
    }
    /* every truncation, and a trailing byte */
    for (size_t n = 0; n < der.len; n++) {
        assert_int_not_equal(ts_rsa_from_private_der(der.data, n, &back), TS_OK);
        assert_int_not_equal(ts_rsa_from_spki_der(der.data, n, &back), TS_OK);
    }
    memcpy(copy, der.data, der.len);
    copy[der.len] = 0;
    assert_int_equal(ts_rsa_from_private_der(copy, der.len + 1, &back), TS_ERR_DER);
    assert_null(back);
    /* a private key is not an SPKI */
    assert_int_not_equal(ts_rsa_from_spki_der(der.data, der.len, &back), TS_OK);
    free(copy);
    ts_buf_free(&der);
    ts_rsa_free(k);
}

static void test_private_der_multi_prime_refused(void **state)
{
    (void)state;
    ts_rsa_key *k = gen("multi", 64, 65537);
    ts_buf der = private_der(k);
    /* 30 LEN 02 01 00 ...: version 1 (multi-prime) is not supported */
    size_t at = der.data[1] & 0x80 ? 2 + (der.data[1] & 0x7F) : 2;
    assert_int_equal(der.data[at], 0x02);
    der.data[at + 2] = 0x01;
    ts_rsa_key *back = NULL;
    assert_int_equal(ts_rsa_from_private_der(der.data, der.len, &back), TS_ERR_RSA_KEY);
    ts_buf_free(&der);
    ts_rsa_free(k);
}

int main(void)
{
    assert_int_equal(ts_rng_global_init(), TS_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generate_sizes),
        cmocka_unit_test(test_generate_16_bit_primes),
        cmocka_unit_test(test_generate_deterministic),
        cmocka_unit_test(test_generate_e3),
        cmocka_unit_test(test_generate_bad_arguments),
        cmocka_unit_test(test_textbook_from_factors),
        cmocka_unit_test(test_from_factors_failures),
        cmocka_unit_test(test_public_only),
        cmocka_unit_test(test_encrypt_round_trip),
        cmocka_unit_test(test_decrypt_padding_failures),
        cmocka_unit_test(test_sign_verify),
        cmocka_unit_test(test_lax_accepts_trailing_garbage),
        cmocka_unit_test(test_known_answer_rfc7515),
        cmocka_unit_test(test_der_round_trips),
        cmocka_unit_test(test_pem_round_trips),
        cmocka_unit_test(test_private_der_broken),
        cmocka_unit_test(test_private_der_multi_prime_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
