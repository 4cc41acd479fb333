/* ts_msg_certificate_request: CertificateRequest body codec. */
#include "tls/msg/ts_msg_certificate_request.h"

#include <string.h>

#include "base/ts_templates.h"
#include "tls/msg/ts_msg_extensions.h"

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_certificate_request_write(ts_buf *out, const ts_msg_certificate_request *m)
{
    TS_ENSURE(m->n_types >= 1 && m->n_types <= TS_CR_MAX_TYPES, TS_ERR_ARG);
    TS_ENSURE(m->n_sigalgs >= 1 && m->n_sigalgs <= TS_CR_MAX_SIGALGS, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_vec(out, 1, m->types, m->n_types));
    size_t mark;
    TS_GUARD(ts_buf_vec_begin(out, 2, &mark));
    for (size_t i = 0; i < m->n_sigalgs; i++) {
        TS_GUARD(ts_buf_write_u16(out, m->sigalgs[i]));
    }
    TS_GUARD(ts_buf_vec_end(out, 2, mark));
    return ts_buf_write_vec(out, 2, m->authorities.data, m->authorities.len);
}

/*
 * struct {
 *     ClientCertificateType certificate_types<1..2^8-1>;     -- u8 each
 *     SignatureAndHashAlgorithm
 *         supported_signature_algorithms<2..2^16-2>;        -- u16 each
 *     DistinguishedName certificate_authorities<0..2^16-1>;
 * } CertificateRequest;
 *
 * opaque DistinguishedName<1..2^16-1>;                      -- DER Name
 *
 * +---+---------+------+-------------+------+------------------------+
 * | T | types   | 2*S  | sigalgs     | len  | DN len | DN | ...      |
 * +---+---------+------+-------------+------+------------------------+
 */
static ts_err parse_types(ts_buf *body, ts_msg_certificate_request *m, ts_fields *f)
{
    ts_buf v;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 1, 1, 0xFF, &v));
    TS_GUARD(ts_fields_add(f, 0, "certificate_types_length", at, 1, "%zu", v.len));
    while (ts_buf_remaining(&v) > 0) {
        uint8_t t;
        at = OFF(f, &v);
        TS_GUARD(ts_buf_read_u8(&v, &t));
        if (m->n_types < TS_CR_MAX_TYPES) {
            m->types[m->n_types++] = t;
        }
        TS_GUARD(ts_fields_add(f, 1, "certificate_type", at, 1, "%s (%u)",
                               t == 1 ? "rsa_sign" : t == 2 ? "dss_sign"
                               : t == 64 ? "ecdsa_sign" : "unknown", t));
    }
    return TS_OK;
}

static ts_err parse_sigalgs(ts_buf *body, ts_msg_certificate_request *m, ts_fields *f)
{
    ts_buf v;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 2, 2, 0xFFFE, &v));
    TS_ENSURE(v.len % 2 == 0, TS_ERR_DECODE);
    TS_GUARD(ts_fields_add(f, 0, "signature_algorithms_length", at, 2, TS_TPL_FIELD_ENTRIES,
                           v.len, v.len / 2));
    while (ts_buf_remaining(&v) > 0) {
        uint16_t a;
        at = OFF(f, &v);
        TS_GUARD(ts_buf_read_u16(&v, &a));
        if (m->n_sigalgs < TS_CR_MAX_SIGALGS) {
            m->sigalgs[m->n_sigalgs++] = a;
        }
        TS_GUARD(ts_fields_add(f, 1, "signature_algorithm", at, 2, "%s (0x%04x)",
                               ts_sigalg_name(a), a));
    }
    return TS_OK;
}

static ts_err parse_authorities(ts_buf *body, ts_msg_certificate_request *m, ts_fields *f)
{
    ts_buf v, dn;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 2, 0, 0xFFFF, &v));
    m->authorities = (ts_msg_bytes){ts_buf_cursor(&v), v.len};
    TS_GUARD(ts_fields_add(f, 0, "certificate_authorities_length", at, 2, "%zu", v.len));
    while (ts_buf_remaining(&v) > 0) {
        at = OFF(f, &v);
        TS_GUARD(ts_buf_read_vec(&v, 2, 1, 0xFFFF, &dn));
        m->n_authorities++;
        TS_GUARD(ts_fields_add_hex(f, 1, "distinguished_name", at + 2, ts_buf_cursor(&dn),
                                   dn.len));
    }
    return TS_OK;
}

static ts_err parse_body(ts_buf *body, ts_msg_certificate_request *m, ts_fields *f)
{
    TS_GUARD(parse_types(body, m, f));
    TS_GUARD(parse_sigalgs(body, m, f));
    TS_GUARD(parse_authorities(body, m, f));
    return ts_buf_expect_end(body);
}

ts_err ts_msg_certificate_request_parse(ts_buf *body, ts_msg_certificate_request *m,
                                        ts_fields *f)
{
    memset(m, 0, sizeof(*m));
    ts_fields_begin(f, body);
    return ts_msg_body_err(parse_body(body, m, f));
}
