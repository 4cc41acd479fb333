/* ts_session: one simulated run. A client and a server (ts_conn) talk only
 * through the channel (ts_chan); every event either reports, and every
 * record crossing the channel, becomes a step of the trace (ts_trace).
 * A run is a pure function of (seed, options, user actions), so stepping is
 * a cursor over the steps and changing an action re-runs the whole run; the
 * costly part, the keys and certificates, is cached in the session so a
 * re-run at 4096 bits stays instant. Functions that can fail return ts_err. */
#ifndef TS_SESSION_H
#define TS_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "simulation/ts_chan.h"
#include "simulation/ts_session_pki.h" /* ts_client_cert_kind */
#include "simulation/ts_trace.h"
#include "tls/ts_conn.h"
#include "tls/ts_event.h"

/* The session clock unless told otherwise: 2026-01-01T00:00:00Z. */
#define TS_SESSION_DEFAULT_NOW ((ts_time)1767225600)
#define TS_SESSION_DEFAULT_BITS 1024
#define TS_SESSION_MIN_BITS 512
#define TS_SESSION_MAX_BITS 4096

/* Options of a run. Strings and bytes are copied by ts_session_new. */
typedef struct {
    const char *seed;        /* NULL: a fresh one (ts_rng_new_seed), always reported */
    const ts_suite *suite;   /* NULL: rsa; a TLS 1.3 suite runs TLS 1.3 */
    unsigned bits;           /* RSA modulus, 512..4096; 0: 1024 */
    bool ems;                /* extended master secret */
    bool offer_one;          /* client offers only the suite (default: all usable) */
    bool no_verify, skip_ske_check, lax_pkcs1; /* client flaws */
    const char *host;        /* NULL: "localhost" */
    ts_time now;             /* 0: TS_SESSION_DEFAULT_NOW */
    const uint8_t *payload;  /* NULL: the built-in sample (ts_sample.h) */
    size_t payload_len;
    const char *payload_name; /* shown in transcripts; NULL: "sample.bmp" or "payload" */
    ts_dh_group_id dh_group; /* dhe suite (default TS_DH_FFDHE2048) */
    uint16_t group;          /* TLS 1.3: the NamedGroup the server requires (0: it
                              * takes the client's x25519 share); another group
                              * makes a HelloRetryRequest */
    bool key_update;         /* TLS 1.3: the client sends KeyUpdate(update_requested) */
    size_t padding;          /* TLS 1.3: zero bytes of padding in each protected
                              * record both sides send, 0..TS_MAX_PADDING */
    uint16_t client_max_version; /* TLS 1.3 suite: the highest version the client
                              * offers: 0 (TLS 1.3, and 1.2), or TS_VERSION_TLS12
                              * for a client that speaks only TLS 1.2 (it offers
                              * ECDHE and the others; the server still speaks
                              * 1.3, so its random ends in the downgrade sentinel) */
    ts_client_auth client_auth; /* mutual TLS: the server asks for (request) or
                              * requires a client certificate */
    ts_client_cert_kind client_cert; /* with client_auth: what the client presents
                              * (the toy CA issues it; default: a good one) */
} ts_session_config;

/* What the attacker (the user) does to a record before it is delivered. */
typedef enum {
    TS_ACT_TAMPER, /* XOR byte offset (from the record header) with xor_mask */
    TS_ACT_DROP,   /* never deliver it */
    TS_ACT_REPLAY, /* after delivering it, deliver a copy of it again */
    TS_ACT_EDIT    /* deliver bytes instead (the UI's hex editor) */
} ts_action_kind;

typedef struct {
    ts_action_kind kind;
    size_t record;          /* channel number, 1-based */
    size_t offset;          /* tamper */
    uint8_t xor_mask;       /* tamper: non-zero */
    const uint8_t *bytes;   /* edit: copied by ts_session_set_actions */
    size_t len;
} ts_action;

typedef enum {
    TS_RESULT_OK,      /* both sides closed after close_notify, payload intact */
    TS_RESULT_ALERT,   /* a fatal alert ended it */
    TS_RESULT_STALLED, /* nothing left to deliver and a side still waits */
    TS_RESULT_WRONG    /* closed, but the payload arrived altered */
} ts_result_kind;

typedef struct {
    ts_result_kind kind;
    int alert;              /* TS_RESULT_ALERT: description, else -1 */
    ts_side alert_from;     /* who sent it */
    const char *alert_name; /* "bad_record_mac", ... ("" when none) */
    bool client_waiting;    /* TS_RESULT_STALLED: which sides still wait */
    bool server_waiting;
    char reason[320];       /* one line, English (ts_tr_text shows it translated) */
    uint8_t payload_sha256[32]; /* of the body the client received */
    size_t payload_bytes;
    bool payload_intact;    /* received body == payload served */
} ts_result;

typedef struct ts_session ts_session;

/* Creates a session with cfg (copied; checked: bits in range, a non-empty
 * seed of at most TS_RNG_SEED_MAX bytes, a usable suite, else TS_ERR_ARG
 * or TS_ERR_AEAD_UNAVAILABLE). Does not run it. */
ts_err ts_session_new(const ts_session_config *cfg, ts_session **out);

/* Wipes and frees everything (NULL is fine). */
void ts_session_free(ts_session *s);

/* The options in force (seed filled in, defaults applied). */
const ts_session_config *ts_session_config_of(const ts_session *s);

/* The seed of the run (never NULL). */
const char *ts_session_seed(const ts_session *s);

/* Replaces the user actions (copied). Takes effect at the next run. */
ts_err ts_session_set_actions(ts_session *s, const ts_action *acts, size_t n);

/* Number of user actions, and action i (NULL beyond). */
size_t ts_session_action_count(const ts_session *s);
const ts_action *ts_session_action(const ts_session *s, size_t i);

/* True when action i took effect in the last run (its record crossed and,
 * for a tamper, was long enough). */
bool ts_session_action_applied(const ts_session *s, size_t i);

/* Runs the whole handshake and transfer from scratch (keys from the cache
 * after the first run), keeping the cursor (clamped to the new count). A
 * protocol failure is a result, not an error: errors are for the machinery
 * (memory, a PKI that cannot be made). */
ts_err ts_session_run(ts_session *s);

/* How the last run ended. */
const ts_result *ts_session_result(const ts_session *s);

/* The trace and the channel of the last run (NULL before the first). */
const ts_trace *ts_session_trace(const ts_session *s);
const ts_chan *ts_session_chan(const ts_session *s);

/* The endpoints of the last run, kept until the next (NULL before). */
const ts_conn *ts_session_conn(const ts_session *s, ts_side side);

/* The payload served, and the PKI: the CA and server certificates (DER). */
const ts_buf *ts_session_payload(const ts_session *s);
const ts_buf *ts_session_ca_der(const ts_session *s);
const ts_buf *ts_session_server_der(const ts_session *s);

/* The certificate the client presents when the server asks (DER; empty
 * without client_auth or with TS_CLIENT_CERT_NONE; valid after a run). */
const ts_buf *ts_session_client_der(const ts_session *s);

/* "none", "request", "require"; and "good", "none", "expired", "foreign":
 * the names the CLI and JSON use. */
const char *ts_client_auth_name(ts_client_auth mode);
const char *ts_client_cert_name(ts_client_cert_kind kind);

/* How many times the session generated keys (the PKI cache's misses). */
unsigned ts_session_keygen_count(const ts_session *s);

/* --- stepping: the cursor k (0..count) means "the first k steps have
 * happened"; the state shown is derived from steps with index < k. --- */

/* Number of steps of the last run. */
size_t ts_session_count(const ts_session *s);

/* The cursor. */
size_t ts_session_cursor(const ts_session *s);

/* Moves the cursor to k (clamped to 0..count); returns the new cursor. */
size_t ts_session_goto(ts_session *s, size_t k);

/* Moves the cursor by delta steps (clamped); returns the new cursor. */
size_t ts_session_step(ts_session *s, long delta);

/* Step k (0-based), or NULL. */
const ts_step *ts_session_get_step(const ts_session *s, size_t k);

/* Calls fn for each value side knew after the first k steps (TS_EV_VALUE
 * steps of side with index < k), in order; a value derived twice is
 * reported each time. Returns how many. */
typedef void (*ts_session_known_fn)(void *ctx, const ts_step *step);
size_t ts_session_known(const ts_session *s, ts_side side, size_t k, ts_session_known_fn fn,
                        void *ctx);

/* True when record number had been written (resp. delivered or dropped)
 * within the first k steps. */
bool ts_session_record_written(const ts_session *s, size_t number, size_t k);
bool ts_session_record_crossed(const ts_session *s, size_t number, size_t k);

/* "ok", "alert", "stalled", "wrong". */
const char *ts_result_kind_name(ts_result_kind kind);

#endif
