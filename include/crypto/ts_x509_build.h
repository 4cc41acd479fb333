/* ts_x509_build: making X.509 v3 DER certificates signed with
 * sha256WithRSAEncryption, and the toy PKI (a self-signed CA and a server
 * certificate) the simulator and `tlsstep cert` use. Functions return ts_err. */
#ifndef TS_X509_BUILD_H
#define TS_X509_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_x509.h"

/* What goes into a certificate besides the keys and the issuer. */
typedef struct {
    const char *subject_cn;   /* required, 1..64 bytes */
    const char *subject_org;  /* may be NULL */
    const char *dns_name;     /* subjectAltName dNSName; NULL for none (a CA) */
    const uint8_t *serial;    /* big-endian, positive, 1..20 bytes */
    size_t serial_len;
    ts_time not_before, not_after;
    bool is_ca;
} ts_cert_spec;

/* Appends to der a certificate for spec and subject_pub, issued by
 * (issuer_cn, issuer_org) and signed with issuer_priv: version 3,
 * sha256WithRSAEncryption, Names O then CN (PrintableString when the text
 * allows, else UTF8String), extensions basicConstraints (critical),
 * keyUsage (critical; CA: keyCertSign|cRLSign, else digitalSignature|
 * keyEncipherment), subjectAltName (when dns_name), subjectKeyIdentifier
 * (leftmost 160 bits of SHA-256 of the key, RFC 7093 method 1) and, when
 * the issuer key differs from the subject key, authorityKeyIdentifier.
 * TS_ERR_ARG for a bad spec. */
ts_err ts_x509_build(const ts_cert_spec *spec, const ts_rsa_key *subject_pub,
                     const ts_rsa_key *issuer_priv, const char *issuer_cn,
                     const char *issuer_org, ts_buf *der);

/* The key identifier ts_x509_build uses for k: 20 bytes into id. */
ts_err ts_x509_key_id(const ts_rsa_key *k, uint8_t id[20]);

#define TS_X509_CA_CN "tlsstep toy CA"
#define TS_X509_CA_ORG "tlsstep"
#define TS_X509_CLIENT_CN "tlsstep client"
#define TS_X509_OTHER_CA_CN "tlsstep other CA" /* a CA the toy PKI's server does not trust */

/* Appends to der a client certificate (mutual TLS) for client_pub: CN
 * TS_X509_CLIENT_CN, O TS_X509_CA_ORG, no subjectAltName, keyUsage
 * digitalSignature|keyEncipherment, issued by (issuer_cn, TS_X509_CA_ORG)
 * and signed with issuer_key, valid [not_before, not_after]; its 8-byte
 * serial drawn from rng. */
ts_err ts_x509_make_client_cert(ts_rng *rng, const ts_rsa_key *issuer_key, const char *issuer_cn,
                                const ts_rsa_key *client_pub, ts_time not_before,
                                ts_time not_after, ts_buf *der);

/* Appends to ca_der a self-signed certificate for ca_key (CN
 * TS_X509_CA_CN, O TS_X509_CA_ORG, valid [now - 1 day, now + 3652 days])
 * and to server_der one for server_pub naming host (SAN dNSName host; CN
 * as ts_x509_make_pki says), signed by ca_key and valid [now - 1 day,
 * now + 365 days]; the CA serial, then the server serial, drawn from rng. */
ts_err ts_x509_make_certs(ts_rng *rng, const ts_rsa_key *ca_key, const ts_rsa_key *server_pub,
                          const char *host, ts_time now, ts_buf *ca_der, ts_buf *server_der);

/* Makes the toy PKI from keygen_rng, in this order: the CA key, the server
 * key (both bits bits, e = 65537), the CA serial, the server serial (8
 * bytes each, top bit clear, next bit set). The CA (CN TS_X509_CA_CN,
 * O TS_X509_CA_ORG) is self-signed and valid [now - 1 day, now + 3652 days];
 * the server certificate (SAN dNSName host; CN host too, or "tlsstep server"
 * when host is longer than the 64 bytes a CN may hold) is valid
 * [now - 1 day, now + 365 days]. TS_ERR_RSA_SIZE unless 512 <= bits <= 4096.
 * On success the caller owns *ca_key and *server_key (ts_rsa_free) and the
 * DER appended to ca_der and server_der; on failure nothing is appended. */
ts_err ts_x509_make_pki(ts_rng *keygen_rng, unsigned bits, const char *host, ts_time now,
                        ts_rsa_key **ca_key, ts_buf *ca_der, ts_rsa_key **server_key,
                        ts_buf *server_der);

#endif
