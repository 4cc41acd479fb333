/* ts_fields: decoded fields with their byte ranges. */
#include "ts_fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ts_hex.h"

void ts_fields_init(ts_fields *f)
{
    memset(f, 0, sizeof(*f));
}

void ts_fields_free(ts_fields *f)
{
    free(f->items);
    memset(f, 0, sizeof(*f));
}

static ts_err grow(ts_fields *f)
{
    if (f->n < f->cap) {
        return TS_OK;
    }
    TS_ENSURE(f->cap < TS_FIELDS_MAX, TS_ERR_TOO_LONG);
    size_t cap = f->cap == 0 ? 32 : f->cap * 2;
    if (cap > TS_FIELDS_MAX) {
        cap = TS_FIELDS_MAX;
    }
    ts_field *p = realloc(f->items, cap * sizeof(*p));
    TS_ENSURE(p != NULL, TS_ERR_NOMEM);
    f->items = p;
    f->cap = cap;
    return TS_OK;
}

static ts_err add_v(ts_fields *f, int depth, const char *name, size_t offset, size_t len,
                    const char *fmt, va_list ap)
{
    TS_GUARD(grow(f));
    ts_field *it = &f->items[f->n];
    memset(it, 0, sizeof(*it));
    snprintf(it->name, sizeof(it->name), "%s", name != NULL ? name : "");
    if (fmt != NULL) {
        vsnprintf(it->value, sizeof(it->value), fmt, ap);
    }
    it->offset = offset;
    it->len = len;
    it->depth = depth;
    f->n++;
    return TS_OK;
}

ts_err ts_fields_add(ts_fields *f, int depth, const char *name, size_t offset,
                     size_t len, const char *fmt, ...)
{
    if (f == NULL) {
        return TS_OK;
    }
    va_list ap;
    va_start(ap, fmt);
    ts_err err = add_v(f, depth, name, offset, len, fmt, ap);
    va_end(ap);
    return err;
}

/* Bytes of hex shown in full: 2 * 79 + NUL fits in ts_field.value. */
#define HEX_FULL 79
#define HEX_SHORT 64

ts_err ts_fields_add_hex(ts_fields *f, int depth, const char *name, size_t offset,
                         const uint8_t *data, size_t n)
{
    if (f == NULL) {
        return TS_OK;
    }
    char hex[2 * HEX_FULL + 1];
    if (n <= HEX_FULL) {
        ts_hex_encode(data, n, hex);
        return ts_fields_add(f, depth, name, offset, n, "%s", hex);
    }
    ts_hex_encode(data, HEX_SHORT, hex);
    return ts_fields_add(f, depth, name, offset, n, "%s... (%zu bytes)", hex, n);
}

void ts_fields_begin(ts_fields *f, const ts_buf *b)
{
    if (f != NULL && f->origin == NULL) {
        f->origin = ts_buf_cursor(b);
    }
}

size_t ts_fields_offset(const ts_fields *f, const ts_buf *b)
{
    if (f == NULL || f->origin == NULL) {
        return 0;
    }
    return (size_t)(ts_buf_cursor(b) - f->origin) + f->base;
}

const ts_field *ts_fields_find(const ts_fields *f, const char *name, size_t from)
{
    for (size_t i = from; f != NULL && i < f->n; i++) {
        if (strcmp(f->items[i].name, name) == 0) {
            return &f->items[i];
        }
    }
    return NULL;
}
