/* ts_decode: TLS records from raw bytes or hex text, decoded field by field.
 *
 *   record:  type(1) version(2) length(2) fragment(length)
 *   plaintext fragment (before ChangeCipherSpec), length <= 2^14:
 *     handshake   msg_type(1) length(3) body(length), repeated
 *     alert       level(1) description(1)
 *     ccs         0x01
 *   protected fragment (after ChangeCipherSpec; application data always),
 *     length <= 2^14 + 2048: opaque here (no keys), except with the NULL
 *     cipher: plaintext then mac (20 or 32 bytes), recognised by the first
 *     protected handshake record, a Finished in the clear:
 *       0x14 0x000000c verify_data(12) mac(20 or 32)
 */
#include "export/ts_decode.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_i18n.h"
#include "base/ts_templates.h"
#include "crypto/ts_suite.h"
#include "simulation/ts_chan.h"
#include "tls/msg/ts_msg_describe.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/msg/ts_msg_server_hello.h"
#include "tls/ts_record.h"

void ts_decode_init(ts_decode *d)
{
    memset(d, 0, sizeof(*d));
}

void ts_decode_free(ts_decode *d)
{
    for (size_t i = 0; i < d->n; i++) {
        ts_fields_free(&d->recs[i].fields);
    }
    free(d->recs);
    ts_decode_init(d);
}

static ts_err new_record(ts_decode *d, size_t offset, ts_decode_record **out)
{
    if (d->n == d->cap) {
        size_t cap = d->cap == 0 ? 16 : 2 * d->cap;
        ts_decode_record *r = realloc(d->recs, cap * sizeof(*r));
        TS_ENSURE(r != NULL, TS_ERR_NOMEM);
        d->recs = r;
        d->cap = cap;
    }
    ts_decode_record *r = &d->recs[d->n++];
    memset(r, 0, sizeof(*r));
    ts_fields_init(&r->fields);
    r->number = d->n;
    r->offset = offset;
    *out = r;
    return TS_OK;
}

/* Records err for r: "record N at offset O: " + the message, in English
 * (error) and in d->lang (error_text); the first error of the input is
 * kept in d too. */
static void fail(ts_decode *d, ts_decode_record *r, ts_err err, size_t at, const char *english,
                 const char *local)
{
    snprintf(r->error, sizeof(r->error), "record %zu at offset %zu: %s", r->number, r->offset,
             english);
    snprintf(r->error_text, sizeof(r->error_text), ts_tr(d->lang, "record %zu at offset %zu: %s"),
             r->number, r->offset, local);
    r->err = err;
    d->errors++;
    if (d->err == TS_OK) {
        d->err = err;
        d->err_offset = at;
        memcpy(d->error, r->error, sizeof(d->error));
    }
}

/* fail() with a printf format (a msgid, the xgettext keyword DECODE_FAIL)
 * written twice: in English, then in d->lang. An argument may name the
 * language as fail_lang (ts_err_str(err, fail_lang)): it is English in
 * the first and d->lang in the second. */
#define DECODE_FAIL(d, r, err, at, fmt, ...)                                            \
    do {                                                                                \
        char english_[TS_DECODE_ERROR_MAX], local_[TS_DECODE_ERROR_MAX];                \
        ts_lang fail_lang = TS_LANG_EN;                                                 \
        snprintf(english_, sizeof(english_), fmt, __VA_ARGS__);                         \
        fail_lang = (d)->lang;                                                          \
        snprintf(local_, sizeof(local_), ts_tr(fail_lang, fmt), __VA_ARGS__);           \
        fail(d, r, err, at, english_, local_);                                          \
    } while (0)

static void add_name(ts_decode_record *r, const char *name)
{
    size_t used = strlen(r->name);
    snprintf(r->name + used, sizeof(r->name) - used, "%s%s", used > 0 ? "+" : "", name);
}

/* End of the fields from index from on (record-relative), or start. */
static size_t decoded_up_to(const ts_fields *f, size_t from, size_t start)
{
    size_t end = start;
    for (size_t i = from; i < f->n; i++) {
        size_t e = f->items[i].offset + f->items[i].len;
        end = e > end ? e : end;
    }
    return end;
}

/* Is err one the caller must return (the field list itself failed)? */
static bool fatal(ts_err err)
{
    return err == TS_ERR_NOMEM || err == TS_ERR_TOO_LONG;
}

/* Decodes the handshake messages of a plaintext fragment (record-relative
 * offsets start at TS_RECORD_HEADER_LEN). */
static ts_err decode_handshakes(ts_decode *d, ts_decode_record *r, const ts_buf *frag, ts_kx *kx)
{
    ts_buf in = *frag;
    while (ts_buf_remaining(&in) > 0) {
        size_t at = TS_RECORD_HEADER_LEN + in.pos;
        uint8_t type;
        size_t len;
        if (ts_msg_hs_peek(&in, &type, &len) != TS_OK) {
            add_name(r, "HandshakeFragment");
            DECODE_FAIL(d, r, TS_ERR_DECODE, r->offset + at, "handshake header at offset %zu: only %zu "
                 "of 4 bytes", r->offset + at, ts_buf_remaining(&in));
            return TS_OK;
        }
        size_t avail = ts_buf_remaining(&in) - TS_HS_HEADER_LEN;
        if (len > avail) {
            add_name(r, "HandshakeFragment");
            TS_GUARD(ts_fields_add(&r->fields, 0, "handshake", at, TS_HS_HEADER_LEN + avail,
                                   "%s (fragment)", ts_msg_hs_name(type)));
            DECODE_FAIL(d, r, TS_ERR_DECODE, r->offset + at, "%s at offset %zu: length %zu but only "
                 "%zu bytes left in the record", ts_msg_hs_name(type), r->offset + at, len,
                 avail);
            return TS_OK;
        }
        ts_buf msg;
        TS_GUARD(ts_buf_read_view(&in, TS_HS_HEADER_LEN + len, &msg));
        add_name(r, ts_chan_handshake_name(msg.data, msg.len));
        size_t first = r->fields.n;
        ts_err err = ts_msg_describe_payload(TS_CT_HANDSHAKE, msg.data, msg.len, *kx, &r->fields,
                                             at);
        if (fatal(err)) {
            return err;
        }
        if (err != TS_OK) {
            size_t stop = decoded_up_to(&r->fields, first + 1, at + TS_HS_HEADER_LEN);
            DECODE_FAIL(d, r, err, r->offset + stop, "%s at offset %zu: %s (decoded up to offset %zu)",
                 ts_msg_hs_name(type), r->offset + at, ts_err_str(err, fail_lang), r->offset + stop);
            return TS_OK;
        }
        if (type == TS_HS_SERVER_HELLO) { /* or HelloRetryRequest: TLS 1.3 too */
            *kx = ts_chan_kx_of_server_hello(msg.data + TS_HS_HEADER_LEN, len);
        }
    }
    return TS_OK;
}

/* Decodes a plaintext fragment of r's type. */
static ts_err decode_plain(ts_decode *d, ts_decode_record *r, const ts_buf *frag, ts_kx *kx)
{
    if (r->length > TS_MAX_FRAGMENT) {
        add_name(r, "Oversized");
        DECODE_FAIL(d, r, TS_ERR_RECORD_OVERFLOW, r->offset + 3, "length %u exceeds 2^14 (%d) for a "
             "plaintext record", r->length, TS_MAX_FRAGMENT);
        return TS_OK;
    }
    if (r->length == 0) {
        add_name(r, "Empty");
        DECODE_FAIL(d, r, TS_ERR_DECODE, r->offset + 3, "empty %s fragment (only application data may "
             "be empty)", ts_record_type_name(r->type));
        return TS_OK;
    }
    if (r->type == TS_CT_HANDSHAKE) {
        return decode_handshakes(d, r, frag, kx);
    }
    add_name(r, r->type == TS_CT_CHANGE_CIPHER_SPEC ? "ChangeCipherSpec" : "Alert");
    size_t first = r->fields.n;
    ts_err err = ts_msg_describe_payload(r->type, frag->data, frag->len, *kx, &r->fields,
                                         TS_RECORD_HEADER_LEN);
    if (fatal(err)) {
        return err;
    }
    if (err != TS_OK) {
        size_t stop = decoded_up_to(&r->fields, first, TS_RECORD_HEADER_LEN);
        DECODE_FAIL(d, r, err, r->offset + stop, "%s: %s (decoded up to offset %zu)", r->name,
             ts_err_str(err, fail_lang), r->offset + stop);
    }
    return TS_OK;
}

/* The MAC length when frag is a Finished under a NULL cipher, else 0. */
static size_t null_finished_mac(const ts_decode_record *r, const ts_buf *frag)
{
    static const uint8_t fin[4] = {TS_HS_FINISHED, 0, 0, 12};
    if (r->type != TS_CT_HANDSHAKE || (frag->len != 16 + 20 && frag->len != 16 + 32)) {
        return 0;
    }
    ts_buf v = *frag;
    uint8_t head[4];
    if (ts_buf_read_bytes(&v, head, sizeof(head)) != TS_OK || memcmp(head, fin, 4) != 0) {
        return 0;
    }
    return frag->len - 16;
}

/* Adds the first line of an HTTP request or response in text, as the
 * transcript does. */
static ts_err http_line(ts_decode_record *r, const ts_buf *text)
{
    ts_buf v = *text;
    char line[121];
    size_t n = 0;
    uint8_t c;
    while (n < sizeof(line) - 1 && ts_buf_read_u8(&v, &c) == TS_OK && c >= 0x20 && c < 0x7f) {
        line[n++] = (char)c;
    }
    line[n] = '\0';
    if (n >= 4 && (strncmp(line, "GET ", 4) == 0 || strncmp(line, "HTTP", 4) == 0)) {
        return ts_fields_add(&r->fields, 1, "http", TS_RECORD_HEADER_LEN, n, "%s", line);
    }
    return TS_OK;
}

/* A protected record under the NULL cipher: the plaintext, then the MAC. */
static ts_err decode_mac_only(ts_decode *d, ts_decode_record *r, const ts_buf *frag,
                              size_t mac_len, ts_kx *kx)
{
    r->mac_only = true;
    if (frag->len < mac_len) {
        add_name(r, "Truncated");
        DECODE_FAIL(d, r, TS_ERR_DECODE, r->offset + TS_RECORD_HEADER_LEN, "%zu bytes cannot hold the "
             "NULL cipher's %zu-byte MAC", frag->len, mac_len);
        return TS_OK;
    }
    size_t plain = frag->len - mac_len;
    ts_buf v = *frag, text, mac;
    TS_GUARD(ts_buf_read_view(&v, plain, &text));
    TS_GUARD(ts_buf_read_view(&v, mac_len, &mac));
    TS_GUARD(ts_fields_add(&r->fields, 0, "fragment", TS_RECORD_HEADER_LEN, plain,
                           "%zu bytes, not encrypted (NULL cipher)", plain));
    if (r->type == TS_CT_APPLICATION_DATA) {
        add_name(r, "ApplicationData");
        TS_GUARD(ts_msg_describe_payload(r->type, text.data, text.len, *kx, &r->fields,
                                         TS_RECORD_HEADER_LEN));
        TS_GUARD(http_line(r, &text));
    } else {
        uint16_t saved = r->length;
        r->length = (uint16_t)plain; /* the plaintext checks apply to the text */
        ts_err err = decode_plain(d, r, &text, kx);
        r->length = saved;
        TS_GUARD(err);
    }
    return ts_fields_add_hex(&r->fields, 0, "mac", TS_RECORD_HEADER_LEN + plain, mac.data,
                             mac.len);
}

/* An opaque protected record; TLS 1.3's (kx) as its encrypted
 * TLSInnerPlaintext and tag (RFC 8446 §5.2), whatever content type is
 * inside. */
static ts_err decode_protected(ts_decode_record *r, const ts_buf *frag, ts_kx kx)
{
    add_name(r, r->type == TS_CT_HANDSHAKE ? "EncryptedHandshakeMessage"
                : r->type == TS_CT_ALERT   ? "EncryptedAlert"
                                           : "ApplicationData");
    if (kx == TS_KX_TLS13 && r->type == TS_CT_APPLICATION_DATA && frag->len > 16) {
        size_t enc = frag->len - 16;
        TS_GUARD(ts_fields_add(&r->fields, 0, "encrypted_record", TS_RECORD_HEADER_LEN, enc,
                               TS_TPL_BYTES, enc));
        return ts_fields_add_hex(&r->fields, 0, "tag", TS_RECORD_HEADER_LEN + enc,
                                 frag->data + enc, 16);
    }
    return ts_fields_add(&r->fields, 0, "encrypted_fragment", TS_RECORD_HEADER_LEN, r->length,
                         "%u bytes", r->length);
}

/* Frames one record at in's cursor (ts_record_frame), names its header
 * fields and judges them, then consumes it; false when decoding must stop
 * (the error is recorded, or *ferr is a failure of the field list). */
static bool frame(ts_decode *d, ts_decode_record *r, ts_buf *in, ts_buf *frag, ts_err *ferr)
{
    *ferr = TS_OK;
    size_t left = ts_buf_remaining(in);
    if (left < TS_RECORD_HEADER_LEN) {
        add_name(r, "Truncated");
        DECODE_FAIL(d, r, TS_ERR_SHORT, r->offset, "truncated header: only %zu of 5 bytes", left);
        return false;
    }
    ts_record rec;
    ts_err framed = ts_record_frame(in, &rec); /* TS_OK, or TS_ERR_SHORT: fragment cut */
    if (framed != TS_OK && framed != TS_ERR_SHORT) {
        *ferr = framed;
        return false;
    }
    r->type = rec.type;
    r->version = rec.version;
    r->length = rec.length;
    ts_err err = ts_fields_add(&r->fields, 0, "content_type", 0, 1, "%s (%u)",
                               ts_record_type_name(r->type), r->type);
    if (err == TS_OK) {
        err = ts_fields_add(&r->fields, 0, "version", 1, 2, "%s (0x%04x)",
                            ts_version_name(r->version), r->version);
    }
    if (err == TS_OK) {
        err = ts_fields_add(&r->fields, 0, "length", 3, 2, "%u", r->length);
    }
    if (err != TS_OK) {
        *ferr = err;
        return false;
    }
    if (!ts_record_type_known(r->type)) {
        add_name(r, "Unknown");
        DECODE_FAIL(d, r, TS_ERR_RECORD, r->offset, "content type %u (0x%02x) is not a TLS record type "
             "(20..23)", r->type, r->type);
        return false;
    }
    if ((r->version >> 8) != 3) {
        add_name(r, "Unknown");
        DECODE_FAIL(d, r, TS_ERR_RECORD, r->offset + 1, "version 0x%04x is not SSL 3.0 or TLS "
             "(0x03xx)", r->version);
        return false;
    }
    if (r->length > TS_MAX_CIPHERTEXT) {
        add_name(r, "Oversized");
        DECODE_FAIL(d, r, TS_ERR_RECORD_OVERFLOW, r->offset + 3, "length %u exceeds 2^14+2048 (%d)",
             r->length, TS_MAX_CIPHERTEXT);
        return false;
    }
    if (framed == TS_ERR_SHORT) {
        size_t follow = ts_buf_remaining(&rec.fragment);
        add_name(r, "Truncated");
        DECODE_FAIL(d, r, TS_ERR_SHORT, r->offset + TS_RECORD_HEADER_LEN + follow,
             "length %u but only %zu bytes follow (truncated)", r->length, follow);
        return false;
    }
    *ferr = ts_buf_skip(in, rec.total_len);
    *frag = rec.fragment;
    return *ferr == TS_OK;
}

ts_err ts_decode_records(const uint8_t *data, size_t n, ts_decode *d)
{
    ts_lang lang = d->lang;
    ts_decode_free(d);
    d->lang = lang < TS_LANG_COUNT ? lang : TS_LANG_EN;
    TS_ENSURE(data != NULL && n > 0, TS_ERR_ARG);
    ts_buf in;
    ts_buf_view(&in, data, n);
    bool after_ccs = false;
    size_t null_mac = 0; /* the NULL cipher's MAC length once recognised */
    ts_kx kx = TS_KX_GUESS;
    while (ts_buf_remaining(&in) > 0) {
        ts_decode_record *r;
        TS_GUARD(new_record(d, in.pos, &r));
        ts_buf frag;
        ts_err ferr;
        if (!frame(d, r, &in, &frag, &ferr)) {
            TS_GUARD(ferr);
            break;
        }
        /* TLS 1.3's ChangeCipherSpec changes nothing: only application_data
         * records are protected there */
        bool protected_record = r->type == TS_CT_APPLICATION_DATA ||
                                (after_ccs && r->type != TS_CT_CHANGE_CIPHER_SPEC &&
                                 kx != TS_KX_TLS13);
        if (protected_record && null_mac == 0 && after_ccs) {
            null_mac = null_finished_mac(r, &frag);
        }
        r->encrypted = protected_record && null_mac == 0;
        if (protected_record && null_mac > 0) {
            TS_GUARD(decode_mac_only(d, r, &frag, null_mac, &kx));
        } else if (r->encrypted) {
            TS_GUARD(decode_protected(r, &frag, kx));
        } else {
            TS_GUARD(decode_plain(d, r, &frag, &kx));
        }
        if (r->type == TS_CT_CHANGE_CIPHER_SPEC) {
            after_ccs = true;
        }
    }
    return d->err;
}
