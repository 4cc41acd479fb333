/* ts_endpoint: helpers shared by the handshake handlers of both sides. */
#include "tls/internal/ts_endpoint.h"

#include <stdio.h>
#include <string.h>

#include "crypto/ts_secret.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_change_cipher_spec.h"
#include "tls/msg/ts_msg_handshake.h"

static void emit(ts_conn *c, const ts_event *ev)
{
    if (c->hook != NULL) {
        c->hook(c->hook_ctx, ev);
    }
}

static ts_event event_of(ts_conn *c, ts_ev_kind kind, const char *name)
{
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = kind;
    ev.side = c->side;
    ev.name = name;
    return ev;
}

void ts_ep_value(ts_conn *c, const char *name, const char *how, const char *formula,
                 bool secret, const uint8_t *value, size_t len)
{
    ts_ep_value_from(c, name, how, formula, secret, value, len, NULL, 0);
}

/* A value event of c: name, how, formula, the value and its inputs (the
 * one place both plain values and signatures are filled in). */
static ts_event value_event(ts_conn *c, const char *name, const char *how, const char *formula,
                            bool secret, const uint8_t *value, size_t len,
                            const ts_ev_input *from, size_t n_inputs)
{
    ts_event ev = event_of(c, TS_EV_VALUE, name);
    ev.how = how;
    ev.formula = formula;
    ev.secret = secret;
    ev.value = value;
    ev.value_len = len;
    for (size_t i = 0; i < n_inputs && i < TS_EV_MAX_INPUTS; i++) {
        ev.inputs[ev.n_inputs++] = from[i];
    }
    return ev;
}

void ts_ep_value_from(ts_conn *c, const char *name, const char *how, const char *formula,
                      bool secret, const uint8_t *value, size_t len, const ts_ev_input *from,
                      size_t n_inputs)
{
    ts_event ev = value_event(c, name, how, formula, secret, value, len, from, n_inputs);
    emit(c, &ev);
}

void ts_ep_signature_value(ts_conn *c, const char *name, const char *how, const char *formula,
                           const uint8_t *sig, size_t len, const ts_ev_input *from,
                           size_t n_inputs, ts_hash_alg hash, bool pss, const uint8_t *data,
                           size_t data_len)
{
    ts_event ev = value_event(c, name, how, formula, false, sig, len, from, n_inputs);
    ev.sig = (ts_ev_sig){true, hash, pss, data, data_len,
                         c->role == TS_ROLE_CLIENT ? "client" : "server"};
    emit(c, &ev);
}

void ts_ep_prf_value(ts_conn *c, const char *name, const char *formula,
                     const uint8_t *value, size_t len, const char *label,
                     const uint8_t *secret, size_t secret_len,
                     const uint8_t *seed, size_t seed_len)
{
    ts_event ev = event_of(c, TS_EV_VALUE, name);
    ev.how = N_("computed with the TLS PRF");
    ev.formula = formula;
    ev.secret = true;
    ev.value = value;
    ev.value_len = len;
    ev.inputs[0] = (ts_ev_input){"secret", secret, secret_len, false};
    ev.inputs[1] = (ts_ev_input){"label", (const uint8_t *)label, strlen(label), true};
    ev.inputs[2] = (ts_ev_input){"seed", seed, seed_len, false};
    ev.n_inputs = 3;
    ev.prf = (ts_ev_prf){true, c->suite->prf_hash, label, secret, secret_len, seed, seed_len, len};
    emit(c, &ev);
}

void ts_ep_hkdf_value(ts_conn *c, const char *name, const char *formula, bool secret,
                      const uint8_t *value, size_t len, ts_ev_hkdf_mode mode,
                      const char *key_name, const uint8_t *key, size_t key_len,
                      const char *label, const char *data_name, const uint8_t *data,
                      size_t data_len)
{
    ts_event ev = event_of(c, TS_EV_VALUE, name);
    ev.how = mode == TS_HKDF_EXTRACT ? N_("computed with HKDF-Extract")
             : mode == TS_HKDF_DERIVE_SECRET ? N_("computed with Derive-Secret (HKDF)")
                                             : N_("computed with HKDF-Expand-Label");
    ev.formula = formula;
    ev.secret = secret;
    ev.value = value;
    ev.value_len = len;
    ev.inputs[ev.n_inputs++] = (ts_ev_input){key_name, key, key_len, false};
    if (label != NULL) {
        ev.inputs[ev.n_inputs++] = (ts_ev_input){"label", (const uint8_t *)label, strlen(label),
                                                 true};
    }
    ev.inputs[ev.n_inputs++] = (ts_ev_input){data_name, data, data_len, false};
    ev.hkdf = (ts_ev_hkdf){true, c->suite->prf_hash, mode, key, key_len, label, data, data_len,
                           len};
    emit(c, &ev);
}

ts_err ts_ep_check(ts_conn *c, const char *name, ts_err err, const char *why)
{
    ts_event ev = event_of(c, TS_EV_CHECK, name);
    ev.ok = err == TS_OK;
    ev.err = err;
    ev.how = why != NULL ? why : (err == TS_OK ? N_("passed") : ts_err_str(err, TS_LANG_EN));
    emit(c, &ev);
    return err;
}

void ts_ep_simple(ts_conn *c, ts_ev_kind kind, const char *name, const char *how,
                  const uint8_t *data, size_t len)
{
    ts_event ev = event_of(c, kind, name);
    ev.how = how;
    ev.value = data;
    ev.value_len = len;
    emit(c, &ev);
}

ts_err ts_ep_send_record(ts_conn *c, uint8_t type, const uint8_t *data, size_t n)
{
    size_t start = c->out.len;
    ts_record_info info;
    memset(&info, 0, sizeof(info));
    bool protected_record = c->write.suite != NULL;
    TS_GUARD(ts_record_seal(&c->write, type, TS_VERSION_TLS12, data, n, &c->out, &info));
    ts_event ev = event_of(c, TS_EV_SEALED, ts_record_type_name(type));
    ev.content_type = c->out.data[start];
    ev.inner_type = c->write.tls13 ? type : 0;
    ev.padding_len = info.padding_len;
    ev.value = data;
    ev.value_len = n;
    ev.record = c->out.data + start;
    ev.record_len = c->out.len - start;
    ev.protected_record = protected_record;
    ev.seq = info.seq;
    ev.nonce = info.nonce;
    ev.nonce_len = info.nonce_len;
    ev.tag = info.tag;
    ev.tag_len = info.tag_len;
    emit(c, &ev);
    return TS_OK;
}

ts_err ts_ep_send_built(ts_conn *c, uint8_t type, const char *name, ts_buf *body, ts_err err)
{
    if (err == TS_OK) {
        err = ts_ep_send_handshake(c, type, name, body);
    }
    ts_buf_free(body);
    return err;
}

void ts_ep_chain(const ts_conn *c, ts_msg_bytes *certs, size_t max, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < c->cfg.n_certs && *n < max; i++) {
        certs[(*n)++] = (ts_msg_bytes){c->cfg.certs[i], c->cfg.cert_lens[i]};
    }
}

ts_err ts_ep_send_handshake(ts_conn *c, uint8_t type, const char *name, const ts_buf *body)
{
    size_t n = ts_buf_remaining(body);
    TS_ENSURE(n + TS_HS_HEADER_LEN <= ts_record_max_content(&c->write), TS_ERR_TOO_LONG);
    ts_buf msg;
    ts_buf_init(&msg);
    ts_err err = ts_buf_write_u8(&msg, type);
    if (err == TS_OK) {
        err = ts_buf_write_u24(&msg, (uint32_t)n);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(&msg, ts_buf_cursor(body), n);
    }
    if (err == TS_OK) {
        err = ts_hs_hash_add(&c->hs_hash, msg.data, msg.len);
    }
    if (err == TS_OK) {
        ts_ep_simple(c, TS_EV_MESSAGE, name, NULL, msg.data, msg.len);
        err = ts_ep_send_record(c, TS_CT_HANDSHAKE, msg.data, msg.len);
    }
    ts_buf_free(&msg);
    return err;
}

static ts_err state_for(ts_conn *c, bool for_client, ts_record_state *s)
{
    const ts_key_block *kb = &c->keys;
    return ts_record_state_init(s, c->suite, for_client ? kb->client_key : kb->server_key,
                                for_client ? kb->client_iv : kb->server_iv,
                                for_client ? kb->client_mac : kb->server_mac);
}

ts_err ts_ep_send_ccs(ts_conn *c)
{
    static const uint8_t one = TS_CCS_VALUE;
    if (!c->have_keys) {
        TS_GUARD(ts_ep_derive_keys(c));
    }
    ts_ep_simple(c, TS_EV_MESSAGE,
                 c->role == TS_ROLE_CLIENT ? "client_change_cipher_spec" : "server_change_cipher_spec",
                 NULL, &one, 1);
    TS_GUARD(ts_ep_send_record(c, TS_CT_CHANGE_CIPHER_SPEC, &one, 1));
    TS_ENSURE(c->have_keys, TS_ERR_UNEXPECTED);
    return state_for(c, c->role == TS_ROLE_CLIENT, &c->write);
}

ts_err ts_ep_activate_read(ts_conn *c)
{
    TS_ENSURE(c->have_keys, TS_ERR_UNEXPECTED);
    return state_for(c, c->role != TS_ROLE_CLIENT, &c->read);
}

/* verify_data for the side that sends Finished, over the hash so far. */
static ts_err verify_data(ts_conn *c, bool of_client, uint8_t out[TS_VERIFY_DATA_LEN])
{
    uint8_t hash[TS_HASH_MAX_LEN];
    size_t hlen = ts_hash_len(c->suite->prf_hash);
    ts_hs_hash_value(&c->hs_hash, c->suite->prf_hash, hash);
    const char *label = of_client ? "client finished" : "server finished";
    const char *hash_name = of_client ? "client_finished_hash" : "server_finished_hash";
    const ts_ev_input from = {"handshake_messages", c->hs_hash.messages.data,
                              c->hs_hash.messages.len, false};
    ts_ep_value_from(c, hash_name, N_("computed"), N_("Hash(every handshake message so far)"),
                     false, hash, hlen, &from, 1);
    ts_err err = ts_prf_verify_data(c->suite->prf_hash, c->master, label, hash, hlen, out);
    if (err == TS_OK) {
        ts_ep_prf_value(c, of_client ? "client_verify_data" : "server_verify_data",
                        of_client ? "PRF(master_secret, \"client finished\", handshake_hash)[0..12]"
                                  : "PRF(master_secret, \"server finished\", handshake_hash)[0..12]",
                        out, TS_VERIFY_DATA_LEN, label, c->master, TS_MASTER_LEN, hash, hlen);
    }
    return err;
}

ts_err ts_ep_send_finished(ts_conn *c)
{
    uint8_t vd[TS_VERIFY_DATA_LEN];
    TS_GUARD(verify_data(c, c->role == TS_ROLE_CLIENT, vd));
    ts_buf body;
    ts_buf_view(&body, vd, sizeof(vd));
    return ts_ep_send_handshake(c, TS_HS_FINISHED,
                                c->role == TS_ROLE_CLIENT ? "client_finished" : "server_finished",
                                &body);
}

ts_err ts_ep_check_finished(ts_conn *c, const ts_buf *body)
{
    uint8_t want[TS_VERIFY_DATA_LEN];
    TS_GUARD(verify_data(c, c->role != TS_ROLE_CLIENT, want));
    ts_err err = TS_OK;
    if (ts_buf_remaining(body) != TS_VERIFY_DATA_LEN) {
        err = TS_ERR_DECODE;
    } else if (!ts_secret_equal(ts_buf_cursor(body), want, TS_VERIFY_DATA_LEN)) {
        err = TS_ERR_FINISHED;
    }
    const char *name = c->role == TS_ROLE_CLIENT ? "check_server_finished" : "check_client_finished";
    return ts_ep_check(
        c, name, err,
        err == TS_OK ? N_("the peer's verify_data matches ours: same keys, same handshake")
        : err == TS_ERR_DECODE
            ? N_("Finished must carry exactly 12 bytes")
            : N_("verify_data differs: the peer saw a different handshake or has other keys"));
}

ts_err ts_ep_derive_keys(ts_conn *c)
{
    const ts_suite *s = c->suite;
    ts_hash_alg h = s->prf_hash;
    uint8_t seed[2 * TS_RANDOM_LEN];
    if (c->use_ems) {
        uint8_t session_hash[TS_HASH_MAX_LEN];
        size_t hlen = ts_hash_len(h);
        ts_hs_hash_value(&c->hs_hash, h, session_hash);
        const ts_ev_input from = {"handshake_messages", c->hs_hash.messages.data,
                                  c->hs_hash.messages.len, false};
        ts_ep_value_from(c, "session_hash", N_("computed"),
                         N_("Hash(handshake messages up to and including ClientKeyExchange)"),
                         false, session_hash, hlen, &from, 1);
        TS_GUARD(ts_prf_extended_master_secret(h, c->premaster, c->premaster_len, session_hash,
                                               hlen, c->master));
        ts_ep_prf_value(c, "master_secret",
                        "PRF(premaster_secret, \"extended master secret\", session_hash)[0..48]",
                        c->master, TS_MASTER_LEN, "extended master secret", c->premaster,
                        c->premaster_len, session_hash, hlen);
    } else {
        memcpy(seed, c->client_random, TS_RANDOM_LEN);
        memcpy(seed + TS_RANDOM_LEN, c->server_random, TS_RANDOM_LEN);
        TS_GUARD(ts_prf_master_secret(h, c->premaster, c->premaster_len, c->client_random,
                                      c->server_random, c->master));
        ts_ep_prf_value(c, "master_secret",
                        "PRF(premaster_secret, \"master secret\", client_random + server_random)[0..48]",
                        c->master, TS_MASTER_LEN, "master secret", c->premaster,
                        c->premaster_len, seed, sizeof(seed));
    }
    ts_secret_wipe(c->premaster, sizeof(c->premaster));
    ts_ep_simple(c, TS_EV_WIPE, "premaster_secret_wiped",
                 N_("the premaster secret is no longer needed once the master secret exists"), NULL,
                 0);

    TS_GUARD(ts_prf_key_block(h, c->master, c->server_random, c->client_random, &s->sizes,
                              &c->keys));
    c->have_keys = true;
    memcpy(seed, c->server_random, TS_RANDOM_LEN);
    memcpy(seed + TS_RANDOM_LEN, c->client_random, TS_RANDOM_LEN);
    ts_ep_prf_value(c, "key_block",
                    "PRF(master_secret, \"key expansion\", server_random + client_random)",
                    c->keys.block, c->keys.block_len, "key expansion", c->master, TS_MASTER_LEN,
                    seed, sizeof(seed));
    const ts_key_sizes *z = &s->sizes;
    struct {
        const char *name;
        const uint8_t *p;
        size_t n;
        const char *formula;
    } parts[] = {
        {"client_write_mac_key", c->keys.client_mac, z->mac_key_len, "key_block[0 .. mac)"},
        {"server_write_mac_key", c->keys.server_mac, z->mac_key_len, "key_block[mac .. 2 mac)"},
        {"client_write_key", c->keys.client_key, z->enc_key_len,
         N_("key_block, after the MAC keys")},
        {"server_write_key", c->keys.server_key, z->enc_key_len,
         N_("key_block, after client_write_key")},
        {"client_write_iv", c->keys.client_iv, z->fixed_iv_len, N_("key_block, after the keys")},
        {"server_write_iv", c->keys.server_iv, z->fixed_iv_len, N_("key_block, last part")},
    };
    const ts_ev_input from = {"key_block", c->keys.block, c->keys.block_len, false};
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        if (parts[i].n > 0) {
            ts_ep_value_from(c, parts[i].name, N_("split from the key block"), parts[i].formula,
                             true, parts[i].p, parts[i].n, &from, 1);
        }
    }
    return TS_OK;
}

void ts_ep_wipe(ts_conn *c, bool report)
{
    uint8_t *tls13[] = {c->early, c->hs_secret, c->c_hs, c->s_hs,
                        c->c_ap, c->s_ap, c->exporter, c->resumption};
    for (size_t i = 0; i < sizeof(tls13) / sizeof(tls13[0]); i++) {
        ts_secret_wipe(tls13[i], TS_HASH_MAX_LEN);
    }
    ts_secret_wipe(c->premaster, sizeof(c->premaster));
    ts_secret_wipe(c->x25519_priv, sizeof(c->x25519_priv));
    ts_secret_wipe(c->master, sizeof(c->master));
    ts_key_block_wipe(&c->keys);
    ts_record_state_wipe(&c->read);
    ts_record_state_wipe(&c->write);
    if (c->dh_priv.data != NULL) {
        ts_secret_wipe(c->dh_priv.data, c->dh_priv.cap);
    }
    c->have_keys = false;
    if (report) {
        ts_ep_simple(c, TS_EV_WIPE, "session_keys_wiped",
                     c->tls13 ? N_("every secret of the key schedule, the traffic keys and IVs "
                                   "overwritten with zeros")
                              : N_("master secret, key block, session keys and IVs overwritten "
                                   "with zeros"),
                     NULL, 0);
    }
}

ts_err ts_ep_send_close_notify(ts_conn *c)
{
    static const uint8_t alert[TS_ALERT_LEN] = {TS_ALERT_WARNING, TS_ALERT_CLOSE_NOTIFY};
    ts_event ev = event_of(c, TS_EV_ALERT_SENT, "close_notify");
    ev.alert = TS_ALERT_CLOSE_NOTIFY;
    ev.alert_level = TS_ALERT_WARNING;
    emit(c, &ev);
    c->close_sent = true;
    return ts_ep_send_record(c, TS_CT_ALERT, alert, sizeof(alert));
}

ts_err ts_ep_send_warning(ts_conn *c, uint8_t desc, const char *why)
{
    const uint8_t alert[TS_ALERT_LEN] = {TS_ALERT_WARNING, desc};
    ts_event ev = event_of(c, TS_EV_ALERT_SENT, ts_alert_name(desc));
    ev.alert = desc;
    ev.alert_level = TS_ALERT_WARNING;
    ev.how = why;
    emit(c, &ev);
    return ts_ep_send_record(c, TS_CT_ALERT, alert, sizeof(alert));
}

ts_err ts_ep_fail(ts_conn *c, ts_err err, const char *reason)
{
    if (c->status == TS_CONN_FAILED) {
        return err;
    }
    uint8_t desc = ts_alert_for_err(err);
    snprintf(c->reason, sizeof(c->reason), "%s", reason != NULL ? reason : ts_err_str(err, TS_LANG_EN));
    c->status = TS_CONN_FAILED;
    c->alert = desc;
    c->alert_sent = true;
    ts_event ev = event_of(c, TS_EV_ALERT_SENT, ts_alert_name(desc));
    ev.alert = desc;
    ev.alert_level = TS_ALERT_FATAL;
    ev.err = err;
    ev.how = c->reason;
    emit(c, &ev);
    uint8_t alert[TS_ALERT_LEN] = {TS_ALERT_FATAL, desc};
    (void)ts_ep_send_record(c, TS_CT_ALERT, alert, sizeof(alert));
    ts_ep_wipe(c, false);
    ts_event done = event_of(c, TS_EV_DONE, "failed");
    done.ok = false;
    done.err = err;
    done.how = c->reason;
    emit(c, &done);
    return err;
}
