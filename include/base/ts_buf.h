/* ts_buf: a bounded byte buffer with a write cursor (len) and a read cursor
 * (pos). Message code touches bytes only through these calls: reading past
 * the end returns TS_ERR_SHORT and leaves the cursor where it was.
 *
 * A buffer either owns growable storage (ts_buf_init) or is a read-only view
 * of bytes it does not own (ts_buf_view, ts_buf_read_vec*). Writing to a view
 * fails with TS_ERR_ARG. All functions return ts_err (see ts_err.h). */
#ifndef TS_BUF_H
#define TS_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"

typedef struct {
    uint8_t *data;  /* storage (owned when growable) */
    size_t cap;     /* bytes allocated */
    size_t len;     /* write cursor: bytes held */
    size_t pos;     /* read cursor: bytes consumed */
    size_t limit;   /* growable buffers never exceed this many bytes */
    bool growable;  /* owns data and may grow */
} ts_buf;

/* Largest buffer ts_buf_init allows unless ts_buf_set_limit says otherwise. */
#define TS_BUF_DEFAULT_LIMIT ((size_t)64 * 1024 * 1024)

/* Makes b an empty growable buffer; cannot fail. */
void ts_buf_init(ts_buf *b);

/* Makes b a read-only view of len bytes at data (not copied). */
void ts_buf_view(ts_buf *b, const uint8_t *data, size_t len);

/* Sets the most bytes growable b may ever hold. */
void ts_buf_set_limit(ts_buf *b, size_t limit);

/* Frees owned storage and empties b; a view is simply emptied. */
void ts_buf_free(ts_buf *b);

/* Empties b (len = pos = 0), keeping its storage. */
void ts_buf_reset(ts_buf *b);

/* Bytes written but not yet read. */
size_t ts_buf_remaining(const ts_buf *b);

/* Pointer to the next unread byte. */
const uint8_t *ts_buf_cursor(const ts_buf *b);

/* Drops the bytes already read, moving unread bytes to the front. */
void ts_buf_compact(ts_buf *b);

/* Ensures room for n more bytes in growable b. */
ts_err ts_buf_reserve(ts_buf *b, size_t n);

/* Append a big-endian integer of 1, 2, 3, 4 or 8 bytes. */
ts_err ts_buf_write_u8(ts_buf *b, uint8_t v);
ts_err ts_buf_write_u16(ts_buf *b, uint16_t v);
ts_err ts_buf_write_u24(ts_buf *b, uint32_t v); /* v < 2^24 else TS_ERR_TOO_LONG */
ts_err ts_buf_write_u32(ts_buf *b, uint32_t v);
ts_err ts_buf_write_u64(ts_buf *b, uint64_t v);
/* Appends n bytes (data may be NULL only when n is 0). */
ts_err ts_buf_write_bytes(ts_buf *b, const uint8_t *data, size_t n);
/* Appends n zero bytes and sets *at to their offset in b->data. */
ts_err ts_buf_write_zeros(ts_buf *b, size_t n, size_t *at);
/* Appends a vector: a width-byte (1, 2 or 3) big-endian length, then data. */
ts_err ts_buf_write_vec(ts_buf *b, unsigned width, const uint8_t *data, size_t n);

/* Opens a vector of the given width: writes a zero length, remembers where. */
ts_err ts_buf_vec_begin(ts_buf *b, unsigned width, size_t *mark);
/* Closes the vector opened at mark: fills in its length (or TS_ERR_TOO_LONG). */
ts_err ts_buf_vec_end(ts_buf *b, unsigned width, size_t mark);

/* Read a big-endian integer of 1, 2, 3, 4 or 8 bytes (TS_ERR_SHORT past the end). */
ts_err ts_buf_read_u8(ts_buf *b, uint8_t *v);
ts_err ts_buf_read_u16(ts_buf *b, uint16_t *v);
ts_err ts_buf_read_u24(ts_buf *b, uint32_t *v);
ts_err ts_buf_read_u32(ts_buf *b, uint32_t *v);
ts_err ts_buf_read_u64(ts_buf *b, uint64_t *v);
/* Copies the next n bytes to out. */
ts_err ts_buf_read_bytes(ts_buf *b, uint8_t *out, size_t n);
/* Makes sub a view of the next n bytes and consumes them. */
ts_err ts_buf_read_view(ts_buf *b, size_t n, ts_buf *sub);
/* Reads a width-byte length, then makes sub a view of that many bytes;
 * the length must lie in [min, max] else TS_ERR_DECODE. */
ts_err ts_buf_read_vec(ts_buf *b, unsigned width, size_t min, size_t max, ts_buf *sub);
/* Skips n bytes. */
ts_err ts_buf_skip(ts_buf *b, size_t n);
/* TS_OK when every byte has been read, else TS_ERR_TRAILING. */
ts_err ts_buf_expect_end(const ts_buf *b);

/* Copies all of src's unread bytes into a new growable buffer dst. */
ts_err ts_buf_copy(ts_buf *dst, const ts_buf *src);

#endif
