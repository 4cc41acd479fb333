/* ts_schedule13: the TLS 1.3 key schedule as the endpoint runs it (RFC 8446
 * §7.1, §7.3, §4.4.4, §7.2), every rung reported as a trace value with its
 * formula, its inputs and what reproduces it (tlsstep hkdf, openssl kdf):
 *
 *   early_secret = HKDF-Extract(0, 0)
 *   handshake_secret = HKDF-Extract(Derive-Secret(early_secret, "derived", ""), shared_secret)
 *   {client,server}_handshake_traffic_secret = Derive-Secret(handshake_secret, "c hs traffic" | "s hs traffic", CH..SH)
 *   master_secret = HKDF-Extract(Derive-Secret(handshake_secret, "derived", ""), 0)
 *   {client,server}_application_traffic_secret_0 = Derive-Secret(master_secret, "c ap traffic" | "s ap traffic", CH..server Finished)
 *   exporter_master_secret, resumption_master_secret
 *   key, iv = HKDF-Expand-Label(traffic secret, "key" | "iv", "", length)
 *
 * Part of the endpoint family (tls/internal/ts_endpoint.h); used by
 * ts_client13, ts_server13, ts_handshake13, ts_conn and ts_http only. */
#ifndef TS_SCHEDULE13_H
#define TS_SCHEDULE13_H

#include <stdbool.h>

#include "tls/internal/ts_endpoint.h"

/* The transcript hash now, reported as name with the messages it covers
 * (covers: "ClientHello..ServerHello"); out gets Hash.length bytes. */
ts_err ts13_transcript(ts_conn *c, const char *name, const char *covers, uint8_t *out);

/* From the shared secret (premaster, then wiped) and the transcript
 * through ServerHello: early, handshake and both handshake traffic
 * secrets. */
ts_err ts13_handshake_secrets(ts_conn *c);

/* From the transcript through the server's Finished: master secret, both
 * application traffic secrets (generation 0) and the exporter secret. */
ts_err ts13_application_secrets(ts_conn *c);

/* From the transcript through the client's Finished: the resumption
 * master secret. */
ts_err ts13_resumption_secret(ts_conn *c);

/* Which traffic secret a record state takes. */
typedef enum { TS13_HANDSHAKE, TS13_APPLICATION } ts13_stage;

/* Derives the key and IV of the client's (of_client) or server's current
 * secret of stage, reports them, and makes them protect c's writes
 * (write) or reads. A read key changes only at a record's end (RFC 8446
 * §5.1): handshake bytes left after the message are unexpected_message. */
ts_err ts13_install(ts_conn *c, bool write, bool of_client, ts13_stage stage);

/* Writes this side's Finished (over the transcript so far, with its
 * handshake traffic secret). */
ts_err ts13_send_finished(ts_conn *c);

/* Checks the peer's Finished body against the transcript so far (before
 * the Finished itself enters it); decrypt_error when it differs. */
ts_err ts13_check_finished(ts_conn *c, const ts_buf *body);

/* The longest content a CertificateVerify signs (64 + 33 + 1 + 64). */
#define TS13_CV_CONTENT_MAX (64 + 34 + TS_HASH_MAX_LEN)

/* What a CertificateVerify signs (RFC 8446 §4.4.3): 64 spaces, the context
 * string of the signer's side, a zero byte, then the transcript hash so
 * far; digest gets Hash_alg of it (alg: the signature scheme's hash),
 * reported with its inputs; content (TS13_CV_CONTENT_MAX bytes, may be
 * NULL) gets the signed bytes and *content_len their length. */
ts_err ts13_cv_digest(ts_conn *c, bool of_server, ts_hash_alg alg, uint8_t *digest,
                      uint8_t *content_out, size_t *content_len);

/* Writes a ChangeCipherSpec record in plaintext, whatever protects c's
 * writes (middlebox compatibility, RFC 8446 D.4). */
ts_err ts13_send_ccs(ts_conn *c);

/* Replaces the first ClientHello in the transcript by the message_hash
 * message (RFC 8446 §4.4.1), keeping anything after it. */
ts_err ts13_message_hash(ts_conn *c);

/* Writes a KeyUpdate (requested: ask the peer to update too) and moves
 * this side's writes to the next application traffic secret. */
ts_err ts13_send_key_update(ts_conn *c, bool requested);

/* Handles a received KeyUpdate body: the peer's next secret for reading,
 * and our own KeyUpdate if it asked. */
ts_err ts13_on_key_update(ts_conn *c, ts_buf *body);

/* Handles a received NewSessionTicket body (client): reports the ticket
 * and the PSK it would resume with. */
ts_err ts13_on_ticket(ts_conn *c, ts_buf *body);

/* Writes a NewSessionTicket (server, once the handshake is done). */
ts_err ts13_send_ticket(ts_conn *c);

#endif
