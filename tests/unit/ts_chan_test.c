/* Unit tests for ts_chan: numbering, framing, hooks that modify, drop,
 * replay and inject (the original always kept), observers, decoding; TLS
 * 1.3's records (named by their inner type, the encrypted TLSInnerPlaintext
 * and tag, the IV behind the nonce), the version learned from the
 * ServerHello (also a fallback to 1.2), HelloRetryRequest, and which bytes
 * the protocol leaves unauthenticated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_hex.h"
#include "simulation/ts_chan.h"
#include "tls/msg/ts_msg_describe.h"
#include "ts_rfc8448.h"

/* Plaintext records (RFC 5246 wire format). */
static const uint8_t hello_done[] = {0x16, 0x03, 0x03, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00};
static const uint8_t ccs[] = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
static const uint8_t alert[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x14};

static ts_event sealed_event(const uint8_t *rec, size_t n)
{
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = TS_EV_SEALED;
    ev.content_type = rec[0];
    ev.record = rec;
    ev.record_len = n;
    ev.value = rec + 5;
    ev.value_len = n - 5;
    return ev;
}

static void test_sealed_then_written(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_event ev = sealed_event(hello_done, sizeof(hello_done));
    size_t number = 0;
    assert_int_equal(ts_chan_sealed(ch, TS_DIR_S2C, &ev, 7, &number), TS_OK);
    assert_int_equal(number, 1);
    assert_int_equal(ts_chan_get(ch, 1)->status, TS_REC_SEALED);
    assert_int_equal(ts_chan_next(ch, true, true), 0); /* not on the wire yet */
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, hello_done, sizeof(hello_done), 9), TS_OK);
    assert_int_equal(ts_chan_count(ch), 1);
    const ts_chan_record *r = ts_chan_get(ch, 1);
    assert_int_equal(r->status, TS_REC_IN_FLIGHT);
    assert_int_equal(r->step_written, 7);
    assert_true(r->has_plain);
    assert_int_equal(r->plaintext.len, 4);
    assert_string_equal(r->type_name, "ServerHelloDone");
    assert_non_null(ts_fields_find(&r->fields, "content_type", 0));
    /* Only a live receiver gets records. */
    assert_int_equal(ts_chan_next(ch, true, false), 0);
    assert_int_equal(ts_chan_next(ch, false, true), 1);
    ts_chan_free(ch);
}

static void test_write_frames_and_rejects(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    uint8_t two[sizeof(ccs) + sizeof(alert)];
    memcpy(two, ccs, sizeof(ccs));
    memcpy(two + sizeof(ccs), alert, sizeof(alert));
    /* Cut short: nothing goes on the wire. */
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, two, sizeof(two) - 1, 0), TS_ERR_RECORD);
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, two, 3, 0), TS_ERR_RECORD);
    assert_int_equal(ts_chan_count(ch), 0);
    /* Unannounced records get numbers in order. */
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, two, sizeof(two), 4), TS_OK);
    assert_int_equal(ts_chan_count(ch), 2);
    assert_string_equal(ts_chan_get(ch, 1)->type_name, "ChangeCipherSpec");
    assert_string_equal(ts_chan_get(ch, 2)->type_name, "Alert");
    assert_false(ts_chan_get(ch, 2)->has_plain);
    assert_int_equal(ts_chan_get(ch, 2)->step_written, 4);
    const ts_field *f = ts_fields_find(&ts_chan_get(ch, 2)->fields, "description", 0);
    assert_non_null(f);
    assert_int_equal(f->offset, 6);
    assert_non_null(strstr(f->value, "bad_record_mac"));
    assert_null(ts_chan_get(ch, 3));
    assert_null(ts_chan_get(ch, 0));
    /* Framed by length alone: an unknown type and a bad version still cross. */
    const uint8_t odd[] = {0x80, 0x02, 0x00, 0x00, 0x01, 0x00, 0x16, 0xfe, 0xff, 0x00, 0x00};
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, odd, sizeof(odd), 5), TS_OK);
    assert_int_equal(ts_chan_count(ch), 4);
    assert_int_equal(ts_chan_get(ch, 3)->content_type, 0x80);
    assert_int_equal(ts_chan_get(ch, 3)->sent.len, 6);
    assert_int_equal(ts_chan_get(ch, 4)->content_type, 0x16);
    assert_int_equal(ts_chan_get(ch, 4)->sent.len, 5);
    ts_chan_free(ch);
}

typedef struct {
    int mode; /* 0 flip byte 5, 1 drop, 2 replay, 3 inject */
    size_t calls;
    size_t observed;
} hook_state;

static ts_chan_verdict hook(void *ctx, const ts_chan_record *rec, ts_chan_delivery *d)
{
    hook_state *h = ctx;
    h->calls++;
    if (rec->origin != TS_REC_ORIGINAL) {
        return TS_CHAN_PASS;
    }
    switch (h->mode) {
    case 0:
        d->bytes.data[5] ^= 0x01;
        return TS_CHAN_PASS;
    case 1:
        return TS_CHAN_DROP;
    case 2:
        d->replay = rec->number;
        return TS_CHAN_PASS;
    default:
        assert_int_equal(ts_buf_write_bytes(&d->inject, alert, sizeof(alert)), TS_OK);
        return TS_CHAN_PASS;
    }
}

static void observe(void *ctx, const ts_chan_record *rec)
{
    (void)rec;
    ((hook_state *)ctx)->observed++;
}

/* Puts hello_done and ccs on the wire with the hook in mode, delivers #1. */
static ts_chan *deliver_first(hook_state *h, ts_buf *out, bool *dropped)
{
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_chan_set_hook(ch, hook, h);
    assert_int_equal(ts_chan_observe(ch, observe, h), TS_OK);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, hello_done, sizeof(hello_done), 0), TS_OK);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, ccs, sizeof(ccs), 0), TS_OK);
    assert_int_equal(ts_chan_next(ch, true, true), 1);
    assert_int_equal(ts_chan_deliver(ch, 1, 12, out, dropped), TS_OK);
    return ch;
}

static void test_hook_modifies_keeps_original(void **state)
{
    (void)state;
    hook_state h = {0, 0, 0};
    ts_buf out;
    bool dropped = true;
    ts_chan *ch = deliver_first(&h, &out, &dropped);
    assert_false(dropped);
    const ts_chan_record *r = ts_chan_get(ch, 1);
    assert_memory_equal(r->sent.data, hello_done, sizeof(hello_done));
    assert_int_equal(out.len, sizeof(hello_done));
    assert_int_equal(out.data[5], 0x0f);
    assert_memory_equal(r->delivered.data, out.data, out.len);
    assert_true(r->tampered);
    assert_int_equal(r->status, TS_REC_DELIVERED);
    assert_int_equal(r->step_delivered, 12);
    assert_int_equal(h.observed, 1);
    /* Delivering twice is refused. */
    ts_buf again;
    assert_int_equal(ts_chan_deliver(ch, 1, 13, &again, NULL), TS_ERR_ARG);
    assert_int_equal(ts_chan_next(ch, true, true), 2);
    ts_buf_free(&out);
    ts_chan_free(ch);
}

static void test_hook_drops(void **state)
{
    (void)state;
    hook_state h = {1, 0, 0};
    ts_buf out;
    bool dropped = false;
    ts_chan *ch = deliver_first(&h, &out, &dropped);
    assert_true(dropped);
    assert_int_equal(out.len, 0);
    const ts_chan_record *r = ts_chan_get(ch, 1);
    assert_int_equal(r->status, TS_REC_DROPPED);
    assert_false(r->tampered);
    assert_memory_equal(r->sent.data, hello_done, sizeof(hello_done));
    assert_int_equal(h.observed, 1);
    assert_int_equal(ts_chan_next(ch, true, true), 2);
    ts_buf_free(&out);
    ts_chan_free(ch);
}

static void test_hook_replays_and_injects(void **state)
{
    (void)state;
    for (int mode = 2; mode <= 3; mode++) {
        hook_state h = {mode, 0, 0};
        ts_buf out;
        bool dropped = true;
        ts_chan *ch = deliver_first(&h, &out, &dropped);
        assert_false(dropped);
        assert_false(ts_chan_get(ch, 1)->tampered);
        assert_int_equal(ts_chan_count(ch), 3);
        const ts_chan_record *copy = ts_chan_get(ch, 3);
        assert_int_equal(copy->origin, mode == 2 ? TS_REC_REPLAYED : TS_REC_INJECTED);
        assert_int_equal(copy->copy_of, mode == 2 ? 1 : 0);
        assert_int_equal(copy->dir, TS_DIR_S2C);
        if (mode == 2) {
            assert_memory_equal(copy->sent.data, hello_done, sizeof(hello_done));
        } else {
            assert_memory_equal(copy->sent.data, alert, sizeof(alert));
        }
        /* The copy goes before the older record #2. */
        assert_int_equal(ts_chan_next(ch, true, true), 3);
        ts_buf out2;
        assert_int_equal(ts_chan_deliver(ch, 3, 14, &out2, NULL), TS_OK);
        assert_int_equal(out2.len, copy->sent.len);
        assert_int_equal(ts_chan_next(ch, true, true), 2);
        assert_int_equal(h.observed, 2);
        ts_buf_free(&out);
        ts_buf_free(&out2);
        ts_chan_free(ch);
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_buf out;
    assert_int_equal(ts_chan_deliver(ch, 1, 0, &out, NULL), TS_ERR_ARG);
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = TS_EV_VALUE;
    assert_int_equal(ts_chan_sealed(ch, TS_DIR_C2S, &ev, 0, NULL), TS_ERR_ARG);
    assert_int_equal(ts_chan_observe(ch, NULL, NULL), TS_ERR_ARG);
    assert_string_equal(ts_dir_arrow(TS_DIR_C2S), "client → server");
    assert_string_equal(ts_rec_status_name(TS_REC_DROPPED), "dropped");
    ts_chan_free(ch);
    ts_chan_free(NULL);
}

/* Appends a record of type around the bytes in hex; returns their length. */
static size_t put_record(ts_buf *out, uint8_t type, const char *hex)
{
    ts_buf body;
    ts_buf_init(&body);
    assert_int_equal(ts_hex_decode(hex, &body, NULL), TS_OK);
    assert_int_equal(ts_buf_write_u8(out, type), TS_OK);
    assert_int_equal(ts_buf_write_u16(out, 0x0303), TS_OK);
    assert_int_equal(ts_buf_write_vec(out, 2, body.data, body.len), TS_OK);
    size_t n = body.len;
    ts_buf_free(&body);
    return n;
}

/* A protected TLS 1.3 record carrying the plaintext in hex (inner type,
 * padding zero bytes): its header and a made-up ciphertext and tag, and
 * the TS_EV_SEALED (or TS_EV_OPENED) event that announces it. */
typedef struct {
    ts_buf plain, rec;
    uint8_t nonce[12], tag[16];
    ts_event ev;
} sealed13;

static void seal13(sealed13 *s, ts_ev_kind kind, uint8_t inner, const char *hex, size_t padding,
                   uint64_t seq)
{
    ts_buf_init(&s->plain);
    ts_buf_init(&s->rec);
    assert_int_equal(ts_hex_decode(hex, &s->plain, NULL), TS_OK);
    size_t n = s->plain.len + 1 + padding + 16;
    assert_int_equal(ts_buf_write_u8(&s->rec, 23), TS_OK);
    assert_int_equal(ts_buf_write_u16(&s->rec, 0x0303), TS_OK);
    assert_int_equal(ts_buf_write_u16(&s->rec, (uint16_t)n), TS_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(ts_buf_write_u8(&s->rec, (uint8_t)(0xa0 + i)), TS_OK);
    }
    for (size_t i = 0; i < 12; i++) {
        s->nonce[i] = (uint8_t)(0x10 + i);
    }
    s->nonce[11] ^= (uint8_t)seq; /* the IV is 10 11 ... 1b */
    memcpy(s->tag, s->rec.data + s->rec.len - 16, 16);
    memset(&s->ev, 0, sizeof(s->ev));
    s->ev.kind = kind;
    s->ev.content_type = 23;
    s->ev.inner_type = inner;
    s->ev.padding_len = padding;
    s->ev.protected_record = true;
    s->ev.record = s->rec.data;
    s->ev.record_len = s->rec.len;
    s->ev.value = s->plain.data;
    s->ev.value_len = s->plain.len;
    s->ev.seq = seq;
    s->ev.nonce = s->nonce;
    s->ev.nonce_len = 12;
    s->ev.tag = s->tag;
    s->ev.tag_len = 16;
}

static void free13(sealed13 *s)
{
    ts_buf_free(&s->plain);
    ts_buf_free(&s->rec);
}

/* A protected TLS 1.3 record is named by what it carries, keeps its
 * header's type and gains the inner one; its fields are the header, the
 * encrypted TLSInnerPlaintext and the tag; its plaintext is decoded as TLS
 * 1.3 (the Certificate's 1.3 form) even before any ServerHello. */
static void test_tls13_sealed(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    sealed13 s;
    seal13(&s, TS_EV_SEALED, 22, RFC8448_ENCRYPTED_EXTENSIONS RFC8448_CERTIFICATE, 3, 1);
    assert_int_equal(ts_chan_sealed(ch, TS_DIR_S2C, &s.ev, 4, NULL), TS_OK);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, s.rec.data, s.rec.len, 5), TS_OK);
    const ts_chan_record *r = ts_chan_get(ch, 1);
    assert_string_equal(r->type_name, "EncryptedExtensions+Certificate");
    assert_int_equal(r->content_type, 23);
    assert_int_equal(r->inner_type, 22);
    assert_int_equal(r->padding_len, 3);
    const ts_field *f = ts_fields_find(&r->fields, "encrypted_record", 0);
    assert_non_null(f);
    assert_int_equal(f->offset, 5);
    assert_int_equal(f->len, s.plain.len + 1 + 3);
    char want[128];
    snprintf(want, sizeof(want), "%zu bytes: %zu of content, 1 of content type, 3 of padding, "
             "encrypted", s.plain.len + 4, s.plain.len);
    assert_string_equal(f->value, want);
    f = ts_fields_find(&r->fields, "tag", 0);
    assert_non_null(f);
    assert_int_equal(f->offset, r->sent.len - 16);
    assert_int_equal(f->len, 16);
    assert_null(ts_fields_find(&r->fields, "encrypted_fragment", 0));
    assert_non_null(ts_fields_find(&r->plain_fields, "certificate_request_context_length", 1));
    uint8_t iv[12];
    assert_true(ts_chan_record_iv(r, iv));
    for (size_t i = 0; i < 12; i++) {
        assert_int_equal(iv[i], 0x10 + i);
    }
    free13(&s);
    /* an alert, application data: named so */
    seal13(&s, TS_EV_SEALED, 21, "0100", 0, 2);
    assert_int_equal(ts_chan_sealed(ch, TS_DIR_S2C, &s.ev, 6, NULL), TS_OK);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, s.rec.data, s.rec.len, 7), TS_OK);
    assert_string_equal(ts_chan_get(ch, 2)->type_name, "Alert");
    assert_non_null(ts_fields_find(&ts_chan_get(ch, 2)->plain_fields, "description", 0));
    free13(&s);
    seal13(&s, TS_EV_SEALED, 23, "474554202f20", 0, 3);
    assert_int_equal(ts_chan_sealed(ch, TS_DIR_C2S, &s.ev, 8, NULL), TS_OK);
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, s.rec.data, s.rec.len, 9), TS_OK);
    assert_string_equal(ts_chan_get(ch, 3)->type_name, "ApplicationData");
    free13(&s);
    /* a TLS 1.2 record has no IV to show */
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, ccs, sizeof(ccs), 10), TS_OK);
    assert_false(ts_chan_record_iv(ts_chan_get(ch, 4), iv));
    assert_string_equal(ts_chan_get(ch, 4)->type_name, "ChangeCipherSpec");
    assert_int_equal(ts_chan_get(ch, 4)->inner_type, 0);
    ts_chan_free(ch);
}

/* A ServerHello selecting TLS 1.3 makes the records after it TLS 1.3 (the
 * kx was never set, as in serve and connect): a real peer's record is
 * opaque as encrypted_record and tag until it is opened, then named and
 * decoded. A HelloRetryRequest is named so. */
static void test_tls13_learned_and_opened(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_buf wire;
    ts_buf_init(&wire);
    put_record(&wire, 22, RFC8448_HELLO_RETRY_REQUEST);
    put_record(&wire, 22, RFC8448_SERVER_HELLO);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, wire.data, wire.len, 1), TS_OK);
    assert_string_equal(ts_chan_get(ch, 1)->type_name, "HelloRetryRequest");
    assert_string_equal(ts_chan_get(ch, 2)->type_name, "ServerHello");
    assert_int_equal(ts_chan_get(ch, 2)->kx, TS_KX_TLS13); /* the HRR said 1.3 already */
    sealed13 s;
    seal13(&s, TS_EV_OPENED, 22, RFC8448_SERVER_FINISHED, 0, 3);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, s.rec.data, s.rec.len, 2), TS_OK);
    const ts_chan_record *r = ts_chan_get(ch, 3);
    assert_int_equal(r->kx, TS_KX_TLS13);
    assert_false(r->has_plain);
    assert_string_equal(r->type_name, "application_data");
    assert_int_equal(ts_fields_find(&r->fields, "encrypted_record", 0)->len, s.plain.len + 1);
    assert_int_equal(ts_fields_find(&r->fields, "tag", 0)->offset, r->sent.len - 16);
    assert_int_equal(ts_chan_opened(ch, 3, &s.ev), TS_OK);
    assert_true(r->opened);
    assert_string_equal(r->type_name, "Finished");
    assert_int_equal(r->inner_type, 22);
    const ts_field *vd = ts_fields_find(&r->plain_fields, "verify_data", 1);
    assert_non_null(vd);
    assert_int_equal(vd->len, 32); /* TLS 1.3's Finished, as the suite's hash */
    free13(&s);
    ts_buf_free(&wire);
    ts_chan_free(ch);
}

/* A run configured for TLS 1.3 that falls back to 1.2: the ServerHello
 * selects an ECDHE suite, and the ServerKeyExchange after it is decoded in
 * ECDHE's form although TLS 1.3 was set. */
static void test_fallback_to_tls12(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_chan_set_kx(ch, TS_KX_TLS13);
    ts_buf wire;
    ts_buf_init(&wire);
    /* ServerHello: 03 03, random, no session id, cca8, null, no extensions */
    put_record(&wire, 22, "02000026 0303 "
                          "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f "
                          "00 cca8 00");
    /* ServerKeyExchange: named_curve x25519, a 32-byte key, rsa_pkcs1_sha256, 2 bytes */
    put_record(&wire, 22, "0c00002a 03001d 20"
                          "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f "
                          "0401 0002 abcd");
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, wire.data, wire.len, 1), TS_OK);
    const ts_chan_record *ske = ts_chan_get(ch, 2);
    assert_string_equal(ske->type_name, "ServerKeyExchange");
    assert_int_equal(ske->kx, TS_KX_ECDHE);
    const ts_field *f = ts_fields_find(&ske->fields, "named_curve", 3);
    assert_non_null(f);
    assert_string_equal(f->value, "x25519 (0x001d)");
    ts_buf_free(&wire);
    ts_chan_free(ch);
}

/* The key exchange a ServerHello selects. */
static void test_kx_of_server_hello(void **state)
{
    (void)state;
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_hex_decode(RFC8448_SERVER_HELLO, &b, NULL), TS_OK);
    assert_int_equal(ts_chan_kx_of_server_hello(b.data + 4, b.len - 4), TS_KX_TLS13);
    assert_int_equal(ts_chan_kx_of_server_hello(b.data + 4, 10), TS_KX_GUESS);
    assert_string_equal(ts_chan_handshake_name(b.data, b.len), "ServerHello");
    ts_buf_free(&b);
    ts_buf_init(&b);
    assert_int_equal(ts_hex_decode(RFC8448_HELLO_RETRY_REQUEST, &b, NULL), TS_OK);
    assert_string_equal(ts_chan_handshake_name(b.data, b.len), "HelloRetryRequest");
    assert_string_equal(ts_chan_handshake_name(b.data, 20), "ServerHello"); /* cut short */
    ts_buf_free(&b);
}

static ts_chan_verdict replay_first(void *ctx, const ts_chan_record *rec, ts_chan_delivery *d)
{
    (void)ctx;
    if (rec->number == 1) {
        d->replay = 1;
    }
    return TS_CHAN_PASS;
}

/* Only the minor version byte of a plaintext header may change without
 * ending the run: in each side's first record (the ClientHello; the
 * ServerHello or HelloRetryRequest), and in TLS 1.3, which ignores
 * legacy_record_version (RFC 8446 5.1), in every record sent in the clear
 * (the compatibility ChangeCipherSpec, the second ClientHello, the
 * ServerHello after a HelloRetryRequest); not in a protected TLS 1.3
 * record (header as AAD), not in a replayed copy. */
static void test_unauthenticated(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_buf c2s, s2c;
    ts_buf_init(&c2s);
    ts_buf_init(&s2c);
    put_record(&c2s, 22, RFC8448_CLIENT_HELLO);
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, c2s.data, c2s.len, 0), TS_OK); /* #1 */
    put_record(&s2c, 22, RFC8448_HELLO_RETRY_REQUEST);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, s2c.data, s2c.len, 1), TS_OK); /* #2 */
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, ccs, sizeof(ccs), 2), TS_OK);  /* #3 */
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, c2s.data, c2s.len, 3), TS_OK); /* #4 */
    ts_buf_reset(&s2c);
    put_record(&s2c, 22, RFC8448_SERVER_HELLO);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, s2c.data, s2c.len, 4), TS_OK); /* #5 */
    sealed13 s;
    seal13(&s, TS_EV_OPENED, 22, RFC8448_ENCRYPTED_EXTENSIONS, 0, 0);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, s.rec.data, s.rec.len, 5), TS_OK); /* #6 */
    free13(&s);
    assert_non_null(ts_chan_unauthenticated(ch, 1, 2));
    assert_non_null(strstr(ts_chan_unauthenticated(ch, 1, 2), "ClientHello's"));
    assert_non_null(strstr(ts_chan_unauthenticated(ch, 2, 2), "HelloRetryRequest's"));
    assert_null(ts_chan_unauthenticated(ch, 1, 1));
    assert_null(ts_chan_unauthenticated(ch, 1, 3));
    for (size_t n = 3; n <= 5; n++) { /* CCS, second ClientHello, ServerHello */
        assert_non_null(strstr(ts_chan_unauthenticated(ch, n, 2), "TLS 1.3 record sent in the "
                                                                  "clear"));
        assert_null(ts_chan_unauthenticated(ch, n, 1)); /* the major byte: framing */
    }
    assert_null(ts_chan_unauthenticated(ch, 6, 2)); /* protected */
    assert_null(ts_chan_unauthenticated(ch, 7, 2)); /* no such record */
    ts_chan_free(ch);

    /* Without a HelloRetryRequest the ServerHello is the server's first record. */
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_chan_set_hook(ch, replay_first, NULL);
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, c2s.data, c2s.len, 0), TS_OK);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, s2c.data, s2c.len, 1), TS_OK);
    assert_non_null(strstr(ts_chan_unauthenticated(ch, 2, 2), "ServerHello's"));
    ts_buf out;
    assert_int_equal(ts_chan_deliver(ch, 1, 2, &out, NULL), TS_OK);
    ts_buf_free(&out);
    assert_int_equal(ts_chan_get(ch, 3)->origin, TS_REC_REPLAYED);
    assert_string_equal(ts_chan_get(ch, 3)->type_name, "ClientHello");
    assert_null(ts_chan_unauthenticated(ch, 3, 2)); /* a replayed copy */
    ts_chan_free(ch);
    ts_buf_free(&c2s);
    ts_buf_free(&s2c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tls13_sealed),
        cmocka_unit_test(test_tls13_learned_and_opened),
        cmocka_unit_test(test_fallback_to_tls12),
        cmocka_unit_test(test_kx_of_server_hello),
        cmocka_unit_test(test_unauthenticated),
        cmocka_unit_test(test_sealed_then_written),
        cmocka_unit_test(test_write_frames_and_rejects),
        cmocka_unit_test(test_hook_modifies_keeps_original),
        cmocka_unit_test(test_hook_drops),
        cmocka_unit_test(test_hook_replays_and_injects),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
