/* ts_session_result: the outcome of a run. */
#include "simulation/ts_session_result.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/ts_templates.h"
#include "crypto/ts_hash.h"
#include "tls/msg/ts_msg_alert.h"

const char *ts_result_kind_name(ts_result_kind kind)
{
    switch (kind) {
    case TS_RESULT_OK:
        return N_("ok");
    case TS_RESULT_ALERT:
        return N_("alert");
    case TS_RESULT_STALLED:
        return N_("stalled");
    case TS_RESULT_WRONG:
        return N_("wrong");
    }
    return "unknown";
}

static void put(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* printf(fmt, ...) into out (cap bytes), cut at cap as any reason is. */
static void put(char *out, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, cap, fmt, ap);
    va_end(ap);
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
    snprintf(r->reason, sizeof(r->reason), "%s",
             why != NULL && *why ? why : N_("(no reason given)"));
}

/* The records dropped, in order: "record #N (Type, dir) was dropped;
 * record #M ..." ("" when none), built from the last one back, each
 * nesting the rest (TS_TPL_DROPPED_MORE), so a translation reads them one
 * by one; cut at cap bytes like any reason. */
static void describe_drops(const ts_chan *ch, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t n = ts_chan_count(ch); n >= 1; n--) {
        const ts_chan_record *rec = ts_chan_get(ch, n);
        if (rec->status != TS_REC_DROPPED) {
            continue;
        }
        char what[96], rest[320];
        put(what, sizeof(what), rec->dir == TS_DIR_C2S ? TS_TPL_TYPE_C2S : TS_TPL_TYPE_S2C,
            rec->type_name);
        put(rest, sizeof(rest), "%s", out);
        if (rest[0] != '\0') {
            put(out, cap, TS_TPL_DROPPED_MORE, rec->number, what, rest);
        } else {
            put(out, cap, TS_TPL_DROPPED, rec->number, what);
        }
    }
}

static void set_stalled(ts_result *r, const ts_chan *ch, const ts_conn *client,
                        const ts_conn *server)
{
    r->kind = TS_RESULT_STALLED;
    r->client_waiting = waiting(client);
    r->server_waiting = waiting(server);
    bool both = r->client_waiting && r->server_waiting;
    char drops[sizeof(r->reason)];
    describe_drops(ch, drops, sizeof(drops));
    if (drops[0] == '\0') {
        snprintf(r->reason, sizeof(r->reason), "%s",
                 both ? N_("nothing left to deliver: client and server both wait for a record "
                           "that never comes")
                 : r->client_waiting
                     ? N_("nothing left to deliver: the client waits for a record that never comes")
                 : r->server_waiting
                     ? N_("nothing left to deliver: the server waits for a record that never comes")
                     : N_("nothing left to deliver: neither side finished for a record that never "
                          "comes"));
    } else {
        put(r->reason, sizeof(r->reason),
            both                ? TS_TPL_STALLED_BOTH_DROPS
            : r->client_waiting ? TS_TPL_STALLED_CLIENT_DROPS
            : r->server_waiting ? TS_TPL_STALLED_SERVER_DROPS
                                : TS_TPL_STALLED_NEITHER_DROPS,
            drops);
    }
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
            snprintf(r->reason, sizeof(r->reason), TS_TPL_RESULT_OK, body->len);
        } else {
            snprintf(r->reason, sizeof(r->reason), TS_TPL_RESULT_WRONG, body->len,
                     ts_conn_http_status(client), payload->len);
        }
        return;
    }
    set_stalled(r, ch, client, server);
}
