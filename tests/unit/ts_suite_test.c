/* Unit tests for ts_suite: the table of the cipher suites, lookups by
 * code and name (and their failures), key block sizes, usability. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_aead.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_suite.h"

typedef struct {
    ts_suite_id id;
    const char *cli;
    const char *iana;
    const char *openssl;
    uint16_t code;
    ts_kx kx;
    ts_cipher cipher;
    ts_hash_alg hash;
    size_t mac, key, iv;
} expect;

/* Codes: IANA TLS Cipher Suites registry; TLS_RSA_WITH_AES_256_GCM_SHA384
 * {0x00,0x9D} RFC 5288 §3, the ChaCha20-Poly1305 suites {0xCC,0xA8} and
 * {0xCC,0xAA} RFC 7905 §2, TLS_RSA_WITH_NULL_SHA256 {0x00,0x3B} RFC 5246
 * Appendix A.5. OpenSSL names: `openssl ciphers -stdname`. Key block sizes:
 * RFC 5246 §6.3 with RFC 5288 §3 (4-byte salt) and RFC 7905 §2 (12-byte IV);
 * PRF hash: RFC 5288 §3 (SHA-384 for _SHA384), RFC 5246 §5 otherwise. */
static const expect table[] = {
    {TS_SUITE_RSA, "rsa", "TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384", 0x009D,
     TS_KX_RSA, TS_CIPHER_AES256GCM, TS_HASH_SHA384, 0, 32, 4},
    {TS_SUITE_ECDHE, "ecdhe", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
     "ECDHE-RSA-CHACHA20-POLY1305", 0xCCA8, TS_KX_ECDHE, TS_CIPHER_CHACHA20POLY1305,
     TS_HASH_SHA256, 0, 32, 12},
    {TS_SUITE_DHE, "dhe", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
     "DHE-RSA-CHACHA20-POLY1305", 0xCCAA, TS_KX_DHE, TS_CIPHER_CHACHA20POLY1305,
     TS_HASH_SHA256, 0, 32, 12},
    {TS_SUITE_NULL, "null", "TLS_RSA_WITH_NULL_SHA256", "NULL-SHA256", 0x003B, TS_KX_RSA,
     TS_CIPHER_NULL_SHA256, TS_HASH_SHA256, 32, 0, 0},
    /* RFC 8446 Appendix B.4 codes; §7.3: no MAC key, a 12-byte IV */
    {TS_SUITE_TLS13_AES, "tls13-aes", "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", 0x1302,
     TS_KX_TLS13, TS_CIPHER_AES256GCM, TS_HASH_SHA384, 0, 32, 12},
    {TS_SUITE_TLS13_CHACHA, "tls13-chacha", "TLS_CHACHA20_POLY1305_SHA256",
     "TLS_CHACHA20_POLY1305_SHA256", 0x1303, TS_KX_TLS13, TS_CIPHER_CHACHA20POLY1305,
     TS_HASH_SHA256, 0, 32, 12},
};

static int setup(void **state)
{
    (void)state;
    return ts_rng_global_init() == TS_OK ? 0 : -1;
}

static void test_table(void **state)
{
    (void)state;
    assert_int_equal(sizeof(table) / sizeof(table[0]), TS_SUITE_COUNT);
    for (size_t i = 0; i < TS_SUITE_COUNT; i++) {
        const expect *e = &table[i];
        const ts_suite *s = ts_suite_get(e->id);
        assert_non_null(s);
        assert_int_equal(s->id, e->id);
        assert_string_equal(s->cli_name, e->cli);
        assert_string_equal(s->iana_name, e->iana);
        assert_string_equal(s->openssl_name, e->openssl);
        assert_int_equal(s->code, e->code);
        assert_int_equal(s->kx, e->kx);
        assert_int_equal(s->cipher, e->cipher);
        assert_int_equal(s->prf_hash, e->hash);
        assert_int_equal(s->sizes.mac_key_len, e->mac);
        assert_int_equal(s->sizes.enc_key_len, e->key);
        assert_int_equal(s->sizes.fixed_iv_len, e->iv);
        assert_true(s->sizes.mac_key_len <= TS_KEY_BLOCK_MAC_MAX);
        assert_true(s->sizes.enc_key_len <= TS_KEY_BLOCK_KEY_MAX);
        assert_true(s->sizes.fixed_iv_len <= TS_KEY_BLOCK_IV_MAX);
    }
}

static void test_get_out_of_range(void **state)
{
    (void)state;
    assert_null(ts_suite_get(TS_SUITE_COUNT));
    assert_null(ts_suite_get((ts_suite_id)-1));
    assert_null(ts_suite_get((ts_suite_id)1000));
}

static void test_by_code(void **state)
{
    (void)state;
    for (size_t i = 0; i < TS_SUITE_COUNT; i++) {
        assert_ptr_equal(ts_suite_by_code(table[i].code), ts_suite_get(table[i].id));
    }
    /* Real suites that are not ours: TLS_RSA_WITH_AES_128_GCM_SHA256 0x009C,
     * TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 0xC02F, the renegotiation SCSV
     * 0x00FF, TLS_NULL_WITH_NULL_NULL 0x0000, byte-swapped codes. */
    const uint16_t others[] = {0x009C, 0xC02F, 0x00FF, 0x0000, 0x9D00, 0xA8CC, 0x3B00, 0xFFFF};
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
        assert_null(ts_suite_by_code(others[i]));
    }
}

static void test_by_name(void **state)
{
    (void)state;
    for (size_t i = 0; i < TS_SUITE_COUNT; i++) {
        const ts_suite *s = ts_suite_get(table[i].id);
        assert_ptr_equal(ts_suite_by_name(table[i].cli), s);
        assert_ptr_equal(ts_suite_by_name(table[i].iana), s);
        assert_ptr_equal(ts_suite_by_name(table[i].openssl), s);
    }
    assert_ptr_equal(ts_suite_by_name("RSA"), ts_suite_get(TS_SUITE_RSA));
    assert_ptr_equal(ts_suite_by_name("Ecdhe"), ts_suite_get(TS_SUITE_ECDHE));
    assert_null(ts_suite_by_name(NULL));
    assert_null(ts_suite_by_name(""));
    assert_null(ts_suite_by_name("aes"));
    assert_null(ts_suite_by_name("rsa "));
    assert_null(ts_suite_by_name("TLS_RSA_WITH_AES_128_GCM_SHA256"));
    assert_null(ts_suite_by_name("tls_rsa_with_null_sha256x"));
}

static void test_aead_mapping(void **state)
{
    (void)state;
    ts_aead_alg alg = (ts_aead_alg)99;
    assert_true(ts_suite_aead(ts_suite_get(TS_SUITE_RSA), &alg));
    assert_int_equal(alg, TS_AEAD_AES256GCM);
    assert_true(ts_suite_aead(ts_suite_get(TS_SUITE_ECDHE), &alg));
    assert_int_equal(alg, TS_AEAD_CHACHA20POLY1305);
    assert_true(ts_suite_aead(ts_suite_get(TS_SUITE_DHE), NULL));
    alg = (ts_aead_alg)99;
    assert_false(ts_suite_aead(ts_suite_get(TS_SUITE_NULL), &alg));
    assert_int_equal(alg, 99);
    assert_false(ts_suite_aead(NULL, &alg));
    /* The TLS 1.2 AEAD suites' sizes agree with ts_aead's (TLS 1.3's IV is
     * 12 bytes for every AEAD: RFC 8446 §5.3). */
    for (size_t i = 0; i < TS_SUITE_COUNT; i++) {
        const ts_suite *s = ts_suite_get(table[i].id);
        assert_int_equal(ts_suite_is_tls13(s), table[i].kx == TS_KX_TLS13);
        if (!ts_suite_is_tls13(s) && ts_suite_aead(s, &alg)) {
            assert_int_equal(s->sizes.enc_key_len, ts_aead_key_len(alg));
            assert_int_equal(s->sizes.fixed_iv_len, ts_aead_fixed_iv_len(alg));
        }
    }
}

static void test_usable(void **state)
{
    (void)state;
    assert_true(ts_suite_usable(ts_suite_get(TS_SUITE_ECDHE)));
    assert_true(ts_suite_usable(ts_suite_get(TS_SUITE_DHE)));
    assert_true(ts_suite_usable(ts_suite_get(TS_SUITE_NULL)));
    assert_int_equal(ts_suite_usable(ts_suite_get(TS_SUITE_RSA)),
                     ts_aead_available(TS_AEAD_AES256GCM));
    assert_false(ts_suite_usable(NULL));
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ts_kx_name(TS_KX_RSA), "RSA");
    assert_string_equal(ts_kx_name(TS_KX_ECDHE), "ECDHE_RSA");
    assert_string_equal(ts_kx_name(TS_KX_DHE), "DHE_RSA");
    assert_string_equal(ts_kx_name((ts_kx)42), "unknown");
    assert_string_equal(ts_cipher_name(TS_CIPHER_AES256GCM), "AES-256-GCM");
    assert_string_equal(ts_cipher_name(TS_CIPHER_CHACHA20POLY1305), "ChaCha20-Poly1305");
    assert_string_equal(ts_cipher_name(TS_CIPHER_NULL_SHA256), "NULL (HMAC-SHA256)");
    assert_string_equal(ts_cipher_name((ts_cipher)42), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_get_out_of_range),
        cmocka_unit_test(test_by_code),
        cmocka_unit_test(test_by_name),
        cmocka_unit_test(test_aead_mapping),
        cmocka_unit_test(test_usable),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
