/* ts_msg_alert: the Alert payload (RFC 5246 §7.2), its own content type
 * (21, TS_CT_ALERT in ts_record.h): level and description, their names,
 * and the alert an engine sends for a given error. Return convention: see
 * ts_msg_handshake.h. */
#ifndef TS_MSG_ALERT_H
#define TS_MSG_ALERT_H

#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"

/* AlertLevel. */
enum {
    TS_ALERT_WARNING = 1,
    TS_ALERT_FATAL = 2,
};

/* AlertDescription (RFC 5246 §7.2, RFC 7507, RFC 6066). */
enum {
    TS_ALERT_CLOSE_NOTIFY = 0,
    TS_ALERT_UNEXPECTED_MESSAGE = 10,
    TS_ALERT_BAD_RECORD_MAC = 20,
    TS_ALERT_DECRYPTION_FAILED = 21, /* reserved */
    TS_ALERT_RECORD_OVERFLOW = 22,
    TS_ALERT_DECOMPRESSION_FAILURE = 30,
    TS_ALERT_HANDSHAKE_FAILURE = 40,
    TS_ALERT_NO_CERTIFICATE = 41,    /* reserved */
    TS_ALERT_BAD_CERTIFICATE = 42,
    TS_ALERT_UNSUPPORTED_CERTIFICATE = 43,
    TS_ALERT_CERTIFICATE_REVOKED = 44,
    TS_ALERT_CERTIFICATE_EXPIRED = 45,
    TS_ALERT_CERTIFICATE_UNKNOWN = 46,
    TS_ALERT_ILLEGAL_PARAMETER = 47,
    TS_ALERT_UNKNOWN_CA = 48,
    TS_ALERT_ACCESS_DENIED = 49,
    TS_ALERT_DECODE_ERROR = 50,
    TS_ALERT_DECRYPT_ERROR = 51,
    TS_ALERT_EXPORT_RESTRICTION = 60, /* reserved */
    TS_ALERT_PROTOCOL_VERSION = 70,
    TS_ALERT_INSUFFICIENT_SECURITY = 71,
    TS_ALERT_INTERNAL_ERROR = 80,
    TS_ALERT_INAPPROPRIATE_FALLBACK = 86,
    TS_ALERT_USER_CANCELED = 90,
    TS_ALERT_NO_RENEGOTIATION = 100,
    TS_ALERT_MISSING_EXTENSION = 109,     /* RFC 8446 */
    TS_ALERT_UNSUPPORTED_EXTENSION = 110,
    TS_ALERT_UNRECOGNIZED_NAME = 112,
    TS_ALERT_CERTIFICATE_REQUIRED = 116,  /* RFC 8446 */
};

#define TS_ALERT_LEN 2

typedef struct {
    uint8_t level; /* TS_ALERT_WARNING or TS_ALERT_FATAL */
    uint8_t desc;  /* TS_ALERT_* description */
} ts_msg_alert;

/* Appends the two bytes: level, description (as given). */
ts_err ts_msg_alert_write(ts_buf *out, const ts_msg_alert *m);

/* Parses a whole payload: not exactly two bytes is TS_ERR_DECODE, a level
 * other than warning or fatal TS_ERR_ILLEGAL (m is filled anyway). Unknown
 * descriptions are accepted (name "unknown"). */
ts_err ts_msg_alert_parse(ts_buf *in, ts_msg_alert *m, ts_fields *f);

/* Name of a description ("bad_record_mac"); "unknown" for others. */
const char *ts_alert_name(uint8_t desc);

/* Name of a level ("warning", "fatal"); "unknown" for others. */
const char *ts_alert_level_name(uint8_t level);

/* The fatal alert description to send when processing failed with err
 * (TS_ERR_DECODE -> decode_error, TS_ERR_ILLEGAL -> illegal_parameter, ...);
 * internal_error for errors with no closer alert. */
uint8_t ts_alert_for_err(ts_err err);

#endif
