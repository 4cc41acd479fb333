/* Unit tests for ts_decode: records decoded field by field, protected
 * records after ChangeCipherSpec, precise errors (truncation at every
 * length, over-long lengths, unknown types, bad bodies), TLS 1.3 learned
 * from the hellos (a run with a HelloRetryRequest). Record layouts
 * from RFC 5246 §6.2.1 and §7.4.1.2. The hex text forms are ts_hex's
 * (tests/unit/ts_hex_test.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"
#include "crypto/ts_rng.h"
#include "export/ts_decode.h"
#include "simulation/ts_session.h"
#include "ts_rfc8448.h"

/* A ClientHello record: version 0x0303, random 00..1f, no session id, one
 * suite (TLS_RSA_WITH_NULL_SHA256), null compression, no extensions. */
static const uint8_t client_hello[] = {
    0x16, 0x03, 0x01, 0x00, 0x2d,             /* handshake, TLS 1.0, 45 */
    0x01, 0x00, 0x00, 0x29,                   /* ClientHello, 41 */
    0x03, 0x03,                               /* client_version */
    0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
    0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
    0x00,                                     /* session_id */
    0x00, 0x02, 0x00, 0x3b,                   /* cipher_suites */
    0x01, 0x00,                               /* compression_methods */
};
static const uint8_t done_ccs_fin_app[] = {
    0x16, 0x03, 0x03, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00, /* ServerHelloDone */
    0x14, 0x03, 0x03, 0x00, 0x01, 0x01,                   /* ChangeCipherSpec */
    0x16, 0x03, 0x03, 0x00, 0x03, 0xaa, 0xbb, 0xcc,       /* encrypted Finished */
    0x17, 0x03, 0x03, 0x00, 0x02, 0xdd, 0xee,             /* application data */
};

static uint8_t *concat(const uint8_t *a, size_t na, const uint8_t *b, size_t nb, size_t *n)
{
    uint8_t *p = malloc(na + nb);
    assert_non_null(p);
    memcpy(p, a, na);
    memcpy(p + na, b, nb);
    *n = na + nb;
    return p;
}

static const ts_field *field(const ts_decode_record *r, const char *name)
{
    const ts_field *f = ts_fields_find(&r->fields, name, 0);
    assert_non_null(f);
    return f;
}

static void test_good_records(void **state)
{
    (void)state;
    size_t n;
    uint8_t *in = concat(client_hello, sizeof(client_hello), done_ccs_fin_app,
                         sizeof(done_ccs_fin_app), &n);
    ts_decode d;
    ts_decode_init(&d);
    assert_int_equal(ts_decode_records(in, n, &d), TS_OK);
    assert_int_equal(d.n, 5);
    assert_int_equal(d.errors, 0);
    assert_string_equal(d.error, "");

    const ts_decode_record *r = &d.recs[0];
    assert_int_equal(r->number, 1);
    assert_int_equal(r->offset, 0);
    assert_int_equal(r->type, 22);
    assert_int_equal(r->version, 0x0301);
    assert_int_equal(r->length, 45);
    assert_false(r->encrypted);
    assert_string_equal(r->name, "ClientHello");
    assert_string_equal(field(r, "content_type")->value, "handshake (22)");
    assert_int_equal(field(r, "length")->offset, 3);
    const ts_field *suite = field(r, "cipher_suite");
    assert_int_equal(suite->offset, 46); /* record-relative */
    assert_int_equal(suite->len, 2);
    assert_non_null(strstr(suite->value, "TLS_RSA_WITH_NULL_SHA256"));
    const ts_field *random = field(r, "random");
    assert_int_equal(random->offset, 11);
    assert_int_equal(random->len, 32);

    assert_string_equal(d.recs[1].name, "ServerHelloDone");
    assert_int_equal(d.recs[1].offset, sizeof(client_hello));
    assert_string_equal(d.recs[2].name, "ChangeCipherSpec");
    assert_false(d.recs[2].encrypted);
    assert_string_equal(d.recs[3].name, "EncryptedHandshakeMessage");
    assert_true(d.recs[3].encrypted);
    assert_string_equal(field(&d.recs[3], "encrypted_fragment")->value, "3 bytes");
    assert_string_equal(d.recs[4].name, "ApplicationData");
    assert_true(d.recs[4].encrypted);
    ts_decode_free(&d);
    free(in);
}

static void test_truncated_at_every_length(void **state)
{
    (void)state;
    size_t n;
    uint8_t *in = concat(client_hello, sizeof(client_hello), done_ccs_fin_app,
                         sizeof(done_ccs_fin_app), &n);
    const size_t bounds[] = {50, 59, 65, 73, 80};
    for (size_t len = 1; len < n; len++) {
        ts_decode d;
        ts_decode_init(&d);
        ts_err err = ts_decode_records(in, len, &d);
        bool boundary = false;
        size_t start = 0;
        for (size_t i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
            boundary = boundary || bounds[i] == len;
            start = bounds[i] < len ? bounds[i] : start;
        }
        if (boundary) {
            assert_int_equal(err, TS_OK);
        } else {
            assert_int_equal(err, TS_ERR_SHORT);
            assert_int_equal(d.errors, 1);
            char want[64];
            snprintf(want, sizeof(want), "record %zu at offset %zu: ", d.n, start);
            assert_memory_equal(d.error, want, strlen(want));
            size_t left = len - start;
            if (left < 5) {
                assert_non_null(strstr(d.error, "truncated header"));
                assert_int_equal(d.err_offset, start);
            } else {
                assert_non_null(strstr(d.error, "bytes follow (truncated)"));
                assert_int_equal(d.err_offset, len);
            }
        }
        ts_decode_free(&d);
    }
    free(in);
}

static void test_over_long_and_bad_headers(void **state)
{
    (void)state;
    ts_decode d;
    ts_decode_init(&d);
    const uint8_t too_long[] = {0x17, 0x03, 0x03, 0x48, 0x01, 0x00}; /* 18433 */
    assert_int_equal(ts_decode_records(too_long, sizeof(too_long), &d), TS_ERR_RECORD_OVERFLOW);
    assert_string_equal(d.error, "record 1 at offset 0: length 18433 exceeds 2^14+2048 (18432)");
    assert_int_equal(d.err_offset, 3);

    const uint8_t unknown[] = {0x16, 0x03, 0x03, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00,
                               0x18, 0x03, 0x03, 0x00, 0x00};
    assert_int_equal(ts_decode_records(unknown, sizeof(unknown), &d), TS_ERR_RECORD);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.error, "record 2 at offset 9: content type 24 (0x18) is not a TLS "
                                 "record type (20..23)");

    const uint8_t version[] = {0x16, 0x02, 0x03, 0x00, 0x01, 0x00};
    assert_int_equal(ts_decode_records(version, sizeof(version), &d), TS_ERR_RECORD);
    assert_non_null(strstr(d.error, "version 0x0203"));

    /* A plaintext record above 2^14 is framed but refused; decoding goes on. */
    size_t n = 5 + 16385 + sizeof(done_ccs_fin_app);
    uint8_t *big = calloc(1, n);
    assert_non_null(big);
    const uint8_t hdr[] = {0x16, 0x03, 0x03, 0x40, 0x01};
    memcpy(big, hdr, 5);
    memcpy(big + 5 + 16385, done_ccs_fin_app, sizeof(done_ccs_fin_app));
    assert_int_equal(ts_decode_records(big, n, &d), TS_ERR_RECORD_OVERFLOW);
    assert_int_equal(d.n, 5);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.error, "length 16385 exceeds 2^14 (16384) for a plaintext"));
    free(big);

    const uint8_t empty[] = {0x16, 0x03, 0x03, 0x00, 0x00};
    assert_int_equal(ts_decode_records(empty, sizeof(empty), &d), TS_ERR_DECODE);
    assert_non_null(strstr(d.error, "empty handshake fragment"));

    assert_int_equal(ts_decode_records(empty, 0, &d), TS_ERR_ARG);
    ts_decode_free(&d);
}

static void test_bad_bodies(void **state)
{
    (void)state;
    ts_decode d;
    ts_decode_init(&d);
    /* cipher_suites length 3: odd, a decode error inside the ClientHello. */
    uint8_t bad[sizeof(client_hello)];
    memcpy(bad, client_hello, sizeof(bad));
    bad[45] = 0x03;
    ts_err err = ts_decode_records(bad, sizeof(bad), &d);
    assert_int_not_equal(err, TS_OK);
    assert_int_equal(d.n, 1);
    assert_memory_equal(d.error, "record 1 at offset 0: ClientHello at offset 5: ", 47);
    assert_non_null(strstr(d.error, "decoded up to offset"));
    assert_true(d.err_offset >= 44 && d.err_offset <= 48);

    /* A handshake message longer than its record. */
    const uint8_t spill[] = {0x16, 0x03, 0x03, 0x00, 0x06, 0x0b, 0x00, 0x01, 0x00, 0x00, 0x00};
    assert_int_equal(ts_decode_records(spill, sizeof(spill), &d), TS_ERR_DECODE);
    assert_string_equal(d.error, "record 1 at offset 0: Certificate at offset 5: length 256 but "
                                 "only 2 bytes left in the record");

    /* Three bytes of a handshake header. */
    const uint8_t hdr3[] = {0x16, 0x03, 0x03, 0x00, 0x03, 0x0e, 0x00, 0x00};
    assert_int_equal(ts_decode_records(hdr3, sizeof(hdr3), &d), TS_ERR_DECODE);
    assert_non_null(strstr(d.error, "only 3 of 4 bytes"));

    /* A ChangeCipherSpec of value 2, then a good record: both reported. */
    const uint8_t ccs2[] = {0x14, 0x03, 0x03, 0x00, 0x01, 0x02,
                            0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    err = ts_decode_records(ccs2, sizeof(ccs2), &d);
    assert_int_not_equal(err, TS_OK);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.error, "record 1 at offset 0: ChangeCipherSpec: "));
    assert_int_equal(d.recs[1].err, TS_OK);
    assert_true(d.recs[1].encrypted); /* after the CCS */
    ts_decode_free(&d);
}

/* The NULL cipher (TLS_RSA_WITH_NULL_SHA256, RFC 5246 §6.2.3.1): after the
 * ChangeCipherSpec, plaintext followed by a 32-byte HMAC-SHA256. */
static void test_null_cipher(void **state)
{
    (void)state;
    uint8_t in[6 + 5 + 48 + 5 + 18 + 32 + 5 + 40];
    size_t n = 0;
    const uint8_t ccs[] = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
    memcpy(in + n, ccs, 6);
    n += 6;
    const uint8_t fin[] = {0x16, 0x03, 0x03, 0x00, 0x30, 0x14, 0x00, 0x00, 0x0c};
    memcpy(in + n, fin, sizeof(fin));
    n += sizeof(fin);
    memset(in + n, 0x5a, 12 + 32); /* verify_data, mac */
    n += 44;
    const uint8_t app[] = {0x17, 0x03, 0x03, 0x00, 0x32};
    memcpy(in + n, app, 5);
    memcpy(in + n + 5, "GET / HTTP/1.1\r\n", 16);
    in[n + 21] = 0x0d; /* two more bytes of text */
    in[n + 22] = 0x0a;
    memset(in + n + 23, 0xa5, 32);
    n += 5 + 18 + 32;
    ts_decode d;
    ts_decode_init(&d);
    assert_int_equal(ts_decode_records(in, n, &d), TS_OK);
    assert_int_equal(d.n, 3);
    assert_string_equal(d.recs[1].name, "Finished");
    assert_true(d.recs[1].mac_only);
    assert_false(d.recs[1].encrypted);
    const ts_field *mac = field(&d.recs[1], "mac");
    assert_int_equal(mac->offset, 21);
    assert_int_equal(mac->len, 32);
    assert_non_null(ts_fields_find(&d.recs[1].fields, "verify_data", 0));
    assert_string_equal(d.recs[2].name, "ApplicationData");
    assert_true(d.recs[2].mac_only);
    assert_string_equal(field(&d.recs[2], "http")->value, "GET / HTTP/1.1");
    assert_int_equal(field(&d.recs[2], "mac")->offset, 23);

    /* A 40-byte AES-GCM Finished (explicit nonce 0) stays opaque. */
    uint8_t gcm[6 + 45];
    memcpy(gcm, ccs, 6);
    const uint8_t hdr[] = {0x16, 0x03, 0x03, 0x00, 0x28};
    memcpy(gcm + 6, hdr, 5);
    memset(gcm + 11, 0, 40);
    assert_int_equal(ts_decode_records(gcm, sizeof(gcm), &d), TS_OK);
    assert_true(d.recs[1].encrypted);
    assert_false(d.recs[1].mac_only);
    assert_string_equal(d.recs[1].name, "EncryptedHandshakeMessage");
    ts_decode_free(&d);
}

/* Each error in English (what --json carries) and in the decoder's
 * language (what the text shows); the language outlives each decoding. */
static void test_errors_in_korean(void **state)
{
    (void)state;
    ts_decode d;
    ts_decode_init(&d);
    assert_int_equal(d.lang, TS_LANG_EN);
    d.lang = TS_LANG_KO;
    const uint8_t too_long[] = {0x17, 0x03, 0x03, 0x48, 0x01, 0x00}; /* 18433 */
    assert_int_equal(ts_decode_records(too_long, sizeof(too_long), &d), TS_ERR_RECORD_OVERFLOW);
    assert_int_equal(d.lang, TS_LANG_KO);
    assert_string_equal(d.error, "record 1 at offset 0: length 18433 exceeds 2^14+2048 (18432)");
    assert_string_equal(d.recs[0].error, d.error);
    assert_string_equal(d.recs[0].error_text,
                        "1번 레코드(오프셋 0): 길이 18433: 상한 2^14+2048(18432)보다 큽니다");
    /* a message cut short: the translation puts its arguments in its own order */
    const uint8_t spill[] = {0x16, 0x03, 0x03, 0x00, 0x06, 0x0b, 0x00, 0x01, 0x00, 0x00, 0x00};
    assert_int_equal(ts_decode_records(spill, sizeof(spill), &d), TS_ERR_DECODE);
    assert_string_equal(d.recs[0].error_text, "1번 레코드(오프셋 0): 오프셋 5의 Certificate: 길이는 "
                                              "256인데 레코드에 남은 것은 2바이트뿐입니다");
    /* an error of the message's own decoder: its text in Korean too */
    uint8_t bad[sizeof(client_hello)];
    memcpy(bad, client_hello, sizeof(bad));
    bad[45] = 0x03;
    assert_int_not_equal(ts_decode_records(bad, sizeof(bad), &d), TS_OK);
    assert_non_null(strstr(d.recs[0].error, "ClientHello at offset 5: "));
    assert_non_null(strstr(d.recs[0].error_text, "오프셋 5의 ClientHello: "));
    assert_null(strstr(d.recs[0].error_text, "decoded up to"));
    /* English by default: both texts the same */
    ts_decode_free(&d);
    assert_int_equal(d.lang, TS_LANG_EN);
    assert_int_equal(ts_decode_records(spill, sizeof(spill), &d), TS_ERR_DECODE);
    assert_string_equal(d.recs[0].error_text, d.recs[0].error);
    ts_decode_free(&d);
}

/* Appends a record of the given type around the handshake messages in hex. */
static void add_record(ts_buf *out, uint8_t type, const char *hex)
{
    ts_buf payload;
    ts_buf_init(&payload);
    assert_int_equal(ts_hex_decode(hex, &payload, NULL), TS_OK);
    assert_int_equal(ts_buf_write_u8(out, type), TS_OK);
    assert_int_equal(ts_buf_write_u16(out, 0x0303), TS_OK);
    assert_int_equal(ts_buf_write_vec(out, 2, payload.data, payload.len), TS_OK);
    ts_buf_free(&payload);
}

/* A ServerHello whose supported_versions says 03 04 makes what follows
 * TLS 1.3 (RFC 8446 §4.2.1): protected records are application_data, and
 * a plaintext handshake message is read in 1.3's forms. */
static void test_tls13_learned_from_server_hello(void **state)
{
    (void)state;
    ts_buf in;
    ts_buf_init(&in);
    add_record(&in, 22, RFC8448_CLIENT_HELLO);
    add_record(&in, 22, RFC8448_SERVER_HELLO);
    add_record(&in, 22, RFC8448_ENCRYPTED_EXTENSIONS RFC8448_CERTIFICATE
                            RFC8448_CERTIFICATE_VERIFY RFC8448_SERVER_FINISHED);
    add_record(&in, 23, "0011223344");
    add_record(&in, 22, "1400000c 0102030405060708090a0b0c"); /* a TLS 1.2 Finished */
    ts_decode d;
    ts_decode_init(&d);
    assert_int_equal(ts_decode_records(in.data, in.len, &d), TS_ERR_DECODE);
    assert_int_equal(d.n, 5);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.recs[1].name, "ServerHello");
    assert_string_equal(field(&d.recs[1], "selected_version")->value, "TLS 1.3 (0x0304)");
    assert_string_equal(d.recs[2].name,
                        "EncryptedExtensions+Certificate+CertificateVerify+Finished");
    assert_int_equal(d.recs[2].err, TS_OK);
    assert_non_null(ts_fields_find(&d.recs[2].fields, "certificate_entry", 0));
    assert_string_equal(field(&d.recs[2], "algorithm")->value, "rsa_pss_rsae_sha256 (0x0804)");
    assert_true(d.recs[3].encrypted);
    assert_int_equal(d.recs[4].err, TS_ERR_DECODE); /* 12 bytes: no TLS 1.3 Finished */
    ts_decode_free(&d);

    /* The same ServerHello saying 03 03: its suite is not ours, so the
     * forms are guessed, and the 12-byte Finished is TLS 1.2's. */
    size_t at = 5 + 196 + 5 + 90 - 1; /* the last byte of supported_versions */
    assert_int_equal(in.data[at], 0x04);
    in.data[at] = 0x03;
    ts_decode_init(&d);
    assert_int_equal(ts_decode_records(in.data, in.len, &d), TS_OK);
    assert_string_equal(field(&d.recs[1], "selected_version")->value, "TLS 1.2 (0x0303)");
    assert_string_equal(field(&d.recs[4], "verify_data")->value, "0102030405060708090a0b0c");
    ts_decode_free(&d);
    ts_buf_free(&in);
}

/* A simulated TLS 1.3 run with a HelloRetryRequest, decoded from its bytes:
 * the HRR named, the ChangeCipherSpecs starting no protection (the second
 * ClientHello and the ServerHello decode in the clear), every
 * application_data record opaque as encrypted_record and tag, no error;
 * the plaintext records named as the channel names them. */
static void test_tls13_run_with_hrr(void **state)
{
    (void)state;
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = "decode-hrr";
    cfg.bits = 640;
    cfg.suite = ts_suite_get(TS_SUITE_TLS13_CHACHA);
    cfg.group = 0x0100; /* ffdhe2048: the client's first share is x25519 */
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    const ts_chan *ch = ts_session_chan(s);
    ts_buf in;
    ts_buf_init(&in);
    for (size_t i = 1; i <= ts_chan_count(ch); i++) {
        const ts_chan_record *r = ts_chan_get(ch, i);
        assert_int_equal(ts_buf_write_bytes(&in, r->sent.data, r->sent.len), TS_OK);
    }
    ts_decode d;
    ts_decode_init(&d);
    assert_int_equal(ts_decode_records(in.data, in.len, &d), TS_OK);
    assert_int_equal(d.n, ts_chan_count(ch));
    assert_string_equal(d.recs[1].name, "HelloRetryRequest");
    size_t opaque = 0;
    for (size_t i = 0; i < d.n; i++) {
        const ts_chan_record *r = ts_chan_get(ch, i + 1);
        assert_int_equal(d.recs[i].encrypted, r->content_type == 23);
        if (d.recs[i].encrypted) {
            opaque++;
            assert_int_equal(field(&d.recs[i], "encrypted_record")->len, r->sent.len - 5 - 16);
            assert_int_equal(field(&d.recs[i], "tag")->offset, r->sent.len - 16);
        } else {
            assert_string_equal(d.recs[i].name, r->type_name);
        }
    }
    assert_int_equal(opaque, d.n - 6); /* CH, HRR, CCS, CCS, CH, SH in the clear */
    ts_decode_free(&d);
    ts_buf_free(&in);
    ts_session_free(s);
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_records),
        cmocka_unit_test(test_truncated_at_every_length),
        cmocka_unit_test(test_over_long_and_bad_headers),
        cmocka_unit_test(test_bad_bodies),
        cmocka_unit_test(test_null_cipher),
        cmocka_unit_test(test_errors_in_korean),
        cmocka_unit_test(test_tls13_learned_from_server_hello),
        cmocka_unit_test(test_tls13_run_with_hrr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
