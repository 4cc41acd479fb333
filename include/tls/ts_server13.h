/* ts_server13: the server's TLS 1.3 handlers (RFC 8446 §4). ClientHello
 * is read by ts_server_read_hello, which hands a ClientHello offering TLS
 * 1.3 to ts_server13_on_client_hello when the server speaks it. */
#ifndef TS_SERVER13_H
#define TS_SERVER13_H

#include "tls/internal/ts_endpoint.h"
#include "tls/msg/ts_msg_client_hello.h"

/* Takes over a ClientHello that offers TLS 1.3: suite, signature scheme
 * and group, or a HelloRetryRequest when the client's shares miss the
 * group; switches c to the 1.3 table. */
ts_err ts_server13_on_client_hello(ts_conn *c, const ts_msg_client_hello *m);

/* Writes HelloRetryRequest: the group the server needs. */
ts_err ts_server13_write_hrr(ts_conn *c);

/* Reads the second ClientHello: now with a share of that group. */
ts_err ts_server13_read_hello2(ts_conn *c, ts_buf *body);

/* Writes ServerHello: its share, then derives the handshake secrets. */
ts_err ts_server13_write_hello(ts_conn *c);

/* Writes EncryptedExtensions, the first encrypted message. */
ts_err ts_server13_write_encrypted_extensions(ts_conn *c);

/* Writes Certificate in the 1.3 format. */
ts_err ts_server13_write_certificate(ts_conn *c);

/* Writes CertificateVerify: RSA-PSS over the transcript hash. */
ts_err ts_server13_write_certificate_verify(ts_conn *c);

/* Writes the server's Finished, then the application secrets. */
ts_err ts_server13_write_finished(ts_conn *c);


/* Checks the client's Finished. */
ts_err ts_server13_read_finished(ts_conn *c, ts_buf *body);

/* After the client's Finished entered the transcript: the resumption
 * secret, and the client's records are read with its application secret. */
ts_err ts_server13_after_client_finished(ts_conn *c);

#endif
