/* Unit tests for the TLS 1.3 messages (synthetic): EncryptedExtensions, the
 * 1.3 Certificate and CertificateRequest, CertificateVerify,
 * NewSessionTicket and KeyUpdate, each written to known bytes, parsed
 * back, cut and mutated; and the values RFC 8446 makes illegal. RFC 8448's
 * messages are in ts_msg_tls13_test.c. */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_certificate13.h"
#include "tls/msg/ts_msg_certificate_request13.h"
#include "tls/msg/ts_msg_certificate_verify.h"
#include "tls/msg/ts_msg_encrypted_extensions.h"
#include "tls/msg/ts_msg_key_update.h"
#include "tls/msg/ts_msg_new_session_ticket.h"

/* Fails unless out holds exactly the bytes want_hex spells. */
static void assert_written(const ts_buf *out, const char *want_hex)
{
    ts_buf want;
    tu_hex(want_hex, &want);
    if (out->len != want.len || memcmp(out->data, want.data, want.len) != 0) {
        print_error("wrote %zu bytes, want %zu (%s)\n", out->len, want.len, want_hex);
        fail();
    }
    ts_buf_free(&want);
}

static ts_err parse_ee(ts_buf *body, void *ctx)
{
    return ts_msg_encrypted_extensions_parse(body, ctx, NULL);
}

static ts_err parse_cert(ts_buf *body, void *ctx)
{
    return ts_msg_certificate13_parse(body, ctx, NULL);
}

static ts_err parse_cv(ts_buf *body, void *ctx)
{
    return ts_msg_certificate_verify_parse(body, ctx, NULL);
}

static ts_err parse_nst(ts_buf *body, void *ctx)
{
    return ts_msg_new_session_ticket_parse(body, ctx, NULL);
}

static ts_err parse_ku(ts_buf *body, void *ctx)
{
    return ts_msg_key_update_parse(body, ctx, NULL);
}

static ts_err parse_cr(ts_buf *body, void *ctx)
{
    return ts_msg_certificate_request13_parse(body, ctx, NULL);
}

/* Parses hex with fn and checks the result. */
static void expect(tu_parse_fn fn, void *ctx, const char *hex, ts_err want_err)
{
    ts_buf b;
    tu_hex(hex, &b);
    ts_err err = tu_parse_copy(b.data, b.len, fn, ctx);
    if (err != want_err) {
        print_error("%s: got %s, want %s\n", hex, ts_err_name(err), ts_err_name(want_err));
        fail();
    }
    ts_buf_free(&b);
}

static void test_encrypted_extensions(void **state)
{
    (void)state;
    ts_msg_exts e, got;
    memset(&e, 0, sizeof(e));
    ts_buf out;
    ts_buf_init(&out);
    /* Nothing to say: still a block, empty. */
    assert_int_equal(ts_msg_encrypted_extensions_write(&out, &e), TS_OK);
    assert_written(&out, "0000");
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_encrypted_extensions_parse(&out, &got, &f), TS_OK);
    assert_true(got.block);
    assert_int_equal(got.n_exts, 0);
    assert_string_equal(f.items[0].name, "extensions_length");
    ts_fields_free(&f);
    ts_buf_reset(&out);

    e.present = TS_EXTF_SERVER_NAME | TS_EXTF_SUPPORTED_GROUPS;
    e.groups[0] = TS_GROUP_FFDHE2048;
    e.n_groups = 1;
    e.unknown[0] = 16; /* ALPN, written empty */
    e.n_unknown = 1;
    assert_int_equal(ts_msg_encrypted_extensions_write(&out, &e), TS_OK);
    assert_written(&out, "0010 0000 0000 000a 0004 0002 0100 0010 0000");
    assert_int_equal(ts_msg_encrypted_extensions_parse(&out, &got, NULL), TS_OK);
    assert_int_equal(got.present, e.present);
    assert_int_equal(got.groups[0], TS_GROUP_FFDHE2048);
    assert_int_equal(got.unknown[0], 16);
    tu_every_prefix_fails(out.data, out.len, parse_ee, &got, SIZE_MAX);
    tu_every_byte_mutation_survives(out.data, out.len, parse_ee, &got);

    /* key_share has no place in EncryptedExtensions (RFC 8446 §4.2). */
    e.present |= TS_EXTF_KEY_SHARE;
    assert_int_equal(ts_msg_encrypted_extensions_write(&out, &e), TS_ERR_ARG);
    ts_buf_free(&out);

    expect(parse_ee, &got, "", TS_ERR_DECODE);          /* no block at all */
    expect(parse_ee, &got, "00", TS_ERR_DECODE);
    expect(parse_ee, &got, "0000 00", TS_ERR_TRAILING);
    expect(parse_ee, &got, "0004 0017 0000", TS_OK);    /* syntax only: the engine judges */
}

static void test_certificate13(void **state)
{
    (void)state;
    static const uint8_t a[] = {0x30, 0x03, 0x02, 0x01, 0x01};
    static const uint8_t b[] = {0x30, 0x00};
    static const uint8_t ocsp[] = {0x00, 0x05, 0x00, 0x00}; /* status_request, empty */
    static const uint8_t ctx[] = {0xc1, 0xc2};
    ts_msg_certificate13 m = {
        .context = {ctx, sizeof(ctx)},
        .certs = {{a, sizeof(a)}, {b, sizeof(b)}},
        .cert_exts = {{ocsp, sizeof(ocsp)}, {NULL, 0}},
        .n_certs = 2,
    };
    ts_msg_certificate13 got;
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_certificate13_write(&out, &m), TS_OK);
    const char *want = "02 c1c2 000015"
                       "  000005 3003020101 0004 00050000"
                       "  000002 3000 0000";
    assert_written(&out, want);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_certificate13_parse(&out, &got, &f), TS_OK);
    assert_int_equal(got.context.len, 2);
    assert_memory_equal(got.context.data, ctx, 2);
    assert_int_equal(got.n_certs, 2);
    assert_int_equal(got.certs[0].len, 5);
    assert_memory_equal(got.certs[0].data, a, 5);
    assert_int_equal(got.cert_exts[0].len, 4);
    assert_memory_equal(got.cert_exts[0].data, ocsp, 4);
    assert_int_equal(got.certs[1].len, 2);
    assert_int_equal(got.cert_exts[1].len, 0);
    tu_fields_within(&f, 0, out.len);
    assert_string_equal(ts_fields_find(&f, "certificate_request_context", 0)->value, "c1c2");
    const ts_field *x = ts_fields_find(&f, "certificate_entry", 0);
    assert_string_equal(x->value, "#0, 14 bytes");
    assert_int_equal(x->offset, 6);
    assert_int_equal(x->depth, 1);
    x = ts_fields_find(&f, "extension", 0);
    assert_string_equal(x->value, "status_request (5), 0 bytes");
    assert_int_equal(x->depth, 3);
    assert_int_equal(x->offset, 16);
    x = ts_fields_find(&f, "certificate_entry", 1 + (size_t)(x - f.items));
    assert_string_equal(x->value, "#1, 7 bytes");
    ts_fields_free(&f);
    tu_every_prefix_fails(out.data, out.len, parse_cert, &got, SIZE_MAX);
    tu_every_byte_mutation_survives(out.data, out.len, parse_cert, &got);
    ts_buf_free(&out);

    /* A client with no certificate: an empty list. */
    ts_msg_certificate13 none = {.context = {ctx, 1}};
    ts_buf_init(&out);
    assert_int_equal(ts_msg_certificate13_write(&out, &none), TS_OK);
    assert_written(&out, "01 c1 000000");
    assert_int_equal(ts_msg_certificate13_parse(&out, &got, NULL), TS_OK);
    assert_int_equal(got.n_certs, 0);

    /* The writer refuses what the wire cannot carry. */
    static uint8_t long_ctx[256];
    none.context = (ts_msg_bytes){long_ctx, sizeof(long_ctx)};
    assert_int_equal(ts_msg_certificate13_write(&out, &none), TS_ERR_ARG);
    m.n_certs = TS_CERT_MAX_CHAIN + 1;
    assert_int_equal(ts_msg_certificate13_write(&out, &m), TS_ERR_ARG);
    m.n_certs = 2;
    m.certs[1].len = 0;
    assert_int_equal(ts_msg_certificate13_write(&out, &m), TS_ERR_ARG);
    ts_buf_free(&out);

    /* no entry extensions; empty cert_data; a block past the entry; half an extension */
    expect(parse_cert, &got, "00 000005 000002 3000", TS_ERR_DECODE);
    expect(parse_cert, &got, "00 000005 000000 0000", TS_ERR_DECODE);
    expect(parse_cert, &got, "00 000007 000002 3000 0001", TS_ERR_DECODE);
    expect(parse_cert, &got, "00 000009 000002 3000 0002 0000", TS_ERR_DECODE);
    expect(parse_cert, &got, "00 000007 000002 3000 0000 00", TS_ERR_TRAILING);
    expect(parse_cert, &got, "00 000007 000002 3000 0000", TS_OK);
    /* nine entries: more than TS_CERT_MAX_CHAIN */
    ts_buf nine;
    ts_buf_init(&nine);
    assert_int_equal(ts_buf_write_u8(&nine, 0), TS_OK);
    assert_int_equal(ts_buf_write_u24(&nine, 9 * 7), TS_OK);
    for (int i = 0; i < 9; i++) {
        assert_int_equal(ts_buf_write_vec(&nine, 3, b, sizeof(b)), TS_OK);
        assert_int_equal(ts_buf_write_u16(&nine, 0), TS_OK);
    }
    assert_int_equal(tu_parse_copy(nine.data, nine.len, parse_cert, &got), TS_ERR_DECODE);
    ts_buf_free(&nine);
}

static void test_certificate_verify(void **state)
{
    (void)state;
    static const uint8_t sig[] = {0x51, 0x52, 0x53};
    ts_msg_certificate_verify m = {TS_SIGALG_RSA_PSS_RSAE_SHA384, {sig, sizeof(sig)}}, got;
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_certificate_verify_write(&out, &m), TS_OK);
    assert_written(&out, "0805 0003 515253");
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_certificate_verify_parse(&out, &got, &f), TS_OK);
    assert_int_equal(got.sigalg, TS_SIGALG_RSA_PSS_RSAE_SHA384);
    assert_int_equal(got.signature.len, 3);
    assert_memory_equal(got.signature.data, sig, 3);
    assert_string_equal(ts_fields_find(&f, "algorithm", 0)->value,
                        "rsa_pss_rsae_sha384 (0x0805)");
    assert_string_equal(ts_fields_find(&f, "signature", 0)->value, "515253");
    assert_int_equal(ts_fields_find(&f, "signature", 0)->offset, 4);
    ts_fields_free(&f);
    tu_every_prefix_fails(out.data, out.len, parse_cv, &got, SIZE_MAX);
    tu_every_byte_mutation_survives(out.data, out.len, parse_cv, &got);
    ts_buf_free(&out);
    expect(parse_cv, &got, "0804 0000", TS_OK); /* empty: the verifier refuses it, not the codec */
    expect(parse_cv, &got, "0804 0002 aa", TS_ERR_DECODE);
    expect(parse_cv, &got, "0804 0001 aa bb", TS_ERR_TRAILING);
    expect(parse_cv, &got, "08", TS_ERR_DECODE);
}

static void test_new_session_ticket(void **state)
{
    (void)state;
    static const uint8_t nonce[] = {0x00, 0x01};
    static const uint8_t ticket[] = {0x71, 0x72, 0x73, 0x74};
    ts_msg_new_session_ticket m, got;
    memset(&m, 0, sizeof(m));
    m.lifetime = TS_TICKET_LIFETIME_MAX;
    m.age_add = 0x01020304;
    m.nonce = (ts_msg_bytes){nonce, sizeof(nonce)};
    m.ticket = (ts_msg_bytes){ticket, sizeof(ticket)};
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_new_session_ticket_write(&out, &m), TS_OK);
    const char *want = "00093a80 01020304 02 0001 0004 71727374 0000";
    assert_written(&out, want);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_new_session_ticket_parse(&out, &got, &f), TS_OK);
    assert_int_equal(got.lifetime, 604800);
    assert_int_equal(got.age_add, 0x01020304);
    assert_int_equal(got.nonce.len, 2);
    assert_memory_equal(got.ticket.data, ticket, 4);
    assert_true(got.exts.block);
    assert_int_equal(got.exts.n_exts, 0);
    assert_string_equal(ts_fields_find(&f, "ticket_lifetime", 0)->value, "604800");
    assert_string_equal(ts_fields_find(&f, "ticket_age_add", 0)->value, "16909060");
    assert_string_equal(ts_fields_find(&f, "ticket", 0)->value, "71727374");
    assert_int_equal(ts_fields_find(&f, "ticket", 0)->offset, 13);
    ts_fields_free(&f);
    tu_every_prefix_fails(out.data, out.len, parse_nst, &got, SIZE_MAX);
    tu_every_byte_mutation_survives(out.data, out.len, parse_nst, &got);
    ts_buf_free(&out);

    /* An early_data extension (unknown here) rides along. */
    m.exts.unknown[0] = TS_EXT_EARLY_DATA;
    m.exts.n_unknown = 1;
    m.nonce.len = 0;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_new_session_ticket_write(&out, &m), TS_OK);
    assert_written(&out, "00093a80 01020304 00 0004 71727374 0004 002a 0000");
    ts_buf_free(&out);

    /* The writer refuses an empty ticket, a long nonce, and extensions a
     * NewSessionTicket may not carry. */
    ts_buf_init(&out);
    m.ticket.len = 0;
    assert_int_equal(ts_msg_new_session_ticket_write(&out, &m), TS_ERR_ARG);
    m.ticket.len = sizeof(ticket);
    static uint8_t long_nonce[256];
    m.nonce = (ts_msg_bytes){long_nonce, sizeof(long_nonce)};
    assert_int_equal(ts_msg_new_session_ticket_write(&out, &m), TS_ERR_ARG);
    m.nonce.len = 0;
    m.exts.present = TS_EXTF_SUPPORTED_GROUPS;
    m.exts.n_groups = 1;
    assert_int_equal(ts_msg_new_session_ticket_write(&out, &m), TS_ERR_ARG);
    ts_buf_free(&out);

    /* Seven days and a second: well formed, illegal (RFC 8446 §4.6.1). */
    expect(parse_nst, &got, "00093a81 01020304 00 0001 71 0000", TS_ERR_ILLEGAL);
    expect(parse_nst, &got, "ffffffff 01020304 00 0001 71 0000", TS_ERR_ILLEGAL);
    expect(parse_nst, &got, "00000000 01020304 00 0001 71 0000", TS_OK);
    /* a decode error wins over the lifetime */
    expect(parse_nst, &got, "ffffffff 01020304 00 0001 71 0000 00", TS_ERR_TRAILING);
    expect(parse_nst, &got, "0000001e 01020304 00 0000 0000", TS_ERR_DECODE); /* empty ticket */
    expect(parse_nst, &got, "0000001e 01020304 00 0001 71", TS_ERR_DECODE);   /* no block */
    expect(parse_nst, &got, "0000001e 01020304 05 0001 71 0000", TS_ERR_DECODE);
}

static void test_key_update(void **state)
{
    (void)state;
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_key_update_write(&out, true), TS_OK);
    assert_int_equal(ts_msg_key_update_write(&out, false), TS_OK);
    assert_written(&out, "01 00");
    bool req = false;
    ts_fields f;
    ts_fields_init(&f);
    ts_buf one;
    ts_buf_view(&one, out.data, 1);
    assert_int_equal(ts_msg_key_update_parse(&one, &req, &f), TS_OK);
    assert_true(req);
    assert_string_equal(f.items[0].name, "request_update");
    assert_string_equal(f.items[0].value, "update_requested (1)");
    ts_fields_free(&f);
    ts_buf_view(&one, out.data + 1, 1);
    assert_int_equal(ts_msg_key_update_parse(&one, &req, NULL), TS_OK);
    assert_false(req);
    ts_buf_free(&out);

    /* RFC 8446 §4.6.3: any other value is illegal_parameter. */
    ts_fields_init(&f);
    ts_buf_init(&out);
    assert_int_equal(ts_buf_write_u8(&out, 2), TS_OK);
    req = true;
    assert_int_equal(ts_msg_key_update_parse(&out, &req, &f), TS_ERR_ILLEGAL);
    assert_false(req);
    assert_string_equal(f.items[0].value, "unknown (2)"); /* the field stays for display */
    ts_fields_free(&f);
    ts_buf_free(&out);
    expect(parse_ku, &req, "ff", TS_ERR_ILLEGAL);
    expect(parse_ku, &req, "", TS_ERR_DECODE);
    expect(parse_ku, &req, "01 00", TS_ERR_TRAILING);
    expect(parse_ku, &req, "02 00", TS_ERR_TRAILING); /* a decode error wins */
}

static void test_certificate_request13(void **state)
{
    (void)state;
    ts_msg_certificate_request13 m, got;
    memset(&m, 0, sizeof(m));
    m.exts.present = TS_EXTF_SIGNATURE_ALGORITHMS;
    m.exts.sigalgs[0] = TS_SIGALG_RSA_PSS_RSAE_SHA256;
    m.exts.sigalgs[1] = TS_SIGALG_RSA_PKCS1_SHA256;
    m.exts.n_sigalgs = 2;
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_certificate_request13_write(&out, &m), TS_OK);
    assert_written(&out, "00 000a 000d 0006 0004 0804 0401");
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_certificate_request13_parse(&out, &got, &f), TS_OK);
    assert_int_equal(got.context.len, 0);
    assert_int_equal(got.exts.present, TS_EXTF_SIGNATURE_ALGORITHMS);
    assert_int_equal(got.exts.n_sigalgs, 2);
    assert_true(ts_msg_exts_offers_sigalg(&got.exts, TS_SIGALG_RSA_PKCS1_SHA256));
    assert_string_equal(ts_fields_find(&f, "certificate_request_context_length", 0)->value, "0");
    assert_string_equal(ts_fields_find(&f, "signature_algorithm", 0)->value,
                        "rsa_pss_rsae_sha256 (0x0804)");
    ts_fields_free(&f);
    tu_every_prefix_fails(out.data, out.len, parse_cr, &got, SIZE_MAX);
    tu_every_byte_mutation_survives(out.data, out.len, parse_cr, &got);
    ts_buf_free(&out);

    /* A post-handshake request's context, and an unknown extension beside. */
    static const uint8_t ctx[] = {9, 8, 7};
    m.context = (ts_msg_bytes){ctx, sizeof(ctx)};
    m.exts.unknown[0] = TS_EXT_SIGNATURE_ALGORITHMS_CERT;
    m.exts.n_unknown = 1;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_certificate_request13_write(&out, &m), TS_OK);
    assert_written(&out, "03 090807 000e 000d 0006 0004 0804 0401 0032 0000");
    assert_int_equal(ts_msg_certificate_request13_parse(&out, &got, NULL), TS_OK);
    assert_memory_equal(got.context.data, ctx, 3);
    assert_int_equal(got.exts.unknown[0], TS_EXT_SIGNATURE_ALGORITHMS_CERT);
    ts_buf_free(&out);

    /* The writer: signature_algorithms is required; contexts stop at 255. */
    ts_buf_init(&out);
    m.exts.present = 0;
    assert_int_equal(ts_msg_certificate_request13_write(&out, &m), TS_ERR_ARG);
    m.exts.present = TS_EXTF_SIGNATURE_ALGORITHMS | TS_EXTF_SUPPORTED_GROUPS;
    assert_int_equal(ts_msg_certificate_request13_write(&out, &m), TS_ERR_ARG);
    m.exts.present = TS_EXTF_SIGNATURE_ALGORITHMS;
    static uint8_t long_ctx[256];
    m.context = (ts_msg_bytes){long_ctx, sizeof(long_ctx)};
    assert_int_equal(ts_msg_certificate_request13_write(&out, &m), TS_ERR_ARG);
    ts_buf_free(&out);

    /* RFC 8446 §4.3.2: without signature_algorithms, missing_extension. */
    expect(parse_cr, &got, "00 0004 0032 0000", TS_ERR_MISSING_EXTENSION);
    expect(parse_cr, &got, "00 0008 000a 0004 0002 001d", TS_ERR_MISSING_EXTENSION);
    expect(parse_cr, &got, "00 0000", TS_ERR_DECODE); /* extensions<2..2^16-1> */
    expect(parse_cr, &got, "00", TS_ERR_DECODE);
    expect(parse_cr, &got, "00 0008 000d 0004 0002 0804 00", TS_ERR_TRAILING);
    expect(parse_cr, &got, "00 0007 000d 0003 0001 08", TS_ERR_DECODE); /* odd list */
    expect(parse_cr, &got, "04 0000 0000", TS_ERR_DECODE); /* the context ate the block */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_encrypted_extensions),
        cmocka_unit_test(test_certificate13),
        cmocka_unit_test(test_certificate_verify),
        cmocka_unit_test(test_new_session_ticket),
        cmocka_unit_test(test_key_update),
        cmocka_unit_test(test_certificate_request13),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
