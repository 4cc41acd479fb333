/* ts_msg_certificate_request: the CertificateRequest body (RFC 5246
 * §7.4.4): the certificate types and signature algorithms the server
 * accepts for a client certificate, and the names of the CAs it trusts.
 * Return convention and lifetimes: see ts_msg_handshake.h (the CA names
 * are a view into the body). */
#ifndef TS_MSG_CERTIFICATE_REQUEST_H
#define TS_MSG_CERTIFICATE_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_handshake.h"

#define TS_CERT_TYPE_RSA_SIGN 1 /* ClientCertificateType rsa_sign */
#define TS_CR_MAX_TYPES 16      /* types kept (a longer list is fine) */
#define TS_CR_MAX_SIGALGS 64    /* signature algorithms kept (likewise) */

typedef struct {
    uint8_t types[TS_CR_MAX_TYPES];      /* certificate_types (parse: the first) */
    size_t n_types;
    uint16_t sigalgs[TS_CR_MAX_SIGALGS]; /* supported_signature_algorithms */
    size_t n_sigalgs;
    ts_msg_bytes authorities;            /* certificate_authorities, as on the
                                            wire (DistinguishedName vectors) */
    size_t n_authorities;                /* parse: how many names it holds */
} ts_msg_certificate_request;

/* Appends the CertificateRequest body described by m (authorities: the
 * already-encoded list content, may be empty). TS_ERR_ARG for a count
 * beyond its array or an empty types or sigalgs list. */
ts_err ts_msg_certificate_request_write(ts_buf *out, const ts_msg_certificate_request *m);

/* Parses a whole CertificateRequest body into m, adding fields to f (may
 * be NULL). Checks syntax and bounds only. */
ts_err ts_msg_certificate_request_parse(ts_buf *body, ts_msg_certificate_request *m,
                                        ts_fields *f);

#endif
