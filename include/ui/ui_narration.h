/* ui_narration: the narration pane. With a lesson (ts_lesson.h) it shows
 * the lesson's section in force at the cursor (ts_lesson_narration_at: the
 * latest section at or before the step), rendered with its emphasis, code
 * and lists (ts_lesson_render.h) and with {{NAME}} filled from the session
 * (ts_lesson_run_value); below it, or alone when there is no lesson, the
 * built-in one-line description of the step (ui_steps) and the step's own
 * detail. Functions that can fail return ts_err. */
#ifndef UI_NARRATION_H
#define UI_NARRATION_H

#include "base/ts_err.h"
#include "lesson/ts_lesson.h"
#include "lesson/ts_lesson_render.h"
#include "simulation/ts_trace.h"
#include "ui/ui_app.h"
#include "ui/ui_text.h"

/* The built-in description of step in lang (never NULL; step NULL: the
 * text before step 1). */
const char *ui_narration(const ts_step *step, ts_lang lang);

/* Renders the lesson text in force at a's cursor, wrapped to width
 * columns, into out (initialised here; free with ts_text_free): the
 * section's title as a heading, then its body; for an exercise at its
 * introduction, the task and the incident too. *sec (if not NULL) gets the
 * section (NULL, and out empty, when a has no lesson). */
ts_err ui_narration_lesson(const ui_app *a, unsigned width, ts_text *out,
                           const ts_lesson_section **sec);

/* As ui_narration_lesson; *at receives the cursor at which the section
 * came into force (0: the introduction). */
ts_err ui_narration_lesson_at(const ui_app *a, unsigned width, ts_text *out,
                              const ts_lesson_section **sec, size_t *at);

/* The heading at a's cursor in a's language: "Narration — step k/N: side
 * kind: name in people's words". */
void ui_narration_heading(const ui_app *a, char *buf, size_t n);

/* The rows the narration pane needs at a's cursor in cols columns (the
 * whole lesson text, the built-in lines and the heading). */
int ui_narration_need(ui_app *a, int cols);

/* Scrolls the lesson text by delta lines (within what was last drawn). */
void ui_narration_scroll(ui_app *a, int delta);

/* Draws the narration pane in r: heading, the lesson's text, the built-in
 * description and the step's own detail (how a value was got, why a check
 * failed); at the end, how the run ended. */
void ui_narration_draw(ui_app *a, const ui_rect *r);

#endif
