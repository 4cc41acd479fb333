/* ts_json: the JSON of a run, built with jansson (no hand-written escaping). */
#include "export/ts_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "crypto/ts_x509.h"
#include "export/ts_transcript.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_handshake.h"

json_t *ts_json_str(const char *text)
{
    json_t *j = json_string(text != NULL ? text : "");
    if (j != NULL || text == NULL) {
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

json_t *ts_json_hex(const uint8_t *p, size_t n)
{
    char *h = ts_hex_strdup(p, n);
    if (h == NULL) {
        return NULL;
    }
    json_t *j = json_string(h);
    free(h);
    return j;
}

void ts_json_put(json_t *o, const char *key, json_t *v, bool *ok)
{
    if (v == NULL || o == NULL || json_object_set_new(o, key, v) != 0) {
        *ok = false;
        if (o == NULL) {
            json_decref(v);
        }
    }
}

void ts_json_push(json_t *a, json_t *v, bool *ok)
{
    if (v == NULL || a == NULL || json_array_append_new(a, v) != 0) {
        *ok = false;
        if (a == NULL) {
            json_decref(v);
        }
    }
}

json_t *ts_json_fields(const ts_fields *f, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < f->n; i++) {
        const ts_field *it = &f->items[i];
        json_t *o = json_object();
        ts_json_put(o, "name", ts_json_str(it->name), ok);
        ts_json_put(o, "value", ts_json_str(it->value), ok);
        ts_json_put(o, "offset", json_integer((json_int_t)it->offset), ok);
        ts_json_put(o, "length", json_integer((json_int_t)it->len), ok);
        ts_json_put(o, "depth", json_integer(it->depth), ok);
        ts_json_push(a, o, ok);
    }
    return a;
}

json_t *ts_json_message(const ts_chan_record *r, ts_side view, bool *ok)
{
    json_t *o = json_object();
    bool c2s = r->dir == TS_DIR_C2S;
    ts_json_put(o, "number", json_integer((json_int_t)r->number), ok);
    ts_json_put(o, "from", ts_json_str(c2s ? "client" : "server"), ok);
    ts_json_put(o, "to", ts_json_str(c2s ? "server" : "client"), ok);
    ts_json_put(o, "type", ts_json_str(r->type_name), ok);
    ts_json_put(o, "content_type", json_integer(r->content_type), ok);
    if (view == TS_SIDE_CHANNEL) {
        ts_json_put(o, "status", ts_json_str(ts_rec_status_name(r->status)), ok);
    } else {
        ts_json_put(o, "direction", ts_json_str(ts_transcript_direction(r, view)), ok);
    }
    if (r->origin != TS_REC_ORIGINAL) {
        const char *origin = r->origin == TS_REC_REPLAYED ? "replayed" : "injected";
        ts_json_put(o, "origin", ts_json_str(origin), ok);
    }
    if (r->copy_of > 0) {
        ts_json_put(o, "copy_of", json_integer((json_int_t)r->copy_of), ok);
    }
    ts_json_put(o, "length", json_integer((json_int_t)r->sent.len), ok);
    ts_json_put(o, "hex", ts_json_hex(r->sent.data, r->sent.len), ok);
    if (r->tampered) {
        ts_json_put(o, "delivered_hex", ts_json_hex(r->delivered.data, r->delivered.len), ok);
    }
    if (r->status == TS_REC_DROPPED) {
        ts_json_put(o, "dropped", json_true(), ok);
    }
    ts_json_put(o, "fields", ts_json_fields(&r->fields, ok), ok);
    if (r->has_plain && r->protected_record) {
        if (r->inner_type != 0) {
            ts_json_put(o, "inner_type", json_integer(r->inner_type), ok);
            ts_json_put(o, "padding_length", json_integer((json_int_t)r->padding_len), ok);
        }
        ts_json_put(o, "plaintext_hex", ts_json_hex(r->plaintext.data, r->plaintext.len), ok);
        ts_json_put(o, "plaintext_fields", ts_json_fields(&r->plain_fields, ok), ok);
        ts_json_put(o, "seq", json_integer((json_int_t)r->seq), ok);
        ts_json_put(o, "nonce_hex", ts_json_hex(r->nonce, r->nonce_len), ok);
        ts_json_put(o, "tag_hex", ts_json_hex(r->tag, r->tag_len), ok);
    }
    return o;
}

json_t *ts_json_messages(const ts_chan *ch, ts_side view, bool *ok)
{
    json_t *a = json_array();
    for (size_t n = 1; a != NULL && n <= ts_chan_count(ch); n++) {
        ts_json_push(a, ts_json_message(ts_chan_get(ch, n), view, ok), ok);
    }
    return a;
}

/* Every non-empty value side derived that secrets lacks: the last one of
 * each name (a value derived again replaces the first: after a
 * HelloRetryRequest, the key share the handshake used). */
static void add_values(json_t *secrets, const ts_trace *t, ts_side side, bool *ok)
{
    json_t *mine = json_object();
    if (mine == NULL) {
        *ok = false;
        return;
    }
    for (size_t i = 0; i < ts_trace_count(t); i++) {
        const ts_event *ev = &ts_trace_get(t, i)->ev;
        if (ev->kind == TS_EV_VALUE && ev->side == side && ev->name != NULL &&
            ev->value_len > 0 && json_object_get(secrets, ev->name) == NULL) {
            ts_json_put(mine, ev->name, ts_json_hex(ev->value, ev->value_len), ok);
        }
    }
    if (json_object_update_missing(secrets, mine) != 0) {
        *ok = false;
    }
    json_decref(mine);
}

json_t *ts_json_secrets(const ts_trace *t, bool *ok)
{
    json_t *secrets = json_object();
    if (secrets != NULL) {
        add_values(secrets, t, TS_SIDE_CLIENT, ok);
        add_values(secrets, t, TS_SIDE_SERVER, ok);
    }
    return secrets;
}

void ts_json_put_verify_data(json_t *root, const json_t *secrets, bool keep_missing, bool *ok)
{
    static const char *const vd[] = {"client_verify_data", "server_verify_data"};
    for (size_t i = 0; secrets != NULL && i < 2; i++) {
        json_t *v = json_object_get(secrets, vd[i]);
        if (v != NULL) {
            ts_json_put(root, vd[i], json_incref(v), ok);
        } else if (keep_missing) {
            ts_json_put(root, vd[i], json_null(), ok);
        }
    }
}

/* One alert: {from, level, description, name}; from is who sent it. */
static json_t *alert_json(const ts_event *ev, ts_side from, bool *ok)
{
    json_t *o = json_object();
    ts_json_put(o, "from", ts_json_str(ts_side_name(from)), ok);
    ts_json_put(o, "level", json_integer(ev->alert_level), ok);
    ts_json_put(o, "description", json_integer(ev->alert), ok);
    ts_json_put(o, "name", ts_json_str(ts_alert_name(ev->alert)), ok);
    return o;
}

json_t *ts_json_alerts(const ts_trace *t, ts_side view, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < ts_trace_count(t); i++) {
        const ts_event *ev = &ts_trace_get(t, i)->ev;
        /* The channel sees both parties' alerts as sent; an endpoint also
         * lists those it received from its real peer. */
        if (ev->kind == TS_EV_ALERT_SENT) {
            ts_json_push(a, alert_json(ev, ev->side, ok), ok);
        } else if (ev->kind == TS_EV_ALERT_RECEIVED && view != TS_SIDE_CHANNEL) {
            ts_json_push(a, alert_json(ev, ev->side == TS_SIDE_CLIENT ? TS_SIDE_SERVER
                                                                       : TS_SIDE_CLIENT, ok),
                         ok);
        }
    }
    return a;
}

json_t *ts_json_step(const ts_step *st, bool *ok)
{
    const ts_event *ev = &st->ev;
    json_t *o = json_object();
    ts_json_put(o, "index", json_integer((json_int_t)st->index), ok);
    ts_json_put(o, "side", ts_json_str(ts_side_name(ev->side)), ok);
    ts_json_put(o, "kind", ts_json_str(ts_ev_kind_name(ev->kind)), ok);
    ts_json_put(o, "name", ts_json_str(ev->name), ok);
    if (st->record > 0) {
        ts_json_put(o, "record", json_integer((json_int_t)st->record), ok);
    }
    if (ev->how != NULL) {
        ts_json_put(o, "how", ts_json_str(ev->how), ok);
    }
    if (ev->formula != NULL) {
        ts_json_put(o, "formula", ts_json_str(ev->formula), ok);
    }
    if (ev->kind == TS_EV_CHECK) {
        ts_json_put(o, "ok", json_boolean(ev->ok), ok);
    }
    if (ev->kind == TS_EV_ALERT_SENT || ev->kind == TS_EV_ALERT_RECEIVED) {
        ts_json_put(o, "alert", json_integer(ev->alert), ok);
        ts_json_put(o, "level", json_integer(ev->alert_level), ok);
    }
    if (ev->value != NULL && ev->value_len > 0) {
        ts_json_put(o, "value", ts_json_hex(ev->value, ev->value_len), ok);
    }
    return o;
}

json_t *ts_json_steps(const ts_trace *t, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < ts_trace_count(t); i++) {
        ts_json_push(a, ts_json_step(ts_trace_get(t, i), ok), ok);
    }
    return a;
}

json_t *ts_json_pem(const uint8_t *der, size_t n, bool *ok)
{
    ts_buf pem;
    ts_buf_init(&pem);
    json_t *j = NULL;
    if (ts_x509_to_pem(der, n, &pem) == TS_OK && ts_buf_write_u8(&pem, 0) == TS_OK) {
        j = ts_json_str((const char *)pem.data);
    }
    ts_buf_free(&pem);
    if (j == NULL) {
        *ok = false;
    }
    return j;
}

json_t *ts_json_certificates(const uint8_t *const der[], const size_t len[], size_t n, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < n; i++) {
        if (der[i] != NULL) {
            ts_json_push(a, ts_json_pem(der[i], len[i], ok), ok);
        }
    }
    return a;
}

ts_err ts_json_finish(json_t *root, bool ok, char **out)
{
    char *text = ok && root != NULL ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER)
                                    : NULL;
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

void ts_json_put_version(json_t *root, const ts_suite *agreed, bool *ok)
{
    if (agreed == NULL) {
        ts_json_put(root, "version", json_null(), ok);
        ts_json_put(root, "version_code", json_null(), ok);
        return;
    }
    char code[8];
    snprintf(code, sizeof(code), "0x%04x", agreed->version);
    ts_json_put(root, "version", ts_json_str(ts_version_name(agreed->version)), ok);
    ts_json_put(root, "version_code", ts_json_str(code), ok);
}

static void put_top(json_t *root, const ts_session *s, bool *ok)
{
    const ts_session_config *c = ts_session_config_of(s);
    const ts_trace *t = ts_session_trace(s);
    ts_json_put(root, "seed", ts_json_str(c->seed), ok);
    ts_json_put(root, "suite", ts_json_str(c->suite->iana_name), ok);
    ts_json_put_version(root, ts_transcript_agreed(s), ok);
    ts_json_put(root, "bits", json_integer(c->bits), ok);
    ts_json_put(root, "ems", json_boolean(c->ems), ok);
    ts_json_put(root, "host", ts_json_str(c->host), ok);
    ts_json_put(root, "now", json_integer((json_int_t)c->now), ok);
    ts_json_put(root, "messages", ts_json_messages(ts_session_chan(s), TS_SIDE_CHANNEL, ok), ok);
    json_t *secrets = ts_json_secrets(t, ok);
    ts_json_put(root, "secrets", secrets, ok);
    const ts_buf *server = ts_session_server_der(s), *ca = ts_session_ca_der(s);
    const uint8_t *const der[] = {server->data, ca->data};
    const size_t len[] = {server->len, ca->len};
    ts_json_put(root, "certificates", ts_json_certificates(der, len, 2, ok), ok);
    if (c->client_auth != TS_CLIENT_AUTH_NONE) { /* mutual TLS */
        const ts_buf *client = ts_session_client_der(s);
        ts_json_put(root, "client_auth", ts_json_str(ts_client_auth_name(c->client_auth)), ok);
        ts_json_put(root, "client_cert", ts_json_str(ts_client_cert_name(c->client_cert)), ok);
        ts_json_put(root, "client_certificate",
                    client->len > 0 ? ts_json_pem(client->data, client->len, ok) : json_null(),
                    ok);
    }
    ts_json_put_verify_data(root, secrets, true, ok);
    ts_json_put(root, "alerts", ts_json_alerts(t, TS_SIDE_CHANNEL, ok), ok);
}

ts_err ts_json_session(const ts_session *s, char **out)
{
    TS_ENSURE(s != NULL && out != NULL && ts_session_trace(s) != NULL, TS_ERR_ARG);
    bool ok = true;
    json_t *root = json_object();
    TS_ENSURE(root != NULL, TS_ERR_NOMEM);
    put_top(root, s, &ok);
    const ts_result *r = ts_session_result(s);
    const char *result = r->kind == TS_RESULT_ALERT ? r->alert_name
                         : r->kind == TS_RESULT_OK  ? "ok"
                                                    : ts_result_kind_name(r->kind);
    ts_json_put(root, "result", ts_json_str(result), &ok);
    if (r->kind == TS_RESULT_ALERT) {
        ts_json_put(root, "alert_from", ts_json_str(ts_side_name(r->alert_from)), &ok);
    }
    ts_json_put(root, "reason", ts_json_str(r->reason), &ok);
    ts_json_put(root, "payload_sha256", ts_json_hex(r->payload_sha256, sizeof(r->payload_sha256)),
                &ok);
    ts_json_put(root, "payload_bytes", json_integer((json_int_t)r->payload_bytes), &ok);
    ts_json_put(root, "payload_intact", json_boolean(r->payload_intact), &ok);
    ts_json_put(root, "steps", ts_json_steps(ts_session_trace(s), &ok), &ok);
    return ts_json_finish(root, ok, out);
}
