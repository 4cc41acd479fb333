/* ts_err: error codes of tlsstep and their text, in one table.
 *
 * Return convention (stated once, for the whole project): a function that
 * can fail returns ts_err; TS_OK (0) means success, anything else names the
 * failure. Outputs are written only on success unless a contract says so. */
#ifndef TS_ERR_H
#define TS_ERR_H

typedef enum {
    TS_OK = 0,
    /* base */
    TS_ERR_NOMEM,          /* out of memory */
    TS_ERR_ARG,            /* invalid argument */
    TS_ERR_SHORT,          /* read past the end of the data */
    TS_ERR_TOO_LONG,       /* length exceeds what the field can carry */
    TS_ERR_TRAILING,       /* unexpected bytes after the end */
    TS_ERR_HEX,            /* malformed hex string */
    TS_ERR_IO,             /* file could not be read or written */
    TS_ERR_BASE64,         /* malformed base64 */
    TS_ERR_PEM,            /* malformed PEM or wrong PEM label */
    /* crypto */
    TS_ERR_RNG,            /* random stream misuse */
    TS_ERR_HASH,           /* unknown hash */
    TS_ERR_RSA_SIZE,       /* RSA modulus size out of range */
    TS_ERR_RSA_EXPONENT,   /* RSA public exponent unusable */
    TS_ERR_RSA_KEY,        /* RSA key inconsistent */
    TS_ERR_RSA_RANGE,      /* RSA input not smaller than the modulus */
    TS_ERR_RSA_MSG_LEN,    /* message too long for the modulus */
    TS_ERR_PADDING,        /* PKCS#1 padding invalid */
    TS_ERR_SIGNATURE,      /* signature does not verify */
    TS_ERR_DH_PUBLIC,      /* Diffie-Hellman public value invalid */
    TS_ERR_AEAD_UNAVAILABLE, /* AES-256-GCM needs AES-NI, which this CPU lacks */
    TS_ERR_DECRYPT,        /* authentication tag or MAC does not verify */
    TS_ERR_DER,            /* malformed DER */
    TS_ERR_X509,           /* certificate structure not supported */
    TS_ERR_CERT_SIGNATURE, /* certificate signature does not verify */
    TS_ERR_CERT_ISSUER,    /* certificate issuer does not match the CA */
    TS_ERR_CERT_HOST,      /* certificate does not name the host */
    TS_ERR_CERT_EXPIRED,   /* certificate not valid at the session's time */
    TS_ERR_CERT_CA,        /* issuer is not a certificate authority */
    /* protocol */
    TS_ERR_RECORD,         /* malformed record header */
    TS_ERR_RECORD_OVERFLOW,/* record longer than TLS allows */
    TS_ERR_VERSION,        /* protocol version not supported */
    TS_ERR_UNEXPECTED,     /* message not expected in this state */
    TS_ERR_DECODE,         /* message could not be decoded */
    TS_ERR_ILLEGAL,        /* field has an illegal value */
    TS_ERR_NO_SUITE,       /* no cipher suite in common */
    TS_ERR_INSUFFICIENT,   /* the peer offers only parameters too weak or unknown */
    TS_ERR_RECORD_TYPE,    /* record of an unknown content type */
    TS_ERR_FINISHED,       /* Finished verify_data does not match */
    TS_ERR_ALERT,          /* peer sent a fatal alert */
    TS_ERR_CLOSED,         /* connection closed */
    TS_ERR_TIMEOUT,        /* peer did not answer in time */
    TS_ERR_NET,            /* network error */
    /* content */
    TS_ERR_LESSON,         /* lesson file invalid */
    TS_ERR_USAGE,          /* command line invalid */
    TS_ERR_COUNT
} ts_err;

/* Returns the one-line English text of err; never NULL. */
const char *ts_err_str(ts_err err);

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
