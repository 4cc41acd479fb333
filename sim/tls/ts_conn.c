/* ts_conn: the endpoint's public face: create, feed, drain, ask. */
#include "tls/ts_conn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_templates.h"
#include "crypto/ts_secret.h"
#include "tls/internal/ts_endpoint.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/ts_handshake.h"
#include "tls/ts_handshake13.h"
#include "tls/ts_http.h"

ts_err ts_conn_new(ts_role role, const ts_conn_config *cfg, ts_rng *rng,
                   ts_event_hook hook, void *ctx, ts_conn **out)
{
    TS_ENSURE(cfg != NULL && rng != NULL, TS_ERR_ARG);
    TS_ENSURE(cfg->suite != NULL || cfg->min_version >= TS_VERSION_TLS13, TS_ERR_ARG);
    TS_ENSURE(cfg->suite == NULL || !ts_suite_is_tls13(cfg->suite), TS_ERR_ARG);
    TS_ENSURE(cfg->padding <= TS_MAX_PADDING, TS_ERR_ARG);
    TS_ENSURE(cfg->client_auth == TS_CLIENT_AUTH_NONE || cfg->ca_der != NULL, TS_ERR_ARG);
    TS_ENSURE(cfg->client_key == NULL || cfg->n_certs > 0, TS_ERR_ARG);
    TS_ENSURE(cfg->max_version < TS_VERSION_TLS13 ||
                  (cfg->suite13 != NULL && ts_suite_is_tls13(cfg->suite13)),
              TS_ERR_ARG);
    ts_conn *c = calloc(1, sizeof(*c));
    TS_ENSURE(c != NULL, TS_ERR_NOMEM);
    c->role = role;
    c->side = role == TS_ROLE_CLIENT ? TS_SIDE_CLIENT : TS_SIDE_SERVER;
    c->cfg = *cfg;
    c->rng = rng;
    c->hook = hook;
    c->hook_ctx = ctx;
    c->status = TS_CONN_HANDSHAKE;
    c->state = TS_ST_CLIENT_HELLO;
    c->alert = -1;
    /* a server that asks for a client certificate says so after its own */
    c->cert_requested = role == TS_ROLE_SERVER && cfg->client_auth != TS_CLIENT_AUTH_NONE;
    ts_buf_init(&c->in);
    ts_buf_init(&c->out);
    ts_buf_init(&c->hs_in);
    ts_buf_set_limit(&c->hs_in, 1u << 20);
    ts_buf_init(&c->app_in);
    ts_buf_set_limit(&c->app_in, 1u << 30);
    ts_buf_init(&c->body);
    ts_buf_init(&c->dh_p);
    ts_buf_init(&c->dh_g);
    ts_buf_init(&c->dh_priv);
    ts_buf_init(&c->dh_pub);
    ts_buf_init(&c->peer_dh);
    ts_buf_init(&c->cookie);
    ts_buf_init(&c->cr_context);
    ts_record_state_init_plain(&c->read);
    ts_record_state_init_plain(&c->write);
    ts_hs_hash_init(&c->hs_hash);
    *out = c;
    return TS_OK;
}

void ts_conn_free(ts_conn *c)
{
    if (c == NULL) {
        return;
    }
    ts_ep_wipe(c, false);
    ts_secret_free_buf(&c->in);
    ts_secret_free_buf(&c->out);
    ts_secret_free_buf(&c->hs_in);
    ts_secret_free_buf(&c->app_in);
    ts_buf_free(&c->body);
    ts_buf_free(&c->dh_p);
    ts_buf_free(&c->dh_g);
    ts_secret_free_buf(&c->dh_priv);
    ts_buf_free(&c->dh_pub);
    ts_buf_free(&c->peer_dh);
    ts_buf_free(&c->cookie);
    ts_buf_free(&c->cr_context);
    ts_hs_hash_free(&c->hs_hash);
    ts_rsa_free(c->peer_key);
    free(c);
}

ts_buf *ts_conn_in(ts_conn *c)
{
    return &c->in;
}

ts_buf *ts_conn_out(ts_conn *c)
{
    return &c->out;
}

ts_err ts_conn_start(ts_conn *c)
{
    if (c->role != TS_ROLE_CLIENT) {
        return TS_OK;
    }
    return ts_handshake_write_turns(c);
}

static ts_err on_alert(ts_conn *c, const ts_buf *payload)
{
    ts_buf p = *payload;
    uint8_t level, desc;
    if (ts_buf_read_u8(&p, &level) != TS_OK || ts_buf_read_u8(&p, &desc) != TS_OK ||
        ts_buf_expect_end(&p) != TS_OK) {
        return ts_ep_fail(c, TS_ERR_DECODE, N_("an alert must be exactly two bytes"));
    }
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = TS_EV_ALERT_RECEIVED;
    ev.side = c->side;
    ev.name = ts_alert_name(desc);
    ev.alert = desc;
    ev.alert_level = level;
    if (c->hook != NULL) {
        c->hook(c->hook_ctx, &ev);
    }
    if (desc == TS_ALERT_CLOSE_NOTIFY) {
        return ts_http_on_close_notify(c);
    }
    if (level == TS_ALERT_WARNING) {
        /* A warning (e.g. no_renegotiation) does not end the connection, but
         * an endless stream of them is a denial of service ("SSL Death
         * Alert", CVE-2016-8610): a few in a row, then unexpected_message. */
        if (++c->warnings > TS_MAX_WARNINGS) {
            return ts_ep_fail(c, TS_ERR_UNEXPECTED, N_("too many warning alerts in a row"));
        }
        return TS_OK;
    }
    c->status = TS_CONN_FAILED;
    c->alert = desc;
    c->alert_sent = false;
    snprintf(c->reason, sizeof(c->reason),
             c->role == TS_ROLE_CLIENT ? TS_TPL_SERVER_SENT_FATAL : TS_TPL_CLIENT_SENT_FATAL,
             ts_alert_name(desc));
    ts_ep_wipe(c, false);
    ts_event done = ev;
    done.kind = TS_EV_DONE;
    done.name = "failed";
    done.how = c->reason;
    if (c->hook != NULL) {
        c->hook(c->hook_ctx, &done);
    }
    return TS_ERR_ALERT;
}

/* Splits handshake bytes into messages and dispatches each whole one. */
static ts_err on_handshake_bytes(ts_conn *c, const ts_buf *payload)
{
    TS_ENSURE(ts_buf_remaining(payload) > 0,
              ts_ep_fail(c, TS_ERR_DECODE, N_("empty handshake record")));
    ts_err err = ts_buf_write_bytes(&c->hs_in, ts_buf_cursor(payload), ts_buf_remaining(payload));
    if (err != TS_OK) {
        return ts_ep_fail(c, err, N_("handshake message too long"));
    }
    for (;;) {
        const uint8_t *msg = ts_buf_cursor(&c->hs_in);
        uint8_t type;
        ts_buf body;
        if (ts_msg_hs_parse(&c->hs_in, &type, &body) != TS_OK) {
            break; /* not all there yet: wait for the next record */
        }
        size_t n = TS_HS_HEADER_LEN + ts_buf_remaining(&body);
        if (c->status == TS_CONN_OPEN) {
            TS_GUARD(ts_handshake13_post(c, type, msg, n, &body)); /* TLS 1.3 only */
        } else {
            TS_GUARD(ts_handshake_on_message(c, type, msg, n, &body));
        }
        if (c->status == TS_CONN_FAILED) {
            return TS_ERR_ALERT;
        }
        TS_GUARD(ts_handshake_write_turns(c));
    }
    ts_buf_compact(&c->hs_in);
    return TS_OK;
}

/* Reports the plaintext of a protected record just opened. */
static void report_opened(ts_conn *c, const ts_record *rec, const ts_buf *plain,
                          const ts_record_info *info)
{
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = TS_EV_OPENED;
    ev.side = c->side;
    ev.name = ts_record_type_name(info->content_type);
    ev.content_type = rec->type;
    ev.inner_type = c->read.tls13 ? info->content_type : 0;
    ev.padding_len = info->padding_len;
    ev.record = ts_buf_cursor(&rec->fragment) - TS_RECORD_HEADER_LEN;
    ev.record_len = rec->total_len;
    ev.value = plain->data;
    ev.value_len = plain->len;
    ev.protected_record = true;
    ev.seq = info->seq;
    ev.nonce = info->nonce;
    ev.nonce_len = info->nonce_len;
    ev.tag = info->tag;
    ev.tag_len = info->tag_len;
    if (c->hook != NULL) {
        c->hook(c->hook_ctx, &ev);
    }
}

/* A handshake message after the handshake: the peer asks to renegotiate
 * (a ClientHello to the server, a HelloRequest to the client), which this
 * engine does not do. RFC 5246 §7.2.2 names the answer: a warning
 * no_renegotiation, and the connection goes on. Anything else is
 * unexpected_message. */
static ts_err refuse_renegotiation(ts_conn *c, const ts_buf *payload)
{
    ts_buf p = *payload;
    uint8_t type;
    bool asks = ts_buf_read_u8(&p, &type) == TS_OK &&
                type == (c->role == TS_ROLE_SERVER ? TS_HS_CLIENT_HELLO : TS_HS_HELLO_REQUEST);
    if (!asks) {
        return ts_ep_fail(c, TS_ERR_UNEXPECTED, N_("a handshake message after the handshake"));
    }
    return ts_ep_send_warning(c, TS_ALERT_NO_RENEGOTIATION,
                              N_("renegotiation is not supported: the connection goes on"));
}

/* A TLS 1.3 record that stays unprotected whatever the read keys: the
 * compatibility ChangeCipherSpec (RFC 8446 §5), or an alert from a peer
 * that failed before it had keys. True when rec was one (handled). */
static bool unprotected13(ts_conn *c, const ts_record *rec, ts_err *err)
{
    if (!c->tls13 || c->status != TS_CONN_HANDSHAKE ||
        (rec->type != TS_CT_CHANGE_CIPHER_SPEC &&
         !(rec->type == TS_CT_ALERT && c->read.suite != NULL && rec->length == TS_ALERT_LEN))) {
        return false;
    }
    ts_buf p;
    ts_buf_view(&p, ts_buf_cursor(&rec->fragment), ts_buf_remaining(&rec->fragment));
    *err = rec->type == TS_CT_ALERT ? on_alert(c, &p) : ts_handshake13_on_ccs(c, &p, false);
    if (*err == TS_OK) {
        *err = ts_handshake_write_turns(c);
    }
    return true;
}

static ts_err on_record(ts_conn *c, const ts_record *rec)
{
    ts_err err;
    if (unprotected13(c, rec, &err)) {
        return err;
    }
    ts_buf plain;
    ts_buf_init(&plain);
    ts_record_info info;
    memset(&info, 0, sizeof(info));
    bool protected_record = c->read.suite != NULL;
    err = ts_record_open(&c->read, rec, &plain, &info);
    if (err == TS_OK && protected_record) {
        report_opened(c, rec, &plain, &info);
    }
    if (err != TS_OK) {
        ts_secret_free_buf(&plain);
        return ts_ep_fail(c, err,
                          err == TS_ERR_DECRYPT
                              ? N_("a record failed authentication: its tag or MAC does not verify")
                              : NULL);
    }
    uint8_t type = info.content_type; /* TLS 1.3: the type inside */
    if (type != TS_CT_ALERT) {
        c->warnings = 0;
    }
    if (c->hs_in.len != 0 && type != TS_CT_HANDSHAKE) {
        err = ts_ep_fail(c, TS_ERR_UNEXPECTED, N_("a handshake message was interrupted"));
    } else if (type == TS_CT_ALERT) {
        err = on_alert(c, &plain);
    } else if (type == TS_CT_CHANGE_CIPHER_SPEC) {
        err = c->tls13 ? ts_handshake13_on_ccs(c, &plain, protected_record)
                       : ts_handshake_on_ccs(c, &plain);
    } else if (type == TS_CT_HANDSHAKE) {
        err = c->status == TS_CONN_HANDSHAKE || c->tls13 ? on_handshake_bytes(c, &plain)
                                                         : refuse_renegotiation(c, &plain);
    } else if (c->status == TS_CONN_OPEN) {
        err = ts_http_on_data(c, &plain);
    } else {
        err = ts_ep_fail(c, TS_ERR_UNEXPECTED,
                         N_("application data before the handshake finished"));
    }
    ts_secret_free_buf(&plain);
    if (err == TS_OK) {
        err = ts_handshake_write_turns(c);
    }
    return err;
}

/* True when a server's first bytes are an SSL 2.0-format ClientHello (RFC
 * 5246 E.2: a 2-byte length with the top bit set, then msg_type 1). */
static bool sslv2_hello(const ts_conn *c)
{
    const uint8_t *b = ts_buf_cursor(&c->in);
    return c->role == TS_ROLE_SERVER && c->state == TS_ST_CLIENT_HELLO && c->hs_in.len == 0 &&
           ts_buf_remaining(&c->in) >= 3 && (b[0] & 0x80) != 0 && b[2] == TS_HS_CLIENT_HELLO;
}

ts_err ts_conn_process(ts_conn *c)
{
    ts_err err = TS_OK;
    c->wrote = false;
    while (err == TS_OK && (c->status == TS_CONN_HANDSHAKE || c->status == TS_CONN_OPEN)) {
        ts_record rec;
        if (sslv2_hello(c)) {
            err = ts_ep_fail(c, TS_ERR_VERSION,
                             N_("an SSL 2.0-format ClientHello: SSL 2.0 is prohibited (RFC 6176)"));
            break;
        }
        err = ts_record_next(&c->in, &rec);
        if (err == TS_ERR_SHORT) {
            err = TS_OK;
            break;
        }
        if (err != TS_OK) {
            err = ts_ep_fail(c, err,
                             err == TS_ERR_RECORD_OVERFLOW ? N_("record length exceeds 2^14 + 2048")
                             : err == TS_ERR_RECORD_TYPE
                                 ? N_("a record of an unknown content type (RFC 5246 6)")
                                 : N_("malformed record header"));
            break;
        }
        /* Once the hellos have agreed on TLS 1.2, every record must say so
         * (as OpenSSL does); before that any {03,XX} is accepted (RFC 5246
         * E.1). The plaintext header is not authenticated otherwise. TLS
         * 1.3 ignores legacy_record_version "for all purposes" (RFC 8446
         * 5.1); a protected record's header is the AEAD's additional data. */
        if (c->suite != NULL && !c->tls13 && rec.version != TS_VERSION_TLS12) {
            err = ts_ep_fail(c, TS_ERR_VERSION,
                             N_("a record's version is not 03 03 after TLS 1.2 was agreed"));
            break;
        }
        err = on_record(c, &rec);
    }
    ts_buf_compact(&c->in);
    if (err == TS_OK && c->status == TS_CONN_FAILED) {
        err = TS_ERR_ALERT;
    }
    return err;
}

bool ts_conn_has_turn(const ts_conn *c)
{
    return ts_handshake_has_turn(c);
}

ts_err ts_conn_write_next(ts_conn *c)
{
    c->wrote = false;
    return ts_conn_has_turn(c) ? ts_handshake_write_turns(c) : TS_OK;
}

void ts_conn_eof(ts_conn *c)
{
    c->eof = true;
    if (c->status == TS_CONN_HANDSHAKE || c->status == TS_CONN_OPEN) {
        ts_http_on_eof(c);
    }
}

ts_conn_status ts_conn_status_of(const ts_conn *c)
{
    return c->status;
}

const char *ts_conn_reason(const ts_conn *c)
{
    return c->reason;
}

int ts_conn_alert(const ts_conn *c, bool *sent)
{
    if (sent != NULL) {
        *sent = c->alert_sent;
    }
    return c->alert;
}

unsigned ts_conn_peer_bits(const ts_conn *c)
{
    return c->peer_key != NULL ? ts_rsa_bits(c->peer_key) : 0;
}

const ts_suite *ts_conn_suite(const ts_conn *c)
{
    return c->suite;
}

const ts_buf *ts_conn_response(const ts_conn *c)
{
    return &c->body;
}

int ts_conn_http_status(const ts_conn *c)
{
    return c->http_status;
}

const ts_buf *ts_conn_http_payload(const ts_conn *c, ts_buf *view)
{
    if (c->role == TS_ROLE_CLIENT) {
        return &c->body;
    }
    ts_buf_view(view, c->cfg.payload, c->response_sent ? c->cfg.payload_len : 0);
    return view;
}

size_t ts_conn_secret_areas(const ts_conn *c, const uint8_t **ptrs, size_t *lens, size_t max)
{
    const struct {
        const void *p;
        size_t n;
    } areas[] = {
        {c->premaster, sizeof(c->premaster)},
        {c->master, sizeof(c->master)},
        {&c->keys, sizeof(c->keys)},
        {c->x25519_priv, sizeof(c->x25519_priv)},
        {c->read.key, sizeof(c->read.key)},
        {c->write.key, sizeof(c->write.key)},
        {c->read.mac_key, sizeof(c->read.mac_key)},
        {c->write.mac_key, sizeof(c->write.mac_key)},
        {c->dh_priv.data, c->dh_priv.data != NULL ? c->dh_priv.cap : 0}, /* DHE exponent */
        {c->early, sizeof(c->early)},
        {c->hs_secret, sizeof(c->hs_secret)},
        {c->c_hs, sizeof(c->c_hs)},
        {c->s_hs, sizeof(c->s_hs)},
        {c->c_ap, sizeof(c->c_ap)},
        {c->s_ap, sizeof(c->s_ap)},
        {c->exporter, sizeof(c->exporter)},
        {c->resumption, sizeof(c->resumption)},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof(areas) / sizeof(areas[0]) && n < max; i++, n++) {
        ptrs[n] = areas[i].p;
        lens[n] = areas[i].n;
    }
    return n;
}
