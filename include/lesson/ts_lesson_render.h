/* ts_lesson_render: lesson Markdown (cmark's AST) as lines of styled spans
 * for a terminal, wrapped to a width in display columns as base/ts_text.h
 * measures them (Hangul and other wide characters count two). Plain data:
 * the UI maps the attributes to its colours, `run --lesson` prints them
 * with light markup. Placeholders {{NAME}} in the text are replaced by a
 * caller's lookup (the real values of a run). Functions that can fail
 * return ts_err. */
#ifndef TS_LESSON_RENDER_H
#define TS_LESSON_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/ts_err.h"

typedef enum {
    TS_SPAN_BOLD = 1u << 0,
    TS_SPAN_EMPH = 1u << 1,
    TS_SPAN_CODE = 1u << 2,    /* inline code and code blocks */
    TS_SPAN_HEADING = 1u << 3,
    TS_SPAN_LINK = 1u << 4,
    TS_SPAN_BULLET = 1u << 5,  /* a list item's marker ("- ", "1. ") */
    TS_SPAN_QUOTE = 1u << 6,   /* inside a block quote */
    TS_SPAN_VALUE = 1u << 7    /* a value put in for {{NAME}} */
} ts_span_attr;

typedef struct {
    char *text;     /* UTF-8, never holds a newline */
    unsigned attr;  /* ts_span_attr bits */
} ts_span;

typedef struct {
    unsigned indent; /* columns of blank before the first span */
    ts_span *spans;
    size_t n;
} ts_text_line;

typedef struct {
    ts_text_line *lines;
    size_t n;
} ts_text;

/* Looks up placeholder name: writes its text to out (cap bytes) and returns
 * true, or returns false to leave "{{name}}" as written. */
typedef bool (*ts_lesson_value_fn)(void *ctx, const char *name, char *out, size_t cap);

/* Renders markdown into out (initialised here; free with ts_text_free),
 * wrapped to width columns (at least 20). fn may be NULL. */
ts_err ts_lesson_render(const char *markdown, unsigned width, ts_lesson_value_fn fn, void *ctx,
                        ts_text *out);

/* Frees t's lines (t itself is the caller's). */
void ts_text_free(ts_text *t);

/* Writes t as plain text, each line after prefix: *bold*, `code`, the rest
 * as it is. TS_ERR_IO when f reports an error. */
ts_err ts_text_write_plain(FILE *f, const ts_text *t, const char *prefix);

#endif
