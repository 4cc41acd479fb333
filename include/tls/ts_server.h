/* ts_server: the server's handlers in the handshake table. Each returns
 * ts_err; see ts_client.h for how failures become alerts. */
#ifndef TS_SERVER_H
#define TS_SERVER_H

#include "tls/internal/ts_endpoint.h"

/* Checks ClientHello and picks the configured suite if it is offered. */
ts_err ts_server_read_hello(ts_conn *c, ts_buf *body);

/* Writes ServerHello: a fresh server random, the suite, the extensions. */
ts_err ts_server_write_hello(ts_conn *c);

/* Writes Certificate: the configured chain. */
ts_err ts_server_write_certificate(ts_conn *c);

/* Writes ServerKeyExchange: a fresh share, signed with the server's key. */
ts_err ts_server_write_key_exchange(ts_conn *c);

/* Writes ServerHelloDone. */
ts_err ts_server_write_hello_done(ts_conn *c);


/* Reads ClientKeyExchange: the premaster (RFC 5246 7.4.7.1 on failure), keys. */
ts_err ts_server_read_key_exchange(ts_conn *c, ts_buf *body);

#endif
