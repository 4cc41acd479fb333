/* ui_party: the client and server panes: what each side knows after the
 * first k steps (its values, checks, alerts, wipes), the value that just
 * appeared highlighted, and below the list how the selected one was got. */
#ifndef UI_PARTY_H
#define UI_PARTY_H

#include <stdbool.h>

#include "ui/ui_app.h"

/* Draws side's pane in r. */
void ui_party_draw(ui_app *a, ts_side side, const ui_rect *r);

/* Handles a key for side's pane (↑/↓/j/k/PgUp/PgDn move, Enter inspects);
 * false when the key is not the pane's. */
bool ui_party_key(ui_app *a, ts_side side, int key);

#endif
