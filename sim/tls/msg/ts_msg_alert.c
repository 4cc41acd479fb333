/* ts_msg_alert: Alert payload codec and alert names. */
#include "tls/msg/ts_msg_alert.h"

#include <stddef.h>

ts_err ts_msg_alert_write(ts_buf *out, const ts_msg_alert *m)
{
    TS_GUARD(ts_buf_write_u8(out, m->level));
    return ts_buf_write_u8(out, m->desc);
}

/*
 * struct {
 *     AlertLevel level;              -- u8: warning(1), fatal(2)
 *     AlertDescription description;  -- u8
 * } Alert;
 *
 * +-------+-------------+
 * | level | description |
 * +-------+-------------+
 */
ts_err ts_msg_alert_parse(ts_buf *in, ts_msg_alert *m, ts_fields *f)
{
    ts_fields_begin(f, in);
    size_t at = ts_fields_offset(f, in);
    TS_ENSURE(ts_buf_remaining(in) == TS_ALERT_LEN, TS_ERR_DECODE);
    TS_GUARD(ts_buf_read_u8(in, &m->level));
    TS_GUARD(ts_buf_read_u8(in, &m->desc));
    TS_GUARD(ts_fields_add(f, 0, "level", at, 1, "%s (%u)", ts_alert_level_name(m->level),
                           m->level));
    TS_GUARD(ts_fields_add(f, 0, "description", at + 1, 1, "%s (%u)", ts_alert_name(m->desc),
                           m->desc));
    TS_ENSURE(m->level == TS_ALERT_WARNING || m->level == TS_ALERT_FATAL, TS_ERR_ILLEGAL);
    return TS_OK;
}

static const struct {
    uint8_t desc;
    const char *name;
} names[] = {
    {TS_ALERT_CLOSE_NOTIFY, "close_notify"},
    {TS_ALERT_UNEXPECTED_MESSAGE, "unexpected_message"},
    {TS_ALERT_BAD_RECORD_MAC, "bad_record_mac"},
    {TS_ALERT_DECRYPTION_FAILED, "decryption_failed_RESERVED"},
    {TS_ALERT_RECORD_OVERFLOW, "record_overflow"},
    {TS_ALERT_DECOMPRESSION_FAILURE, "decompression_failure"},
    {TS_ALERT_HANDSHAKE_FAILURE, "handshake_failure"},
    {TS_ALERT_NO_CERTIFICATE, "no_certificate_RESERVED"},
    {TS_ALERT_BAD_CERTIFICATE, "bad_certificate"},
    {TS_ALERT_UNSUPPORTED_CERTIFICATE, "unsupported_certificate"},
    {TS_ALERT_CERTIFICATE_REVOKED, "certificate_revoked"},
    {TS_ALERT_CERTIFICATE_EXPIRED, "certificate_expired"},
    {TS_ALERT_CERTIFICATE_UNKNOWN, "certificate_unknown"},
    {TS_ALERT_ILLEGAL_PARAMETER, "illegal_parameter"},
    {TS_ALERT_UNKNOWN_CA, "unknown_ca"},
    {TS_ALERT_ACCESS_DENIED, "access_denied"},
    {TS_ALERT_DECODE_ERROR, "decode_error"},
    {TS_ALERT_DECRYPT_ERROR, "decrypt_error"},
    {TS_ALERT_EXPORT_RESTRICTION, "export_restriction_RESERVED"},
    {TS_ALERT_PROTOCOL_VERSION, "protocol_version"},
    {TS_ALERT_INSUFFICIENT_SECURITY, "insufficient_security"},
    {TS_ALERT_INTERNAL_ERROR, "internal_error"},
    {TS_ALERT_INAPPROPRIATE_FALLBACK, "inappropriate_fallback"},
    {TS_ALERT_USER_CANCELED, "user_canceled"},
    {TS_ALERT_NO_RENEGOTIATION, "no_renegotiation"},
    {TS_ALERT_MISSING_EXTENSION, "missing_extension"},
    {TS_ALERT_UNSUPPORTED_EXTENSION, "unsupported_extension"},
    {TS_ALERT_UNRECOGNIZED_NAME, "unrecognized_name"},
    {TS_ALERT_CERTIFICATE_REQUIRED, "certificate_required"},
};

const char *ts_alert_name(uint8_t desc)
{
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (names[i].desc == desc) {
            return names[i].name;
        }
    }
    return "unknown";
}

const char *ts_alert_level_name(uint8_t level)
{
    return level == TS_ALERT_WARNING ? "warning" : level == TS_ALERT_FATAL ? "fatal" : "unknown";
}

uint8_t ts_alert_for_err(ts_err err)
{
    switch (err) {
    case TS_ERR_SHORT:
    case TS_ERR_TRAILING:
    case TS_ERR_DECODE:
    case TS_ERR_TOO_LONG:
        return TS_ALERT_DECODE_ERROR;
    case TS_ERR_ILLEGAL:
    case TS_ERR_DH_PUBLIC:
        return TS_ALERT_ILLEGAL_PARAMETER;
    case TS_ERR_UNEXPECTED:
    case TS_ERR_RECORD_TYPE: /* RFC 5246 §6 */
        return TS_ALERT_UNEXPECTED_MESSAGE;
    case TS_ERR_INSUFFICIENT:
        return TS_ALERT_INSUFFICIENT_SECURITY;
    case TS_ERR_DECRYPT:
        return TS_ALERT_BAD_RECORD_MAC;
    case TS_ERR_RECORD_OVERFLOW:
        return TS_ALERT_RECORD_OVERFLOW;
    case TS_ERR_VERSION:
        return TS_ALERT_PROTOCOL_VERSION;
    case TS_ERR_NO_SUITE:
        return TS_ALERT_HANDSHAKE_FAILURE;
    case TS_ERR_MISSING_EXTENSION:
        return TS_ALERT_MISSING_EXTENSION;
    case TS_ERR_UNSUPPORTED_EXTENSION:
        return TS_ALERT_UNSUPPORTED_EXTENSION;
    case TS_ERR_CERT_REQUIRED:
        return TS_ALERT_CERTIFICATE_REQUIRED;
    case TS_ERR_FINISHED:
    case TS_ERR_SIGNATURE:
        return TS_ALERT_DECRYPT_ERROR;
    case TS_ERR_CERT_SIGNATURE:
    case TS_ERR_CERT_HOST:
    case TS_ERR_X509:
    case TS_ERR_DER:
        return TS_ALERT_BAD_CERTIFICATE;
    case TS_ERR_CERT_EXPIRED:
        return TS_ALERT_CERTIFICATE_EXPIRED;
    case TS_ERR_CERT_ISSUER:
    case TS_ERR_CERT_CA:
        return TS_ALERT_UNKNOWN_CA;
    case TS_ERR_RECORD:
        return TS_ALERT_DECODE_ERROR;
    case TS_ERR_CLOSED:
        return TS_ALERT_CLOSE_NOTIFY;
    default:
        return TS_ALERT_INTERNAL_ERROR;
    }
}
