/* ts_msg_certificate: the Certificate body (RFC 5246 §7.4.2): a chain of
 * DER certificates, sender's first. Return convention and lifetimes: see
 * ts_msg_handshake.h (parsed certificates are views into the body). */
#ifndef TS_MSG_CERTIFICATE_H
#define TS_MSG_CERTIFICATE_H

#include <stddef.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_handshake.h"

#define TS_CERT_MAX_CHAIN 8 /* more certificates: TS_ERR_DECODE */

typedef struct {
    ts_msg_bytes certs[TS_CERT_MAX_CHAIN]; /* DER, each 1..2^24-1 bytes */
    size_t n_certs;                        /* 0 is legal (a client with none) */
} ts_msg_certificate;

/* Appends the Certificate body: the chain m->certs[0..n_certs). */
ts_err ts_msg_certificate_write(ts_buf *out, const ts_msg_certificate *m);

/* Parses a whole Certificate body; m->certs view into body's bytes. */
ts_err ts_msg_certificate_parse(ts_buf *body, ts_msg_certificate *m, ts_fields *f);

#endif
