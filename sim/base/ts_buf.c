/* ts_buf: bounded byte buffer with read and write cursors. */
#include "base/ts_buf.h"

#include <stdlib.h>
#include <string.h>

void ts_buf_init(ts_buf *b)
{
    memset(b, 0, sizeof(*b));
    b->growable = true;
    b->limit = TS_BUF_DEFAULT_LIMIT;
}

void ts_buf_view(ts_buf *b, const uint8_t *data, size_t len)
{
    memset(b, 0, sizeof(*b));
    b->data = (uint8_t *)data; /* views are never written: writes check growable */
    b->cap = len;
    b->len = len;
    b->limit = len;
}

void ts_buf_set_limit(ts_buf *b, size_t limit)
{
    b->limit = limit;
}

void ts_buf_free(ts_buf *b)
{
    bool growable = b->growable;
    size_t limit = b->limit;
    if (growable) {
        free(b->data);
    }
    memset(b, 0, sizeof(*b));
    b->growable = growable;
    b->limit = growable ? limit : 0;
}

void ts_buf_reset(ts_buf *b)
{
    b->len = 0;
    b->pos = 0;
}

size_t ts_buf_remaining(const ts_buf *b)
{
    return b->len - b->pos;
}

const uint8_t *ts_buf_cursor(const ts_buf *b)
{
    return b->data == NULL ? (const uint8_t *)"" : b->data + b->pos;
}

void ts_buf_compact(ts_buf *b)
{
    if (!b->growable || b->pos == 0) {
        return;
    }
    memmove(b->data, b->data + b->pos, b->len - b->pos);
    b->len -= b->pos;
    b->pos = 0;
}

ts_err ts_buf_reserve(ts_buf *b, size_t n)
{
    TS_ENSURE(b->growable, TS_ERR_ARG);
    TS_ENSURE(n <= b->limit && b->len <= b->limit - n, TS_ERR_TOO_LONG);
    if (b->len + n <= b->cap) {
        return TS_OK;
    }
    size_t cap = b->cap < 64 ? 64 : b->cap;
    while (cap < b->len + n) {
        cap = cap > SIZE_MAX / 2 ? b->len + n : cap * 2;
    }
    if (cap > b->limit) {
        cap = b->limit;
    }
    uint8_t *p = realloc(b->data, cap);
    TS_ENSURE(p != NULL, TS_ERR_NOMEM);
    b->data = p;
    b->cap = cap;
    return TS_OK;
}

static ts_err write_be(ts_buf *b, uint64_t v, unsigned width)
{
    TS_GUARD(ts_buf_reserve(b, width));
    for (unsigned i = 0; i < width; i++) {
        b->data[b->len + i] = (uint8_t)(v >> (8 * (width - 1 - i)));
    }
    b->len += width;
    return TS_OK;
}

ts_err ts_buf_write_u8(ts_buf *b, uint8_t v)
{
    return write_be(b, v, 1);
}

ts_err ts_buf_write_u16(ts_buf *b, uint16_t v)
{
    return write_be(b, v, 2);
}

ts_err ts_buf_write_u24(ts_buf *b, uint32_t v)
{
    TS_ENSURE(v < (1u << 24), TS_ERR_TOO_LONG);
    return write_be(b, v, 3);
}

ts_err ts_buf_write_u32(ts_buf *b, uint32_t v)
{
    return write_be(b, v, 4);
}

ts_err ts_buf_write_u64(ts_buf *b, uint64_t v)
{
    return write_be(b, v, 8);
}

ts_err ts_buf_write_bytes(ts_buf *b, const uint8_t *data, size_t n)
{
    if (n == 0) {
        return b->growable ? TS_OK : TS_ERR_ARG;
    }
    TS_ENSURE(data != NULL, TS_ERR_ARG);
    TS_GUARD(ts_buf_reserve(b, n));
    memmove(b->data + b->len, data, n);
    b->len += n;
    return TS_OK;
}

ts_err ts_buf_write_zeros(ts_buf *b, size_t n, size_t *at)
{
    TS_GUARD(ts_buf_reserve(b, n));
    if (n > 0) {
        memset(b->data + b->len, 0, n);
    }
    if (at != NULL) {
        *at = b->len;
    }
    b->len += n;
    return TS_OK;
}

static size_t width_max(unsigned width)
{
    return width >= 3 ? 0xFFFFFFu : ((size_t)1 << (8 * width)) - 1;
}

ts_err ts_buf_write_vec(ts_buf *b, unsigned width, const uint8_t *data, size_t n)
{
    TS_ENSURE(width >= 1 && width <= 3, TS_ERR_ARG);
    TS_ENSURE(n <= width_max(width), TS_ERR_TOO_LONG);
    TS_GUARD(write_be(b, n, width));
    return ts_buf_write_bytes(b, data, n);
}

ts_err ts_buf_vec_begin(ts_buf *b, unsigned width, size_t *mark)
{
    TS_ENSURE(width >= 1 && width <= 3, TS_ERR_ARG);
    TS_GUARD(write_be(b, 0, width));
    *mark = b->len;
    return TS_OK;
}

ts_err ts_buf_vec_end(ts_buf *b, unsigned width, size_t mark)
{
    TS_ENSURE(width >= 1 && width <= 3 && mark >= width && mark <= b->len, TS_ERR_ARG);
    size_t n = b->len - mark;
    TS_ENSURE(n <= width_max(width), TS_ERR_TOO_LONG);
    for (unsigned i = 0; i < width; i++) {
        b->data[mark - width + i] = (uint8_t)(n >> (8 * (width - 1 - i)));
    }
    return TS_OK;
}

static ts_err read_be(ts_buf *b, unsigned width, uint64_t *v)
{
    TS_ENSURE(ts_buf_remaining(b) >= width, TS_ERR_SHORT);
    uint64_t x = 0;
    for (unsigned i = 0; i < width; i++) {
        x = (x << 8) | b->data[b->pos + i];
    }
    b->pos += width;
    *v = x;
    return TS_OK;
}

ts_err ts_buf_read_u8(ts_buf *b, uint8_t *v)
{
    uint64_t x;
    TS_GUARD(read_be(b, 1, &x));
    *v = (uint8_t)x;
    return TS_OK;
}

ts_err ts_buf_read_u16(ts_buf *b, uint16_t *v)
{
    uint64_t x;
    TS_GUARD(read_be(b, 2, &x));
    *v = (uint16_t)x;
    return TS_OK;
}

ts_err ts_buf_read_u24(ts_buf *b, uint32_t *v)
{
    uint64_t x;
    TS_GUARD(read_be(b, 3, &x));
    *v = (uint32_t)x;
    return TS_OK;
}

ts_err ts_buf_read_u32(ts_buf *b, uint32_t *v)
{
    uint64_t x;
    TS_GUARD(read_be(b, 4, &x));
    *v = (uint32_t)x;
    return TS_OK;
}

ts_err ts_buf_read_u64(ts_buf *b, uint64_t *v)
{
    return read_be(b, 8, v);
}

ts_err ts_buf_read_bytes(ts_buf *b, uint8_t *out, size_t n)
{
    TS_ENSURE(ts_buf_remaining(b) >= n, TS_ERR_SHORT);
    if (n > 0) {
        memcpy(out, b->data + b->pos, n);
    }
    b->pos += n;
    return TS_OK;
}

ts_err ts_buf_read_view(ts_buf *b, size_t n, ts_buf *sub)
{
    TS_ENSURE(ts_buf_remaining(b) >= n, TS_ERR_SHORT);
    ts_buf_view(sub, ts_buf_cursor(b), n);
    b->pos += n;
    return TS_OK;
}

ts_err ts_buf_read_vec(ts_buf *b, unsigned width, size_t min, size_t max, ts_buf *sub)
{
    TS_ENSURE(width >= 1 && width <= 3, TS_ERR_ARG);
    size_t start = b->pos;
    uint64_t n;
    TS_GUARD(read_be(b, width, &n));
    if (n < min || n > max) {
        b->pos = start;
        return TS_ERR_DECODE;
    }
    if (ts_buf_remaining(b) < n) {
        b->pos = start;
        return TS_ERR_SHORT;
    }
    return ts_buf_read_view(b, (size_t)n, sub);
}

ts_err ts_buf_skip(ts_buf *b, size_t n)
{
    TS_ENSURE(ts_buf_remaining(b) >= n, TS_ERR_SHORT);
    b->pos += n;
    return TS_OK;
}

ts_err ts_buf_expect_end(const ts_buf *b)
{
    return ts_buf_remaining(b) == 0 ? TS_OK : TS_ERR_TRAILING;
}

ts_err ts_buf_copy(ts_buf *dst, const ts_buf *src)
{
    ts_buf_init(dst);
    return ts_buf_write_bytes(dst, ts_buf_cursor(src), ts_buf_remaining(src));
}
