/* ts_msg_handshake: handshake header codec and protocol names. */
#include "tls/msg/ts_msg_handshake.h"

#include <stddef.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_templates.h"

/* RFC 8446 §4.1.3: SHA-256("HelloRetryRequest"). */
const uint8_t TS_HRR_RANDOM[TS_RANDOM_LEN] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
};

/* RFC 8446 §4.1.3: "DOWNGRD" then 01 (a TLS 1.2 server hello). */
const uint8_t TS_DOWNGRADE_TLS12[8] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};

/*
 * struct {
 *     HandshakeType msg_type;    -- u8
 *     uint24 length;             -- bytes in body
 *     select (HandshakeType) { ... } body;
 * } Handshake;
 *
 *  0        1                 4
 * +--------+--------+--------+--------+--------------------+
 * |  type  |      length (u24)        |  body (length B)   |
 * +--------+--------+--------+--------+--------------------+
 */

ts_err ts_msg_hs_write_begin(ts_buf *out, uint8_t type, size_t *mark)
{
    TS_GUARD(ts_buf_write_u8(out, type));
    return ts_buf_vec_begin(out, 3, mark);
}

ts_err ts_msg_hs_write_end(ts_buf *out, size_t mark)
{
    return ts_buf_vec_end(out, 3, mark);
}

ts_err ts_msg_hs_peek(const ts_buf *in, uint8_t *type, size_t *len)
{
    ts_buf peek = *in;
    uint8_t t;
    uint32_t n;
    TS_GUARD(ts_buf_read_u8(&peek, &t));
    TS_GUARD(ts_buf_read_u24(&peek, &n));
    *type = t;
    *len = n;
    return TS_OK;
}

ts_err ts_msg_hs_parse(ts_buf *in, uint8_t *type, ts_buf *body)
{
    uint8_t t;
    size_t n;
    TS_GUARD(ts_msg_hs_peek(in, &t, &n));
    TS_ENSURE(ts_buf_remaining(in) - TS_HS_HEADER_LEN >= n, TS_ERR_SHORT);
    TS_GUARD(ts_buf_skip(in, TS_HS_HEADER_LEN));
    TS_GUARD(ts_buf_read_view(in, n, body));
    *type = t;
    return TS_OK;
}

const char *ts_msg_hs_name(uint8_t type)
{
    switch (type) {
    case TS_HS_HELLO_REQUEST: return "HelloRequest";
    case TS_HS_CLIENT_HELLO: return "ClientHello";
    case TS_HS_SERVER_HELLO: return "ServerHello";
    case TS_HS_NEW_SESSION_TICKET: return "NewSessionTicket";
    case TS_HS_END_OF_EARLY_DATA: return "EndOfEarlyData";
    case TS_HS_ENCRYPTED_EXTENSIONS: return "EncryptedExtensions";
    case TS_HS_CERTIFICATE: return "Certificate";
    case TS_HS_SERVER_KEY_EXCHANGE: return "ServerKeyExchange";
    case TS_HS_CERTIFICATE_REQUEST: return "CertificateRequest";
    case TS_HS_SERVER_HELLO_DONE: return "ServerHelloDone";
    case TS_HS_CERTIFICATE_VERIFY: return "CertificateVerify";
    case TS_HS_CLIENT_KEY_EXCHANGE: return "ClientKeyExchange";
    case TS_HS_FINISHED: return "Finished";
    case TS_HS_KEY_UPDATE: return "KeyUpdate";
    case TS_HS_MESSAGE_HASH: return "message_hash";
    default: return "unknown";
    }
}

const char *ts_version_name(uint16_t version)
{
    switch (version) {
    case TS_VERSION_SSL30: return "SSL 3.0";
    case TS_VERSION_TLS10: return "TLS 1.0";
    case TS_VERSION_TLS11: return "TLS 1.1";
    case TS_VERSION_TLS12: return "TLS 1.2";
    case TS_VERSION_TLS13: return "TLS 1.3";
    default: return "unknown";
    }
}

/* Common suites, from the IANA TLS Cipher Suites registry. */
static const struct {
    uint16_t code;
    const char *name;
} suites[] = {
    {0x0000, "TLS_NULL_WITH_NULL_NULL"},
    {0x0002, "TLS_RSA_WITH_NULL_SHA"},
    {0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
    {0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA"},
    {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"},
    {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"},
    {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"},
    {0x003B, "TLS_RSA_WITH_NULL_SHA256"},
    {0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
    {0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256"},
    {0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"},
    {0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
    {0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384"},
    {0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
    {0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"},
    {0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"},
    {0x1301, "TLS_AES_128_GCM_SHA256"},
    {0x1302, "TLS_AES_256_GCM_SHA384"},
    {0x1303, "TLS_CHACHA20_POLY1305_SHA256"},
    {0x1304, "TLS_AES_128_CCM_SHA256"},
    {0x1305, "TLS_AES_128_CCM_8_SHA256"},
    {0x5600, "TLS_FALLBACK_SCSV"},
    {0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"},
    {0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
    {0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"},
    {0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
    {0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"},
    {0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
    {0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
    {0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
    {0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"},
    {0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
    {0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
    {0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
    {0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    {0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
};

const char *ts_suite_name(uint16_t suite)
{
    for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
        if (suites[i].code == suite) {
            return suites[i].name;
        }
    }
    return "unknown";
}

ts_err ts_msg_body_err(ts_err err)
{
    return err == TS_ERR_SHORT ? TS_ERR_DECODE : err;
}

ts_err ts_msg_hello_prefix_parse(ts_buf *body, const char *version_name, uint16_t *version,
                                 uint8_t random[TS_RANDOM_LEN],
                                 uint8_t session_id[TS_SESSION_ID_MAX], size_t *session_id_len,
                                 ts_fields *f)
{
    ts_buf sid;
    size_t at = ts_fields_offset(f, body);
    TS_GUARD(ts_buf_read_u16(body, version));
    TS_GUARD(ts_fields_add(f, 0, version_name, at, 2, "%s (0x%04x)", ts_version_name(*version),
                           *version));
    at = ts_fields_offset(f, body);
    TS_GUARD(ts_buf_read_bytes(body, random, TS_RANDOM_LEN));
    if (memcmp(random, TS_HRR_RANDOM, TS_RANDOM_LEN) == 0) {
        char hex[2 * TS_RANDOM_LEN + 1];
        ts_hex_encode(random, TS_RANDOM_LEN, hex);
        TS_GUARD(ts_fields_add(f, 0, "random", at, TS_RANDOM_LEN, TS_TPL_FIELD_HRR_RANDOM, hex));
    } else {
        TS_GUARD(ts_fields_add_hex(f, 0, "random", at, random, TS_RANDOM_LEN));
    }
    at = ts_fields_offset(f, body);
    TS_GUARD(ts_buf_read_vec(body, 1, 0, TS_SESSION_ID_MAX, &sid));
    *session_id_len = sid.len;
    TS_GUARD(ts_buf_read_bytes(&sid, session_id, sid.len));
    TS_GUARD(ts_fields_add(f, 0, "session_id_length", at, 1, "%zu", sid.len));
    return ts_fields_add_hex(f, 0, "session_id", at + 1, session_id, sid.len);
}
