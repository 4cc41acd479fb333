/* ts_msg_describe: decodes any handshake message (or a CCS / alert payload)
 * into a ts_fields list with byte ranges, for the transcript, the JSON output
 * and the UI inspector. Offsets in the list are base_offset plus the offset
 * from the start of msg (callers pass where msg starts in their record or
 * stream). On a decode error the fields decoded so far stay in out (useful
 * for tampered messages) and the error is returned. */
#ifndef TS_MSG_DESCRIBE_H
#define TS_MSG_DESCRIBE_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_handshake.h"

/* Sentinel kind for ts_msg_describe_kx: guess the key exchange form. */
#define TS_KX_GUESS ((ts_kx)-1)

/* Describes one whole handshake message (header + body, exactly n bytes;
 * TS_ERR_SHORT if n is less than the header says, TS_ERR_TRAILING if more).
 * Forms that depend on the suite are guessed from the bytes: ServerKeyExchange
 * and ClientKeyExchange (an ECDHE form is tried first; a u16-vector
 * ClientKeyExchange is shown as "exchange_keys"), Certificate and
 * CertificateRequest (TLS 1.2's form first, TLS 1.3's when that one does not
 * parse exactly), NewSessionTicket (TLS 1.3's form, else the raw body) and
 * Finished (12 bytes: TLS 1.2's, else TLS 1.3's 32 or 48). When no form
 * parses, the one that decoded more fields is shown, with its error.
 * EncryptedExtensions, CertificateVerify and KeyUpdate have one form. Use
 * ts_msg_describe_kx when the suite is known. */
ts_err ts_msg_describe(const uint8_t *msg, size_t n, ts_fields *out, size_t base_offset);

/* As ts_msg_describe, with the key exchange kind of the negotiated suite
 * (or TS_KX_GUESS). TS_KX_TLS13 means TLS 1.3: Certificate,
 * CertificateRequest, NewSessionTicket and Finished in their 1.3 forms,
 * ServerKeyExchange and ClientKeyExchange (not 1.3 messages) as raw bytes;
 * any other kind means TLS 1.2's forms, NewSessionTicket (RFC 5077) raw. */
ts_err ts_msg_describe_kx(const uint8_t *msg, size_t n, ts_kx kx, ts_fields *out,
                          size_t base_offset);

/* Describes a record's plaintext payload by content type: 20 ChangeCipherSpec,
 * 21 Alert, 22 one or more handshake messages (each introduced by a depth-0
 * "handshake" field spanning it, its own fields one level deeper), 23
 * application data (one field). Other types: TS_ERR_ARG. */
ts_err ts_msg_describe_payload(uint8_t content_type, const uint8_t *data, size_t n, ts_kx kx,
                               ts_fields *out, size_t base_offset);

#endif
