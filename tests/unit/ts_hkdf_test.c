/* Unit tests for ts_hkdf: HKDF against RFC 5869 Appendix A (test cases 1 to
 * 3, SHA-256), HKDF-Expand-Label and Derive-Secret against the TLS 1.3 key
 * schedule of RFC 8448 §3 (Simple 1-RTT Handshake), and the failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"
#include "crypto/ts_hkdf.h"
#include "ts_test_hex.h"

static void rfc5869_case(const char *ikm_hex, const char *salt_hex, const char *info_hex,
                         const char *prk_want, const char *okm_want)
{
    ts_buf ikm = hex(ikm_hex), salt = hex(salt_hex), info = hex(info_hex), okm = hex(okm_want);
    uint8_t prk[32], out[128];
    assert_int_equal(ts_hkdf_extract(TS_HASH_SHA256, salt.data, salt.len, ikm.data, ikm.len, prk),
                     TS_OK);
    assert_hex_equal(prk, sizeof(prk), prk_want);
    assert_int_equal(ts_hkdf_expand(TS_HASH_SHA256, prk, sizeof(prk), info.data, info.len, out,
                                    okm.len),
                     TS_OK);
    assert_memory_equal(out, okm.data, okm.len);
    ts_buf_free(&ikm);
    ts_buf_free(&salt);
    ts_buf_free(&info);
    ts_buf_free(&okm);
}

/* RFC 5869 A.1 (basic), A.2 (longer inputs and outputs), A.3 (empty salt
 * and info: the salt is HashLen zeros). */
static void test_rfc5869(void **state)
{
    (void)state;
    rfc5869_case("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
                 "f0f1f2f3f4f5f6f7f8f9",
                 "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                 "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    rfc5869_case("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                 "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
                 "404142434445464748494a4b4c4d4e4f",
                 "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
                 "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
                 "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
                 "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
                 "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
                 "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
                 "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                 "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                 "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                 "cc30c58179ec3e87c14c01d5c1f3434f1d87");
    rfc5869_case("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
                 "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                 "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                 "9d201395faa4b61a96c8");
}

/* RFC 8448 §3: early secret = HKDF-Extract(0, 0); "derived" from it with
 * the hash of no messages; handshake secret = HKDF-Extract(derived, the
 * (EC)DHE shared secret of the trace). */
static void test_rfc8448_schedule(void **state)
{
    (void)state;
    uint8_t zeros[32] = {0}, early[32], empty_hash[32], derived[32], hs[32];
    assert_int_equal(ts_hkdf_extract(TS_HASH_SHA256, NULL, 0, zeros, sizeof(zeros), early), TS_OK);
    assert_hex_equal(early, 32, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
    ts_hash(TS_HASH_SHA256, NULL, 0, empty_hash);
    assert_int_equal(ts_hkdf_derive_secret(TS_HASH_SHA256, early, "derived", empty_hash, derived),
                     TS_OK);
    assert_hex_equal(derived, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
    ts_buf shared = hex("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");
    assert_int_equal(ts_hkdf_extract(TS_HASH_SHA256, derived, 32, shared.data, shared.len, hs), TS_OK);
    assert_hex_equal(hs, 32, "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");
    ts_buf_free(&shared);
}

/* The HkdfLabel bytes: length, "tls13 " + label, context. */
static void test_label_bytes(void **state)
{
    (void)state;
    uint8_t out[TS_HKDF_LABEL_MAX];
    size_t n;
    assert_int_equal(ts_hkdf_label("key", NULL, 0, 16, out, &n), TS_OK);
    assert_hex_equal(out, n, "001009746c733133206b657900");
    const uint8_t ctx[2] = {0xab, 0xcd};
    assert_int_equal(ts_hkdf_label("iv", ctx, 2, 12, out, &n), TS_OK);
    assert_hex_equal(out, n, "000c08746c73313320697602abcd");
}

static void test_failures(void **state)
{
    (void)state;
    uint8_t prk[64] = {0}, out[64];
    char label[260];
    memset(label, 'a', sizeof(label) - 1);
    label[sizeof(label) - 1] = '\0';
    uint8_t big[256] = {0};
    size_t n;
    assert_int_equal(ts_hkdf_expand(TS_HASH_SHA256, prk, 32, NULL, 0, NULL, 255 * 32 + 1),
                     TS_ERR_ARG);
    uint8_t *huge = malloc(255 * 32 + 1);
    assert_non_null(huge);
    assert_int_equal(ts_hkdf_expand(TS_HASH_SHA256, prk, 32, NULL, 0, huge, 255 * 32 + 1),
                     TS_ERR_TOO_LONG);
    assert_int_equal(ts_hkdf_expand(TS_HASH_SHA256, prk, 32, NULL, 0, huge, 255 * 32), TS_OK);
    free(huge);
    assert_int_equal(ts_hkdf_expand((ts_hash_alg)99, prk, 32, NULL, 0, out, 32), TS_ERR_HASH);
    assert_int_equal(ts_hkdf_extract(TS_HASH_SHA256, NULL, 3, prk, 1, out), TS_ERR_ARG);
    assert_int_equal(ts_hkdf_expand_label(TS_HASH_SHA256, prk, 32, label, NULL, 0, out, 32),
                     TS_ERR_TOO_LONG);
    assert_int_equal(ts_hkdf_label("k", big, sizeof(big), 32, out, &n), TS_ERR_TOO_LONG);
    assert_int_equal(ts_hkdf_derive_secret(TS_HASH_SHA256, NULL, "derived", prk, out), TS_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc5869),
        cmocka_unit_test(test_rfc8448_schedule),
        cmocka_unit_test(test_label_bytes),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
