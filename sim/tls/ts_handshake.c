/* ts_handshake: the handshake table and its dispatcher. */
#include "tls/ts_handshake.h"

#include <stdio.h>

#include "base/ts_templates.h"
#include "tls/internal/ts_mtls.h"
#include "tls/msg/ts_msg_change_cipher_spec.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/ts_client.h"
#include "tls/ts_handshake13.h"
#include "tls/ts_http.h"
#include "tls/ts_record.h"
#include "tls/ts_server.h"

static bool has_server_key_exchange(const ts_conn *c)
{
    return c->suite != NULL && c->suite->kx != TS_KX_RSA;
}

static bool cert_requested(const ts_conn *c)
{
    return c->cert_requested;
}

static ts_err write_ccs(ts_conn *c)
{
    return ts_ep_send_ccs(c);
}

static ts_err write_finished(ts_conn *c)
{
    return ts_ep_send_finished(c);
}

static ts_err read_finished(ts_conn *c, ts_buf *body)
{
    TS_GUARD(ts_ep_check_finished(c, body));
    if (c->role == TS_ROLE_CLIENT) {
        c->status = TS_CONN_OPEN;
        ts_ep_check(c, "handshake_complete", TS_OK,
                    N_("both Finished messages verified: the handshake is complete"));
    }
    return TS_OK;
}

static ts_err read_ccs(ts_conn *c, ts_buf *body)
{
    (void)body;
    return ts_ep_activate_read(c);
}

static const ts_hs_entry table[TS_ST_STATE_COUNT] = {
    [TS_ST_CLIENT_HELLO] = {"client_hello", TS_ROLE_CLIENT,
                            TS_CT_HANDSHAKE, TS_HS_CLIENT_HELLO, NULL, false,
                            ts_client_write_hello, ts_server_read_hello},
    [TS_ST_SERVER_HELLO] = {"server_hello", TS_ROLE_SERVER,
                            TS_CT_HANDSHAKE, TS_HS_SERVER_HELLO, NULL, false,
                            ts_server_write_hello, ts_client_read_hello},
    [TS_ST_SERVER_CERTIFICATE] = {"certificate", TS_ROLE_SERVER,
                                  TS_CT_HANDSHAKE, TS_HS_CERTIFICATE, NULL, false,
                                  ts_server_write_certificate, ts_client_read_certificate},
    [TS_ST_SERVER_KEY_EXCHANGE] = {"server_key_exchange", TS_ROLE_SERVER,
                                   TS_CT_HANDSHAKE, TS_HS_SERVER_KEY_EXCHANGE,
                                   has_server_key_exchange, false,
                                   ts_server_write_key_exchange, ts_client_read_key_exchange},
    /* A server with client_auth asks (mutual TLS, ts_mtls); a real server
     * may too (gnutls-serv does by default), and the client answers. */
    [TS_ST_CERTIFICATE_REQUEST] = {"certificate_request", TS_ROLE_SERVER,
                                   TS_CT_HANDSHAKE, TS_HS_CERTIFICATE_REQUEST,
                                   cert_requested, true,
                                   ts_mtls_write_request, ts_mtls_read_request},
    [TS_ST_SERVER_HELLO_DONE] = {"server_hello_done", TS_ROLE_SERVER,
                                 TS_CT_HANDSHAKE, TS_HS_SERVER_HELLO_DONE, NULL, false,
                                 ts_server_write_hello_done, ts_client_read_hello_done},
    [TS_ST_CLIENT_CERTIFICATE] = {"client_certificate", TS_ROLE_CLIENT,
                                  TS_CT_HANDSHAKE, TS_HS_CERTIFICATE, cert_requested, false,
                                  ts_mtls_write_certificate, ts_mtls_read_certificate},
    [TS_ST_CLIENT_KEY_EXCHANGE] = {"client_key_exchange", TS_ROLE_CLIENT,
                                   TS_CT_HANDSHAKE, TS_HS_CLIENT_KEY_EXCHANGE, NULL, false,
                                   ts_client_write_key_exchange, ts_server_read_key_exchange},
    [TS_ST_CLIENT_CERTIFICATE_VERIFY] = {"client_certificate_verify", TS_ROLE_CLIENT,
                                         TS_CT_HANDSHAKE, TS_HS_CERTIFICATE_VERIFY,
                                         ts_mtls_client_cert, false,
                                         ts_mtls_write_verify, ts_mtls_read_verify},
    [TS_ST_CLIENT_CHANGE_CIPHER_SPEC] = {"client_change_cipher_spec", TS_ROLE_CLIENT,
                                         TS_CT_CHANGE_CIPHER_SPEC, 0, NULL, false,
                                         write_ccs, read_ccs},
    [TS_ST_CLIENT_FINISHED] = {"client_finished", TS_ROLE_CLIENT,
                               TS_CT_HANDSHAKE, TS_HS_FINISHED, NULL, false,
                               write_finished, read_finished},
    [TS_ST_SERVER_CHANGE_CIPHER_SPEC] = {"server_change_cipher_spec", TS_ROLE_SERVER,
                                         TS_CT_CHANGE_CIPHER_SPEC, 0, NULL, false,
                                         write_ccs, read_ccs},
    [TS_ST_SERVER_FINISHED] = {"server_finished", TS_ROLE_SERVER,
                               TS_CT_HANDSHAKE, TS_HS_FINISHED, NULL, false,
                               write_finished, read_finished},
    [TS_ST_APPLICATION_DATA] = {"application_data", TS_ROLE_CLIENT,
                                TS_CT_APPLICATION_DATA, 0, NULL, false,
                                NULL, NULL},
};

const ts_hs_entry *ts_handshake_entry(ts_hs_state state)
{
    return state < TS_ST_STATE_COUNT ? &table[state] : NULL;
}

/* The state where the handshake is over, in c's table. */
static unsigned done_state(const ts_conn *c)
{
    return c->tls13 ? TS13_ST_APPLICATION_DATA : TS_ST_APPLICATION_DATA;
}

/* The entry of state s in c's table, NULL from the done state on. */
static const ts_hs_entry *entry(const ts_conn *c, unsigned s)
{
    if (s >= done_state(c)) {
        return NULL;
    }
    return c->tls13 ? ts_handshake13_entry(s) : &table[s];
}

/* True when state s is skipped: it does not apply to this run. A state
 * the reader cannot predict (optional) is only skipped by its writer, which
 * knows; the reader skips it when another message arrives instead. In TLS
 * 1.3 the reader skips the compatibility ChangeCipherSpec states: such a
 * record is dropped wherever it comes (ts_handshake13_on_ccs). */
static bool skipped(const ts_conn *c, unsigned s)
{
    const ts_hs_entry *e = entry(c, s);
    if (c->tls13 && e->content_type == TS_CT_CHANGE_CIPHER_SPEC && e->writer != c->role) {
        return true;
    }
    if (e->applies == NULL || (e->optional && e->writer != c->role)) {
        return false;
    }
    return !e->applies(c);
}

/* Moves past the current state and any that do not apply to this run;
 * reaching the end opens the connection. */
static void advance(ts_conn *c)
{
    c->state++;
    while (c->state < done_state(c) && skipped(c, c->state)) {
        c->state++;
    }
    if (c->state == done_state(c) && c->status == TS_CONN_HANDSHAKE) {
        c->status = TS_CONN_OPEN;
    }
}

bool ts_handshake_has_turn(const ts_conn *c)
{
    const ts_hs_entry *e = entry(c, c->state);
    return c->status == TS_CONN_HANDSHAKE && e != NULL && e->writer == c->role;
}

ts_err ts_handshake_write_turns(ts_conn *c)
{
    while (ts_handshake_has_turn(c)) {
        if (c->cfg.stepwise && c->wrote) {
            return TS_OK; /* one message per call; the rest on ts_conn_write_next */
        }
        c->wrote = true;
        ts_err err = entry(c, c->state)->write(c);
        if (err != TS_OK) {
            return c->status == TS_CONN_FAILED ? err : ts_ep_fail(c, err, NULL);
        }
        advance(c);
    }
    if (c->status == TS_CONN_OPEN) {
        return ts_http_write_turn(c);
    }
    return TS_OK;
}

static ts_err unexpected(ts_conn *c, const char *got)
{
    char why[160];
    /* the message's protocol name ("Certificate"), as the reader knows it */
    const ts_hs_entry *e = entry(c, c->state);
    const char *want = N_("application data");
    if (e != NULL) {
        want = e->content_type == TS_CT_CHANGE_CIPHER_SPEC ? "ChangeCipherSpec"
                                                           : ts_msg_hs_name(e->hs_type);
    }
    snprintf(why, sizeof(why), TS_TPL_RECEIVED_WHILE_EXPECTING, got, want);
    return ts_ep_fail(c, TS_ERR_UNEXPECTED, why);
}

ts_err ts_handshake_on_message(ts_conn *c, uint8_t type, const uint8_t *msg, size_t n,
                               ts_buf *body)
{
    const ts_hs_entry *e = entry(c, c->state);
    if (e != NULL && e->optional && e->writer != c->role && e->hs_type != type) {
        advance(c); /* the optional message did not come */
        e = entry(c, c->state);
    }
    if (e == NULL || e->writer == c->role || e->content_type != TS_CT_HANDSHAKE ||
        e->hs_type != type) {
        char got[48];
        snprintf(got, sizeof(got), TS_TPL_HANDSHAKE_TYPE, type);
        return unexpected(c, got);
    }
    ts_ep_simple(c, TS_EV_PARSED, e->name, NULL, msg, n);
    /* Finished and CertificateVerify check the transcript up to, but not
     * including, themselves (RFC 5246 7.4.8, 7.4.9; RFC 8446 4.4.3, 4.4.4) */
    bool finished = type == TS_HS_FINISHED || type == TS_HS_CERTIFICATE_VERIFY;
    if (!finished) {
        TS_GUARD(ts_hs_hash_add(&c->hs_hash, msg, n));
    }
    ts_err err = e->read(c, body);
    if (err != TS_OK) {
        return c->status == TS_CONN_FAILED ? err : ts_ep_fail(c, err, NULL);
    }
    if (finished) {
        TS_GUARD(ts_hs_hash_add(&c->hs_hash, msg, n));
    }
    /* the read may have moved c to TLS 1.3's table: ask it again */
    const ts_hs_entry *now = entry(c, c->state);
    if (now != NULL && now->after != NULL) {
        err = now->after(c);
        if (err != TS_OK) {
            return c->status == TS_CONN_FAILED ? err : ts_ep_fail(c, err, NULL);
        }
    }
    advance(c);
    return TS_OK;
}

ts_err ts_handshake_on_ccs(ts_conn *c, const ts_buf *payload)
{
    const ts_hs_entry *e = entry(c, c->state);
    if (e == NULL || e->writer == c->role || e->content_type != TS_CT_CHANGE_CIPHER_SPEC ||
        c->hs_in.len != 0) {
        return unexpected(c, "ChangeCipherSpec");
    }
    if (ts_buf_remaining(payload) != 1 || ts_buf_cursor(payload)[0] != TS_CCS_VALUE) {
        return ts_ep_fail(c, TS_ERR_DECODE, N_("ChangeCipherSpec must be the single byte 01"));
    }
    ts_ep_simple(c, TS_EV_PARSED, e->name, NULL, ts_buf_cursor(payload), 1);
    ts_err err = e->read(c, NULL);
    if (err != TS_OK) {
        return ts_ep_fail(c, err, N_("ChangeCipherSpec arrived before the keys were derived"));
    }
    advance(c);
    return TS_OK;
}
