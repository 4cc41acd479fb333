/* ts_mtls: client certificates (mutual TLS) in TLS 1.2 and 1.3. */
#include "tls/internal/ts_mtls.h"

#include <string.h>

#include "crypto/ts_rsa_pkcs1.h"
#include "crypto/ts_rsa_pss.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_x509_parse.h"
#include "tls/internal/ts_schedule13.h"
#include "tls/msg/ts_msg_certificate.h"
#include "tls/msg/ts_msg_certificate13.h"
#include "tls/msg/ts_msg_certificate_request.h"
#include "tls/msg/ts_msg_certificate_request13.h"
#include "tls/msg/ts_msg_certificate_verify.h"
#include "tls/msg/ts_msg_server_key_exchange.h"
#include "tls/ts_client13.h"

#define DIGEST_INFO_LEN 19 /* the DigestInfo prefix of SHA-256/384/512 (RFC 8017 9.2) */

static const uint16_t pkcs1_algs[] = {TS_SIGALG_RSA_PKCS1_SHA256, TS_SIGALG_RSA_PKCS1_SHA384,
                                      TS_SIGALG_RSA_PKCS1_SHA512};
static const uint16_t pss_algs[] = {TS_SIGALG_RSA_PSS_RSAE_SHA256, TS_SIGALG_RSA_PSS_RSAE_SHA384,
                                    TS_SIGALG_RSA_PSS_RSAE_SHA512};

bool ts_mtls_client_cert(const ts_conn *c)
{
    return c->client_cert;
}

/* True when a signature of alg (pss or PKCS#1 v1.5) fits key: emLen >=
 * 2 hLen + 2 (RFC 8017 9.1.1), k >= tLen + 11 (9.2). */
static bool fits(const ts_rsa_key *key, uint16_t alg, bool pss, ts_hash_alg *hash)
{
    bool known = pss ? ts_client13_pss_hash(alg, hash) : ts_msg_ske_sigalg_hash(alg, hash);
    if (!known) {
        return false;
    }
    size_t h = ts_hash_len(*hash);
    return pss ? (ts_rsa_bits(key) - 1 + 7) / 8 >= 2 * h + 2
               : ts_rsa_len(key) >= DIGEST_INFO_LEN + h + 11;
}

/* --- server: CertificateRequest --- */

/* certificate_authorities' content: one DistinguishedName, the subject of
 * the CA the server trusts (in both versions the same vectors). */
static ts_err ca_names(const ts_conn *c, ts_buf *names)
{
    ts_cert ca;
    TS_GUARD(ts_x509_parse(c->cfg.ca_der, c->cfg.ca_len, &ca));
    ts_err err = ts_buf_write_vec(names, 2, ts_buf_cursor(&ca.subject_raw),
                                  ts_buf_remaining(&ca.subject_raw));
    ts_x509_free(&ca);
    return err;
}

ts_err ts_mtls_write_request(ts_conn *c)
{
    ts_msg_certificate_request m;
    memset(&m, 0, sizeof(m));
    m.types[m.n_types++] = TS_CERT_TYPE_RSA_SIGN;
    for (size_t i = 0; i < sizeof(pkcs1_algs) / sizeof(pkcs1_algs[0]); i++) {
        m.sigalgs[m.n_sigalgs++] = pkcs1_algs[i];
    }
    ts_buf names, body;
    ts_buf_init(&names);
    ts_buf_init(&body);
    ts_err err = ca_names(c, &names);
    if (err == TS_OK) {
        m.authorities = (ts_msg_bytes){names.data, names.len};
        err = ts_msg_certificate_request_write(&body, &m);
    }
    err = ts_ep_send_built(c, TS_HS_CERTIFICATE_REQUEST, "certificate_request", &body, err);
    ts_buf_free(&names);
    return err;
}

ts_err ts_mtls_write_request13(ts_conn *c)
{
    ts_msg_certificate_request13 m;
    memset(&m, 0, sizeof(m));
    m.exts.block = true;
    m.exts.present = TS_EXTF_SIGNATURE_ALGORITHMS | TS_EXTF_CERTIFICATE_AUTHORITIES;
    for (size_t i = 0; i < sizeof(pss_algs) / sizeof(pss_algs[0]); i++) {
        m.exts.sigalgs[m.exts.n_sigalgs++] = pss_algs[i];
    }
    ts_buf names, body;
    ts_buf_init(&names);
    ts_buf_init(&body);
    ts_err err = ca_names(c, &names);
    if (err == TS_OK) {
        m.exts.authorities = names.data;
        m.exts.authorities_len = names.len;
        err = ts_msg_certificate_request13_write(&body, &m);
    }
    err = ts_ep_send_built(c, TS_HS_CERTIFICATE_REQUEST, "certificate_request", &body, err);
    ts_buf_free(&names);
    return err;
}

/* --- client: the answer --- */

/* The client's decision once it knows what the server accepts: alg is the
 * scheme chosen (0: none fits). */
static ts_err decide(ts_conn *c, uint16_t alg, bool rsa_sign)
{
    c->cert_requested = true;
    bool have = c->cfg.client_key != NULL && c->cfg.n_certs > 0;
    c->client_cert = have && alg != 0 && rsa_sign;
    const char *why =
        c->client_cert
            ? N_("the server asks for a client certificate: the client will send its own and "
                 "prove with CertificateVerify that it holds the private key")
        : have ? N_("the server asks for a client certificate, but accepts no signature the "
                    "client's key can make: it will send an empty Certificate")
               : N_("the server asks for a client certificate; this client has none, so it "
                    "will send an empty Certificate and the server decides");
    if (c->client_cert) {
        if (c->tls13) {
            c->sigalg13 = alg;
        } else {
            c->sigalg = alg;
        }
    }
    ts_ep_check(c, "certificate_request", TS_OK, why);
    return TS_OK;
}

ts_err ts_mtls_read_request(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate_request m;
    TS_GUARD(ts_msg_certificate_request_parse(body, &m, NULL));
    bool rsa_sign = false;
    for (size_t i = 0; i < m.n_types; i++) {
        rsa_sign |= m.types[i] == TS_CERT_TYPE_RSA_SIGN;
    }
    uint16_t alg = 0;
    for (size_t i = 0; c->cfg.client_key != NULL && i < m.n_sigalgs && alg == 0; i++) {
        ts_hash_alg h;
        alg = fits(c->cfg.client_key, m.sigalgs[i], false, &h) ? m.sigalgs[i] : 0;
    }
    return decide(c, alg, rsa_sign);
}

ts_err ts_mtls_read_request13(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate_request13 m;
    TS_GUARD(ts_msg_certificate_request13_parse(body, &m, NULL));
    ts_buf_reset(&c->cr_context);
    TS_GUARD(ts_buf_write_bytes(&c->cr_context, m.context.data, m.context.len));
    const ts_msg_exts *e = &m.exts;
    size_t n = ts_msg_u16_count(&e->sigalgs_wire, e->n_sigalgs);
    uint16_t alg = 0;
    for (size_t i = 0; c->cfg.client_key != NULL && i < n && alg == 0; i++) {
        uint16_t a = ts_msg_u16_at(&e->sigalgs_wire, e->sigalgs, i);
        ts_hash_alg h;
        alg = fits(c->cfg.client_key, a, true, &h) ? a : 0;
    }
    return decide(c, alg, true);
}

ts_err ts_mtls_write_certificate(ts_conn *c)
{
    ts_msg_certificate m;
    memset(&m, 0, sizeof(m));
    if (c->client_cert) {
        ts_ep_chain(c, m.certs, TS_CERT_MAX_CHAIN, &m.n_certs);
    }
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_CERTIFICATE, "client_certificate", &body,
                            ts_msg_certificate_write(&body, &m));
}

ts_err ts_mtls_write_certificate13(ts_conn *c)
{
    ts_msg_certificate13 m;
    memset(&m, 0, sizeof(m));
    m.context = (ts_msg_bytes){c->cr_context.data, c->cr_context.len};
    if (c->client_cert) {
        ts_ep_chain(c, m.certs, TS_CERT_MAX_CHAIN, &m.n_certs);
    }
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_CERTIFICATE, "client_certificate", &body,
                            ts_msg_certificate13_write(&body, &m));
}

/* --- server: the client's certificate --- */

/* Checks the client's chain (certs[0] against the CA) and keeps its key. */
static ts_err check_chain(ts_conn *c, const ts_msg_bytes *certs, size_t n)
{
    if (n == 0) {
        if (c->cfg.client_auth != TS_CLIENT_AUTH_REQUIRE) {
            ts_ep_check(c, "client_certificate", TS_OK,
                        N_("the client has no certificate (an empty list); this server only "
                           "asked, so the handshake goes on without client authentication"));
            return TS_OK;
        }
        ts_err err = c->tls13 ? TS_ERR_CERT_REQUIRED : TS_ERR_NO_SUITE;
        const char *why = c->tls13 ? N_("the client sent no certificate and this server "
                                        "requires one: certificate_required (RFC 8446 4.4.2.4)")
                                   : N_("the client sent no certificate and this server "
                                        "requires one: handshake_failure (RFC 5246 7.4.6)");
        ts_ep_check(c, "client_certificate", err, why);
        return ts_ep_fail(c, err, why);
    }
    ts_cert client, ca;
    const char *why = N_("the client certificate is not valid DER X.509");
    ts_err err = ts_x509_parse(certs[0].data, certs[0].len, &client);
    if (err != TS_OK) {
        ts_ep_check(c, "client_certificate_chain", TS_ERR_X509, why);
        return ts_ep_fail(c, TS_ERR_X509, why);
    }
    err = ts_x509_parse(c->cfg.ca_der, c->cfg.ca_len, &ca);
    if (err == TS_OK) {
        err = ts_x509_verify_chain(&client, &ca, NULL, c->cfg.now, false, &why);
        ts_x509_free(&ca);
    } else {
        why = N_("the server's trust anchor could not be parsed");
    }
    if (err == TS_OK && client.has_key_usage &&
        (client.key_usage & TS_KU_DIGITAL_SIGNATURE) == 0) {
        err = TS_ERR_X509;
        why = N_("the client certificate's keyUsage does not allow digitalSignature");
    }
    if (err == TS_OK) {
        why = N_("the client certificate is signed by the server's CA and in date");
    }
    ts_ep_check(c, "client_certificate_chain", err, why);
    if (err == TS_OK) {
        ts_rsa_free(c->peer_key);
        c->peer_key = ts_rsa_public_copy(client.pub);
        err = c->peer_key == NULL ? TS_ERR_NOMEM : TS_OK;
    }
    ts_x509_free(&client);
    if (err != TS_OK) {
        return ts_ep_fail(c, err, why);
    }
    c->client_cert = true;
    ts_buf mod;
    ts_buf_init(&mod);
    if (ts_rsa_get(c->peer_key, TS_RSA_N, &mod) == TS_OK) {
        ts_ep_value(c, "client_public_key", N_("taken from the client certificate"),
                    N_("the modulus n of the client's RSA key (e = 65537)"), false, mod.data,
                    mod.len);
    }
    ts_buf_free(&mod);
    return TS_OK;
}

ts_err ts_mtls_read_certificate(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate m;
    TS_GUARD(ts_msg_certificate_parse(body, &m, NULL));
    return check_chain(c, m.certs, m.n_certs);
}

ts_err ts_mtls_read_certificate13(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate13 m;
    TS_GUARD(ts_msg_certificate13_parse(body, &m, NULL));
    if (m.context.len != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the client's Certificate must echo the request's empty context "
                             "(RFC 8446 4.4.2)"));
    }
    return check_chain(c, m.certs, m.n_certs);
}

/* --- CertificateVerify --- */

/* TLS 1.2: Hash(handshake_messages) as the signature's hash, reported. */
static void digest12(ts_conn *c, ts_hash_alg alg, uint8_t *digest)
{
    ts_hs_hash_value(&c->hs_hash, alg, digest);
    const ts_ev_input from = {"handshake_messages", c->hs_hash.messages.data,
                              c->hs_hash.messages.len, false};
    ts_ep_value_from(c, "client_certificate_verify_hash", N_("computed"),
                     alg == TS_HASH_SHA256   ? "SHA-256(ClientHello..ClientKeyExchange)"
                     : alg == TS_HASH_SHA384 ? "SHA-384(ClientHello..ClientKeyExchange)"
                                             : "SHA-512(ClientHello..ClientKeyExchange)",
                     false, digest, ts_hash_len(alg), &from, 1);
}

ts_err ts_mtls_write_verify(ts_conn *c)
{
    ts_hash_alg alg = TS_HASH_SHA256;
    TS_ENSURE(ts_msg_ske_sigalg_hash(c->sigalg, &alg), TS_ERR_ARG);
    uint8_t digest[TS_HASH_MAX_LEN], sig[TS_RSA_MAX_LEN];
    digest12(c, alg, digest);
    size_t k = ts_rsa_len(c->cfg.client_key);
    TS_GUARD(ts_rsa_sign(c->cfg.client_key, alg, digest, sig));
    const ts_ev_input from[] = {
        {"handshake_messages", c->hs_hash.messages.data, c->hs_hash.messages.len, false},
        {"client_certificate_verify_hash", digest, ts_hash_len(alg), false},
    };
    ts_ep_signature_value(c, "client_signature", N_("signed with the client's private key"),
                          "RSA-sign(client_private_key, client_certificate_verify_hash)", sig, k,
                          from, 2, alg, false, c->hs_hash.messages.data,
                          c->hs_hash.messages.len);
    ts_msg_certificate_verify m = {c->sigalg, {sig, k}};
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_CERTIFICATE_VERIFY, "client_certificate_verify", &body,
                            ts_msg_certificate_verify_write(&body, &m));
}

ts_err ts_mtls_write_verify13(ts_conn *c)
{
    ts_hash_alg alg = TS_HASH_SHA256;
    TS_ENSURE(ts_client13_pss_hash(c->sigalg13, &alg), TS_ERR_ARG);
    uint8_t digest[TS_HASH_MAX_LEN], sig[TS_RSA_MAX_LEN];
    uint8_t content[TS13_CV_CONTENT_MAX];
    size_t content_len = 0;
    TS_GUARD(ts13_cv_digest(c, false, alg, digest, content, &content_len));
    size_t k = ts_rsa_len(c->cfg.client_key);
    TS_GUARD(ts_rsa_pss_sign(c->cfg.client_key, alg, digest, c->rng, NULL, sig));
    const ts_ev_input from[] = {
        {"signed_content", content, content_len, false},
        {"client_signed_digest", digest, ts_hash_len(alg), false},
    };
    ts_ep_signature_value(c, "client_signature", N_("signed with the client's private key"),
                          "RSA-PSS-sign(client_private_key, client_signed_digest)", sig, k, from,
                          2, alg, true, content, content_len);
    ts_msg_certificate_verify m = {c->sigalg13, {sig, k}};
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_CERTIFICATE_VERIFY, "client_certificate_verify", &body,
                            ts_msg_certificate_verify_write(&body, &m));
}

/* Reports the client's signature and checks it with the key of its
 * certificate (verified: the verifier's result). */
static ts_err judge(ts_conn *c, const ts_msg_certificate_verify *m, ts_err verified)
{
    ts_ep_value(c, "client_signature", N_("received in CertificateVerify"),
                c->tls13 ? "RSA-PSS-sign(client_private_key, client_signed_digest)"
                         : "RSA-sign(client_private_key, client_certificate_verify_hash)",
                false, m->signature.data, m->signature.len);
    const char *why = verified == TS_OK
                          ? N_("the client's key signed this handshake: it holds the private "
                               "key of its certificate")
                          : N_("the client's signature does not verify with its certificate's "
                               "key");
    ts_err err = verified == TS_OK ? TS_OK : TS_ERR_SIGNATURE;
    ts_ep_check(c, "client_certificate_verify", err, why);
    return err == TS_OK ? TS_OK : ts_ep_fail(c, err, why);
}

ts_err ts_mtls_read_verify(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate_verify m;
    TS_GUARD(ts_msg_certificate_verify_parse(body, &m, NULL));
    ts_hash_alg alg;
    bool offered = false;
    for (size_t i = 0; i < sizeof(pkcs1_algs) / sizeof(pkcs1_algs[0]); i++) {
        offered |= pkcs1_algs[i] == m.sigalg;
    }
    if (!offered || !ts_msg_ske_sigalg_hash(m.sigalg, &alg)) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("CertificateVerify uses a signature algorithm the server did not "
                             "ask for"));
    }
    uint8_t digest[TS_HASH_MAX_LEN];
    digest12(c, alg, digest);
    return judge(c, &m,
                 ts_rsa_verify(c->peer_key, alg, digest, m.signature.data, m.signature.len));
}

ts_err ts_mtls_read_verify13(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate_verify m;
    TS_GUARD(ts_msg_certificate_verify_parse(body, &m, NULL));
    ts_hash_alg alg;
    if (!ts_client13_pss_hash(m.sigalg, &alg)) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("CertificateVerify uses a scheme the server did not ask for (TLS "
                             "1.3 signs with RSA-PSS)"));
    }
    uint8_t digest[TS_HASH_MAX_LEN];
    TS_GUARD(ts13_cv_digest(c, false, alg, digest, NULL, NULL));
    return judge(c, &m,
                 ts_rsa_pss_verify(c->peer_key, alg, digest, m.signature.data, m.signature.len));
}
