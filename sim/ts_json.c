/* ts_json: the JSON of a run, built with jansson (no hand-written escaping). */
#include "ts_json.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ts_hex.h"
#include "ts_msg_alert.h"
#include "ts_x509.h"

/* A JSON string of text; bytes that are not valid UTF-8 become '?'. */
static json_t *str(const char *text)
{
    json_t *j = json_string(text != NULL ? text : "");
    if (j != NULL) {
        return j;
    }
    char *copy = strdup(text);
    if (copy == NULL) {
        return NULL;
    }
    for (char *p = copy; *p; p++) {
        if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20) {
            *p = '?';
        }
    }
    j = json_string(copy);
    free(copy);
    return j;
}

static json_t *hex(const uint8_t *p, size_t n)
{
    char *h = ts_hex_strdup(p, n);
    if (h == NULL) {
        return NULL;
    }
    json_t *j = json_string(h);
    free(h);
    return j;
}

/* json_object_set_new that remembers a failure in *ok. */
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
        put(o, "name", str(it->name), ok);
        put(o, "value", str(it->value), ok);
        put(o, "offset", json_integer((json_int_t)it->offset), ok);
        put(o, "length", json_integer((json_int_t)it->len), ok);
        put(o, "depth", json_integer(it->depth), ok);
        push(a, o, ok);
    }
    return a;
}

static json_t *message_json(const ts_chan_record *r, bool *ok)
{
    json_t *o = json_object();
    bool c2s = r->dir == TS_DIR_C2S;
    put(o, "number", json_integer((json_int_t)r->number), ok);
    put(o, "from", str(c2s ? "client" : "server"), ok);
    put(o, "to", str(c2s ? "server" : "client"), ok);
    put(o, "type", str(r->type_name), ok);
    put(o, "content_type", json_integer(r->content_type), ok);
    put(o, "status", str(ts_rec_status_name(r->status)), ok);
    if (r->origin != TS_REC_ORIGINAL) {
        put(o, "origin", str(r->origin == TS_REC_REPLAYED ? "replayed" : "injected"), ok);
    }
    if (r->copy_of > 0) {
        put(o, "copy_of", json_integer((json_int_t)r->copy_of), ok);
    }
    put(o, "length", json_integer((json_int_t)r->sent.len), ok);
    put(o, "hex", hex(r->sent.data, r->sent.len), ok);
    if (r->tampered) {
        put(o, "delivered_hex", hex(r->delivered.data, r->delivered.len), ok);
    }
    if (r->status == TS_REC_DROPPED) {
        put(o, "dropped", json_true(), ok);
    }
    put(o, "fields", fields_json(&r->fields, ok), ok);
    if (r->has_plain && r->protected_record) {
        put(o, "plaintext_hex", hex(r->plaintext.data, r->plaintext.len), ok);
        put(o, "plaintext_fields", fields_json(&r->plain_fields, ok), ok);
        put(o, "seq", json_integer((json_int_t)r->seq), ok);
        put(o, "nonce_hex", hex(r->nonce, r->nonce_len), ok);
        put(o, "tag_hex", hex(r->tag, r->tag_len), ok);
    }
    return o;
}

/* Every non-empty value side derived, first occurrence of each name. */
static void add_values(json_t *secrets, const ts_trace *t, ts_side side, bool *ok)
{
    for (size_t i = 0; i < ts_trace_count(t); i++) {
        const ts_event *ev = &ts_trace_get(t, i)->ev;
        if (ev->kind == TS_EV_VALUE && ev->side == side && ev->name != NULL &&
            ev->value_len > 0 && json_object_get(secrets, ev->name) == NULL) {
            put(secrets, ev->name, hex(ev->value, ev->value_len), ok);
        }
    }
}

static json_t *alerts_json(const ts_trace *t, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < ts_trace_count(t); i++) {
        const ts_event *ev = &ts_trace_get(t, i)->ev;
        if (ev->kind != TS_EV_ALERT_SENT) {
            continue;
        }
        json_t *o = json_object();
        put(o, "from", str(ts_side_name(ev->side)), ok);
        put(o, "level", json_integer(ev->alert_level), ok);
        put(o, "description", json_integer(ev->alert), ok);
        put(o, "name", str(ts_alert_name(ev->alert)), ok);
        push(a, o, ok);
    }
    return a;
}

static json_t *step_json(const ts_step *st, bool *ok)
{
    const ts_event *ev = &st->ev;
    json_t *o = json_object();
    put(o, "index", json_integer((json_int_t)st->index), ok);
    put(o, "side", str(ts_side_name(ev->side)), ok);
    put(o, "kind", str(ts_ev_kind_name(ev->kind)), ok);
    put(o, "name", str(ev->name), ok);
    if (st->record > 0) {
        put(o, "record", json_integer((json_int_t)st->record), ok);
    }
    if (ev->how != NULL) {
        put(o, "how", str(ev->how), ok);
    }
    if (ev->formula != NULL) {
        put(o, "formula", str(ev->formula), ok);
    }
    if (ev->kind == TS_EV_CHECK) {
        put(o, "ok", json_boolean(ev->ok), ok);
    }
    if (ev->kind == TS_EV_ALERT_SENT || ev->kind == TS_EV_ALERT_RECEIVED) {
        put(o, "alert", json_integer(ev->alert), ok);
        put(o, "level", json_integer(ev->alert_level), ok);
    }
    if (ev->value != NULL && ev->value_len > 0) {
        put(o, "value", hex(ev->value, ev->value_len), ok);
    }
    return o;
}

static json_t *certs_json(const ts_session *s, bool *ok)
{
    json_t *a = json_array();
    const ts_buf *ders[2] = {ts_session_server_der(s), ts_session_ca_der(s)};
    for (size_t i = 0; a != NULL && i < 2; i++) {
        ts_buf pem;
        ts_buf_init(&pem);
        if (ts_x509_to_pem(ders[i]->data, ders[i]->len, &pem) != TS_OK ||
            ts_buf_write_u8(&pem, 0) != TS_OK) {
            *ok = false;
        } else {
            push(a, str((const char *)pem.data), ok);
        }
        ts_buf_free(&pem);
    }
    return a;
}

static void put_top(json_t *root, const ts_session *s, bool *ok)
{
    const ts_session_config *c = ts_session_config_of(s);
    const ts_trace *t = ts_session_trace(s);
    const ts_chan *ch = ts_session_chan(s);
    put(root, "seed", str(c->seed), ok);
    put(root, "suite", str(c->suite->iana_name), ok);
    put(root, "bits", json_integer(c->bits), ok);
    put(root, "ems", json_boolean(c->ems), ok);
    put(root, "host", str(c->host), ok);
    put(root, "now", json_integer((json_int_t)c->now), ok);
    json_t *msgs = json_array();
    for (size_t n = 1; msgs != NULL && n <= ts_chan_count(ch); n++) {
        push(msgs, message_json(ts_chan_get(ch, n), ok), ok);
    }
    put(root, "messages", msgs, ok);
    json_t *secrets = json_object();
    if (secrets != NULL) {
        add_values(secrets, t, TS_SIDE_CLIENT, ok);
        add_values(secrets, t, TS_SIDE_SERVER, ok);
    }
    put(root, "secrets", secrets, ok);
    put(root, "certificates", certs_json(s, ok), ok);
    static const char *const vd[] = {"client_verify_data", "server_verify_data"};
    for (size_t i = 0; secrets != NULL && i < 2; i++) {
        json_t *v = json_object_get(secrets, vd[i]);
        put(root, vd[i], v != NULL ? json_incref(v) : json_null(), ok);
    }
    put(root, "alerts", alerts_json(t, ok), ok);
}

ts_err ts_json_session(const ts_session *s, char **out)
{
    TS_ENSURE(s != NULL && out != NULL && ts_session_trace(s) != NULL, TS_ERR_ARG);
    bool ok = true;
    json_t *root = json_object();
    TS_ENSURE(root != NULL, TS_ERR_NOMEM);
    put_top(root, s, &ok);
    const ts_result *r = ts_session_result(s);
    put(root, "result", str(r->kind == TS_RESULT_ALERT ? r->alert_name
                            : r->kind == TS_RESULT_OK  ? "ok"
                                                       : ts_result_kind_name(r->kind)), &ok);
    if (r->kind == TS_RESULT_ALERT) {
        put(root, "alert_from", str(ts_side_name(r->alert_from)), &ok);
    }
    put(root, "reason", str(r->reason), &ok);
    put(root, "payload_sha256", hex(r->payload_sha256, sizeof(r->payload_sha256)), &ok);
    put(root, "payload_bytes", json_integer((json_int_t)r->payload_bytes), &ok);
    put(root, "payload_intact", json_boolean(r->payload_intact), &ok);
    json_t *steps = json_array();
    const ts_trace *t = ts_session_trace(s);
    for (size_t i = 0; steps != NULL && i < ts_trace_count(t); i++) {
        push(steps, step_json(ts_trace_get(t, i), &ok), &ok);
    }
    put(root, "steps", steps, &ok);
    char *text = ok ? json_dumps(root, JSON_INDENT(2)) : NULL;
    json_decref(root);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    size_t n = strlen(text);
    char *with_nl = realloc(text, n + 2);
    if (with_nl == NULL) {
        free(text);
        return TS_ERR_NOMEM;
    }
    with_nl[n] = '\n';
    with_nl[n + 1] = '\0';
    *out = with_nl;
    return TS_OK;
}
