/* ts_fields: decoded fields with their byte ranges. */
#include "base/ts_fields.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_templates.h"

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

/* Appends a field whose value is the n bytes at text, shown as safe text
 * (ts_hex_escape_text: nothing a peer chose can drive a terminal). */
static ts_err add_item(ts_fields *f, int depth, const char *name, size_t offset, size_t len,
                       const uint8_t *text, size_t n)
{
    if (f->truncated) {
        return TS_OK;
    }
    TS_GUARD(grow(f));
    ts_field *it = &f->items[f->n];
    memset(it, 0, sizeof(*it));
    it->offset = offset;
    it->depth = depth;
    f->n++;
    if (f->n == TS_FIELDS_MAX) {
        f->truncated = true;
        snprintf(it->name, sizeof(it->name), "truncated");
        snprintf(it->value, sizeof(it->value), "%s", N_("more fields not shown"));
        return TS_OK;
    }
    snprintf(it->name, sizeof(it->name), "%s", name != NULL ? name : "");
    ts_hex_escape_text(it->value, sizeof(it->value), text, n);
    it->len = len;
    return TS_OK;
}

ts_err ts_fields_add(ts_fields *f, int depth, const char *name, size_t offset,
                     size_t len, const char *fmt, ...)
{
    if (f == NULL) {
        return TS_OK;
    }
    char raw[sizeof(f->items[0].value)] = "";
    int got = 0;
    if (fmt != NULL) {
        va_list ap;
        va_start(ap, fmt);
        got = vsnprintf(raw, sizeof(raw), fmt, ap);
        va_end(ap);
    }
    size_t n = got < 0 ? 0 : (size_t)got < sizeof(raw) ? (size_t)got : sizeof(raw) - 1;
    return add_item(f, depth, name, offset, len, (const uint8_t *)raw, n);
}

ts_err ts_fields_add_text(ts_fields *f, int depth, const char *name, size_t offset,
                          const uint8_t *text, size_t n)
{
    if (f == NULL) {
        return TS_OK;
    }
    return add_item(f, depth, name, offset, n, text, n);
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
    return ts_fields_add(f, depth, name, offset, n, TS_TPL_FIELD_HEX_CUT, hex, n);
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
