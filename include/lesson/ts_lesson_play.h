/* ts_lesson_play: plays a lesson without the UI, as `tlsstep run --lesson`
 * prints it: a handshake lesson's narration woven into the run's text
 * transcript (each section before the first step it is attached to), or the
 * textbook-RSA lesson (ts_lesson_textbook.h). Also the value
 * lookup that fills {{NAME}} placeholders from a run (for the UI too).
 * Functions that can fail return ts_err. */
#ifndef TS_LESSON_PLAY_H
#define TS_LESSON_PLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/ts_lang.h"
#include "lesson/ts_lesson.h"
#include "lesson/ts_lesson_render.h"
#include "simulation/ts_session.h"

/* Context of ts_lesson_run_value: the session and the step the text is
 * shown at (values derived at steps <= k are preferred), and the language
 * of the words around a value ("48 bytes", "ok"; English when left 0). */
typedef struct {
    const ts_session *s;
    size_t k;
    ts_lang lang;
} ts_lesson_values;

/* A ts_lesson_value_fn over a run (ctx: a ts_lesson_values): NAME or
 * SIDE:NAME is the latest value step of that name at or before k (else the
 * first after it), shown as hex, long values shortened ("a1b2...ff (48
 * bytes)"); checks give "ok" or "failed" (the words in the context's
 * lang); "seed", "suite", "bits", "host"
 * give the run's options. False when nothing matches. */
bool ts_lesson_run_value(void *ctx, const char *name, char *out, size_t cap);

/* Writes the transcript of s's last run with the narration of l in lang
 * (wrapped to width columns) before the steps it belongs to. */
ts_err ts_lesson_play_run(FILE *f, const ts_session *s, const ts_lesson *l, ts_lang lang,
                          unsigned width);

/* Prints one section: its title, then its text rendered (placeholders
 * through fn, which may be NULL) as plain lines after "  | ". */
ts_err ts_lesson_print_section(FILE *f, const ts_lesson_section *sec, unsigned width,
                               ts_lesson_value_fn fn, void *ctx);

#endif
