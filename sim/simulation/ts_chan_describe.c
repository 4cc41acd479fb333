/* ts_chan_describe: a record's name and decoded fields.
 *
 *   record:  type(1) version(2) length(2) fragment(length)
 *   protected fragment, by suite:
 *     AES-256-GCM        explicit_nonce(8) ciphertext tag(16)
 *     ChaCha20-Poly1305  ciphertext tag(16)
 *     NULL-SHA256        plaintext mac(32)
 */
#include "simulation/internal/ts_chan_describe.h"

#include <stdio.h>
#include <string.h>

#include "base/ts_templates.h"
#include "tls/msg/ts_msg_describe.h"
#include "tls/msg/ts_msg_handshake.h"

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
        add_name(rec, ts_msg_hs_name(type));
        (void)ts_buf_skip(&in, TS_HS_HEADER_LEN + len);
    }
}

/* Decodes a plaintext payload of type (offsets from base) into f; names
 * the record when name is true. A payload that does not decode keeps the
 * fields decoded so far. */
static ts_err describe_payload(ts_chan_record *rec, uint8_t type, const uint8_t *p, size_t n,
                               size_t base, ts_fields *f, bool name)
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
    ts_err err = ts_msg_describe_payload(type, p, n, rec->kx, f, base);
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
    if (!rec->has_plain) {
        TS_GUARD(ts_fields_add(f, 0, "encrypted_fragment", HDR, n, TS_TPL_BYTES, n));
    } else if (overhead == 32) { /* NULL-SHA256: the plaintext is in the clear */
        TS_GUARD(ts_fields_add(f, 0, "fragment", HDR, plain_len, TS_TPL_FIELD_NOT_ENCRYPTED,
                               plain_len));
        TS_GUARD(describe_payload(rec, rec->content_type, rec->plaintext.data, plain_len,
                                  HDR, f, false));
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
        return describe_payload(rec, rec->content_type, rec->plaintext.data, plain_len, 0,
                                &rec->plain_fields, true);
    }
    add_name(rec, rec->content_type == CT_HANDSHAKE ? "EncryptedHandshakeMessage"
                                                    : content_name(rec->content_type));
    return TS_OK;
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
    if (protected_record) {
        return describe_protected(rec, n);
    }
    return describe_payload(rec, type, ts_buf_cursor(&in), n, HDR, f, true);
}
