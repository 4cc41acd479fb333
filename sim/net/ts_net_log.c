/* ts_net_log: trace, channel and live transcript of a network connection.
 * Steps are printed by ts_transcript and the JSON is built with ts_json's
 * blocks, both seen from our side. */
#include "net/ts_net_log.h"

#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_i18n.h"
#include "crypto/ts_hash.h"
#include "export/ts_json.h"
#include "export/ts_transcript.h"
#include "net/ts_net.h"
#include "tls/msg/ts_msg_alert.h"

struct ts_net_log {
    ts_side ours;
    FILE *live;
    ts_trace *trace;
    ts_chan *chan;
    ts_err err;
    size_t pending; /* a received record whose step waits for its plaintext */
    ts_lang lang;   /* of the printed transcript */
};

static ts_dir dir_of(ts_side side)
{
    return side == TS_SIDE_CLIENT ? TS_DIR_C2S : TS_DIR_S2C;
}

ts_err ts_net_log_new(ts_side ours, FILE *live, ts_net_log **out)
{
    TS_ENSURE(out != NULL && (ours == TS_SIDE_CLIENT || ours == TS_SIDE_SERVER), TS_ERR_ARG);
    ts_net_log *l = calloc(1, sizeof(*l));
    TS_ENSURE(l != NULL, TS_ERR_NOMEM);
    l->ours = ours;
    l->live = live;
    ts_err err = ts_trace_new(&l->trace);
    if (err == TS_OK) {
        err = ts_chan_new(&l->chan);
    }
    if (err != TS_OK) {
        ts_net_log_free(l);
        return err;
    }
    *out = l;
    return TS_OK;
}

void ts_net_log_free(ts_net_log *l)
{
    if (l == NULL) {
        return;
    }
    ts_trace_free(l->trace);
    ts_chan_free(l->chan);
    free(l);
}

void ts_net_log_set_lang(ts_net_log *l, ts_lang lang)
{
    l->lang = lang < TS_LANG_COUNT ? lang : TS_LANG_EN;
}

void ts_net_log_set_kx(ts_net_log *l, ts_kx kx)
{
    ts_chan_set_kx(l->chan, kx);
}

ts_err ts_net_log_error(const ts_net_log *l)
{
    return l->err;
}

const ts_trace *ts_net_log_trace(const ts_net_log *l)
{
    return l->trace;
}

const ts_chan *ts_net_log_chan(const ts_net_log *l)
{
    return l->chan;
}

static void show_last(ts_net_log *l)
{
    size_t n = ts_trace_count(l->trace);
    if (l->live != NULL && n > 0) {
        ts_net_log_print_step(l->live, l, ts_trace_get(l->trace, n - 1));
        fflush(l->live);
    }
}

/* The TS_EV_RECORD step of a record that has just crossed (as ts_session). */
static ts_err record_step(ts_net_log *l, size_t number)
{
    char how[160];
    ts_event ev;
    ts_chan_record_event(ts_chan_get(l->chan, number), how, sizeof(how), &ev);
    return ts_trace_append(l->trace, &ev, number, NULL);
}

void ts_net_log_flush(ts_net_log *l)
{
    if (l->err == TS_OK && l->pending != 0) {
        l->err = record_step(l, l->pending);
        if (l->err == TS_OK) {
            show_last(l);
        }
    }
    l->pending = 0;
}

void ts_net_log_event(void *ctx, const ts_event *ev)
{
    ts_net_log *l = ctx;
    if (l->err != TS_OK) {
        return;
    }
    if (ev->kind == TS_EV_OPENED) {
        /* our endpoint opened the record just received: show it decrypted */
        if (l->pending != 0) {
            l->err = ts_chan_opened(l->chan, l->pending, ev);
        }
        ts_net_log_flush(l);
        return;
    }
    ts_net_log_flush(l);
    if (l->err != TS_OK) {
        return;
    }
    ts_event copy = *ev;
    copy.side = l->ours;
    size_t index = ts_trace_count(l->trace);
    size_t number = 0;
    if (ev->kind == TS_EV_SEALED) {
        l->err = ts_chan_sealed(l->chan, dir_of(l->ours), ev, index, &number);
    }
    if (l->err == TS_OK) {
        l->err = ts_trace_append(l->trace, &copy, number, NULL);
    }
    if (l->err == TS_OK) {
        show_last(l);
    }
}

void ts_net_log_record(void *ctx, bool outgoing, const uint8_t *rec, size_t n)
{
    ts_net_log *l = ctx;
    ts_net_log_flush(l);
    if (l->err != TS_OK) {
        return;
    }
    ts_side from = outgoing ? l->ours : (l->ours == TS_SIDE_CLIENT ? TS_SIDE_SERVER
                                                                   : TS_SIDE_CLIENT);
    ts_dir dir = dir_of(from);
    size_t count = ts_trace_count(l->trace);
    l->err = ts_chan_write(l->chan, dir, rec, n, count > 0 ? count - 1 : 0);
    size_t number = 0;
    if (l->err == TS_OK) {
        number = ts_chan_next(l->chan, dir == TS_DIR_C2S, dir == TS_DIR_S2C);
        l->err = number > 0 ? TS_OK : TS_ERR_ARG;
    }
    ts_buf bytes;
    bool dropped = false;
    if (l->err == TS_OK) {
        l->err = ts_chan_deliver(l->chan, number, ts_trace_count(l->trace), &bytes, &dropped);
        if (l->err == TS_OK) {
            ts_buf_free(&bytes);
        }
    }
    if (l->err == TS_OK && !outgoing) {
        l->pending = number; /* shown once our endpoint has opened it */
        return;
    }
    if (l->err == TS_OK) {
        l->err = record_step(l, number);
    }
    if (l->err == TS_OK) {
        show_last(l);
    }
}

void ts_net_log_print_step(FILE *f, const ts_net_log *l, const ts_step *st)
{
    ts_transcript_write_step(f, l->chan, l->ours, st, l->lang);
}

/* --- the end --- */

const char *ts_net_log_result(const ts_net_log_outcome *o)
{
    if (o->ok) {
        return "ok";
    }
    int alert = ts_conn_alert(o->conn, NULL);
    if (alert > 0) {
        return ts_alert_name((uint8_t)alert);
    }
    if (o->transport != NULL && (o->timed_out || strstr(o->transport, "nothing for") != NULL)) {
        return "timeout";
    }
    return ts_conn_status_of(o->conn) == TS_CONN_CLOSED ? "closed" : "failed";
}

/* Why it ended: the endpoint's reason, or the transport's after a time-out
 * (the endpoint was only told that no more bytes would come). */
static const char *outcome_reason(const ts_net_log_outcome *o)
{
    if (strcmp(ts_net_log_result(o), "timeout") == 0) {
        return o->transport;
    }
    return ts_conn_reason(o->conn);
}

void ts_net_log_print_end(FILE *f, const ts_net_log *l, const ts_net_log_outcome *o)
{
    ts_lang lang = l->lang;
    const ts_conn *c = o->conn;
    char buf[512];
    if (o->transport != NULL && o->transport[0] != '\0') {
        fprintf(f, ts_tr(lang, "\ntransport: %s\n"), ts_net_why_text(lang, o->transport, buf,
                                                                     sizeof(buf)));
    }
    const ts_suite *s = ts_conn_suite(c);
    fprintf(f, ts_tr(lang, "\nsuite agreed: %s\n"), s != NULL ? s->iana_name : ts_tr(lang, "none"));
    if (s != NULL) { /* a suite names its version */
        fprintf(f, ts_tr(lang, "version agreed: %s\n"),
                ts_suite_is_tls13(s) ? "TLS 1.3" : "TLS 1.2");
    }
    bool client = strcmp(o->mode, "connect") == 0;
    if (client || ts_conn_http_status(c) != 0) {
        ts_buf view;
        const ts_buf *body = ts_conn_http_payload(c, &view);
        uint8_t d[TS_SHA256_LEN];
        char hex[2 * TS_SHA256_LEN + 1];
        ts_hash(TS_HASH_SHA256, body->data, body->len, d);
        ts_hex_encode(d, sizeof(d), hex);
        fprintf(f, client ? ts_tr(lang, "response: HTTP %d, %zu bytes, sha256 %s\n")
                          : ts_tr(lang, "sent: HTTP %d, %zu bytes, sha256 %s\n"),
                ts_conn_http_status(c), body->len, hex);
    }
    const char *result = ts_net_log_result(o);
    const char *reason = outcome_reason(o);
    if (strcmp(result, "timeout") == 0) {
        reason = ts_net_why_text(lang, reason, buf, sizeof(buf));
    } else {
        reason = ts_tr_text(lang, reason, buf, sizeof(buf));
    }
    /* result: "ok", "timeout", "closed", "failed" (words) or an alert's name */
    static const char *const results[] __attribute__((unused)) = {
        N_("ok"), N_("timeout"), N_("closed"), N_("failed"), N_("none")};
    const char *shown = ts_tr(lang, result); /* an alert's name is no msgid: as it is */
    if (reason[0] != '\0') {
        fprintf(f, ts_tr(lang, "result: %s (%s)\n"), shown, reason);
    } else {
        fprintf(f, ts_tr(lang, "result: %s\n"), shown);
    }
}

/* --- JSON (ts_json's building blocks, seen from our side) --- */

ts_err ts_net_log_json(const ts_net_log *l, const ts_net_log_outcome *o, char **out)
{
    TS_ENSURE(l != NULL && o != NULL && out != NULL, TS_ERR_ARG);
    bool ok = true;
    json_t *root = json_object();
    TS_ENSURE(root != NULL, TS_ERR_NOMEM);
    const ts_suite *s = ts_conn_suite(o->conn);
    if (o->number > 0) {
        ts_json_put(root, "connection", json_integer((json_int_t)o->number), &ok);
    }
    ts_json_put(root, "seed", ts_json_str(o->seed), &ok);
    ts_json_put(root, "mode", ts_json_str(o->mode), &ok);
    ts_json_put(root, "peer", ts_json_str(o->peer), &ok);
    ts_json_put(root, "suite", s != NULL ? ts_json_str(s->iana_name) : json_null(), &ok);
    ts_json_put_version(root, s, &ok);
    ts_json_put(root, "bits", json_integer(o->bits), &ok);
    ts_json_put(root, "messages", ts_json_messages(l->chan, l->ours, &ok), &ok);
    json_t *secrets = ts_json_secrets(l->trace, &ok);
    ts_json_put_verify_data(root, secrets, false, &ok);
    ts_json_put(root, "secrets", secrets, &ok);
    ts_json_put(root, "alerts", ts_json_alerts(l->trace, l->ours, &ok), &ok);
    ts_json_put(root, "steps", json_integer((json_int_t)ts_trace_count(l->trace)), &ok);
    const uint8_t *const der[] = {o->ca_der, o->server_der};
    const size_t len[] = {o->ca_len, o->server_len};
    ts_json_put(root, "certificates", ts_json_certificates(der, len, 2, &ok), &ok);
    ts_json_put(root, "result", ts_json_str(ts_net_log_result(o)), &ok);
    ts_json_put(root, "reason", ts_json_str(outcome_reason(o)), &ok);
    ts_json_put(root, "transport", ts_json_str(o->transport), &ok);
    if (strcmp(o->mode, "connect") == 0 || ts_conn_http_status(o->conn) != 0) {
        ts_buf view;
        const ts_buf *body = ts_conn_http_payload(o->conn, &view);
        uint8_t d[TS_SHA256_LEN];
        ts_hash(TS_HASH_SHA256, body->data, body->len, d);
        ts_json_put(root, "http_status", json_integer(ts_conn_http_status(o->conn)), &ok);
        ts_json_put(root, "payload_sha256", ts_json_hex(d, sizeof(d)), &ok);
        ts_json_put(root, "payload_bytes", json_integer((json_int_t)body->len), &ok);
    }
    if (o->number == 0) {
        return ts_json_finish(root, ok, out);
    }
    /* one line per connection (JSON Lines) */
    char *text = ok ? json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    size_t n = strlen(text);
    char *line = realloc(text, n + 2);
    if (line == NULL) {
        free(text);
        return TS_ERR_NOMEM;
    }
    memcpy(line + n, "\n", 2);
    *out = line;
    return TS_OK;
}
