/* ts_endpoint: the state one TLS endpoint keeps, and the helpers its
 * handlers share (reporting events, writing messages and records, deriving
 * keys, failing with the right alert). Used by ts_conn, ts_handshake,
 * ts_client, ts_server and ts_http only; front ends use ts_conn.h. */
#ifndef TS_ENDPOINT_H
#define TS_ENDPOINT_H

#include "tls/msg/ts_msg_handshake.h" /* ts_msg_bytes */
#include "tls/ts_conn.h"

typedef enum {
    TS_ST_CLIENT_HELLO,
    TS_ST_SERVER_HELLO,
    TS_ST_SERVER_CERTIFICATE,
    TS_ST_SERVER_KEY_EXCHANGE,
    TS_ST_CERTIFICATE_REQUEST,   /* optional: the reader skips it when absent */
    TS_ST_SERVER_HELLO_DONE,
    TS_ST_CLIENT_CERTIFICATE,    /* when the server asked for one */
    TS_ST_CLIENT_KEY_EXCHANGE,
    TS_ST_CLIENT_CERTIFICATE_VERIFY, /* when the client sent a certificate */
    TS_ST_CLIENT_CHANGE_CIPHER_SPEC,
    TS_ST_CLIENT_FINISHED,
    TS_ST_SERVER_CHANGE_CIPHER_SPEC,
    TS_ST_SERVER_FINISHED,
    TS_ST_APPLICATION_DATA,
    TS_ST_STATE_COUNT
} ts_hs_state;

/* The TLS 1.3 handshake's states (ts_handshake13.c). The first two match
 * TLS 1.2's indexes: an endpoint starts in the 1.2 table and moves to this
 * one when the hellos agree on TLS 1.3. */
typedef enum {
    TS13_ST_CLIENT_HELLO,
    TS13_ST_HELLO_RETRY_REQUEST,     /* when the server needs another key share */
    TS13_ST_SERVER_CCS_AFTER_HRR,    /* middlebox compatibility (RFC 8446 D.4) */
    TS13_ST_CLIENT_CCS_BEFORE_CH2,
    TS13_ST_CLIENT_HELLO_2,
    TS13_ST_SERVER_HELLO,
    TS13_ST_SERVER_CCS,
    TS13_ST_ENCRYPTED_EXTENSIONS,
    TS13_ST_CERTIFICATE_REQUEST,     /* optional: the reader skips it when absent */
    TS13_ST_SERVER_CERTIFICATE,
    TS13_ST_SERVER_CERTIFICATE_VERIFY,
    TS13_ST_SERVER_FINISHED,
    TS13_ST_CLIENT_CCS,
    TS13_ST_CLIENT_CERTIFICATE,      /* when the server asked for one */
    TS13_ST_CLIENT_CERTIFICATE_VERIFY, /* when the client sent a certificate */
    TS13_ST_CLIENT_FINISHED,
    TS13_ST_APPLICATION_DATA,
    TS13_ST_STATE_COUNT
} ts_hs13_state;

#define TS_MAX_WARNINGS 4  /* warning alerts in a row tolerated (the next is fatal) */
#define TS_HTTP_REQUEST_MAX TS_HTTP_REQUEST_DEFAULT
#define TS_HTTP_HEAD_MAX 8192

struct ts_conn {
    ts_role role;
    ts_side side;
    ts_conn_config cfg;
    ts_rng *rng;
    ts_event_hook hook;
    void *hook_ctx;
    ts_conn_status status;
    unsigned state;     /* a ts_hs_state, or a ts_hs13_state once tls13 */
    char reason[240];
    int alert;          /* the alert that ended it, or -1 */
    bool alert_sent;
    bool eof;
    bool wrote;         /* stepwise: a message was written in this call */

    ts_buf in;          /* received bytes not yet consumed */
    ts_buf out;         /* records written, not yet taken */
    ts_buf hs_in;       /* handshake bytes received, not yet parsed */
    ts_record_state read;
    ts_record_state write;
    ts_hs_hash hs_hash;

    const ts_suite *suite;
    uint16_t offered[TS_SUITE_COUNT];   /* client: the suites its ClientHello offered */
    size_t n_offered;
    uint16_t peer_version;              /* ClientHello.client_version */
    bool peer_ems;                      /* the peer offered/accepted EMS */
    bool use_ems;
    bool peer_secure_reneg;
    bool peer_point_formats;            /* server: the client sent ec_point_formats */
    uint16_t sigalg;                    /* server: the ServerKeyExchange's signature
                                         * algorithm; client: its CertificateVerify's */
    ts_dh_group_id dh_group;            /* server: the DHE group chosen (RFC 7919) */
    unsigned warnings;                  /* warning alerts in a row (capped: CVE-2016-8610) */
    bool cert_requested;                /* a CertificateRequest crossed (RFC 5246 7.4.4) */
    bool client_cert;                   /* client: it sent a certificate; server: it got one
                                         * (so CertificateVerify follows) */
    uint8_t client_random[TS_RANDOM_LEN];
    uint8_t server_random[TS_RANDOM_LEN];
    uint8_t session_id[32];
    size_t session_id_len;

    /* key exchange */
    uint8_t premaster[TS_DH_MAX_LEN];   /* secret */
    size_t premaster_len;
    uint8_t x25519_priv[TS_X25519_LEN]; /* secret */
    uint8_t x25519_pub[TS_X25519_LEN];
    uint8_t peer_x25519[TS_X25519_LEN];
    ts_buf dh_p, dh_g;                  /* group in use */
    ts_buf dh_priv;                     /* secret */
    ts_buf dh_pub;
    ts_buf peer_dh;
    ts_rsa_key *peer_key;               /* the peer's public key (from its certificate) */

    uint8_t master[TS_MASTER_LEN];      /* secret */
    ts_key_block keys;                  /* secret */
    bool have_keys;

    /* TLS 1.3 (ts_client13, ts_server13, ts_schedule13) */
    bool tls13;                         /* TLS 1.3 agreed: the 1.3 table runs */
    bool offered13;                     /* client: its ClientHello offered TLS 1.3 */
    bool downgrade;                     /* server: speaks 1.3 but agreed 1.2 (sentinel) */
    bool hrr;                           /* a HelloRetryRequest crossed */
    bool compat;                        /* middlebox compatibility mode (RFC 8446 D.4) */
    bool peer_ccs;                      /* the peer's compatibility CCS was dropped */
    uint16_t group;                     /* the key_share group in use */
    uint16_t sigalg13;                  /* CertificateVerify's scheme (the side's own) */
    ts_buf cookie;                      /* client: HelloRetryRequest's cookie, echoed */
    ts_buf cr_context;                  /* client: CertificateRequest's context */
    uint8_t early[TS_HASH_MAX_LEN];     /* secrets (the master secret is `master`) */
    uint8_t hs_secret[TS_HASH_MAX_LEN];
    uint8_t c_hs[TS_HASH_MAX_LEN];
    uint8_t s_hs[TS_HASH_MAX_LEN];
    uint8_t c_ap[TS_HASH_MAX_LEN];      /* current generation (c_ap_gen) */
    uint8_t s_ap[TS_HASH_MAX_LEN];
    uint8_t exporter[TS_HASH_MAX_LEN];
    uint8_t resumption[TS_HASH_MAX_LEN];
    unsigned c_ap_gen, s_ap_gen;        /* KeyUpdate generations */
    bool update_sent;                   /* client: its KeyUpdate went out */
    unsigned tickets;                   /* NewSessionTickets sent or received */

    /* application data */
    bool request_sent;
    bool response_sent;
    bool close_sent;
    bool close_received;
    ts_buf app_in;                      /* application bytes received */
    int http_status;
    ts_buf body;                        /* client: response body */
};

/* --- events --- */

/* Reports the len bytes at value, named name, with how it was got and its
 * formula; secret marks keys and premasters. For a value with no inputs
 * (generated, received). */
void ts_ep_value(ts_conn *c, const char *name, const char *how, const char *formula,
                 bool secret, const uint8_t *value, size_t len);

/* As ts_ep_value, for a value computed from the n_inputs inputs at from
 * (n_inputs <= TS_EV_MAX_INPUTS; from may be NULL when n_inputs is 0):
 *
 *     const ts_ev_input from[] = {
 *         {"client_random", c->client_random, TS_RANDOM_LEN, false},
 *         {"server_random", c->server_random, TS_RANDOM_LEN, false},
 *     };
 *     ts_ep_value_from(c, name, how, formula, false, value, len, from, 2);
 *
 * Inputs beyond TS_EV_MAX_INPUTS are not reported. */
void ts_ep_value_from(ts_conn *c, const char *name, const char *how, const char *formula,
                      bool secret, const uint8_t *value, size_t len, const ts_ev_input *from,
                      size_t n_inputs);

/* Reports the signature sig (len bytes), made by c's side with its
 * certificate's key over data (PSS or PKCS#1 v1.5 with hash), as
 * ts_ep_value_from does, with what checks it by hand (ts_ev_sig). */
void ts_ep_signature_value(ts_conn *c, const char *name, const char *how, const char *formula,
                           const uint8_t *sig, size_t len, const ts_ev_input *from,
                           size_t n_inputs, ts_hash_alg hash, bool pss, const uint8_t *data,
                           size_t data_len);

/* Reports a value computed with the PRF, with what reproduces it. */
void ts_ep_prf_value(ts_conn *c, const char *name, const char *formula,
                     const uint8_t *value, size_t len, const char *label,
                     const uint8_t *secret, size_t secret_len,
                     const uint8_t *seed, size_t seed_len);

/* Reports a check and its outcome; returns err unchanged. */
ts_err ts_ep_check(ts_conn *c, const char *name, ts_err err, const char *why);

/* Reports any other event kind with just a name and bytes. */
void ts_ep_simple(ts_conn *c, ts_ev_kind kind, const char *name, const char *how,
                  const uint8_t *data, size_t len);

/* --- writing --- */

/* Wraps body as a handshake message of type, adds it to the handshake hash,
 * reports it, and writes it as one record. */
ts_err ts_ep_send_handshake(ts_conn *c, uint8_t type, const char *name, const ts_buf *body);

/* When err is TS_OK, sends body as ts_ep_send_handshake does; frees body
 * either way; returns the first error (a writer's "build, then send"). */
ts_err ts_ep_send_built(ts_conn *c, uint8_t type, const char *name, ts_buf *body, ts_err err);

/* Points certs[0..*n) at the configured chain, sender's first (at most
 * max). */
void ts_ep_chain(const ts_conn *c, ts_msg_bytes *certs, size_t max, size_t *n);

/* Writes one record of type holding data (at most 2^14 bytes) and reports it. */
ts_err ts_ep_send_record(ts_conn *c, uint8_t type, const uint8_t *data, size_t n);

/* Writes ChangeCipherSpec and switches the write side to the new keys. */
ts_err ts_ep_send_ccs(ts_conn *c);

/* Writes Finished for this side ("client finished"/"server finished"). */
ts_err ts_ep_send_finished(ts_conn *c);

/* Checks the peer's Finished body; TS_ERR_FINISHED when it does not match. */
ts_err ts_ep_check_finished(ts_conn *c, const ts_buf *body);

/* Switches the read side to the new keys (after the peer's ChangeCipherSpec). */
ts_err ts_ep_activate_read(ts_conn *c);

/* --- keys --- */

/* From the premaster secret: master secret (classic or extended), key
 * block, and each key and IV; reports every one; wipes the premaster. */
ts_err ts_ep_derive_keys(ts_conn *c);

/* Wipes every secret the endpoint holds and reports it. */
void ts_ep_wipe(ts_conn *c, bool report);

/* --- ending --- */

/* Fails the connection: sends the alert err calls for, records the reason,
 * reports it; returns err. */
ts_err ts_ep_fail(ts_conn *c, ts_err err, const char *reason);

/* Sends a warning close_notify. */
ts_err ts_ep_send_close_notify(ts_conn *c);

/* Sends the warning alert desc (no_renegotiation: RFC 5246 §7.2.2) and
 * goes on; why says what it answers. */
ts_err ts_ep_send_warning(ts_conn *c, uint8_t desc, const char *why);

/* Reports a value computed with HKDF (TLS 1.3), with what reproduces it:
 * mode and its key (salt or secret), label (NULL for extract) and data
 * (IKM, context or transcript hash), as the inputs shown. */
void ts_ep_hkdf_value(ts_conn *c, const char *name, const char *formula, bool secret,
                      const uint8_t *value, size_t len, ts_ev_hkdf_mode mode,
                      const char *key_name, const uint8_t *key, size_t key_len,
                      const char *label, const char *data_name, const uint8_t *data,
                      size_t data_len);

#endif
