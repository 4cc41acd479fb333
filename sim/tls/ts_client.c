/* ts_client: the client side of the handshake. */
#include "tls/ts_client.h"

#include <stdio.h>
#include <string.h>

#include "crypto/ts_rsa_pkcs1.h"
#include "crypto/ts_rsa_pss.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_x509_parse.h"
#include "tls/msg/ts_msg_certificate.h"
#include "tls/msg/ts_msg_certificate_request.h"
#include "tls/msg/ts_msg_client_hello.h"
#include "tls/msg/ts_msg_client_key_exchange.h"
#include "tls/msg/ts_msg_server_hello.h"
#include "tls/msg/ts_msg_server_hello_done.h"
#include "tls/msg/ts_msg_server_key_exchange.h"
#include "tls/ts_client13.h"

/* The smallest finite-field group a client accepts (the toy group is for
 * lessons on the calculator, not for a handshake). */
#define TS_CLIENT_MIN_DH_BITS 512

/* The signature algorithms the client offers, in its order of preference. */
static const uint16_t client_sigalgs[] = {TS_SIGALG_RSA_PKCS1_SHA256, TS_SIGALG_RSA_PKCS1_SHA384};

static bool offered_sigalg(uint16_t alg)
{
    for (size_t i = 0; i < sizeof(client_sigalgs) / sizeof(client_sigalgs[0]); i++) {
        if (client_sigalgs[i] == alg) {
            return true;
        }
    }
    return false;
}

/* Offers the client's suites of version: the configured one first, then,
 * with offer_all, its other usable ones. */
static void offer_suites(ts_conn *c, const ts_suite *first, uint16_t version)
{
    if (first != NULL) {
        c->offered[c->n_offered++] = first->code;
    }
    for (int i = 0; c->cfg.offer_all && i < TS_SUITE_COUNT; i++) {
        const ts_suite *s = ts_suite_get((ts_suite_id)i);
        if (s != first && s->version == version && ts_suite_usable(s)) {
            c->offered[c->n_offered++] = s->code;
        }
    }
}

/* True when the client speaks TLS 1.2 (its lowest version is 1.2). */
static bool speaks12(const ts_conn *c)
{
    return c->cfg.min_version == 0 || c->cfg.min_version <= TS_VERSION_TLS12;
}

ts_err ts_client_write_hello(ts_conn *c)
{
    return ts_client_send_hello(c, false);
}

ts_err ts_client_send_hello(ts_conn *c, bool second)
{
    ts_msg_client_hello m;
    memset(&m, 0, sizeof(m));
    m.version = TS_VERSION_TLS12;
    if (!second) {
        ts_rng_bytes(c->rng, c->client_random, TS_RANDOM_LEN);
    }
    memcpy(m.random, c->client_random, TS_RANDOM_LEN);
    c->n_offered = 0;
    c->offered13 = c->cfg.max_version >= TS_VERSION_TLS13;
    if (c->offered13) {
        offer_suites(c, c->cfg.suite13, TS_VERSION_TLS13);
    }
    if (speaks12(c)) {
        offer_suites(c, c->cfg.suite, TS_VERSION_TLS12);
    }
    memcpy(m.suites, c->offered, c->n_offered * sizeof(c->offered[0]));
    m.n_suites = c->n_offered;
    m.compression[m.n_compression++] = 0;
    ts_msg_exts *e = &m.exts;
    e->block = true;
    /* RFC 6066 §3: a host name, never an IP address literal */
    if (c->cfg.host != NULL &&
        ts_msg_host_name_valid((const uint8_t *)c->cfg.host, strlen(c->cfg.host))) {
        e->present |= TS_EXTF_SERVER_NAME;
        e->host_len = strlen(c->cfg.host);
        memcpy(e->host, c->cfg.host, e->host_len);
    }
    e->present |= TS_EXTF_SUPPORTED_GROUPS | TS_EXTF_EC_POINT_FORMATS |
                  TS_EXTF_SIGNATURE_ALGORITHMS | TS_EXTF_RENEGOTIATION_INFO;
    e->groups[e->n_groups++] = TS_GROUP_X25519;
    e->groups[e->n_groups++] = TS_GROUP_FFDHE2048;
    e->point_formats[e->n_point_formats++] = TS_POINT_FORMAT_UNCOMPRESSED;
    for (size_t i = 0; i < sizeof(client_sigalgs) / sizeof(client_sigalgs[0]); i++) {
        e->sigalgs[e->n_sigalgs++] = client_sigalgs[i];
    }
    if (c->cfg.ems && speaks12(c)) {
        e->present |= TS_EXTF_EXTENDED_MASTER_SECRET;
    }
    if (!second) {
        ts_ep_value(c, "client_random", N_("generated"), N_("32 random bytes from the client"),
                    false, c->client_random, TS_RANDOM_LEN);
    }
    ts_err err = c->offered13 ? ts_client13_add_offer(c, &m, second) : TS_OK;
    ts_buf body;
    ts_buf_init(&body);
    if (err == TS_OK) {
        err = ts_msg_client_hello_write(&body, &m);
    }
    return ts_ep_send_built(c, TS_HS_CLIENT_HELLO, second ? "client_hello_2" : "client_hello",
                            &body, err);
}

static bool offered(const ts_conn *c, uint16_t code)
{
    for (size_t i = 0; i < c->n_offered; i++) {
        if (c->offered[i] == code) {
            return true;
        }
    }
    return false;
}

ts_err ts_client_read_hello(ts_conn *c, ts_buf *body)
{
    ts_msg_server_hello m;
    TS_GUARD(ts_msg_server_hello_parse(body, &m, NULL));
    if (c->offered13 && (m.exts.present & TS_EXTF_SUPPORTED_VERSIONS)) {
        return ts_client13_on_server_hello(c, &m);
    }
    if (m.hrr) {
        return ts_ep_fail(c, TS_ERR_UNEXPECTED,
                          N_("a HelloRetryRequest, but the client offered no TLS 1.3"));
    }
    if (m.version != TS_VERSION_TLS12 || !speaks12(c)) {
        return ts_ep_fail(c, TS_ERR_VERSION,
                          speaks12(c) ? N_("the server chose a version other than TLS 1.2")
                                      : N_("the server chose TLS 1.2; this client speaks only "
                                           "TLS 1.3"));
    }
    /* RFC 8446 §4.1.3: a client that offered TLS 1.3 and gets TLS 1.2
     * checks the last 8 bytes of the server's random */
    if (c->offered13 &&
        memcmp(m.random + TS_RANDOM_LEN - sizeof(TS_DOWNGRADE_TLS12), TS_DOWNGRADE_TLS12,
               sizeof(TS_DOWNGRADE_TLS12)) == 0) {
        ts_ep_check(c, "downgrade_sentinel", TS_ERR_ILLEGAL,
                    N_("the server's random ends in DOWNGRD 01: it speaks TLS 1.3 but saw no "
                       "TLS 1.3 offer, so the ClientHello was changed on the way"));
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("downgrade detected: the server's random ends in DOWNGRD 01 "
                             "(RFC 8446 4.1.3)"));
    }
    if (c->offered13) {
        ts_ep_check(c, "downgrade_sentinel", TS_OK,
                    N_("TLS 1.2 was agreed and the server's random carries no downgrade "
                       "sentinel: the server does not speak TLS 1.3"));
    }
    const ts_suite *chosen = ts_suite_by_code(m.suite);
    if (!offered(c, m.suite) || chosen == NULL || ts_suite_is_tls13(chosen)) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the server chose a cipher suite the client never offered"));
    }
    if (m.compression != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the server chose compression the client never offered"));
    }
    uint32_t allowed = TS_EXTF_RENEGOTIATION_INFO | TS_EXTF_EC_POINT_FORMATS |
                       (c->cfg.ems ? TS_EXTF_EXTENDED_MASTER_SECRET : 0) | TS_EXTF_SERVER_NAME;
    if ((m.exts.present & ~allowed) != 0 || m.exts.n_unknown > 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the server answered an extension the client never sent"));
    }
    if ((m.exts.present & TS_EXTF_RENEGOTIATION_INFO) && m.exts.reneg_len != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("renegotiation_info must be empty in a first handshake"));
    }
    c->suite = ts_suite_by_code(m.suite);
    c->use_ems = (m.exts.present & TS_EXTF_EXTENDED_MASTER_SECRET) != 0;
    memcpy(c->server_random, m.random, TS_RANDOM_LEN);
    ts_ep_value(c, "server_random", N_("received in ServerHello"),
                N_("32 random bytes from the server"), false, c->server_random, TS_RANDOM_LEN);
    uint8_t code[2] = {(uint8_t)(c->suite->code >> 8), (uint8_t)c->suite->code};
    ts_ep_value(c, "cipher_suite", c->suite->iana_name,
                N_("the server's choice among the suites the client offered"), false, code,
                sizeof(code));
    return TS_OK;
}

ts_err ts_client_read_certificate(ts_conn *c, ts_buf *body)
{
    ts_msg_certificate m;
    TS_GUARD(ts_msg_certificate_parse(body, &m, NULL));
    if (m.n_certs == 0) {
        return ts_ep_fail(c, TS_ERR_X509, N_("the server sent no certificate"));
    }
    return ts_client_accept_server_cert(c, m.certs[0].data, m.certs[0].len);
}

ts_err ts_client_accept_server_cert(ts_conn *c, const uint8_t *der, size_t len)
{
    ts_cert server, ca;
    ts_err err = ts_x509_parse(der, len, &server);
    if (err != TS_OK) {
        ts_ep_check(c, "certificate_chain", err,
                    N_("the server certificate is not valid DER X.509"));
        return ts_ep_fail(c, TS_ERR_X509, N_("the server certificate could not be parsed"));
    }
    const char *why = NULL;
    if (c->cfg.no_verify) {
        ts_ep_check(c, "certificate_chain", TS_OK,
                    N_("NOT CHECKED: this client accepts any certificate (--no-verify)"));
    } else {
        err = ts_x509_parse(c->cfg.ca_der, c->cfg.ca_len, &ca);
        if (err == TS_OK) {
            err = ts_x509_verify_chain(&server, &ca, c->cfg.host, c->cfg.now, c->cfg.lax_pkcs1, &why);
            ts_x509_free(&ca);
        } else {
            why = N_("the client's trust anchor could not be parsed");
        }
        ts_ep_check(c, "certificate_chain", err, why);
    }
    if (err == TS_OK) {
        c->peer_key = ts_rsa_public_copy(server.pub);
        err = c->peer_key == NULL ? TS_ERR_NOMEM : TS_OK;
    }
    ts_x509_free(&server);
    if (err != TS_OK) {
        return ts_ep_fail(c, err, why);
    }
    ts_buf n;
    ts_buf_init(&n);
    if (ts_rsa_get(c->peer_key, TS_RSA_N, &n) == TS_OK) {
        ts_ep_value(c, "server_public_key", N_("taken from the server certificate"),
                    N_("the modulus n of the server's RSA key (e = 65537)"), false, n.data, n.len);
    }
    ts_buf_free(&n);
    return TS_OK;
}

/* Checks the ServerKeyExchange signature over both randoms and the params. */
static ts_err check_ske_signature(ts_conn *c, const ts_msg_ske *m)
{
    if (c->cfg.skip_ske_check) {
        ts_ep_check(
            c, "ske_signature", TS_OK,
            N_("NOT CHECKED: this client skips the ServerKeyExchange signature (goto fail)"));
        return TS_OK;
    }
    ts_err err = TS_OK;
    const char *why = N_("the server's key signed both randoms and these parameters");
    ts_hash_alg alg = TS_HASH_SHA256;
    /* a client offering TLS 1.3 also offers rsa_pss_rsae_*, which a TLS 1.2
     * server may sign with (RFC 8446 4.2.3) */
    bool pss = c->offered13 && ts_client13_pss_hash(m->sigalg, &alg);
    if (!pss && (!offered_sigalg(m->sigalg) || !ts_msg_ske_sigalg_hash(m->sigalg, &alg))) {
        err = TS_ERR_ILLEGAL;
        why = N_("the signature algorithm is not one the client offered");
    }
    if (err == TS_OK) {
        uint8_t digest[TS_HASH_MAX_LEN];
        ts_msg_ske_digest(alg, c->client_random, c->server_random, m->params.data,
                          m->params.len, digest);
        err = pss ? ts_rsa_pss_verify(c->peer_key, alg, digest, m->signature.data,
                                      m->signature.len)
              : c->cfg.lax_pkcs1
                  ? ts_rsa_verify_lax(c->peer_key, alg, digest, m->signature.data, m->signature.len)
                  : ts_rsa_verify(c->peer_key, alg, digest, m->signature.data, m->signature.len);
        if (err != TS_OK) {
            err = TS_ERR_SIGNATURE;
            why = N_("the signature does not verify with the certificate's key");
        }
    }
    ts_ep_check(c, "ske_signature", err, why);
    return err == TS_OK ? TS_OK : ts_ep_fail(c, err, why);
}

ts_err ts_client_read_key_exchange(ts_conn *c, ts_buf *body)
{
    ts_msg_ske m;
    TS_GUARD(ts_msg_ske_parse(body, c->suite->kx, &m, NULL));
    if (c->suite->kx == TS_KX_ECDHE) {
        if (m.curve_type != TS_EC_CURVE_TYPE_NAMED || m.group != TS_GROUP_X25519 ||
            m.point.len != TS_X25519_LEN) {
            return ts_ep_fail(c, TS_ERR_ILLEGAL,
                              N_("the server's ECDHE share is not an X25519 point"));
        }
        memcpy(c->peer_x25519, m.point.data, TS_X25519_LEN);
    } else {
        ts_err err = ts_dh_check_group(m.dh_p.data, m.dh_p.len, m.dh_g.data, m.dh_g.len,
                                       TS_CLIENT_MIN_DH_BITS);
        if (err == TS_OK) {
            err = ts_dh_check_public(m.dh_p.data, m.dh_p.len, m.dh_ys.data, m.dh_ys.len);
        }
        if (err != TS_OK) {
            return ts_ep_fail(c, TS_ERR_ILLEGAL,
                              N_("the server's Diffie-Hellman group or value is unusable"));
        }
        ts_buf_reset(&c->dh_p);
        ts_buf_reset(&c->dh_g);
        ts_buf_reset(&c->peer_dh);
        TS_GUARD(ts_buf_write_bytes(&c->dh_p, m.dh_p.data, m.dh_p.len));
        TS_GUARD(ts_buf_write_bytes(&c->dh_g, m.dh_g.data, m.dh_g.len));
        TS_GUARD(ts_buf_write_bytes(&c->peer_dh, m.dh_ys.data, m.dh_ys.len));
    }
    ts_ep_value(c, "server_share", N_("received in ServerKeyExchange"),
                c->suite->kx == TS_KX_ECDHE ? "X25519(server_private, 9)" : "g^b mod p", false,
                c->suite->kx == TS_KX_ECDHE ? m.point.data : m.dh_ys.data,
                c->suite->kx == TS_KX_ECDHE ? m.point.len : m.dh_ys.len);
    return check_ske_signature(c, &m);
}

ts_err ts_client_read_hello_done(ts_conn *c, ts_buf *body)
{
    (void)c;
    return ts_msg_server_hello_done_parse(body, NULL);
}

/* RSA: premaster = client_version || 46 random bytes, encrypted. */
static ts_err rsa_exchange(ts_conn *c, ts_buf *exchange)
{
    uint8_t *pms = c->premaster;
    pms[0] = TS_VERSION_TLS12 >> 8;
    pms[1] = TS_VERSION_TLS12 & 0xff;
    ts_rng_bytes(c->rng, pms + 2, TS_PREMASTER_RANDOM_LEN);
    c->premaster_len = TS_PREMASTER_LEN;
    ts_ep_value(c, "premaster_secret", N_("generated by the client"),
                N_("client_version (03 03) + 46 random bytes"), true, pms, TS_PREMASTER_LEN);
    size_t k = ts_rsa_len(c->peer_key);
    uint8_t *ct;
    size_t at;
    TS_GUARD(ts_buf_write_zeros(exchange, k, &at));
    ct = exchange->data + at;
    ts_err err = ts_rsa_encrypt(c->peer_key, c->rng, pms, TS_PREMASTER_LEN, ct);
    if (err != TS_OK) {
        return ts_ep_fail(c, err,
                          N_("the server's RSA key is too small for a 48-byte premaster secret"));
    }
    const ts_ev_input from = {"premaster_secret", pms, TS_PREMASTER_LEN, false};
    ts_ep_value_from(c, "encrypted_premaster", N_("encrypted with the server's public key"),
                     "RSA-encrypt(server_public_key, PKCS#1 v1.5 pad(premaster_secret))", false, ct,
                     k, &from, 1);
    return TS_OK;
}

static ts_err ecdhe_exchange(ts_conn *c, ts_buf *exchange)
{
    TS_GUARD(ts_x25519_keypair(c->rng, c->x25519_priv, c->x25519_pub));
    ts_ep_value(c, "client_private", N_("generated"), N_("32 random bytes"), true, c->x25519_priv,
                TS_X25519_LEN);
    ts_ep_value(c, "client_share", N_("computed"), "X25519(client_private, 9)", false,
                c->x25519_pub, TS_X25519_LEN);
    ts_err err = ts_x25519_shared(c->x25519_priv, c->peer_x25519, c->premaster);
    if (err != TS_OK) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the server's X25519 share is a small-order point"));
    }
    c->premaster_len = TS_X25519_LEN;
    const ts_ev_input from = {"server_share", c->peer_x25519, TS_X25519_LEN, false};
    ts_ep_value_from(
        c, "premaster_secret", N_("computed from the server's share and the client's private key"),
        "X25519(client_private, server_share)", true, c->premaster, TS_X25519_LEN, &from, 1);
    return ts_buf_write_bytes(exchange, c->x25519_pub, TS_X25519_LEN);
}

static ts_err dhe_exchange(ts_conn *c, ts_buf *exchange)
{
    ts_buf_reset(&c->dh_priv);
    ts_buf_reset(&c->dh_pub);
    TS_GUARD(ts_dh_keypair(c->rng, c->dh_p.data, c->dh_p.len, c->dh_g.data, c->dh_g.len,
                           &c->dh_priv, &c->dh_pub));
    ts_ep_value(c, "client_private", N_("generated"), N_("a random exponent a, 1 < a < p - 1"),
                true, c->dh_priv.data, c->dh_priv.len);
    ts_ep_value(c, "client_share", N_("computed"), "g^a mod p", false, c->dh_pub.data,
                c->dh_pub.len);
    ts_buf z;
    ts_buf_init(&z);
    ts_err err = ts_dh_shared(c->dh_p.data, c->dh_p.len, c->dh_priv.data, c->dh_priv.len,
                              c->peer_dh.data, c->peer_dh.len, &z);
    if (err == TS_OK && z.len <= sizeof(c->premaster)) {
        memcpy(c->premaster, z.data, z.len);
        c->premaster_len = z.len;
    }
    ts_secret_free_buf(&z);
    if (err != TS_OK) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("the server's Diffie-Hellman value is unusable"));
    }
    const ts_ev_input from = {"server_share", c->peer_dh.data, c->peer_dh.len, false};
    ts_ep_value_from(c, "premaster_secret",
                     N_("computed from the server's share and the client's exponent"),
                     N_("server_share^a mod p (leading zero bytes removed)"), true, c->premaster,
                     c->premaster_len, &from, 1);
    return ts_buf_write_bytes(exchange, c->dh_pub.data, c->dh_pub.len);
}

ts_err ts_client_write_key_exchange(ts_conn *c)
{
    ts_buf exchange;
    ts_buf_init(&exchange);
    ts_err err = c->suite->kx == TS_KX_RSA     ? rsa_exchange(c, &exchange)
                 : c->suite->kx == TS_KX_ECDHE ? ecdhe_exchange(c, &exchange)
                                               : dhe_exchange(c, &exchange);
    ts_buf body;
    ts_buf_init(&body);
    if (err == TS_OK) {
        ts_msg_cke m = {c->suite->kx, {exchange.data, exchange.len}};
        err = ts_msg_cke_write(&body, &m);
    }
    ts_buf_free(&exchange);
    /* The keys are derived when the client needs them: before ChangeCipherSpec. */
    return ts_ep_send_built(c, TS_HS_CLIENT_KEY_EXCHANGE, "client_key_exchange", &body, err);
}
