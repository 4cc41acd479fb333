/* ts_fields: a list of decoded fields, each with the byte range it came from,
 * so the transcript, the JSON output and the UI inspector can show every field
 * beside its bytes (as Wireshark does).
 *
 * Parsers that take a `ts_fields *` add one entry per field they decode; they
 * accept NULL and then record nothing. Offsets are measured from f->origin
 * (the first byte of the buffer the first parser was given, unless the caller
 * set origin beforehand) plus f->base. ts_msg_describe sets origin to the
 * handshake header and base to the caller's offset. Functions that can fail
 * return ts_err (see ts_err.h). */
#ifndef TS_FIELDS_H
#define TS_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"

typedef struct {
    char name[48];   /* field name, e.g. "cipher_suite" */
    char value[160]; /* decoded value for display, truncated to fit */
    size_t offset;   /* first byte of the field (origin-relative, plus base) */
    size_t len;      /* bytes the field covers */
    int depth;       /* nesting: 0 top level, 1 inside a vector, ... */
} ts_field;

typedef struct {
    ts_field *items;
    size_t n, cap;
    const uint8_t *origin; /* bytes offsets are measured from (NULL: not yet set) */
    size_t base;           /* added to every offset ts_fields_offset returns */
    bool truncated;        /* the list was full: later fields were left out */
} ts_fields;

/* Most entries one list will hold: the last one then says "more fields not
 * shown" and later ones are left out (memory is bounded, decoding goes on). */
#define TS_FIELDS_MAX 16384

/* Makes f an empty list with no origin; cannot fail. */
void ts_fields_init(ts_fields *f);

/* Frees the entries and empties f (origin and base are reset too). */
void ts_fields_free(ts_fields *f);

/* Appends a field; value is printf(fmt, ...) truncated to fit (fmt may be
 * NULL for an empty value), any byte that is not printable ASCII shown as
 * \xNN. f == NULL, or a full list, does nothing and returns TS_OK. */
ts_err ts_fields_add(ts_fields *f, int depth, const char *name, size_t offset,
                     size_t len, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Appends a field whose value is the n bytes at text as safe text
 * (ts_hex_escape_text): for strings a peer chose, such as a host name. */
ts_err ts_fields_add_text(ts_fields *f, int depth, const char *name, size_t offset,
                          const uint8_t *text, size_t n);

/* Appends a field whose value is the lowercase hex of data[0..n), shortened
 * to its first 64 bytes and the total length when it would not fit. */
ts_err ts_fields_add_hex(ts_fields *f, int depth, const char *name, size_t offset,
                         const uint8_t *data, size_t n);

/* Sets f->origin to b's read cursor if no origin is set yet (f may be NULL). */
void ts_fields_begin(ts_fields *f, const ts_buf *b);

/* Offset of b's read cursor from f->origin, plus f->base; 0 when f is NULL.
 * b must view bytes at or after f->origin (parsers' sub-views do). */
size_t ts_fields_offset(const ts_fields *f, const ts_buf *b);

/* Returns the first field named name at or after index from, or NULL. */
const ts_field *ts_fields_find(const ts_fields *f, const char *name, size_t from);

#endif
