/* ts_chan_describe: a record's name and decoded fields.
 *
 *   record:  type(1) version(2) length(2) fragment(length)
 *   protected fragment, by suite:
 *     AES-256-GCM        explicit_nonce(8) ciphertext tag(16)
 *     ChaCha20-Poly1305  ciphertext tag(16)
 *     NULL-SHA256        plaintext mac(32)
 *     TLS 1.3 (either)   encrypted_record tag(16), where encrypted_record
 *                        is TLSInnerPlaintext encrypted (RFC 8446 §5.2):
 *                        content, type(1), zeros(padding)
 */
#include "simulation/internal/ts_chan_describe.h"

#include <stdio.h>
#include <string.h>

#include "base/ts_templates.h"
#include "tls/msg/ts_msg_describe.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/msg/ts_msg_server_hello.h"

#define HDR 5
#define CT_CCS 20
#define CT_ALERT 21
#define CT_HANDSHAKE 22
#define CT_APPDATA 23

static const char *content_name(uint8_t type)
{
    switch (type) {
    case CT_CCS:
        return "change_cipher_spec";
    case CT_ALERT:
        return "alert";
    case CT_HANDSHAKE:
        return "handshake";
    case CT_APPDATA:
        return "application_data";
    default:
        return "unknown";
    }
}

/* Appends name to the record's type name, joined with '+'. */
static void add_name(ts_chan_record *rec, const char *name)
{
    size_t used = strlen(rec->type_name);
    snprintf(rec->type_name + used, sizeof(rec->type_name) - used, "%s%s",
             used > 0 ? "+" : "", name);
}

ts_kx ts_chan_kx_of_server_hello(const uint8_t *body, size_t n)
{
    ts_buf b;
    ts_buf_view(&b, body, n);
    ts_msg_server_hello m;
    if (ts_msg_server_hello_parse(&b, &m, NULL) != TS_OK) {
        return TS_KX_GUESS;
    }
    if ((m.exts.present & TS_EXTF_SUPPORTED_VERSIONS) != 0 &&
        m.exts.selected_version == TS_VERSION_TLS13) {
        return TS_KX_TLS13;
    }
    const ts_suite *s = ts_suite_by_code(m.suite);
    return s != NULL ? s->kx : TS_KX_GUESS;
}

const char *ts_chan_handshake_name(const uint8_t *msg, size_t n)
{
    const size_t random_at = TS_HS_HEADER_LEN + 2; /* after legacy_version */
    if (n == 0) {
        return ts_msg_hs_name(0xff);
    }
    if (msg[0] == TS_HS_SERVER_HELLO && n >= random_at + TS_RANDOM_LEN &&
        memcmp(msg + random_at, TS_HRR_RANDOM, TS_RANDOM_LEN) == 0) {
        return "HelloRetryRequest";
    }
    return ts_msg_hs_name(msg[0]);
}

/* Names the handshake messages in the n bytes at p. */
static void name_handshake(ts_chan_record *rec, const uint8_t *p, size_t n)
{
    ts_buf in;
    ts_buf_view(&in, p, n);
    while (ts_buf_remaining(&in) > 0) {
        uint8_t type;
        size_t len;
        if (ts_msg_hs_peek(&in, &type, &len) != TS_OK ||
            ts_buf_remaining(&in) < TS_HS_HEADER_LEN + len) {
            add_name(rec, "HandshakeFragment");
            return;
        }
        add_name(rec, ts_chan_handshake_name(ts_buf_cursor(&in), TS_HS_HEADER_LEN + len));
        (void)ts_buf_skip(&in, TS_HS_HEADER_LEN + len);
    }
}

/* Decodes a plaintext payload of type (offsets from base) into f, with
 * key exchange kx; names the record when name is true. A payload that
 * does not decode keeps the fields decoded so far. */
static ts_err describe_payload(ts_chan_record *rec, uint8_t type, const uint8_t *p, size_t n,
                               ts_kx kx, size_t base, ts_fields *f, bool name)
{
    if (name) {
        if (type == CT_HANDSHAKE) {
            name_handshake(rec, p, n);
        } else {
            add_name(rec, type == CT_CCS       ? "ChangeCipherSpec"
                          : type == CT_ALERT   ? "Alert"
                          : type == CT_APPDATA ? "ApplicationData"
                                               : "Unknown");
        }
    }
    if (type < CT_CCS || type > CT_APPDATA) {
        return ts_fields_add(f, 0, "data", base, n, TS_TPL_BYTES, n);
    }
    ts_err err = ts_msg_describe_payload(type, p, n, kx, f, base);
    if (err == TS_ERR_NOMEM || err == TS_ERR_TOO_LONG) {
        return err;
    }
    if (type == CT_APPDATA) {
        size_t line = 0;
        while (line < n && line < 120 && p[line] >= 0x20 && p[line] < 0x7f) {
            line++;
        }
        if (line >= 4 && (memcmp(p, "GET ", 4) == 0 || memcmp(p, "HTTP", 4) == 0)) {
            TS_GUARD(ts_fields_add(f, 1, "http", base, line, "%.*s", (int)line,
                                   (const char *)p));
        }
    }
    return TS_OK;
}

/* Fields of a protected fragment of n bytes (plain_len bytes inside). */
static ts_err describe_protected(ts_chan_record *rec, size_t n)
{
    ts_fields *f = &rec->fields;
    size_t plain_len = rec->has_plain ? rec->plaintext.len : 0;
    size_t overhead = n >= plain_len ? n - plain_len : 0;
    if (!rec->has_plain && rec->kx == TS_KX_TLS13 && n >= 16) {
        /* TLS 1.3, not opened: TLSInnerPlaintext encrypted, then the tag */
        TS_GUARD(ts_fields_add(f, 0, "encrypted_record", HDR, n - 16, TS_TPL_BYTES, n - 16));
        TS_GUARD(ts_fields_add_hex(f, 0, "tag", HDR + n - 16, rec->sent.data + HDR + n - 16, 16));
    } else if (!rec->has_plain) {
        TS_GUARD(ts_fields_add(f, 0, "encrypted_fragment", HDR, n, TS_TPL_BYTES, n));
    } else if (overhead == 32) { /* NULL-SHA256: the plaintext is in the clear */
        TS_GUARD(ts_fields_add(f, 0, "fragment", HDR, plain_len, TS_TPL_FIELD_NOT_ENCRYPTED,
                               plain_len));
        TS_GUARD(describe_payload(rec, rec->content_type, rec->plaintext.data, plain_len,
                                  rec->kx, HDR, f, false));
        TS_GUARD(ts_fields_add_hex(f, 0, "mac", HDR + plain_len, rec->sent.data + HDR + plain_len,
                                   32));
    } else {
        size_t explicit_len = overhead == 24 ? 8 : 0;
        if (explicit_len > 0) {
            TS_GUARD(ts_fields_add_hex(f, 0, "explicit_nonce", HDR, rec->sent.data + HDR, 8));
        }
        TS_GUARD(ts_fields_add(f, 0, "encrypted_fragment", HDR + explicit_len, plain_len,
                               TS_TPL_BYTES, plain_len));
        if (overhead >= 16) {
            TS_GUARD(ts_fields_add_hex(f, 0, "tag", HDR + n - 16, rec->sent.data + HDR + n - 16,
                                       16));
        }
    }
    if (rec->has_plain) {
        return describe_payload(rec, rec->content_type, rec->plaintext.data, plain_len, rec->kx,
                                0, &rec->plain_fields, true);
    }
    add_name(rec, rec->content_type == CT_HANDSHAKE ? "EncryptedHandshakeMessage"
                                                    : content_name(rec->content_type));
    return TS_OK;
}

/* Fields of a protected TLS 1.3 fragment of n bytes: the encrypted
 * TLSInnerPlaintext, the tag; the plaintext decoded with its inner type,
 * as TLS 1.3, and the record named by what it carries. */
static ts_err describe_protected13(ts_chan_record *rec, size_t n)
{
    ts_fields *f = &rec->fields;
    size_t tag = n >= 16 ? 16 : n, enc = n - tag;
    size_t plain_len = rec->plaintext.len;
    if (plain_len + 1 + rec->padding_len == enc) {
        TS_GUARD(ts_fields_add(f, 0, "encrypted_record", HDR, enc, TS_TPL_FIELD_INNER_PLAINTEXT,
                               enc, plain_len, rec->padding_len));
    } else { /* not what was sealed (a replayed or changed copy): just its size */
        TS_GUARD(ts_fields_add(f, 0, "encrypted_record", HDR, enc, TS_TPL_BYTES, enc));
    }
    if (tag > 0) {
        TS_GUARD(ts_fields_add_hex(f, 0, "tag", HDR + enc, rec->sent.data + HDR + enc, tag));
    }
    return describe_payload(rec, rec->inner_type, rec->plaintext.data, plain_len, TS_KX_TLS13, 0,
                            &rec->plain_fields, true);
}

ts_err ts_chan_describe(ts_chan_record *rec)
{
    ts_fields_free(&rec->fields);
    ts_fields_free(&rec->plain_fields);
    rec->type_name[0] = '\0';
    ts_buf in;
    ts_buf_view(&in, rec->sent.data, rec->sent.len);
    uint8_t type;
    uint16_t version, len;
    if (ts_buf_read_u8(&in, &type) != TS_OK || ts_buf_read_u16(&in, &version) != TS_OK ||
        ts_buf_read_u16(&in, &len) != TS_OK) {
        add_name(rec, "Truncated");
        return TS_OK;
    }
    ts_fields *f = &rec->fields;
    TS_GUARD(ts_fields_add(f, 0, "content_type", 0, 1, "%s (%u)", content_name(type), type));
    TS_GUARD(ts_fields_add(f, 0, "version", 1, 2, "%s (0x%04x)", ts_version_name(version),
                           version));
    TS_GUARD(ts_fields_add(f, 0, "length", 3, 2, "%u", len));
    size_t n = ts_buf_remaining(&in) < len ? ts_buf_remaining(&in) : len;
    bool protected_record = rec->has_plain ? rec->protected_record : type == CT_APPDATA;
    if (protected_record && rec->has_plain && rec->inner_type != 0) {
        return describe_protected13(rec, n);
    }
    if (protected_record) {
        return describe_protected(rec, n);
    }
    return describe_payload(rec, type, ts_buf_cursor(&in), n, rec->kx, HDR, f, true);
}
