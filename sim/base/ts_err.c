/* ts_err: the error table. */
#include "base/ts_err.h"

#include <stddef.h>

static const struct {
    const char *name;
    const char *text;
} ts_err_table[TS_ERR_COUNT] = {
#define E(code, text) [code] = {#code, text}
    E(TS_OK, "success"),
    E(TS_ERR_NOMEM, "out of memory"),
    E(TS_ERR_ARG, "invalid argument"),
    E(TS_ERR_SHORT, "data ends too early"),
    E(TS_ERR_TOO_LONG, "length exceeds what the field can carry"),
    E(TS_ERR_TRAILING, "unexpected bytes after the end"),
    E(TS_ERR_HEX, "malformed hex string"),
    E(TS_ERR_IO, "file could not be read or written"),
    E(TS_ERR_BASE64, "malformed base64"),
    E(TS_ERR_PEM, "malformed PEM or wrong PEM label"),
    E(TS_ERR_RNG, "random stream misused"),
    E(TS_ERR_HASH, "unknown hash"),
    E(TS_ERR_RSA_SIZE, "RSA modulus size out of range"),
    E(TS_ERR_RSA_EXPONENT, "RSA public exponent unusable"),
    E(TS_ERR_RSA_KEY, "RSA key inconsistent"),
    E(TS_ERR_RSA_RANGE, "RSA input is not smaller than the modulus"),
    E(TS_ERR_RSA_MSG_LEN, "message too long for the RSA modulus"),
    E(TS_ERR_PADDING, "PKCS#1 padding invalid"),
    E(TS_ERR_SIGNATURE, "signature does not verify"),
    E(TS_ERR_DH_PUBLIC, "Diffie-Hellman public value invalid"),
    E(TS_ERR_AEAD_UNAVAILABLE,
      "AES-256-GCM needs AES-NI, which this CPU lacks; use --suite ecdhe, dhe or null"),
    E(TS_ERR_DECRYPT, "authentication tag or MAC does not verify"),
    E(TS_ERR_DER, "malformed DER"),
    E(TS_ERR_X509, "certificate structure not supported"),
    E(TS_ERR_CERT_SIGNATURE, "certificate signature does not verify with the CA's key"),
    E(TS_ERR_CERT_ISSUER, "certificate issuer does not match the CA"),
    E(TS_ERR_CERT_HOST, "certificate does not name the host"),
    E(TS_ERR_CERT_EXPIRED, "certificate is not valid at the session's time"),
    E(TS_ERR_CERT_CA, "issuer is not a certificate authority"),
    E(TS_ERR_RECORD, "malformed record header"),
    E(TS_ERR_RECORD_OVERFLOW, "record longer than TLS allows"),
    E(TS_ERR_VERSION, "protocol version not supported"),
    E(TS_ERR_UNEXPECTED, "message not expected in this state"),
    E(TS_ERR_DECODE, "message could not be decoded"),
    E(TS_ERR_ILLEGAL, "field has an illegal value"),
    E(TS_ERR_NO_SUITE, "no cipher suite in common"),
    E(TS_ERR_INSUFFICIENT, "the peer offers only parameters too weak or unknown"),
    E(TS_ERR_RECORD_TYPE, "record of an unknown content type"),
    E(TS_ERR_FINISHED, "Finished verify_data does not match"),
    E(TS_ERR_ALERT, "peer sent a fatal alert"),
    E(TS_ERR_CLOSED, "connection closed"),
    E(TS_ERR_TIMEOUT, "peer did not answer in time"),
    E(TS_ERR_NET, "network error"),
    E(TS_ERR_LESSON, "lesson file invalid"),
    E(TS_ERR_USAGE, "command line invalid"),
#undef E
};

const char *ts_err_str(ts_err err)
{
    if ((int)err < 0 || err >= TS_ERR_COUNT || ts_err_table[err].text == NULL) {
        return "unknown error";
    }
    return ts_err_table[err].text;
}

const char *ts_err_name(ts_err err)
{
    if ((int)err < 0 || err >= TS_ERR_COUNT || ts_err_table[err].name == NULL) {
        return "TS_ERR_UNKNOWN";
    }
    return ts_err_table[err].name;
}
