/* ts_msg_certificate_request13: the TLS 1.3 CertificateRequest body (RFC
 * 8446 §4.3.2): a context the client echoes in its Certificate, and
 * extensions, of which signature_algorithms is required. Return convention
 * and lifetimes: see ts_msg_handshake.h.
 *
 *   struct {
 *       opaque certificate_request_context<0..2^8-1>;
 *       Extension extensions<2..2^16-1>;
 *   } CertificateRequest;
 */
#ifndef TS_MSG_CERTIFICATE_REQUEST13_H
#define TS_MSG_CERTIFICATE_REQUEST13_H

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_handshake.h"

typedef struct {
    ts_msg_bytes context;  /* 0..255 bytes */
    ts_msg_exts exts;      /* must hold signature_algorithms */
} ts_msg_certificate_request13;

/* Appends the body. TS_ERR_ARG for a context over 255 bytes or no
 * signature_algorithms. */
ts_err ts_msg_certificate_request13_write(ts_buf *out, const ts_msg_certificate_request13 *m);

/* Parses a whole body into m; without signature_algorithms:
 * TS_ERR_MISSING_EXTENSION
 * (RFC 8446 §4.3.2: missing_extension). */
ts_err ts_msg_certificate_request13_parse(ts_buf *body, ts_msg_certificate_request13 *m,
                                          ts_fields *f);

#endif
