/* ts_msg_certificate: Certificate body codec. */
#include "tls/msg/ts_msg_certificate.h"

#include <string.h>

#include "base/ts_templates.h"

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_certificate_write(ts_buf *out, const ts_msg_certificate *m)
{
    TS_ENSURE(m->n_certs <= TS_CERT_MAX_CHAIN, TS_ERR_ARG);
    size_t mark;
    TS_GUARD(ts_buf_vec_begin(out, 3, &mark));
    for (size_t i = 0; i < m->n_certs; i++) {
        TS_GUARD(ts_buf_write_vec(out, 3, m->certs[i].data, m->certs[i].len));
    }
    return ts_buf_vec_end(out, 3, mark);
}

/*
 * opaque ASN.1Cert<1..2^24-1>;
 *
 * struct {
 *     ASN.1Cert certificate_list<0..2^24-1>;
 * } Certificate;
 *
 *  0          3          6              6+L1       9+L1
 * +----------+----------+--------------+----------+--------------+---
 * | list len | cert len | DER cert 1   | cert len | DER cert 2   | ...
 * +----------+----------+--------------+----------+--------------+---
 */
static ts_err parse_body(ts_buf *body, ts_msg_certificate *m, ts_fields *f)
{
    ts_buf list, cert;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 3, 0, 0xFFFFFF, &list));
    TS_GUARD(ts_fields_add(f, 0, "certificates_length", at, 3, "%zu", list.len));
    while (ts_buf_remaining(&list) > 0) {
        TS_ENSURE(m->n_certs < TS_CERT_MAX_CHAIN, TS_ERR_DECODE);
        at = OFF(f, &list);
        TS_GUARD(ts_buf_read_vec(&list, 3, 1, 0xFFFFFF, &cert));
        m->certs[m->n_certs].data = cert.data;
        m->certs[m->n_certs].len = cert.len;
        TS_GUARD(ts_fields_add(f, 1, "certificate", at, 3 + cert.len, TS_TPL_FIELD_NTH_BYTES,
                               m->n_certs, cert.len));
        TS_GUARD(ts_fields_add(f, 2, "certificate_length", at, 3, "%zu", cert.len));
        TS_GUARD(ts_fields_add_hex(f, 2, "certificate_der", at + 3, cert.data, cert.len));
        m->n_certs++;
    }
    return ts_buf_expect_end(body);
}

ts_err ts_msg_certificate_parse(ts_buf *body, ts_msg_certificate *m, ts_fields *f)
{
    memset(m, 0, sizeof(*m));
    ts_fields_begin(f, body);
    return ts_msg_body_err(parse_body(body, m, f));
}
