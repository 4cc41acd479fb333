/* ui_inspector: the full-screen inspector. For a record: its decoded fields
 * as a tree beside the hex bytes, the selected field's bytes highlighted (as
 * in Wireshark); for a protected record the nonce, tag and sequence number
 * and, after the record's own fields, the plaintext the simulation holds
 * (in the eavesdropper's view, ui_observer: only its header and opaque bytes).
 * For a value (a step): see ui_inspect_value. */
#ifndef UI_INSPECTOR_H
#define UI_INSPECTOR_H

#include <stdbool.h>

#include "ui/ui_app.h"

/* Opens the inspector on channel record number. */
void ui_inspector_open_record(ui_app *a, size_t number);

/* Opens the inspector on trace step index (a value, check, alert...). */
void ui_inspector_open_step(ui_app *a, size_t index);

/* Draws the inspector in r. */
void ui_inspector_draw(ui_app *a, const ui_rect *r);

/* Draws what insp names in r beside the diagram (a large terminal): as the
 * inspector does, without its key hints. */
void ui_inspector_draw_panel(ui_app *a, ui_inspect *insp, const ui_rect *r);

/* Handles a key while the inspector is open (↑/↓/j/k fields or scroll,
 * PgUp/PgDn, Home/End, Esc closes); false when not the inspector's. */
bool ui_inspector_key(ui_app *a, int key);

/* Closes the inspector when what it shows does not exist at the cursor. */
void ui_inspector_check(ui_app *a);

#endif
