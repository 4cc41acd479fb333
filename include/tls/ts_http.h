/* ts_http: what flows after the handshake, as in the notes: the client
 * sends an HTTP/1.1 GET, the server answers with a file, both send
 * close_notify, and the session keys are wiped. */
#ifndef TS_HTTP_H
#define TS_HTTP_H

#include "tls/internal/ts_endpoint.h"

/* Writes whatever application data it is c's turn to send. */
ts_err ts_http_write_turn(ts_conn *c);

/* Takes one record's worth of application data. */
ts_err ts_http_on_data(ts_conn *c, const ts_buf *data);

/* Handles the peer's close_notify. */
ts_err ts_http_on_close_notify(ts_conn *c);

/* Handles the transport closing without close_notify. */
void ts_http_on_eof(ts_conn *c);

#endif
