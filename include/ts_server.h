/* ts_server: the server's handlers in the handshake table. Each returns
 * ts_err; see ts_client.h for how failures become alerts. */
#ifndef TS_SERVER_H
#define TS_SERVER_H

#include "ts_endpoint.h"

ts_err ts_server_read_hello(ts_conn *c, ts_buf *body);
ts_err ts_server_write_hello(ts_conn *c);
ts_err ts_server_write_certificate(ts_conn *c);
ts_err ts_server_write_key_exchange(ts_conn *c);
ts_err ts_server_write_hello_done(ts_conn *c);
ts_err ts_server_read_key_exchange(ts_conn *c, ts_buf *body);

#endif
