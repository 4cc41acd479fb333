/* ts_server13: the server side of the TLS 1.3 handshake. */
#include "tls/ts_server13.h"

#include <stdio.h>
#include <string.h>

#include "base/ts_templates.h"
#include "crypto/ts_rsa_pss.h"
#include "crypto/ts_secret.h"
#include "tls/internal/ts_keyshare.h"
#include "tls/internal/ts_schedule13.h"
#include "tls/msg/ts_msg_certificate13.h"
#include "tls/msg/ts_msg_certificate_verify.h"
#include "tls/msg/ts_msg_encrypted_extensions.h"
#include "tls/msg/ts_msg_server_hello.h"

/* The suite: the configured one if offered, else (offer_all) the first of
 * the client's that the server can run. */
static ts_err choose_suite(ts_conn *c, const ts_msg_client_hello *m)
{
    if (ts_msg_client_hello_offers(m, c->cfg.suite13->code)) {
        c->suite = c->cfg.suite13;
    }
    for (size_t i = 0; c->suite == NULL && c->cfg.offer_all && i < TS_SUITE_COUNT; i++) {
        const ts_suite *s = ts_suite_get((ts_suite_id)i);
        if (ts_suite_is_tls13(s) && ts_suite_usable(s) && ts_msg_client_hello_offers(m, s->code)) {
            c->suite = s;
        }
    }
    if (c->suite == NULL) {
        char why[160];
        snprintf(why, sizeof(why), TS_TPL_CLIENT_DOES_NOT_OFFER, c->cfg.suite13->iana_name);
        return ts_ep_fail(c, TS_ERR_NO_SUITE, why);
    }
    return TS_OK;
}

/* CertificateVerify's scheme: the client's first RSA-PSS scheme whose
 * encoding fits the server's key (emLen >= 2 hLen + 2, RFC 8017 9.1.1). */
static ts_err choose_sigalg(ts_conn *c, const ts_msg_exts *e)
{
    size_t em_len = (ts_rsa_bits(c->cfg.server_key) - 1 + 7) / 8; /* RFC 8017 9.1.1 */
    size_t n = ts_msg_u16_count(&e->sigalgs_wire, e->n_sigalgs);
    bool pss = false;
    for (size_t i = 0; i < n; i++) {
        uint16_t alg = ts_msg_u16_at(&e->sigalgs_wire, e->sigalgs, i);
        size_t hlen = alg == TS_SIGALG_RSA_PSS_RSAE_SHA256   ? 32
                      : alg == TS_SIGALG_RSA_PSS_RSAE_SHA384 ? 48
                      : alg == TS_SIGALG_RSA_PSS_RSAE_SHA512 ? 64
                                                             : 0;
        pss |= hlen > 0;
        if (hlen > 0 && em_len >= 2 * hlen + 2) {
            c->sigalg13 = alg;
            return TS_OK;
        }
    }
    return ts_ep_fail(c, TS_ERR_NO_SUITE,
                      pss ? N_("the server's RSA key is too small for RSA-PSS with the "
                               "client's hashes (SHA-256 needs 528 bits at least)")
                          : N_("the client offers no rsa_pss_rsae signature scheme"));
}

/* Keeps the client's share ks of c->group after checking it. */
static ts_err take_share(ts_conn *c, const ts_msg_key_share *ks)
{
    return ts_ks_take(c, c->group, ks->key, ks->key_len, N_("received in ClientHello"));
}

#define BITS_OF(x) (8 * sizeof(x))

/* RFC 8446 §4.2.8: each share's group is in supported_groups, once. One
 * pass over each list, whatever their lengths (a hello may hold thousands
 * of entries). */
static ts_err check_shares(ts_conn *c, const ts_msg_exts *e)
{
    unsigned long listed[65536 / BITS_OF(unsigned long)] = {0};
    unsigned long shared[65536 / BITS_OF(unsigned long)] = {0};
    size_t n = ts_msg_u16_count(&e->groups_wire, e->n_groups);
    for (size_t i = 0; i < n; i++) {
        uint16_t g = ts_msg_u16_at(&e->groups_wire, e->groups, i);
        listed[g / BITS_OF(unsigned long)] |= 1ul << (g % BITS_OF(unsigned long));
    }
    size_t pos = 0;
    ts_msg_key_share ks;
    while (ts_msg_exts_share_next(e, &pos, &ks)) {
        unsigned long bit = 1ul << (ks.group % BITS_OF(unsigned long));
        size_t at = ks.group / BITS_OF(unsigned long);
        if ((listed[at] & bit) == 0) {
            return ts_ep_fail(c, TS_ERR_ILLEGAL,
                              N_("a key share of a group missing from supported_groups"));
        }
        if (shared[at] & bit) {
            return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("two key shares of the same group"));
        }
        shared[at] |= bit;
    }
    return TS_OK;
}

/* The group: the required one, or the first of the client's shares the
 * server knows; a HelloRetryRequest when the client supports the group
 * but sent no share of it. */
static ts_err choose_group(ts_conn *c, const ts_msg_exts *e)
{
    ts_msg_key_share ks;
    uint16_t want = c->cfg.group;
    if (want != 0 && !ts_msg_exts_offers_group(e, want)) {
        return ts_ep_fail(c, TS_ERR_NO_SUITE,
                          N_("the client does not support the group this server requires"));
    }
    if (want == 0) {
        size_t pos = 0;
        while (want == 0 && ts_msg_exts_share_next(e, &pos, &ks)) {
            want = ts_ks_known(ks.group) ? ks.group : 0;
        }
        size_t g = ts_msg_u16_count(&e->groups_wire, e->n_groups);
        for (size_t i = 0; want == 0 && i < g; i++) {
            uint16_t v = ts_msg_u16_at(&e->groups_wire, e->groups, i);
            want = ts_ks_known(v) ? v : 0;
        }
        if (want == 0) {
            return ts_ep_fail(c, TS_ERR_NO_SUITE, N_("no group in common with the client"));
        }
    }
    c->group = want;
    if (ts_msg_exts_share_for(e, want, &ks)) {
        return take_share(c, &ks);
    }
    c->hrr = true;
    ts_ep_check(c, "hello_retry_request", TS_OK,
                N_("the client sent no key share of the group the server needs: a "
                   "HelloRetryRequest asks for one"));
    return TS_OK;
}

ts_err ts_server13_on_client_hello(ts_conn *c, const ts_msg_client_hello *m)
{
    c->tls13 = true;
    c->state = TS13_ST_CLIENT_HELLO;
    const ts_msg_exts *e = &m->exts;
    if (m->n_compression != 1 || m->compression[0] != 0) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("a TLS 1.3 ClientHello must offer only the null compression method"));
    }
    if ((e->present & TS_EXTF_SUPPORTED_GROUPS) == 0 || (e->present & TS_EXTF_KEY_SHARE) == 0 ||
        (e->present & TS_EXTF_SIGNATURE_ALGORITHMS) == 0) {
        return ts_ep_fail(c, TS_ERR_MISSING_EXTENSION,
                          N_("a TLS 1.3 ClientHello without a PSK needs supported_groups, "
                             "key_share and signature_algorithms (RFC 8446 9.2)"));
    }
    if (e->present & TS_EXTF_COOKIE) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL, N_("a cookie this server never sent"));
    }
    TS_GUARD(choose_suite(c, m));
    memcpy(c->client_random, m->random, TS_RANDOM_LEN);
    ts_ep_value(c, "client_random", N_("received in ClientHello"),
                N_("32 random bytes from the client"), false, c->client_random, TS_RANDOM_LEN);
    uint8_t code[2] = {(uint8_t)(c->suite->code >> 8), (uint8_t)c->suite->code};
    ts_ep_value(c, "cipher_suite", c->suite->iana_name,
                N_("the server's choice among the suites the client offered"), false, code,
                sizeof(code));
    memcpy(c->session_id, m->session_id, m->session_id_len);
    c->session_id_len = m->session_id_len;
    c->compat = m->session_id_len > 0;
    TS_GUARD(choose_sigalg(c, e));
    TS_GUARD(check_shares(c, e));
    return choose_group(c, e);
}

/* ServerHello or HelloRetryRequest: legacy fields, the version, the
 * key_share extension in its form. */
static void hello_of(ts_conn *c, ts_msg_server_hello *m, bool hrr)
{
    memset(m, 0, sizeof(*m));
    m->version = TS_VERSION_TLS12;
    memcpy(m->session_id, c->session_id, c->session_id_len);
    m->session_id_len = c->session_id_len;
    m->suite = c->suite->code;
    m->hrr = hrr;
    m->exts.block = true;
    m->exts.present = TS_EXTF_SUPPORTED_VERSIONS | TS_EXTF_KEY_SHARE;
    m->exts.selected_version = TS_VERSION_TLS13;
}

ts_err ts_server13_write_hrr(ts_conn *c)
{
    TS_GUARD(ts13_message_hash(c));
    ts_msg_server_hello m;
    hello_of(c, &m, true);
    memcpy(m.random, TS_HRR_RANDOM, TS_RANDOM_LEN);
    m.exts.selected_group = c->group;
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_SERVER_HELLO, "hello_retry_request", &body,
                            ts_msg_server_hello_write(&body, &m));
}

ts_err ts_server13_read_hello2(ts_conn *c, ts_buf *body)
{
    ts_msg_client_hello m;
    TS_GUARD(ts_msg_client_hello_parse(body, &m, NULL));
    const ts_msg_exts *e = &m.exts;
    ts_msg_key_share ks, more;
    bool one_share = ts_msg_exts_share_at(e, 0, &ks) && !ts_msg_exts_share_at(e, 1, &more) &&
                     ks.group == c->group;
    if (!ts_msg_exts_offers_version(e, TS_VERSION_TLS13) ||
        !ts_msg_client_hello_offers(&m, c->suite->code) || (e->present & TS_EXTF_COOKIE) ||
        !one_share) {
        return ts_ep_fail(c, TS_ERR_ILLEGAL,
                          N_("the second ClientHello must be the first with one key share, of "
                             "the group HelloRetryRequest named (RFC 8446 4.1.2)"));
    }
    return take_share(c, &ks);
}

ts_err ts_server13_write_hello(ts_conn *c)
{
    ts_msg_server_hello m;
    hello_of(c, &m, false);
    ts_rng_bytes(c->rng, c->server_random, TS_RANDOM_LEN);
    memcpy(m.random, c->server_random, TS_RANDOM_LEN);
    ts_ep_value(c, "server_random", N_("generated"), N_("32 random bytes from the server"), false,
                c->server_random, TS_RANDOM_LEN);
    const uint8_t *key = NULL;
    size_t len = 0;
    TS_GUARD(ts_ks_make(c, c->group, &key, &len));
    TS_GUARD(ts_ks_shared(c, c->group));
    m.exts.shares[0] = (ts_msg_key_share){c->group, key, len};
    m.exts.n_shares = 1;
    ts_buf body;
    ts_buf_init(&body);
    TS_GUARD(ts_ep_send_built(c, TS_HS_SERVER_HELLO, "server_hello", &body,
                              ts_msg_server_hello_write(&body, &m)));
    TS_GUARD(ts13_handshake_secrets(c));
    TS_GUARD(ts13_install(c, false, true, TS13_HANDSHAKE));
    return ts13_install(c, true, false, TS13_HANDSHAKE);
}

ts_err ts_server13_write_encrypted_extensions(ts_conn *c)
{
    ts_msg_exts e;
    memset(&e, 0, sizeof(e));
    e.block = true;
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_ENCRYPTED_EXTENSIONS, "encrypted_extensions", &body,
                            ts_msg_encrypted_extensions_write(&body, &e));
}

ts_err ts_server13_write_certificate(ts_conn *c)
{
    ts_msg_certificate13 m;
    memset(&m, 0, sizeof(m));
    ts_ep_chain(c, m.certs, TS_CERT_MAX_CHAIN, &m.n_certs);
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_CERTIFICATE, "certificate", &body,
                            ts_msg_certificate13_write(&body, &m));
}

ts_err ts_server13_write_certificate_verify(ts_conn *c)
{
    ts_hash_alg alg = c->sigalg13 == TS_SIGALG_RSA_PSS_RSAE_SHA512   ? TS_HASH_SHA512
                      : c->sigalg13 == TS_SIGALG_RSA_PSS_RSAE_SHA384 ? TS_HASH_SHA384
                                                                     : TS_HASH_SHA256;
    uint8_t digest[TS_HASH_MAX_LEN], sig[TS_RSA_MAX_LEN];
    TS_GUARD(ts13_cv_digest(c, true, alg, digest, NULL, NULL));
    size_t k = ts_rsa_len(c->cfg.server_key);
    TS_GUARD(ts_rsa_pss_sign(c->cfg.server_key, alg, digest, c->rng, NULL, sig));
    const ts_ev_input from = {"server_signed_digest", digest, ts_hash_len(alg), false};
    ts_ep_value_from(c, "server_signature", N_("signed with the server's private key"),
                     "RSA-PSS-sign(server_private_key, server_signed_digest)", false, sig, k,
                     &from, 1);
    ts_msg_certificate_verify m = {c->sigalg13, {sig, k}};
    ts_buf body;
    ts_buf_init(&body);
    return ts_ep_send_built(c, TS_HS_CERTIFICATE_VERIFY, "certificate_verify", &body,
                            ts_msg_certificate_verify_write(&body, &m));
}

ts_err ts_server13_write_finished(ts_conn *c)
{
    TS_GUARD(ts13_send_finished(c));
    TS_GUARD(ts13_application_secrets(c));
    return ts13_install(c, true, false, TS13_APPLICATION);
}

ts_err ts_server13_read_finished(ts_conn *c, ts_buf *body)
{
    return ts13_check_finished(c, body);
}

ts_err ts_server13_after_client_finished(ts_conn *c)
{
    TS_GUARD(ts13_resumption_secret(c));
    return ts13_install(c, false, true, TS13_APPLICATION);
}
