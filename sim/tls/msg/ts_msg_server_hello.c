/* ts_msg_server_hello: ServerHello (and HelloRetryRequest) body codec. */
#include "tls/msg/ts_msg_server_hello.h"

#include <string.h>

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_server_hello_write(ts_buf *out, const ts_msg_server_hello *m)
{
    TS_ENSURE(m->session_id_len <= TS_SESSION_ID_MAX, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_u16(out, m->version));
    TS_GUARD(ts_buf_write_bytes(out, m->random, TS_RANDOM_LEN));
    TS_GUARD(ts_buf_write_vec(out, 1, m->session_id, m->session_id_len));
    TS_GUARD(ts_buf_write_u16(out, m->suite));
    TS_GUARD(ts_buf_write_u8(out, m->compression));
    return ts_msg_exts_write(out, m->hrr ? TS_EXT_CTX_HELLO_RETRY_REQUEST : TS_EXT_CTX_SERVER_HELLO,
                             &m->exts);
}

/*
 * struct {
 *     ProtocolVersion server_version;               -- u16, 0x0303
 *     Random random;                                -- 32 bytes
 *     SessionID session_id;                         -- opaque <0..32>
 *     CipherSuite cipher_suite;                     -- u16
 *     CompressionMethod compression_method;         -- u8, 0
 *     select (extensions_present) {
 *         case false: struct {};
 *         case true:  Extension extensions<0..2^16-1>;
 *     };
 * } ServerHello;
 *
 *  0      2                       34   35          35+S   37+S  38+S
 * +------+------------------------+----+-----------+------+-----+-------------------+
 * | ver  | random (32)            | S  | session_id| suite| cmp | [ext len | exts] |
 * +------+------------------------+----+-----------+------+-----+-------------------+
 *
 * TLS 1.3 (RFC 8446 §4.1.3) keeps the layout: legacy_version 03 03,
 * legacy_session_id_echo, legacy_compression_method 0, the extensions
 * always there (supported_versions says 03 04). A HelloRetryRequest is a
 * ServerHello whose random is TS_HRR_RANDOM, SHA-256("HelloRetryRequest"):
 *
 *   CF 21 AD 74 E5 9A 61 11 BE 1D 8C 02 1E 65 B8 91
 *   C2 A2 11 16 7A BB 8C 5E 07 9E 09 E2 C8 A8 33 9C
 */
static ts_err parse_body(ts_buf *body, ts_msg_server_hello *m, ts_fields *f)
{
    TS_GUARD(ts_msg_hello_prefix_parse(body, "server_version", &m->version, m->random,
                                       m->session_id, &m->session_id_len, f));
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_u16(body, &m->suite));
    TS_GUARD(ts_fields_add(f, 0, "cipher_suite", at, 2, "%s (0x%04x)", ts_suite_name(m->suite),
                           m->suite));
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_u8(body, &m->compression));
    TS_GUARD(ts_fields_add(f, 0, "compression_method", at, 1, "%s (%u)",
                           m->compression == 0 ? "null" : "unknown", m->compression));
    m->hrr = memcmp(m->random, TS_HRR_RANDOM, TS_RANDOM_LEN) == 0;
    TS_GUARD(ts_msg_exts_parse(
        body, m->hrr ? TS_EXT_CTX_HELLO_RETRY_REQUEST : TS_EXT_CTX_SERVER_HELLO, &m->exts, f));
    return ts_buf_expect_end(body);
}

ts_err ts_msg_server_hello_parse(ts_buf *body, ts_msg_server_hello *m, ts_fields *f)
{
    memset(m, 0, sizeof(*m));
    ts_fields_begin(f, body);
    return ts_msg_body_err(parse_body(body, m, f));
}
