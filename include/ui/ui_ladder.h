/* ui_ladder: the key schedule as a ladder (key s): the rungs of
 * ui_ladder_model, one a line, with their values known at the cursor in
 * short hex (not yet derived: dim), inputs coming in from the side of the
 * derive they feed; the selected rung's derivation below, and on a large
 * terminal its inspector beside the ladder. Stepping keys keep working, and
 * the rung derived last is selected as it appears. */
#ifndef UI_LADDER_H
#define UI_LADDER_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/ui_app.h"

/* Opens the ladder view on the rung derived last. */
void ui_ladder_open(ui_app *a);

/* Draws the ladder in r (beside it, the selected rung's inspector when
 * large). */
void ui_ladder_draw(ui_app *a, const ui_rect *r, bool large);

/* ↑/↓/j/k/PgUp/PgDn select a rung, Enter inspects it, Esc or s closes the
 * view; false for other keys. */
bool ui_ladder_key(ui_app *a, int key);

/* The trace index of the selected rung's step (the value y copies a command
 * of), or SIZE_MAX when it is not derived yet. */
size_t ui_ladder_selected_step(const ui_app *a);

#endif
