/* Unit tests for ts_msg_extensions: the hello extensions block. */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_extensions.h"

static void full_client_exts(ts_msg_exts *e)
{
    memset(e, 0, sizeof(*e));
    e->present = TS_EXTF_SERVER_NAME | TS_EXTF_SUPPORTED_GROUPS | TS_EXTF_EC_POINT_FORMATS |
                 TS_EXTF_SIGNATURE_ALGORITHMS | TS_EXTF_EXTENDED_MASTER_SECRET |
                 TS_EXTF_RENEGOTIATION_INFO;
    memcpy(e->host, "localhost", 9);
    e->host_len = 9;
    e->groups[0] = TS_GROUP_X25519;
    e->groups[1] = TS_GROUP_FFDHE2048;
    e->n_groups = 2;
    e->point_formats[0] = TS_POINT_FORMAT_UNCOMPRESSED;
    e->n_point_formats = 1;
    e->sigalgs[0] = TS_SIGALG_RSA_PKCS1_SHA256;
    e->n_sigalgs = 1;
}

/* The block full_client_exts writes, byte by byte (RFC 6066 §3, RFC 8422
 * §5.1, RFC 5246 §7.4.1.4.1, RFC 7627 §5.1, RFC 5746 §3.2). */
static const char *full_client_hex =
    "0033"                                   /* extensions length 51 */
    "0000 000e 000c 00 0009 6c6f63616c686f7374" /* server_name localhost */
    "000a 0006 0004 001d 0100"               /* supported_groups x25519 ffdhe2048 */
    "000b 0002 01 00"                        /* ec_point_formats uncompressed */
    "000d 0004 0002 0401"                    /* signature_algorithms rsa_pkcs1_sha256 */
    "0017 0000"                              /* extended_master_secret */
    "ff01 0001 00";                          /* renegotiation_info, empty */

static ts_err parse_client(ts_buf *body, void *ctx)
{
    ts_msg_exts *e = ctx;
    TS_GUARD(ts_msg_exts_parse(body, TS_EXT_CTX_CLIENT_HELLO, e, NULL));
    return ts_buf_expect_end(body);
}

static void test_client_round_trip(void **state)
{
    (void)state;
    ts_msg_exts e, got;
    full_client_exts(&e);
    ts_buf out, want;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_OK);
    tu_hex(full_client_hex, &want);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, want.len);

    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_CLIENT_HELLO, &got, &f), TS_OK);
    assert_int_equal(ts_buf_remaining(&out), 0);
    assert_true(got.block);
    assert_int_equal(got.present, e.present);
    assert_int_equal(got.host_len, 9);
    assert_string_equal(got.host, "localhost");
    assert_int_equal(got.n_groups, 2);
    assert_int_equal(got.groups[1], TS_GROUP_FFDHE2048);
    assert_int_equal(got.n_point_formats, 1);
    assert_int_equal(got.n_sigalgs, 1);
    assert_int_equal(got.sigalgs[0], 0x0401);
    assert_int_equal(got.reneg_len, 0);
    assert_int_equal(got.n_unknown, 0);
    assert_int_equal(got.n_order, 6);
    assert_true(ts_msg_exts_has(&got, TS_EXT_EXTENDED_MASTER_SECRET));
    assert_false(ts_msg_exts_has(&got, TS_EXT_SESSION_TICKET));

    /* Fields: offsets inside the block, host name where the bytes are. */
    tu_fields_within(&f, 0, want.len);
    const ts_field *sn = ts_fields_find(&f, "server_name", 0);
    assert_non_null(sn);
    assert_string_equal(sn->value, "localhost");
    assert_memory_equal(want.data + sn->offset, "localhost", 9);
    const ts_field *g = ts_fields_find(&f, "named_group", 0);
    assert_non_null(g);
    assert_string_equal(g->value, "x25519 (0x001d)");
    assert_int_equal(want.data[g->offset + 1], 0x1d);
    ts_fields_free(&f);
    ts_buf_free(&out);
    ts_buf_free(&want);
}

static void test_server_context(void **state)
{
    (void)state;
    ts_msg_exts e, got;
    memset(&e, 0, sizeof(e));
    e.present = TS_EXTF_SERVER_NAME | TS_EXTF_RENEGOTIATION_INFO | TS_EXTF_EC_POINT_FORMATS;
    e.point_formats[0] = 0;
    e.n_point_formats = 1;
    e.reneg_len = 24; /* a renegotiation answer: client + server verify_data */
    memset(e.reneg, 0x5a, 24);
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_SERVER_HELLO, &e), TS_OK);
    /* server_name is empty in a ServerHello (RFC 6066 §3). */
    assert_memory_equal(out.data, "\x00\x27\x00\x00\x00\x00", 6);
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_SERVER_HELLO, &got, NULL), TS_OK);
    assert_int_equal(got.present, e.present);
    assert_int_equal(got.reneg_len, 24);
    assert_memory_equal(got.reneg, e.reneg, 24);
    /* Read as a client's block, the empty server_name is malformed. */
    out.pos = 0;
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_CLIENT_HELLO, &got, NULL), TS_ERR_DECODE);
    ts_buf_free(&out);

    ts_buf bad;
    tu_hex("0009 0000 0005 0003 000001 61", &bad); /* a host name in a ServerHello */
    assert_int_equal(ts_msg_exts_parse(&bad, TS_EXT_CTX_SERVER_HELLO, &got, NULL), TS_ERR_DECODE);
    ts_buf_free(&bad);
}

static void test_absent_and_empty_block(void **state)
{
    (void)state;
    ts_msg_exts e, got;
    memset(&e, 0, sizeof(e));
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_OK);
    assert_int_equal(out.len, 0);
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_CLIENT_HELLO, &got, NULL), TS_OK);
    assert_false(got.block);
    e.block = true;
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_OK);
    assert_int_equal(out.len, 2);
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_CLIENT_HELLO, &got, NULL), TS_OK);
    assert_true(got.block);
    assert_int_equal(got.n_order, 0);
    ts_buf_free(&out);
}

static void test_every_prefix_fails(void **state)
{
    (void)state;
    ts_buf want;
    ts_msg_exts e;
    tu_hex(full_client_hex, &want);
    /* The empty prefix is "no block", which is legal. */
    tu_every_prefix_fails(want.data, want.len, parse_client, &e, 0);
    tu_every_byte_mutation_survives(want.data, want.len, parse_client, &e);
    ts_buf_free(&want);
}

static void expect(const char *hex, ts_err want_err)
{
    ts_buf b;
    ts_msg_exts e;
    tu_hex(hex, &b);
    ts_err err = tu_parse_copy(b.data, b.len, parse_client, &e);
    if (err != want_err) {
        print_error("%s: got %s, want %s\n", hex, ts_err_name(err), ts_err_name(want_err));
        fail();
    }
    ts_buf_free(&b);
}

static void test_malformed(void **state)
{
    (void)state;
    expect("0008 0017 0000 0017 0000", TS_ERR_DECODE);       /* duplicate EMS */
    expect("0008 1234 0000 1234 0000", TS_ERR_DECODE);       /* duplicate unknown */
    expect("0005 000a 0003 0001 1d", TS_ERR_DECODE);         /* odd group list */
    expect("0006 000a 0002 0000", TS_ERR_DECODE);            /* empty group list */
    expect("0007 000a 0003 0004 001d", TS_ERR_DECODE);       /* list longer than data */
    expect("0006 000d 0002 0000", TS_ERR_DECODE);            /* empty sigalgs */
    expect("0005 000b 0001 00", TS_ERR_DECODE);              /* empty point formats */
    expect("0005 0017 0001 00", TS_ERR_DECODE);              /* EMS not empty */
    expect("0006 ff01 0002 0500", TS_ERR_DECODE);            /* reneg shorter than said */
    expect("0006 ff01 0002 0000", TS_ERR_DECODE);            /* reneg followed by a byte */
    expect("0004 0000 0000", TS_ERR_DECODE);                 /* client SNI empty */
    expect("0008 0000 0004 0002 0000", TS_ERR_DECODE);       /* host_name of length 0 */
    expect("0005 0017 0000", TS_ERR_DECODE);                 /* block longer than data */
    expect("0003 0017 0000", TS_ERR_DECODE);                 /* extension cut in the block */
    expect("0004 0017 0000 ff", TS_ERR_TRAILING);            /* bytes after the block */
    expect("00", TS_ERR_DECODE);                             /* half a length */
    /* Two host names: RFC 6066 §3 forbids two names of one type. */
    expect("000e 0000 000a 0008 000001 61 000001 62", TS_ERR_ILLEGAL);
}

static void test_unknown_recorded_and_skipped(void **state)
{
    (void)state;
    ts_buf b;
    ts_msg_exts e;
    ts_fields f;
    ts_fields_init(&f);
    /* session_ticket (35, empty), 0x3a3a GREASE with a byte, then EMS. */
    tu_hex("000d 0023 0000 3a3a 0001 00 0017 0000", &b);
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &e, &f), TS_OK);
    assert_int_equal(e.n_unknown, 2);
    assert_int_equal(e.unknown[0], TS_EXT_SESSION_TICKET);
    assert_int_equal(e.unknown[1], 0x3a3a);
    assert_int_equal(e.present, TS_EXTF_EXTENDED_MASTER_SECRET);
    assert_int_equal(e.n_order, 3);
    const ts_field *x = ts_fields_find(&f, "extension", 0);
    assert_non_null(x);
    assert_string_equal(x->value, "session_ticket (35), 0 bytes");
    x = ts_fields_find(&f, "extension_data", 0);
    assert_non_null(x);
    assert_int_equal(x->offset, 10);
    assert_int_equal(x->len, 1);
    ts_fields_free(&f);
    ts_buf_free(&b);

    /* Writing unknown types sends them empty, after the understood ones. */
    memset(&e, 0, sizeof(e));
    e.unknown[0] = 0x1234;
    e.n_unknown = 1;
    e.present = TS_EXTF_EXTENDED_MASTER_SECRET;
    ts_buf_init(&b);
    assert_int_equal(ts_msg_exts_write(&b, TS_EXT_CTX_CLIENT_HELLO, &e), TS_OK);
    assert_int_equal(b.len, 10);
    assert_memory_equal(b.data, "\x00\x08\x00\x17\x00\x00\x12\x34\x00\x00", 10);
    ts_buf_free(&b);
}

/* A server_name extension holding one host_name of n bytes. */
static void sni_block(ts_buf *b, const uint8_t *name, size_t n)
{
    assert_int_equal(ts_buf_write_u16(b, (uint16_t)(4 + 5 + n)), TS_OK);
    assert_int_equal(ts_buf_write_u16(b, TS_EXT_SERVER_NAME), TS_OK);
    assert_int_equal(ts_buf_write_u16(b, (uint16_t)(5 + n)), TS_OK);
    assert_int_equal(ts_buf_write_u16(b, (uint16_t)(3 + n)), TS_OK);
    assert_int_equal(ts_buf_write_u8(b, 0), TS_OK);
    assert_int_equal(ts_buf_write_vec(b, 2, name, n), TS_OK);
}

static void test_bounds(void **state)
{
    (void)state;
    /* 1000 empty extensions: well-formed, so accepted (RFC 5246 §7.4.1.4);
     * the first TS_EXT_MAX types are kept, every one is found. */
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_u16(&b, 1000 * 4), TS_OK);
    for (uint16_t i = 0; i < 1000; i++) {
        assert_int_equal(ts_buf_write_u16(&b, (uint16_t)(0x1000 + i)), TS_OK);
        assert_int_equal(ts_buf_write_u16(&b, 0), TS_OK);
    }
    ts_msg_exts e;
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &e, NULL), TS_OK);
    assert_int_equal(e.n_exts, 1000);
    assert_int_equal(e.n_order, TS_EXT_MAX);
    assert_int_equal(e.n_unknown, TS_EXT_MAX);
    assert_true(ts_msg_exts_has(&e, 0x1000 + 999));
    assert_false(ts_msg_exts_has(&e, 0x1000 + 1000));
    ts_buf_free(&b);

    /* The same type twice, far apart: decode_error. */
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_u16(&b, 300 * 4), TS_OK);
    for (uint16_t i = 0; i < 300; i++) {
        assert_int_equal(ts_buf_write_u16(&b, (uint16_t)(i == 299 ? 0x1000 : 0x1000 + i)), TS_OK);
        assert_int_equal(ts_buf_write_u16(&b, 0), TS_OK);
    }
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &e, NULL), TS_ERR_DECODE);
    ts_buf_free(&b);

    /* 500 groups with x25519 last: accepted and found. */
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_u16(&b, 4 + 2 + 1000), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, TS_EXT_SUPPORTED_GROUPS), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, 2 + 1000), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, 1000), TS_OK);
    for (uint16_t i = 0; i < 500; i++) {
        assert_int_equal(ts_buf_write_u16(&b, i == 499 ? TS_GROUP_X25519 : 0x0300 + i), TS_OK);
    }
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &e, NULL), TS_OK);
    assert_int_equal(e.n_groups, TS_EXT_MAX_GROUPS);
    assert_true(ts_msg_exts_offers_group(&e, TS_GROUP_X25519));
    assert_false(ts_msg_exts_offers_group(&e, TS_GROUP_FFDHE2048));
    ts_buf_free(&b);

    /* A host name of 256 bytes: not a DNS name (RFC 6066 §3). */
    uint8_t name[256];
    memset(name, 'a', sizeof(name));
    ts_buf_init(&b);
    sni_block(&b, name, sizeof(name));
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &e, NULL), TS_ERR_ILLEGAL);
    ts_buf_free(&b);

    /* The writer refuses counts beyond its arrays. */
    memset(&e, 0, sizeof(e));
    e.present = TS_EXTF_SIGNATURE_ALGORITHMS;
    e.n_sigalgs = TS_EXT_MAX_SIGALGS + 1;
    ts_buf_init(&b);
    assert_int_equal(ts_msg_exts_write(&b, TS_EXT_CTX_CLIENT_HELLO, &e), TS_ERR_ARG);
    ts_buf_free(&b);
}

/* RFC 6066 §3: a host_name is an ASCII DNS name; anything else (and bytes
 * that could drive a terminal) is illegal_parameter; the field shows it
 * escaped. An empty one does not decode. */
static void test_host_names(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        size_t len;
        ts_err want;
    } cases[] = {
        {"localhost", 9, TS_OK},
        {"www.example.com", 15, TS_OK},
        {"a-b_c.example", 13, TS_OK},
        {"local\0host", 10, TS_ERR_ILLEGAL},
        {"bell\x07", 5, TS_ERR_ILLEGAL},
        {"\x1b[31mevil", 9, TS_ERR_ILLEGAL},
        {"caf\xc3\xa9", 5, TS_ERR_ILLEGAL},
        {"two words", 9, TS_ERR_ILLEGAL},
        {"localhost.", 10, TS_ERR_ILLEGAL},
        {".localhost", 10, TS_ERR_ILLEGAL},
        {"a..b", 4, TS_ERR_ILLEGAL},
        {"127.0.0.1", 9, TS_ERR_ILLEGAL},
        {"", 0, TS_ERR_DECODE},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ts_buf b;
        ts_buf_init(&b);
        sni_block(&b, (const uint8_t *)cases[i].name, cases[i].len);
        ts_msg_exts e;
        ts_fields f;
        ts_fields_init(&f);
        assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &e, &f), cases[i].want);
        for (size_t k = 0; k < f.n; k++) {
            for (const char *v = f.items[k].value; *v != '\0'; v++) {
                assert_true(*v >= 0x20 && *v < 0x7f);
            }
        }
        if (cases[i].want == TS_OK) {
            assert_int_equal(e.host_len, cases[i].len);
            assert_memory_equal(e.host, cases[i].name, cases[i].len);
        }
        ts_fields_free(&f);
        ts_buf_free(&b);
    }
    /* A 63-byte label is fine, 64 is not. */
    uint8_t label[64];
    memset(label, 'x', sizeof(label));
    assert_true(ts_msg_host_name_valid(label, 63));
    assert_false(ts_msg_host_name_valid(label, 64));
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ts_ext_name(0), "server_name");
    assert_string_equal(ts_ext_name(0xff01), "renegotiation_info");
    assert_string_equal(ts_ext_name(23), "extended_master_secret");
    assert_string_equal(ts_ext_name(0xdada), "GREASE");
    assert_string_equal(ts_ext_name(0x1234), "unknown");
    assert_string_equal(ts_group_name(29), "x25519");
    assert_string_equal(ts_group_name(256), "ffdhe2048");
    assert_string_equal(ts_group_name(0x0a0a), "GREASE");
    assert_string_equal(ts_group_name(7), "unknown");
    assert_string_equal(ts_sigalg_name(0x0401), "rsa_pkcs1_sha256");
    assert_string_equal(ts_sigalg_name(0x0804), "rsa_pss_rsae_sha256");
    assert_string_equal(ts_sigalg_name(0x0000), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_round_trip),
        cmocka_unit_test(test_server_context),
        cmocka_unit_test(test_absent_and_empty_block),
        cmocka_unit_test(test_every_prefix_fails),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_unknown_recorded_and_skipped),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_host_names),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
