/* ui_narration: the text for the current step. A lesson loader can supply
 * text first (a source: function plus context pointer); otherwise the
 * built-in description of the step (ui_steps) in the UI's language. */
#ifndef UI_NARRATION_H
#define UI_NARRATION_H

#include "ts_trace.h"
#include "ui_app.h"
#include "ui_text.h"

/* A source of lesson text: returns the text for step in lang, or NULL to
 * let the built-in description speak. */
typedef const char *(*ui_narration_source)(void *ctx, const ts_step *step, ui_lang lang);

/* Sets the lesson source (NULL removes it). */
void ui_narration_set_source(ui_narration_source fn, void *ctx);

/* The narration of step in lang: the source's text if it has one, else the
 * built-in description (never NULL; step NULL: the text before step 1). */
const char *ui_narration(const ts_step *step, ui_lang lang);

/* Draws the narration pane in r: heading, text, and the step's own detail
 * (how a value was got, why a check failed); at the end, how the run ended. */
void ui_narration_draw(ui_app *a, const ui_rect *r);

#endif
