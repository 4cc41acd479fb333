/* ts_msg_new_session_ticket: the TLS 1.3 NewSessionTicket body (RFC 8446
 * §4.6.1), sent by the server after the handshake. Return convention and
 * lifetimes: see ts_msg_handshake.h.
 *
 *   struct {
 *       uint32 ticket_lifetime;               seconds, at most 604800 (7 days)
 *       uint32 ticket_age_add;
 *       opaque ticket_nonce<0..255>;
 *       opaque ticket<1..2^16-1>;
 *       Extension extensions<0..2^16-2>;
 *   } NewSessionTicket;
 */
#ifndef TS_MSG_NEW_SESSION_TICKET_H
#define TS_MSG_NEW_SESSION_TICKET_H

#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_handshake.h"

#define TS_TICKET_LIFETIME_MAX 604800u /* RFC 8446 §4.6.1: seven days */

typedef struct {
    uint32_t lifetime;
    uint32_t age_add;
    ts_msg_bytes nonce;   /* 0..255 bytes */
    ts_msg_bytes ticket;  /* 1..2^16-1 bytes */
    ts_msg_exts exts;     /* write: usually none (the block is always written) */
} ts_msg_new_session_ticket;

/* Appends the body. TS_ERR_ARG for a nonce over 255 bytes or an empty ticket. */
ts_err ts_msg_new_session_ticket_write(ts_buf *out, const ts_msg_new_session_ticket *m);

/* Parses a whole body into m; a lifetime over seven days is TS_ERR_ILLEGAL
 * (RFC 8446 §4.6.1: illegal_parameter). */
ts_err ts_msg_new_session_ticket_parse(ts_buf *body, ts_msg_new_session_ticket *m,
                                       ts_fields *f);

#endif
