/* ts_msg_server_hello: the ServerHello body (RFC 5246 §7.4.1.3), which in
 * TLS 1.3 is also the HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4): the same
 * fields, with TS_HRR_RANDOM as its random and its extensions in the HRR
 * forms. legacy_version stays 03 03 in TLS 1.3; the version is in
 * supported_versions.
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
    bool hrr;                              /* a HelloRetryRequest: parse sets it
                                              from the random; write uses the
                                              HRR extension forms (the random
                                              is written as given) */
} ts_msg_server_hello;

/* Appends the ServerHello body described by m. */
ts_err ts_msg_server_hello_write(ts_buf *out, const ts_msg_server_hello *m);

/* Parses a whole ServerHello body into m, adding fields to f (may be NULL);
 * a random equal to TS_HRR_RANDOM makes it a HelloRetryRequest (m->hrr)
 * whose extensions are parsed in the HRR forms.
 * Syntax and bounds only: the engine checks version, suite, compression and
 * that only extensions it offered came back. */
ts_err ts_msg_server_hello_parse(ts_buf *body, ts_msg_server_hello *m, ts_fields *f);

#endif
