/* ts_err: error codes of tlsstep and their text, in one table.
 *
 * Return convention (stated once, for the whole project): a function that
 * can fail returns ts_err; TS_OK (0) means success, anything else names the
 * failure. Outputs are written only on success unless a contract says so. */
#ifndef TS_ERR_H
#define TS_ERR_H

#include "base/ts_i18n.h"
#include "base/ts_lang.h"

/* Every error code with its English text, in one list (an X-macro):
 * X(code, english). The enum and the tables are built from it, so a code
 * cannot lack a text; the other languages come from the catalogue
 * (sim/po), which tests/i18n checks holds every one. */
#define TS_ERR_LIST(X)                                                                      \
    X(TS_OK, N_("success"))                                                                 \
    /* base */                                                                              \
    X(TS_ERR_NOMEM, N_("out of memory"))                                                    \
    X(TS_ERR_ARG, N_("invalid argument"))                                                   \
    X(TS_ERR_SHORT, N_("data ends too early"))                                              \
    X(TS_ERR_TOO_LONG, N_("length exceeds what the field can carry"))                       \
    X(TS_ERR_TRAILING, N_("unexpected bytes after the end"))                                \
    X(TS_ERR_HEX, N_("malformed hex string"))                                               \
    X(TS_ERR_IO, N_("file could not be read or written"))                                   \
    X(TS_ERR_BASE64, N_("malformed base64"))                                                \
    X(TS_ERR_PEM, N_("malformed PEM or wrong PEM label"))                                   \
    /* crypto */                                                                            \
    X(TS_ERR_RNG, N_("random stream misused"))                                              \
    X(TS_ERR_HASH, N_("unknown hash"))                                                      \
    X(TS_ERR_RSA_SIZE, N_("RSA modulus size out of range"))                                 \
    X(TS_ERR_RSA_EXPONENT, N_("RSA public exponent unusable"))                              \
    X(TS_ERR_RSA_KEY, N_("RSA key inconsistent"))                                           \
    X(TS_ERR_RSA_RANGE, N_("RSA input is not smaller than the modulus"))                    \
    X(TS_ERR_RSA_MSG_LEN, N_("message too long for the RSA modulus"))                       \
    X(TS_ERR_PADDING, N_("PKCS#1 padding invalid"))                                         \
    X(TS_ERR_SIGNATURE, N_("signature does not verify"))                                    \
    X(TS_ERR_DH_PUBLIC, N_("Diffie-Hellman public value invalid"))                          \
    X(TS_ERR_AEAD_UNAVAILABLE,                                                              \
      N_("AES-256-GCM needs AES-NI, which this CPU lacks; use --suite ecdhe, dhe or null")) \
    X(TS_ERR_DECRYPT, N_("authentication tag or MAC does not verify"))                      \
    X(TS_ERR_DER, N_("malformed DER"))                                                      \
    X(TS_ERR_X509, N_("certificate structure not supported"))                               \
    X(TS_ERR_CERT_SIGNATURE, N_("certificate signature does not verify with the CA's key")) \
    X(TS_ERR_CERT_ISSUER, N_("certificate issuer does not match the CA"))                   \
    X(TS_ERR_CERT_HOST, N_("certificate does not name the host"))                           \
    X(TS_ERR_CERT_EXPIRED, N_("certificate is not valid at the session's time"))            \
    X(TS_ERR_CERT_CA, N_("issuer is not a certificate authority"))                          \
    /* protocol */                                                                          \
    X(TS_ERR_RECORD, N_("malformed record header"))                                         \
    X(TS_ERR_RECORD_OVERFLOW, N_("record longer than TLS allows"))                          \
    X(TS_ERR_VERSION, N_("protocol version not supported"))                                 \
    X(TS_ERR_UNEXPECTED, N_("message not expected in this state"))                          \
    X(TS_ERR_DECODE, N_("message could not be decoded"))                                    \
    X(TS_ERR_ILLEGAL, N_("field has an illegal value"))                                     \
    X(TS_ERR_NO_SUITE, N_("no cipher suite in common"))                                     \
    X(TS_ERR_INSUFFICIENT, N_("the peer offers only parameters too weak or unknown"))       \
    X(TS_ERR_RECORD_TYPE, N_("record of an unknown content type"))                          \
    X(TS_ERR_FINISHED, N_("Finished verify_data does not match"))                           \
    X(TS_ERR_MISSING_EXTENSION, N_("a required extension is missing"))                      \
    X(TS_ERR_UNSUPPORTED_EXTENSION, N_("an extension not allowed in this message"))         \
    X(TS_ERR_CERT_REQUIRED, N_("the peer sent no certificate but one is required"))         \
    X(TS_ERR_ALERT, N_("peer sent a fatal alert"))                                          \
    X(TS_ERR_CLOSED, N_("connection closed"))                                               \
    X(TS_ERR_TIMEOUT, N_("peer did not answer in time"))                                    \
    X(TS_ERR_NET, N_("network error"))                                                      \
    /* content */                                                                           \
    X(TS_ERR_LESSON, N_("lesson file invalid"))                                             \
    X(TS_ERR_USAGE, N_("command line invalid"))

typedef enum {
#define TS_ERR_ENUM_(code, en) code,
    TS_ERR_LIST(TS_ERR_ENUM_)
#undef TS_ERR_ENUM_
    TS_ERR_COUNT
} ts_err;

/* Returns the one-line text of err in lang (English or Korean); never NULL. */
const char *ts_err_str(ts_err err, ts_lang lang);

/* Returns the symbolic name of err ("TS_ERR_SHORT"); never NULL. */
const char *ts_err_name(ts_err err);

/* Evaluates expr once; returns its error from the calling function if any. */
#define TS_GUARD(expr)                                                         \
    do {                                                                       \
        ts_err ts_guard_err_ = (expr);                                         \
        if (ts_guard_err_ != TS_OK) {                                          \
            return ts_guard_err_;                                              \
        }                                                                      \
    } while (0)

/* Returns err from the calling function when cond is false. */
#define TS_ENSURE(cond, err)                                                   \
    do {                                                                       \
        if (!(cond)) {                                                         \
            return (err);                                                      \
        }                                                                      \
    } while (0)

#endif
