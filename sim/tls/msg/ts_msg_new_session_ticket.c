/* ts_msg_new_session_ticket: TLS 1.3 NewSessionTicket body codec. */
#include "tls/msg/ts_msg_new_session_ticket.h"

#include <string.h>

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_new_session_ticket_write(ts_buf *out, const ts_msg_new_session_ticket *m)
{
    TS_ENSURE(m->nonce.len <= 255, TS_ERR_ARG);
    TS_ENSURE(m->ticket.len >= 1 && m->ticket.len <= 0xFFFF, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_u32(out, m->lifetime));
    TS_GUARD(ts_buf_write_u32(out, m->age_add));
    TS_GUARD(ts_buf_write_vec(out, 1, m->nonce.data, m->nonce.len));
    TS_GUARD(ts_buf_write_vec(out, 2, m->ticket.data, m->ticket.len));
    size_t before = out->len;
    TS_GUARD(ts_msg_exts_write(out, TS_EXT_CTX_NEW_SESSION_TICKET, &m->exts));
    /* nothing written means no block asked for: the message still has one */
    return out->len == before ? ts_buf_write_u16(out, 0) : TS_OK;
}

/*
 * struct {
 *     uint32 ticket_lifetime;                 -- seconds, at most 604800 (7 days)
 *     uint32 ticket_age_add;                  -- hides the ticket's age on the wire
 *     opaque ticket_nonce<0..255>;
 *     opaque ticket<1..2^16-1>;
 *     Extension extensions<0..2^16-2>;        -- early_data (max_early_data_size)
 * } NewSessionTicket;
 *
 *  0                 4                 8    9         9+N     11+N       11+N+T
 * +-----------------+-----------------+----+---------+-------+----------+--------+------+
 * | ticket_lifetime | ticket_age_add  | N  | nonce   | T     | ticket   | ext len| exts |
 * +-----------------+-----------------+----+---------+-------+----------+--------+------+
 *
 * The resumption PSK is HKDF-Expand-Label(resumption_master_secret,
 * "resumption", ticket_nonce, Hash.length) (RFC 8446 §4.6.1).
 */
static ts_err parse_body(ts_buf *body, ts_msg_new_session_ticket *m, ts_fields *f)
{
    ts_buf v;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_u32(body, &m->lifetime));
    TS_GUARD(ts_fields_add(f, 0, "ticket_lifetime", at, 4, "%u", (unsigned)m->lifetime));
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_u32(body, &m->age_add));
    TS_GUARD(ts_fields_add(f, 0, "ticket_age_add", at, 4, "%u", (unsigned)m->age_add));
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 1, 0, 255, &v));
    m->nonce = (ts_msg_bytes){v.data, v.len};
    TS_GUARD(ts_fields_add(f, 0, "ticket_nonce_length", at, 1, "%zu", v.len));
    TS_GUARD(ts_fields_add_hex(f, 0, "ticket_nonce", at + 1, v.data, v.len));
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 2, 1, 0xFFFF, &v));
    m->ticket = (ts_msg_bytes){v.data, v.len};
    TS_GUARD(ts_fields_add(f, 0, "ticket_length", at, 2, "%zu", v.len));
    TS_GUARD(ts_fields_add_hex(f, 0, "ticket", at + 2, v.data, v.len));
    TS_ENSURE(ts_buf_remaining(body) >= 2, TS_ERR_DECODE); /* the block is not optional */
    TS_GUARD(ts_msg_exts_parse(body, TS_EXT_CTX_NEW_SESSION_TICKET, &m->exts, f));
    TS_ENSURE(m->exts.wire.len <= 0xFFFE, TS_ERR_DECODE);
    return ts_buf_expect_end(body);
}

ts_err ts_msg_new_session_ticket_parse(ts_buf *body, ts_msg_new_session_ticket *m,
                                       ts_fields *f)
{
    memset(m, 0, sizeof(*m));
    ts_fields_begin(f, body);
    TS_GUARD(ts_msg_body_err(parse_body(body, m, f)));
    /* well formed, but a ticket may not live more than seven days */
    TS_ENSURE(m->lifetime <= TS_TICKET_LIFETIME_MAX, TS_ERR_ILLEGAL);
    return TS_OK;
}
