/* ts_server: the server side of the handshake. */
#include "ts_server.h"

#include <stdio.h>
#include <string.h>

#include "ts_msg_certificate.h"
#include "ts_msg_client_hello.h"
#include "ts_msg_client_key_exchange.h"
#include "ts_msg_server_hello.h"
#include "ts_msg_server_hello_done.h"
#include "ts_msg_server_key_exchange.h"
#include "ts_rsa_pkcs1.h"
#include "ts_secret.h"

#define TS_SCSV_RENEGOTIATION 0x00FF

static ts_err send_msg(ts_conn *c, uint8_t type, const char *name, ts_buf *body, ts_err err)
{
    if (err == TS_OK) {
        err = ts_ep_send_handshake(c, type, name, body);
    }
    ts_buf_free(body);
    return err;
}

static bool has_sigalg(const ts_msg_exts *e, uint16_t alg)
{
    for (size_t i = 0; i < e->n_sigalgs; i++) {
        if (e->sigalgs[i] == alg) {
            return true;
        }
    }
    return false;
}

static bool has_group(const ts_msg_exts *e, uint16_t group)
{
    for (size_t i = 0; i < e->n_groups; i++) {
        if (e->groups[i] == group) {
            return true;
        }
    }
    return false;
}

ts_err ts_server_read_hello(ts_conn *c, ts_buf *body)
{
    ts_msg_client_hello m;
    TS_GUARD(ts_msg_client_hello_parse(body, &m, NULL));
    c->peer_version = m.version;
    if (m.version < TS_VERSION_TLS12) {
        return ts_ep_fail(c, TS_ERR_VERSION, "the client does not offer TLS 1.2");
    }
    if (!m.has_null_compression) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, "the client does not offer the null compression method");
    }
    if (!ts_msg_client_hello_offers(&m, c->cfg.suite->code)) {
        char why[160];
        snprintf(why, sizeof(why), "the client does not offer %s", c->cfg.suite->iana_name);
        return ts_ep_fail(c, TS_ERR_NO_SUITE, why);
    }
    const ts_msg_exts *e = &m.exts;
    if (c->cfg.suite->kx != TS_KX_RSA && (e->present & TS_EXTF_SIGNATURE_ALGORITHMS) &&
        !has_sigalg(e, TS_SIGALG_RSA_PKCS1_SHA256)) {
        return ts_ep_fail(c, TS_ERR_NO_SUITE, "the client does not accept rsa_pkcs1_sha256 signatures");
    }
    if (c->cfg.suite->kx == TS_KX_ECDHE && (e->present & TS_EXTF_SUPPORTED_GROUPS) &&
        !has_group(e, TS_GROUP_X25519)) {
        return ts_ep_fail(c, TS_ERR_NO_SUITE, "the client does not support X25519");
    }
    if ((e->present & TS_EXTF_RENEGOTIATION_INFO) && e->reneg_len != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, "renegotiation_info must be empty in a first handshake");
    }
    c->suite = c->cfg.suite;
    c->peer_secure_reneg = (e->present & TS_EXTF_RENEGOTIATION_INFO) ||
                           ts_msg_client_hello_offers(&m, TS_SCSV_RENEGOTIATION);
    c->peer_ems = (e->present & TS_EXTF_EXTENDED_MASTER_SECRET) != 0;
    c->use_ems = c->peer_ems && c->cfg.ems;
    memcpy(c->client_random, m.random, TS_RANDOM_LEN);
    ts_ep_value(c, "client_random", "received in ClientHello", "32 random bytes from the client",
                false, c->client_random, TS_RANDOM_LEN, NULL);
    uint8_t code[2] = {(uint8_t)(c->suite->code >> 8), (uint8_t)c->suite->code};
    ts_ep_value(c, "cipher_suite", c->suite->iana_name,
                "the server's choice among the suites the client offered", false, code,
                sizeof(code), NULL);
    return TS_OK;
}

ts_err ts_server_write_hello(ts_conn *c)
{
    ts_msg_server_hello m;
    memset(&m, 0, sizeof(m));
    m.version = TS_VERSION_TLS12;
    ts_rng_bytes(c->rng, c->server_random, TS_RANDOM_LEN);
    memcpy(m.random, c->server_random, TS_RANDOM_LEN);
    m.suite = c->suite->code;
    m.exts.block = true;
    if (c->peer_secure_reneg) {
        m.exts.present |= TS_EXTF_RENEGOTIATION_INFO;
    }
    if (c->use_ems) {
        m.exts.present |= TS_EXTF_EXTENDED_MASTER_SECRET;
    }
    if (c->suite->kx == TS_KX_ECDHE) {
        m.exts.present |= TS_EXTF_EC_POINT_FORMATS;
        m.exts.point_formats[m.exts.n_point_formats++] = TS_POINT_FORMAT_UNCOMPRESSED;
    }
    ts_ep_value(c, "server_random", "generated", "32 random bytes from the server", false,
                c->server_random, TS_RANDOM_LEN, NULL);
    ts_buf body;
    ts_buf_init(&body);
    return send_msg(c, TS_HS_SERVER_HELLO, "server_hello", &body,
                    ts_msg_server_hello_write(&body, &m));
}

ts_err ts_server_write_certificate(ts_conn *c)
{
    ts_msg_certificate m;
    memset(&m, 0, sizeof(m));
    for (size_t i = 0; i < c->cfg.n_certs && i < TS_CERT_MAX_CHAIN; i++) {
        m.certs[m.n_certs++] = (ts_msg_bytes){c->cfg.certs[i], c->cfg.cert_lens[i]};
    }
    ts_buf body;
    ts_buf_init(&body);
    return send_msg(c, TS_HS_CERTIFICATE, "certificate", &body,
                    ts_msg_certificate_write(&body, &m));
}

/* Fills m's public parameters for the suite's key exchange. */
static ts_err make_share(ts_conn *c, ts_msg_ske *m)
{
    if (c->suite->kx == TS_KX_ECDHE) {
        TS_GUARD(ts_x25519_keypair(c->rng, c->x25519_priv, c->x25519_pub));
        ts_ep_value(c, "server_private", "generated", "32 random bytes", true, c->x25519_priv,
                    TS_X25519_LEN, NULL);
        ts_ep_value(c, "server_share", "computed", "X25519(server_private, 9)", false,
                    c->x25519_pub, TS_X25519_LEN, NULL);
        m->curve_type = TS_EC_CURVE_TYPE_NAMED;
        m->group = TS_GROUP_X25519;
        m->point = (ts_msg_bytes){c->x25519_pub, TS_X25519_LEN};
        return TS_OK;
    }
    const ts_dh_group *g = ts_dh_group_get(c->cfg.dh_group);
    TS_ENSURE(g != NULL, TS_ERR_ARG);
    ts_buf_reset(&c->dh_p);
    ts_buf_reset(&c->dh_g);
    ts_buf_reset(&c->dh_priv);
    ts_buf_reset(&c->dh_pub);
    TS_GUARD(ts_buf_write_bytes(&c->dh_p, g->p, g->p_len));
    TS_GUARD(ts_buf_write_bytes(&c->dh_g, g->g, g->g_len));
    TS_GUARD(ts_dh_keypair(c->rng, g->p, g->p_len, g->g, g->g_len, &c->dh_priv, &c->dh_pub));
    ts_ep_value(c, "server_private", "generated", "a random exponent b, 1 < b < p - 1", true,
                c->dh_priv.data, c->dh_priv.len, NULL);
    ts_ep_value(c, "server_share", "computed", "g^b mod p", false, c->dh_pub.data,
                c->dh_pub.len, NULL);
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
    if (err == TS_OK) {
        uint8_t digest[TS_SHA256_LEN];
        ts_hash_ctx h;
        ts_hash_init(&h, TS_HASH_SHA256);
        ts_hash_update(&h, c->client_random, TS_RANDOM_LEN);
        ts_hash_update(&h, c->server_random, TS_RANDOM_LEN);
        ts_hash_update(&h, body.data, body.len);
        ts_hash_final(&h, digest);
        err = ts_rsa_sign(c->cfg.server_key, TS_HASH_SHA256, digest, sig);
    }
    if (err == TS_OK) {
        ts_ep_value(c, "ske_signature", "signed with the server's private key",
                    "RSA-sign(server_private_key, SHA-256(client_random + server_random + params))",
                    false, sig, sig_len, "client_random", c->client_random, (size_t)TS_RANDOM_LEN,
                    "server_random", c->server_random, (size_t)TS_RANDOM_LEN, "params", body.data,
                    body.len, NULL);
        err = ts_msg_ske_write_signature(&body, TS_SIGALG_RSA_PKCS1_SHA256, sig, sig_len);
    }
    return send_msg(c, TS_HS_SERVER_KEY_EXCHANGE, "server_key_exchange", &body, err);
}

ts_err ts_server_write_hello_done(ts_conn *c)
{
    ts_buf body;
    ts_buf_init(&body);
    return send_msg(c, TS_HS_SERVER_HELLO_DONE, "server_hello_done", &body,
                    ts_msg_server_hello_done_write(&body));
}

/* RFC 5246 §7.4.7.1: decrypt; on any failure (padding, length, version)
 * carry on with a random premaster so that nothing reveals which check
 * failed (Bleichenbacher); the Finished exchange then fails. */
static ts_err rsa_premaster(ts_conn *c, const ts_msg_bytes *enc)
{
    uint8_t fallback[48];
    ts_rng_bytes(c->rng, fallback, sizeof(fallback));
    ts_buf pms;
    ts_buf_init(&pms);
    ts_err err = TS_ERR_PADDING;
    if (enc->len == ts_rsa_len(c->cfg.server_key)) {
        err = ts_rsa_decrypt(c->cfg.server_key, enc->data, enc->len, &pms);
    }
    bool good = err == TS_OK && pms.len == 48 && pms.data[0] == (c->peer_version >> 8) &&
                pms.data[1] == (c->peer_version & 0xff);
    memcpy(c->premaster, good ? pms.data : fallback, 48);
    c->premaster_len = 48;
    ts_secret_free_buf(&pms);
    ts_secret_wipe(fallback, sizeof(fallback));
    ts_ep_value(c, "premaster_secret",
                good ? "decrypted with the server's private key"
                     : "decryption failed; a random premaster is used instead (RFC 5246 7.4.7.1)",
                "RSA-decrypt(server_private_key, encrypted_premaster)", true, c->premaster, 48,
                "encrypted_premaster", enc->data, enc->len, NULL);
    return TS_OK;
}

static ts_err ecdhe_premaster(ts_conn *c, const ts_msg_bytes *share)
{
    if (share->len != TS_X25519_LEN) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, "the client's X25519 share is not 32 bytes");
    }
    memcpy(c->peer_x25519, share->data, TS_X25519_LEN);
    ts_ep_value(c, "client_share", "received in ClientKeyExchange", "X25519(client_private, 9)",
                false, c->peer_x25519, TS_X25519_LEN, NULL);
    if (ts_x25519_shared(c->x25519_priv, c->peer_x25519, c->premaster) != TS_OK) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, "the client's X25519 share is a small-order point");
    }
    c->premaster_len = TS_X25519_LEN;
    ts_ep_value(c, "premaster_secret", "computed from the client's share and the server's private key",
                "X25519(server_private, client_share)", true, c->premaster, TS_X25519_LEN,
                "client_share", c->peer_x25519, (size_t)TS_X25519_LEN, NULL);
    return TS_OK;
}

static ts_err dhe_premaster(ts_conn *c, const ts_msg_bytes *share)
{
    ts_buf_reset(&c->peer_dh);
    TS_GUARD(ts_buf_write_bytes(&c->peer_dh, share->data, share->len));
    ts_ep_value(c, "client_share", "received in ClientKeyExchange", "g^a mod p", false,
                share->data, share->len, NULL);
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
        return ts_ep_fail(c, TS_ERR_ILLEGAL, "the client's Diffie-Hellman value is unusable");
    }
    ts_ep_value(c, "premaster_secret", "computed from the client's share and the server's exponent",
                "client_share^b mod p (leading zero bytes removed)", true, c->premaster,
                c->premaster_len, "client_share", share->data, share->len, NULL);
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
