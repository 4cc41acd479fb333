/* Real TLS 1.2 messages from OpenSSL 3.0.19 parse, and ts_msg_describe
 * covers them with fields whose byte ranges are right.
 *
 * How the bytes were captured (handshake messages shown without their
 * 5-byte record headers):
 *   ClientHello: a python3 socket listener on 127.0.0.1 printed the first
 *     record it received as hex, from
 *     `openssl s_client -tls1_2 -connect 127.0.0.1:PORT -servername localhost </dev/null`
 *     (record header 16 03 01 00 c9: record version TLS 1.0, as OpenSSL sends).
 *   Server flights: that ClientHello was sent by python3 to
 *     `openssl s_server -tls1_2 -accept 127.0.0.1:PORT -cert cert.pem -key key.pem
 *      -cipher 'ECDHE-RSA-CHACHA20-POLY1305:@SECLEVEL=0'` (then DHE-RSA-...),
 *     with a fresh 1024-bit self-signed RSA certificate
 *     (`openssl req -x509 -newkey rsa:1024 -nodes -subj /CN=localhost`);
 *     OpenSSL sent each handshake message in its own record. */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_certificate.h"
#include "tls/msg/ts_msg_client_hello.h"
#include "tls/msg/ts_msg_client_key_exchange.h"
#include "tls/msg/ts_msg_describe.h"
#include "tls/msg/ts_msg_server_hello.h"
#include "tls/msg/ts_msg_server_hello_done.h"
#include "tls/msg/ts_msg_server_key_exchange.h"

static const char *ossl_client_hello =
    "010000c50303775b56b06382d4c7e22eb56d13babeaa351bcf044707fa36833078a2d759"
    "83be000038c02cc030009fcca9cca8ccaac02bc02f009ec024c028006bc023c0270067c0"
    "0ac0140039c009c0130033009d009c003d003c0035002f00ff010000640000000e000c00"
    "00096c6f63616c686f7374000b000403000102000a000c000a001d0017001e0019001800"
    "2300000016000000170000000d002a0028040305030603080708080809080a080b080408"
    "050806040105010601030303010302040205020602";
static const char *ossl_ecdhe_server_hello =
    "0200003d03030207b9c3e625208d3b8519f32ccfd288fc56ba02eba94c1be7b42771917d"
    "2b0400cca8000015ff01000100000b0004030001020023000000170000";
static const char *ossl_certificate =
    "0b00020e00020b000208308202043082016da00302010202142b057fe1ffeb9633bb8f91"
    "618d81136ada236d6f300d06092a864886f70d01010b050030143112301006035504030c"
    "096c6f63616c686f7374301e170d3236313132323130343034305a170d33363131313931"
    "30343034305a30143112301006035504030c096c6f63616c686f737430819f300d06092a"
    "864886f70d010101050003818d003081890281810099204e732c1c7a52949eae722e912e"
    "b85b83abef877614e570bebf8cbf05fe78158550004d6efcea38bc2c3edc26aae6a82564"
    "123e124cfae024de274cf640325dbb3e2fdf0ea3bf8e62c5ff59c3bf26dc5f32389dadfd"
    "898e58c84d7803e13f87ae6fe150a6eb19db663f7d6dfc05faf38fe5ec0fce62a113d1ac"
    "3079607cb90203010001a3533051301d0603551d0e0416041491fcd4c4678416b8e3d326"
    "2d3152465359a78b1d301f0603551d2304183016801491fcd4c4678416b8e3d3262d3152"
    "465359a78b1d300f0603551d130101ff040530030101ff300d06092a864886f70d01010b"
    "0500038181006001953966d28d9486bdbabc73c028999c7e2a387ffb3727c5d2c53ef3ec"
    "dd6e73f1da6665d72211eaaf188db3b890b99f55ceb6ab17c4579e9cc9c9e666060e92f7"
    "c69d9f26d50368158cce75fccace5451375c6a856e8f2411c0a1df2bc2a3cd38a9ae0a55"
    "55a460ecaf26762f1e6c42559b792b8c35eb0a726084ac2d92e0";
static const char *ossl_ecdhe_ske =
    "0c0000a803001d2053e3db8aef6a9ba9369efeeae39dd9f86e9eb9a01b35d951bd034590"
    "5705d669080400800c1377614976c6566ce3c5d286efe5440ddd05b955ad135e9e7c6439"
    "7aabd95fa90436c8f35eea6487d6f9b75fc4ca7740485046b0a92daf03d1f95689cdca1c"
    "4c39eb74aa7555ca9d9d79ec2750416de82a76f2f413efd0c4e61f0a59ad27884713dae9"
    "1040b88a516cff98c16f70f093241baaba0ece218df4fd400e48e068";
static const char *ossl_server_hello_done =
    "0e000000";
static const char *ossl_dhe_server_hello =
    "0200003503036f33e74f9d3cf98b218428a415edf71517eabd70f4499e66d8d9c57b8b1e"
    "7c4b00ccaa00000dff010001000023000000170000";
static const char *ossl_dhe_ske =
    "0c00018b0080ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67"
    "cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1"
    "356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a89"
    "9fa5ae9f24117c4b1fe649286651ece65381ffffffffffffffff0001020080870162608f"
    "8f54afcabab25977b32847e74da8ff9b3ce75466442fbe0658d00deea45d49530a6235a5"
    "a17146e8f1f14fca3d8d7beea0c1480495e5f4a153cb5ca88f0aa875b948dc9139387681"
    "fbb0f60e26322b6b33bf2227a8678010d621c61ffbeb5a2ddb93b07e63e7e26825a54959"
    "55860a01730606897d74edd82ca30e0804008048becd0a321192a1abdc2d167321f8a826"
    "b423eb126189220c4a6dc6616f46cf57afddd13911833a26a8d40145f6a856a683372a49"
    "ca5a4ac22a2c4017f7f178ca1ecac2a12ff61a782938b32e40546d30383747221acb37a4"
    "5b0b0be5a6f5102dcac61ab84e848c1f2dd642aaf91955b130e92ea19036a5833e985a9d"
    "4119bc";

/* Unwraps the handshake message in b (whole buffer): type and body. */
static void unwrap(ts_buf *b, uint8_t want_type, ts_buf *body)
{
    uint8_t type;
    assert_int_equal(ts_msg_hs_parse(b, &type, body), TS_OK);
    assert_int_equal(type, want_type);
    assert_int_equal(ts_buf_remaining(b), 0);
}

static void test_client_hello(void **state)
{
    (void)state;
    ts_buf b, body;
    ts_msg_client_hello m;
    tu_hex(ossl_client_hello, &b);
    unwrap(&b, TS_HS_CLIENT_HELLO, &body);
    assert_int_equal(ts_msg_client_hello_parse(&body, &m, NULL), TS_OK);
    assert_int_equal(m.version, TS_VERSION_TLS12);
    assert_int_equal(m.random[0], 0x77);
    assert_int_equal(m.session_id_len, 0);
    assert_int_equal(m.n_suites, 28);
    assert_int_equal(m.suites[0], 0xC02C);
    assert_int_equal(m.suites[27], 0x00FF);
    assert_true(ts_msg_client_hello_offers(&m, 0x009D));
    assert_true(ts_msg_client_hello_offers(&m, 0xCCA8));
    assert_true(ts_msg_client_hello_offers(&m, 0xCCAA));
    assert_false(ts_msg_client_hello_offers(&m, 0x003B));
    assert_int_equal(m.n_compression, 1);
    assert_true(m.has_null_compression);
    const ts_msg_exts *e = &m.exts;
    assert_true(e->block);
    assert_int_equal(e->present, TS_EXTF_SERVER_NAME | TS_EXTF_EC_POINT_FORMATS |
                                     TS_EXTF_SUPPORTED_GROUPS | TS_EXTF_SIGNATURE_ALGORITHMS |
                                     TS_EXTF_EXTENDED_MASTER_SECRET);
    assert_string_equal(e->host, "localhost");
    assert_int_equal(e->n_point_formats, 3);
    assert_int_equal(e->n_groups, 5);
    assert_int_equal(e->groups[0], TS_GROUP_X25519);
    assert_int_equal(e->n_sigalgs, 20);
    assert_int_equal(e->sigalgs[8], TS_SIGALG_RSA_PSS_RSAE_SHA256);
    assert_int_equal(e->sigalgs[11], TS_SIGALG_RSA_PKCS1_SHA256);
    assert_int_equal(e->n_unknown, 2);
    assert_int_equal(e->unknown[0], TS_EXT_SESSION_TICKET);
    assert_int_equal(e->unknown[1], TS_EXT_ENCRYPT_THEN_MAC);
    assert_int_equal(e->n_order, 7);
    ts_buf_free(&b);
}

static void test_server_flight_ecdhe(void **state)
{
    (void)state;
    ts_buf b, body;
    ts_msg_server_hello sh;
    tu_hex(ossl_ecdhe_server_hello, &b);
    unwrap(&b, TS_HS_SERVER_HELLO, &body);
    assert_int_equal(ts_msg_server_hello_parse(&body, &sh, NULL), TS_OK);
    assert_int_equal(sh.version, TS_VERSION_TLS12);
    assert_int_equal(sh.suite, 0xCCA8);
    assert_int_equal(sh.compression, 0);
    assert_int_equal(sh.session_id_len, 0);
    assert_int_equal(sh.exts.present, TS_EXTF_RENEGOTIATION_INFO | TS_EXTF_EC_POINT_FORMATS |
                                          TS_EXTF_EXTENDED_MASTER_SECRET);
    assert_int_equal(sh.exts.reneg_len, 0);
    assert_int_equal(sh.exts.n_unknown, 1); /* session_ticket */
    ts_buf_free(&b);

    ts_msg_certificate cert;
    tu_hex(ossl_certificate, &b);
    unwrap(&b, TS_HS_CERTIFICATE, &body);
    assert_int_equal(ts_msg_certificate_parse(&body, &cert, NULL), TS_OK);
    assert_int_equal(cert.n_certs, 1);
    assert_int_equal(cert.certs[0].len, 520); /* `openssl x509 -outform DER | wc -c` */
    assert_memory_equal(cert.certs[0].data, "\x30\x82\x02\x04", 4);
    ts_buf_free(&b);

    ts_msg_ske ske;
    tu_hex(ossl_ecdhe_ske, &b);
    unwrap(&b, TS_HS_SERVER_KEY_EXCHANGE, &body);
    assert_int_equal(ts_msg_ske_parse(&body, TS_SKE_ECDHE, &ske, NULL), TS_OK);
    assert_int_equal(ske.curve_type, TS_EC_CURVE_TYPE_NAMED);
    assert_int_equal(ske.group, TS_GROUP_X25519);
    assert_int_equal(ske.point.len, 32);
    assert_int_equal(ske.params.len, 36);
    assert_ptr_equal(ske.params.data, b.data + 4);
    assert_int_equal(ske.sigalg, TS_SIGALG_RSA_PSS_RSAE_SHA256);
    assert_int_equal(ske.signature.len, 128);
    ts_buf_free(&b);

    tu_hex(ossl_server_hello_done, &b);
    unwrap(&b, TS_HS_SERVER_HELLO_DONE, &body);
    assert_int_equal(ts_msg_server_hello_done_parse(&body, NULL), TS_OK);
    ts_buf_free(&b);
}

static void test_server_flight_dhe(void **state)
{
    (void)state;
    ts_buf b, body;
    ts_msg_server_hello sh;
    tu_hex(ossl_dhe_server_hello, &b);
    unwrap(&b, TS_HS_SERVER_HELLO, &body);
    assert_int_equal(ts_msg_server_hello_parse(&body, &sh, NULL), TS_OK);
    assert_int_equal(sh.suite, 0xCCAA);
    assert_false(sh.exts.present & TS_EXTF_EC_POINT_FORMATS);
    ts_buf_free(&b);

    ts_msg_ske ske;
    tu_hex(ossl_dhe_ske, &b);
    unwrap(&b, TS_HS_SERVER_KEY_EXCHANGE, &body);
    assert_int_equal(ts_msg_ske_parse(&body, TS_SKE_DHE, &ske, NULL), TS_OK);
    assert_int_equal(ske.dh_p.len, 128);
    assert_int_equal(ske.dh_p.data[0], 0xff);
    assert_int_equal(ske.dh_g.len, 1);
    assert_int_equal(ske.dh_g.data[0], 2);
    assert_int_equal(ske.dh_ys.len, 128);
    assert_int_equal(ske.params.len, 2 + 128 + 2 + 1 + 2 + 128);
    assert_int_equal(ske.signature.len, 128);
    body.pos = 0;
    assert_int_not_equal(ts_msg_ske_parse(&body, TS_SKE_ECDHE, &ske, NULL), TS_OK);
    ts_buf_free(&b);
}

/* Describes msg at record offset 5 and checks every field lies inside it. */
static void describe(const char *hex, ts_kx kx, ts_fields *f, ts_buf *b)
{
    tu_hex(hex, b);
    ts_fields_init(f);
    assert_int_equal(ts_msg_describe_kx(b->data, b->len, kx, f, 5), TS_OK);
    assert_true(f->n >= 2);
    tu_fields_within(f, 5, b->len);
    assert_string_equal(f->items[0].name, "handshake_type");
    assert_int_equal(f->items[0].offset, 5);
    assert_int_equal(f->items[1].offset, 6);
    assert_int_equal(f->items[1].len, 3);
    assert_null(f->origin); /* restored */
}

/* The bytes a field covers, given the message starts at record offset 5. */
static const uint8_t *at(const ts_buf *b, const ts_field *x)
{
    return b->data + x->offset - 5;
}

static void test_describe_client_hello(void **state)
{
    (void)state;
    ts_fields f;
    ts_buf b;
    describe(ossl_client_hello, TS_KX_GUESS, &f, &b);
    assert_string_equal(f.items[0].value, "ClientHello (1)");
    assert_string_equal(f.items[1].value, "197");
    const ts_field *x = ts_fields_find(&f, "client_version", 0);
    assert_string_equal(x->value, "TLS 1.2 (0x0303)");
    assert_int_equal(x->offset, 9);
    x = ts_fields_find(&f, "random", 0);
    assert_int_equal(x->offset, 11);
    assert_int_equal(x->len, 32);
    assert_int_equal(strncmp(x->value, "775b56b0", 8), 0);
    size_t suites = 0;
    for (size_t i = 0; i < f.n; i++) {
        if (strcmp(f.items[i].name, "cipher_suite") == 0) {
            suites++;
            assert_int_equal(f.items[i].len, 2);
            assert_int_equal(f.items[i].depth, 1);
        }
    }
    assert_int_equal(suites, 28);
    x = ts_fields_find(&f, "cipher_suite", 0);
    assert_string_equal(x->value, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (0xc02c)");
    assert_memory_equal(at(&b, x), "\xc0\x2c", 2);
    x = ts_fields_find(&f, "server_name", 0);
    assert_string_equal(x->value, "localhost");
    assert_memory_equal(at(&b, x), "localhost", 9);
    x = ts_fields_find(&f, "signature_algorithm", 0);
    assert_string_equal(x->value, "ecdsa_secp256r1_sha256 (0x0403)");
    assert_memory_equal(at(&b, x), "\x04\x03", 2);
    /* Each extension field spans its type, length and data. */
    size_t covered = 0;
    for (size_t i = 0; i < f.n; i++) {
        if (strcmp(f.items[i].name, "extension") == 0) {
            covered += f.items[i].len;
        }
    }
    x = ts_fields_find(&f, "extensions_length", 0);
    assert_int_equal(covered, 100);
    assert_int_equal(x->offset + 2 + covered, 5 + b.len);
    ts_fields_free(&f);
    ts_buf_free(&b);
}

static void test_describe_server_flight(void **state)
{
    (void)state;
    ts_fields f;
    ts_buf b;
    describe(ossl_ecdhe_server_hello, TS_KX_GUESS, &f, &b);
    const ts_field *x = ts_fields_find(&f, "cipher_suite", 0);
    assert_string_equal(x->value, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (0xcca8)");
    assert_memory_equal(at(&b, x), "\xcc\xa8", 2);
    ts_fields_free(&f);
    ts_buf_free(&b);

    describe(ossl_certificate, TS_KX_GUESS, &f, &b);
    x = ts_fields_find(&f, "certificate_der", 0);
    assert_int_equal(x->len, 520);
    assert_int_equal(x->offset, 5 + 4 + 3 + 3);
    ts_fields_free(&f);
    ts_buf_free(&b);

    /* The ECDHE form is recognised without being told. */
    describe(ossl_ecdhe_ske, TS_KX_GUESS, &f, &b);
    x = ts_fields_find(&f, "named_curve", 0);
    assert_non_null(x);
    assert_string_equal(x->value, "x25519 (0x001d)");
    x = ts_fields_find(&f, "pubkey", 0);
    assert_int_equal(x->len, 32);
    assert_int_equal(x->offset, 5 + 4 + 4);
    x = ts_fields_find(&f, "signature_algorithm", 0);
    assert_string_equal(x->value, "rsa_pss_rsae_sha256 (0x0804)");
    x = ts_fields_find(&f, "signature", 0);
    assert_int_equal(x->offset + x->len, 5 + b.len);
    ts_fields_free(&f);
    ts_buf_free(&b);

    /* So is the DHE form. */
    describe(ossl_dhe_ske, TS_KX_GUESS, &f, &b);
    assert_null(ts_fields_find(&f, "named_curve", 0));
    x = ts_fields_find(&f, "dh_g", 0);
    assert_string_equal(x->value, "02");
    assert_int_equal(at(&b, x)[0], 2);
    ts_fields_free(&f);
    ts_buf_free(&b);
    describe(ossl_dhe_ske, TS_KX_DHE, &f, &b);
    assert_non_null(ts_fields_find(&f, "dh_Ys", 0));
    ts_fields_free(&f);
    ts_buf_free(&b);

    describe(ossl_server_hello_done, TS_KX_GUESS, &f, &b);
    assert_int_equal(f.n, 2);
    assert_string_equal(f.items[0].value, "ServerHelloDone (14)");
    ts_fields_free(&f);
    ts_buf_free(&b);
}

static void test_describe_other_messages(void **state)
{
    (void)state;
    ts_fields f;
    ts_buf b;
    /* ClientKeyExchange: a u8 vector reads as ECDHE, a u16 one as either. */
    describe("10000021 20 000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f",
             TS_KX_GUESS, &f, &b);
    assert_non_null(ts_fields_find(&f, "pubkey", 0));
    ts_fields_free(&f);
    ts_buf_free(&b);
    describe("10000006 0004 deadbeef", TS_KX_GUESS, &f, &b);
    assert_non_null(ts_fields_find(&f, "exchange_keys", 0));
    ts_fields_free(&f);
    ts_buf_free(&b);
    describe("10000006 0004 deadbeef", TS_KX_RSA, &f, &b);
    assert_string_equal(ts_fields_find(&f, "encrypted_premaster", 0)->value, "deadbeef");
    ts_fields_free(&f);
    ts_buf_free(&b);
    describe("1400000c 0102030405060708090a0b0c", TS_KX_GUESS, &f, &b);
    assert_int_equal(ts_fields_find(&f, "verify_data", 0)->offset, 9);
    ts_fields_free(&f);
    ts_buf_free(&b);
    /* CertificateVerify: the same form in TLS 1.2 and 1.3 */
    describe("0f000004 04010000", TS_KX_GUESS, &f, &b);
    assert_string_equal(f.items[0].value, "CertificateVerify (15)");
    assert_string_equal(ts_fields_find(&f, "algorithm", 0)->value, "rsa_pkcs1_sha256 (0x0401)");
    assert_string_equal(ts_fields_find(&f, "signature_length", 0)->value, "0");
    assert_null(ts_fields_find(&f, "body", 0));
    ts_fields_free(&f);
    ts_buf_free(&b);
}

static void test_describe_errors_keep_fields(void **state)
{
    (void)state;
    ts_buf b;
    ts_fields f;
    ts_fields_init(&f);
    tu_hex(ossl_client_hello, &b);
    /* Truncated: the header says more than there is. */
    assert_int_equal(ts_msg_describe(b.data, b.len - 1, &f, 0), TS_ERR_SHORT);
    assert_int_equal(f.n, 2);
    ts_fields_free(&f);
    /* One byte more than the message. */
    assert_int_equal(ts_buf_write_u8(&b, 0), TS_OK);
    ts_fields_init(&f);
    assert_int_equal(ts_msg_describe(b.data, b.len, &f, 0), TS_ERR_TRAILING);
    ts_fields_free(&f);
    /* A body that breaks midway keeps what was decoded before. */
    b.len--;
    b.data[4 + 2 + 32 + 1 + 1] = 0x39; /* odd cipher_suites length */
    ts_fields_init(&f);
    assert_int_equal(ts_msg_describe(b.data, b.len, &f, 0), TS_ERR_DECODE);
    assert_non_null(ts_fields_find(&f, "random", 0));
    assert_null(ts_fields_find(&f, "cipher_suite", 0));
    ts_fields_free(&f);
    ts_buf_free(&b);
}

static void test_describe_payload(void **state)
{
    (void)state;
    ts_buf flight, part;
    ts_buf_init(&flight);
    const char *parts[] = {ossl_ecdhe_server_hello, ossl_certificate, ossl_ecdhe_ske,
                           ossl_server_hello_done};
    for (size_t i = 0; i < 4; i++) {
        tu_hex(parts[i], &part);
        assert_int_equal(ts_buf_write_bytes(&flight, part.data, part.len), TS_OK);
        ts_buf_free(&part);
    }
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_describe_payload(22, flight.data, flight.len, TS_KX_ECDHE, &f, 5),
                     TS_OK);
    tu_fields_within(&f, 5, flight.len);
    size_t n = 0, end = 5;
    for (size_t i = 0; i < f.n; i++) {
        if (f.items[i].depth == 0) {
            assert_string_equal(f.items[i].name, "handshake");
            assert_int_equal(f.items[i].offset, end);
            end += f.items[i].len;
            n++;
        }
    }
    assert_int_equal(n, 4);
    assert_int_equal(end, 5 + flight.len);
    ts_fields_free(&f);
    ts_buf_free(&flight);

    ts_fields_init(&f);
    assert_int_equal(ts_msg_describe_payload(21, (const uint8_t *)"\x02\x28", 2, TS_KX_RSA, &f, 5),
                     TS_OK);
    assert_string_equal(f.items[1].value, "handshake_failure (40)");
    assert_int_equal(f.items[1].offset, 6);
    assert_int_equal(ts_msg_describe_payload(20, (const uint8_t *)"\x01", 1, TS_KX_RSA, &f, 5),
                     TS_OK);
    assert_int_equal(ts_msg_describe_payload(23, (const uint8_t *)"GET /", 5, TS_KX_RSA, &f, 5),
                     TS_OK);
    assert_int_equal(ts_msg_describe_payload(99, (const uint8_t *)"x", 1, TS_KX_RSA, &f, 5),
                     TS_ERR_ARG);
    ts_fields_free(&f);
}

static ts_err describe_any(ts_buf *b, void *ctx)
{
    (void)ctx;
    ts_fields f;
    ts_fields_init(&f);
    ts_err err = ts_msg_describe(ts_buf_cursor(b), ts_buf_remaining(b), &f, 0);
    if (err == TS_OK) {
        tu_fields_within(&f, 0, ts_buf_remaining(b));
    }
    ts_fields_free(&f);
    return err;
}

/* Every single-byte change to every captured message: no crash, and
 * whatever decodes stays within the message. */
static void test_describe_survives_mutations(void **state)
{
    (void)state;
    const char *all[] = {ossl_client_hello, ossl_ecdhe_server_hello, ossl_certificate,
                         ossl_ecdhe_ske, ossl_server_hello_done, ossl_dhe_server_hello,
                         ossl_dhe_ske};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        ts_buf b;
        tu_hex(all[i], &b);
        tu_every_byte_mutation_survives(b.data, b.len, describe_any, NULL);
        for (size_t k = 0; k < b.len; k++) {
            assert_int_not_equal(tu_parse_copy(b.data, k, describe_any, NULL), TS_OK);
        }
        ts_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_hello),
        cmocka_unit_test(test_server_flight_ecdhe),
        cmocka_unit_test(test_server_flight_dhe),
        cmocka_unit_test(test_describe_client_hello),
        cmocka_unit_test(test_describe_server_flight),
        cmocka_unit_test(test_describe_other_messages),
        cmocka_unit_test(test_describe_errors_keep_fields),
        cmocka_unit_test(test_describe_payload),
        cmocka_unit_test(test_describe_survives_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
