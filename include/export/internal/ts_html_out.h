/* ts_html_out: the private pieces of the HTML handout (export/ts_html.h):
 * the one escaping function every string and byte goes through, and the
 * writers of the page's parts, each in its own file. */
#ifndef TS_HTML_OUT_H
#define TS_HTML_OUT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/ts_i18n.h"
#include "base/ts_lang.h"
#include "simulation/ts_chan.h"
#include "simulation/ts_session.h"
#include "simulation/ts_trace.h"

/* Writes the n bytes at p as HTML text: & < > " ' as entities, valid UTF-8
 * kept, a control byte or a byte of invalid UTF-8 as "\xNN". The one
 * escaping function of the page. */
void ts_html_text(FILE *f, const void *p, size_t n);

/* ts_html_text of a NUL-terminated string (NULL: nothing). */
void ts_html_str(FILE *f, const char *s);

/* printf(fmt, ...) with the result escaped by ts_html_text. */
void ts_html_fmt(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The n bytes at p as lowercase hex (safe: no escaping needed). */
void ts_html_hex(FILE *f, const uint8_t *p, size_t n);

/* ts_tr(lang, msgid), escaped. */
void ts_html_tr(FILE *f, ts_lang lang, const char *msgid);

/* An engine sentence (ts_tr_text) in lang, escaped. */
void ts_html_tr_text(FILE *f, ts_lang lang, const char *english);

/* The style sheet and the script (ts_html_assets.c). */
extern const char ts_html_css[];
extern const char ts_html_js[];

/* The sequence diagram of the records on ch as an inline <svg>; id_prefix
 * names the links ("rec-": each arrow links to #rec-N; NULL: no links);
 * name makes its ids unique in the page ("diagram": its arrowhead is
 * "diagram-ah"). */
void ts_html_svg(FILE *f, const ts_chan *ch, ts_lang lang, const char *id_prefix,
                 const char *name);

/* Record r as an <article id="rec-N">: its header line, the annotated
 * bytes (sent, and delivered when tampered), the field table, the
 * plaintext of a protected record; folded in <details> when fold. */
void ts_html_record(FILE *f, const ts_chan_record *r, ts_lang lang, bool fold);

/* Step st (a derived value) as a block: name, side, how, formula,
 * inputs, reproduce commands, the value. */
void ts_html_value(FILE *f, const ts_step *st, ts_lang lang);

/* A step that is neither a record nor a value, as one line (<li>). */
void ts_html_step_line(FILE *f, const ts_step *st, ts_lang lang);

/* The certificates of s, decoded. */
void ts_html_certs(FILE *f, const ts_session *s, ts_lang lang);

/* For a run with actions: the same run untampered beside it (a new session
 * with s's options and keys, no actions). */
void ts_html_compare(FILE *f, const ts_session *s, ts_lang lang);

#endif
