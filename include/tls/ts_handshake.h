/* ts_handshake: the TLS 1.2 full handshake as data: a table indexed by
 * state saying who writes which message and which handlers write and read
 * it (s2n-tls tls/s2n_handshake_io.c); and the dispatcher that runs it, or
 * TLS 1.3's table (ts_handshake13.h) once the hellos agreed on 1.3. */
#ifndef TS_HANDSHAKE_H
#define TS_HANDSHAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "tls/internal/ts_endpoint.h"

typedef struct {
    const char *name;          /* step name: "client_hello" */
    ts_role writer;            /* who sends it */
    uint8_t content_type;      /* TS_CT_HANDSHAKE or TS_CT_CHANGE_CIPHER_SPEC */
    uint8_t hs_type;           /* TS_HS_*, the handshake type (0 for ChangeCipherSpec) */
    bool (*applies)(const ts_conn *c);              /* NULL: always */
    bool optional;             /* the reader cannot know in advance: when another
                                  message comes instead, the state is skipped */
    ts_err (*write)(ts_conn *c);                    /* writes it into out */
    ts_err (*read)(ts_conn *c, ts_buf *body);       /* parses and checks it */
    ts_err (*after)(ts_conn *c);  /* reader: once the message entered the
                                     transcript (NULL: nothing) */
} ts_hs_entry;

/* The TLS 1.2 table entry of state. */
const ts_hs_entry *ts_handshake_entry(ts_hs_state state);

/* Writes every message whose turn it is for c (only the next one when c is
 * stepwise), advancing the state; then any application data it owes. */
ts_err ts_handshake_write_turns(ts_conn *c);

/* True when the current state is a message c writes (handshake only). */
bool ts_handshake_has_turn(const ts_conn *c);

/* Handles one received handshake message of type: msg holds its n bytes
 * (header and body, as hashed), body a view of its body (as parsed). */
ts_err ts_handshake_on_message(ts_conn *c, uint8_t type, const uint8_t *msg, size_t n,
                               ts_buf *body);

/* Handles a received ChangeCipherSpec payload. */
ts_err ts_handshake_on_ccs(ts_conn *c, const ts_buf *payload);

#endif
