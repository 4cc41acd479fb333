/* ts_schedule13: the TLS 1.3 key schedule, Finished, CertificateVerify's
 * input, KeyUpdate and tickets, as the endpoint runs them. */
#include "tls/internal/ts_schedule13.h"

#include <stdio.h>
#include <string.h>

#include "base/ts_templates.h"
#include "crypto/ts_hkdf.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_tls13_keys.h"
#include "tls/msg/ts_content_type.h"
#include "tls/msg/ts_msg_change_cipher_spec.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/msg/ts_msg_key_update.h"
#include "tls/msg/ts_msg_new_session_ticket.h"

static ts_hash_alg hash_of(const ts_conn *c)
{
    return c->suite->prf_hash;
}

ts_err ts13_transcript(ts_conn *c, const char *name, const char *covers, uint8_t *out)
{
    ts_hs_hash_value(&c->hs_hash, hash_of(c), out);
    char formula[160];
    snprintf(formula, sizeof(formula), "Transcript-Hash(%s)", covers);
    const ts_ev_input from = {"handshake_messages", c->hs_hash.messages.data,
                              c->hs_hash.messages.len, false};
    ts_ep_value_from(c, name, N_("computed"), formula, false, out, ts_hash_len(hash_of(c)),
                     &from, 1);
    return TS_OK;
}

/* Derive-Secret(secret, label, transcript hash), reported as name. */
static ts_err derive(ts_conn *c, const char *name, const char *formula, const char *secret_name,
                     const uint8_t *secret, const char *label, const uint8_t *th,
                     const char *th_name, uint8_t *out)
{
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    TS_GUARD(ts_hkdf_derive_secret(h, secret, label, th, out));
    ts_ep_hkdf_value(c, name, formula, true, out, n, TS_HKDF_DERIVE_SECRET, secret_name, secret,
                     n, label, th_name, th, n);
    return TS_OK;
}

/* HKDF-Extract(salt, ikm), reported as name. */
static ts_err extract(ts_conn *c, const char *name, const char *formula, const char *salt_name,
                      const uint8_t *salt, const char *ikm_name, const uint8_t *ikm,
                      size_t ikm_len, uint8_t *out)
{
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    TS_GUARD(ts_hkdf_extract(h, salt, n, ikm, ikm_len, out));
    ts_ep_hkdf_value(c, name, formula, true, out, n, TS_HKDF_EXTRACT, salt_name, salt, n, NULL,
                     ikm_name, ikm, ikm_len);
    return TS_OK;
}

ts_err ts13_handshake_secrets(ts_conn *c)
{
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    uint8_t zeros[TS_HASH_MAX_LEN] = {0};
    uint8_t empty[TS_HASH_MAX_LEN], derived[TS_HASH_MAX_LEN], th[TS_HASH_MAX_LEN];
    ts_hash(h, NULL, 0, empty);
    ts_err err = extract(c, "early_secret", "HKDF-Extract(salt = 0, IKM = 0)", "salt",
                         zeros, "ikm", zeros, n, c->early);
    if (err == TS_OK) {
        err = derive(c, "early_derived_secret", "Derive-Secret(early_secret, \"derived\", \"\")",
                     "early_secret", c->early, "derived", empty, "Transcript-Hash(\"\")",
                     derived);
    }
    if (err == TS_OK) {
        err = extract(c, "handshake_secret",
                      "HKDF-Extract(salt = early_derived_secret, IKM = shared_secret)",
                      "early_derived_secret", derived, "shared_secret", c->premaster,
                      c->premaster_len, c->hs_secret);
    }
    ts_secret_wipe(derived, sizeof(derived));
    ts_secret_wipe(c->premaster, sizeof(c->premaster));
    if (err == TS_OK) {
        ts_ep_simple(c, TS_EV_WIPE, "shared_secret_wiped",
                     N_("the shared secret is no longer needed once the handshake secret exists"),
                     NULL, 0);
        err = ts13_transcript(c, "transcript_hash_server_hello", "ClientHello..ServerHello", th);
    }
    if (err == TS_OK) {
        err = derive(c, "client_handshake_traffic_secret",
                     "Derive-Secret(handshake_secret, \"c hs traffic\", ClientHello..ServerHello)",
                     "handshake_secret", c->hs_secret, "c hs traffic", th,
                     "transcript_hash_server_hello", c->c_hs);
    }
    if (err == TS_OK) {
        err = derive(c, "server_handshake_traffic_secret",
                     "Derive-Secret(handshake_secret, \"s hs traffic\", ClientHello..ServerHello)",
                     "handshake_secret", c->hs_secret, "s hs traffic", th,
                     "transcript_hash_server_hello", c->s_hs);
    }
    return err;
}

ts_err ts13_application_secrets(ts_conn *c)
{
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    uint8_t zeros[TS_HASH_MAX_LEN] = {0};
    uint8_t empty[TS_HASH_MAX_LEN], derived[TS_HASH_MAX_LEN], th[TS_HASH_MAX_LEN];
    ts_hash(h, NULL, 0, empty);
    ts_err err = derive(c, "handshake_derived_secret",
                        "Derive-Secret(handshake_secret, \"derived\", \"\")", "handshake_secret",
                        c->hs_secret, "derived", empty, "Transcript-Hash(\"\")", derived);
    if (err == TS_OK) {
        err = extract(c, "master_secret", "HKDF-Extract(salt = handshake_derived_secret, IKM = 0)",
                      "handshake_derived_secret", derived, "ikm", zeros, n, c->master);
    }
    ts_secret_wipe(derived, sizeof(derived));
    if (err == TS_OK) {
        err = ts13_transcript(c, "transcript_hash_server_finished",
                              "ClientHello..server Finished", th);
    }
    if (err == TS_OK) {
        err = derive(c, "client_application_traffic_secret_0",
                     "Derive-Secret(master_secret, \"c ap traffic\", ClientHello..server Finished)",
                     "master_secret", c->master, "c ap traffic", th,
                     "transcript_hash_server_finished", c->c_ap);
    }
    if (err == TS_OK) {
        err = derive(c, "server_application_traffic_secret_0",
                     "Derive-Secret(master_secret, \"s ap traffic\", ClientHello..server Finished)",
                     "master_secret", c->master, "s ap traffic", th,
                     "transcript_hash_server_finished", c->s_ap);
    }
    if (err == TS_OK) {
        err = derive(c, "exporter_master_secret",
                     "Derive-Secret(master_secret, \"exp master\", ClientHello..server Finished)",
                     "master_secret", c->master, "exp master", th,
                     "transcript_hash_server_finished", c->exporter);
    }
    return err;
}

ts_err ts13_resumption_secret(ts_conn *c)
{
    uint8_t th[TS_HASH_MAX_LEN];
    TS_GUARD(ts13_transcript(c, "transcript_hash_client_finished", "ClientHello..client Finished",
                             th));
    return derive(c, "resumption_master_secret",
                  "Derive-Secret(master_secret, \"res master\", ClientHello..client Finished)",
                  "master_secret", c->master, "res master", th, "transcript_hash_client_finished",
                  c->resumption);
}

/* The names of a traffic secret's key and IV: "client_handshake_key",
 * "server_application_iv", "client_application_key_1" (after updates). */
static void key_names(bool of_client, ts13_stage stage, unsigned gen, char *key, char *iv,
                      char *secret, size_t cap)
{
    const char *who = of_client ? "client" : "server";
    const char *what = stage == TS13_HANDSHAKE ? "handshake" : "application";
    if (stage == TS13_APPLICATION && gen > 0) {
        snprintf(key, cap, "%s_%s_key_%u", who, what, gen);
        snprintf(iv, cap, "%s_%s_iv_%u", who, what, gen);
    } else {
        snprintf(key, cap, "%s_%s_key", who, what);
        snprintf(iv, cap, "%s_%s_iv", who, what);
    }
    if (stage == TS13_HANDSHAKE) {
        snprintf(secret, cap, "%s_handshake_traffic_secret", who);
    } else {
        snprintf(secret, cap, "%s_application_traffic_secret_%u", who, gen);
    }
}

ts_err ts13_install(ts_conn *c, bool write, bool of_client, ts13_stage stage)
{
    /* RFC 8446 §5.1: the message after which the read keys change ends its
     * record (ClientHello, ServerHello, Finished, KeyUpdate) */
    if (!write && ts_buf_remaining(&c->hs_in) > 0) {
        return ts_ep_fail(c, TS_ERR_UNEXPECTED,
                          N_("more handshake data in the record where the keys change (RFC "
                             "8446 5.1)"));
    }
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    const uint8_t *secret = stage == TS13_HANDSHAKE ? (of_client ? c->c_hs : c->s_hs)
                                                    : (of_client ? c->c_ap : c->s_ap);
    unsigned gen = of_client ? c->c_ap_gen : c->s_ap_gen;
    char key_name[64], iv_name[64], secret_name[64];
    key_names(of_client, stage, gen, key_name, iv_name, secret_name, sizeof(key_name));
    size_t key_len = c->suite->sizes.enc_key_len;
    uint8_t key[32], iv[TS_TLS13_IV_LEN];
    TS_GUARD(ts_tls13_traffic_keys(h, secret, key_len, key, iv));
    ts_ep_hkdf_value(c, key_name, "HKDF-Expand-Label(secret, \"key\", \"\", key_length)", true, key,
                     key_len, TS_HKDF_EXPAND_LABEL, secret_name, secret, n, "key", "context",
                     (const uint8_t *)"", 0);
    ts_ep_hkdf_value(c, iv_name, "HKDF-Expand-Label(secret, \"iv\", \"\", 12)", true, iv,
                     TS_TLS13_IV_LEN, TS_HKDF_EXPAND_LABEL, secret_name, secret, n, "iv",
                     "context", (const uint8_t *)"", 0);
    ts_record_state *s = write ? &c->write : &c->read;
    ts_err err = ts_record_state_init(s, c->suite, key, iv, NULL);
    if (write) {
        s->padding = c->cfg.padding;
    }
    ts_secret_wipe(key, sizeof(key));
    ts_secret_wipe(iv, sizeof(iv));
    return err;
}

/* verify_data of one side over the transcript so far (RFC 8446 §4.4.4). */
static ts_err verify_data(ts_conn *c, bool of_client, uint8_t *out)
{
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    uint8_t th[TS_HASH_MAX_LEN], fkey[TS_HASH_MAX_LEN];
    const uint8_t *base = of_client ? c->c_hs : c->s_hs;
    const char *base_name = of_client ? "client_handshake_traffic_secret"
                                      : "server_handshake_traffic_secret";
    const char *covers = !of_client          ? "ClientHello..CertificateVerify"
                         : c->client_cert    ? "ClientHello..client CertificateVerify"
                         : c->cert_requested ? "ClientHello..client Certificate"
                                             : "ClientHello..server Finished";
    TS_GUARD(ts13_transcript(c, of_client ? "client_finished_hash" : "server_finished_hash", covers,
                             th));
    TS_GUARD(ts_tls13_finished(h, base, th, fkey, out));
    ts_ep_hkdf_value(c, of_client ? "client_finished_key" : "server_finished_key",
                     "HKDF-Expand-Label(handshake_traffic_secret, \"finished\", \"\", Hash.length)",
                     true, fkey, n, TS_HKDF_EXPAND_LABEL, base_name, base, n, "finished",
                     "context", (const uint8_t *)"", 0);
    const ts_ev_input from[] = {
        {of_client ? "client_finished_key" : "server_finished_key", fkey, n, false},
        {of_client ? "client_finished_hash" : "server_finished_hash", th, n, false},
    };
    ts_ep_value_from(c, of_client ? "client_verify_data" : "server_verify_data",
                     N_("computed with HMAC"), "HMAC(finished_key, transcript_hash)", false, out, n,
                     from, 2);
    ts_secret_wipe(fkey, sizeof(fkey));
    return TS_OK;
}

ts_err ts13_send_finished(ts_conn *c)
{
    uint8_t vd[TS_HASH_MAX_LEN];
    TS_GUARD(verify_data(c, c->role == TS_ROLE_CLIENT, vd));
    ts_buf body;
    ts_buf_view(&body, vd, ts_hash_len(hash_of(c)));
    return ts_ep_send_handshake(c, TS_HS_FINISHED,
                                c->role == TS_ROLE_CLIENT ? "client_finished" : "server_finished",
                                &body);
}

ts_err ts13_check_finished(ts_conn *c, const ts_buf *body)
{
    uint8_t want[TS_HASH_MAX_LEN];
    size_t n = ts_hash_len(hash_of(c));
    TS_GUARD(verify_data(c, c->role != TS_ROLE_CLIENT, want));
    ts_err err = TS_OK;
    if (ts_buf_remaining(body) != n) {
        err = TS_ERR_DECODE;
    } else if (!ts_secret_equal(ts_buf_cursor(body), want, n)) {
        err = TS_ERR_FINISHED;
    }
    const char *name = c->role == TS_ROLE_CLIENT ? "check_server_finished" : "check_client_finished";
    const char *why =
        err == TS_OK ? N_("the peer's verify_data matches ours: same keys, same handshake")
        : err == TS_ERR_DECODE
            ? N_("Finished must carry exactly Hash.length bytes")
            : N_("verify_data differs: the peer saw a different handshake or has other keys");
    ts_ep_check(c, name, err, why);
    return err == TS_OK ? TS_OK : ts_ep_fail(c, err, why);
}

ts_err ts13_cv_digest(ts_conn *c, bool of_server, ts_hash_alg alg, uint8_t *digest,
                      uint8_t *content_out, size_t *content_len)
{
    static const char server_ctx[] = "TLS 1.3, server CertificateVerify";
    static const char client_ctx[] = "TLS 1.3, client CertificateVerify";
    const char *ctx = of_server ? server_ctx : client_ctx;
    uint8_t th[TS_HASH_MAX_LEN];
    TS_GUARD(ts13_transcript(c, of_server ? "server_certificate_verify_hash"
                                          : "client_certificate_verify_hash",
                             of_server ? "ClientHello..Certificate"
                                       : "ClientHello..client Certificate",
                             th));
    size_t n = ts_hash_len(hash_of(c));
    uint8_t content[64 + sizeof(server_ctx) + TS_HASH_MAX_LEN];
    memset(content, 0x20, 64);
    memcpy(content + 64, ctx, strlen(ctx) + 1); /* with its terminating zero byte */
    memcpy(content + 64 + strlen(ctx) + 1, th, n);
    size_t len = 64 + strlen(ctx) + 1 + n;
    ts_hash(alg, content, len, digest);
    const ts_ev_input from[] = {
        {"context_string", (const uint8_t *)ctx, strlen(ctx), true},
        {of_server ? "server_certificate_verify_hash" : "client_certificate_verify_hash", th, n,
         false},
        {"signed_content", content, len, false},
    };
    ts_ep_value_from(c, of_server ? "server_signed_digest" : "client_signed_digest",
                     N_("computed"),
                     alg == TS_HASH_SHA256   ? "SHA-256(64 x 20 + context_string + 00 + transcript_hash)"
                     : alg == TS_HASH_SHA384 ? "SHA-384(64 x 20 + context_string + 00 + transcript_hash)"
                                             : "SHA-512(64 x 20 + context_string + 00 + transcript_hash)",
                     false, digest, ts_hash_len(alg), from, 3);
    if (content_out != NULL) {
        memcpy(content_out, content, len);
        *content_len = len;
    }
    return TS_OK;
}

ts_err ts13_send_ccs(ts_conn *c)
{
    static const uint8_t one = TS_CCS_VALUE;
    ts_ep_simple(c, TS_EV_MESSAGE,
                 c->role == TS_ROLE_CLIENT ? "client_change_cipher_spec" : "server_change_cipher_spec",
                 N_("middlebox compatibility (RFC 8446 D.4): no keys change; the peer drops it"),
                 &one, 1);
    ts_record_state saved = c->write;
    ts_record_state_init_plain(&c->write);
    ts_err err = ts_ep_send_record(c, TS_CT_CHANGE_CIPHER_SPEC, &one, 1);
    c->write = saved;
    ts_secret_wipe(&saved, sizeof(saved));
    return err;
}

ts_err ts13_message_hash(ts_conn *c)
{
    ts_buf *m = &c->hs_hash.messages;
    size_t len;
    uint8_t type;
    TS_GUARD(ts_msg_hs_peek(m, &type, &len));
    size_t ch1 = TS_HS_HEADER_LEN + len;
    TS_ENSURE(type == TS_HS_CLIENT_HELLO && ch1 <= ts_buf_remaining(m), TS_ERR_ARG);
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    uint8_t msg[TS_HS_HEADER_LEN + TS_HASH_MAX_LEN] = {TS_HS_MESSAGE_HASH, 0, 0, (uint8_t)n};
    ts_hash(h, ts_buf_cursor(m), ch1, msg + TS_HS_HEADER_LEN);
    const ts_ev_input from = {"client_hello_1", ts_buf_cursor(m), ch1, false};
    ts_ep_value_from(c, "message_hash", N_("replaces the first ClientHello in the transcript"),
                     "FE 00 00 Hash.length + Transcript-Hash(ClientHello1)", false, msg,
                     TS_HS_HEADER_LEN + n, &from, 1);
    ts_buf rest;
    ts_buf_init(&rest);
    ts_err err = ts_buf_write_bytes(&rest, ts_buf_cursor(m) + ch1, ts_buf_remaining(m) - ch1);
    if (err == TS_OK) {
        ts_buf_reset(m);
        err = ts_hs_hash_add(&c->hs_hash, msg, TS_HS_HEADER_LEN + n);
    }
    if (err == TS_OK && rest.len > 0) {
        err = ts_hs_hash_add(&c->hs_hash, rest.data, rest.len);
    }
    ts_buf_free(&rest);
    return err;
}

/* secret_N+1 = HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length),
 * for the client's or the server's application secret. */
static ts_err next_generation(ts_conn *c, bool of_client)
{
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    uint8_t *secret = of_client ? c->c_ap : c->s_ap;
    unsigned *gen = of_client ? &c->c_ap_gen : &c->s_ap_gen;
    uint8_t next[TS_HASH_MAX_LEN];
    TS_GUARD(ts_tls13_update_secret(h, secret, next));
    char name[64], prev[64];
    const char *who = of_client ? "client" : "server";
    snprintf(prev, sizeof(prev), "%s_application_traffic_secret_%u", who, *gen);
    snprintf(name, sizeof(name), "%s_application_traffic_secret_%u", who, *gen + 1);
    ts_ep_hkdf_value(c, name, "HKDF-Expand-Label(application_traffic_secret_N, \"traffic upd\", "
                     "\"\", Hash.length)", true, next, n, TS_HKDF_EXPAND_LABEL, prev, secret, n,
                     "traffic upd", "context", (const uint8_t *)"", 0);
    memcpy(secret, next, n);
    ts_secret_wipe(next, sizeof(next));
    (*gen)++;
    return TS_OK;
}

ts_err ts13_send_key_update(ts_conn *c, bool requested)
{
    ts_buf body;
    ts_buf_init(&body);
    ts_err err = ts_msg_key_update_write(&body, requested);
    if (err == TS_OK) {
        err = ts_ep_send_handshake(c, TS_HS_KEY_UPDATE,
                                   c->role == TS_ROLE_CLIENT ? "client_key_update"
                                                             : "server_key_update",
                                   &body);
    }
    ts_buf_free(&body);
    bool of_client = c->role == TS_ROLE_CLIENT;
    if (err == TS_OK) {
        err = next_generation(c, of_client);
    }
    return err == TS_OK ? ts13_install(c, true, of_client, TS13_APPLICATION) : err;
}

ts_err ts13_on_key_update(ts_conn *c, ts_buf *body)
{
    bool requested;
    ts_err err = ts_msg_key_update_parse(body, &requested, NULL);
    if (err != TS_OK) {
        return ts_ep_fail(c, err, N_("KeyUpdate must be one byte, 0 or 1"));
    }
    ts_ep_check(c, "key_update", TS_OK,
                requested ? N_("the peer moved to its next traffic secret and asks us to do the "
                               "same")
                          : N_("the peer moved to its next traffic secret"));
    bool peer_is_client = c->role == TS_ROLE_SERVER;
    TS_GUARD(next_generation(c, peer_is_client));
    TS_GUARD(ts13_install(c, false, peer_is_client, TS13_APPLICATION));
    return requested ? ts13_send_key_update(c, false) : TS_OK;
}

/* The PSK a ticket resumes with (RFC 8446 §4.6.1), reported. */
static void report_psk(ts_conn *c, const uint8_t *nonce, size_t nonce_len)
{
    ts_hash_alg h = hash_of(c);
    size_t n = ts_hash_len(h);
    uint8_t psk[TS_HASH_MAX_LEN];
    if (ts_hkdf_expand_label(h, c->resumption, n, "resumption", nonce, nonce_len, psk, n) ==
        TS_OK) {
        ts_ep_hkdf_value(c, "resumption_psk",
                         "HKDF-Expand-Label(resumption_master_secret, \"resumption\", "
                         "ticket_nonce, Hash.length)",
                         true, psk, n, TS_HKDF_EXPAND_LABEL, "resumption_master_secret",
                         c->resumption, n, "resumption", "ticket_nonce", nonce, nonce_len);
    }
    ts_secret_wipe(psk, sizeof(psk));
}

ts_err ts13_send_ticket(ts_conn *c)
{
    uint8_t ticket[32], nonce[8] = {0};
    uint8_t age[4];
    ts_rng_bytes(c->rng, ticket, sizeof(ticket));
    ts_rng_bytes(c->rng, age, sizeof(age));
    nonce[7] = (uint8_t)c->tickets;
    ts_msg_new_session_ticket m;
    memset(&m, 0, sizeof(m));
    m.lifetime = 7200;
    m.age_add = (uint32_t)age[0] << 24 | (uint32_t)age[1] << 16 | (uint32_t)age[2] << 8 | age[3];
    m.nonce = (ts_msg_bytes){nonce, sizeof(nonce)};
    m.ticket = (ts_msg_bytes){ticket, sizeof(ticket)};
    m.exts.block = true;
    ts_buf body;
    ts_buf_init(&body);
    ts_err err = ts_msg_new_session_ticket_write(&body, &m);
    if (err == TS_OK) {
        c->tickets++;
        report_psk(c, nonce, sizeof(nonce));
        err = ts_ep_send_handshake(c, TS_HS_NEW_SESSION_TICKET, "new_session_ticket", &body);
    }
    ts_buf_free(&body);
    return err;
}

ts_err ts13_on_ticket(ts_conn *c, ts_buf *body)
{
    ts_msg_new_session_ticket m;
    ts_err err = ts_msg_new_session_ticket_parse(body, &m, NULL);
    if (err != TS_OK) {
        return ts_ep_fail(c, err, N_("a malformed NewSessionTicket"));
    }
    c->tickets++;
    ts_ep_value(c, "session_ticket", N_("received in NewSessionTicket"),
                N_("opaque to the client: only the server can read it"), false, m.ticket.data,
                m.ticket.len);
    report_psk(c, m.nonce.data, m.nonce.len);
    return TS_OK;
}
