/* ts_x509_build: writing X.509 v3 certificates (RFC 5280) and the toy PKI.
 *
 *   Certificate ::= SEQUENCE { tbsCertificate, AlgorithmIdentifier,
 *                              BIT STRING (00 || PKCS#1 v1.5 signature) }
 *   tbsCertificate ::= SEQUENCE {
 *       [0] { INTEGER 2 }                            -- v3
 *       INTEGER serial
 *       SEQUENCE { OID sha256WithRSAEncryption, NULL }
 *       Name issuer                                  -- O, then CN
 *       SEQUENCE { Time notBefore, Time notAfter }
 *       Name subject
 *       SubjectPublicKeyInfo                         -- from ts_rsa
 *       [3] { SEQUENCE OF Extension } }
 *   Name ::= SEQUENCE { SET { SEQUENCE { OID, string } } ... }
 *   Extension ::= SEQUENCE { OID, BOOLEAN TRUE (critical only), OCTET STRING { value } } */
#include "crypto/ts_rsa_pkcs1.h"
#include "crypto/ts_x509_build.h"

#include <string.h>

#include "crypto/ts_der.h"
#include "crypto/ts_hash.h"

#define NAME_ATTR_MAX 64 /* RFC 5280 ub-common-name, ub-organization-name */

/* PrintableString's alphabet (X.680 §41.4). */
static bool printable_text(const char *s)
{
    for (; *s != '\0'; s++) {
        char ch = *s;
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || strchr(" '()+,-./:=?", ch) != NULL;
        if (!ok) {
            return false;
        }
    }
    return true;
}

static bool attr_ok(const char *s, bool required)
{
    if (s == NULL) {
        return !required;
    }
    size_t n = strlen(s);
    if (n == 0 || n > NAME_ATTR_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if ((uint8_t)s[i] < 0x20 || s[i] == 0x7F) {
            return false;
        }
    }
    return true;
}

/* SET { SEQUENCE { type, PrintableString or UTF8String } } */
static ts_err write_rdn(ts_buf *b, const ts_der_oid *type, const char *text)
{
    size_t set;
    size_t seq;
    uint8_t tag = printable_text(text) ? TS_DER_PRINTABLE_STRING : TS_DER_UTF8_STRING;
    TS_GUARD(ts_der_begin(b, TS_DER_SET, &set));
    TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &seq));
    TS_GUARD(ts_der_write_oid(b, type));
    TS_GUARD(ts_der_write_tlv(b, tag, (const uint8_t *)text, strlen(text)));
    TS_GUARD(ts_der_end(b, seq));
    return ts_der_end(b, set);
}

static ts_err write_name(ts_buf *b, const char *cn, const char *org)
{
    size_t name;
    TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &name));
    if (org != NULL) {
        TS_GUARD(write_rdn(b, &TS_OID_ORGANIZATION, org));
    }
    TS_GUARD(write_rdn(b, &TS_OID_COMMON_NAME, cn));
    return ts_der_end(b, name);
}

static ts_err write_sig_alg(ts_buf *b)
{
    size_t seq;
    TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &seq));
    TS_GUARD(ts_der_write_oid(b, &TS_OID_SHA256_WITH_RSA));
    TS_GUARD(ts_der_write_null(b));
    return ts_der_end(b, seq);
}

/* Opens Extension { oid, [critical TRUE], OCTET STRING {; *value marks the
 * octet string and *ext the sequence, closed by end_ext. */
static ts_err begin_ext(ts_buf *b, const ts_der_oid *oid, bool critical, size_t *ext,
                        size_t *value)
{
    static const uint8_t true_byte = 0xFF;
    TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, ext));
    TS_GUARD(ts_der_write_oid(b, oid));
    if (critical) {
        TS_GUARD(ts_der_write_tlv(b, TS_DER_BOOLEAN, &true_byte, 1));
    }
    return ts_der_begin(b, TS_DER_OCTET_STRING, value);
}

static ts_err end_ext(ts_buf *b, size_t ext, size_t value)
{
    TS_GUARD(ts_der_end(b, value));
    return ts_der_end(b, ext);
}

ts_err ts_x509_key_id(const ts_rsa_key *k, uint8_t id[20])
{
    TS_ENSURE(k != NULL, TS_ERR_ARG);
    ts_buf pub;
    uint8_t digest[TS_SHA256_LEN];
    ts_buf_init(&pub);
    ts_err err = ts_rsa_to_public_der(k, &pub); /* the subjectPublicKey bits */
    if (err == TS_OK) {
        ts_hash(TS_HASH_SHA256, pub.data, pub.len, digest);
        memcpy(id, digest, 20);
    }
    ts_buf_free(&pub);
    return err;
}

static ts_err write_extensions(ts_buf *b, const ts_cert_spec *spec, const ts_rsa_key *subject_pub,
                               const ts_rsa_key *issuer_priv)
{
    size_t wrap, seq, ext, value, inner;
    uint8_t id[20];
    TS_GUARD(ts_der_begin(b, TS_DER_CONTEXT_3, &wrap));
    TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &seq));

    /* basicConstraints: SEQUENCE { cA TRUE } for a CA, SEQUENCE {} otherwise */
    TS_GUARD(begin_ext(b, &TS_OID_BASIC_CONSTRAINTS, true, &ext, &value));
    TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &inner));
    if (spec->is_ca) {
        static const uint8_t true_byte = 0xFF;
        TS_GUARD(ts_der_write_tlv(b, TS_DER_BOOLEAN, &true_byte, 1));
    }
    TS_GUARD(ts_der_end(b, inner));
    TS_GUARD(end_ext(b, ext, value));

    /* keyUsage BIT STRING: CA keyCertSign(5)|cRLSign(6) = 06, 1 unused bit;
     * server digitalSignature(0)|keyEncipherment(2) = A0, 5 unused bits */
    static const uint8_t ku_ca[] = {0x01, 0x06};
    static const uint8_t ku_server[] = {0x05, 0xA0};
    TS_GUARD(begin_ext(b, &TS_OID_KEY_USAGE, true, &ext, &value));
    TS_GUARD(ts_der_write_tlv(b, TS_DER_BIT_STRING, spec->is_ca ? ku_ca : ku_server, 2));
    TS_GUARD(end_ext(b, ext, value));

    /* subjectAltName: SEQUENCE { [2] dNSName } */
    if (spec->dns_name != NULL) {
        TS_GUARD(begin_ext(b, &TS_OID_SUBJECT_ALT_NAME, false, &ext, &value));
        TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &inner));
        TS_GUARD(ts_der_write_tlv(b, 0x82, (const uint8_t *)spec->dns_name,
                                  strlen(spec->dns_name)));
        TS_GUARD(ts_der_end(b, inner));
        TS_GUARD(end_ext(b, ext, value));
    }

    /* subjectKeyIdentifier: OCTET STRING (20 bytes) */
    TS_GUARD(ts_x509_key_id(subject_pub, id));
    TS_GUARD(begin_ext(b, &TS_OID_SUBJECT_KEY_ID, false, &ext, &value));
    TS_GUARD(ts_der_write_tlv(b, TS_DER_OCTET_STRING, id, sizeof(id)));
    TS_GUARD(end_ext(b, ext, value));

    /* authorityKeyIdentifier: SEQUENCE { [0] keyIdentifier }, when not self-signed */
    if (!ts_rsa_same_public(subject_pub, issuer_priv)) {
        TS_GUARD(ts_x509_key_id(issuer_priv, id));
        TS_GUARD(begin_ext(b, &TS_OID_AUTHORITY_KEY_ID, false, &ext, &value));
        TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &inner));
        TS_GUARD(ts_der_write_tlv(b, 0x80, id, sizeof(id)));
        TS_GUARD(ts_der_end(b, inner));
        TS_GUARD(end_ext(b, ext, value));
    }

    TS_GUARD(ts_der_end(b, seq));
    return ts_der_end(b, wrap);
}

static ts_err write_tbs(ts_buf *b, const ts_cert_spec *spec, const ts_rsa_key *subject_pub,
                        const ts_rsa_key *issuer_priv, const char *issuer_cn,
                        const char *issuer_org)
{
    size_t tbs, version, validity;
    TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &tbs));
    TS_GUARD(ts_der_begin(b, TS_DER_CONTEXT_0, &version));
    TS_GUARD(ts_der_write_small(b, 2));
    TS_GUARD(ts_der_end(b, version));
    TS_GUARD(ts_der_write_uint(b, spec->serial, spec->serial_len));
    TS_GUARD(write_sig_alg(b));
    TS_GUARD(write_name(b, issuer_cn, issuer_org));
    TS_GUARD(ts_der_begin(b, TS_DER_SEQUENCE, &validity));
    TS_GUARD(ts_x509_write_time(b, spec->not_before));
    TS_GUARD(ts_x509_write_time(b, spec->not_after));
    TS_GUARD(ts_der_end(b, validity));
    TS_GUARD(write_name(b, spec->subject_cn, spec->subject_org));
    TS_GUARD(ts_rsa_to_spki_der(subject_pub, b));
    TS_GUARD(write_extensions(b, spec, subject_pub, issuer_priv));
    return ts_der_end(b, tbs);
}

/* A positive serial of at most 20 octets once DER-encoded. */
static bool serial_ok(const uint8_t *serial, size_t n)
{
    if (serial == NULL) {
        return false;
    }
    ts_buf r;
    ts_buf_view(&r, serial, n);
    while (ts_buf_remaining(&r) > 0 && *ts_buf_cursor(&r) == 0) {
        (void)ts_buf_skip(&r, 1);
    }
    size_t len = ts_buf_remaining(&r);
    if (len == 0) {
        return false;
    }
    return len < TS_X509_MAX_SERIAL || (len == TS_X509_MAX_SERIAL && *ts_buf_cursor(&r) < 0x80);
}

static ts_err sign_and_wrap(ts_buf *cert, const ts_buf *tbs, const ts_rsa_key *issuer_priv)
{
    uint8_t digest[TS_SHA256_LEN];
    uint8_t sig[1 + TS_RSA_MAX_LEN];
    size_t sig_len = ts_rsa_len(issuer_priv);
    size_t seq;
    TS_ENSURE(sig_len <= TS_RSA_MAX_LEN, TS_ERR_RSA_SIZE);
    ts_hash(TS_HASH_SHA256, tbs->data, tbs->len, digest);
    sig[0] = 0; /* no unused bits */
    TS_GUARD(ts_rsa_sign(issuer_priv, TS_HASH_SHA256, digest, sig + 1));
    TS_GUARD(ts_der_begin(cert, TS_DER_SEQUENCE, &seq));
    TS_GUARD(ts_buf_write_bytes(cert, tbs->data, tbs->len));
    TS_GUARD(write_sig_alg(cert));
    TS_GUARD(ts_der_write_tlv(cert, TS_DER_BIT_STRING, sig, sig_len + 1));
    return ts_der_end(cert, seq);
}

ts_err ts_x509_build(const ts_cert_spec *spec, const ts_rsa_key *subject_pub,
                     const ts_rsa_key *issuer_priv, const char *issuer_cn,
                     const char *issuer_org, ts_buf *der)
{
    TS_ENSURE(spec != NULL && subject_pub != NULL && issuer_priv != NULL && der != NULL,
              TS_ERR_ARG);
    TS_ENSURE(ts_rsa_is_private(issuer_priv), TS_ERR_RSA_KEY);
    TS_ENSURE(attr_ok(spec->subject_cn, true) && attr_ok(spec->subject_org, false) &&
                  attr_ok(issuer_cn, true) && attr_ok(issuer_org, false),
              TS_ERR_ARG);
    TS_ENSURE(spec->dns_name == NULL || ts_x509_dns_name_valid(spec->dns_name, true),
              TS_ERR_ARG);
    TS_ENSURE(serial_ok(spec->serial, spec->serial_len), TS_ERR_ARG);
    TS_ENSURE(spec->not_before <= spec->not_after, TS_ERR_ARG);
    ts_buf tbs;
    ts_buf cert;
    ts_buf_init(&tbs);
    ts_buf_init(&cert);
    ts_err err = write_tbs(&tbs, spec, subject_pub, issuer_priv, issuer_cn, issuer_org);
    if (err == TS_OK) {
        err = sign_and_wrap(&cert, &tbs, issuer_priv);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(der, cert.data, cert.len);
    }
    ts_buf_free(&tbs);
    ts_buf_free(&cert);
    return err;
}

#define DAY 86400
#define PKI_MIN_BITS 512

/* An 8-byte positive serial: top bit clear (positive), next bit set (so it
 * keeps all 8 bytes). */
static void draw_serial(ts_rng *rng, uint8_t serial[8])
{
    ts_rng_bytes(rng, serial, 8);
    serial[0] = (uint8_t)((serial[0] & 0x7F) | 0x40);
}

ts_err ts_x509_make_certs(ts_rng *rng, const ts_rsa_key *ca_key, const ts_rsa_key *server_pub,
                          const char *host, ts_time now, ts_buf *ca_der, ts_buf *server_der)
{
    uint8_t ca_serial[8];
    uint8_t server_serial[8];
    draw_serial(rng, ca_serial);
    draw_serial(rng, server_serial);
    ts_cert_spec ca_spec = {
        .subject_cn = TS_X509_CA_CN,
        .subject_org = TS_X509_CA_ORG,
        .dns_name = NULL,
        .serial = ca_serial,
        .serial_len = sizeof(ca_serial),
        .not_before = now - DAY,
        .not_after = now + 3652 * (ts_time)DAY,
        .is_ca = true,
    };
    ts_cert_spec server_spec = {
        .subject_cn = strlen(host) <= NAME_ATTR_MAX ? host : "tlsstep server",
        .subject_org = NULL,
        .dns_name = host,
        .serial = server_serial,
        .serial_len = sizeof(server_serial),
        .not_before = now - DAY,
        .not_after = now + 365 * (ts_time)DAY,
        .is_ca = false,
    };
    TS_GUARD(ts_x509_build(&ca_spec, ca_key, ca_key, TS_X509_CA_CN, TS_X509_CA_ORG, ca_der));
    return ts_x509_build(&server_spec, server_pub, ca_key, TS_X509_CA_CN, TS_X509_CA_ORG,
                         server_der);
}

ts_err ts_x509_make_client_cert(ts_rng *rng, const ts_rsa_key *issuer_key, const char *issuer_cn,
                                const ts_rsa_key *client_pub, ts_time not_before,
                                ts_time not_after, ts_buf *der)
{
    TS_ENSURE(rng != NULL && issuer_key != NULL && issuer_cn != NULL && client_pub != NULL &&
                  der != NULL,
              TS_ERR_ARG);
    uint8_t serial[8];
    draw_serial(rng, serial);
    ts_cert_spec spec = {
        .subject_cn = TS_X509_CLIENT_CN,
        .subject_org = TS_X509_CA_ORG,
        .dns_name = NULL,
        .serial = serial,
        .serial_len = sizeof(serial),
        .not_before = not_before,
        .not_after = not_after,
        .is_ca = false,
    };
    return ts_x509_build(&spec, client_pub, issuer_key, issuer_cn, TS_X509_CA_ORG, der);
}

static ts_err make_both(ts_rng *rng, unsigned bits, const char *host, ts_time now,
                        ts_rsa_key **ca, ts_buf *ca_der, ts_rsa_key **server,
                        ts_buf *server_der)
{
    TS_GUARD(ts_rsa_generate(rng, bits, 65537, ca));
    TS_GUARD(ts_rsa_generate(rng, bits, 65537, server));
    return ts_x509_make_certs(rng, *ca, *server, host, now, ca_der, server_der);
}

ts_err ts_x509_make_pki(ts_rng *keygen_rng, unsigned bits, const char *host, ts_time now,
                        ts_rsa_key **ca_key, ts_buf *ca_der, ts_rsa_key **server_key,
                        ts_buf *server_der)
{
    TS_ENSURE(keygen_rng != NULL && ca_key != NULL && ca_der != NULL && server_key != NULL &&
                  server_der != NULL,
              TS_ERR_ARG);
    TS_ENSURE(bits >= PKI_MIN_BITS && bits <= TS_RSA_MAX_BITS, TS_ERR_RSA_SIZE);
    TS_ENSURE(ts_x509_dns_name_valid(host, false), TS_ERR_ARG);
    ts_civil civil;
    TS_GUARD(ts_x509_time_to_civil(now, &civil)); /* keeps the sums below in range */
    ts_rsa_key *ca = NULL;
    ts_rsa_key *server = NULL;
    ts_buf ca_out;
    ts_buf server_out;
    ts_buf_init(&ca_out);
    ts_buf_init(&server_out);
    ts_err err = make_both(keygen_rng, bits, host, now, &ca, &ca_out, &server, &server_out);
    if (err == TS_OK) {
        err = ts_buf_write_bytes(ca_der, ca_out.data, ca_out.len);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(server_der, server_out.data, server_out.len);
    }
    ts_buf_free(&ca_out);
    ts_buf_free(&server_out);
    if (err != TS_OK) {
        ts_rsa_free(ca);
        ts_rsa_free(server);
        return err;
    }
    *ca_key = ca;
    *server_key = server;
    return TS_OK;
}
