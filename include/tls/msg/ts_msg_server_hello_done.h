/* ts_msg_server_hello_done: the ServerHelloDone body (RFC 5246 §7.4.5),
 * which is empty. Return convention: see ts_msg_handshake.h. */
#ifndef TS_MSG_SERVER_HELLO_DONE_H
#define TS_MSG_SERVER_HELLO_DONE_H

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"

/* Appends the (empty) body: writes nothing; out must be writable. */
ts_err ts_msg_server_hello_done_write(ts_buf *out);

/* Accepts only an empty body (else TS_ERR_DECODE). */
ts_err ts_msg_server_hello_done_parse(ts_buf *body, ts_fields *f);

#endif
