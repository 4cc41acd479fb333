/* Unit tests for ts_msg_server_hello and ts_msg_certificate (synthetic;
 * OpenSSL captures are in ts_msg_openssl_test.c). */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_certificate.h"
#include "tls/msg/ts_msg_server_hello.h"

static void sample(ts_msg_server_hello *m)
{
    memset(m, 0, sizeof(*m));
    m->version = TS_VERSION_TLS12;
    memset(m->random, 0x42, TS_RANDOM_LEN);
    m->session_id_len = 32;
    memset(m->session_id, 0x17, 32);
    m->suite = 0xCCAA;
    m->exts.present = TS_EXTF_RENEGOTIATION_INFO | TS_EXTF_EXTENDED_MASTER_SECRET;
}

static ts_err parse_sh(ts_buf *body, void *ctx)
{
    return ts_msg_server_hello_parse(body, ctx, NULL);
}

static void test_sh_round_trip(void **state)
{
    (void)state;
    ts_msg_server_hello m, got;
    sample(&m);
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_server_hello_write(&out, &m), TS_OK);
    /* 2 + 32 + 1 + 32 + 2 + 1, then ext block: 2 + (4 + 1) + 4. */
    assert_int_equal(out.len, 70 + 11);
    assert_memory_equal(out.data + 67, "\xcc\xaa\x00\x00\x09\x00\x17\x00\x00\xff\x01\x00\x01\x00",
                        14);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_server_hello_parse(&out, &got, &f), TS_OK);
    assert_int_equal(got.version, TS_VERSION_TLS12);
    assert_memory_equal(got.random, m.random, TS_RANDOM_LEN);
    assert_int_equal(got.session_id_len, 32);
    assert_int_equal(got.suite, 0xCCAA);
    assert_int_equal(got.compression, 0);
    assert_int_equal(got.exts.present, m.exts.present);
    tu_fields_within(&f, 0, out.len);
    const ts_field *s = ts_fields_find(&f, "cipher_suite", 0);
    assert_non_null(s);
    assert_int_equal(s->offset, 67);
    assert_string_equal(s->value, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (0xccaa)");
    ts_fields_free(&f);
    tu_every_prefix_fails(out.data, out.len, parse_sh, &got, 70);
    tu_every_byte_mutation_survives(out.data, out.len, parse_sh, &got);

    /* Trailing byte after the block; session id of 33. */
    assert_int_equal(ts_buf_write_u8(&out, 0), TS_OK);
    assert_int_equal(tu_parse_copy(out.data, out.len, parse_sh, &got), TS_ERR_TRAILING);
    out.data[34] = 33;
    assert_int_equal(tu_parse_copy(out.data, out.len - 1, parse_sh, &got), TS_ERR_DECODE);
    ts_buf_free(&out);
}

static ts_err parse_cert(ts_buf *body, void *ctx)
{
    return ts_msg_certificate_parse(body, ctx, NULL);
}

static void test_cert_round_trip(void **state)
{
    (void)state;
    static const uint8_t a[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    static const uint8_t b[] = {0x30, 0x00};
    ts_msg_certificate m = {.certs = {{a, sizeof(a)}, {b, sizeof(b)}}, .n_certs = 2};
    ts_msg_certificate got;
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_certificate_write(&out, &m), TS_OK);
    static const uint8_t want[] = {0, 0, 13, 0, 0, 5, 0x30, 0x03, 0x02, 0x01, 0x01,
                                   0, 0, 2, 0x30, 0x00};
    assert_int_equal(out.len, sizeof(want));
    assert_memory_equal(out.data, want, sizeof(want));
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_certificate_parse(&out, &got, &f), TS_OK);
    assert_int_equal(got.n_certs, 2);
    assert_int_equal(got.certs[0].len, 5);
    assert_ptr_equal(got.certs[0].data, out.data + 6); /* a view into the body */
    assert_memory_equal(got.certs[1].data, b, 2);
    tu_fields_within(&f, 0, out.len);
    const ts_field *c = ts_fields_find(&f, "certificate", 0);
    assert_int_equal(c->offset, 3);
    assert_int_equal(c->len, 8);
    assert_string_equal(c->value, "#0, 5 bytes");
    ts_fields_free(&f);
    tu_every_prefix_fails(out.data, out.len, parse_cert, &got, SIZE_MAX);
    tu_every_byte_mutation_survives(out.data, out.len, parse_cert, &got);
    ts_buf_free(&out);
}

static void test_cert_malformed(void **state)
{
    (void)state;
    ts_msg_certificate got;
    struct {
        const char *hex;
        ts_err err;
    } cases[] = {
        {"000000", TS_OK},                    /* empty chain: legal (client without one) */
        {"000003 000000", TS_ERR_DECODE},     /* certificate of length 0 */
        {"000004 000002 30", TS_ERR_DECODE},  /* certificate longer than the list */
        {"000004 000001 30 00", TS_ERR_TRAILING},
        {"000003 000001 30", TS_ERR_DECODE},  /* certificate cut by the list */
        {"ffffff 000001 30", TS_ERR_DECODE},  /* list longer than the body */
        {"0000", TS_ERR_DECODE},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ts_buf b;
        tu_hex(cases[i].hex, &b);
        assert_int_equal(tu_parse_copy(b.data, b.len, parse_cert, &got), cases[i].err);
        ts_buf_free(&b);
    }
    /* Nine certificates: more than TS_CERT_MAX_CHAIN. */
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_u24(&b, 9 * 4), TS_OK);
    for (int i = 0; i < 9; i++) {
        assert_int_equal(ts_buf_write_vec(&b, 3, (const uint8_t *)"\x05", 1), TS_OK);
    }
    assert_int_equal(ts_msg_certificate_parse(&b, &got, NULL), TS_ERR_DECODE);
    ts_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sh_round_trip),
        cmocka_unit_test(test_cert_round_trip),
        cmocka_unit_test(test_cert_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
