/* ts_msg_extensions_tls13 (private to tls/msg): what the extensions block
 * (ts_msg_extensions.c) and TLS 1.3's extension contents
 * (ts_msg_extensions_tls13.c) share. Return convention: see
 * ts_msg_handshake.h. */
#ifndef TS_MSG_EXTENSIONS_TLS13_H
#define TS_MSG_EXTENSIONS_TLS13_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_extensions.h"

/* A list of u16 entries: its length's width and bounds, the names of its
 * length and entry fields, the entries' display names. */
typedef struct {
    unsigned width;
    size_t min, max;
    const char *length_name, *entry_name;
    const char *(*label)(uint16_t);
} ts_msg_u16_list_form;

/* Reads such a list of any length at d's cursor: its view goes to *wire,
 * its first cap entries to v (*n of them), its length field at depth 2
 * and one field per entry at depth 3. */
ts_err ts_msg_exts_parse_u16_list(ts_buf *d, const ts_msg_u16_list_form *form, uint16_t *v,
                                  size_t cap, size_t *n, ts_buf *wire, ts_fields *f);

/* True for the values RFC 8701 reserves (0x0a0a, 0x1a1a, ... 0xfafa). */
bool ts_msg_grease(uint16_t v);

/* Writes the content of the TLS 1.3 extension flag names
 * (TS_EXTF_SUPPORTED_VERSIONS, _KEY_SHARE, _PSK_KEY_EXCHANGE_MODES,
 * _COOKIE) in ctx's form; TS_ERR_ARG for what the wire cannot carry. */
ts_err ts_msg_exts13_write_one(ts_buf *out, ts_ext_ctx ctx, const ts_msg_exts *e, uint32_t flag);

/* Reads the content d of one such extension of the given type in ctx's
 * form into e (setting its flag), its fields at depth 2 and deeper. */
ts_err ts_msg_exts13_parse_one(ts_buf *d, uint16_t type, ts_ext_ctx ctx, ts_msg_exts *e,
                               ts_fields *f);

#endif
