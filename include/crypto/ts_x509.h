/* ts_x509: the certificate model of tlsstep (X.509 v3, RFC 5280) and its
 * checks: the simulation clock and certificate times, signature and chain
 * verification, PEM. Building a certificate is in ts_x509_build.h, reading
 * DER into a ts_cert in ts_x509_parse.h. Functions that can fail return
 * ts_err (see ts_err.h). */
#ifndef TS_X509_H
#define TS_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_rsa.h"

/* The simulation's clock: seconds since 1970-01-01T00:00:00Z (no leap
 * seconds). The library never reads the system clock; callers supply it. */
typedef int64_t ts_time;

/* A UTC calendar date and time. */
typedef struct {
    int year;   /* 0..9999 */
    int month;  /* 1..12 */
    int day;    /* 1..31 (checked against the month) */
    int hour;   /* 0..23 */
    int minute; /* 0..59 */
    int second; /* 0..59 */
} ts_civil;

#define TS_X509_NAME_MAX 256 /* bytes of a stored CN, O or DNS name, NUL included */
#define TS_X509_MAX_DNS 8    /* DNS names kept for display (all are matched) */
#define TS_X509_MAX_SERIAL 20 /* RFC 5280 §4.1.2.2: at most 20 octets */

/* keyUsage bits (RFC 5280 §4.2.1.3), as (1 << named bit number). */
enum {
    TS_KU_DIGITAL_SIGNATURE = 1 << 0,
    TS_KU_KEY_ENCIPHERMENT = 1 << 2,
    TS_KU_KEY_CERT_SIGN = 1 << 5,
    TS_KU_CRL_SIGN = 1 << 6
};

/* A parsed certificate (filled by ts_x509_parse, freed by ts_x509_free).
 * Every ts_buf except der is a read-only view into der; an absent field is
 * an empty view. */
typedef struct {
    ts_buf der;                  /* the whole certificate, owned copy */
    ts_buf tbs;                  /* tbsCertificate TLV: what is signed */
    int version;                 /* 1, 2 or 3 */
    ts_buf serial;               /* serialNumber magnitude (big-endian) */
    ts_buf sig_alg_oid;          /* signature algorithm OID content */
    ts_buf issuer_raw;           /* issuer Name TLV */
    ts_buf subject_raw;          /* subject Name TLV */
    char issuer_cn[TS_X509_NAME_MAX];  /* "" when absent */
    char issuer_org[TS_X509_NAME_MAX];
    char subject_cn[TS_X509_NAME_MAX];
    char subject_org[TS_X509_NAME_MAX];
    ts_time not_before, not_after;
    ts_buf spki;                 /* SubjectPublicKeyInfo TLV */
    ts_rsa_key *pub;             /* the subject's public key (owned) */
    bool has_basic_constraints;
    bool is_ca;                  /* basicConstraints cA */
    int path_len;                /* pathLenConstraint, -1 when absent */
    bool has_key_usage;
    unsigned key_usage;          /* TS_KU_* bits */
    bool has_san;                /* a subjectAltName extension is present */
    ts_buf san;                  /* GeneralNames content (matched in full) */
    size_t n_dns;                /* dNSName entries in the SAN, all of them */
    char dns_names[TS_X509_MAX_DNS][TS_X509_NAME_MAX]; /* the first few */
    ts_buf ski;                  /* subjectKeyIdentifier */
    ts_buf aki;                  /* authorityKeyIdentifier keyIdentifier */
    ts_buf signature;            /* signatureValue bits */
} ts_cert;

/* --- time --- */

/* Converts a calendar date-time to seconds since the epoch; TS_ERR_ARG
 * when a field is out of range (year 0..9999, a real day of that month). */
ts_err ts_x509_time_from_civil(const ts_civil *c, ts_time *out);

/* Converts t to a calendar date-time; TS_ERR_ARG outside years 0..9999. */
ts_err ts_x509_time_to_civil(ts_time t, ts_civil *out);

/* Writes t as "YYYY-MM-DD HH:MM:SS UTC" (or "out of range") into out. */
void ts_x509_time_format(ts_time t, char out[32]);

/* Appends t as a DER Time: UTCTime "YYMMDDHHMMSSZ" for 1950..2049,
 * GeneralizedTime "YYYYMMDDHHMMSSZ" otherwise (RFC 5280 §4.1.2.5). */
ts_err ts_x509_write_time(ts_buf *b, ts_time t);

/* Reads a DER UTCTime (YY >= 50 is 19YY, else 20YY) or GeneralizedTime;
 * only the Z forms with seconds are accepted, else TS_ERR_DER. */
ts_err ts_x509_read_time(ts_buf *b, ts_time *t);

/* --- verification --- */

/* Checks cert's signature (SHA-256, PKCS#1 v1.5) over its tbsCertificate
 * with issuer_pub: ts_rsa_verify, or ts_rsa_verify_lax when lax (the e=3
 * exercise). TS_ERR_CERT_SIGNATURE when it does not verify. */
ts_err ts_x509_verify_signature(const ts_cert *cert, const ts_rsa_key *issuer_pub, bool lax);

/* Checks server against its trust anchor ca, in this order: server's issuer
 * Name equals ca's subject Name byte for byte (and the key identifiers agree
 * when both are present) else TS_ERR_CERT_ISSUER; ca is a CA (basicConstraints
 * cA, keyCertSign if it has keyUsage) else TS_ERR_CERT_CA; the signature
 * (lax as above) else TS_ERR_CERT_SIGNATURE; both valid at now else
 * TS_ERR_CERT_EXPIRED; host matches a SAN dNSName (case-insensitive, "*."
 * standing for one left-most label), or the subject CN when the certificate
 * has no dNSName, else TS_ERR_CERT_HOST. host NULL skips the host check.
 * *why (if why is not NULL) gets a one-line English explanation, also on
 * success; it is a static string. */
ts_err ts_x509_verify_chain(const ts_cert *server, const ts_cert *ca, const char *host,
                            ts_time now, bool lax, const char **why);

/* True when cert names host: one of its SAN dNSNames matches (all of them
 * are tried, not only those kept in dns_names), or, when it has no dNSName,
 * its subject CN does. */
bool ts_x509_names_host(const ts_cert *cert, const char *host);

/* True when host matches the DNS name pattern (as in ts_x509_verify_chain). */
bool ts_x509_host_match(const char *pattern, size_t pattern_len, const char *host);

/* True when name is a DNS host name: 1..253 bytes, dot-separated labels of
 * 1..63 letters, digits and hyphens, no label starting or ending with a
 * hyphen; with allow_wildcard, a first label "*" followed by two labels. */
bool ts_x509_dns_name_valid(const char *name, bool allow_wildcard);

/* --- PEM --- */

/* Appends der as a PEM "CERTIFICATE" block to out. */
ts_err ts_x509_to_pem(const uint8_t *der, size_t n, ts_buf *out);

/* Appends the DER of the first "CERTIFICATE" block in the len bytes of pem
 * to der; TS_ERR_PEM / TS_ERR_BASE64 when there is none or it is malformed. */
ts_err ts_x509_from_pem(const char *pem, size_t len, ts_buf *der);

#endif
