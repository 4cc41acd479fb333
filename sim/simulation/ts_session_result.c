/* ts_session_result: the outcome of a run. */
#include "simulation/ts_session_result.h"

#include <stdio.h>
#include <string.h>

#include "crypto/ts_hash.h"
#include "tls/msg/ts_msg_alert.h"

const char *ts_result_kind_name(ts_result_kind kind)
{
    switch (kind) {
    case TS_RESULT_OK:
        return "ok";
    case TS_RESULT_ALERT:
        return "alert";
    case TS_RESULT_STALLED:
        return "stalled";
    case TS_RESULT_WRONG:
        return "wrong";
    }
    return "unknown";
}

static bool waiting(const ts_conn *c)
{
    ts_conn_status st = ts_conn_status_of(c);
    return st == TS_CONN_HANDSHAKE || st == TS_CONN_OPEN;
}

/* The first fatal alert sent, from the trace; NULL when none. */
static const ts_step *first_fatal(const ts_trace *t)
{
    for (size_t i = 0; i < ts_trace_count(t); i++) {
        const ts_step *st = ts_trace_get(t, i);
        if (st->ev.kind == TS_EV_ALERT_SENT && st->ev.alert_level == TS_ALERT_FATAL) {
            return st;
        }
    }
    return NULL;
}

static void set_alert(ts_result *r, int alert, ts_side from, const char *why)
{
    r->kind = TS_RESULT_ALERT;
    r->alert = alert;
    r->alert_from = from;
    r->alert_name = ts_alert_name((uint8_t)alert);
    snprintf(r->reason, sizeof(r->reason), "%s", why != NULL && *why ? why : "(no reason given)");
}

/* Appends "record #N (Type, dir) was dropped" for each dropped record. */
static void describe_drops(const ts_chan *ch, char *out, size_t cap)
{
    size_t used = strlen(out);
    for (size_t n = 1; n <= ts_chan_count(ch) && used < cap; n++) {
        const ts_chan_record *rec = ts_chan_get(ch, n);
        if (rec->status == TS_REC_DROPPED) {
            snprintf(out + used, cap - used, "; record #%zu (%s, %s) was dropped", rec->number,
                     rec->type_name, ts_dir_arrow(rec->dir));
            used = strlen(out);
        }
    }
}

static void set_stalled(ts_result *r, const ts_chan *ch, const ts_conn *client,
                        const ts_conn *server)
{
    r->kind = TS_RESULT_STALLED;
    r->client_waiting = waiting(client);
    r->server_waiting = waiting(server);
    const char *who = r->client_waiting && r->server_waiting ? "client and server both wait"
                      : r->client_waiting                   ? "the client waits"
                      : r->server_waiting                   ? "the server waits"
                                                            : "neither side finished";
    snprintf(r->reason, sizeof(r->reason), "nothing left to deliver: %s for a record that never "
             "comes", who);
    describe_drops(ch, r->reason, sizeof(r->reason));
}

void ts_session_result_compute(const ts_trace *t, const ts_chan *ch, const ts_conn *client,
                               const ts_conn *server, const ts_buf *payload, ts_result *r)
{
    memset(r, 0, sizeof(*r));
    r->alert = -1;
    r->alert_name = "";
    const ts_buf *body = ts_conn_response(client);
    r->payload_bytes = body->len;
    ts_hash(TS_HASH_SHA256, body->data, body->len, r->payload_sha256);
    r->payload_intact = body->len == payload->len &&
                        (body->len == 0 || memcmp(body->data, payload->data, body->len) == 0);
    const ts_step *fatal = first_fatal(t);
    if (fatal != NULL) {
        const ts_conn *sender = fatal->ev.side == TS_SIDE_CLIENT ? client : server;
        set_alert(r, fatal->ev.alert, fatal->ev.side, ts_conn_reason(sender));
        return;
    }
    bool sent;
    int a;
    if ((a = ts_conn_alert(client, &sent)) > 0 && ts_conn_status_of(client) == TS_CONN_FAILED) {
        set_alert(r, a, sent ? TS_SIDE_CLIENT : TS_SIDE_SERVER, ts_conn_reason(client));
        return;
    }
    if ((a = ts_conn_alert(server, &sent)) > 0 && ts_conn_status_of(server) == TS_CONN_FAILED) {
        set_alert(r, a, sent ? TS_SIDE_SERVER : TS_SIDE_CLIENT, ts_conn_reason(server));
        return;
    }
    if (ts_conn_status_of(client) == TS_CONN_CLOSED && ts_conn_status_of(server) == TS_CONN_CLOSED) {
        bool ok = r->payload_intact && ts_conn_http_status(client) == 200;
        r->kind = ok ? TS_RESULT_OK : TS_RESULT_WRONG;
        if (ok) {
            snprintf(r->reason, sizeof(r->reason), "handshake completed; %zu bytes arrived intact; "
                     "both sides sent close_notify and wiped their keys", body->len);
        } else {
            snprintf(r->reason, sizeof(r->reason), "closed, but the client received %zu bytes "
                     "(HTTP %d) instead of the %zu bytes served", body->len,
                     ts_conn_http_status(client), payload->len);
        }
        return;
    }
    set_stalled(r, ch, client, server);
}
