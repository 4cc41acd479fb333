/* ts_x509_parse: reading an X.509 v3 DER certificate into a ts_cert
 * (ts_x509.h). Strict and bounded: malformed input gives TS_ERR_DER,
 * well-formed but unsupported input TS_ERR_X509, never a crash. */
#ifndef TS_X509_PARSE_H
#define TS_X509_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_x509.h"

/* Parses the n bytes at der (one Certificate, nothing after it) into out,
 * which keeps its own copy. Supported: sha256WithRSAEncryption signatures
 * and rsaEncryption keys (else TS_ERR_X509); unknown non-critical
 * extensions are skipped, unknown critical ones rejected (TS_ERR_X509).
 * On failure out is left empty (ts_x509_free on it is harmless). */
ts_err ts_x509_parse(const uint8_t *der, size_t n, ts_cert *out);

/* Frees what c owns and empties it (an empty or failed c is fine). */
void ts_x509_free(ts_cert *c);

#endif
