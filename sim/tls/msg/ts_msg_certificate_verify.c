/* ts_msg_certificate_verify: CertificateVerify body codec. */
#include "tls/msg/ts_msg_certificate_verify.h"

#include <string.h>

#include "tls/msg/ts_msg_extensions.h" /* ts_sigalg_name */

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_certificate_verify_write(ts_buf *out, const ts_msg_certificate_verify *m)
{
    TS_GUARD(ts_buf_write_u16(out, m->sigalg));
    return ts_buf_write_vec(out, 2, m->signature.data, m->signature.len);
}

/*
 * struct {
 *     SignatureScheme algorithm;              -- u16, e.g. 08 04 rsa_pss_rsae_sha256
 *     opaque signature<0..2^16-1>;
 * } CertificateVerify;
 *
 *  0        2        4
 * +--------+--------+--------+--------+----------------------------+
 * | algorithm       | sig length      | signature                  |
 * +--------+--------+--------+--------+----------------------------+
 *
 * TLS 1.3 signs 64 spaces, "TLS 1.3, server CertificateVerify" (or
 * client), a zero byte and the transcript hash (RFC 8446 §4.4.3); TLS 1.2
 * signs the handshake messages themselves (RFC 5246 §7.4.8).
 */
static ts_err parse_body(ts_buf *body, ts_msg_certificate_verify *m, ts_fields *f)
{
    ts_buf sig;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_u16(body, &m->sigalg));
    TS_GUARD(ts_fields_add(f, 0, "algorithm", at, 2, "%s (0x%04x)", ts_sigalg_name(m->sigalg),
                           m->sigalg));
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 2, 0, 0xFFFF, &sig));
    m->signature = (ts_msg_bytes){sig.data, sig.len};
    TS_GUARD(ts_fields_add(f, 0, "signature_length", at, 2, "%zu", sig.len));
    TS_GUARD(ts_fields_add_hex(f, 0, "signature", at + 2, sig.data, sig.len));
    return ts_buf_expect_end(body);
}

ts_err ts_msg_certificate_verify_parse(ts_buf *body, ts_msg_certificate_verify *m,
                                       ts_fields *f)
{
    memset(m, 0, sizeof(*m));
    ts_fields_begin(f, body);
    return ts_msg_body_err(parse_body(body, m, f));
}
