/* ui_help: the help box (`?`) listing every key, in the UI's language. */
#ifndef UI_HELP_H
#define UI_HELP_H

#include <stdbool.h>

#include "ui/ui_app.h"

/* Draws the help box centred in r, over what is there. */
void ui_help_draw(ui_app *a, const ui_rect *r);

/* Any key but a resize closes the help (q also quits); returns true. */
bool ui_help_key(ui_app *a, int key);

#endif
