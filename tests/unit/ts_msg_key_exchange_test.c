/* Unit tests for ts_msg_server_key_exchange and ts_msg_client_key_exchange. */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_client_key_exchange.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_server_key_exchange.h"

static const uint8_t point[32] = {9, 8, 7, 6, 5, 4, 3, 2, 1};
static const uint8_t sig[64] = {0x5a, 0x5b};
static const uint8_t p[8] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7};
static const uint8_t g[1] = {2};
static const uint8_t ys[8] = {0x12, 0x34};

struct ske_ctx {
    ts_kx kind;
    ts_msg_ske m;
};

static ts_err parse_ske(ts_buf *body, void *ctx)
{
    struct ske_ctx *c = ctx;
    return ts_msg_ske_parse(body, c->kind, &c->m, NULL);
}

static void test_ske_ecdhe(void **state)
{
    (void)state;
    ts_msg_ske m = {.kind = TS_SKE_ECDHE,
                    .curve_type = TS_EC_CURVE_TYPE_NAMED,
                    .group = TS_GROUP_X25519,
                    .point = {point, sizeof(point)},
                    .sigalg = TS_SIGALG_RSA_PKCS1_SHA256,
                    .signature = {sig, sizeof(sig)}};
    ts_buf out, params;
    ts_buf_init(&out);
    ts_buf_init(&params);
    /* The two-step write gives the same bytes as the one-step write. */
    assert_int_equal(ts_msg_ske_write_params(&params, &m), TS_OK);
    assert_int_equal(params.len, 1 + 2 + 1 + 32);
    assert_memory_equal(params.data, "\x03\x00\x1d\x20\x09\x08", 6);
    assert_int_equal(ts_msg_ske_write_params(&out, &m), TS_OK);
    assert_int_equal(ts_msg_ske_write_signature(&out, m.sigalg, sig, sizeof(sig)), TS_OK);
    ts_buf one;
    ts_buf_init(&one);
    assert_int_equal(ts_msg_ske_write(&one, &m), TS_OK);
    assert_int_equal(one.len, out.len);
    assert_memory_equal(one.data, out.data, out.len);
    assert_memory_equal(out.data + 36, "\x04\x01\x00\x40\x5a\x5b", 6);

    ts_msg_ske got;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_ske_parse(&out, TS_SKE_ECDHE, &got, &f), TS_OK);
    assert_int_equal(got.group, TS_GROUP_X25519);
    assert_int_equal(got.point.len, 32);
    assert_memory_equal(got.point.data, point, 32);
    assert_int_equal(got.sigalg, 0x0401);
    assert_int_equal(got.signature.len, 64);
    ts_buf pv;
    assert_int_equal(ts_msg_ske_params(&got, &pv), TS_OK);
    assert_int_equal(pv.len, params.len);
    assert_memory_equal(pv.data, params.data, params.len);
    tu_fields_within(&f, 0, out.len);
    const ts_field *x = ts_fields_find(&f, "params", 0);
    assert_int_equal(x->offset, 0);
    assert_int_equal(x->len, 36);
    x = ts_fields_find(&f, "named_curve", 0);
    assert_string_equal(x->value, "x25519 (0x001d)");
    x = ts_fields_find(&f, "pubkey", 0);
    assert_int_equal(x->offset, 4);
    x = ts_fields_find(&f, "signature", 0);
    assert_int_equal(x->offset, 40);
    assert_int_equal(x->len, 64);
    ts_fields_free(&f);

    struct ske_ctx c = {.kind = TS_SKE_ECDHE};
    tu_every_prefix_fails(out.data, out.len, parse_ske, &c, SIZE_MAX);
    tu_every_byte_mutation_survives(out.data, out.len, parse_ske, &c);

    /* Curve types other than named_curve are illegal; trailing bytes too. */
    out.data[0] = 1;
    assert_int_equal(tu_parse_copy(out.data, out.len, parse_ske, &c), TS_ERR_ILLEGAL);
    out.data[0] = 3;
    assert_int_equal(ts_buf_write_u8(&out, 0), TS_OK);
    assert_int_equal(tu_parse_copy(out.data, out.len, parse_ske, &c), TS_ERR_TRAILING);
    /* An empty point. */
    out.data[3] = 0;
    assert_int_equal(tu_parse_copy(out.data, out.len, parse_ske, &c), TS_ERR_DECODE);
    /* RSA has no ServerKeyExchange. */
    assert_int_equal(ts_msg_ske_parse(&out, TS_KX_RSA, &got, NULL), TS_ERR_ARG);
    ts_buf_free(&out);
    ts_buf_free(&one);
    ts_buf_free(&params);
}

static void test_ske_dhe(void **state)
{
    (void)state;
    ts_msg_ske m = {.kind = TS_SKE_DHE,
                    .dh_p = {p, sizeof(p)},
                    .dh_g = {g, sizeof(g)},
                    .dh_ys = {ys, sizeof(ys)},
                    .sigalg = TS_SIGALG_RSA_PKCS1_SHA256,
                    .signature = {sig, 3}};
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_ske_write(&out, &m), TS_OK);
    ts_buf want;
    tu_hex("0008 ffffffffffffffc7 0001 02 0008 1234000000000000 0401 0003 5a5b00", &want);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, want.len);
    ts_msg_ske got;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_ske_parse(&out, TS_SKE_DHE, &got, &f), TS_OK);
    assert_int_equal(got.dh_p.len, 8);
    assert_int_equal(got.dh_g.len, 1);
    assert_int_equal(got.dh_g.data[0], 2);
    assert_memory_equal(got.dh_ys.data, ys, 8);
    assert_int_equal(got.params.len, 10 + 3 + 10);
    assert_ptr_equal(got.params.data, out.data);
    assert_int_equal(got.signature.len, 3);
    tu_fields_within(&f, 0, out.len);
    const ts_field *x = ts_fields_find(&f, "dh_Ys", 0);
    assert_int_equal(x->offset, 15);
    assert_int_equal(x->len, 8);
    ts_fields_free(&f);
    struct ske_ctx c = {.kind = TS_SKE_DHE};
    tu_every_prefix_fails(out.data, out.len, parse_ske, &c, SIZE_MAX);
    tu_every_byte_mutation_survives(out.data, out.len, parse_ske, &c);
    /* A DHE body is not an ECDHE one. */
    c.kind = TS_SKE_ECDHE;
    assert_int_not_equal(tu_parse_copy(out.data, out.len, parse_ske, &c), TS_OK);
    /* Empty g. */
    ts_buf bad;
    tu_hex("0001 05 0000 0001 03 0401 0000", &bad);
    c.kind = TS_SKE_DHE;
    assert_int_equal(tu_parse_copy(bad.data, bad.len, parse_ske, &c), TS_ERR_DECODE);
    ts_buf_free(&bad);
    ts_buf_free(&want);
    ts_buf_free(&out);
}

struct cke_ctx {
    ts_kx kind;
    ts_msg_cke m;
};

static ts_err parse_cke(ts_buf *body, void *ctx)
{
    struct cke_ctx *c = ctx;
    return ts_msg_cke_parse(body, c->kind, &c->m, NULL);
}

static void test_cke(void **state)
{
    (void)state;
    static const ts_kx kinds[] = {TS_KX_RSA, TS_KX_ECDHE, TS_KX_DHE};
    static const char *names[] = {"encrypted_premaster", "pubkey", "dh_Yc"};
    for (size_t i = 0; i < 3; i++) {
        ts_msg_cke m = {.kind = kinds[i], .exchange = {point, sizeof(point)}};
        ts_buf out;
        ts_buf_init(&out);
        assert_int_equal(ts_msg_cke_write(&out, &m), TS_OK);
        size_t w = kinds[i] == TS_KX_ECDHE ? 1 : 2;
        assert_int_equal(out.len, w + 32);
        assert_int_equal(out.data[w - 1], 32);
        ts_msg_cke got;
        ts_fields f;
        ts_fields_init(&f);
        assert_int_equal(ts_msg_cke_parse(&out, kinds[i], &got, &f), TS_OK);
        assert_int_equal(got.kind, kinds[i]);
        assert_int_equal(got.exchange.len, 32);
        assert_memory_equal(got.exchange.data, point, 32);
        const ts_field *x = ts_fields_find(&f, names[i], 0);
        assert_non_null(x);
        assert_int_equal(x->offset, w);
        assert_int_equal(x->len, 32);
        tu_fields_within(&f, 0, out.len);
        ts_fields_free(&f);
        struct cke_ctx c = {.kind = kinds[i]};
        tu_every_prefix_fails(out.data, out.len, parse_cke, &c, SIZE_MAX);
        assert_int_equal(ts_buf_write_u8(&out, 0), TS_OK);
        assert_int_equal(tu_parse_copy(out.data, out.len, parse_cke, &c), TS_ERR_TRAILING);
        ts_buf_free(&out);
    }
    /* Empty vectors are malformed in every form. */
    struct cke_ctx c = {.kind = TS_KX_RSA};
    assert_int_equal(tu_parse_copy((const uint8_t *)"\0\0", 2, parse_cke, &c), TS_ERR_DECODE);
    c.kind = TS_KX_ECDHE;
    assert_int_equal(tu_parse_copy((const uint8_t *)"\0", 1, parse_cke, &c), TS_ERR_DECODE);
    ts_msg_cke got;
    ts_buf b;
    ts_buf_view(&b, point, 4);
    assert_int_equal(ts_msg_cke_parse(&b, (ts_kx)7, &got, NULL), TS_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ske_ecdhe),
        cmocka_unit_test(test_ske_dhe),
        cmocka_unit_test(test_cke),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
