/* ui_compare: TLS 1.2 and TLS 1.3 of the same seed side by side (key v,
 * `tlsstep ui --compare`). The messages of both runs lined up row by row
 * where they correspond (simulation/ts_compare); rows not reached yet are
 * dim, encrypted messages marked. Under them: the current row's note, the
 * values each version derives at that row (★ those the other version does
 * not have), and the run-wide differences: round trips, encrypted
 * handshake messages, where the keys come from, where the server's
 * signature is. n/p step both columns together; v or Esc goes back to the
 * main view at the step of the run that matches the row. */
#ifndef UI_COMPARE_H
#define UI_COMPARE_H

#include <stdbool.h>

#include "ui/ui_app.h"

/* Opens the comparison at the row of the run's cursor, making and running
 * the other version's run the first time. False (with a message on the
 * status line) when it cannot be made. */
bool ui_compare_open(ui_app *a);

/* Draws the comparison in r. */
void ui_compare_draw(ui_app *a, const ui_rect *r);

/* Handles a key in the comparison; every key is its own (true). */
bool ui_compare_key(ui_app *a, int key);

#endif
