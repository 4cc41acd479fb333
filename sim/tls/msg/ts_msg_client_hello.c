/* ts_msg_client_hello: ClientHello body codec. */
#include "tls/msg/ts_msg_client_hello.h"

#include <string.h>

#include "base/ts_templates.h"

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_client_hello_write(ts_buf *out, const ts_msg_client_hello *m)
{
    TS_ENSURE(m->session_id_len <= TS_SESSION_ID_MAX, TS_ERR_ARG);
    TS_ENSURE(m->n_suites <= TS_CH_MAX_SUITES, TS_ERR_ARG);
    TS_ENSURE(m->n_compression <= TS_CH_MAX_COMPRESSION, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_u16(out, m->version));
    TS_GUARD(ts_buf_write_bytes(out, m->random, TS_RANDOM_LEN));
    TS_GUARD(ts_buf_write_vec(out, 1, m->session_id, m->session_id_len));
    size_t mark;
    TS_GUARD(ts_buf_vec_begin(out, 2, &mark));
    for (size_t i = 0; i < m->n_suites; i++) {
        TS_GUARD(ts_buf_write_u16(out, m->suites[i]));
    }
    TS_GUARD(ts_buf_vec_end(out, 2, mark));
    TS_GUARD(ts_buf_write_vec(out, 1, m->compression, m->n_compression));
    return ts_msg_exts_write(out, TS_EXT_CTX_CLIENT_HELLO, &m->exts);
}

/*
 * struct {
 *     ProtocolVersion client_version;               -- u16, 0x0303
 *     Random random;                                -- 32 bytes
 *     SessionID session_id;                         -- opaque <0..32>
 *     CipherSuite cipher_suites<2..2^16-2>;         -- u16 each
 *     CompressionMethod compression_methods<1..2^8-1>;
 *     select (extensions_present) {
 *         case false: struct {};
 *         case true:  Extension extensions<0..2^16-1>;
 *     };
 * } ClientHello;
 *
 *  0      2                       34   35          35+S  37+S
 * +------+------------------------+----+-----------+-----+---------------+
 * | ver  | random (32)            | S  | session_id| 2*N | suites (2*N)  |
 * +------+------------------------+----+-----------+-----+---------------+
 *    +----+-------------+-----------------------------------------------+
 *    | C  | compression | [ extensions length (2) | extensions ... ]    |
 *    +----+-------------+-----------------------------------------------+
 */
static ts_err parse_suites(ts_buf *body, ts_msg_client_hello *m, ts_fields *f)
{
    ts_buf v;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 2, 2, 0xFFFE, &v));
    TS_ENSURE(v.len % 2 == 0, TS_ERR_DECODE);
    m->suites_wire = v;
    TS_GUARD(ts_fields_add(f, 0, "cipher_suites_length", at, 2, TS_TPL_FIELD_SUITES, v.len,
                           v.len / 2));
    m->n_suites = 0;
    while (ts_buf_remaining(&v) > 0) {
        uint16_t s;
        at = OFF(f, &v);
        TS_GUARD(ts_buf_read_u16(&v, &s));
        if (m->n_suites < TS_CH_MAX_SUITES) {
            m->suites[m->n_suites++] = s;
        }
        TS_GUARD(ts_fields_add(f, 1, "cipher_suite", at, 2, "%s (0x%04x)", ts_suite_name(s), s));
    }
    return TS_OK;
}

static ts_err parse_compression(ts_buf *body, ts_msg_client_hello *m, ts_fields *f)
{
    ts_buf v;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 1, 1, 0xFF, &v));
    TS_GUARD(ts_fields_add(f, 0, "compression_methods_length", at, 1, "%zu", v.len));
    m->n_compression = v.len;
    for (size_t i = 0; i < v.len; i++) {
        at = OFF(f, &v);
        TS_GUARD(ts_buf_read_u8(&v, &m->compression[i]));
        uint8_t c = m->compression[i];
        m->has_null_compression |= c == 0;
        TS_GUARD(ts_fields_add(f, 1, "compression_method", at, 1, "%s (%u)",
                               c == 0 ? "null" : c == 1 ? "DEFLATE" : "unknown", c));
    }
    return TS_OK;
}

static ts_err parse_body(ts_buf *body, ts_msg_client_hello *m, ts_fields *f)
{
    TS_GUARD(ts_msg_hello_prefix_parse(body, "client_version", &m->version, m->random,
                                       m->session_id, &m->session_id_len, f));
    TS_GUARD(parse_suites(body, m, f));
    TS_GUARD(parse_compression(body, m, f));
    TS_GUARD(ts_msg_exts_parse(body, TS_EXT_CTX_CLIENT_HELLO, &m->exts, f));
    return ts_buf_expect_end(body);
}

ts_err ts_msg_client_hello_parse(ts_buf *body, ts_msg_client_hello *m, ts_fields *f)
{
    memset(m, 0, sizeof(*m));
    ts_fields_begin(f, body);
    return ts_msg_body_err(parse_body(body, m, f));
}

bool ts_msg_client_hello_offers(const ts_msg_client_hello *m, uint16_t suite)
{
    size_t n = ts_msg_u16_count(&m->suites_wire, m->n_suites);
    for (size_t i = 0; i < n; i++) {
        if (ts_msg_u16_at(&m->suites_wire, m->suites, i) == suite) {
            return true;
        }
    }
    return false;
}
