/* ts_client13: the client's TLS 1.3 handlers (RFC 8446 §4). The first
 * ClientHello is ts_client_write_hello's, with the extensions added here
 * when the client offers TLS 1.3. Each returns ts_err; failures become the
 * alert RFC 8446 §6.2 names (through ts_ep_fail when the reason is known). */
#ifndef TS_CLIENT13_H
#define TS_CLIENT13_H

#include "tls/internal/ts_endpoint.h"
#include "tls/msg/ts_msg_client_hello.h"
#include "tls/msg/ts_msg_server_hello.h"

/* Adds to m what offering TLS 1.3 takes: supported_versions, a key share
 * for the first group (a fresh one), psk_key_exchange_modes, the 1.3
 * suites and signature schemes, a legacy_session_id (compatibility mode);
 * on a second ClientHello, the share of the group HelloRetryRequest asked
 * for and its cookie. */
ts_err ts_client13_add_offer(ts_conn *c, ts_msg_client_hello *m, bool second);

/* The hash of an rsa_pss_rsae_* scheme into *alg; false for any other. */
bool ts_client13_pss_hash(uint16_t sigalg, ts_hash_alg *alg);

/* Takes over a ServerHello that chose TLS 1.3 (or a HelloRetryRequest):
 * checks it, switches c to the 1.3 table and derives the handshake
 * secrets. */
ts_err ts_client13_on_server_hello(ts_conn *c, const ts_msg_server_hello *m);

/* The ServerHello state's reader in the 1.3 table (after a HelloRetryRequest). */
ts_err ts_client13_read_server_hello(ts_conn *c, ts_buf *body);

/* Writes the second ClientHello, after a HelloRetryRequest. */
ts_err ts_client13_write_hello2(ts_conn *c);

/* Checks EncryptedExtensions: only extensions the client offered. */
ts_err ts_client13_read_encrypted_extensions(ts_conn *c, ts_buf *body);


/* Checks the server's Certificate (1.3 format): chain, host, validity. */
ts_err ts_client13_read_certificate(ts_conn *c, ts_buf *body);

/* Checks CertificateVerify: RSA-PSS over the transcript hash. */
ts_err ts_client13_read_certificate_verify(ts_conn *c, ts_buf *body);

/* Checks the server's Finished. */
ts_err ts_client13_read_finished(ts_conn *c, ts_buf *body);

/* After the server's Finished entered the transcript: the application
 * secrets; the server's records are read with them from now on. */
ts_err ts_client13_after_server_finished(ts_conn *c);


/* Writes the client's Finished, then moves its writes to the application
 * secret: the handshake is complete for the client. */
ts_err ts_client13_write_finished(ts_conn *c);

#endif
