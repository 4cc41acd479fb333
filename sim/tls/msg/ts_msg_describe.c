/* ts_msg_describe: fields of any handshake message, for display. */
#include "tls/msg/ts_msg_describe.h"

#include <string.h>

#include "tls/msg/ts_content_type.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_certificate.h"
#include "tls/msg/ts_msg_certificate_request.h"
#include "tls/msg/ts_msg_change_cipher_spec.h"
#include "tls/msg/ts_msg_client_hello.h"
#include "tls/msg/ts_msg_client_key_exchange.h"
#include "tls/msg/ts_msg_finished.h"
#include "tls/msg/ts_msg_server_hello.h"
#include "tls/msg/ts_msg_server_hello_done.h"
#include "tls/msg/ts_msg_server_key_exchange.h"

/* Appends src's entries to dst, depth_add levels deeper. */
static ts_err append(ts_fields *dst, const ts_fields *src, int depth_add)
{
    for (size_t i = 0; i < src->n; i++) {
        const ts_field *it = &src->items[i];
        TS_GUARD(ts_fields_add(dst, it->depth + depth_add, it->name, it->offset, it->len, "%s",
                               it->value));
    }
    return TS_OK;
}

static ts_err describe_ske(ts_buf *body, ts_kx kx, ts_fields *f)
{
    ts_msg_ske m;
    if (kx != TS_KX_GUESS) {
        return ts_msg_ske_parse(body, kx, &m, f);
    }
    /* Guess: an ECDHE body that parses exactly; otherwise the DHE form. */
    ts_fields scratch;
    ts_fields_init(&scratch);
    scratch.origin = f->origin;
    scratch.base = f->base;
    ts_buf copy = *body;
    ts_err err = ts_msg_ske_parse(&copy, TS_KX_ECDHE, &m, &scratch);
    if (err == TS_OK) {
        err = append(f, &scratch, 0);
        *body = copy;
        ts_fields_free(&scratch);
        return err;
    }
    ts_fields_free(&scratch);
    return ts_msg_ske_parse(body, TS_KX_DHE, &m, f);
}

static ts_err describe_cke(ts_buf *body, ts_kx kx, ts_fields *f)
{
    ts_msg_cke m;
    if (kx != TS_KX_GUESS) {
        return ts_msg_cke_parse(body, kx, &m, f);
    }
    uint8_t first = 0;
    ts_buf peek = *body;
    if (ts_buf_read_u8(&peek, &first) == TS_OK && ts_buf_remaining(&peek) == first && first > 0) {
        return ts_msg_cke_parse(body, TS_KX_ECDHE, &m, f);
    }
    /* RSA and DHE look alike on the wire: a u16 vector. */
    ts_buf v;
    size_t at = ts_fields_offset(f, body);
    TS_GUARD(ts_msg_body_err(ts_buf_read_vec(body, 2, 1, 0xFFFF, &v)));
    TS_GUARD(ts_fields_add(f, 0, "exchange_keys_length", at, 2, "%zu", v.len));
    TS_GUARD(ts_fields_add_hex(f, 0, "exchange_keys", at + 2, v.data, v.len));
    return ts_buf_expect_end(body);
}

/* Parses body of the given handshake type with fields. */
static ts_err describe_body(uint8_t type, ts_buf *body, ts_kx kx, ts_fields *f)
{
    union {
        ts_msg_client_hello ch;
        ts_msg_server_hello sh;
        ts_msg_certificate cert;
        ts_msg_certificate_request cr;
        uint8_t verify_data[TS_VERIFY_DATA_LEN];
    } m;
    switch (type) {
    case TS_HS_CLIENT_HELLO:
        return ts_msg_client_hello_parse(body, &m.ch, f);
    case TS_HS_SERVER_HELLO:
        return ts_msg_server_hello_parse(body, &m.sh, f);
    case TS_HS_CERTIFICATE:
        return ts_msg_certificate_parse(body, &m.cert, f);
    case TS_HS_SERVER_KEY_EXCHANGE:
        return describe_ske(body, kx, f);
    case TS_HS_CERTIFICATE_REQUEST:
        return ts_msg_certificate_request_parse(body, &m.cr, f);
    case TS_HS_SERVER_HELLO_DONE:
        return ts_msg_server_hello_done_parse(body, f);
    case TS_HS_CLIENT_KEY_EXCHANGE:
        return describe_cke(body, kx, f);
    case TS_HS_FINISHED:
        return ts_msg_finished_parse(body, m.verify_data, f);
    default:
        if (ts_buf_remaining(body) > 0) {
            TS_GUARD(ts_fields_add_hex(f, 0, "body", ts_fields_offset(f, body),
                                       ts_buf_cursor(body), ts_buf_remaining(body)));
        }
        return ts_buf_skip(body, ts_buf_remaining(body));
    }
}

static ts_err describe_one(ts_buf *in, ts_kx kx, ts_fields *f)
{
    uint8_t type;
    size_t len;
    ts_buf body;
    size_t at = ts_fields_offset(f, in);
    TS_GUARD(ts_msg_hs_peek(in, &type, &len));
    TS_GUARD(ts_fields_add(f, 0, "handshake_type", at, 1, "%s (%u)", ts_msg_hs_name(type), type));
    TS_GUARD(ts_fields_add(f, 0, "length", at + 1, 3, "%zu", len));
    TS_GUARD(ts_msg_hs_parse(in, &type, &body));
    return describe_body(type, &body, kx, f);
}

ts_err ts_msg_describe_kx(const uint8_t *msg, size_t n, ts_kx kx, ts_fields *out,
                          size_t base_offset)
{
    TS_ENSURE(out != NULL && (msg != NULL || n == 0), TS_ERR_ARG);
    ts_buf in;
    ts_buf_view(&in, msg, n);
    const uint8_t *origin = out->origin;
    size_t base = out->base;
    out->origin = ts_buf_cursor(&in);
    out->base = base_offset;
    ts_err err = describe_one(&in, kx, out);
    if (err == TS_OK) {
        err = ts_buf_expect_end(&in);
    }
    out->origin = origin;
    out->base = base;
    return err;
}

ts_err ts_msg_describe(const uint8_t *msg, size_t n, ts_fields *out, size_t base_offset)
{
    return ts_msg_describe_kx(msg, n, TS_KX_GUESS, out, base_offset);
}

static ts_err describe_handshakes(ts_buf *in, ts_kx kx, ts_fields *f)
{
    while (ts_buf_remaining(in) > 0) {
        uint8_t type;
        size_t len;
        size_t at = ts_fields_offset(f, in);
        TS_GUARD(ts_msg_hs_peek(in, &type, &len));
        size_t avail = ts_buf_remaining(in) - TS_HS_HEADER_LEN;
        TS_GUARD(ts_fields_add(f, 0, "handshake", at, TS_HS_HEADER_LEN + (len < avail ? len : avail),
                               "%s", ts_msg_hs_name(type)));
        ts_fields one;
        ts_fields_init(&one);
        one.origin = f->origin;
        one.base = f->base;
        ts_err err = describe_one(in, kx, &one);
        ts_err err2 = append(f, &one, 1);
        ts_fields_free(&one);
        TS_GUARD(err);
        TS_GUARD(err2);
    }
    return TS_OK;
}

static ts_err describe_payload(uint8_t content_type, ts_buf *in, ts_kx kx, ts_fields *f)
{
    ts_msg_alert alert;
    switch (content_type) {
    case TS_CT_CHANGE_CIPHER_SPEC:
        return ts_msg_ccs_parse(in, f);
    case TS_CT_ALERT:
        return ts_msg_alert_parse(in, &alert, f);
    case TS_CT_HANDSHAKE:
        return describe_handshakes(in, kx, f);
    case TS_CT_APPLICATION_DATA:
        TS_GUARD(ts_fields_add_hex(f, 0, "application_data", ts_fields_offset(f, in),
                                   ts_buf_cursor(in), ts_buf_remaining(in)));
        return ts_buf_skip(in, ts_buf_remaining(in));
    default:
        return TS_ERR_ARG;
    }
}

ts_err ts_msg_describe_payload(uint8_t content_type, const uint8_t *data, size_t n, ts_kx kx,
                               ts_fields *out, size_t base_offset)
{
    TS_ENSURE(out != NULL && (data != NULL || n == 0), TS_ERR_ARG);
    ts_buf in;
    ts_buf_view(&in, data, n);
    const uint8_t *origin = out->origin;
    size_t base = out->base;
    out->origin = ts_buf_cursor(&in);
    out->base = base_offset;
    ts_err err = describe_payload(content_type, &in, kx, out);
    out->origin = origin;
    out->base = base;
    return err;
}
