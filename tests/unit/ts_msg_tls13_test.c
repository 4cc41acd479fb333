/* Unit tests for the TLS 1.3 codecs against RFC 8448: every message of §3
 * ("Simple 1-RTT Handshake") and §5's HelloRetryRequest parses to the
 * values the RFC's trace shows, re-writes to the same bytes where the
 * writer can say it, and describes with sensible field names, as TLS 1.3
 * and when guessed. Synthetic round trips and malformed input are in
 * ts_msg_tls13_exts_test.c and ts_msg_tls13_msgs_test.c. */
#include "ts_msg_test_util.h"

#include "base/ts_i18n.h"
#include "crypto/ts_hash.h"
#include "tls/msg/ts_msg_certificate13.h"
#include "tls/msg/ts_msg_certificate_verify.h"
#include "tls/msg/ts_msg_client_hello.h"
#include "tls/msg/ts_msg_describe.h"
#include "tls/msg/ts_msg_encrypted_extensions.h"
#include "tls/msg/ts_msg_new_session_ticket.h"
#include "tls/msg/ts_msg_server_hello.h"
#include "ts_rfc8448.h"
#include "ts_test_hex.h"

/* A message of the trace: its bytes (header included) and a view of its
 * body, whose type must be want_type. */
typedef struct {
    ts_buf msg;
    ts_buf body;
} trace_msg;

static void load(const char *hex_text, uint8_t want_type, trace_msg *t)
{
    tu_hex(hex_text, &t->msg);
    uint8_t type;
    ts_buf in = t->msg;
    assert_int_equal(ts_msg_hs_parse(&in, &type, &t->body), TS_OK);
    assert_int_equal(type, want_type);
    assert_int_equal(ts_buf_remaining(&in), 0);
}

/* Fails unless out holds exactly the bytes of body (all of them, read or not). */
static void assert_same_bytes(const ts_buf *out, const ts_buf *body)
{
    assert_int_equal(out->len, body->len);
    assert_memory_equal(out->data, body->data, body->len);
}

static void test_client_hello(void **state)
{
    (void)state;
    trace_msg t;
    load(RFC8448_CLIENT_HELLO, TS_HS_CLIENT_HELLO, &t);
    ts_msg_client_hello m;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_client_hello_parse(&t.body, &m, &f), TS_OK);
    assert_int_equal(m.version, TS_VERSION_TLS12); /* legacy_version */
    assert_int_equal(m.n_suites, 3);
    assert_int_equal(m.suites[0], 0x1301);
    const ts_msg_exts *e = &m.exts;
    assert_string_equal(e->host, "server");
    /* supported_versions: 02 03 04, TLS 1.3 only */
    assert_true(e->present & TS_EXTF_SUPPORTED_VERSIONS);
    assert_int_equal(e->n_versions, 1);
    assert_int_equal(e->versions[0], TS_VERSION_TLS13);
    assert_true(ts_msg_exts_offers_version(e, TS_VERSION_TLS13));
    assert_false(ts_msg_exts_offers_version(e, TS_VERSION_TLS12));
    /* key_share: one x25519 entry */
    assert_true(e->present & TS_EXTF_KEY_SHARE);
    assert_int_equal(ts_msg_exts_share_count(e), 1);
    ts_msg_key_share ks;
    assert_true(ts_msg_exts_share_for(e, TS_GROUP_X25519, &ks));
    assert_int_equal(ks.key_len, 32);
    assert_hex_equal(ks.key, ks.key_len,
                     "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
    assert_false(ts_msg_exts_share_for(e, TS_GROUP_SECP256R1, &ks));
    /* psk_key_exchange_modes: psk_dhe_ke */
    assert_int_equal(e->n_psk_modes, 1);
    assert_int_equal(e->psk_modes[0], TS_PSK_DHE_KE);
    /* groups and sigalgs as before; session_ticket and record_size_limit unknown */
    assert_int_equal(e->n_groups, 9);
    assert_int_equal(e->n_sigalgs, 15);
    assert_true(ts_msg_exts_offers_sigalg(e, TS_SIGALG_RSA_PSS_RSAE_SHA256));
    assert_int_equal(e->n_unknown, 2);
    assert_int_equal(e->unknown[0], TS_EXT_SESSION_TICKET);
    assert_int_equal(e->unknown[1], 28);
    assert_int_equal(e->n_exts, 9);

    /* The fields name the 1.3 parts where their bytes are. */
    tu_fields_within(&f, 0, t.body.len);
    const uint8_t *body = t.body.data;
    const ts_field *x = ts_fields_find(&f, "version", 0);
    assert_non_null(x);
    assert_string_equal(x->value, "TLS 1.3 (0x0304)");
    assert_int_equal(x->depth, 3);
    assert_memory_equal(body + x->offset, "\x03\x04", 2);
    x = ts_fields_find(&f, "supported_versions_length", 0);
    assert_string_equal(x->value, "2 (1 entries)");
    x = ts_fields_find(&f, "client_shares_length", 0);
    assert_string_equal(x->value, "36");
    x = ts_fields_find(&f, "key_share_entry", 0);
    assert_string_equal(x->value, "x25519 (29), 36 bytes");
    assert_int_equal(x->len, 36);
    assert_int_equal(x->depth, 3);
    x = ts_fields_find(&f, "group", 0);
    assert_string_equal(x->value, "x25519 (29)");
    assert_int_equal(x->depth, 4);
    assert_memory_equal(body + x->offset, "\x00\x1d", 2);
    x = ts_fields_find(&f, "key_exchange", 0);
    assert_string_equal(x->value,
                        "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
    assert_memory_equal(body + x->offset, ks.key, 32);
    x = ts_fields_find(&f, "ke_mode", 0);
    assert_string_equal(x->value, "psk_dhe_ke (1)");
    ts_fields_free(&f);

    /* Written again (the writer's order, record_size_limit empty), it
     * parses to the same 1.3 values. */
    ts_buf out;
    ts_buf_init(&out);
    m.exts.n_unknown = 0;
    assert_int_equal(ts_msg_client_hello_write(&out, &m), TS_OK);
    ts_msg_client_hello again;
    assert_int_equal(ts_msg_client_hello_parse(&out, &again, NULL), TS_OK);
    assert_int_equal(again.exts.present, m.exts.present);
    assert_int_equal(again.exts.versions[0], TS_VERSION_TLS13);
    assert_true(ts_msg_exts_share_for(&again.exts, TS_GROUP_X25519, &ks));
    assert_hex_equal(ks.key, ks.key_len,
                     "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
    assert_int_equal(again.exts.psk_modes[0], TS_PSK_DHE_KE);
    ts_buf_free(&out);
    ts_buf_free(&t.msg);
}

static void test_server_hello(void **state)
{
    (void)state;
    trace_msg t;
    load(RFC8448_SERVER_HELLO, TS_HS_SERVER_HELLO, &t);
    ts_msg_server_hello m;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_server_hello_parse(&t.body, &m, &f), TS_OK);
    assert_false(m.hrr);
    assert_int_equal(m.version, TS_VERSION_TLS12);
    assert_int_equal(m.suite, 0x1301);
    assert_int_equal(m.session_id_len, 0);
    assert_int_equal(m.exts.present, TS_EXTF_KEY_SHARE | TS_EXTF_SUPPORTED_VERSIONS);
    assert_int_equal(m.exts.selected_version, TS_VERSION_TLS13);
    assert_int_equal(m.exts.n_shares, 1);
    assert_int_equal(m.exts.shares[0].group, TS_GROUP_X25519);
    assert_hex_equal(m.exts.shares[0].key, m.exts.shares[0].key_len,
                     "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");
    assert_int_equal(ts_msg_exts_share_count(&m.exts), 1);
    ts_msg_key_share ks;
    assert_true(ts_msg_exts_share_at(&m.exts, 0, &ks));
    assert_int_equal(ks.group, TS_GROUP_X25519);
    assert_false(ts_msg_exts_share_at(&m.exts, 1, &ks));

    tu_fields_within(&f, 0, t.body.len);
    assert_string_equal(ts_fields_find(&f, "cipher_suite", 0)->value,
                        "TLS_AES_128_GCM_SHA256 (0x1301)");
    assert_string_equal(ts_fields_find(&f, "selected_version", 0)->value, "TLS 1.3 (0x0304)");
    const ts_field *g = ts_fields_find(&f, "group", 0);
    assert_string_equal(g->value, "x25519 (29)");
    assert_int_equal(g->depth, 2);
    assert_string_equal(ts_fields_find(&f, "key_exchange_length", 0)->value, "32");
    /* an ordinary random: hex, no HelloRetryRequest note */
    assert_string_equal(ts_fields_find(&f, "random", 0)->value,
                        "a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928");
    ts_fields_free(&f);

    /* The writer puts supported_versions before key_share (the RFC's trace
     * has them the other way round): the same bytes once swapped back. */
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_server_hello_write(&out, &m), TS_OK);
    assert_int_equal(out.len, t.body.len);
    const uint8_t *want = t.body.data;
    size_t exts = 2 + 32 + 1 + 2 + 1 + 2; /* the first extension */
    assert_memory_equal(out.data, want, exts);
    assert_memory_equal(out.data + exts, want + exts + 40, 6);      /* supported_versions */
    assert_memory_equal(out.data + exts + 6, want + exts, 40);      /* key_share */
    ts_buf_free(&out);
    ts_buf_free(&t.msg);
}

static void test_hello_retry_request(void **state)
{
    (void)state;
    trace_msg t;
    load(RFC8448_HELLO_RETRY_REQUEST, TS_HS_SERVER_HELLO, &t);
    ts_msg_server_hello m;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_server_hello_parse(&t.body, &m, &f), TS_OK);
    assert_true(m.hrr);
    assert_memory_equal(m.random, TS_HRR_RANDOM, TS_RANDOM_LEN);
    assert_int_equal(m.suite, 0x1301);
    assert_int_equal(m.exts.present,
                     TS_EXTF_KEY_SHARE | TS_EXTF_COOKIE | TS_EXTF_SUPPORTED_VERSIONS);
    assert_int_equal(m.exts.selected_group, TS_GROUP_SECP256R1);
    assert_int_equal(m.exts.n_shares, 0);
    assert_int_equal(m.exts.selected_version, TS_VERSION_TLS13);
    assert_int_equal(m.exts.cookie_len, 114);
    assert_memory_equal(m.exts.cookie, "\x71\xdc\xd0\x4b", 4);
    assert_memory_equal(m.exts.cookie + 111, "\xf9\x34\xb0", 3);

    const char *random = ts_fields_find(&f, "random", 0)->value;
    assert_string_equal(random, "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c "
                                "(HelloRetryRequest: SHA-256 of \"HelloRetryRequest\")");
    char ko[256]; /* the note is a template: a front end shows it translated */
    assert_string_equal(ts_tr_text(TS_LANG_KO, random, ko, sizeof(ko)),
                        "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c "
                        "(HelloRetryRequest: \"HelloRetryRequest\"의 SHA-256)");
    assert_string_equal(ts_fields_find(&f, "selected_group", 0)->value, "secp256r1 (23)");
    assert_null(ts_fields_find(&f, "key_exchange", 0));
    assert_string_equal(ts_fields_find(&f, "cookie_length", 0)->value, "114");
    tu_fields_within(&f, 0, t.body.len);
    ts_fields_free(&f);

    /* Written again in the HRR forms: the same values. */
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_server_hello_write(&out, &m), TS_OK);
    assert_int_equal(out.len, t.body.len);
    ts_msg_server_hello again;
    assert_int_equal(ts_msg_server_hello_parse(&out, &again, NULL), TS_OK);
    assert_true(again.hrr);
    assert_int_equal(again.exts.selected_group, TS_GROUP_SECP256R1);
    assert_int_equal(again.exts.cookie_len, 114);
    assert_memory_equal(again.exts.cookie, m.exts.cookie, 114);
    ts_buf_free(&out);

    /* One bit off the random and it is a ServerHello: the key_share's two
     * bytes no longer parse as an entry. */
    uint8_t *copy = malloc(t.body.len);
    assert_non_null(copy);
    memcpy(copy, t.body.data, t.body.len);
    copy[2 + 31] ^= 1;
    ts_buf b;
    ts_buf_view(&b, copy, t.body.len);
    assert_int_equal(ts_msg_server_hello_parse(&b, &m, NULL), TS_ERR_DECODE);
    assert_false(m.hrr);
    free(copy);
    ts_buf_free(&t.msg);
}

static void test_encrypted_extensions(void **state)
{
    (void)state;
    trace_msg t;
    load(RFC8448_ENCRYPTED_EXTENSIONS, TS_HS_ENCRYPTED_EXTENSIONS, &t);
    ts_msg_exts e;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_encrypted_extensions_parse(&t.body, &e, &f), TS_OK);
    assert_true(e.block);
    assert_int_equal(e.present, TS_EXTF_SUPPORTED_GROUPS | TS_EXTF_SERVER_NAME);
    assert_int_equal(e.host_len, 0); /* empty: the name the client sent was used */
    assert_int_equal(e.n_groups, 9);
    assert_int_equal(e.groups[0], TS_GROUP_X25519);
    assert_int_equal(e.groups[8], 0x0104);
    assert_int_equal(e.n_unknown, 1);
    assert_int_equal(e.unknown[0], 28); /* record_size_limit */
    assert_string_equal(ts_fields_find(&f, "extensions_length", 0)->value, "34");
    tu_fields_within(&f, 0, t.body.len);
    ts_fields_free(&f);

    /* Without record_size_limit's two bytes the writer says the same. */
    ts_buf out;
    ts_buf_init(&out);
    e.n_unknown = 0;
    assert_int_equal(ts_msg_encrypted_extensions_write(&out, &e), TS_OK);
    ts_buf want;
    tu_hex("001c 00000000 000a00140012001d00170018001901000101010201030104", &want);
    assert_same_bytes(&out, &want);
    ts_buf_free(&want);
    ts_buf_free(&out);
    ts_buf_free(&t.msg);
}

static void test_certificate(void **state)
{
    (void)state;
    trace_msg t;
    load(RFC8448_CERTIFICATE, TS_HS_CERTIFICATE, &t);
    ts_msg_certificate13 m;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_certificate13_parse(&t.body, &m, &f), TS_OK);
    assert_int_equal(m.context.len, 0);
    assert_int_equal(m.n_certs, 1);
    assert_int_equal(m.certs[0].len, 432);
    assert_memory_equal(m.certs[0].data, "\x30\x82\x01\xac", 4); /* DER SEQUENCE of 428 */
    assert_int_equal(m.cert_exts[0].len, 0);
    assert_string_equal(ts_fields_find(&f, "certificate_request_context_length", 0)->value, "0");
    assert_string_equal(ts_fields_find(&f, "certificate_list_length", 0)->value, "437");
    const ts_field *x = ts_fields_find(&f, "certificate_entry", 0);
    assert_string_equal(x->value, "#0, 437 bytes");
    assert_int_equal(x->offset, 4);
    assert_int_equal(x->len, 437);
    assert_string_equal(ts_fields_find(&f, "cert_data_length", 0)->value, "432");
    x = ts_fields_find(&f, "extensions_length", 0);
    assert_string_equal(x->value, "0");
    assert_int_equal(x->depth, 2);
    assert_int_equal(x->offset, 4 + 3 + 432);
    tu_fields_within(&f, 0, t.body.len);
    ts_fields_free(&f);

    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_certificate13_write(&out, &m), TS_OK);
    assert_same_bytes(&out, &t.body);
    ts_buf_free(&out);
    ts_buf_free(&t.msg);
}

static void test_certificate_verify(void **state)
{
    (void)state;
    trace_msg t;
    load(RFC8448_CERTIFICATE_VERIFY, TS_HS_CERTIFICATE_VERIFY, &t);
    ts_msg_certificate_verify m;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_certificate_verify_parse(&t.body, &m, &f), TS_OK);
    assert_int_equal(m.sigalg, TS_SIGALG_RSA_PSS_RSAE_SHA256);
    assert_int_equal(m.signature.len, 128); /* the 1024-bit key of the trace */
    assert_memory_equal(m.signature.data, "\x5a\x74\x7c\x5d", 4);
    assert_string_equal(ts_fields_find(&f, "algorithm", 0)->value,
                        "rsa_pss_rsae_sha256 (0x0804)");
    assert_string_equal(ts_fields_find(&f, "signature_length", 0)->value, "128");
    ts_fields_free(&f);

    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_certificate_verify_write(&out, &m), TS_OK);
    assert_same_bytes(&out, &t.body);
    ts_buf_free(&out);
    ts_buf_free(&t.msg);
}

static void test_new_session_ticket(void **state)
{
    (void)state;
    trace_msg t;
    load(RFC8448_NEW_SESSION_TICKET, TS_HS_NEW_SESSION_TICKET, &t);
    ts_msg_new_session_ticket m;
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_new_session_ticket_parse(&t.body, &m, &f), TS_OK);
    assert_int_equal(m.lifetime, 30);
    assert_int_equal(m.age_add, 0xfad6aac5u);
    assert_int_equal(m.nonce.len, 2);
    assert_memory_equal(m.nonce.data, "\x00\x00", 2);
    assert_int_equal(m.ticket.len, 178);
    assert_memory_equal(m.ticket.data, "\x2c\x03\x5d\x82", 4);
    /* early_data (max_early_data_size 1024): not understood, kept by type */
    assert_true(m.exts.block);
    assert_int_equal(m.exts.n_unknown, 1);
    assert_int_equal(m.exts.unknown[0], TS_EXT_EARLY_DATA);
    assert_true(ts_msg_exts_has(&m.exts, TS_EXT_EARLY_DATA));
    assert_string_equal(ts_fields_find(&f, "ticket_lifetime", 0)->value, "30");
    assert_string_equal(ts_fields_find(&f, "ticket_age_add", 0)->value, "4208372421");
    assert_string_equal(ts_fields_find(&f, "ticket_nonce", 0)->value, "0000");
    assert_string_equal(ts_fields_find(&f, "ticket_length", 0)->value, "178");
    assert_string_equal(ts_fields_find(&f, "extension", 0)->value, "early_data (42), 4 bytes");
    assert_string_equal(ts_fields_find(&f, "extension_data", 0)->value, "00000400");
    tu_fields_within(&f, 0, t.body.len);
    ts_fields_free(&f);

    /* The writer sends early_data empty: the same bytes up to the block. */
    ts_buf out;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_new_session_ticket_write(&out, &m), TS_OK);
    size_t head = t.body.len - 2 - 8; /* before the extensions block */
    assert_int_equal(out.len, head + 2 + 4);
    assert_memory_equal(out.data, t.body.data, head);
    assert_memory_equal(out.data + head, "\x00\x04\x00\x2a\x00\x00", 6);
    ts_buf_free(&out);
    ts_buf_free(&t.msg);
}

/* Every message of the trace describes without error, with the names of
 * its 1.3 form, whether the context says TLS 1.3 or is guessed. */
static void test_describe_trace(void **state)
{
    (void)state;
    static const struct {
        const char *hex;
        const char *type;   /* the handshake_type field's value */
        const char *field;  /* a field only the 1.3 form has */
        const char *value;  /* its value */
    } trace[] = {
        {RFC8448_CLIENT_HELLO, "ClientHello (1)", "version", "TLS 1.3 (0x0304)"},
        {RFC8448_SERVER_HELLO, "ServerHello (2)", "selected_version", "TLS 1.3 (0x0304)"},
        {RFC8448_HELLO_RETRY_REQUEST, "ServerHello (2)", "selected_group", "secp256r1 (23)"},
        {RFC8448_ENCRYPTED_EXTENSIONS, "EncryptedExtensions (8)", "extension",
         "supported_groups (10), 20 bytes"},
        {RFC8448_CERTIFICATE, "Certificate (11)", "certificate_entry", "#0, 437 bytes"},
        {RFC8448_CERTIFICATE_VERIFY, "CertificateVerify (15)", "algorithm",
         "rsa_pss_rsae_sha256 (0x0804)"},
        {RFC8448_SERVER_FINISHED, "Finished (20)", "verify_data",
         "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718"},
        {RFC8448_CLIENT_FINISHED, "Finished (20)", "verify_data",
         "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61"},
        {RFC8448_NEW_SESSION_TICKET, "NewSessionTicket (4)", "ticket_age_add", "4208372421"},
    };
    static const ts_kx kxs[] = {TS_KX_TLS13, TS_KX_GUESS};
    for (size_t i = 0; i < sizeof(trace) / sizeof(trace[0]); i++) {
        for (size_t k = 0; k < 2; k++) {
            ts_buf b;
            ts_fields f;
            tu_hex(trace[i].hex, &b);
            ts_fields_init(&f);
            ts_err err = ts_msg_describe_kx(b.data, b.len, kxs[k], &f, 5);
            if (err != TS_OK) {
                print_error("%s, kx %d: %s\n", trace[i].type, (int)kxs[k], ts_err_name(err));
                fail();
            }
            tu_fields_within(&f, 5, b.len);
            assert_string_equal(f.items[0].value, trace[i].type);
            const ts_field *x = ts_fields_find(&f, trace[i].field, 0);
            if (x == NULL || strcmp(x->value, trace[i].value) != 0) {
                print_error("%s, kx %d: %s is \"%s\"\n", trace[i].type, (int)kxs[k],
                            trace[i].field, x != NULL ? x->value : "(none)");
                fail();
            }
            assert_null(ts_fields_find(&f, "body", 0)); /* nothing left raw */
            ts_fields_free(&f);
            ts_buf_free(&b);
        }
    }
}

/* A TLS 1.2 context reads the same bytes in 1.2's forms: a 1.3
 * Certificate is then malformed, a NewSessionTicket raw. */
static void test_describe_tls12_context(void **state)
{
    (void)state;
    ts_buf b;
    ts_fields f;
    tu_hex(RFC8448_CERTIFICATE, &b);
    ts_fields_init(&f);
    assert_int_equal(ts_msg_describe_kx(b.data, b.len, TS_KX_ECDHE, &f, 0), TS_ERR_DECODE);
    assert_null(ts_fields_find(&f, "certificate_entry", 0));
    ts_fields_free(&f);
    ts_buf_free(&b);

    tu_hex(RFC8448_NEW_SESSION_TICKET, &b);
    ts_fields_init(&f);
    assert_int_equal(ts_msg_describe_kx(b.data, b.len, TS_KX_RSA, &f, 0), TS_OK);
    assert_non_null(ts_fields_find(&f, "body", 0));
    assert_null(ts_fields_find(&f, "ticket_lifetime", 0));
    ts_fields_free(&f);
    ts_buf_free(&b);

    /* A 12-byte Finished is TLS 1.2's when guessed, and wrong in 1.3. */
    tu_hex("1400000c 0102030405060708090a0b0c", &b);
    ts_fields_init(&f);
    assert_int_equal(ts_msg_describe_kx(b.data, b.len, TS_KX_GUESS, &f, 0), TS_OK);
    assert_string_equal(ts_fields_find(&f, "verify_data", 0)->value, "0102030405060708090a0b0c");
    ts_fields_free(&f);
    ts_fields_init(&f);
    assert_int_equal(ts_msg_describe_kx(b.data, b.len, TS_KX_TLS13, &f, 0), TS_ERR_DECODE);
    ts_fields_free(&f);
    ts_buf_free(&b);
}

/* The constants and names TLS 1.3 adds (RFC 8446 §4.1.3, §4, Appendix B.4). */
static void test_constants_and_names(void **state)
{
    (void)state;
    uint8_t h[32];
    ts_hash(TS_HASH_SHA256, (const uint8_t *)"HelloRetryRequest", 17, h);
    assert_memory_equal(TS_HRR_RANDOM, h, TS_RANDOM_LEN);
    assert_memory_equal(TS_DOWNGRADE_TLS12, "DOWNGRD\x01", 8);
    assert_string_equal(ts_version_name(TS_VERSION_TLS13), "TLS 1.3");
    assert_string_equal(ts_msg_hs_name(TS_HS_ENCRYPTED_EXTENSIONS), "EncryptedExtensions");
    assert_string_equal(ts_msg_hs_name(TS_HS_END_OF_EARLY_DATA), "EndOfEarlyData");
    assert_string_equal(ts_msg_hs_name(TS_HS_KEY_UPDATE), "KeyUpdate");
    assert_string_equal(ts_msg_hs_name(TS_HS_MESSAGE_HASH), "message_hash");
    assert_string_equal(ts_msg_hs_name(TS_HS_NEW_SESSION_TICKET), "NewSessionTicket");
    assert_string_equal(ts_suite_name(0x1301), "TLS_AES_128_GCM_SHA256");
    assert_string_equal(ts_suite_name(0x1302), "TLS_AES_256_GCM_SHA384");
    assert_string_equal(ts_suite_name(0x1303), "TLS_CHACHA20_POLY1305_SHA256");
    assert_string_equal(ts_suite_name(0x1304), "TLS_AES_128_CCM_SHA256");
    assert_string_equal(ts_suite_name(0x1305), "TLS_AES_128_CCM_8_SHA256");
    assert_string_equal(ts_suite_name(0x1306), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_constants_and_names),
        cmocka_unit_test(test_client_hello),
        cmocka_unit_test(test_server_hello),
        cmocka_unit_test(test_hello_retry_request),
        cmocka_unit_test(test_encrypted_extensions),
        cmocka_unit_test(test_certificate),
        cmocka_unit_test(test_certificate_verify),
        cmocka_unit_test(test_new_session_ticket),
        cmocka_unit_test(test_describe_trace),
        cmocka_unit_test(test_describe_tls12_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
