/* ts_handshake13: the TLS 1.3 handshake table, the compatibility
 * ChangeCipherSpec rule and the messages after the handshake. */
#include "tls/ts_handshake13.h"

#include <stdio.h>

#include "base/ts_templates.h"
#include "tls/internal/ts_mtls.h"
#include "tls/internal/ts_schedule13.h"
#include "tls/msg/ts_msg_change_cipher_spec.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/ts_client.h"
#include "tls/ts_client13.h"
#include "tls/ts_server.h"
#include "tls/ts_server13.h"

static bool after_hrr(const ts_conn *c)
{
    return c->hrr;
}

static bool compat_after_hrr(const ts_conn *c)
{
    return c->hrr && c->compat;
}

static bool compat_no_hrr(const ts_conn *c)
{
    return !c->hrr && c->compat;
}

static bool cert_requested(const ts_conn *c)
{
    return c->cert_requested;
}

static ts_err write_ccs(ts_conn *c)
{
    return ts13_send_ccs(c);
}

/* RFC 8446 §2: the full handshake, with HelloRetryRequest (§2.1):
 *
 *   ClientHello  ->
 *             <-  [HelloRetryRequest, CCS   ->  CCS, ClientHello]
 *             <-  ServerHello, CCS, {EncryptedExtensions}, {CertificateRequest},
 *                 {Certificate}, {CertificateVerify}, {Finished}
 *   CCS, {Certificate}, {CertificateVerify}, {Finished}  ->
 *
 * ({} encrypted with the handshake traffic keys; the CCS records are the
 * middlebox compatibility mode of D.4.) */
static const ts_hs_entry table[TS13_ST_STATE_COUNT] = {
    [TS13_ST_CLIENT_HELLO] = {"client_hello", TS_ROLE_CLIENT, TS_CT_HANDSHAKE,
                              TS_HS_CLIENT_HELLO, NULL, false, ts_client_write_hello,
                              ts_server_read_hello, NULL},
    [TS13_ST_HELLO_RETRY_REQUEST] = {"hello_retry_request", TS_ROLE_SERVER, TS_CT_HANDSHAKE,
                                     TS_HS_SERVER_HELLO, after_hrr, true, ts_server13_write_hrr,
                                     ts_client13_read_server_hello, NULL},
    [TS13_ST_SERVER_CCS_AFTER_HRR] = {"server_change_cipher_spec", TS_ROLE_SERVER,
                                      TS_CT_CHANGE_CIPHER_SPEC, 0, compat_after_hrr, false,
                                      write_ccs, NULL, NULL},
    [TS13_ST_CLIENT_CCS_BEFORE_CH2] = {"client_change_cipher_spec", TS_ROLE_CLIENT,
                                       TS_CT_CHANGE_CIPHER_SPEC, 0, compat_after_hrr, false,
                                       write_ccs, NULL, NULL},
    [TS13_ST_CLIENT_HELLO_2] = {"client_hello_2", TS_ROLE_CLIENT, TS_CT_HANDSHAKE,
                                TS_HS_CLIENT_HELLO, after_hrr, false, ts_client13_write_hello2,
                                ts_server13_read_hello2, NULL},
    [TS13_ST_SERVER_HELLO] = {"server_hello", TS_ROLE_SERVER, TS_CT_HANDSHAKE,
                              TS_HS_SERVER_HELLO, NULL, false, ts_server13_write_hello,
                              ts_client13_read_server_hello, NULL},
    [TS13_ST_SERVER_CCS] = {"server_change_cipher_spec", TS_ROLE_SERVER,
                            TS_CT_CHANGE_CIPHER_SPEC, 0, compat_no_hrr, false, write_ccs, NULL,
                            NULL},
    [TS13_ST_ENCRYPTED_EXTENSIONS] = {"encrypted_extensions", TS_ROLE_SERVER, TS_CT_HANDSHAKE,
                                      TS_HS_ENCRYPTED_EXTENSIONS, NULL, false,
                                      ts_server13_write_encrypted_extensions,
                                      ts_client13_read_encrypted_extensions, NULL},
    /* A server with client_auth asks (mutual TLS, ts_mtls); a real server
     * may too, and the client answers. */
    [TS13_ST_CERTIFICATE_REQUEST] = {"certificate_request", TS_ROLE_SERVER, TS_CT_HANDSHAKE,
                                     TS_HS_CERTIFICATE_REQUEST, cert_requested, true,
                                     ts_mtls_write_request13, ts_mtls_read_request13, NULL},
    [TS13_ST_SERVER_CERTIFICATE] = {"certificate", TS_ROLE_SERVER, TS_CT_HANDSHAKE,
                                    TS_HS_CERTIFICATE, NULL, false,
                                    ts_server13_write_certificate,
                                    ts_client13_read_certificate, NULL},
    [TS13_ST_SERVER_CERTIFICATE_VERIFY] = {"certificate_verify", TS_ROLE_SERVER,
                                           TS_CT_HANDSHAKE, TS_HS_CERTIFICATE_VERIFY, NULL,
                                           false, ts_server13_write_certificate_verify,
                                           ts_client13_read_certificate_verify, NULL},
    [TS13_ST_SERVER_FINISHED] = {"server_finished", TS_ROLE_SERVER, TS_CT_HANDSHAKE,
                                 TS_HS_FINISHED, NULL, false, ts_server13_write_finished,
                                 ts_client13_read_finished, ts_client13_after_server_finished},
    [TS13_ST_CLIENT_CCS] = {"client_change_cipher_spec", TS_ROLE_CLIENT,
                            TS_CT_CHANGE_CIPHER_SPEC, 0, compat_no_hrr, false, write_ccs, NULL,
                            NULL},
    [TS13_ST_CLIENT_CERTIFICATE] = {"client_certificate", TS_ROLE_CLIENT, TS_CT_HANDSHAKE,
                                    TS_HS_CERTIFICATE, cert_requested, false,
                                    ts_mtls_write_certificate13,
                                    ts_mtls_read_certificate13, NULL},
    [TS13_ST_CLIENT_CERTIFICATE_VERIFY] = {"client_certificate_verify", TS_ROLE_CLIENT,
                                           TS_CT_HANDSHAKE, TS_HS_CERTIFICATE_VERIFY,
                                           ts_mtls_client_cert, false, ts_mtls_write_verify13,
                                           ts_mtls_read_verify13, NULL},
    [TS13_ST_CLIENT_FINISHED] = {"client_finished", TS_ROLE_CLIENT, TS_CT_HANDSHAKE,
                                 TS_HS_FINISHED, NULL, false, ts_client13_write_finished,
                                 ts_server13_read_finished, ts_server13_after_client_finished},
};

const ts_hs_entry *ts_handshake13_entry(unsigned state)
{
    return state < TS13_ST_APPLICATION_DATA ? &table[state] : NULL;
}

ts_err ts_handshake13_on_ccs(ts_conn *c, const ts_buf *payload, bool protected_record)
{
    if (protected_record) {
        return ts_ep_fail(c, TS_ERR_UNEXPECTED,
                          N_("a ChangeCipherSpec inside a protected record (RFC 8446 5)"));
    }
    if (c->status != TS_CONN_HANDSHAKE || c->hs_in.len != 0 || c->peer_ccs) {
        return ts_ep_fail(c, TS_ERR_UNEXPECTED,
                          N_("a ChangeCipherSpec outside the handshake, or a second one "
                             "(RFC 8446 5)"));
    }
    if (ts_buf_remaining(payload) != 1 || ts_buf_cursor(payload)[0] != TS_CCS_VALUE) {
        return ts_ep_fail(c, TS_ERR_UNEXPECTED,
                          N_("ChangeCipherSpec must be the single byte 01 (RFC 8446 5)"));
    }
    c->peer_ccs = true;
    ts_ep_simple(c, TS_EV_PARSED,
                 c->role == TS_ROLE_CLIENT ? "server_change_cipher_spec"
                                           : "client_change_cipher_spec",
                 N_("dropped: in TLS 1.3 it changes nothing; it is there for middleboxes "
                    "(RFC 8446 D.4)"),
                 ts_buf_cursor(payload), 1);
    return TS_OK;
}

ts_err ts_handshake13_post(ts_conn *c, uint8_t type, const uint8_t *msg, size_t n, ts_buf *body)
{
    if (type == TS_HS_KEY_UPDATE) {
        ts_ep_simple(c, TS_EV_PARSED,
                     c->role == TS_ROLE_CLIENT ? "server_key_update" : "client_key_update", NULL,
                     msg, n);
        return ts13_on_key_update(c, body);
    }
    if (type == TS_HS_NEW_SESSION_TICKET && c->role == TS_ROLE_CLIENT) {
        ts_ep_simple(c, TS_EV_PARSED, "new_session_ticket", NULL, msg, n);
        return ts13_on_ticket(c, body);
    }
    char why[160];
    char got[48];
    snprintf(got, sizeof(got), TS_TPL_HANDSHAKE_TYPE, type);
    snprintf(why, sizeof(why), TS_TPL_AFTER_HANDSHAKE13, got);
    return ts_ep_fail(c, TS_ERR_UNEXPECTED, why);
}
