/* ts_client13: the client side of the TLS 1.3 handshake. */
#include "tls/ts_client13.h"

#include <stdio.h>
#include <string.h>

#include "crypto/ts_rsa_pss.h"
#include "crypto/ts_secret.h"
#include "tls/internal/ts_keyshare.h"
#include "tls/internal/ts_schedule13.h"
#include "tls/msg/ts_msg_certificate13.h"
#include "tls/msg/ts_msg_certificate_request13.h"
#include "tls/msg/ts_msg_certificate_verify.h"
#include "tls/msg/ts_msg_encrypted_extensions.h"
#include "tls/ts_client.h"

/* What the client offers: signature schemes (PSS for CertificateVerify,
 * PKCS#1 for TLS 1.2 and certificates) and groups, in its order. */
static const uint16_t sigalgs13[] = {
    TS_SIGALG_RSA_PSS_RSAE_SHA256, TS_SIGALG_RSA_PSS_RSAE_SHA384, TS_SIGALG_RSA_PSS_RSAE_SHA512,
    TS_SIGALG_RSA_PKCS1_SHA256,    TS_SIGALG_RSA_PKCS1_SHA384,
};
static const uint16_t groups13[] = {TS_GROUP_X25519, TS_GROUP_FFDHE2048, TS_GROUP_FFDHE3072,
                                    TS_GROUP_FFDHE4096};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool offered_group(uint16_t g)
{
    for (size_t i = 0; i < COUNT(groups13); i++) {
        if (groups13[i] == g) {
            return true;
        }
    }
    return false;
}

ts_err ts_client13_add_offer(ts_conn *c, ts_msg_client_hello *m, bool second)
{
    if (!second) {
        c->compat = true;
        c->session_id_len = sizeof(c->session_id);
        ts_rng_bytes(c->rng, c->session_id, c->session_id_len);
        ts_ep_value(c, "legacy_session_id", N_("generated"),
                    N_("32 random bytes, only for middleboxes (RFC 8446 D.4)"), false,
                    c->session_id, c->session_id_len);
        c->group = c->cfg.group != 0 ? c->cfg.group : TS_GROUP_X25519;
        TS_ENSURE(offered_group(c->group), TS_ERR_ARG);
    }
    memcpy(m->session_id, c->session_id, c->session_id_len);
    m->session_id_len = c->session_id_len;
    ts_msg_exts *e = &m->exts;
    e->present |= TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE | TS_EXTF_PSK_KEY_EXCHANGE_MODES |
                  TS_EXTF_SUPPORTED_GROUPS | TS_EXTF_SIGNATURE_ALGORITHMS;
    e->n_versions = 0;
    e->versions[e->n_versions++] = TS_VERSION_TLS13;
    if (c->cfg.min_version == 0 || c->cfg.min_version <= TS_VERSION_TLS12) {
        e->versions[e->n_versions++] = TS_VERSION_TLS12;
    }
    e->n_groups = 0;
    for (size_t i = 0; i < COUNT(groups13); i++) {
        e->groups[e->n_groups++] = groups13[i];
    }
    e->n_sigalgs = 0;
    for (size_t i = 0; i < COUNT(sigalgs13); i++) {
        e->sigalgs[e->n_sigalgs++] = sigalgs13[i];
    }
    e->n_psk_modes = 0;
    e->psk_modes[e->n_psk_modes++] = TS_PSK_DHE_KE;
    const uint8_t *key = NULL;
    size_t len = 0;
    TS_GUARD(ts_ks_make(c, c->group, &key, &len));
    e->shares[0] = (ts_msg_key_share){c->group, key, len};
    e->n_shares = 1;
    if (second && c->cookie.len > 0) {
        e->present |= TS_EXTF_COOKIE;
        e->cookie = c->cookie.data;
        e->cookie_len = c->cookie.len;
    }
    return TS_OK;
}

/* RFC 8446 §4.2: an extension the client never sent is
 * unsupported_extension; one it sent that has no place in this message is
 * illegal_parameter. allowed: the TS_EXTF_* flags the message may carry. */
static ts_err check_answered(ts_conn *c, const ts_msg_exts *e, uint32_t allowed)
{
    if (e->n_unknown > 0) {
        return ts_ep_fail(c, TS_ERR_UNSUPPORTED_EXTENSION,
                          N_("the server answered an extension the client never sent"));
    }
    if ((e->present & ~allowed) != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the server sent an extension that has no place in this message "
                             "(RFC 8446 4.2)"));
    }
    return TS_OK;
}

/* What ServerHello and HelloRetryRequest must both get right. */
static ts_err check_hello(ts_conn *c, const ts_msg_server_hello *m)
{
    if (m->exts.selected_version != TS_VERSION_TLS13 || m->version != TS_VERSION_TLS12) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("supported_versions must say 03 04 and legacy_version 03 03"));
    }
    if (m->session_id_len != c->session_id_len ||
        memcmp(m->session_id, c->session_id, c->session_id_len) != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("legacy_session_id_echo is not the client's legacy_session_id"));
    }
    const ts_suite *s = ts_suite_by_code(m->suite);
    bool ours = false;
    for (size_t i = 0; i < c->n_offered; i++) {
        ours |= c->offered[i] == m->suite;
    }
    if (!ours || !ts_suite_is_tls13(s)) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the server chose a cipher suite the client never offered for "
                             "TLS 1.3"));
    }
    if (c->suite != NULL && c->suite != s) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("ServerHello's cipher suite differs from HelloRetryRequest's"));
    }
    if (m->compression != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("legacy_compression_method must be 0"));
    }
    if (c->suite == NULL) {
        c->suite = s;
        uint8_t code[2] = {(uint8_t)(s->code >> 8), (uint8_t)s->code};
        ts_ep_value(c, "cipher_suite", s->iana_name,
                    N_("the server's choice among the suites the client offered"), false, code,
                    sizeof(code));
    }
    return TS_OK;
}

static ts_err on_hrr(ts_conn *c, const ts_msg_server_hello *m)
{
    if (c->hrr) {
        return ts_ep_fail(c, TS_ERR_UNEXPECTED,
                          N_("a second HelloRetryRequest (RFC 8446 4.1.4)"));
    }
    TS_GUARD(check_answered(c, &m->exts,
                            TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE | TS_EXTF_COOKIE));
    TS_GUARD(check_hello(c, m));
    bool new_group = (m->exts.present & TS_EXTF_KEY_SHARE) != 0;
    uint16_t g = m->exts.selected_group;
    if (new_group && (!offered_group(g) || g == c->group)) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("HelloRetryRequest asks for a group the client did not offer, or "
                             "the one it already sent a share of"));
    }
    if (!new_group && (m->exts.present & TS_EXTF_COOKIE) == 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("a HelloRetryRequest that would change nothing in the ClientHello"));
    }
    c->hrr = true;
    if (m->exts.present & TS_EXTF_COOKIE) {
        ts_buf_reset(&c->cookie);
        TS_GUARD(ts_buf_write_bytes(&c->cookie, m->exts.cookie, m->exts.cookie_len));
    }
    if (new_group) {
        c->group = g;
    }
    ts_secret_wipe(c->x25519_priv, sizeof(c->x25519_priv));
    ts_ep_check(c, "hello_retry_request", TS_OK,
                N_("the server needs a key share of another group: the client sends a second "
                   "ClientHello"));
    return ts13_message_hash(c);
}

static ts_err on_server_hello(ts_conn *c, const ts_msg_server_hello *m)
{
    TS_GUARD(check_answered(c, &m->exts, TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE));
    TS_GUARD(check_hello(c, m));
    if ((m->exts.present & TS_EXTF_KEY_SHARE) == 0 || m->exts.n_shares != 1) {
        return ts_ep_fail(c, TS_ERR_MISSING_EXTENSION,
                          N_("ServerHello has no key_share (RFC 8446 4.2.8)"));
    }
    if (m->exts.shares[0].group != c->group) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the server's key share is not of the group the client sent"));
    }
    memcpy(c->server_random, m->random, TS_RANDOM_LEN);
    ts_ep_value(c, "server_random", N_("received in ServerHello"),
                N_("32 random bytes from the server"), false, c->server_random, TS_RANDOM_LEN);
    const ts_msg_key_share *ks = &m->exts.shares[0];
    TS_GUARD(ts_ks_take(c, c->group, ks->key, ks->key_len, N_("received in ServerHello")));
    TS_GUARD(ts_ks_shared(c, c->group));
    TS_GUARD(ts13_handshake_secrets(c));
    /* from here on both directions are protected (an alert too); only the
     * compatibility ChangeCipherSpec goes out in the clear */
    TS_GUARD(ts13_install(c, false, false, TS13_HANDSHAKE));
    return ts13_install(c, true, true, TS13_HANDSHAKE);
}

ts_err ts_client13_on_server_hello(ts_conn *c, const ts_msg_server_hello *m)
{
    if (m->exts.selected_version != TS_VERSION_TLS13) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("supported_versions names a version the client did not offer"));
    }
    c->tls13 = true;
    c->state = m->hrr ? TS13_ST_HELLO_RETRY_REQUEST : TS13_ST_SERVER_HELLO;
    return m->hrr ? on_hrr(c, m) : on_server_hello(c, m);
}

ts_err ts_client13_read_server_hello(ts_conn *c, ts_buf *body)
{
    ts_msg_server_hello m;
    TS_GUARD(ts_msg_server_hello_parse(body, &m, NULL));
    if ((m.exts.present & TS_EXTF_SUPPORTED_VERSIONS) == 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("after a HelloRetryRequest the ServerHello must be TLS 1.3"));
    }
    if (m.hrr && c->hrr) {
        return ts_ep_fail(c, TS_ERR_UNEXPECTED, N_("a second HelloRetryRequest (RFC 8446 4.1.4)"));
    }
    return ts_client13_on_server_hello(c, &m);
}

ts_err ts_client13_write_hello2(ts_conn *c)
{
    return ts_client_send_hello(c, true);
}

ts_err ts_client13_read_encrypted_extensions(ts_conn *c, ts_buf *body)
{
    ts_msg_exts e;
    TS_GUARD(ts_msg_encrypted_extensions_parse(body, &e, NULL));
    uint32_t allowed = TS_EXTF_SUPPORTED_GROUPS |
                       (c->cfg.host != NULL ? TS_EXTF_SERVER_NAME : 0);
    return check_answered(c, &e, allowed);
}

ts_err ts_client13_read_certificate(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate13 m;
    TS_GUARD(ts_msg_certificate13_parse(body, &m, NULL));
    if (m.context.len != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("a server's Certificate must have an empty request context"));
    }
    if (m.n_certs == 0) {
        return ts_ep_fail(c, TS_ERR_DECODE,
                          N_("the server sent an empty Certificate (RFC 8446 4.4.2.4)"));
    }
    return ts_client_accept_server_cert(c, m.certs[0].data, m.certs[0].len);
}

bool ts_client13_pss_hash(uint16_t sigalg, ts_hash_alg *alg)
{
    switch (sigalg) {
    case TS_SIGALG_RSA_PSS_RSAE_SHA256:
        *alg = TS_HASH_SHA256;
        return true;
    case TS_SIGALG_RSA_PSS_RSAE_SHA384:
        *alg = TS_HASH_SHA384;
        return true;
    case TS_SIGALG_RSA_PSS_RSAE_SHA512:
        *alg = TS_HASH_SHA512;
        return true;
    default:
        return false;
    }
}

ts_err ts_client13_read_certificate_verify(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate_verify m;
    TS_GUARD(ts_msg_certificate_verify_parse(body, &m, NULL));
    ts_hash_alg alg;
    if (!ts_client13_pss_hash(m.sigalg, &alg)) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("CertificateVerify uses a scheme the client did not offer for it "
                             "(TLS 1.3 signs with RSA-PSS)"));
    }
    uint8_t digest[TS_HASH_MAX_LEN];
    TS_GUARD(ts13_cv_digest(c, true, alg, digest, NULL, NULL));
    ts_ep_value(c, "server_signature", N_("received in CertificateVerify"),
                "RSA-PSS-sign(server_private_key, signed_digest)", false, m.signature.data,
                m.signature.len);
    if (c->cfg.skip_ske_check) {
        ts_ep_check(c, "certificate_verify", TS_OK,
                    N_("NOT CHECKED: this client skips the server's signature (goto fail)"));
        return TS_OK;
    }
    ts_err err = ts_rsa_pss_verify(c->peer_key, alg, digest, m.signature.data, m.signature.len);
    const char *why =
        err == TS_OK ? N_("the server's key signed this transcript: it holds the private key")
                     : N_("the signature does not verify with the certificate's key");
    ts_ep_check(c, "certificate_verify", err == TS_OK ? TS_OK : TS_ERR_SIGNATURE, why);
    return err == TS_OK ? TS_OK : ts_ep_fail(c, TS_ERR_SIGNATURE, why);
}

ts_err ts_client13_read_finished(ts_conn *c, ts_buf *body)
{
    return ts13_check_finished(c, body);
}

ts_err ts_client13_after_server_finished(ts_conn *c)
{
    TS_GUARD(ts13_application_secrets(c));
    return ts13_install(c, false, false, TS13_APPLICATION);
}

ts_err ts_client13_write_finished(ts_conn *c)
{
    TS_GUARD(ts13_send_finished(c));
    TS_GUARD(ts13_resumption_secret(c));
    TS_GUARD(ts13_install(c, true, true, TS13_APPLICATION));
    ts_ep_check(c, "handshake_complete", TS_OK,
                N_("the server's Finished verified and ours sent: the handshake is complete"));
    return TS_OK;
}
