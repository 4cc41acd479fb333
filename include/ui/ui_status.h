/* ui_status: the status line: lesson, step k/N, suite, key size, seed,
 * language, then the message of the moment or the key hints. */
#ifndef UI_STATUS_H
#define UI_STATUS_H

#include "ui/ui_app.h"

/* Draws the status line in r (one row). */
void ui_status_draw(ui_app *a, const ui_rect *r);

#endif
