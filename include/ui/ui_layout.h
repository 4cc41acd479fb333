/* ui_layout: where each pane goes for the terminal size, the minimum size
 * check, and the drawing of the whole screen for the open view. */
#ifndef UI_LAYOUT_H
#define UI_LAYOUT_H

#include <stdbool.h>

#include "ui/ui_app.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

typedef struct {
    bool too_small;
    ui_rect client, channel, server; /* top: the two sides and the channel */
    ui_rect narration;               /* below them, full width */
    ui_rect body;                    /* all but the status line (inspector, editor, help) */
    ui_rect status;                  /* the last line */
} ui_geom;

/* Splits a lines × cols screen into panes; a lesson's narration gets a
 * third of the height, the built-in one a quarter (at least 6 rows). */
void ui_layout_compute(int lines, int cols, bool lesson, ui_geom *g);

/* Draws the whole screen (stdscr) for a's view and sends it to the
 * terminal; a full repaint when full is true. */
void ui_draw(ui_app *a, bool full);

/* Writes a pane title across w columns at (y, x), reversed when focused. */
void ui_layout_title(int y, int x, int w, const char *title, bool focus);

/* Draws a dim horizontal rule w columns wide at (y, x). */
void ui_layout_rule(int y, int x, int w);

#endif
