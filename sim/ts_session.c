/* ts_session: options, actions, the run loop and the cursor. */
#include "ts_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ts_sample.h"
#include "ts_secret.h"
#include "ts_session_pki.h"
#include "ts_session_result.h"

/* Deliveries after which a run is cut off (a hook that injects forever). */
#define MAX_DELIVERIES 100000

typedef struct {
    ts_session *s;
    ts_side side;
} side_ctx;

struct ts_session {
    ts_session_config cfg;          /* pointers into the fields below */
    char seed[TS_RNG_SEED_MAX + 1];
    char *host;
    char payload_name[256];
    ts_buf payload;
    ts_action *acts;
    bool *applied;
    size_t n_acts;
    ts_session_pki pki;
    /* the last run */
    ts_trace *trace;
    ts_chan *chan;
    ts_conn *client, *server;
    ts_rng client_rng, server_rng;
    side_ctx client_ctx, server_ctx;
    ts_err run_err;                 /* first machinery error inside a hook */
    ts_result result;
    size_t cursor;
};

static void free_actions(ts_session *s)
{
    for (size_t i = 0; i < s->n_acts; i++) {
        free((void *)s->acts[i].bytes);
    }
    free(s->acts);
    free(s->applied);
    s->acts = NULL;
    s->applied = NULL;
    s->n_acts = 0;
}

static void free_run(ts_session *s)
{
    ts_conn_free(s->client);
    ts_conn_free(s->server);
    ts_trace_free(s->trace);
    ts_chan_free(s->chan);
    ts_rng_wipe(&s->client_rng);
    ts_rng_wipe(&s->server_rng);
    s->client = s->server = NULL;
    s->trace = NULL;
    s->chan = NULL;
}

void ts_session_free(ts_session *s)
{
    if (s == NULL) {
        return;
    }
    free_run(s);
    free_actions(s);
    ts_session_pki_free(&s->pki);
    free(s->host);
    ts_buf_free(&s->payload);
    free(s);
}

static ts_err check_config(const ts_session_config *cfg)
{
    TS_ENSURE(cfg->bits == 0 ||
                  (cfg->bits >= TS_SESSION_MIN_BITS && cfg->bits <= TS_SESSION_MAX_BITS),
              TS_ERR_ARG);
    TS_ENSURE(cfg->seed == NULL || (cfg->seed[0] != '\0' && strlen(cfg->seed) <= TS_RNG_SEED_MAX),
              TS_ERR_ARG);
    TS_ENSURE(cfg->host == NULL || (cfg->host[0] != '\0' && strlen(cfg->host) < 256), TS_ERR_ARG);
    TS_ENSURE(cfg->payload != NULL || cfg->payload_len == 0, TS_ERR_ARG);
    TS_ENSURE(cfg->suite == NULL || ts_suite_usable(cfg->suite), TS_ERR_AEAD_UNAVAILABLE);
    return TS_OK;
}

static ts_err fill_config(ts_session *s, const ts_session_config *cfg)
{
    s->cfg = *cfg;
    if (cfg->seed != NULL) {
        snprintf(s->seed, sizeof(s->seed), "%s", cfg->seed);
    } else {
        ts_rng_new_seed(s->seed);
    }
    s->cfg.seed = s->seed;
    s->host = strdup(cfg->host != NULL ? cfg->host : "localhost");
    TS_ENSURE(s->host != NULL, TS_ERR_NOMEM);
    s->cfg.host = s->host;
    if (s->cfg.suite == NULL) {
        s->cfg.suite = ts_suite_get(TS_SUITE_RSA);
        TS_ENSURE(ts_suite_usable(s->cfg.suite), TS_ERR_AEAD_UNAVAILABLE);
    }
    if (s->cfg.bits == 0) {
        s->cfg.bits = TS_SESSION_DEFAULT_BITS;
    }
    if (s->cfg.now == 0) {
        s->cfg.now = TS_SESSION_DEFAULT_NOW;
    }
    if (cfg->payload != NULL) {
        TS_GUARD(ts_buf_write_bytes(&s->payload, cfg->payload, cfg->payload_len));
    } else {
        TS_GUARD(ts_sample_write(&s->payload));
    }
    snprintf(s->payload_name, sizeof(s->payload_name), "%s",
             cfg->payload_name != NULL ? cfg->payload_name
             : cfg->payload != NULL    ? "payload"
                                       : ts_sample_name());
    s->cfg.payload_name = s->payload_name;
    s->cfg.payload = s->payload.data;
    s->cfg.payload_len = s->payload.len;
    return TS_OK;
}

ts_err ts_session_new(const ts_session_config *cfg, ts_session **out)
{
    TS_ENSURE(cfg != NULL && out != NULL, TS_ERR_ARG);
    TS_GUARD(check_config(cfg));
    ts_session *s = calloc(1, sizeof(*s));
    TS_ENSURE(s != NULL, TS_ERR_NOMEM);
    ts_buf_init(&s->payload);
    ts_session_pki_init(&s->pki);
    s->result.alert = -1;
    s->result.alert_name = "";
    ts_err err = fill_config(s, cfg);
    if (err != TS_OK) {
        ts_session_free(s);
        return err;
    }
    *out = s;
    return TS_OK;
}

const ts_session_config *ts_session_config_of(const ts_session *s)
{
    return &s->cfg;
}

const char *ts_session_seed(const ts_session *s)
{
    return s->seed;
}

ts_err ts_session_set_actions(ts_session *s, const ts_action *acts, size_t n)
{
    TS_ENSURE(s != NULL && (acts != NULL || n == 0), TS_ERR_ARG);
    for (size_t i = 0; i < n; i++) {
        TS_ENSURE(acts[i].record >= 1, TS_ERR_ARG);
        TS_ENSURE(acts[i].kind != TS_ACT_TAMPER || acts[i].xor_mask != 0, TS_ERR_ARG);
        TS_ENSURE(acts[i].kind != TS_ACT_EDIT || acts[i].bytes != NULL || acts[i].len == 0,
                  TS_ERR_ARG);
    }
    free_actions(s);
    if (n == 0) {
        return TS_OK;
    }
    s->acts = calloc(n, sizeof(*s->acts));
    s->applied = calloc(n, sizeof(*s->applied));
    TS_ENSURE(s->acts != NULL && s->applied != NULL, (free_actions(s), TS_ERR_NOMEM));
    for (size_t i = 0; i < n; i++, s->n_acts++) {
        s->acts[i] = acts[i];
        s->acts[i].bytes = NULL;
        if (acts[i].kind == TS_ACT_EDIT && acts[i].len > 0) {
            uint8_t *copy = malloc(acts[i].len);
            TS_ENSURE(copy != NULL, (free_actions(s), TS_ERR_NOMEM));
            memcpy(copy, acts[i].bytes, acts[i].len);
            s->acts[i].bytes = copy;
        }
    }
    return TS_OK;
}

size_t ts_session_action_count(const ts_session *s)
{
    return s->n_acts;
}

const ts_action *ts_session_action(const ts_session *s, size_t i)
{
    return i < s->n_acts ? &s->acts[i] : NULL;
}

bool ts_session_action_applied(const ts_session *s, size_t i)
{
    return i < s->n_acts && s->applied[i];
}

/* --- the run --- */

static ts_dir dir_from(ts_side side)
{
    return side == TS_SIDE_CLIENT ? TS_DIR_C2S : TS_DIR_S2C;
}

/* Every endpoint event becomes a step; sealed records are announced. */
static void on_event(void *ctx, const ts_event *ev)
{
    side_ctx *h = ctx;
    ts_session *s = h->s;
    if (s->run_err != TS_OK) {
        return;
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
    const ts_chan_record *rec = ts_chan_get(s->chan, number);
    char how[160];
    snprintf(how, sizeof(how), "#%zu %s %s %s%s", number, ts_dir_arrow(rec->dir), rec->type_name,
             ts_rec_status_name(rec->status),
             rec->origin == TS_REC_REPLAYED   ? " (replayed copy)"
             : rec->origin == TS_REC_INJECTED ? " (injected)"
             : rec->tampered                  ? " (tampered)"
                                              : "");
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = TS_EV_RECORD;
    ev.side = TS_SIDE_CHANNEL;
    ev.name = "record";
    ev.how = how;
    ev.ok = rec->status == TS_REC_DELIVERED;
    ev.content_type = rec->content_type;
    ev.record = rec->sent.data;
    ev.record_len = rec->sent.len;
    ev.value = rec->delivered.data;
    ev.value_len = rec->delivered.len;
    ev.protected_record = rec->protected_record;
    ev.seq = rec->seq;
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
    cc.ems = s->cfg.ems;
    cc.host = s->cfg.host;
    cc.now = s->cfg.now;
    cc.dh_group = s->cfg.dh_group;
    ts_conn_config sc = cc;
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
    TS_GUARD(ts_rng_init(&s->client_rng, s->seed, TS_ACTOR_CLIENT));
    TS_GUARD(ts_rng_init(&s->server_rng, s->seed, TS_ACTOR_SERVER));
    s->client_ctx = (side_ctx){s, TS_SIDE_CLIENT};
    s->server_ctx = (side_ctx){s, TS_SIDE_SERVER};
    TS_GUARD(ts_conn_new(TS_ROLE_CLIENT, &cc, &s->client_rng, on_event, &s->client_ctx,
                         &s->client));
    return ts_conn_new(TS_ROLE_SERVER, &sc, &s->server_rng, on_event, &s->server_ctx,
                       &s->server);
}

static ts_err run_all(ts_session *s)
{
    TS_GUARD(ts_session_pki_get(&s->pki, s->seed, s->cfg.bits, s->cfg.host, s->cfg.now));
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
        if (next == 0) {
            break;
        }
        TS_GUARD(deliver_one(s, next));
    }
    ts_session_result_compute(s->trace, s->chan, s->client, s->server, &s->payload, &s->result);
    return TS_OK;
}

ts_err ts_session_run(ts_session *s)
{
    TS_ENSURE(s != NULL, TS_ERR_ARG);
    free_run(s);
    s->run_err = TS_OK;
    for (size_t i = 0; i < s->n_acts; i++) {
        s->applied[i] = false;
    }
    ts_err err = run_all(s);
    if (err != TS_OK) {
        free_run(s);
    }
    size_t count = ts_trace_count(s->trace);
    if (s->cursor > count) {
        s->cursor = count;
    }
    return err;
}

/* --- what the last run left --- */

const ts_result *ts_session_result(const ts_session *s)
{
    return &s->result;
}

const ts_trace *ts_session_trace(const ts_session *s)
{
    return s->trace;
}

const ts_chan *ts_session_chan(const ts_session *s)
{
    return s->chan;
}

const ts_conn *ts_session_conn(const ts_session *s, ts_side side)
{
    return side == TS_SIDE_CLIENT ? s->client : side == TS_SIDE_SERVER ? s->server : NULL;
}

const ts_buf *ts_session_payload(const ts_session *s)
{
    return &s->payload;
}

const ts_buf *ts_session_ca_der(const ts_session *s)
{
    return &s->pki.ca_der;
}

const ts_buf *ts_session_server_der(const ts_session *s)
{
    return &s->pki.server_der;
}

unsigned ts_session_keygen_count(const ts_session *s)
{
    return s->pki.keygen_count;
}

/* --- stepping --- */

size_t ts_session_count(const ts_session *s)
{
    return ts_trace_count(s->trace);
}

size_t ts_session_cursor(const ts_session *s)
{
    return s->cursor;
}

size_t ts_session_goto(ts_session *s, size_t k)
{
    size_t count = ts_session_count(s);
    s->cursor = k < count ? k : count;
    return s->cursor;
}

size_t ts_session_step(ts_session *s, long delta)
{
    if (delta < 0) {
        size_t back = (size_t)(-(delta + 1)) + 1;
        return ts_session_goto(s, back > s->cursor ? 0 : s->cursor - back);
    }
    size_t count = ts_session_count(s);
    size_t fwd = (size_t)delta;
    return ts_session_goto(s, fwd > count - s->cursor ? count : s->cursor + fwd);
}

const ts_step *ts_session_get_step(const ts_session *s, size_t k)
{
    return ts_trace_get(s->trace, k);
}

size_t ts_session_known(const ts_session *s, ts_side side, size_t k, ts_session_known_fn fn,
                        void *ctx)
{
    size_t n = 0;
    size_t count = ts_session_count(s);
    for (size_t i = 0; i < k && i < count; i++) {
        const ts_step *st = ts_trace_get(s->trace, i);
        if (st->ev.kind == TS_EV_VALUE && st->ev.side == side) {
            if (fn != NULL) {
                fn(ctx, st);
            }
            n++;
        }
    }
    return n;
}

bool ts_session_record_written(const ts_session *s, size_t number, size_t k)
{
    const ts_chan_record *rec = ts_chan_get(s->chan, number);
    return rec != NULL && rec->step_written != TS_CHAN_NO_STEP && rec->step_written < k;
}

bool ts_session_record_crossed(const ts_session *s, size_t number, size_t k)
{
    const ts_chan_record *rec = ts_chan_get(s->chan, number);
    return rec != NULL && rec->step_delivered != TS_CHAN_NO_STEP && rec->step_delivered < k;
}
