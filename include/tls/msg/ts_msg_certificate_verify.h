/* ts_msg_certificate_verify: the CertificateVerify body (RFC 8446 §4.4.3,
 * and the same bytes in TLS 1.2, RFC 5246 §7.4.8): the signature scheme
 * and the signature. What is signed is the engine's business. Return
 * convention and lifetimes: see ts_msg_handshake.h.
 *
 *   struct {
 *       SignatureScheme algorithm;      u16
 *       opaque signature<0..2^16-1>;
 *   } CertificateVerify;
 */
#ifndef TS_MSG_CERTIFICATE_VERIFY_H
#define TS_MSG_CERTIFICATE_VERIFY_H

#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_handshake.h"

typedef struct {
    uint16_t sigalg;
    ts_msg_bytes signature;
} ts_msg_certificate_verify;

/* Appends the body. */
ts_err ts_msg_certificate_verify_write(ts_buf *out, const ts_msg_certificate_verify *m);

/* Parses a whole body into m (signature views into body). */
ts_err ts_msg_certificate_verify_parse(ts_buf *body, ts_msg_certificate_verify *m,
                                       ts_fields *f);

#endif
