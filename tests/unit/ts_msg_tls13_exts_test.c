/* Unit tests for TLS 1.3's extensions in ts_msg_extensions (RFC 8446 §4.2):
 * supported_versions, key_share, psk_key_exchange_modes, cookie and
 * certificate_authorities in each message's form, the writer's table of
 * what each message may carry, the whole-list queries, and malformed
 * contents. */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_handshake.h"

static const uint8_t key_a[32] = {0xaa, 1, 2, 3};
static const uint8_t key_b[3] = {0xbb, 0xbc, 0xbd};
static const uint8_t cookie[5] = {'c', 'o', 'o', 'k', 'y'};

static void client13(ts_msg_exts *e)
{
    memset(e, 0, sizeof(*e));
    e->present = TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE |
                 TS_EXTF_PSK_KEY_EXCHANGE_MODES | TS_EXTF_COOKIE;
    e->versions[0] = 0x3a3a; /* GREASE */
    e->versions[1] = TS_VERSION_TLS13;
    e->versions[2] = TS_VERSION_TLS12;
    e->n_versions = 3;
    e->shares[0] = (ts_msg_key_share){TS_GROUP_X25519, key_a, sizeof(key_a)};
    e->shares[1] = (ts_msg_key_share){TS_GROUP_FFDHE2048, key_b, sizeof(key_b)};
    e->n_shares = 2;
    e->psk_modes[0] = TS_PSK_DHE_KE;
    e->psk_modes[1] = TS_PSK_KE;
    e->n_psk_modes = 2;
    e->cookie = cookie;
    e->cookie_len = sizeof(cookie);
}

/* The block client13 writes: supported_versions, psk_key_exchange_modes,
 * key_share, cookie (RFC 8446 §4.2.1, §4.2.9, §4.2.8, §4.2.2). */
static const char *client13_hex =
    "004e"
    "002b 0007 06 3a3a 0304 0303"
    "002d 0003 02 01 00"
    "0033 002d 002b"
    "  001d 0020 aa010203" "00000000000000000000000000000000000000000000000000000000"
    "  0100 0003 bbbcbd"
    "002c 0007 0005 636f6f6b79";

static ts_err parse_client(ts_buf *body, void *ctx)
{
    TS_GUARD(ts_msg_exts_parse(body, TS_EXT_CTX_CLIENT_HELLO, ctx, NULL));
    return ts_buf_expect_end(body);
}

static ts_err parse_server(ts_buf *body, void *ctx)
{
    TS_GUARD(ts_msg_exts_parse(body, TS_EXT_CTX_SERVER_HELLO, ctx, NULL));
    return ts_buf_expect_end(body);
}

static ts_err parse_hrr(ts_buf *body, void *ctx)
{
    TS_GUARD(ts_msg_exts_parse(body, TS_EXT_CTX_HELLO_RETRY_REQUEST, ctx, NULL));
    return ts_buf_expect_end(body);
}

static void test_client_round_trip(void **state)
{
    (void)state;
    ts_msg_exts e, got;
    client13(&e);
    ts_buf out, want;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_OK);
    tu_hex(client13_hex, &want);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, want.len);

    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_CLIENT_HELLO, &got, &f), TS_OK);
    assert_int_equal(got.present, e.present);
    assert_int_equal(got.n_versions, 3);
    assert_int_equal(got.versions[1], TS_VERSION_TLS13);
    assert_int_equal(got.versions_wire.len, 6);
    assert_true(ts_msg_exts_offers_version(&got, TS_VERSION_TLS12));
    assert_false(ts_msg_exts_offers_version(&got, TS_VERSION_TLS11));
    assert_int_equal(got.n_shares, 2);
    assert_int_equal(got.shares_wire.len, 0x2b);
    assert_int_equal(got.shares[1].group, TS_GROUP_FFDHE2048);
    assert_int_equal(got.shares[1].key_len, 3);
    assert_memory_equal(got.shares[1].key, key_b, 3);
    assert_int_equal(got.n_psk_modes, 2);
    assert_int_equal(got.psk_modes[1], TS_PSK_KE);
    assert_int_equal(got.cookie_len, 5);
    assert_memory_equal(got.cookie, "cooky", 5);
    assert_int_equal(got.n_unknown, 0);
    assert_int_equal(got.n_order, 4);
    assert_int_equal(got.order[2], TS_EXT_KEY_SHARE);

    tu_fields_within(&f, 0, want.len);
    const ts_field *x = ts_fields_find(&f, "version", 0);
    assert_string_equal(x->value, "GREASE (0x3a3a)");
    x = ts_fields_find(&f, "version", 1 + (size_t)(x - f.items));
    assert_string_equal(x->value, "TLS 1.3 (0x0304)");
    assert_string_equal(ts_fields_find(&f, "supported_versions_length", 0)->value,
                        "6 (3 entries)");
    assert_string_equal(ts_fields_find(&f, "ke_modes_length", 0)->value, "2");
    assert_string_equal(ts_fields_find(&f, "ke_mode", 0)->value, "psk_dhe_ke (1)");
    x = ts_fields_find(&f, "key_share_entry", 0);
    assert_string_equal(x->value, "x25519 (29), 36 bytes");
    x = ts_fields_find(&f, "key_share_entry", 1 + (size_t)(x - f.items));
    assert_string_equal(x->value, "ffdhe2048 (256), 7 bytes");
    assert_int_equal(x->len, 7);
    assert_memory_equal(want.data + x->offset, "\x01\x00\x00\x03", 4);
    x = ts_fields_find(&f, "key_exchange_length", 0);
    assert_string_equal(x->value, "32");
    assert_int_equal(x->depth, 4);
    assert_string_equal(ts_fields_find(&f, "cookie", 0)->value, "636f6f6b79");
    assert_string_equal(ts_fields_find(&f, "cookie_length", 0)->value, "5");
    ts_fields_free(&f);

    /* Every proper prefix fails (the empty one is "no block"); no mutation
     * crashes. */
    tu_every_prefix_fails(want.data, want.len, parse_client, &got, 0);
    tu_every_byte_mutation_survives(want.data, want.len, parse_client, &got);
    ts_buf_free(&out);
    ts_buf_free(&want);
}

static void test_share_queries(void **state)
{
    (void)state;
    /* Written e: the array. */
    ts_msg_exts e;
    client13(&e);
    ts_msg_key_share s;
    assert_int_equal(ts_msg_exts_share_count(&e), 2);
    assert_true(ts_msg_exts_share_at(&e, 1, &s));
    assert_int_equal(s.group, TS_GROUP_FFDHE2048);
    assert_false(ts_msg_exts_share_at(&e, 2, &s));
    assert_true(ts_msg_exts_share_for(&e, TS_GROUP_X25519, &s));
    assert_ptr_equal(s.key, key_a);
    assert_false(ts_msg_exts_share_for(&e, TS_GROUP_SECP256R1, &s));
    assert_true(ts_msg_exts_offers_version(&e, 0x3a3a));

    /* Parsed: eleven shares (groups 0x100 + i, one key byte each) are all
     * there through the wire list; the first eight are kept. */
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_u16(&b, 4 + 2 + 11 * 5), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, TS_EXT_KEY_SHARE), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, 2 + 11 * 5), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, 11 * 5), TS_OK);
    for (uint16_t i = 0; i < 11; i++) {
        assert_int_equal(ts_buf_write_u16(&b, (uint16_t)(0x100 + i)), TS_OK);
        uint8_t k = (uint8_t)(0xc0 + i);
        assert_int_equal(ts_buf_write_vec(&b, 2, &k, 1), TS_OK);
    }
    ts_msg_exts got;
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &got, NULL), TS_OK);
    assert_int_equal(got.n_shares, TS_EXT_MAX_SHARES);
    assert_int_equal(ts_msg_exts_share_count(&got), 11);
    assert_true(ts_msg_exts_share_at(&got, 10, &s));
    assert_int_equal(s.group, 0x10a);
    assert_int_equal(s.key_len, 1);
    assert_int_equal(s.key[0], 0xca);
    assert_false(ts_msg_exts_share_at(&got, 11, &s));
    assert_true(ts_msg_exts_share_for(&got, 0x109, &s));
    assert_int_equal(s.key[0], 0xc9);
    assert_false(ts_msg_exts_share_for(&got, 0x10b, &s));
    ts_buf_free(&b);

    /* An empty client_shares (a client that waits for a HelloRetryRequest). */
    tu_hex("0006 0033 0002 0000", &b);
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &got, NULL), TS_OK);
    assert_true(got.present & TS_EXTF_KEY_SHARE);
    assert_int_equal(ts_msg_exts_share_count(&got), 0);
    assert_false(ts_msg_exts_share_at(&got, 0, &s));
    assert_false(ts_msg_exts_share_for(&got, TS_GROUP_X25519, &s));
    ts_buf_free(&b);
}

static void test_long_versions_list(void **state)
{
    (void)state;
    /* 127 versions (254 bytes, the most): the first 64 kept, all offered. */
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_u16(&b, 4 + 1 + 254), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, TS_EXT_SUPPORTED_VERSIONS), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, 1 + 254), TS_OK);
    assert_int_equal(ts_buf_write_u8(&b, 254), TS_OK);
    for (uint16_t i = 0; i < 127; i++) {
        assert_int_equal(ts_buf_write_u16(&b, (uint16_t)(0x7f00 + i)), TS_OK);
    }
    ts_msg_exts e;
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_CLIENT_HELLO, &e, NULL), TS_OK);
    assert_int_equal(e.n_versions, TS_EXT_MAX_VERSIONS);
    assert_true(ts_msg_exts_offers_version(&e, 0x7f00 + 126));
    assert_false(ts_msg_exts_offers_version(&e, TS_VERSION_TLS13));
    ts_buf_free(&b);
}

static void test_server_forms(void **state)
{
    (void)state;
    ts_msg_exts e, got;
    memset(&e, 0, sizeof(e));
    e.present = TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE;
    e.selected_version = TS_VERSION_TLS13;
    e.shares[0] = (ts_msg_key_share){TS_GROUP_X25519, key_b, sizeof(key_b)};
    e.n_shares = 1;
    ts_buf out, want;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_SERVER_HELLO, &e), TS_OK);
    tu_hex("0011 002b 0002 0304 0033 0007 001d 0003 bbbcbd", &want);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, want.len);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_SERVER_HELLO, &got, &f), TS_OK);
    assert_int_equal(got.selected_version, TS_VERSION_TLS13);
    assert_int_equal(got.n_versions, 0);
    assert_int_equal(got.n_shares, 1);
    assert_int_equal(got.shares[0].group, TS_GROUP_X25519);
    assert_memory_equal(got.shares[0].key, key_b, 3);
    assert_string_equal(ts_fields_find(&f, "selected_version", 0)->value, "TLS 1.3 (0x0304)");
    assert_string_equal(ts_fields_find(&f, "key_exchange", 0)->value, "bbbcbd");
    assert_null(ts_fields_find(&f, "key_share_entry", 0));
    ts_fields_free(&f);
    tu_every_prefix_fails(want.data, want.len, parse_server, &got, 0);
    tu_every_byte_mutation_survives(want.data, want.len, parse_server, &got);

    /* A ServerHello carries exactly one share. */
    e.n_shares = 2;
    e.shares[1] = e.shares[0];
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_SERVER_HELLO, &e), TS_ERR_ARG);
    e.n_shares = 0;
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_SERVER_HELLO, &e), TS_ERR_ARG);
    e.n_shares = 1;
    e.shares[0].key_len = 0; /* key_exchange<1..2^16-1> */
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_SERVER_HELLO, &e), TS_ERR_ARG);
    ts_buf_free(&out);
    ts_buf_free(&want);

    /* EncryptedExtensions: server_name empty, groups a list. */
    memset(&e, 0, sizeof(e));
    e.present = TS_EXTF_SERVER_NAME | TS_EXTF_SUPPORTED_GROUPS;
    memcpy(e.host, "ignored", 7);
    e.host_len = 7;
    e.groups[0] = TS_GROUP_X25519;
    e.n_groups = 1;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_ENCRYPTED_EXTENSIONS, &e), TS_OK);
    tu_hex("000c 0000 0000 000a 0004 0002 001d", &want);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, want.len);
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_ENCRYPTED_EXTENSIONS, &got, NULL), TS_OK);
    assert_int_equal(got.present, e.present);
    assert_int_equal(got.host_len, 0);
    ts_buf_free(&out);
    ts_buf_free(&want);
}

static void test_hrr_forms(void **state)
{
    (void)state;
    ts_msg_exts e, got;
    memset(&e, 0, sizeof(e));
    e.present = TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE | TS_EXTF_COOKIE;
    e.selected_version = TS_VERSION_TLS13;
    e.selected_group = TS_GROUP_FFDHE3072;
    e.cookie = cookie;
    e.cookie_len = sizeof(cookie);
    ts_buf out, want;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_HELLO_RETRY_REQUEST, &e), TS_OK);
    tu_hex("0017 002b 0002 0304 0033 0002 0101 002c 0007 0005 636f6f6b79", &want);
    assert_int_equal(out.len, want.len);
    assert_memory_equal(out.data, want.data, want.len);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_HELLO_RETRY_REQUEST, &got, &f), TS_OK);
    assert_int_equal(got.present, e.present);
    assert_int_equal(got.selected_group, TS_GROUP_FFDHE3072);
    assert_int_equal(got.n_shares, 0);
    assert_int_equal(ts_msg_exts_share_count(&got), 0);
    assert_int_equal(got.cookie_len, 5);
    assert_string_equal(ts_fields_find(&f, "selected_group", 0)->value, "ffdhe3072 (257)");
    ts_fields_free(&f);
    tu_every_prefix_fails(want.data, want.len, parse_hrr, &got, 0);
    tu_every_byte_mutation_survives(want.data, want.len, parse_hrr, &got);
    /* The same bytes read as a ServerHello: a two-byte key_share is no entry. */
    out.pos = 0;
    assert_int_equal(ts_msg_exts_parse(&out, TS_EXT_CTX_SERVER_HELLO, &got, NULL), TS_ERR_DECODE);
    ts_buf_free(&out);
    ts_buf_free(&want);
}

/* RFC 8446 §4.2's table, as the writer applies it. */
static void test_writer_table(void **state)
{
    (void)state;
    static const struct {
        ts_ext_ctx ctx;
        uint32_t flag;
        bool ok;
    } cases[] = {
        {TS_EXT_CTX_ENCRYPTED_EXTENSIONS, TS_EXTF_KEY_SHARE, false},
        {TS_EXT_CTX_ENCRYPTED_EXTENSIONS, TS_EXTF_SUPPORTED_VERSIONS, false},
        {TS_EXT_CTX_ENCRYPTED_EXTENSIONS, TS_EXTF_SIGNATURE_ALGORITHMS, false},
        {TS_EXT_CTX_ENCRYPTED_EXTENSIONS, TS_EXTF_EXTENDED_MASTER_SECRET, false},
        {TS_EXT_CTX_ENCRYPTED_EXTENSIONS, TS_EXTF_SERVER_NAME, true},
        {TS_EXT_CTX_ENCRYPTED_EXTENSIONS, TS_EXTF_SUPPORTED_GROUPS, true},
        {TS_EXT_CTX_CERTIFICATE_REQUEST, TS_EXTF_SIGNATURE_ALGORITHMS, true},
        {TS_EXT_CTX_CERTIFICATE_REQUEST, TS_EXTF_CERTIFICATE_AUTHORITIES, true},
        {TS_EXT_CTX_CLIENT_HELLO, TS_EXTF_CERTIFICATE_AUTHORITIES, true},
        {TS_EXT_CTX_ENCRYPTED_EXTENSIONS, TS_EXTF_CERTIFICATE_AUTHORITIES, false},
        {TS_EXT_CTX_SERVER_HELLO, TS_EXTF_CERTIFICATE_AUTHORITIES, false},
        {TS_EXT_CTX_CERTIFICATE_REQUEST, TS_EXTF_SUPPORTED_GROUPS, false},
        {TS_EXT_CTX_CERTIFICATE_REQUEST, TS_EXTF_KEY_SHARE, false},
        {TS_EXT_CTX_NEW_SESSION_TICKET, TS_EXTF_SERVER_NAME, false},
        {TS_EXT_CTX_NEW_SESSION_TICKET, TS_EXTF_COOKIE, false},
        {TS_EXT_CTX_CERTIFICATE, TS_EXTF_SIGNATURE_ALGORITHMS, false},
        {TS_EXT_CTX_HELLO_RETRY_REQUEST, TS_EXTF_COOKIE, true},
        {TS_EXT_CTX_HELLO_RETRY_REQUEST, TS_EXTF_PSK_KEY_EXCHANGE_MODES, false},
        {TS_EXT_CTX_HELLO_RETRY_REQUEST, TS_EXTF_RENEGOTIATION_INFO, false},
        {TS_EXT_CTX_SERVER_HELLO, TS_EXTF_PSK_KEY_EXCHANGE_MODES, false},
        {TS_EXT_CTX_SERVER_HELLO, TS_EXTF_COOKIE, false},
        {TS_EXT_CTX_SERVER_HELLO, TS_EXTF_RENEGOTIATION_INFO, true}, /* TLS 1.2 */
        {TS_EXT_CTX_CLIENT_HELLO, TS_EXTF_COOKIE, true},
        {TS_EXT_CTX_CLIENT_HELLO, TS_EXTF_EC_POINT_FORMATS, true},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ts_msg_exts e;
        client13(&e);
        e.n_versions = 1;
        e.n_shares = 1; /* valid in every form */
        e.selected_version = TS_VERSION_TLS13;
        e.groups[0] = TS_GROUP_X25519;
        e.n_groups = 1;
        e.sigalgs[0] = TS_SIGALG_RSA_PSS_RSAE_SHA256;
        e.n_sigalgs = 1;
        e.point_formats[0] = 0;
        e.n_point_formats = 1;
        static const uint8_t dn[] = {0x00, 0x02, 0x30, 0x00}; /* one empty Name */
        e.authorities = dn;
        e.authorities_len = sizeof(dn);
        e.present = cases[i].flag;
        ts_buf out;
        ts_buf_init(&out);
        ts_err err = ts_msg_exts_write(&out, cases[i].ctx, &e);
        if (err != (cases[i].ok ? TS_OK : TS_ERR_ARG)) {
            print_error("case %zu (ctx %d, flag 0x%x): %s\n", i, (int)cases[i].ctx,
                        (unsigned)cases[i].flag, ts_err_name(err));
            fail();
        }
        ts_buf_free(&out);
    }

    /* Unknown types go anywhere, empty; an invalid ctx is refused. */
    ts_msg_exts e;
    memset(&e, 0, sizeof(e));
    e.unknown[0] = TS_EXT_EARLY_DATA;
    e.n_unknown = 1;
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_NEW_SESSION_TICKET, &e), TS_OK);
    assert_int_equal(out.len, 6);
    assert_int_equal(ts_msg_exts_write(&out, (ts_ext_ctx)7, &e), TS_ERR_ARG);
    out.pos = 0;
    ts_msg_exts got;
    assert_int_equal(ts_msg_exts_parse(&out, (ts_ext_ctx)7, &got, NULL), TS_ERR_ARG);
    ts_buf_free(&out);

    /* Counts and empty values the wire cannot carry. */
    client13(&e);
    e.n_versions = 0;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_ERR_ARG);
    client13(&e);
    e.n_shares = TS_EXT_MAX_SHARES + 1;
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_ERR_ARG);
    client13(&e);
    e.n_psk_modes = 0;
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_ERR_ARG);
    client13(&e);
    e.cookie_len = 0;
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_ERR_ARG);
    client13(&e);
    e.present = TS_EXTF_CERTIFICATE_AUTHORITIES;
    e.authorities = (const uint8_t *)"\x00\x01";
    e.authorities_len = 2; /* under the 3 bytes of one name */
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_ERR_ARG);
    client13(&e);
    e.n_shares = 0; /* an empty client_shares is fine */
    ts_buf_reset(&out);
    assert_int_equal(ts_msg_exts_write(&out, TS_EXT_CTX_CLIENT_HELLO, &e), TS_OK);
    ts_buf_free(&out);
}

/* Parsing judges syntax only: key_share in EncryptedExtensions is read in
 * the ServerHello's form and left for the engine to refuse. */
static void test_parse_does_not_judge(void **state)
{
    (void)state;
    ts_buf b;
    ts_msg_exts e;
    tu_hex("000f 0033 0005 001d 0001 ff 002b 0002 0304", &b);
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_ENCRYPTED_EXTENSIONS, &e, NULL), TS_OK);
    assert_int_equal(e.present, TS_EXTF_KEY_SHARE | TS_EXTF_SUPPORTED_VERSIONS);
    assert_int_equal(e.shares[0].group, TS_GROUP_X25519);
    assert_int_equal(e.selected_version, TS_VERSION_TLS13);
    b.pos = 0;
    assert_int_equal(ts_msg_exts_parse(&b, TS_EXT_CTX_NEW_SESSION_TICKET, &e, NULL), TS_OK);
    assert_true(ts_msg_exts_has(&e, TS_EXT_KEY_SHARE));
    ts_buf_free(&b);
}

static void expect(ts_ext_ctx ctx, const char *hex, ts_err want_err)
{
    ts_buf b;
    ts_msg_exts e;
    tu_hex(hex, &b);
    ts_err err = tu_parse_copy(b.data, b.len,
                               ctx == TS_EXT_CTX_CLIENT_HELLO   ? parse_client
                               : ctx == TS_EXT_CTX_SERVER_HELLO ? parse_server
                                                                : parse_hrr,
                               &e);
    if (err != want_err) {
        print_error("%s: got %s, want %s\n", hex, ts_err_name(err), ts_err_name(want_err));
        fail();
    }
    ts_buf_free(&b);
}

static void test_malformed(void **state)
{
    (void)state;
    const ts_ext_ctx CH = TS_EXT_CTX_CLIENT_HELLO, SH = TS_EXT_CTX_SERVER_HELLO,
                     HRR = TS_EXT_CTX_HELLO_RETRY_REQUEST;
    expect(CH, "0009 002b 0005 04 0304 0303", TS_OK);
    expect(CH, "0008 002b 0004 03 0304 03", TS_ERR_DECODE);       /* odd versions list */
    expect(CH, "0006 002b 0002 01 03", TS_ERR_DECODE);            /* one byte: under 2 */
    expect(CH, "0005 002b 0001 00", TS_ERR_DECODE);               /* empty list */
    expect(CH, "0008 002b 0004 04 0304 03", TS_ERR_DECODE);       /* list past the data */
    expect(CH, "0009 002b 0005 02 0304 0303", TS_ERR_DECODE);     /* data past the list */
    expect(CH, "000a 0033 0006 0004 001d 0000", TS_ERR_DECODE);   /* key_exchange of 0 bytes */
    expect(CH, "000b 0033 0007 0005 001d 0002 aa", TS_ERR_DECODE); /* key past the entry */
    expect(CH, "0009 0033 0005 0003 001d 00", TS_ERR_DECODE);     /* half an entry */
    expect(CH, "0010 0033 0005 0003 001d 00 0033 0002 0000", TS_ERR_DECODE);
    expect(CH, "000c 0033 0002 0000 0033 0002 0000", TS_ERR_DECODE); /* twice */
    expect(CH, "0005 002d 0001 00", TS_ERR_DECODE);               /* no ke_modes */
    expect(CH, "0006 002d 0002 02 01", TS_ERR_DECODE);            /* ke_modes past the data */
    expect(CH, "0006 002c 0002 0000", TS_ERR_DECODE);             /* empty cookie */
    expect(CH, "0007 002c 0003 0002 aa", TS_ERR_DECODE);          /* cookie past the data */
    /* certificate_authorities (RFC 8446 4.2.4): names<3..2^16-1>, each <1..> */
    expect(CH, "0009 002f 0005 0003 0001 30", TS_OK);
    expect(CH, "0008 002f 0004 0002 0000", TS_ERR_DECODE);        /* under 3 bytes */
    expect(CH, "0009 002f 0005 0003 0000 30", TS_ERR_DECODE);     /* an empty name */
    expect(CH, "0009 002f 0005 0003 0002 30", TS_ERR_DECODE);     /* a name past the list */
    expect(SH, "0006 002b 0002 0304", TS_OK);
    expect(SH, "0007 002b 0003 0304 00", TS_ERR_DECODE);          /* a version and a byte */
    expect(SH, "0005 002b 0001 03", TS_ERR_DECODE);               /* half a version */
    expect(SH, "0007 002b 0003 02 0304", TS_ERR_DECODE);          /* the client's form */
    expect(SH, "0008 0033 0004 001d 0000", TS_ERR_DECODE);        /* key_exchange of 0 bytes */
    expect(SH, "000c 0033 0008 0006 001d 0002 aabb", TS_ERR_DECODE); /* the client's form */
    expect(HRR, "0006 0033 0002 0017", TS_OK);
    expect(HRR, "0009 0033 0005 0017 0001 aa", TS_ERR_DECODE);    /* an entry, not a group */
    expect(HRR, "0005 0033 0001 00", TS_ERR_DECODE);              /* half a group */
    expect(HRR, "0006 002c 0002 0000", TS_ERR_DECODE);            /* empty cookie */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_client_round_trip),
        cmocka_unit_test(test_share_queries),
        cmocka_unit_test(test_long_versions_list),
        cmocka_unit_test(test_server_forms),
        cmocka_unit_test(test_hrr_forms),
        cmocka_unit_test(test_writer_table),
        cmocka_unit_test(test_parse_does_not_judge),
        cmocka_unit_test(test_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
