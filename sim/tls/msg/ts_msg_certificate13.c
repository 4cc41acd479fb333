/* ts_msg_certificate13: TLS 1.3 Certificate body codec. */
#include "tls/msg/ts_msg_certificate13.h"

#include <string.h>

#include "base/ts_templates.h"
#include "tls/msg/ts_msg_extensions.h"

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_certificate13_write(ts_buf *out, const ts_msg_certificate13 *m)
{
    TS_ENSURE(m->context.len <= 255, TS_ERR_ARG);
    TS_ENSURE(m->n_certs <= TS_CERT_MAX_CHAIN, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_vec(out, 1, m->context.data, m->context.len));
    size_t mark;
    TS_GUARD(ts_buf_vec_begin(out, 3, &mark));
    for (size_t i = 0; i < m->n_certs; i++) {
        TS_ENSURE(m->certs[i].len >= 1, TS_ERR_ARG);
        TS_GUARD(ts_buf_write_vec(out, 3, m->certs[i].data, m->certs[i].len));
        TS_GUARD(ts_buf_write_vec(out, 2, m->cert_exts[i].data, m->cert_exts[i].len));
    }
    return ts_buf_vec_end(out, 3, mark);
}

/* An entry's extensions block from list's cursor into e, its fields two
 * levels deeper than the block parser puts them (under the entry). */
static ts_err parse_entry_exts(ts_buf *list, ts_msg_exts *e, ts_fields *f)
{
    TS_ENSURE(ts_buf_remaining(list) >= 2, TS_ERR_DECODE); /* the block is not optional */
    if (f == NULL) {
        return ts_msg_exts_parse(list, TS_EXT_CTX_CERTIFICATE, e, NULL);
    }
    ts_fields sub;
    ts_fields_init(&sub);
    sub.origin = f->origin;
    sub.base = f->base;
    ts_err err = ts_msg_exts_parse(list, TS_EXT_CTX_CERTIFICATE, e, &sub);
    for (size_t i = 0; i < sub.n; i++) {
        const ts_field *it = &sub.items[i];
        ts_err added = ts_fields_add(f, it->depth + 2, it->name, it->offset, it->len, "%s",
                                     it->value);
        err = err != TS_OK ? err : added;
    }
    ts_fields_free(&sub);
    return err;
}

/* Bytes of the CertificateEntry at list's cursor, read silently; the rest
 * of the list when it does not parse (the real read then says why). */
static size_t entry_len(const ts_buf *list)
{
    ts_buf probe = *list, cert, exts;
    if (ts_buf_read_vec(&probe, 3, 1, 0xFFFFFF, &cert) != TS_OK ||
        ts_buf_read_vec(&probe, 2, 0, 0xFFFF, &exts) != TS_OK) {
        return ts_buf_remaining(list);
    }
    return probe.pos - list->pos;
}

/*
 * struct {
 *     opaque cert_data<1..2^24-1>;            -- DER X.509 (certificate_type X509)
 *     Extension extensions<0..2^16-1>;        -- status_request, SCT, ...
 * } CertificateEntry;
 *
 * struct {
 *     opaque certificate_request_context<0..2^8-1>;
 *     CertificateEntry certificate_list<0..2^24-1>;
 * } Certificate;
 *
 *  0    1         1+C        4+C        7+C           7+C+L1     9+C+L1
 * +----+---------+----------+----------+-------------+----------+--------+---
 * | C  | context | list len | cert len | cert_data 1 | ext len  | exts 1 | ...
 * +----+---------+----------+----------+-------------+----------+--------+---
 */
static ts_err parse_body(ts_buf *body, ts_msg_certificate13 *m, ts_fields *f)
{
    ts_buf v, list, cert;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 1, 0, 255, &v));
    m->context = (ts_msg_bytes){v.data, v.len};
    TS_GUARD(ts_fields_add(f, 0, "certificate_request_context_length", at, 1, "%zu", v.len));
    if (v.len > 0) {
        TS_GUARD(ts_fields_add_hex(f, 0, "certificate_request_context", at + 1, v.data, v.len));
    }
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 3, 0, 0xFFFFFF, &list));
    TS_GUARD(ts_fields_add(f, 0, "certificate_list_length", at, 3, "%zu", list.len));
    while (ts_buf_remaining(&list) > 0) {
        TS_ENSURE(m->n_certs < TS_CERT_MAX_CHAIN, TS_ERR_DECODE);
        at = OFF(f, &list);
        size_t n = entry_len(&list);
        TS_GUARD(ts_fields_add(f, 1, "certificate_entry", at, n, TS_TPL_FIELD_NTH_BYTES,
                               m->n_certs, n));
        TS_GUARD(ts_buf_read_vec(&list, 3, 1, 0xFFFFFF, &cert));
        m->certs[m->n_certs] = (ts_msg_bytes){cert.data, cert.len};
        TS_GUARD(ts_fields_add(f, 2, "cert_data_length", at, 3, "%zu", cert.len));
        TS_GUARD(ts_fields_add_hex(f, 2, "cert_data", at + 3, cert.data, cert.len));
        ts_msg_exts e;
        TS_GUARD(parse_entry_exts(&list, &e, f));
        m->cert_exts[m->n_certs] = (ts_msg_bytes){ts_buf_cursor(&e.wire), e.wire.len};
        m->n_certs++;
    }
    return ts_buf_expect_end(body);
}

ts_err ts_msg_certificate13_parse(ts_buf *body, ts_msg_certificate13 *m, ts_fields *f)
{
    memset(m, 0, sizeof(*m));
    ts_fields_begin(f, body);
    return ts_msg_body_err(parse_body(body, m, f));
}
