/* ui_editor: the hex editor for a record in flight (`e`) and dropping one
 * (`d`). The edit becomes a TS_ACT_EDIT action (a drop TS_ACT_DROP) handed
 * to the session, which re-runs with it: back and forward replay it, and
 * the cursor stays where it was. */
#ifndef UI_EDITOR_H
#define UI_EDITOR_H

#include <stdbool.h>

#include "ui/ui_app.h"

/* Opens the editor on the channel pane's selected record if it is in
 * flight; for one already delivered, offers in the status line to go to
 * the step where it is in flight (a->offer_*: e again or Enter there);
 * else says why not. */
void ui_editor_open(ui_app *a);

/* Toggles dropping the selected record in flight (re-runs the session);
 * offers to go back for a delivered one, as ui_editor_open. */
void ui_editor_drop(ui_app *a);

/* Draws the editor in r. */
void ui_editor_draw(ui_app *a, const ui_rect *r);

/* Handles every key while the editor is open (arrows, hex digits,
 * Backspace, r, Enter applies, Esc cancels). */
bool ui_editor_key(ui_app *a, int key);

#endif
