/* ts_mtls: client certificates (mutual TLS) in both versions, for the
 * endpoint's handshake tables: the server's CertificateRequest and its
 * checks of the client's Certificate and CertificateVerify; the client's
 * answer (its chain, or an empty Certificate) and its signature. TLS 1.2:
 * RFC 5246 7.4.4, 7.4.6, 7.4.8; TLS 1.3: RFC 8446 4.3.2, 4.4.2, 4.4.3.
 * Each handler fails with the alert the RFC names (ts_ep_fail). */
#ifndef TS_MTLS_H
#define TS_MTLS_H

#include <stdbool.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "tls/internal/ts_endpoint.h"

/* True when the client's certificate crossed (so CertificateVerify follows). */
bool ts_mtls_client_cert(const ts_conn *c);

/* Server, TLS 1.2: CertificateRequest: rsa_sign, rsa_pkcs1 with SHA-256,
 * SHA-384, SHA-512, and the name of the CA it trusts. */
ts_err ts_mtls_write_request(ts_conn *c);

/* Server, TLS 1.3: CertificateRequest with an empty context,
 * signature_algorithms (rsa_pss_rsae with SHA-256, SHA-384, SHA-512) and
 * certificate_authorities (the name of the CA it trusts). */
ts_err ts_mtls_write_request13(ts_conn *c);

/* Client: reads a CertificateRequest of TLS 1.2 (or 1.3) and decides
 * whether it answers with its certificate: it has one and a signature
 * algorithm the server accepts fits its key. */
ts_err ts_mtls_read_request(ts_conn *c, ts_buf *body);
ts_err ts_mtls_read_request13(ts_conn *c, ts_buf *body);

/* Client: its Certificate (its chain, or an empty list), TLS 1.2 or 1.3
 * (with the request's context). */
ts_err ts_mtls_write_certificate(ts_conn *c);
ts_err ts_mtls_write_certificate13(ts_conn *c);

/* Server: reads the client's Certificate: empty is fine when it only asked
 * (handshake_failure in 1.2 and certificate_required in 1.3 when it
 * requires one); a certificate must be signed by its CA, in date at the
 * session's clock and, with keyUsage, allowed to sign. */
ts_err ts_mtls_read_certificate(ts_conn *c, ts_buf *body);
ts_err ts_mtls_read_certificate13(ts_conn *c, ts_buf *body);

/* Client: CertificateVerify: TLS 1.2, PKCS#1 v1.5 over the hash of the
 * handshake messages so far; TLS 1.3, RSA-PSS over the transcript hash
 * with the client's context string. */
ts_err ts_mtls_write_verify(ts_conn *c);
ts_err ts_mtls_write_verify13(ts_conn *c);

/* Server: checks the client's CertificateVerify with the key of its
 * certificate; decrypt_error when it does not verify. */
ts_err ts_mtls_read_verify(ts_conn *c, ts_buf *body);
ts_err ts_mtls_read_verify13(ts_conn *c, ts_buf *body);

#endif
