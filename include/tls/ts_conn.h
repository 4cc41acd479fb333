/* ts_conn: one TLS 1.2 or TLS 1.3 endpoint (client or server). It never touches a
 * socket: someone else appends received bytes to `in` and takes the records
 * it writes from `out` (BearSSL's sendrec/recvrec buffers). Everything it
 * derives or checks is reported through its event hook (ts_event.h).
 * Functions that can fail return ts_err. */
#ifndef TS_CONN_H
#define TS_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_dh.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_prf.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_suite.h"
#include "crypto/ts_x25519.h"
#include "crypto/ts_x509.h"
#include "tls/ts_event.h"
#include "tls/ts_record.h"

typedef enum { TS_ROLE_CLIENT, TS_ROLE_SERVER } ts_role;

#define TS_CONN_MAX_CERTS 4
#define TS_MAX_PADDING 255 /* ts_conn_config.padding */
#define TS_HTTP_REQUEST_DEFAULT 8192 /* ts_conn_config.request_max */

/* Whether a server asks for a client certificate (mutual TLS). */
typedef enum {
    TS_CLIENT_AUTH_NONE,    /* no CertificateRequest */
    TS_CLIENT_AUTH_REQUEST, /* asks; an empty Certificate is accepted */
    TS_CLIENT_AUTH_REQUIRE  /* asks; an empty Certificate ends the handshake
                             * (handshake_failure in 1.2, certificate_required
                             * in 1.3) */
} ts_client_auth;

/* What an endpoint is told before it starts. Pointers are borrowed and
 * must outlive the connection. */
typedef struct {
    const ts_suite *suite;   /* TLS 1.2: client: offered first; server: the one it
                              * picks (may be NULL when min_version is TLS 1.3) */
    const ts_suite *suite13; /* TLS 1.3 (needed when max_version is 1.3): client:
                              * offered first; server: the one it picks, or with
                              * offer_all the first of ours the client offers */
    uint16_t min_version;    /* lowest version spoken (0: TLS 1.2) */
    uint16_t max_version;    /* highest (0: TLS 1.2; TS_VERSION_TLS13 offers and
                              * accepts 1.3, and a server then marks a 1.2
                              * ServerHello with the downgrade sentinel) */
    uint16_t group;          /* TLS 1.3 NamedGroup: client: its first key share;
                              * server: the group it requires (HelloRetryRequest
                              * when the client's shares miss it); 0: x25519 for
                              * a client, any known group for a server */
    bool key_update;         /* TLS 1.3 client: send KeyUpdate(update_requested)
                              * before the request */
    size_t padding;          /* TLS 1.3: zero bytes after the content type of each
                              * protected record sent (RFC 8446 5.4), 0..255 */
    bool offer_all;          /* client: also offer our other usable suites;
                              * TLS 1.3 server: accept any of them */
    bool ems;                /* offer (client) / accept (server) extended_master_secret */
    bool no_verify;          /* client flaw: accept any certificate */
    bool skip_ske_check;     /* client flaw: do not check the ServerKeyExchange signature */
    bool lax_pkcs1;          /* client flaw: lax PKCS#1 v1.5 signature verifier */
    bool stepwise;           /* write one handshake message per call (the rest on
                              * ts_conn_write_next), so a simulation can deliver
                              * each message before the next is written */
    const char *host;        /* server name the client expects ("localhost") */
    ts_time now;             /* the session's clock, for certificate validity */
    ts_dh_group_id dh_group; /* server: group for the dhe suite */
    /* server */
    const ts_rsa_key *server_key;
    ts_client_auth client_auth; /* server: ask for a client certificate, checked
                                 * against ca_der (RFC 5246 7.4.4, RFC 8446 4.3.2) */
    const uint8_t *certs[TS_CONN_MAX_CERTS]; /* chain to send, sender's first: the
                                              * server's, or a client's (client_key) */
    size_t cert_lens[TS_CONN_MAX_CERTS];
    size_t n_certs;
    const uint8_t *payload;  /* the file served over HTTPS */
    size_t payload_len;
    const char *content_type; /* server: its Content-Type (NULL: application/octet-stream) */
    size_t request_max;      /* server: longest HTTP request it accepts (0:
                              * TS_HTTP_REQUEST_DEFAULT); a longer one fails */
    /* client */
    const ts_rsa_key *client_key; /* the key of the client's certificate certs[0],
                                   * used when a server asks; NULL: none (an
                                   * empty Certificate answers) */
    const uint8_t *ca_der;   /* trust anchor: client: of the server's certificate;
                              * server with client_auth: of the client's */
    size_t ca_len;
    const char *path;        /* path of the GET request ("/") */
} ts_conn_config;

/* Where an endpoint stands. */
typedef enum {
    TS_CONN_HANDSHAKE,   /* handshake in progress */
    TS_CONN_OPEN,        /* handshake done, application data flowing */
    TS_CONN_CLOSED,      /* close_notify exchanged, keys wiped */
    TS_CONN_FAILED       /* a fatal alert was sent or received */
} ts_conn_status;

typedef struct ts_conn ts_conn;

/* Creates an endpoint of role with cfg, drawing randomness from rng and
 * reporting to hook(ctx, ...) (hook may be NULL). */
ts_err ts_conn_new(ts_role role, const ts_conn_config *cfg, ts_rng *rng,
                   ts_event_hook hook, void *ctx, ts_conn **out);

/* Wipes every secret the endpoint holds and frees it (NULL is fine). */
void ts_conn_free(ts_conn *c);

/* The bytes received and not yet consumed; append to it, then ts_conn_process. */
ts_buf *ts_conn_in(ts_conn *c);

/* The records written and not yet sent; take them and reset it. */
ts_buf *ts_conn_out(ts_conn *c);

/* Client: writes the ClientHello. Server: nothing to do (TS_OK). */
ts_err ts_conn_start(ts_conn *c);

/* Consumes every complete record in `in`, writing whatever the protocol
 * answers into `out`. On a fatal error the alert is already in `out`, the
 * status is TS_CONN_FAILED, and the error is returned. */
ts_err ts_conn_process(ts_conn *c);

/* True when it is this endpoint's turn to write a handshake message (a
 * stepwise endpoint that has written one and owes the next). */
bool ts_conn_has_turn(const ts_conn *c);

/* Writes the next message it is this endpoint's turn to write, if any. */
ts_err ts_conn_write_next(ts_conn *c);

/* Tells the endpoint that the transport closed (no more bytes will come). */
void ts_conn_eof(ts_conn *c);

/* Where the endpoint stands now. */
ts_conn_status ts_conn_status_of(const ts_conn *c);

/* One line saying how it ended or why it failed ("" while running). */
const char *ts_conn_reason(const ts_conn *c);

/* The alert that ended the connection (sent or received), or -1. */
int ts_conn_alert(const ts_conn *c, bool *sent);

/* Client: the size in bits of the server's RSA key (from its certificate),
 * or 0 before the certificate was accepted. */
unsigned ts_conn_peer_bits(const ts_conn *c);

/* The suite agreed on, or NULL before ServerHello. */
const ts_suite *ts_conn_suite(const ts_conn *c);

/* Client: the HTTP response body received (valid once closed). */
const ts_buf *ts_conn_response(const ts_conn *c);

/* Client: the HTTP status code received; server: the one it sent; or 0. */
int ts_conn_http_status(const ts_conn *c);

/* The bytes the HTTP exchange carried: for a client the response body
 * received (ts_conn_response), for a server the file it sent, once sent
 * (empty before). */
const ts_buf *ts_conn_http_payload(const ts_conn *c, ts_buf *view);

/* Where the endpoint keeps its secrets, so a test can check they were
 * wiped after the close: fills up to max (pointer, length) pairs, returns
 * how many. */
size_t ts_conn_secret_areas(const ts_conn *c, const uint8_t **ptrs, size_t *lens, size_t max);

#endif
