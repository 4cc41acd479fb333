/* ts_event: what an endpoint reports while it works. The protocol layer
 * emits events through a hook (a function plus a context pointer); the
 * simulation layer (ts_trace) keeps them as the steps a student steps
 * through. Event data is borrowed: a hook that keeps it must copy it. */
#ifndef TS_EVENT_H
#define TS_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_hash.h"

typedef enum {
    TS_SIDE_CLIENT,
    TS_SIDE_SERVER,
    TS_SIDE_CHANNEL,
    TS_SIDE_ATTACKER
} ts_side;

typedef enum {
    TS_EV_MESSAGE,  /* a message was written: name, value = its bytes */
    TS_EV_SEALED,   /* a record was sealed into `out`: see record fields */
    TS_EV_PARSED,   /* a received message was parsed: name, value = its bytes */
    TS_EV_VALUE,    /* a value was derived: name, value, how, formula, inputs */
    TS_EV_CHECK,    /* a check ran: name, ok, err, how = why it failed */
    TS_EV_ALERT_SENT,     /* an alert was written: alert, level */
    TS_EV_ALERT_RECEIVED, /* an alert arrived: alert, level */
    TS_EV_WIPE,     /* secrets were wiped: name lists what */
    TS_EV_DONE,     /* the endpoint finished: ok, how = outcome */
    TS_EV_RECORD,   /* channel: a record crossed (emitted by ts_chan) */
    TS_EV_OPENED,   /* a protected record was opened: record fields as for
                       SEALED, value = the plaintext (for a front end that
                       sees only the peer's bytes, as in network mode) */
    TS_EV_KIND_COUNT
} ts_ev_kind;

#define TS_EV_MAX_INPUTS 4

typedef struct {
    const char *name;     /* "premaster_secret" */
    const uint8_t *data;
    size_t len;
    bool text;            /* the bytes are a text label, not binary */
} ts_ev_input;

/* How to recompute a PRF-derived value by hand (tlsstep prf, openssl kdf). */
typedef struct {
    bool used;
    ts_hash_alg hash;
    const char *label;
    const uint8_t *secret;
    size_t secret_len;
    const uint8_t *seed;  /* the seed after the label */
    size_t seed_len;
    size_t out_len;
} ts_ev_prf;

/* How to recompute an HKDF-derived value of TLS 1.3 by hand (tlsstep hkdf,
 * openssl kdf HKDF and TLS13-KDF). */
typedef enum {
    TS_HKDF_EXTRACT,       /* HKDF-Extract(key = salt, data = IKM) */
    TS_HKDF_EXPAND_LABEL,  /* HKDF-Expand-Label(key = secret, label, data = context, out_len) */
    TS_HKDF_DERIVE_SECRET  /* Derive-Secret(key = secret, label, data = transcript hash) */
} ts_ev_hkdf_mode;

typedef struct {
    bool used;
    ts_hash_alg hash;
    ts_ev_hkdf_mode mode;
    const uint8_t *key;   /* salt or secret */
    size_t key_len;
    const char *label;    /* without "tls13 " (NULL for extract) */
    const uint8_t *data;  /* IKM, context or transcript hash */
    size_t data_len;
    size_t out_len;
} ts_ev_hkdf;

/* How to check a signature value by hand (openssl dgst -verify): the
 * signed bytes, which the verifier hashes, and the signer, whose
 * certificate the command reads from SIGNER.pem (the run's JSON holds it). */
typedef struct {
    bool used;
    ts_hash_alg hash;
    bool pss;             /* RSA-PSS, salt as long as the hash; else PKCS#1 v1.5 */
    const uint8_t *data;  /* the signed bytes */
    size_t data_len;
    const char *signer;   /* "client" */
} ts_ev_sig;

typedef struct {
    ts_ev_kind kind;
    ts_side side;
    const char *name;     /* step name (lessons attach narration to it) */
    /* how and formula are English, for people: a catalogue entry or a
     * sentence of base/ts_templates.h, which a front end shows with
     * ts_tr_text; a formula in notation ("g^a mod p") reads the same in
     * every language */
    const char *how;      /* "generated", "decrypted with the server's private key", why a check failed */
    const char *formula;  /* for values: how it is computed */
    const uint8_t *value;
    size_t value_len;
    ts_ev_input inputs[TS_EV_MAX_INPUTS];
    size_t n_inputs;
    ts_ev_prf prf;
    ts_ev_hkdf hkdf;
    ts_ev_sig sig;        /* a signature: value is the signature */
    bool secret;          /* the value is secret (a key, a premaster) */
    bool ok;              /* checks, done */
    ts_err err;           /* checks */
    uint8_t alert;        /* alerts: description */
    uint8_t alert_level;  /* alerts: 1 warning, 2 fatal */
    /* TS_EV_SEALED: the record as written, its content type, the plaintext
     * inside and, for protected records, sequence number, nonce, tag. */
    uint8_t content_type; /* the record header's (TLS 1.3 protected: 23) */
    uint8_t inner_type;   /* TLS 1.3 protected records: the real content
                             type inside (TLSInnerPlaintext), else 0 */
    size_t padding_len;   /* TLS 1.3: zero bytes after the inner type */
    const uint8_t *record;
    size_t record_len;
    uint64_t seq;
    bool protected_record;
    const uint8_t *nonce;
    size_t nonce_len;
    const uint8_t *tag;
    size_t tag_len;
} ts_event;

/* A hook receives every event of one endpoint or of the channel. */
typedef void (*ts_event_hook)(void *ctx, const ts_event *ev);

/* Name of a side: "client", "server", "channel", "attacker". */
const char *ts_side_name(ts_side side);

/* Name of an event kind: "message", "sealed", ... */
const char *ts_ev_kind_name(ts_ev_kind kind);

#endif
