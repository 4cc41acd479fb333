/* ts_lesson_handout: the HTML handout of a run (export/ts_html.h) with a
 * lesson's narration in it: the lesson layer renders the introduction and
 * each section (placeholders filled with the run's values, as `run
 * --lesson` prints them) and hands them to the page as plain text, each
 * before the first step it is attached to. Used by `tlsstep run --html`
 * and the UI's handout key. Functions return ts_err. */
#ifndef TS_LESSON_HANDOUT_H
#define TS_LESSON_HANDOUT_H

#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "lesson/ts_lesson.h"
#include "simulation/ts_session.h"

/* Writes the handout of s's last run to path ("-": stdout) in lang, with
 * the narration of l (NULL: none; a textbook lesson has none here). */
ts_err ts_lesson_handout_write(const char *path, const ts_session *s, const ts_lesson *l,
                               ts_lang lang);

#endif
