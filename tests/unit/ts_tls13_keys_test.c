/* Unit tests for ts_tls13_keys: the whole key schedule of RFC 8448 §3
 * ("Simple 1-RTT Handshake", TLS_AES_128_GCM_SHA256 over x25519), from the
 * x25519 shares to the application traffic keys and both Finished, with
 * the handshake messages of the trace as the transcript. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"
#include "crypto/ts_hkdf.h"
#include "crypto/ts_tls13_keys.h"
#include "crypto/ts_x25519.h"
#include "ts_test_hex.h"

/* RFC 8448 §3: the handshake messages, headers included. */
static const char *const messages[] = {
    /* ClientHello */
    "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302"
    "010000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103"
    "010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529a"
    "af2c002b0003020304000d0020001e0403050306030203080408050806040105010601020104020502060202020"
    "02d00020101001c00024001",
    /* ServerHello */
    "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e0033"
    "0024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304",
    /* EncryptedExtensions */
    "080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000",
    /* Certificate */
    "0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c"
    "300a06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e"
    "310c300a0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb49"
    "8f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19e"
    "aa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c"
    "8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603"
    "551d1304023000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b927"
    "6b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a"
    "03015156726096fd335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b"
    "84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de10000",
    /* CertificateVerify */
    "0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78"
    "e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac02767145"
    "9e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3",
    /* server Finished */
    "140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718",
};

/* SHA-256 of the first count messages. */
static void transcript(size_t count, uint8_t out[32])
{
    ts_hash_ctx h;
    ts_hash_init(&h, TS_HASH_SHA256);
    for (size_t i = 0; i < count; i++) {
        ts_buf m = hex(messages[i]);
        ts_hash_update(&h, m.data, m.len);
        ts_buf_free(&m);
    }
    ts_hash_final(&h, out);
}

static void test_rfc8448_simple_1rtt(void **state)
{
    (void)state;
    const ts_hash_alg H = TS_HASH_SHA256;
    ts_buf cpriv = hex("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005");
    ts_buf spub = hex("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");
    uint8_t shared[32], early[32], derived[32], hs[32], master[32], th[32];
    uint8_t c_hs[32], s_hs[32], c_ap[32], s_ap[32], exp[32], key[16], iv[12], vd[32];
    assert_int_equal(ts_x25519_shared(cpriv.data, spub.data, shared), TS_OK);
    assert_hex_equal(shared, 32, "8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d");

    assert_int_equal(ts_tls13_next_stage(H, NULL, NULL, 0, NULL, early), TS_OK);
    assert_hex_equal(early, 32, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
    assert_int_equal(ts_tls13_next_stage(H, early, shared, 32, derived, hs), TS_OK);
    assert_hex_equal(derived, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");
    assert_hex_equal(hs, 32, "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");

    transcript(2, th); /* ClientHello..ServerHello */
    assert_int_equal(ts_hkdf_derive_secret(H, hs, "c hs traffic", th, c_hs), TS_OK);
    assert_hex_equal(c_hs, 32, "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21");
    assert_int_equal(ts_hkdf_derive_secret(H, hs, "s hs traffic", th, s_hs), TS_OK);
    assert_hex_equal(s_hs, 32, "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");

    assert_int_equal(ts_tls13_next_stage(H, hs, NULL, 0, derived, master), TS_OK);
    assert_hex_equal(derived, 32, "43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4");
    assert_hex_equal(master, 32, "18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919");

    assert_int_equal(ts_tls13_traffic_keys(H, s_hs, 16, key, iv), TS_OK);
    assert_hex_equal(key, 16, "3fce516009c21727d0f2e4e86ee403bc");
    assert_hex_equal(iv, 12, "5d313eb2671276ee13000b30");
    assert_int_equal(ts_tls13_traffic_keys(H, c_hs, 16, key, iv), TS_OK);
    assert_hex_equal(key, 16, "dbfaa693d1762c5b666af5d950258d01");
    assert_hex_equal(iv, 12, "5bd3c71b836e0b76bb73265f");

    transcript(5, th); /* ..CertificateVerify */
    assert_int_equal(ts_tls13_finished(H, s_hs, th, NULL, vd), TS_OK);
    assert_hex_equal(vd, 32, "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");

    transcript(6, th); /* ..server Finished */
    assert_int_equal(ts_hkdf_derive_secret(H, master, "c ap traffic", th, c_ap), TS_OK);
    assert_hex_equal(c_ap, 32, "9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5");
    assert_int_equal(ts_hkdf_derive_secret(H, master, "s ap traffic", th, s_ap), TS_OK);
    assert_hex_equal(s_ap, 32, "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643");
    assert_int_equal(ts_hkdf_derive_secret(H, master, "exp master", th, exp), TS_OK);
    assert_hex_equal(exp, 32, "fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50");
    assert_int_equal(ts_tls13_traffic_keys(H, s_ap, 16, key, iv), TS_OK);
    assert_hex_equal(key, 16, "9f02283b6c9c07efc26bb9f2ac92e356");
    assert_hex_equal(iv, 12, "cf782b88dd83549aadf1e984");
    /* the client's Finished covers the same messages, with its own base key */
    assert_int_equal(ts_tls13_finished(H, c_hs, th, NULL, vd), TS_OK);
    assert_hex_equal(vd, 32, "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");
    ts_buf_free(&cpriv);
    ts_buf_free(&spub);
}

static void test_nonce_and_update(void **state)
{
    (void)state;
    uint8_t iv[12], nonce[12], next[48], again[48];
    ts_buf b = hex("5d313eb2671276ee13000b30");
    memcpy(iv, b.data, 12);
    ts_buf_free(&b);
    ts_tls13_nonce(iv, 0, nonce);
    assert_memory_equal(nonce, iv, 12);
    ts_tls13_nonce(iv, 0x0102030405060708ull, nonce);
    assert_hex_equal(nonce, 12, "5d313eb2661075ea16060c38");
    uint8_t secret[48] = {7};
    assert_int_equal(ts_tls13_update_secret(TS_HASH_SHA384, secret, next), TS_OK);
    assert_int_equal(ts_hkdf_expand_label(TS_HASH_SHA384, secret, 48, "traffic upd", NULL, 0, again,
                                          48),
                     TS_OK);
    assert_memory_equal(next, again, 48);
    assert_memory_not_equal(next, secret, 48);
    assert_int_equal(ts_tls13_update_secret((ts_hash_alg)42, secret, next), TS_ERR_HASH);
    assert_int_equal(ts_tls13_next_stage(TS_HASH_SHA256, NULL, NULL, 5, NULL, next), TS_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc8448_simple_1rtt),
        cmocka_unit_test(test_nonce_and_update),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
