/* ts_msg_server_hello: the ServerHello body (RFC 5246 §7.4.1.3).
 * Return convention and lifetimes: see ts_msg_handshake.h. */
#ifndef TS_MSG_SERVER_HELLO_H
#define TS_MSG_SERVER_HELLO_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_handshake.h"

typedef struct {
    uint16_t version;                      /* server_version */
    uint8_t random[TS_RANDOM_LEN];
    uint8_t session_id[TS_SESSION_ID_MAX];
    size_t session_id_len;
    uint16_t suite;                        /* cipher_suite */
    uint8_t compression;                   /* compression_method (0) */
    ts_msg_exts exts;                      /* exts.block false: no block */
} ts_msg_server_hello;

/* Appends the ServerHello body described by m. */
ts_err ts_msg_server_hello_write(ts_buf *out, const ts_msg_server_hello *m);

/* Parses a whole ServerHello body into m, adding fields to f (may be NULL).
 * Syntax and bounds only: the engine checks version, suite, compression and
 * that only extensions it offered came back. */
ts_err ts_msg_server_hello_parse(ts_buf *body, ts_msg_server_hello *m, ts_fields *f);

#endif
