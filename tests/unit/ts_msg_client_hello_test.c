/* Unit tests for ts_msg_client_hello (synthetic messages; the OpenSSL
 * capture is in ts_msg_openssl_test.c). */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_client_hello.h"

static void sample(ts_msg_client_hello *m)
{
    memset(m, 0, sizeof(*m));
    m->version = TS_VERSION_TLS12;
    for (size_t i = 0; i < TS_RANDOM_LEN; i++) {
        m->random[i] = (uint8_t)(0xa0 + i);
    }
    m->session_id_len = 4;
    memcpy(m->session_id, "\x01\x02\x03\x04", 4);
    m->suites[0] = 0x009D;
    m->suites[1] = 0xCCA8;
    m->suites[2] = 0x00FF;
    m->n_suites = 3;
    m->compression[0] = 0;
    m->n_compression = 1;
    m->exts.present = TS_EXTF_SERVER_NAME | TS_EXTF_EXTENDED_MASTER_SECRET;
    memcpy(m->exts.host, "example.org", 11);
    m->exts.host_len = 11;
}

static ts_err parse(ts_buf *body, void *ctx)
{
    return ts_msg_client_hello_parse(body, ctx, NULL);
}

/* The offset of the extensions block in sample()'s encoding. */
static size_t exts_offset(void)
{
    return 2 + 32 + 1 + 4 + 2 + 6 + 1 + 1;
}

static void test_round_trip(void **state)
{
    (void)state;
    ts_msg_client_hello m, got;
    sample(&m);
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_client_hello_write(&out, &m), TS_OK);
    /* Known layout (RFC 5246 §7.4.1.2). */
    assert_int_equal(out.data[0], 0x03);
    assert_int_equal(out.data[1], 0x03);
    assert_int_equal(out.data[34], 4);
    assert_memory_equal(out.data + 39, "\x00\x06\x00\x9d\xcc\xa8\x00\xff\x01\x00", 10);
    assert_int_equal(ts_msg_client_hello_parse(&out, &got, NULL), TS_OK);
    assert_int_equal(got.version, TS_VERSION_TLS12);
    assert_memory_equal(got.random, m.random, TS_RANDOM_LEN);
    assert_int_equal(got.session_id_len, 4);
    assert_memory_equal(got.session_id, m.session_id, 4);
    assert_int_equal(got.n_suites, 3);
    assert_int_equal(got.suites[1], 0xCCA8);
    assert_true(ts_msg_client_hello_offers(&got, 0x00FF));
    assert_false(ts_msg_client_hello_offers(&got, 0x003B));
    assert_int_equal(got.n_compression, 1);
    assert_true(got.has_null_compression);
    assert_true(got.exts.block);
    assert_string_equal(got.exts.host, "example.org");
    assert_int_equal(got.exts.present, m.exts.present);

    /* Writing the parsed struct gives the same bytes. */
    ts_buf again;
    ts_buf_init(&again);
    assert_int_equal(ts_msg_client_hello_write(&again, &got), TS_OK);
    assert_int_equal(again.len, out.len);
    assert_memory_equal(again.data, out.data, out.len);
    ts_buf_free(&again);

    /* Every truncation fails, except the one that drops the whole
     * extensions block (a legal ClientHello without extensions). */
    tu_every_prefix_fails(out.data, out.len, parse, &got, exts_offset());
    tu_every_byte_mutation_survives(out.data, out.len, parse, &got);
    ts_buf_free(&out);
}

static void test_no_extensions(void **state)
{
    (void)state;
    ts_msg_client_hello m, got;
    sample(&m);
    memset(&m.exts, 0, sizeof(m.exts));
    m.compression[0] = 1;
    m.n_compression = 1;
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_client_hello_write(&out, &m), TS_OK);
    assert_int_equal(out.len, exts_offset());
    assert_int_equal(ts_msg_client_hello_parse(&out, &got, NULL), TS_OK);
    assert_false(got.exts.block);
    assert_false(got.has_null_compression); /* the engine refuses it */
    ts_buf_free(&out);
}

/* Writes sample(), lets edit change the bytes, and expects err from parse. */
static void expect_after(void (*edit)(ts_buf *), ts_err want)
{
    ts_msg_client_hello m, got;
    sample(&m);
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_client_hello_write(&out, &m), TS_OK);
    edit(&out);
    assert_int_equal(tu_parse_copy(out.data, out.len, parse, &got), want);
    ts_buf_free(&out);
}

static void odd_suites(ts_buf *b)
{
    b->data[40] = 5; /* cipher suites length 5 */
    b->data[41 + 4] = 0x01;
    b->data[41 + 5] = 0x00;
}
static void empty_suites(ts_buf *b)
{
    b->data[40] = 0;
}
static void empty_compression(ts_buf *b)
{
    b->data[47] = 0;
}
static void long_session_id(ts_buf *b)
{
    b->data[34] = 33;
}
static void trailing(ts_buf *b)
{
    assert_int_equal(ts_buf_write_u8(b, 0), TS_OK);
}
static void exts_too_long(ts_buf *b)
{
    b->data[exts_offset() + 1]++;
}
static void duplicate_ext(ts_buf *b)
{
    /* Re-send extended_master_secret: 00 17 00 00 again. */
    b->data[exts_offset() + 1] += 4;
    assert_int_equal(ts_buf_write_bytes(b, (const uint8_t *)"\x00\x17\x00\x00", 4), TS_OK);
}

static void test_malformed(void **state)
{
    (void)state;
    expect_after(odd_suites, TS_ERR_DECODE);
    expect_after(empty_suites, TS_ERR_DECODE);
    expect_after(empty_compression, TS_ERR_DECODE);
    expect_after(long_session_id, TS_ERR_DECODE);
    expect_after(trailing, TS_ERR_TRAILING);
    expect_after(exts_too_long, TS_ERR_DECODE);
    expect_after(duplicate_ext, TS_ERR_DECODE);
}

static void test_suite_bound(void **state)
{
    (void)state;
    ts_msg_client_hello got;
    /* Any well-formed list is accepted (RFC 5246 §7.4.1.2: up to 2^15 - 1
     * suites); the first TS_CH_MAX_SUITES are kept, every one is searched. */
    for (size_t n = 256; n <= 32767; n += 32767 - 256) {
        ts_buf b;
        ts_buf_init(&b);
        assert_int_equal(ts_buf_write_u16(&b, TS_VERSION_TLS12), TS_OK);
        assert_int_equal(ts_buf_write_zeros(&b, 32, NULL), TS_OK);
        assert_int_equal(ts_buf_write_u8(&b, 0), TS_OK);
        assert_int_equal(ts_buf_write_u16(&b, (uint16_t)(2 * n)), TS_OK);
        for (size_t i = 0; i < n; i++) {
            assert_int_equal(ts_buf_write_u16(&b, (uint16_t)i), TS_OK);
        }
        assert_int_equal(ts_buf_write_vec(&b, 1, (const uint8_t *)"\0", 1), TS_OK);
        ts_err err = ts_msg_client_hello_parse(&b, &got, NULL);
        assert_int_equal(err, TS_OK);
        assert_int_equal(got.n_suites, 256);
        assert_int_equal(got.suites[255], 255);
        assert_true(ts_msg_client_hello_offers(&got, (uint16_t)(n - 1)));
        assert_false(ts_msg_client_hello_offers(&got, (uint16_t)n));
        ts_buf_free(&b);
    }
    sample(&got);
    got.n_suites = TS_CH_MAX_SUITES + 1;
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_msg_client_hello_write(&b, &got), TS_ERR_ARG);
    ts_buf_free(&b);
}

static void test_fields(void **state)
{
    (void)state;
    ts_msg_client_hello m, got;
    sample(&m);
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_client_hello_write(&out, &m), TS_OK);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_client_hello_parse(&out, &got, &f), TS_OK);
    tu_fields_within(&f, 0, out.len);
    const ts_field *v = ts_fields_find(&f, "client_version", 0);
    assert_non_null(v);
    assert_string_equal(v->value, "TLS 1.2 (0x0303)");
    assert_int_equal(v->offset, 0);
    v = ts_fields_find(&f, "random", 0);
    assert_int_equal(v->offset, 2);
    assert_int_equal(v->len, 32);
    v = ts_fields_find(&f, "cipher_suite", 0);
    assert_string_equal(v->value, "TLS_RSA_WITH_AES_256_GCM_SHA384 (0x009d)");
    assert_int_equal(v->offset, 41);
    v = ts_fields_find(&f, "cipher_suite", (size_t)(v - f.items) + 1);
    assert_string_equal(v->value, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (0xcca8)");
    v = ts_fields_find(&f, "compression_method", 0);
    assert_string_equal(v->value, "null (0)");
    v = ts_fields_find(&f, "server_name", 0);
    assert_memory_equal(out.data + v->offset, "example.org", 11);
    ts_fields_free(&f);
    ts_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),  cmocka_unit_test(test_no_extensions),
        cmocka_unit_test(test_malformed),   cmocka_unit_test(test_suite_bound),
        cmocka_unit_test(test_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
