/* ts_server: the server side of the handshake. */
#include "tls/ts_server.h"

#include <stdio.h>
#include <string.h>

#include "base/ts_templates.h"
#include "crypto/ts_rsa_pkcs1.h"
#include "crypto/ts_secret.h"
#include "tls/msg/ts_msg_certificate.h"
#include "tls/msg/ts_msg_client_hello.h"
#include "tls/msg/ts_msg_client_key_exchange.h"
#include "tls/msg/ts_msg_server_hello.h"
#include "tls/msg/ts_msg_server_hello_done.h"
#include "tls/msg/ts_msg_server_key_exchange.h"
#include "tls/ts_server13.h"

#define TS_SCSV_RENEGOTIATION 0x00FF

/* The signature algorithm for ServerKeyExchange: the client's first among
 * those the engine signs with. RFC 9155 §2 (updating RFC 5246 §7.4.1.4.1):
 * without signature_algorithms the default would be {sha1, rsa}, which is
 * no longer used, so the server aborts with handshake_failure. */
static ts_err choose_sigalg(ts_conn *c, const ts_msg_exts *e)
{
    if ((e->present & TS_EXTF_SIGNATURE_ALGORITHMS) == 0) {
        return ts_ep_fail(c, TS_ERR_NO_SUITE,
                          N_("no signature_algorithms: the default {sha1, rsa} is not used "
                             "(RFC 9155)"));
    }
    size_t n = ts_msg_u16_count(&e->sigalgs_wire, e->n_sigalgs);
    for (size_t i = 0; i < n; i++) {
        uint16_t alg = ts_msg_u16_at(&e->sigalgs_wire, e->sigalgs, i);
        ts_hash_alg hash;
        if (ts_msg_ske_sigalg_hash(alg, &hash)) {
            c->sigalg = alg;
            return TS_OK;
        }
    }
    return ts_ep_fail(
        c, TS_ERR_NO_SUITE,
        N_("the client accepts no rsa_pkcs1 signature with SHA-256, SHA-384 or SHA-512"));
}

/* RFC 7919 §4: a client naming any FFDHE group (256..511) gets its first
 * group the server knows; if it knows none, insufficient_security. A client
 * naming none gets the server's configured group (classic DHE). */
static ts_err choose_dh_group(ts_conn *c, const ts_msg_exts *e)
{
    c->dh_group = c->cfg.dh_group;
    size_t n = ts_msg_u16_count(&e->groups_wire, e->n_groups);
    bool any_ffdhe = false;
    for (size_t i = 0; i < n; i++) {
        uint16_t g = ts_msg_u16_at(&e->groups_wire, e->groups, i);
        ts_dh_group_id id;
        if (ts_dh_group_by_named(g, &id)) {
            c->dh_group = id;
            return TS_OK;
        }
        any_ffdhe |= g >= 256 && g <= 511;
    }
    if (any_ffdhe) {
        return ts_ep_fail(c, TS_ERR_INSUFFICIENT,
                          N_("the client offers only FFDHE groups the server does not know"));
    }
    return TS_OK;
}

/* Checks the extensions against the RFCs and the suite; chooses what the
 * key exchange needs. */
static ts_err check_extensions(ts_conn *c, const ts_msg_exts *e)
{
    if ((e->present & TS_EXTF_RENEGOTIATION_INFO) && e->reneg_len != 0) {
        /* RFC 5746 §3.6 (the alert as §3.4 names it for the same check) */
        return ts_ep_fail(c, TS_ERR_NO_SUITE,
                          N_("renegotiation_info must be empty in a first handshake"));
    }
    bool ec_groups = false; /* the client named an elliptic curve (codes below 256) */
    size_t n = ts_msg_u16_count(&e->groups_wire, e->n_groups);
    for (size_t i = 0; i < n && !ec_groups; i++) {
        ec_groups = ts_msg_u16_at(&e->groups_wire, e->groups, i) < 256;
    }
    if ((e->present & TS_EXTF_EC_POINT_FORMATS) && !e->point_uncompressed && ec_groups) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("ec_point_formats lacks uncompressed (RFC 8422 5.1.2)"));
    }
    if (c->cfg.suite->kx == TS_KX_RSA) {
        return TS_OK;
    }
    TS_GUARD(choose_sigalg(c, e));
    if (c->cfg.suite->kx == TS_KX_ECDHE && (e->present & TS_EXTF_SUPPORTED_GROUPS) &&
        !ts_msg_exts_offers_group(e, TS_GROUP_X25519)) {
        return ts_ep_fail(c, TS_ERR_NO_SUITE, N_("the client does not support X25519"));
    }
    return c->cfg.suite->kx == TS_KX_DHE ? choose_dh_group(c, e) : TS_OK;
}

ts_err ts_server_read_hello(ts_conn *c, ts_buf *body)
{
    ts_msg_client_hello m;
    TS_GUARD(ts_msg_client_hello_parse(body, &m, NULL));
    c->peer_version = m.version;
    bool speaks13 = c->cfg.max_version >= TS_VERSION_TLS13;
    /* RFC 8446 D.5: SSL 3.0 or lower in legacy_version, whatever else */
    if (m.version <= TS_VERSION_SSL30) {
        return ts_ep_fail(c, TS_ERR_VERSION,
                          N_("the ClientHello's legacy_version is SSL 3.0 or lower (RFC 8446 "
                             "D.5)"));
    }
    /* RFC 8446 §4.2.1: with supported_versions, legacy_version is ignored and
     * the version must be one the list names */
    if (speaks13 && (m.exts.present & TS_EXTF_SUPPORTED_VERSIONS)) {
        if (ts_msg_exts_offers_version(&m.exts, TS_VERSION_TLS13)) {
            return ts_server13_on_client_hello(c, &m);
        }
        if (!ts_msg_exts_offers_version(&m.exts, TS_VERSION_TLS12)) {
            return ts_ep_fail(c, TS_ERR_VERSION,
                              N_("supported_versions names neither TLS 1.3 nor TLS 1.2"));
        }
        m.version = TS_VERSION_TLS12; /* the list says 1.2 */
    }
    if (c->cfg.suite == NULL) {
        return ts_ep_fail(c, TS_ERR_VERSION,
                          N_("the client does not offer TLS 1.3, the only version this server "
                             "speaks"));
    }
    if (m.version < TS_VERSION_TLS12) {
        return ts_ep_fail(c, TS_ERR_VERSION, N_("the client does not offer TLS 1.2"));
    }
    /* RFC 8446 §4.1.3: a server that speaks TLS 1.3 agreeing on 1.2 says so
     * in its random, which the Finished messages then protect */
    c->downgrade = speaks13;
    if (!m.has_null_compression) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the client does not offer the null compression method"));
    }
    if (!ts_msg_client_hello_offers(&m, c->cfg.suite->code)) {
        char why[160];
        snprintf(why, sizeof(why), TS_TPL_CLIENT_DOES_NOT_OFFER, c->cfg.suite->iana_name);
        return ts_ep_fail(c, TS_ERR_NO_SUITE, why);
    }
    const ts_msg_exts *e = &m.exts;
    TS_GUARD(check_extensions(c, e));
    c->suite = c->cfg.suite;
    c->peer_secure_reneg = (e->present & TS_EXTF_RENEGOTIATION_INFO) ||
                           ts_msg_client_hello_offers(&m, TS_SCSV_RENEGOTIATION);
    c->peer_ems = (e->present & TS_EXTF_EXTENDED_MASTER_SECRET) != 0;
    c->use_ems = c->peer_ems && c->cfg.ems;
    c->peer_point_formats = (e->present & TS_EXTF_EC_POINT_FORMATS) != 0;
    memcpy(c->client_random, m.random, TS_RANDOM_LEN);
    ts_ep_value(c, "client_random", N_("received in ClientHello"),
                N_("32 random bytes from the client"), false, c->client_random, TS_RANDOM_LEN);
    uint8_t code[2] = {(uint8_t)(c->suite->code >> 8), (uint8_t)c->suite->code};
    ts_ep_value(c, "cipher_suite", c->suite->iana_name,
                N_("the server's choice among the suites the client offered"), false, code,
                sizeof(code));
    return TS_OK;
}

ts_err ts_server_write_hello(ts_conn *c)
{
    ts_msg_server_hello m;
    memset(&m, 0, sizeof(m));
    m.version = TS_VERSION_TLS12;
    ts_rng_bytes(c->rng, c->server_random, TS_RANDOM_LEN);
    if (c->downgrade) {
        memcpy(c->server_random + TS_RANDOM_LEN - sizeof(TS_DOWNGRADE_TLS12), TS_DOWNGRADE_TLS12,
               sizeof(TS_DOWNGRADE_TLS12));
    }
    memcpy(m.random, c->server_random, TS_RANDOM_LEN);
    m.suite = c->suite->code;
    m.exts.block = true;
    if (c->peer_secure_reneg) {
        m.exts.present |= TS_EXTF_RENEGOTIATION_INFO;
    }
    if (c->use_ems) {
        m.exts.present |= TS_EXTF_EXTENDED_MASTER_SECRET;
    }
    /* RFC 8422 §5.2: only in answer to the client's ec_point_formats (a
     * server sends no extension the client did not send, RFC 5246 §7.4.1.4) */
    if (c->suite->kx == TS_KX_ECDHE && c->peer_point_formats) {
        m.exts.present |= TS_EXTF_EC_POINT_FORMATS;
        m.exts.point_formats[m.exts.n_point_formats++] = TS_POINT_FORMAT_UNCOMPRESSED;
    }
    ts_ep_value(c, "server_random", N_("generated"),
                c->downgrade ? N_("24 random bytes, then DOWNGRD 01: this server speaks TLS 1.3 "
                                  "but the client offered only 1.2 (RFC 8446 4.1.3)")
                             : N_("32 random bytes from the server"),
                false, c->server_random, TS_RANDOM_LEN);
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_SERVER_HELLO, "server_hello", &body,
                            ts_msg_server_hello_write(&body, &m));
}

ts_err ts_server_write_certificate(ts_conn *c)
{
    ts_msg_certificate m;
    memset(&m, 0, sizeof(m));
    ts_ep_chain(c, m.certs, TS_CERT_MAX_CHAIN, &m.n_certs);
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_CERTIFICATE, "certificate", &body,
                            ts_msg_certificate_write(&body, &m));
}

/* Fills m's public parameters for the suite's key exchange. */
static ts_err make_share(ts_conn *c, ts_msg_ske *m)
{
    if (c->suite->kx == TS_KX_ECDHE) {
        TS_GUARD(ts_x25519_keypair(c->rng, c->x25519_priv, c->x25519_pub));
        ts_ep_value(c, "server_private", N_("generated"), N_("32 random bytes"), true,
                    c->x25519_priv, TS_X25519_LEN);
        ts_ep_value(c, "server_share", N_("computed"), "X25519(server_private, 9)", false,
                    c->x25519_pub, TS_X25519_LEN);
        m->curve_type = TS_EC_CURVE_TYPE_NAMED;
        m->group = TS_GROUP_X25519;
        m->point = (ts_msg_bytes){c->x25519_pub, TS_X25519_LEN};
        return TS_OK;
    }
    const ts_dh_group *g = ts_dh_group_get(c->dh_group);
    TS_ENSURE(g != NULL, TS_ERR_ARG);
    ts_buf_reset(&c->dh_p);
    ts_buf_reset(&c->dh_g);
    ts_buf_reset(&c->dh_priv);
    ts_buf_reset(&c->dh_pub);
    TS_GUARD(ts_buf_write_bytes(&c->dh_p, g->p, g->p_len));
    TS_GUARD(ts_buf_write_bytes(&c->dh_g, g->g, g->g_len));
    TS_GUARD(ts_dh_keypair(c->rng, g->p, g->p_len, g->g, g->g_len, &c->dh_priv, &c->dh_pub));
    ts_ep_value(c, "server_private", N_("generated"), N_("a random exponent b, 1 < b < p - 1"),
                true, c->dh_priv.data, c->dh_priv.len);
    ts_ep_value(c, "server_share", N_("computed"), "g^b mod p", false, c->dh_pub.data,
                c->dh_pub.len);
    m->dh_p = (ts_msg_bytes){g->p, g->p_len};
    m->dh_g = (ts_msg_bytes){g->g, g->g_len};
    m->dh_ys = (ts_msg_bytes){c->dh_pub.data, c->dh_pub.len};
    return TS_OK;
}

ts_err ts_server_write_key_exchange(ts_conn *c)
{
    ts_msg_ske m;
    memset(&m, 0, sizeof(m));
    m.kind = c->suite->kx;
    TS_GUARD(make_share(c, &m));
    ts_buf body;
    ts_buf_init(&body);
    ts_err err = ts_msg_ske_write_params(&body, &m);
    uint8_t sig[TS_RSA_MAX_LEN];
    size_t sig_len = ts_rsa_len(c->cfg.server_key);
    ts_hash_alg hash = TS_HASH_SHA256;
    if (!ts_msg_ske_sigalg_hash(c->sigalg, &hash)) {
        err = err == TS_OK ? TS_ERR_ARG : err; /* read_hello chose it */
    }
    if (err == TS_OK) {
        uint8_t digest[TS_HASH_MAX_LEN];
        ts_msg_ske_digest(hash, c->client_random, c->server_random, body.data, body.len, digest);
        err = ts_rsa_sign(c->cfg.server_key, hash, digest, sig);
    }
    if (err == TS_OK) {
        const ts_ev_input from[] = {
            {"client_random", c->client_random, TS_RANDOM_LEN, false},
            {"server_random", c->server_random, TS_RANDOM_LEN, false},
            {"params", body.data, body.len, false},
        };
        ts_ep_value_from(
            c, "ske_signature", N_("signed with the server's private key"),
            hash == TS_HASH_SHA256
                ? "RSA-sign(server_private_key, SHA-256(client_random + server_random + params))"
            : hash == TS_HASH_SHA384
                ? "RSA-sign(server_private_key, SHA-384(client_random + server_random + params))"
                : "RSA-sign(server_private_key, SHA-512(client_random + server_random + params))",
            false, sig, sig_len, from, sizeof(from) / sizeof(from[0]));
        err = ts_msg_ske_write_signature(&body, c->sigalg, sig, sig_len);
    }
    return ts_ep_send_built(c, TS_HS_SERVER_KEY_EXCHANGE, "server_key_exchange", &body, err);
}

ts_err ts_server_write_hello_done(ts_conn *c)
{
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_SERVER_HELLO_DONE, "server_hello_done", &body,
                            ts_msg_server_hello_done_write(&body));
}

/* RFC 5246 §7.4.7.1: decrypt; on any failure (padding, length, version)
 * carry on with a random premaster so that nothing reveals which check
 * failed (Bleichenbacher); the Finished exchange then fails. */
static ts_err rsa_premaster(ts_conn *c, const ts_msg_bytes *enc)
{
    uint8_t fallback[TS_PREMASTER_LEN];
    ts_rng_bytes(c->rng, fallback, sizeof(fallback));
    ts_buf pms;
    ts_buf_init(&pms);
    ts_err err = TS_ERR_PADDING;
    if (enc->len == ts_rsa_len(c->cfg.server_key)) {
        err = ts_rsa_decrypt(c->cfg.server_key, enc->data, enc->len, &pms);
    }
    bool good = err == TS_OK && pms.len == TS_PREMASTER_LEN &&
                pms.data[0] == (c->peer_version >> 8) && pms.data[1] == (c->peer_version & 0xff);
    memcpy(c->premaster, good ? pms.data : fallback, TS_PREMASTER_LEN);
    c->premaster_len = TS_PREMASTER_LEN;
    ts_secret_free_buf(&pms);
    ts_secret_wipe(fallback, sizeof(fallback));
    const char *how =
        good ? N_("decrypted with the server's private key")
             : N_("decryption failed; a random premaster is used instead (RFC 5246 7.4.7.1)");
    const ts_ev_input from = {"encrypted_premaster", enc->data, enc->len, false};
    ts_ep_value_from(c, "premaster_secret", how,
                     "RSA-decrypt(server_private_key, encrypted_premaster)", true, c->premaster,
                     TS_PREMASTER_LEN, &from, 1);
    return TS_OK;
}

static ts_err ecdhe_premaster(ts_conn *c, const ts_msg_bytes *share)
{
    if (share->len != TS_X25519_LEN) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("the client's X25519 share is not 32 bytes"));
    }
    memcpy(c->peer_x25519, share->data, TS_X25519_LEN);
    ts_ep_value(c, "client_share", N_("received in ClientKeyExchange"), "X25519(client_private, 9)",
                false, c->peer_x25519, TS_X25519_LEN);
    if (ts_x25519_shared(c->x25519_priv, c->peer_x25519, c->premaster) != TS_OK) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the client's X25519 share is a small-order point"));
    }
    c->premaster_len = TS_X25519_LEN;
    const ts_ev_input from = {"client_share", c->peer_x25519, TS_X25519_LEN, false};
    ts_ep_value_from(
        c, "premaster_secret", N_("computed from the client's share and the server's private key"),
        "X25519(server_private, client_share)", true, c->premaster, TS_X25519_LEN, &from, 1);
    return TS_OK;
}

static ts_err dhe_premaster(ts_conn *c, const ts_msg_bytes *share)
{
    ts_buf_reset(&c->peer_dh);
    TS_GUARD(ts_buf_write_bytes(&c->peer_dh, share->data, share->len));
    ts_ep_value(c, "client_share", N_("received in ClientKeyExchange"), "g^a mod p", false,
                share->data, share->len);
    ts_buf z;
    ts_buf_init(&z);
    ts_err err = ts_dh_shared(c->dh_p.data, c->dh_p.len, c->dh_priv.data, c->dh_priv.len,
                              share->data, share->len, &z);
    if (err == TS_OK && z.len <= sizeof(c->premaster)) {
        memcpy(c->premaster, z.data, z.len);
        c->premaster_len = z.len;
    }
    ts_secret_free_buf(&z);
    if (err != TS_OK) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("the client's Diffie-Hellman value is unusable"));
    }
    const ts_ev_input from = {"client_share", share->data, share->len, false};
    ts_ep_value_from(c, "premaster_secret",
                     N_("computed from the client's share and the server's exponent"),
                     N_("client_share^b mod p (leading zero bytes removed)"), true, c->premaster,
                     c->premaster_len, &from, 1);
    return TS_OK;
}

ts_err ts_server_read_key_exchange(ts_conn *c, ts_buf *body)
{
    ts_msg_cke m;
    TS_GUARD(ts_msg_cke_parse(body, c->suite->kx, &m, NULL));
    ts_err err = c->suite->kx == TS_KX_RSA     ? rsa_premaster(c, &m.exchange)
                 : c->suite->kx == TS_KX_ECDHE ? ecdhe_premaster(c, &m.exchange)
                                               : dhe_premaster(c, &m.exchange);
    TS_GUARD(err);
    return ts_ep_derive_keys(c);
}
