/* ts_net_log: trace, channel and live transcript of a network connection.
 * The step format follows sim/ts_transcript.c (kept in step with it until
 * that file exports a per-step printer that takes a channel). */
#include "ts_net_log.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ts_hash.h"
#include "ts_hex.h"
#include "ts_msg_alert.h"
#include "ts_record.h"
#include "ts_x509.h"

#define APPDATA_DUMP_MAX 256
#define INPUT_HEX_MAX 128

struct ts_net_log {
    ts_side ours;
    FILE *live;
    ts_trace *trace;
    ts_chan *chan;
    ts_err err;
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

void ts_net_log_event(void *ctx, const ts_event *ev)
{
    ts_net_log *l = ctx;
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

/* The TS_EV_RECORD step of a record that has just crossed (as ts_session). */
static ts_err record_step(ts_net_log *l, size_t number)
{
    const ts_chan_record *rec = ts_chan_get(l->chan, number);
    char how[160];
    snprintf(how, sizeof(how), "#%zu %s %s %s", number, ts_dir_arrow(rec->dir), rec->type_name,
             ts_rec_status_name(rec->status));
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
    return ts_trace_append(l->trace, &ev, number, NULL);
}

void ts_net_log_record(void *ctx, bool outgoing, const uint8_t *rec, size_t n)
{
    ts_net_log *l = ctx;
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
    if (l->err == TS_OK) {
        l->err = record_step(l, number);
    }
    if (l->err == TS_OK) {
        show_last(l);
    }
}

/* --- printing, as sim/ts_transcript.c --- */

static void hex_lines(FILE *f, const char *indent, const uint8_t *p, size_t n)
{
    for (size_t off = 0; off < n; off += 32) {
        char hex[65];
        size_t k = n - off < 32 ? n - off : 32;
        ts_hex_encode(p + off, k, hex);
        fprintf(f, "%s%s\n", indent, hex);
    }
}

static void dump(FILE *f, const char *indent, const uint8_t *p, size_t n, size_t max)
{
    if (max > 0 && n > max) {
        ts_hex_dump(f, indent, p, max);
        fprintf(f, "%s... (%zu more bytes)\n", indent, n - max);
    } else {
        ts_hex_dump(f, indent, p, n);
    }
}

static void print_fields(FILE *f, const ts_fields *fl, const char *indent)
{
    for (size_t i = 0; i < fl->n; i++) {
        const ts_field *it = &fl->items[i];
        int pad = 2 * it->depth;
        fprintf(f, "%s%*s%-*s %s  [%zu+%zu]\n", indent, pad, "", 30 - pad, it->name, it->value,
                it->offset, it->len);
    }
}

static void print_record(FILE *f, const ts_net_log *l, const ts_step *st)
{
    const ts_chan_record *r = ts_chan_get(l->chan, st->record);
    if (r == NULL) {
        return;
    }
    size_t max = r->content_type == TS_CT_APPLICATION_DATA ? APPDATA_DUMP_MAX : 0;
    bool sent_by_us = r->dir == dir_of(l->ours);
    fprintf(f, "\n#%zu %s  %s  %s  %zu bytes  [%s]\n", r->number, ts_dir_arrow(r->dir),
            ts_record_type_name(r->content_type), r->type_name, r->sent.len,
            sent_by_us ? "sent" : "received");
    print_fields(f, &r->fields, "    ");
    fprintf(f, "  bytes:\n");
    dump(f, "    ", r->sent.data, r->sent.len, max);
    if (r->has_plain && r->protected_record) {
        fprintf(f, "  plaintext sealed by the %s (seq %llu", r->dir == TS_DIR_C2S ? "client" : "server",
                (unsigned long long)r->seq);
        if (r->nonce_len > 0) {
            char hex[2 * sizeof(r->nonce) + 1];
            ts_hex_encode(r->nonce, r->nonce_len, hex);
            fprintf(f, ", nonce %s", hex);
        }
        if (r->tag_len > 0) {
            char hex[2 * sizeof(r->tag) + 1];
            ts_hex_encode(r->tag, r->tag_len, hex);
            fprintf(f, ", %s %s", r->tag_len == 32 ? "mac" : "tag", hex);
        }
        fprintf(f, "), %zu bytes:\n", r->plaintext.len);
        print_fields(f, &r->plain_fields, "    ");
        dump(f, "    ", r->plaintext.data, r->plaintext.len, max);
    }
}

static void print_input(FILE *f, const ts_ev_input *in)
{
    if (in->text) {
        fprintf(f, "       input %s: \"%.*s\"\n", in->name, (int)in->len, (const char *)in->data);
        return;
    }
    size_t n = in->len > INPUT_HEX_MAX ? INPUT_HEX_MAX : in->len;
    char *hex = ts_hex_strdup(in->data, n);
    fprintf(f, "       input %s (%zu bytes): %s%s\n", in->name, in->len, hex != NULL ? hex : "",
            n < in->len ? "..." : "");
    free(hex);
}

static void print_value(FILE *f, const ts_step *st)
{
    const ts_event *ev = &st->ev;
    fprintf(f, "[%zu] %s derives %s (%zu bytes%s)\n", st->index, ts_side_name(ev->side), ev->name,
            ev->value_len, ev->secret ? ", secret" : "");
    if (ev->how != NULL) {
        fprintf(f, "       how: %s\n", ev->how);
    }
    if (ev->formula != NULL) {
        fprintf(f, "       formula: %s\n", ev->formula);
    }
    for (size_t i = 0; i < ev->n_inputs; i++) {
        print_input(f, &ev->inputs[i]);
    }
    if (ev->prf.used) {
        char *sec = ts_hex_strdup(ev->prf.secret, ev->prf.secret_len);
        char *seed = ts_hex_strdup(ev->prf.seed, ev->prf.seed_len);
        fprintf(f, "       reproduce: tlsstep prf --hash %s --secret %s --label '%s' --seed %s "
                   "--length %zu\n", ts_hash_name(ev->prf.hash), sec ? sec : "",
                ev->prf.label ? ev->prf.label : "", seed ? seed : "", ev->prf.out_len);
        free(sec);
        free(seed);
    }
    hex_lines(f, "       = ", ev->value, ev->value_len);
}

static const char *level_name(uint8_t level)
{
    return level == 1 ? "warning" : level == 2 ? "fatal" : "unknown";
}

void ts_net_log_print_step(FILE *f, const ts_net_log *l, const ts_step *st)
{
    const ts_event *ev = &st->ev;
    const char *side = ts_side_name(ev->side);
    const char *name = ev->name != NULL ? ev->name : "";
    switch (ev->kind) {
    case TS_EV_RECORD:
        print_record(f, l, st);
        break;
    case TS_EV_MESSAGE:
        fprintf(f, "[%zu] %s writes %s (%zu bytes)\n", st->index, side, name, ev->value_len);
        break;
    case TS_EV_SEALED:
        fprintf(f, "[%zu] %s seals record #%zu: %s, %zu bytes of plaintext%s\n", st->index, side,
                st->record, name, ev->value_len,
                ev->protected_record ? ", protected" : ", in the clear");
        break;
    case TS_EV_PARSED:
        fprintf(f, "[%zu] %s reads %s (%zu bytes)\n", st->index, side, name, ev->value_len);
        break;
    case TS_EV_VALUE:
        print_value(f, st);
        break;
    case TS_EV_CHECK:
        fprintf(f, "[%zu] %s checks %s: %s%s%s\n", st->index, side, name,
                ev->ok ? "ok" : "FAILED", ev->how != NULL ? " - " : "", ev->how ? ev->how : "");
        break;
    case TS_EV_ALERT_SENT:
    case TS_EV_ALERT_RECEIVED:
        fprintf(f, "[%zu] %s %s alert %s %s (%u)\n", st->index, side,
                ev->kind == TS_EV_ALERT_SENT ? "sends" : "receives", level_name(ev->alert_level),
                name, ev->alert);
        break;
    case TS_EV_WIPE:
        fprintf(f, "[%zu] %s wipes %s%s%s\n", st->index, side, name, ev->how ? ": " : "",
                ev->how ? ev->how : "");
        break;
    case TS_EV_DONE:
        fprintf(f, "[%zu] %s done: %s%s%s\n", st->index, side, name, ev->how ? " - " : "",
                ev->how ? ev->how : "");
        break;
    default:
        fprintf(f, "[%zu] %s %s %s\n", st->index, side, ts_ev_kind_name(ev->kind), name);
        break;
    }
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
    if (o->transport != NULL && strstr(o->transport, "nothing for") != NULL) {
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
    (void)l;
    const ts_conn *c = o->conn;
    if (o->transport != NULL && o->transport[0] != '\0') {
        fprintf(f, "\ntransport: %s\n", o->transport);
    }
    const ts_suite *s = ts_conn_suite(c);
    fprintf(f, "\nsuite agreed: %s\n", s != NULL ? s->iana_name : "none");
    if (strcmp(o->mode, "connect") == 0) {
        const ts_buf *body = ts_conn_response(c);
        uint8_t d[TS_SHA256_LEN];
        char hex[2 * TS_SHA256_LEN + 1];
        ts_hash(TS_HASH_SHA256, body->data, body->len, d);
        ts_hex_encode(d, sizeof(d), hex);
        fprintf(f, "response: HTTP %d, %zu bytes, sha256 %s\n", ts_conn_http_status(c), body->len,
                hex);
    }
    const char *reason = outcome_reason(o);
    fprintf(f, "result: %s%s%s%s\n", ts_net_log_result(o), reason[0] ? " (" : "", reason,
            reason[0] ? ")" : "");
}

/* --- JSON (jansson) --- */

static json_t *jstr(const char *text)
{
    json_t *j = json_string(text != NULL ? text : "");
    return j != NULL ? j : json_string("?");
}

static json_t *jhex(const uint8_t *p, size_t n)
{
    char *h = ts_hex_strdup(p, n);
    json_t *j = json_string(h != NULL ? h : "");
    free(h);
    return j;
}

static void put(json_t *o, const char *key, json_t *v, bool *ok)
{
    if (v == NULL || json_object_set_new(o, key, v) != 0) {
        *ok = false;
    }
}

static void push(json_t *a, json_t *v, bool *ok)
{
    if (v == NULL || json_array_append_new(a, v) != 0) {
        *ok = false;
    }
}

static json_t *fields_json(const ts_fields *f, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < f->n; i++) {
        const ts_field *it = &f->items[i];
        json_t *o = json_object();
        put(o, "name", jstr(it->name), ok);
        put(o, "value", jstr(it->value), ok);
        put(o, "offset", json_integer((json_int_t)it->offset), ok);
        put(o, "length", json_integer((json_int_t)it->len), ok);
        put(o, "depth", json_integer(it->depth), ok);
        push(a, o, ok);
    }
    return a;
}

static json_t *message_json(const ts_net_log *l, const ts_chan_record *r, bool *ok)
{
    json_t *o = json_object();
    bool c2s = r->dir == TS_DIR_C2S;
    put(o, "number", json_integer((json_int_t)r->number), ok);
    put(o, "from", jstr(c2s ? "client" : "server"), ok);
    put(o, "to", jstr(c2s ? "server" : "client"), ok);
    put(o, "type", jstr(r->type_name), ok);
    put(o, "content_type", json_integer(r->content_type), ok);
    put(o, "direction", jstr(r->dir == dir_of(l->ours) ? "sent" : "received"), ok);
    put(o, "length", json_integer((json_int_t)r->sent.len), ok);
    put(o, "hex", jhex(r->sent.data, r->sent.len), ok);
    put(o, "fields", fields_json(&r->fields, ok), ok);
    if (r->has_plain && r->protected_record) {
        put(o, "plaintext_hex", jhex(r->plaintext.data, r->plaintext.len), ok);
        put(o, "plaintext_fields", fields_json(&r->plain_fields, ok), ok);
        put(o, "seq", json_integer((json_int_t)r->seq), ok);
        put(o, "nonce_hex", jhex(r->nonce, r->nonce_len), ok);
        put(o, "tag_hex", jhex(r->tag, r->tag_len), ok);
    }
    return o;
}

static json_t *pem_json(const uint8_t *der, size_t n, bool *ok)
{
    ts_buf pem;
    ts_buf_init(&pem);
    json_t *j = NULL;
    if (ts_x509_to_pem(der, n, &pem) == TS_OK) {
        char *text = strndup((const char *)pem.data, pem.len);
        j = text != NULL ? json_string(text) : NULL;
        free(text);
    }
    ts_buf_free(&pem);
    if (j == NULL) {
        *ok = false;
    }
    return j;
}

static void add_steps_json(json_t *root, const ts_net_log *l, bool *ok)
{
    json_t *secrets = json_object();
    json_t *alerts = json_array();
    for (size_t i = 0; i < ts_trace_count(l->trace); i++) {
        const ts_event *ev = &ts_trace_get(l->trace, i)->ev;
        if (ev->kind == TS_EV_VALUE && ev->name != NULL && ev->value_len > 0 &&
            json_object_get(secrets, ev->name) == NULL) {
            put(secrets, ev->name, jhex(ev->value, ev->value_len), ok);
        }
        if (ev->kind == TS_EV_ALERT_SENT || ev->kind == TS_EV_ALERT_RECEIVED) {
            json_t *a = json_object();
            bool sent = ev->kind == TS_EV_ALERT_SENT;
            ts_side peer = l->ours == TS_SIDE_CLIENT ? TS_SIDE_SERVER : TS_SIDE_CLIENT;
            put(a, "from", jstr(ts_side_name(sent ? l->ours : peer)), ok);
            put(a, "level", jstr(level_name(ev->alert_level)), ok);
            put(a, "description", jstr(ev->name), ok);
            put(a, "code", json_integer(ev->alert), ok);
            push(alerts, a, ok);
        }
    }
    static const char *const vd[] = {"client_verify_data", "server_verify_data"};
    for (size_t i = 0; i < 2; i++) {
        json_t *v = json_object_get(secrets, vd[i]);
        if (v != NULL) {
            put(root, vd[i], json_incref(v), ok);
        }
    }
    put(root, "secrets", secrets, ok);
    put(root, "alerts", alerts, ok);
    put(root, "steps", json_integer((json_int_t)ts_trace_count(l->trace)), ok);
}

ts_err ts_net_log_json(const ts_net_log *l, const ts_net_log_outcome *o, char **out)
{
    TS_ENSURE(l != NULL && o != NULL && out != NULL, TS_ERR_ARG);
    bool ok = true;
    json_t *root = json_object();
    TS_ENSURE(root != NULL, TS_ERR_NOMEM);
    const ts_suite *s = ts_conn_suite(o->conn);
    put(root, "seed", jstr(o->seed), &ok);
    put(root, "mode", jstr(o->mode), &ok);
    put(root, "peer", jstr(o->peer), &ok);
    put(root, "suite", s != NULL ? jstr(s->iana_name) : json_null(), &ok);
    put(root, "bits", json_integer(o->bits), &ok);
    json_t *msgs = json_array();
    for (size_t n = 1; msgs != NULL && n <= ts_chan_count(l->chan); n++) {
        push(msgs, message_json(l, ts_chan_get(l->chan, n), &ok), &ok);
    }
    put(root, "messages", msgs, &ok);
    add_steps_json(root, l, &ok);
    json_t *certs = json_array();
    if (o->ca_der != NULL) {
        push(certs, pem_json(o->ca_der, o->ca_len, &ok), &ok);
    }
    if (o->server_der != NULL) {
        push(certs, pem_json(o->server_der, o->server_len, &ok), &ok);
    }
    put(root, "certificates", certs, &ok);
    put(root, "result", jstr(ts_net_log_result(o)), &ok);
    put(root, "reason", jstr(outcome_reason(o)), &ok);
    put(root, "transport", jstr(o->transport), &ok);
    if (strcmp(o->mode, "connect") == 0) {
        const ts_buf *body = ts_conn_response(o->conn);
        uint8_t d[TS_SHA256_LEN];
        ts_hash(TS_HASH_SHA256, body->data, body->len, d);
        put(root, "http_status", json_integer(ts_conn_http_status(o->conn)), &ok);
        put(root, "payload_sha256", jhex(d, sizeof(d)), &ok);
        put(root, "payload_bytes", json_integer((json_int_t)body->len), &ok);
    }
    char *text = ok ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    size_t n = strlen(text);
    char *withnl = realloc(text, n + 2);
    if (withnl == NULL) {
        free(text);
        return TS_ERR_NOMEM;
    }
    withnl[n] = '\n';
    withnl[n + 1] = '\0';
    *out = withnl;
    return TS_OK;
}
