/* ts_session: options, actions, the cursor; the run loop is in ts_session_run.c. */
#include "simulation/ts_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ts_secret.h"
#include "simulation/internal/ts_session_run.h"
#include "simulation/ts_sample.h"

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
    TS_ENSURE(cfg->padding <= TS_MAX_PADDING, TS_ERR_ARG);
    TS_ENSURE(cfg->client_max_version == 0 || cfg->client_max_version == TS_VERSION_TLS13 ||
                  (cfg->client_max_version == TS_VERSION_TLS12 && !cfg->offer_one),
              TS_ERR_ARG);
    TS_ENSURE(cfg->client_auth <= TS_CLIENT_AUTH_REQUIRE && cfg->client_cert < TS_CLIENT_CERT_COUNT,
              TS_ERR_ARG);
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
    /* TRANSLATORS: the name shown for data given without a file name */
    const char *unnamed = N_("payload");
    snprintf(s->payload_name, sizeof(s->payload_name), "%s",
             cfg->payload_name != NULL ? cfg->payload_name
             : cfg->payload != NULL    ? unnamed
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

ts_err ts_session_run(ts_session *s)
{
    TS_ENSURE(s != NULL, TS_ERR_ARG);
    free_run(s);
    s->run_err = TS_OK;
    for (size_t i = 0; i < s->n_acts; i++) {
        s->applied[i] = false;
    }
    ts_err err = ts_session_run_all(s);
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

const ts_buf *ts_session_client_der(const ts_session *s)
{
    static const ts_buf empty = {0};
    const ts_buf *der = &empty;
    const ts_rsa_key *key = NULL;
    if (s->cfg.client_auth != TS_CLIENT_AUTH_NONE && s->pki.valid) {
        ts_session_pki_client_of(&s->pki, s->cfg.client_cert, &der, &key);
    }
    return der;
}

const char *ts_client_auth_name(ts_client_auth mode)
{
    return mode == TS_CLIENT_AUTH_REQUIRE   ? "require"
           : mode == TS_CLIENT_AUTH_REQUEST ? "request"
                                            : "none";
}

const char *ts_client_cert_name(ts_client_cert_kind kind)
{
    static const char *const names[TS_CLIENT_CERT_COUNT] = {"good", "none", "expired",
                                                            "foreign", "stolen"};
    return kind < TS_CLIENT_CERT_COUNT ? names[kind] : "?";
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
