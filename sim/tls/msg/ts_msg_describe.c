/* ts_msg_describe: fields of any handshake message, for display. */
#include "tls/msg/ts_msg_describe.h"

#include <string.h>

#include "tls/msg/ts_content_type.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_certificate.h"
#include "tls/msg/ts_msg_certificate13.h"
#include "tls/msg/ts_msg_certificate_request.h"
#include "tls/msg/ts_msg_certificate_request13.h"
#include "tls/msg/ts_msg_certificate_verify.h"
#include "tls/msg/ts_msg_change_cipher_spec.h"
#include "tls/msg/ts_msg_client_hello.h"
#include "tls/msg/ts_msg_client_key_exchange.h"
#include "tls/msg/ts_msg_encrypted_extensions.h"
#include "tls/msg/ts_msg_finished.h"
#include "tls/msg/ts_msg_key_update.h"
#include "tls/msg/ts_msg_new_session_ticket.h"
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

/* A body parser that keeps its result to itself: fields only. */
typedef ts_err (*body_fn)(ts_buf *body, ts_fields *f);

/* Parses body with first when it parses exactly, else with second; when
 * neither does, the try that decoded more fields is shown (first on a tie),
 * with its error. */
static ts_err first_that_parses(ts_buf *body, body_fn first, body_fn second, ts_fields *f)
{
    ts_fields a, b;
    ts_fields_init(&a);
    ts_fields_init(&b);
    a.origin = b.origin = f->origin;
    a.base = b.base = f->base;
    ts_buf copy_a = *body, copy_b = *body;
    ts_err err_a = first(&copy_a, &a);
    ts_err err_b = err_a == TS_OK ? TS_OK : second(&copy_b, &b);
    bool take_a = err_a == TS_OK || (err_b != TS_OK && a.n >= b.n);
    ts_err err = append(f, take_a ? &a : &b, 0);
    *body = take_a ? copy_a : copy_b;
    ts_fields_free(&a);
    ts_fields_free(&b);
    return err != TS_OK ? err : take_a ? err_a : err_b;
}

static ts_err raw_body(ts_buf *body, ts_fields *f)
{
    if (ts_buf_remaining(body) > 0) {
        TS_GUARD(ts_fields_add_hex(f, 0, "body", ts_fields_offset(f, body), ts_buf_cursor(body),
                                   ts_buf_remaining(body)));
    }
    return ts_buf_skip(body, ts_buf_remaining(body));
}

static ts_err ske_ecdhe(ts_buf *body, ts_fields *f)
{
    ts_msg_ske m;
    return ts_msg_ske_parse(body, TS_KX_ECDHE, &m, f);
}

static ts_err ske_dhe(ts_buf *body, ts_fields *f)
{
    ts_msg_ske m;
    return ts_msg_ske_parse(body, TS_KX_DHE, &m, f);
}

static ts_err certificate12(ts_buf *body, ts_fields *f)
{
    ts_msg_certificate m;
    return ts_msg_certificate_parse(body, &m, f);
}

static ts_err certificate13(ts_buf *body, ts_fields *f)
{
    ts_msg_certificate13 m;
    return ts_msg_certificate13_parse(body, &m, f);
}

static ts_err certificate_request12(ts_buf *body, ts_fields *f)
{
    ts_msg_certificate_request m;
    return ts_msg_certificate_request_parse(body, &m, f);
}

static ts_err certificate_request13(ts_buf *body, ts_fields *f)
{
    ts_msg_certificate_request13 m;
    return ts_msg_certificate_request13_parse(body, &m, f);
}

static ts_err new_session_ticket13(ts_buf *body, ts_fields *f)
{
    ts_msg_new_session_ticket m;
    return ts_msg_new_session_ticket_parse(body, &m, f);
}

/* TLS 1.3's Finished: verify_data is as long as the suite's hash (RFC 8446
 * §4.4.4), 32 or 48 bytes for its suites. */
static ts_err finished13(ts_buf *body, ts_fields *f)
{
    uint8_t verify_data[48];
    size_t n = ts_buf_remaining(body);
    size_t at = ts_fields_offset(f, body);
    TS_ENSURE(n == 32 || n == 48, TS_ERR_DECODE);
    TS_GUARD(ts_buf_read_bytes(body, verify_data, n));
    return ts_fields_add_hex(f, 0, "verify_data", at, verify_data, n);
}

/* TLS 1.2's form, TLS 1.3's, or (TS_KX_GUESS) the first that parses. */
static ts_err by_version(ts_buf *body, ts_kx kx, body_fn tls12, body_fn tls13, ts_fields *f)
{
    if (kx == TS_KX_TLS13) {
        return tls13(body, f);
    }
    return kx == TS_KX_GUESS ? first_that_parses(body, tls12, tls13, f) : tls12(body, f);
}

static ts_err describe_ske(ts_buf *body, ts_kx kx, ts_fields *f)
{
    if (kx == TS_KX_GUESS) {
        /* an ECDHE body that parses exactly; otherwise the DHE form */
        return first_that_parses(body, ske_ecdhe, ske_dhe, f);
    }
    if (kx == TS_KX_TLS13) {
        return raw_body(body, f); /* no such message in TLS 1.3 */
    }
    ts_msg_ske m;
    return ts_msg_ske_parse(body, kx, &m, f);
}

static ts_err describe_cke(ts_buf *body, ts_kx kx, ts_fields *f)
{
    ts_msg_cke m;
    if (kx == TS_KX_TLS13) {
        return raw_body(body, f); /* no such message in TLS 1.3 */
    }
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
        ts_msg_exts ee;
        ts_msg_certificate_verify cv;
        bool update_requested;
        uint8_t verify_data[TS_VERIFY_DATA_LEN];
    } m;
    switch (type) {
    case TS_HS_CLIENT_HELLO:
        return ts_msg_client_hello_parse(body, &m.ch, f);
    case TS_HS_SERVER_HELLO:
        return ts_msg_server_hello_parse(body, &m.sh, f);
    case TS_HS_NEW_SESSION_TICKET:
        /* TLS 1.2's (RFC 5077) is shown raw */
        if (kx == TS_KX_GUESS) {
            return first_that_parses(body, new_session_ticket13, raw_body, f);
        }
        return kx == TS_KX_TLS13 ? new_session_ticket13(body, f) : raw_body(body, f);
    case TS_HS_ENCRYPTED_EXTENSIONS:
        return ts_msg_encrypted_extensions_parse(body, &m.ee, f);
    case TS_HS_CERTIFICATE:
        return by_version(body, kx, certificate12, certificate13, f);
    case TS_HS_SERVER_KEY_EXCHANGE:
        return describe_ske(body, kx, f);
    case TS_HS_CERTIFICATE_REQUEST:
        return by_version(body, kx, certificate_request12, certificate_request13, f);
    case TS_HS_SERVER_HELLO_DONE:
        return ts_msg_server_hello_done_parse(body, f);
    case TS_HS_CERTIFICATE_VERIFY:
        return ts_msg_certificate_verify_parse(body, &m.cv, f);
    case TS_HS_CLIENT_KEY_EXCHANGE:
        return describe_cke(body, kx, f);
    case TS_HS_FINISHED:
        if (kx == TS_KX_TLS13 ||
            (kx == TS_KX_GUESS && ts_buf_remaining(body) != TS_VERIFY_DATA_LEN)) {
            return finished13(body, f);
        }
        return ts_msg_finished_parse(body, m.verify_data, f);
    case TS_HS_KEY_UPDATE:
        return ts_msg_key_update_parse(body, &m.update_requested, f);
    default:
        return raw_body(body, f);
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
