/* ts_keyshare: TLS 1.3 key shares of X25519 and the RFC 7919 groups. */
#include "tls/internal/ts_keyshare.h"

#include <string.h>

#include "crypto/ts_secret.h"
#include "tls/msg/ts_msg_extensions.h"

bool ts_ks_known(uint16_t group)
{
    ts_dh_group_id id;
    return group == TS_GROUP_X25519 || ts_dh_group_by_named(group, &id);
}

static const ts_dh_group *ffdhe(uint16_t group)
{
    ts_dh_group_id id;
    return ts_dh_group_by_named(group, &id) ? ts_dh_group_get(id) : NULL;
}

/* The group's p and g into c (the FFDHE values' modulus). */
static ts_err set_group(ts_conn *c, const ts_dh_group *g)
{
    ts_buf_reset(&c->dh_p);
    ts_buf_reset(&c->dh_g);
    TS_GUARD(ts_buf_write_bytes(&c->dh_p, g->p, g->p_len));
    return ts_buf_write_bytes(&c->dh_g, g->g, g->g_len);
}

ts_err ts_ks_make(ts_conn *c, uint16_t group, const uint8_t **pub, size_t *len)
{
    bool client = c->role == TS_ROLE_CLIENT;
    const char *priv_name = client ? "client_private" : "server_private";
    const char *pub_name = client ? "client_share" : "server_share";
    if (group == TS_GROUP_X25519) {
        TS_GUARD(ts_x25519_keypair(c->rng, c->x25519_priv, c->x25519_pub));
        ts_ep_value(c, priv_name, N_("generated"), N_("32 random bytes"), true, c->x25519_priv,
                    TS_X25519_LEN);
        ts_ep_value(c, pub_name, N_("computed"),
                    client ? "X25519(client_private, 9)" : "X25519(server_private, 9)", false,
                    c->x25519_pub, TS_X25519_LEN);
        *pub = c->x25519_pub;
        *len = TS_X25519_LEN;
        return TS_OK;
    }
    const ts_dh_group *g = ffdhe(group);
    TS_ENSURE(g != NULL, TS_ERR_ARG);
    TS_GUARD(set_group(c, g));
    ts_buf_reset(&c->dh_priv);
    ts_buf_reset(&c->dh_pub);
    TS_GUARD(ts_dh_keypair(c->rng, g->p, g->p_len, g->g, g->g_len, &c->dh_priv, &c->dh_pub));
    ts_ep_value(c, priv_name, N_("generated"),
                client ? N_("a random exponent a, 1 < a < p - 1")
                       : N_("a random exponent b, 1 < b < p - 1"),
                true, c->dh_priv.data, c->dh_priv.len);
    ts_ep_value(c, pub_name, N_("computed"),
                client ? N_("g^a mod p (left-padded to the prime's length)")
                       : N_("g^b mod p (left-padded to the prime's length)"),
                false, c->dh_pub.data, c->dh_pub.len);
    *pub = c->dh_pub.data;
    *len = c->dh_pub.len;
    return TS_OK;
}

ts_err ts_ks_take(ts_conn *c, uint16_t group, const uint8_t *peer, size_t len, const char *how)
{
    bool client = c->role == TS_ROLE_CLIENT;
    if (group == TS_GROUP_X25519) {
        if (len != TS_X25519_LEN) {
            return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("an X25519 key share is not 32 bytes"));
        }
        memcpy(c->peer_x25519, peer, TS_X25519_LEN);
    } else {
        const ts_dh_group *g = ffdhe(group);
        TS_ENSURE(g != NULL, TS_ERR_ARG);
        if (len != g->p_len || ts_dh_check_public(g->p, g->p_len, peer, len) != TS_OK) {
            return ts_ep_fail(c, TS_ERR_ILLEGAL,
                              N_("a Diffie-Hellman key share is not the prime's length or not "
                                 "in 2..p-2"));
        }
        TS_GUARD(set_group(c, g));
        ts_buf_reset(&c->peer_dh);
        TS_GUARD(ts_buf_write_bytes(&c->peer_dh, peer, len));
    }
    ts_ep_value(c, client ? "server_share" : "client_share", how,
                group == TS_GROUP_X25519
                    ? (client ? "X25519(server_private, 9)" : "X25519(client_private, 9)")
                    : (client ? N_("g^b mod p (left-padded to the prime's length)")
                              : N_("g^a mod p (left-padded to the prime's length)")),
                false, peer, len);
    return TS_OK;
}

ts_err ts_ks_shared(ts_conn *c, uint16_t group)
{
    bool client = c->role == TS_ROLE_CLIENT;
    const char *formula;
    ts_ev_input from;
    if (group == TS_GROUP_X25519) {
        if (ts_x25519_shared(c->x25519_priv, c->peer_x25519, c->premaster) != TS_OK) {
            return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("the peer's X25519 share is a small-order "
                                                    "point"));
        }
        c->premaster_len = TS_X25519_LEN;
        formula = client ? "X25519(client_private, server_share)"
                         : "X25519(server_private, client_share)";
        from = (ts_ev_input){client ? "server_share" : "client_share", c->peer_x25519,
                             TS_X25519_LEN, false};
    } else {
        ts_buf z;
        ts_buf_init(&z);
        ts_err err = ts_dh_shared(c->dh_p.data, c->dh_p.len, c->dh_priv.data, c->dh_priv.len,
                                  c->peer_dh.data, c->peer_dh.len, &z);
        if (err == TS_OK && z.len <= c->dh_p.len) {
            /* RFC 8446 §7.4.1: left-padded to the prime's length */
            memset(c->premaster, 0, c->dh_p.len - z.len);
            memcpy(c->premaster + c->dh_p.len - z.len, z.data, z.len);
            c->premaster_len = c->dh_p.len;
        }
        ts_secret_free_buf(&z);
        if (err != TS_OK) {
            return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("the peer's Diffie-Hellman share is unusable"));
        }
        formula = client ? N_("server_share^a mod p (left-padded to the prime's length)")
                         : N_("client_share^b mod p (left-padded to the prime's length)");
        from = (ts_ev_input){client ? "server_share" : "client_share", c->peer_dh.data,
                             c->peer_dh.len, false};
    }
    ts_ep_value_from(c, "shared_secret",
                     client ? N_("computed from the server's share and the client's private key")
                            : N_("computed from the client's share and the server's private key"),
                     formula, true, c->premaster, c->premaster_len, &from, 1);
    return TS_OK;
}
