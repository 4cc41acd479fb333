/* ts_x509_parse: a strict, bounded X.509 v3 certificate reader (RFC 5280).
 *
 *   Certificate ::= SEQUENCE {
 *       tbsCertificate       TBSCertificate,
 *       signatureAlgorithm   AlgorithmIdentifier,   -- must equal tbs.signature
 *       signatureValue       BIT STRING }
 *   TBSCertificate ::= SEQUENCE {
 *       version          [0] EXPLICIT INTEGER DEFAULT v1,  -- 1 (v2) or 2 (v3)
 *       serialNumber         INTEGER,                       -- positive, <= 20 octets
 *       signature            AlgorithmIdentifier,           -- sha256WithRSAEncryption
 *       issuer               Name,
 *       validity             SEQUENCE { notBefore Time, notAfter Time },
 *       subject              Name,
 *       subjectPublicKeyInfo SubjectPublicKeyInfo,          -- rsaEncryption
 *       issuerUniqueID   [1] IMPLICIT BIT STRING OPTIONAL,  -- v2, v3
 *       subjectUniqueID  [2] IMPLICIT BIT STRING OPTIONAL,  -- v2, v3
 *       extensions       [3] EXPLICIT SEQUENCE OF Extension OPTIONAL } -- v3
 *   Name ::= SEQUENCE OF SET OF SEQUENCE { type OID, value ANY }
 *   Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
 *                            extnValue OCTET STRING }
 *
 * Malformed DER gives TS_ERR_DER; well-formed but unsupported content
 * (another algorithm, an unknown critical extension) gives TS_ERR_X509. */
#include "crypto/ts_x509_parse.h"

#include <string.h>

#include "crypto/ts_der.h"
#include "crypto/ts_rsa.h"

#define TAG_T61_STRING 0x14
#define TAG_ISSUER_UID 0x81
#define TAG_SUBJECT_UID 0x82
#define TAG_GN_DNS 0x82
#define TAG_AKI_KEY_ID 0x80

/* Any failure of the DER layer (short, trailing, bad length) is TS_ERR_DER. */
static ts_err as_der(ts_err err)
{
    if (err == TS_OK || err == TS_ERR_NOMEM || err == TS_ERR_X509) {
        return err;
    }
    return TS_ERR_DER;
}

#define DER(expr) TS_GUARD(as_der(expr))

static ts_err read_bool(ts_buf *r, bool *v)
{
    ts_buf c;
    DER(ts_der_read(r, TS_DER_BOOLEAN, &c, NULL));
    uint8_t byte;
    DER(ts_buf_read_u8(&c, &byte));
    DER(ts_buf_expect_end(&c));
    TS_ENSURE(byte == 0x00 || byte == 0xFF, TS_ERR_DER);
    *v = byte == 0xFF;
    return TS_OK;
}

/* Copies the text of a directory string into out; TS_ERR_X509 when it is
 * too long, holds control characters, or uses an unsupported string type. */
static ts_err copy_text(uint8_t tag, const ts_buf *v, char out[TS_X509_NAME_MAX])
{
    TS_ENSURE(tag == TS_DER_UTF8_STRING || tag == TS_DER_PRINTABLE_STRING ||
                  tag == TS_DER_IA5_STRING || tag == TAG_T61_STRING,
              TS_ERR_X509);
    size_t n = ts_buf_remaining(v);
    const uint8_t *p = ts_buf_cursor(v);
    TS_ENSURE(n < TS_X509_NAME_MAX, TS_ERR_X509);
    for (size_t i = 0; i < n; i++) {
        TS_ENSURE(p[i] >= 0x20 && p[i] != 0x7F, TS_ERR_X509);
    }
    memcpy(out, p, n);
    out[n] = '\0';
    return TS_OK;
}

/* AlgorithmIdentifier ::= SEQUENCE { OID, parameters ANY OPTIONAL }; with
 * null_params the parameters must be NULL or absent (the RSA algorithms). */
static ts_err parse_alg_id(ts_buf *r, ts_buf *oid, ts_buf *whole, bool null_params)
{
    ts_buf seq;
    ts_buf params;
    uint8_t tag;
    DER(ts_der_read(r, TS_DER_SEQUENCE, &seq, whole));
    DER(ts_der_read_oid(&seq, oid));
    if (ts_buf_remaining(&seq) > 0) {
        DER(ts_der_read_any(&seq, &tag, &params, NULL));
        TS_ENSURE(!null_params || (tag == TS_DER_NULL && ts_buf_remaining(&params) == 0),
                  TS_ERR_DER);
    }
    DER(ts_buf_expect_end(&seq));
    return TS_OK;
}

static ts_err parse_name(ts_buf *r, ts_buf *raw, char cn[TS_X509_NAME_MAX],
                         char org[TS_X509_NAME_MAX])
{
    ts_buf name;
    DER(ts_der_read(r, TS_DER_SEQUENCE, &name, raw));
    while (ts_buf_remaining(&name) > 0) {
        ts_buf rdn;
        DER(ts_der_read(&name, TS_DER_SET, &rdn, NULL));
        TS_ENSURE(ts_buf_remaining(&rdn) > 0, TS_ERR_DER);
        while (ts_buf_remaining(&rdn) > 0) {
            ts_buf atv;
            ts_buf type;
            ts_buf value;
            uint8_t tag;
            DER(ts_der_read(&rdn, TS_DER_SEQUENCE, &atv, NULL));
            DER(ts_der_read_oid(&atv, &type));
            DER(ts_der_read_any(&atv, &tag, &value, NULL));
            DER(ts_buf_expect_end(&atv));
            if (ts_der_oid_equal(&type, &TS_OID_COMMON_NAME)) {
                TS_GUARD(copy_text(tag, &value, cn));
            } else if (ts_der_oid_equal(&type, &TS_OID_ORGANIZATION)) {
                TS_GUARD(copy_text(tag, &value, org));
            }
        }
    }
    return TS_OK;
}

static ts_err parse_validity(ts_buf *r, ts_cert *c)
{
    ts_buf v;
    DER(ts_der_read(r, TS_DER_SEQUENCE, &v, NULL));
    DER(ts_x509_read_time(&v, &c->not_before));
    DER(ts_x509_read_time(&v, &c->not_after));
    DER(ts_buf_expect_end(&v));
    return TS_OK;
}

/* SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING } */
static ts_err parse_spki(ts_buf *r, ts_cert *c)
{
    ts_buf seq;
    DER(ts_der_read(r, TS_DER_SEQUENCE, &seq, &c->spki));
    ts_buf oid;
    TS_GUARD(parse_alg_id(&seq, &oid, NULL, false));
    TS_ENSURE(ts_der_oid_equal(&oid, &TS_OID_RSA_ENCRYPTION), TS_ERR_X509);
    ts_err err = ts_rsa_from_spki_der(ts_buf_cursor(&c->spki), ts_buf_remaining(&c->spki),
                                      &c->pub);
    if (err == TS_OK || err == TS_ERR_NOMEM || err == TS_ERR_DER) {
        return err;
    }
    return TS_ERR_X509; /* a key ts_rsa does not take (size, exponent) */
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
 *                                 pathLenConstraint INTEGER OPTIONAL } */
static ts_err parse_basic_constraints(ts_buf *v, ts_cert *c)
{
    ts_buf seq;
    uint8_t tag;
    DER(ts_der_read(v, TS_DER_SEQUENCE, &seq, NULL));
    c->has_basic_constraints = true;
    c->path_len = -1;
    if (ts_der_peek(&seq, &tag) == TS_OK && tag == TS_DER_BOOLEAN) {
        TS_GUARD(read_bool(&seq, &c->is_ca));
    }
    if (ts_buf_remaining(&seq) > 0) {
        uint64_t len;
        DER(ts_der_read_small(&seq, &len));
        TS_ENSURE(len <= 255, TS_ERR_X509);
        c->path_len = (int)len;
    }
    DER(ts_buf_expect_end(&seq));
    return TS_OK;
}

/* KeyUsage ::= BIT STRING (named bits, trailing zero bits removed) */
static ts_err parse_key_usage(ts_buf *v, ts_cert *c)
{
    ts_buf bits;
    uint8_t unused;
    DER(ts_der_read(v, TS_DER_BIT_STRING, &bits, NULL));
    DER(ts_buf_read_u8(&bits, &unused));
    size_t n = ts_buf_remaining(&bits);
    TS_ENSURE(n >= 1 && n <= 2 && unused <= 7, TS_ERR_DER);
    const uint8_t *p = ts_buf_cursor(&bits);
    uint8_t last = p[n - 1];
    TS_ENSURE((last & ((1u << unused) - 1)) == 0, TS_ERR_DER); /* unused bits are 0 */
    TS_ENSURE(last != 0, TS_ERR_DER);                          /* minimal */
    unsigned ku = 0;
    for (size_t i = 0; i < n * 8; i++) {
        if (p[i / 8] & (0x80 >> (i % 8))) {
            ku |= 1u << i;
        }
    }
    c->has_key_usage = true;
    c->key_usage = ku;
    return TS_OK;
}

/* SubjectAltName ::= SEQUENCE SIZE (1..MAX) OF GeneralName; dNSName [2] IA5String */
static ts_err parse_san(ts_buf *v, ts_cert *c)
{
    DER(ts_der_read(v, TS_DER_SEQUENCE, &c->san, NULL));
    TS_ENSURE(ts_buf_remaining(&c->san) > 0, TS_ERR_DER);
    c->has_san = true;
    ts_buf r = c->san;
    while (ts_buf_remaining(&r) > 0) {
        uint8_t tag;
        ts_buf name;
        DER(ts_der_read_any(&r, &tag, &name, NULL));
        TS_ENSURE((tag & 0xC0) == 0x80, TS_ERR_DER); /* context-specific */
        if (tag != TAG_GN_DNS) {
            continue;
        }
        size_t n = ts_buf_remaining(&name);
        const uint8_t *p = ts_buf_cursor(&name);
        TS_ENSURE(n > 0 && n < TS_X509_NAME_MAX, TS_ERR_X509);
        for (size_t i = 0; i < n; i++) {
            TS_ENSURE(p[i] > 0x20 && p[i] < 0x7F, TS_ERR_X509);
        }
        if (c->n_dns < TS_X509_MAX_DNS) {
            memcpy(c->dns_names[c->n_dns], p, n);
            c->dns_names[c->n_dns][n] = '\0';
        }
        c->n_dns++;
    }
    return TS_OK;
}

/* SubjectKeyIdentifier ::= OCTET STRING */
static ts_err parse_ski(ts_buf *v, ts_cert *c)
{
    DER(ts_der_read(v, TS_DER_OCTET_STRING, &c->ski, NULL));
    TS_ENSURE(ts_buf_remaining(&c->ski) > 0, TS_ERR_DER);
    return TS_OK;
}

/* AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] OPTIONAL,
 *     authorityCertIssuer [1] OPTIONAL, authorityCertSerialNumber [2] OPTIONAL } */
static ts_err parse_aki(ts_buf *v, ts_cert *c)
{
    ts_buf seq;
    uint8_t tag;
    DER(ts_der_read(v, TS_DER_SEQUENCE, &seq, NULL));
    if (ts_der_peek(&seq, &tag) == TS_OK && tag == TAG_AKI_KEY_ID) {
        DER(ts_der_read(&seq, TAG_AKI_KEY_ID, &c->aki, NULL));
        TS_ENSURE(ts_buf_remaining(&c->aki) > 0, TS_ERR_DER);
    }
    if (ts_der_peek(&seq, &tag) == TS_OK && tag == TS_DER_CONTEXT_1) {
        ts_buf skip;
        DER(ts_der_read(&seq, TS_DER_CONTEXT_1, &skip, NULL));
    }
    if (ts_der_peek(&seq, &tag) == TS_OK && tag == 0x82) {
        ts_buf skip;
        DER(ts_der_read(&seq, 0x82, &skip, NULL));
    }
    DER(ts_buf_expect_end(&seq));
    return TS_OK;
}

typedef struct {
    const ts_der_oid *oid;
    ts_err (*parse)(ts_buf *v, ts_cert *c);
} ext_handler;

static const ext_handler ext_handlers[] = {
    {&TS_OID_BASIC_CONSTRAINTS, parse_basic_constraints},
    {&TS_OID_KEY_USAGE, parse_key_usage},
    {&TS_OID_SUBJECT_ALT_NAME, parse_san},
    {&TS_OID_SUBJECT_KEY_ID, parse_ski},
    {&TS_OID_AUTHORITY_KEY_ID, parse_aki},
};

#define N_HANDLERS (sizeof(ext_handlers) / sizeof(ext_handlers[0]))

static ts_err parse_extension(ts_buf *exts, ts_cert *c, unsigned *seen)
{
    ts_buf ext;
    ts_buf oid;
    ts_buf value;
    uint8_t tag;
    bool critical = false;
    DER(ts_der_read(exts, TS_DER_SEQUENCE, &ext, NULL));
    DER(ts_der_read_oid(&ext, &oid));
    if (ts_der_peek(&ext, &tag) == TS_OK && tag == TS_DER_BOOLEAN) {
        TS_GUARD(read_bool(&ext, &critical));
    }
    DER(ts_der_read(&ext, TS_DER_OCTET_STRING, &value, NULL));
    DER(ts_buf_expect_end(&ext));
    for (unsigned i = 0; i < N_HANDLERS; i++) {
        if (ts_der_oid_equal(&oid, ext_handlers[i].oid)) {
            TS_ENSURE((*seen & (1u << i)) == 0, TS_ERR_X509); /* RFC 5280 §4.2: once */
            *seen |= 1u << i;
            TS_GUARD(ext_handlers[i].parse(&value, c));
            DER(ts_buf_expect_end(&value));
            return TS_OK;
        }
    }
    TS_ENSURE(!critical, TS_ERR_X509);
    return TS_OK;
}

static ts_err parse_extensions(ts_buf *tbs, ts_cert *c)
{
    ts_buf wrap;
    ts_buf exts;
    DER(ts_der_read(tbs, TS_DER_CONTEXT_3, &wrap, NULL));
    DER(ts_der_read(&wrap, TS_DER_SEQUENCE, &exts, NULL));
    DER(ts_buf_expect_end(&wrap));
    TS_ENSURE(ts_buf_remaining(&exts) > 0, TS_ERR_DER);
    unsigned seen = 0;
    while (ts_buf_remaining(&exts) > 0) {
        TS_GUARD(parse_extension(&exts, c, &seen));
    }
    return TS_OK;
}

static ts_err parse_version(ts_buf *tbs, ts_cert *c)
{
    uint8_t tag;
    c->version = 1;
    if (ts_der_peek(tbs, &tag) != TS_OK || tag != TS_DER_CONTEXT_0) {
        return TS_OK;
    }
    ts_buf wrap;
    uint64_t v;
    DER(ts_der_read(tbs, TS_DER_CONTEXT_0, &wrap, NULL));
    DER(ts_der_read_small(&wrap, &v));
    DER(ts_buf_expect_end(&wrap));
    TS_ENSURE(v == 1 || v == 2, v == 0 ? TS_ERR_DER : TS_ERR_X509); /* v1 is the default */
    c->version = (int)v + 1;
    return TS_OK;
}

static ts_err parse_tbs(ts_buf *r, ts_cert *c, ts_buf *tbs_alg)
{
    ts_buf tbs;
    uint8_t tag;
    DER(ts_der_read(r, TS_DER_SEQUENCE, &tbs, &c->tbs));
    TS_GUARD(parse_version(&tbs, c));
    DER(ts_der_read_uint(&tbs, &c->serial));
    TS_ENSURE(ts_buf_remaining(&c->serial) <= TS_X509_MAX_SERIAL, TS_ERR_X509);
    TS_GUARD(parse_alg_id(&tbs, &c->sig_alg_oid, tbs_alg, false));
    TS_GUARD(parse_name(&tbs, &c->issuer_raw, c->issuer_cn, c->issuer_org));
    TS_GUARD(parse_validity(&tbs, c));
    TS_GUARD(parse_name(&tbs, &c->subject_raw, c->subject_cn, c->subject_org));
    TS_GUARD(parse_spki(&tbs, c));
    if (c->version >= 2) {
        ts_buf uid;
        if (ts_der_peek(&tbs, &tag) == TS_OK && tag == TAG_ISSUER_UID) {
            DER(ts_der_read(&tbs, TAG_ISSUER_UID, &uid, NULL));
        }
        if (ts_der_peek(&tbs, &tag) == TS_OK && tag == TAG_SUBJECT_UID) {
            DER(ts_der_read(&tbs, TAG_SUBJECT_UID, &uid, NULL));
        }
    }
    if (c->version == 3 && ts_buf_remaining(&tbs) > 0) {
        TS_GUARD(parse_extensions(&tbs, c));
    }
    DER(ts_buf_expect_end(&tbs));
    return TS_OK;
}

static ts_err parse_cert(ts_cert *c)
{
    ts_buf in;
    ts_buf cert;
    ts_buf tbs_alg;
    ts_buf outer_alg;
    ts_buf outer_oid;
    ts_buf_view(&in, c->der.data, c->der.len);
    DER(ts_der_read(&in, TS_DER_SEQUENCE, &cert, NULL));
    DER(ts_buf_expect_end(&in));
    TS_GUARD(parse_tbs(&cert, c, &tbs_alg));
    TS_GUARD(parse_alg_id(&cert, &outer_oid, &outer_alg, false));
    DER(ts_der_read_bits(&cert, &c->signature));
    DER(ts_buf_expect_end(&cert));
    TS_ENSURE(ts_buf_remaining(&c->signature) > 0, TS_ERR_DER);
    TS_ENSURE(ts_buf_remaining(&tbs_alg) == ts_buf_remaining(&outer_alg) &&
                  memcmp(ts_buf_cursor(&tbs_alg), ts_buf_cursor(&outer_alg),
                         ts_buf_remaining(&tbs_alg)) == 0,
              TS_ERR_X509);
    TS_ENSURE(ts_der_oid_equal(&c->sig_alg_oid, &TS_OID_SHA256_WITH_RSA), TS_ERR_X509);
    ts_buf check = tbs_alg;
    ts_buf oid;
    return parse_alg_id(&check, &oid, NULL, true); /* RFC 4055: NULL parameters */
}

ts_err ts_x509_parse(const uint8_t *der, size_t n, ts_cert *out)
{
    TS_ENSURE(out != NULL, TS_ERR_ARG);
    memset(out, 0, sizeof(*out));
    TS_ENSURE(der != NULL || n == 0, TS_ERR_ARG);
    out->path_len = -1;
    ts_buf_init(&out->der);
    ts_err err = ts_buf_write_bytes(&out->der, der, n);
    if (err == TS_OK) {
        err = parse_cert(out);
    }
    if (err != TS_OK) {
        ts_x509_free(out);
    }
    return err;
}

void ts_x509_free(ts_cert *c)
{
    if (c == NULL) {
        return;
    }
    ts_buf_free(&c->der);
    ts_rsa_free(c->pub);
    memset(c, 0, sizeof(*c));
    c->path_len = -1;
}
