/* Unit tests for ts_aead: known answers for AES-256-GCM and
 * ChaCha20-Poly1305, the TLS 1.2 nonce and additional-data layouts, and
 * tampering that must end in TS_ERR_DECRYPT. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_buf.h"
#include "base/ts_hex.h"
#include "crypto/ts_aead.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_secret.h"
#include "ts_test_hex.h"

typedef struct {
    const char *name;
    const char *key;
    const char *iv;
    const char *aad;
    const char *plain;
    const char *cipher; /* ciphertext then tag */
} vector;

/* Seals v.plain, compares with v.cipher, then opens it back, also in place. */
static void check_vector(ts_aead_alg alg, const vector *v)
{
    ts_buf key = hex(v->key);
    ts_buf iv = hex(v->iv);
    ts_buf aad = hex(v->aad);
    ts_buf plain = hex(v->plain);
    ts_buf want = hex(v->cipher);
    assert_int_equal(key.len, TS_AEAD_KEY_LEN);
    assert_int_equal(iv.len, TS_AEAD_NONCE_LEN);
    assert_int_equal(want.len, plain.len + TS_AEAD_TAG_LEN);

    uint8_t *out = malloc(want.len);
    uint8_t *back = malloc(plain.len + 1);
    assert_non_null(out);
    assert_non_null(back);
    assert_int_equal(ts_aead_seal(alg, key.data, iv.data, aad.data, aad.len, plain.data,
                                  plain.len, out),
                     TS_OK);
    assert_memory_equal(out, want.data, want.len);

    assert_int_equal(ts_aead_open(alg, key.data, iv.data, aad.data, aad.len, want.data, want.len,
                                  back),
                     TS_OK);
    if (plain.len > 0) {
        assert_memory_equal(back, plain.data, plain.len);
    }

    /* In place: out holds ciphertext || tag, decrypted over itself. */
    assert_int_equal(ts_aead_open(alg, key.data, iv.data, aad.data, aad.len, out, want.len, out),
                     TS_OK);
    if (plain.len > 0) {
        assert_memory_equal(out, plain.data, plain.len);
    }
    /* And sealed in place. */
    assert_int_equal(ts_aead_seal(alg, key.data, iv.data, aad.data, aad.len, out, plain.len, out),
                     TS_OK);
    assert_memory_equal(out, want.data, want.len);

    free(out);
    free(back);
    ts_buf_free(&key);
    ts_buf_free(&iv);
    ts_buf_free(&aad);
    ts_buf_free(&plain);
    ts_buf_free(&want);
}

/* Without AES-NI, checks that GCM says so (TS_ERR_AEAD_UNAVAILABLE), then
 * skips the calling test with a clear message. */
static void skip_without_aes_ni(void)
{
    if (ts_aead_available(TS_AEAD_AES256GCM)) {
        return;
    }
    uint8_t key[32] = { 0 };
    uint8_t nonce[12] = { 0 };
    uint8_t out[16] = { 0 };
    assert_int_equal(ts_aead_seal(TS_AEAD_AES256GCM, key, nonce, NULL, 0, NULL, 0, out),
                     TS_ERR_AEAD_UNAVAILABLE);
    assert_int_equal(ts_aead_open(TS_AEAD_AES256GCM, key, nonce, NULL, 0, out, 16, out),
                     TS_ERR_AEAD_UNAVAILABLE);
    print_message("skipping: this CPU has no AES-NI, so libsodium offers no AES-256-GCM\n");
    skip();
}

/* D. McGrew and J. Viega, "The Galois/Counter Mode of Operation (GCM)",
 * revised 2005, Appendix B, Test Cases 13-16 (256-bit keys). */
static const vector gcm_vectors[] = {
    { "GCM spec test case 13",
      "0000000000000000000000000000000000000000000000000000000000000000",
      "000000000000000000000000", "", "", "530f8afbc74536b9a963b4f1c4cb738b" },
    { "GCM spec test case 14",
      "0000000000000000000000000000000000000000000000000000000000000000",
      "000000000000000000000000", "", "00000000000000000000000000000000",
      "cea7403d4d606b6e074ec5d3baf39d18"
      "d0d1c8a799996bf0265b98b5d48ab919" },
    { "GCM spec test case 15",
      "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbaddecaf888", "",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
      "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
      "b094dac5d93471bdec1a502270e3cc6c" },
    { "GCM spec test case 16",
      "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
      "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
      "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
      "76fc6ece0f4e1768cddf8853bb2d551b" },
};

/* RFC 8439 §2.8.2: AEAD_CHACHA20_POLY1305 example; the nonce is the
 * 32-bit constant 07 00 00 00 followed by IV 40..47. */
static const vector chacha_vectors[] = {
    { "RFC 8439 2.8.2",
      "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
      "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
      /* "Ladies and Gentlemen of the class of '99: If I could offer you
       * only one tip for the future, sunscreen would be it." */
      "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
      "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
      "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
      "637265656e20776f756c642062652069742e",
      "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
      "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
      "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
      "3ff4def08e4b7a9de576d26586cec64b6116"
      "1ae10b594f09e26a7e902ecbd0600691" },
};

static void test_gcm_vectors(void **state)
{
    (void)state;
    skip_without_aes_ni();
    for (size_t i = 0; i < sizeof gcm_vectors / sizeof gcm_vectors[0]; i++) {
        check_vector(TS_AEAD_AES256GCM, &gcm_vectors[i]);
    }
}

static void test_chacha_vector(void **state)
{
    (void)state;
    assert_true(ts_aead_available(TS_AEAD_CHACHA20POLY1305));
    check_vector(TS_AEAD_CHACHA20POLY1305, &chacha_vectors[0]);
}

static void test_sizes_and_names(void **state)
{
    (void)state;
    assert_string_equal(ts_aead_name(TS_AEAD_AES256GCM), "AES-256-GCM");
    assert_string_equal(ts_aead_name(TS_AEAD_CHACHA20POLY1305), "ChaCha20-Poly1305");
    assert_string_equal(ts_aead_name((ts_aead_alg)7), "unknown");
    /* RFC 5288 §3: fixed_iv_length 4, record_iv_length 8. */
    assert_int_equal(ts_aead_fixed_iv_len(TS_AEAD_AES256GCM), 4);
    assert_int_equal(ts_aead_explicit_nonce_len(TS_AEAD_AES256GCM), 8);
    /* RFC 7905 §2: fixed_iv_length 12, record_iv_length 0. */
    assert_int_equal(ts_aead_fixed_iv_len(TS_AEAD_CHACHA20POLY1305), 12);
    assert_int_equal(ts_aead_explicit_nonce_len(TS_AEAD_CHACHA20POLY1305), 0);
    assert_int_equal(ts_aead_key_len(TS_AEAD_AES256GCM), 32);
    assert_int_equal(ts_aead_key_len(TS_AEAD_CHACHA20POLY1305), 32);
    assert_int_equal(ts_aead_tag_len(TS_AEAD_AES256GCM), 16);
    assert_int_equal(ts_aead_tag_len(TS_AEAD_CHACHA20POLY1305), 16);
    assert_int_equal(ts_aead_fixed_iv_len((ts_aead_alg)7), 0);
    assert_int_equal(ts_aead_key_len((ts_aead_alg)7), 0);
    assert_false(ts_aead_available((ts_aead_alg)7));
}

/* RFC 7905 §2: nonce = client/server_write_IV XOR (0^32 || seq_num as
 * 64-bit big-endian). Expected bytes worked out by hand. */
static void test_chacha_nonce_layout(void **state)
{
    (void)state;
    uint8_t iv[12];
    assert_int_equal(ts_hex_decode_exact("000102030405060708090a0b", iv, 12), TS_OK);
    uint8_t nonce[12];
    uint8_t want[12];

    assert_int_equal(ts_aead_nonce(TS_AEAD_CHACHA20POLY1305, iv, 0x0102030405060708ULL, NULL,
                                   nonce),
                     TS_OK);
    assert_int_equal(ts_hex_decode_exact("00010203050705030d0f0d03", want, 12), TS_OK);
    assert_memory_equal(nonce, want, 12);

    /* seq 0 leaves the IV as it is; seq 1 flips only the last bit. */
    assert_int_equal(ts_aead_nonce(TS_AEAD_CHACHA20POLY1305, iv, 0, NULL, nonce), TS_OK);
    assert_memory_equal(nonce, iv, 12);
    assert_int_equal(ts_aead_nonce(TS_AEAD_CHACHA20POLY1305, iv, 1, NULL, nonce), TS_OK);
    assert_int_equal(ts_hex_decode_exact("000102030405060708090a0a", want, 12), TS_OK);
    assert_memory_equal(nonce, want, 12);

    /* The top 4 bytes never change, even for the largest sequence number. */
    assert_int_equal(ts_aead_nonce(TS_AEAD_CHACHA20POLY1305, iv, UINT64_MAX, NULL, nonce), TS_OK);
    assert_int_equal(ts_hex_decode_exact("00010203fbfaf9f8f7f6f5f4", want, 12), TS_OK);
    assert_memory_equal(nonce, want, 12);

    /* An explicit nonce, if given, is ignored for ChaCha20-Poly1305. */
    uint8_t explicit_nonce[8] = { 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA };
    assert_int_equal(ts_aead_nonce(TS_AEAD_CHACHA20POLY1305, iv, 0, explicit_nonce, nonce), TS_OK);
    assert_memory_equal(nonce, iv, 12);
}

/* RFC 5288 §3: GCMNonce = salt (4, the fixed IV) || nonce_explicit (8). */
static void test_gcm_nonce_layout(void **state)
{
    (void)state;
    uint8_t salt[4] = { 0xCA, 0xFE, 0xBA, 0xBE };
    uint8_t explicit_nonce[8] = { 0xFA, 0xCE, 0xDB, 0xAD, 0xDE, 0xCA, 0xF8, 0x88 };
    uint8_t nonce[12];
    uint8_t want[12];
    assert_int_equal(ts_aead_nonce(TS_AEAD_AES256GCM, salt, 5, explicit_nonce, nonce), TS_OK);
    assert_int_equal(ts_hex_decode_exact("cafebabefacedbaddecaf888", want, 12), TS_OK);
    assert_memory_equal(nonce, want, 12);

    /* Without an explicit nonce the sequence number is used, big-endian. */
    assert_int_equal(ts_aead_nonce(TS_AEAD_AES256GCM, salt, 0x0102030405060708ULL, NULL, nonce),
                     TS_OK);
    assert_int_equal(ts_hex_decode_exact("cafebabe0102030405060708", want, 12), TS_OK);
    assert_memory_equal(nonce, want, 12);

    assert_int_equal(ts_aead_nonce((ts_aead_alg)7, salt, 0, NULL, nonce), TS_ERR_ARG);
    assert_int_equal(ts_aead_nonce(TS_AEAD_AES256GCM, NULL, 0, NULL, nonce), TS_ERR_ARG);
}

/* RFC 5246 §6.2.3.3: additional_data = seq_num + TLSCompressed.type +
 * TLSCompressed.version + TLSCompressed.length. */
static void test_additional_data(void **state)
{
    (void)state;
    uint8_t aad[13];
    uint8_t want[13];
    assert_int_equal(ts_aead_additional_data(1, 23, 0x0303, 0x0010, aad), TS_OK);
    assert_int_equal(ts_hex_decode_exact("00000000000000011703030010", want, 13), TS_OK);
    assert_memory_equal(aad, want, 13);
    assert_int_equal(ts_aead_additional_data(0x0102030405060708ULL, 22, 0x0303, 0x4000, aad),
                     TS_OK);
    assert_int_equal(ts_hex_decode_exact("01020304050607081603034000", want, 13), TS_OK);
    assert_memory_equal(aad, want, 13);
    assert_int_equal(ts_aead_additional_data(0, 0, 0, 0, NULL), TS_ERR_ARG);
}

/* Seals one record, then checks that flipping any of a few bits in the
 * ciphertext, the tag, the additional data, the nonce or the key makes
 * ts_aead_open fail with TS_ERR_DECRYPT and leave zeros in out. */
static void check_tampering(ts_aead_alg alg)
{
    ts_rng rng;
    assert_int_equal(ts_rng_init(&rng, "aead-tamper", TS_ACTOR_ATTACKER), TS_OK);
    uint8_t key[32];
    uint8_t iv[12];
    uint8_t nonce[12];
    uint8_t aad[13];
    uint8_t plain[40];
    uint8_t sealed[sizeof plain + 16];
    uint8_t out[sizeof plain];
    ts_rng_bytes(&rng, key, sizeof key);
    ts_rng_bytes(&rng, iv, sizeof iv);
    ts_rng_bytes(&rng, plain, sizeof plain);
    assert_int_equal(ts_aead_nonce(alg, iv, 3, NULL, nonce), TS_OK);
    assert_int_equal(ts_aead_additional_data(3, 23, 0x0303, sizeof plain, aad), TS_OK);
    assert_int_equal(ts_aead_seal(alg, key, nonce, aad, sizeof aad, plain, sizeof plain, sealed),
                     TS_OK);
    assert_int_equal(ts_aead_open(alg, key, nonce, aad, sizeof aad, sealed, sizeof sealed, out),
                     TS_OK);
    assert_memory_equal(out, plain, sizeof plain);

    /* Bits in the ciphertext (0..39) and in the tag (40..55). */
    static const size_t sealed_bits[] = { 0, 7, 8 * 17 + 3, 8 * 39 + 7, 8 * 40, 8 * 47 + 5,
                                          8 * 55 + 7 };
    for (size_t i = 0; i < sizeof sealed_bits / sizeof sealed_bits[0]; i++) {
        size_t bit = sealed_bits[i];
        sealed[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        memset(out, 0xEE, sizeof out);
        assert_int_equal(ts_aead_open(alg, key, nonce, aad, sizeof aad, sealed, sizeof sealed,
                                      out),
                         TS_ERR_DECRYPT);
        assert_true(ts_secret_is_zero(out, sizeof out));
        sealed[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    /* Bits in the additional data: sequence number, type, version, length. */
    static const size_t aad_bits[] = { 0, 8 * 7, 8 * 8 + 1, 8 * 10, 8 * 12 + 6 };
    for (size_t i = 0; i < sizeof aad_bits / sizeof aad_bits[0]; i++) {
        size_t bit = aad_bits[i];
        aad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
        assert_int_equal(ts_aead_open(alg, key, nonce, aad, sizeof aad, sealed, sizeof sealed,
                                      out),
                         TS_ERR_DECRYPT);
        aad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    }
    /* A wrong sequence number (so a wrong nonce), a wrong key, no aad. */
    uint8_t other_nonce[12];
    assert_int_equal(ts_aead_nonce(alg, iv, 4, NULL, other_nonce), TS_OK);
    assert_int_equal(ts_aead_open(alg, key, other_nonce, aad, sizeof aad, sealed, sizeof sealed,
                                  out),
                     TS_ERR_DECRYPT);
    key[31] ^= 0x80;
    assert_int_equal(ts_aead_open(alg, key, nonce, aad, sizeof aad, sealed, sizeof sealed, out),
                     TS_ERR_DECRYPT);
    key[31] ^= 0x80;
    assert_int_equal(ts_aead_open(alg, key, nonce, NULL, 0, sealed, sizeof sealed, out),
                     TS_ERR_DECRYPT);
    /* A truncated record: one byte of tag missing, then no tag at all. */
    assert_int_equal(ts_aead_open(alg, key, nonce, aad, sizeof aad, sealed, sizeof sealed - 1,
                                  out),
                     TS_ERR_DECRYPT);
    assert_int_equal(ts_aead_open(alg, key, nonce, aad, sizeof aad, sealed, 15, out),
                     TS_ERR_SHORT);
    /* Untouched, it still opens. */
    assert_int_equal(ts_aead_open(alg, key, nonce, aad, sizeof aad, sealed, sizeof sealed, out),
                     TS_OK);
    assert_memory_equal(out, plain, sizeof plain);
    ts_rng_wipe(&rng);
}

static void test_tamper_chacha(void **state)
{
    (void)state;
    check_tampering(TS_AEAD_CHACHA20POLY1305);
}

static void test_tamper_gcm(void **state)
{
    (void)state;
    skip_without_aes_ni();
    check_tampering(TS_AEAD_AES256GCM);
}

/* An empty record (a bare tag) seals and opens; bad arguments are refused. */
static void test_empty_and_bad_args(void **state)
{
    (void)state;
    uint8_t key[32] = { 1 };
    uint8_t nonce[12] = { 2 };
    uint8_t tag[16];
    assert_int_equal(ts_aead_seal(TS_AEAD_CHACHA20POLY1305, key, nonce, NULL, 0, NULL, 0, tag),
                     TS_OK);
    assert_int_equal(ts_aead_open(TS_AEAD_CHACHA20POLY1305, key, nonce, NULL, 0, tag, 16, NULL),
                     TS_OK);
    tag[0] ^= 1;
    assert_int_equal(ts_aead_open(TS_AEAD_CHACHA20POLY1305, key, nonce, NULL, 0, tag, 16, NULL),
                     TS_ERR_DECRYPT);
    assert_int_equal(ts_aead_seal((ts_aead_alg)7, key, nonce, NULL, 0, NULL, 0, tag), TS_ERR_ARG);
    assert_int_equal(ts_aead_open((ts_aead_alg)7, key, nonce, NULL, 0, tag, 16, tag), TS_ERR_ARG);
    assert_int_equal(ts_aead_seal(TS_AEAD_CHACHA20POLY1305, NULL, nonce, NULL, 0, NULL, 0, tag),
                     TS_ERR_ARG);
    assert_int_equal(ts_aead_seal(TS_AEAD_CHACHA20POLY1305, key, nonce, NULL, 5, NULL, 0, tag),
                     TS_ERR_ARG);
    assert_int_equal(ts_aead_seal(TS_AEAD_CHACHA20POLY1305, key, nonce, NULL, 0, NULL, 3, tag),
                     TS_ERR_ARG);
    assert_int_equal(ts_aead_open(TS_AEAD_CHACHA20POLY1305, key, nonce, NULL, 0, tag, 0, tag),
                     TS_ERR_SHORT);
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gcm_vectors),
        cmocka_unit_test(test_chacha_vector),
        cmocka_unit_test(test_sizes_and_names),
        cmocka_unit_test(test_chacha_nonce_layout),
        cmocka_unit_test(test_gcm_nonce_layout),
        cmocka_unit_test(test_additional_data),
        cmocka_unit_test(test_tamper_chacha),
        cmocka_unit_test(test_tamper_gcm),
        cmocka_unit_test(test_empty_and_bad_args),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
