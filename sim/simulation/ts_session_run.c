/* ts_session_run: the run loop of a session. */
#include "simulation/internal/ts_session_run.h"

#include <stdio.h>
#include <string.h>

#include "crypto/ts_secret.h"
#include "simulation/ts_session_result.h"

/* Deliveries after which a run is cut off (a hook that injects forever). */
#define MAX_DELIVERIES 100000

static ts_dir dir_from(ts_side side)
{
    return side == TS_SIDE_CLIENT ? TS_DIR_C2S : TS_DIR_S2C;
}

/* Every endpoint event becomes a step; sealed records are announced. */
static void on_event(void *ctx, const ts_event *ev)
{
    ts_session_side *h = ctx;
    ts_session *s = h->s;
    if (s->run_err != TS_OK || ev->kind == TS_EV_OPENED) {
        return; /* the channel holds what the sender sealed: nothing to add */
    }
    ts_event copy = *ev;
    copy.side = h->side;
    size_t index = ts_trace_count(s->trace);
    size_t number = 0;
    if (ev->kind == TS_EV_SEALED) {
        s->run_err = ts_chan_sealed(s->chan, dir_from(h->side), ev, index, &number);
    }
    if (s->run_err == TS_OK) {
        s->run_err = ts_trace_append(s->trace, &copy, number, NULL);
    }
}

/* The user's actions, applied to the record about to be delivered. */
static ts_chan_verdict on_record(void *ctx, const ts_chan_record *rec, ts_chan_delivery *d)
{
    ts_session *s = ctx;
    ts_chan_verdict v = TS_CHAN_PASS;
    for (size_t i = 0; i < s->n_acts; i++) {
        const ts_action *a = &s->acts[i];
        if (a->record != rec->number) {
            continue;
        }
        switch (a->kind) {
        case TS_ACT_TAMPER:
            if (a->offset < d->bytes.len) {
                d->bytes.data[a->offset] ^= a->xor_mask;
                s->applied[i] = true;
            }
            break;
        case TS_ACT_DROP:
            v = TS_CHAN_DROP;
            s->applied[i] = true;
            break;
        case TS_ACT_REPLAY:
            d->replay = rec->number;
            s->applied[i] = true;
            break;
        case TS_ACT_EDIT:
            ts_buf_reset(&d->bytes);
            if (ts_buf_write_bytes(&d->bytes, a->bytes, a->len) == TS_OK) {
                s->applied[i] = true;
            }
            break;
        }
    }
    return v;
}

/* Moves what side wrote onto the channel. */
static ts_err flush(ts_session *s, ts_conn *c, ts_side side)
{
    ts_buf *out = ts_conn_out(c);
    size_t n = ts_buf_remaining(out);
    if (n == 0) {
        return TS_OK;
    }
    size_t count = ts_trace_count(s->trace);
    TS_GUARD(ts_chan_write(s->chan, dir_from(side), ts_buf_cursor(out), n,
                           count > 0 ? count - 1 : 0));
    ts_buf_reset(out);
    return TS_OK;
}

static bool alive(const ts_conn *c)
{
    ts_conn_status st = ts_conn_status_of(c);
    return st == TS_CONN_HANDSHAKE || st == TS_CONN_OPEN;
}

/* The TS_EV_RECORD step of a record that has just crossed. */
static ts_err record_step(ts_session *s, size_t number)
{
    char how[160];
    ts_event ev;
    ts_chan_record_event(ts_chan_get(s->chan, number), how, sizeof(how), &ev);
    return ts_trace_append(s->trace, &ev, number, NULL);
}

static ts_err deliver_one(ts_session *s, size_t number)
{
    const ts_chan_record *rec = ts_chan_get(s->chan, number);
    ts_conn *to = rec->dir == TS_DIR_C2S ? s->server : s->client;
    ts_buf bytes;
    bool dropped = false;
    TS_GUARD(ts_chan_deliver(s->chan, number, ts_trace_count(s->trace), &bytes, &dropped));
    ts_err err = record_step(s, number);
    if (err == TS_OK && !dropped && bytes.len > 0) {
        err = ts_buf_write_bytes(ts_conn_in(to), bytes.data, bytes.len);
        if (err == TS_OK) {
            (void)ts_conn_process(to); /* a protocol failure is an outcome */
        }
    }
    ts_secret_free_buf(&bytes);
    TS_GUARD(err);
    TS_GUARD(s->run_err);
    TS_GUARD(flush(s, s->client, TS_SIDE_CLIENT));
    return flush(s, s->server, TS_SIDE_SERVER);
}

static ts_err make_conns(ts_session *s)
{
    ts_conn_config cc;
    memset(&cc, 0, sizeof(cc));
    cc.suite = s->cfg.suite;
    cc.offer_all = !s->cfg.offer_one;
    if (ts_suite_is_tls13(s->cfg.suite)) {
        /* Both speak 1.3 and 1.2, as real stacks do: the client offers
         * both (only 1.3 with offer_one), the server falls back to ECDHE
         * and then marks its random with the downgrade sentinel. */
        cc.suite13 = s->cfg.suite;
        cc.suite = s->cfg.offer_one ? NULL : ts_suite_get(TS_SUITE_ECDHE);
        cc.max_version = TS_VERSION_TLS13;
        cc.min_version = s->cfg.offer_one ? TS_VERSION_TLS13 : TS_VERSION_TLS12;
        if (s->cfg.client_max_version == TS_VERSION_TLS12) {
            cc.max_version = TS_VERSION_TLS12; /* a 1.2-only client: no supported_versions */
        }
    }
    cc.ems = s->cfg.ems;
    cc.host = s->cfg.host;
    cc.now = s->cfg.now;
    cc.dh_group = s->cfg.dh_group;
    cc.stepwise = true; /* each message crosses before the next is written, as in the notes */
    ts_conn_config sc = cc;
    if (ts_suite_is_tls13(s->cfg.suite)) {
        sc.max_version = TS_VERSION_TLS13;
        sc.suite = ts_suite_get(TS_SUITE_ECDHE);
        sc.min_version = TS_VERSION_TLS12;
        sc.offer_all = false;
        sc.group = s->cfg.group; /* the client's first share stays x25519 */
    }
    cc.key_update = s->cfg.key_update;
    cc.padding = sc.padding = s->cfg.padding;
    cc.no_verify = s->cfg.no_verify;
    cc.skip_ske_check = s->cfg.skip_ske_check;
    cc.lax_pkcs1 = s->cfg.lax_pkcs1;
    cc.ca_der = s->pki.ca_der.data;
    cc.ca_len = s->pki.ca_der.len;
    cc.path = "/";
    sc.server_key = s->pki.server_key;
    sc.certs[0] = s->pki.server_der.data;
    sc.cert_lens[0] = s->pki.server_der.len;
    sc.n_certs = 1;
    sc.payload = s->payload.data;
    sc.payload_len = s->payload.len;
    sc.client_auth = s->cfg.client_auth;
    sc.ca_der = s->pki.ca_der.data; /* the server trusts the same CA for clients */
    sc.ca_len = s->pki.ca_der.len;
    const ts_buf *client_der = NULL;
    const ts_rsa_key *client_key = NULL;
    ts_session_pki_client_of(&s->pki, s->cfg.client_cert, &client_der, &client_key);
    if (s->cfg.client_auth != TS_CLIENT_AUTH_NONE && client_key != NULL) {
        cc.client_key = client_key;
        cc.certs[0] = client_der->data;
        cc.cert_lens[0] = client_der->len;
        cc.n_certs = 1;
    }
    TS_GUARD(ts_rng_init(&s->client_rng, s->seed, TS_ACTOR_CLIENT));
    TS_GUARD(ts_rng_init(&s->server_rng, s->seed, TS_ACTOR_SERVER));
    s->client_ctx = (ts_session_side){s, TS_SIDE_CLIENT};
    s->server_ctx = (ts_session_side){s, TS_SIDE_SERVER};
    TS_GUARD(ts_conn_new(TS_ROLE_CLIENT, &cc, &s->client_rng, on_event, &s->client_ctx,
                         &s->client));
    return ts_conn_new(TS_ROLE_SERVER, &sc, &s->server_rng, on_event, &s->server_ctx,
                       &s->server);
}

ts_err ts_session_run_all(ts_session *s)
{
    TS_GUARD(ts_session_pki_get(&s->pki, s->seed, s->cfg.bits, s->cfg.host, s->cfg.now));
    if (s->cfg.client_auth != TS_CLIENT_AUTH_NONE) {
        TS_GUARD(ts_session_pki_client(&s->pki, s->cfg.client_cert));
    }
    TS_GUARD(ts_trace_new(&s->trace));
    TS_GUARD(ts_chan_new(&s->chan));
    ts_chan_set_hook(s->chan, on_record, s);
    ts_chan_set_kx(s->chan, s->cfg.suite->kx);
    TS_GUARD(make_conns(s));
    (void)ts_conn_start(s->client);
    TS_GUARD(s->run_err);
    TS_GUARD(flush(s, s->client, TS_SIDE_CLIENT));
    for (size_t i = 0; i < MAX_DELIVERIES; i++) {
        size_t next = ts_chan_next(s->chan, alive(s->server), alive(s->client));
        if (next != 0) {
            TS_GUARD(deliver_one(s, next));
            continue;
        }
        /* Nothing in flight: the side whose turn it is writes its next message. */
        ts_conn *writer = ts_conn_has_turn(s->client) ? s->client
                          : ts_conn_has_turn(s->server) ? s->server
                                                        : NULL;
        if (writer == NULL) {
            break;
        }
        (void)ts_conn_write_next(writer);
        TS_GUARD(s->run_err);
        TS_GUARD(flush(s, writer, writer == s->client ? TS_SIDE_CLIENT : TS_SIDE_SERVER));
    }
    ts_session_result_compute(s->trace, s->chan, s->client, s->server, &s->payload, &s->result);
    return TS_OK;
}
