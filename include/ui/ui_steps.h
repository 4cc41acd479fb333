/* ui_steps: the built-in short description of each step the engine emits
 * (prompts/steps.md), in English and Korean, used when no lesson text
 * exists for a step. */
#ifndef UI_STEPS_H
#define UI_STEPS_H

#include "simulation/ts_trace.h"
#include "ui/ui_text.h"

/* The built-in description of step in lang: matched on its kind, side and
 * name; a generic sentence for a step not in the table (never NULL). */
const char *ui_steps_text(const ts_step *step, ts_lang lang);

#endif
