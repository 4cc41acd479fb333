/* ts_msg_certificate_request13: TLS 1.3 CertificateRequest body codec. */
#include "tls/msg/ts_msg_certificate_request13.h"

#include <string.h>

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_certificate_request13_write(ts_buf *out, const ts_msg_certificate_request13 *m)
{
    TS_ENSURE(m->context.len <= 255, TS_ERR_ARG);
    TS_ENSURE((m->exts.present & TS_EXTF_SIGNATURE_ALGORITHMS) != 0, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_vec(out, 1, m->context.data, m->context.len));
    return ts_msg_exts_write(out, TS_EXT_CTX_CERTIFICATE_REQUEST, &m->exts);
}

/*
 * struct {
 *     opaque certificate_request_context<0..2^8-1>;
 *     Extension extensions<2..2^16-1>;        -- signature_algorithms required
 * } CertificateRequest;
 *
 *  0    1            1+C
 * +----+------------+--------+--------+-------------------------------+
 * | C  | context    | extensions len  | signature_algorithms, ...     |
 * +----+------------+--------+--------+-------------------------------+
 *
 * The context is empty during the handshake; a post-handshake request
 * (RFC 8446 §4.6.2) makes it unique, and the client's Certificate echoes it.
 */
static ts_err parse_body(ts_buf *body, ts_msg_certificate_request13 *m, ts_fields *f)
{
    ts_buf v;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 1, 0, 255, &v));
    m->context = (ts_msg_bytes){v.data, v.len};
    TS_GUARD(ts_fields_add(f, 0, "certificate_request_context_length", at, 1, "%zu", v.len));
    if (v.len > 0) {
        TS_GUARD(ts_fields_add_hex(f, 0, "certificate_request_context", at + 1, v.data, v.len));
    }
    TS_ENSURE(ts_buf_remaining(body) >= 2, TS_ERR_DECODE); /* the block is not optional */
    TS_GUARD(ts_msg_exts_parse(body, TS_EXT_CTX_CERTIFICATE_REQUEST, &m->exts, f));
    TS_ENSURE(m->exts.wire.len >= 2, TS_ERR_DECODE);
    return ts_buf_expect_end(body);
}

ts_err ts_msg_certificate_request13_parse(ts_buf *body, ts_msg_certificate_request13 *m,
                                          ts_fields *f)
{
    memset(m, 0, sizeof(*m));
    ts_fields_begin(f, body);
    TS_GUARD(ts_msg_body_err(parse_body(body, m, f)));
    /* RFC 8446 §4.3.2: "The "signature_algorithms" extension MUST be specified" */
    TS_ENSURE((m->exts.present & TS_EXTF_SIGNATURE_ALGORITHMS) != 0, TS_ERR_MISSING_EXTENSION);
    return TS_OK;
}
