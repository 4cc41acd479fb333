/* ts_html: a handout of a run as one self-contained HTML page (inline CSS,
 * SVG and a small script that only adds highlighting and copy buttons; no
 * network, no external fonts or scripts; readable without JavaScript and
 * printable on A4). The page holds, in lang: the run's options and result,
 * the sequence diagram (SVG, records numbered, protected and tampered ones
 * marked), every step in order with each record's bytes annotated field by
 * field (a table with offsets and hex; hover, click or focus a field to
 * light its bytes and the other way round), the plaintext of protected
 * records, every derived value with its formula, inputs and reproduce
 * commands (ts_reproduce), the lesson's narration given in opts, the
 * certificates decoded, and for a run with tamper, drop or replay actions
 * the same run untampered beside it (the bytes changed, the first failed
 * check, the alert that followed). Application data records after the
 * first are folded in <details>. Every string and every byte a peer sent is
 * escaped by the one function ts_html_text (export/internal/ts_html_out.h).
 * Functions that can fail return ts_err. */
#ifndef TS_HTML_H
#define TS_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "simulation/ts_session.h"

/* ts_html_note.step of the lesson's introduction (shown before the steps). */
#define TS_HTML_INTRO ((size_t)-1)

/* A piece of narration text and how it looks. */
enum {
    TS_HTML_BOLD = 1u << 0,
    TS_HTML_EMPH = 1u << 1,
    TS_HTML_CODE = 1u << 2,  /* code, and a value from the run */
    TS_HTML_LINE = 1u << 3,  /* starts a new line */
    TS_HTML_PARA = 1u << 4   /* starts a new paragraph */
};

typedef struct {
    const char *text; /* UTF-8, escaped when written */
    unsigned style;   /* TS_HTML_* bits */
} ts_html_span;

/* One section of narration, shown before step `step` of the trace. */
typedef struct {
    size_t step;
    const char *title; /* may be NULL or "" */
    const ts_html_span *spans;
    size_t n_spans;
} ts_html_note;

typedef struct {
    ts_lang lang;               /* the page's language (its lang attribute) */
    const char *lesson_id;      /* NULL: no lesson */
    const char *lesson_title;
    const ts_html_note *notes;  /* n_notes, in step order */
    size_t n_notes;
} ts_html_opts;

/* Writes the page of s's last run to f; TS_ERR_ARG before a run, TS_ERR_IO
 * when f reports an error. opts may be NULL (English, no lesson). */
ts_err ts_html_write(FILE *f, const ts_session *s, const ts_html_opts *opts);

/* Writes the page to path ("-": stdout) in one piece, atomically. */
ts_err ts_html_file(const char *path, const ts_session *s, const ts_html_opts *opts);

#endif
