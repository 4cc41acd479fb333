/* ts_msg_certificate13: the TLS 1.3 Certificate body (RFC 8446 §4.4.2):
 * a request context (empty for a server's certificate) and a list of
 * entries, each a DER certificate followed by its own extensions. Return
 * convention and lifetimes: see ts_msg_handshake.h (views into the body).
 *
 *   struct {
 *       opaque cert_data<1..2^24-1>;
 *       Extension extensions<0..2^16-1>;
 *   } CertificateEntry;
 *
 *   struct {
 *       opaque certificate_request_context<0..2^8-1>;
 *       CertificateEntry certificate_list<0..2^24-1>;
 *   } Certificate;
 */
#ifndef TS_MSG_CERTIFICATE13_H
#define TS_MSG_CERTIFICATE13_H

#include <stddef.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_certificate.h" /* TS_CERT_MAX_CHAIN */
#include "tls/msg/ts_msg_handshake.h"

typedef struct {
    ts_msg_bytes context;                  /* 0..255 bytes */
    ts_msg_bytes certs[TS_CERT_MAX_CHAIN]; /* DER, each 1..2^24-1 bytes */
    ts_msg_bytes cert_exts[TS_CERT_MAX_CHAIN]; /* each entry's extensions block
                                                  content (write: usually empty) */
    size_t n_certs;                        /* 0 is legal (a client with none) */
} ts_msg_certificate13;

/* Appends the body described by m. TS_ERR_ARG for a context over 255
 * bytes, more than TS_CERT_MAX_CHAIN certificates or an empty one. */
ts_err ts_msg_certificate13_write(ts_buf *out, const ts_msg_certificate13 *m);

/* Parses a whole body into m (more than TS_CERT_MAX_CHAIN entries:
 * TS_ERR_DECODE; an entry's extensions block must parse as extensions). */
ts_err ts_msg_certificate13_parse(ts_buf *body, ts_msg_certificate13 *m, ts_fields *f);

#endif
