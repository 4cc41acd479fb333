/* ui_nav: moving a selection through a list: the cursor keys, the window
 * of rows that keeps it visible, and opening the inspector on it. */
#ifndef UI_NAV_H
#define UI_NAV_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/ui_app.h"

/* Moves *pos for ↑/k, ↓/j (one) and PgUp/PgDn (ten), kept below n (use
 * SIZE_MAX when clamped later); false, *pos unchanged, for other keys. */
bool ui_nav_move(size_t *pos, int key, size_t n);

/* The first row shown so that row sel of n stays among rows rows, given
 * the previous first row top. */
int ui_nav_top(int top, size_t sel, size_t n, int rows);

/* True when there are n > 0 items to open; else shows "nothing to
 * inspect" on the status line and returns false. */
bool ui_nav_can_open(ui_app *a, size_t n);

#endif
