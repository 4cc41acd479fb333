/* ts_msg_client_hello: the ClientHello body (RFC 5246 §7.4.1.2).
 * Return convention and lifetimes: see ts_msg_handshake.h. */
#ifndef TS_MSG_CLIENT_HELLO_H
#define TS_MSG_CLIENT_HELLO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_handshake.h"

#define TS_CH_MAX_SUITES 256      /* kept in suites[]; a longer list is fine */
#define TS_CH_MAX_COMPRESSION 255 /* the wire maximum */

typedef struct {
    uint16_t version;                     /* client_version */
    uint8_t random[TS_RANDOM_LEN];
    uint8_t session_id[TS_SESSION_ID_MAX];
    size_t session_id_len;
    uint16_t suites[TS_CH_MAX_SUITES];    /* cipher_suites, in order (parse: the first) */
    size_t n_suites;                      /* entries in suites[] */
    ts_buf suites_wire;                   /* parse: view of the whole list */
    uint8_t compression[TS_CH_MAX_COMPRESSION]; /* compression_methods */
    size_t n_compression;
    bool has_null_compression;            /* parse: method 0 is offered */
    ts_msg_exts exts;                     /* exts.block false: no block */
} ts_msg_client_hello;

/* Appends the ClientHello body described by m (fields as given: the
 * writer does not add method 0 or any suite). TS_ERR_ARG when a count
 * exceeds its array. */
ts_err ts_msg_client_hello_write(ts_buf *out, const ts_msg_client_hello *m);

/* Parses a whole ClientHello body into m, adding fields to f (may be NULL).
 * Checks syntax and bounds only; the engine judges the version, the suites
 * and the compression methods (m->has_null_compression). */
ts_err ts_msg_client_hello_parse(ts_buf *body, ts_msg_client_hello *m, ts_fields *f);

/* True when m offers suite (parsed m: anywhere in its list, whose bytes
 * must still be alive). */
bool ts_msg_client_hello_offers(const ts_msg_client_hello *m, uint16_t suite);

#endif
