/* ts_client: the client's handlers in the handshake table: what it writes
 * and how it checks what the server sends. Each returns ts_err; a failure
 * is turned into the alert RFC 5246 §7.2 prescribes by the caller (or here,
 * through ts_ep_fail, when a more precise reason is known). */
#ifndef TS_CLIENT_H
#define TS_CLIENT_H

#include "tls/internal/ts_endpoint.h"

/* Writes ClientHello: a fresh client random, the suites, the extensions. */
ts_err ts_client_write_hello(ts_conn *c);

/* Writes a ClientHello; second: the one after a HelloRetryRequest (the same
 * random and offer, the share the server asked for). */
ts_err ts_client_send_hello(ts_conn *c, bool second);

/* Checks ServerHello: TLS 1.2, a suite and extensions the client offered. */
ts_err ts_client_read_hello(ts_conn *c, ts_buf *body);

/* Checks the certificate chain (CA signature, host, validity), keeps the key. */
ts_err ts_client_read_certificate(ts_conn *c, ts_buf *body);

/* Checks the server's certificate (DER, len bytes): parses it, verifies it
 * against the trust anchor (CA signature, host, validity) unless the
 * client is told not to, keeps its key; fails with the alert it calls for. */
ts_err ts_client_accept_server_cert(ts_conn *c, const uint8_t *der, size_t len);

/* Checks ServerKeyExchange: the group, the share, the signature. */
ts_err ts_client_read_key_exchange(ts_conn *c, ts_buf *body);



/* Checks ServerHelloDone (an empty body). */
ts_err ts_client_read_hello_done(ts_conn *c, ts_buf *body);

/* Writes ClientKeyExchange: the encrypted premaster, or the client's share. */
ts_err ts_client_write_key_exchange(ts_conn *c);

#endif
