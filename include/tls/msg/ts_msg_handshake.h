/* ts_msg_handshake: the TLS 1.2 handshake message header (RFC 5246 §7.4),
 * protocol constants and their display names, shared by the ts_msg_* codecs.
 *
 * The ts_msg_* codecs are pure: no crypto, no state. Each message has
 * ts_msg_X_write(out, m), which appends the message *body* to out, and
 * ts_msg_X_parse(body, ..., m, fields), which decodes a whole body and must
 * consume it exactly. Wrap bodies with ts_msg_hs_write_begin/_end and unwrap
 * them with ts_msg_hs_parse. ChangeCipherSpec and Alert are not handshake
 * messages: their codecs handle the whole record payload.
 *
 * Errors of body parsers: TS_ERR_DECODE (malformed: bad length, truncated,
 * bound exceeded; send decode_error), TS_ERR_TRAILING (bytes left over; also
 * decode_error), TS_ERR_ILLEGAL (well formed, illegal value; send
 * illegal_parameter), TS_ERR_NOMEM/TS_ERR_TOO_LONG only from the field list.
 * Parsed structs may hold ts_msg_bytes views into the parsed buffer: they are
 * valid while that buffer's bytes are. */
#ifndef TS_MSG_HANDSHAKE_H
#define TS_MSG_HANDSHAKE_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "crypto/ts_prf.h"   /* TS_RANDOM_LEN */
#include "crypto/ts_suite.h" /* ts_kx: TS_KX_RSA, TS_KX_ECDHE, TS_KX_DHE */

/* Protocol versions (ProtocolVersion, major << 8 | minor); ts_record.h
 * defines the same values. */
#define TS_VERSION_SSL30 0x0300
#ifndef TS_VERSION_TLS10
#define TS_VERSION_TLS10 0x0301
#endif
#define TS_VERSION_TLS11 0x0302
#ifndef TS_VERSION_TLS12
#define TS_VERSION_TLS12 0x0303
#endif
#ifndef TS_VERSION_TLS13
#define TS_VERSION_TLS13 0x0304
#endif

/* HandshakeType (RFC 5246 §7.4, RFC 8446 §4). */
enum {
    TS_HS_HELLO_REQUEST = 0,
    TS_HS_CLIENT_HELLO = 1,
    TS_HS_SERVER_HELLO = 2,
    TS_HS_NEW_SESSION_TICKET = 4, /* RFC 5077 (1.2: named for display), RFC 8446 §4.6.1 */
    TS_HS_END_OF_EARLY_DATA = 5,  /* RFC 8446: named for display */
    TS_HS_ENCRYPTED_EXTENSIONS = 8,
    TS_HS_CERTIFICATE = 11,
    TS_HS_SERVER_KEY_EXCHANGE = 12,
    TS_HS_CERTIFICATE_REQUEST = 13,
    TS_HS_SERVER_HELLO_DONE = 14,
    TS_HS_CERTIFICATE_VERIFY = 15,
    TS_HS_CLIENT_KEY_EXCHANGE = 16,
    TS_HS_FINISHED = 20,
    TS_HS_KEY_UPDATE = 24,        /* RFC 8446 §4.6.3 */
    TS_HS_MESSAGE_HASH = 254,     /* RFC 8446 §4.4.1: the synthetic message
                                     standing for ClientHello1 after an HRR */
};

/* ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3):
 * SHA-256("HelloRetryRequest"). */
extern const uint8_t TS_HRR_RANDOM[TS_RANDOM_LEN];

/* The last 8 bytes of ServerHello.random of a TLS 1.3 server that
 * negotiates TLS 1.2 (RFC 8446 §4.1.3): "DOWNGRD" and 01. */
extern const uint8_t TS_DOWNGRADE_TLS12[8];

/* Handshake header: msg_type u8, length u24. */
#define TS_HS_HEADER_LEN 4
#define TS_HS_MAX_BODY 0xFFFFFFu

#define TS_SESSION_ID_MAX 32

/* A byte string that is not owned: a view into a parsed buffer, or the
 * caller's bytes for a writer. */
typedef struct {
    const uint8_t *data;
    size_t len;
} ts_msg_bytes;

/* Appends a handshake header of the given type with a zero length and sets
 * *mark so ts_msg_hs_write_end can fill in the length. */
ts_err ts_msg_hs_write_begin(ts_buf *out, uint8_t type, size_t *mark);

/* Fills in the length of the handshake message begun at mark (TS_ERR_TOO_LONG
 * beyond 2^24-1 bytes). */
ts_err ts_msg_hs_write_end(ts_buf *out, size_t mark);

/* Reads the 4-byte header at in's cursor without consuming it: TS_ERR_SHORT
 * when fewer than 4 bytes are there. Lets the engine bound *len early. */
ts_err ts_msg_hs_peek(const ts_buf *in, uint8_t *type, size_t *len);

/* Reads one whole handshake message: *type and body, a view of its body
 * (valid while in's bytes are). TS_ERR_SHORT, with in's cursor unchanged,
 * when the message is not all there yet. */
ts_err ts_msg_hs_parse(ts_buf *in, uint8_t *type, ts_buf *body);

/* Reads what both hellos begin with: version (its field named version_name),
 * random (32 bytes) and session_id (0..32 bytes, copied to session_id),
 * adding their fields to f (may be NULL); a random equal to TS_HRR_RANDOM
 * is shown as the HelloRetryRequest value (TS_TPL_FIELD_HRR_RANDOM). */
ts_err ts_msg_hello_prefix_parse(ts_buf *body, const char *version_name, uint16_t *version,
                                 uint8_t random[TS_RANDOM_LEN],
                                 uint8_t session_id[TS_SESSION_ID_MAX], size_t *session_id_len,
                                 ts_fields *f);

/* Name of a handshake type ("ClientHello"); "unknown" for others. */
const char *ts_msg_hs_name(uint8_t type);

/* Name of a protocol version ("TLS 1.2"); "unknown" for others. */
const char *ts_version_name(uint16_t version);

/* IANA name of a cipher suite ("TLS_RSA_WITH_AES_256_GCM_SHA384") from a
 * table of common suites; "unknown" for others. */
const char *ts_suite_name(uint16_t suite);

/* Maps an error from a body parser that ran on a complete body:
 * TS_ERR_SHORT (a vector ran past the end) becomes TS_ERR_DECODE. */
ts_err ts_msg_body_err(ts_err err);

#endif
