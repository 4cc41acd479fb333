/* ui_layout: where each pane goes for the terminal size, and the frame
 * around them: the separators between the panes and the message shown
 * instead when the terminal is below the minimum size. */
#ifndef UI_LAYOUT_H
#define UI_LAYOUT_H

#include <stdbool.h>

#include "ui/ui_app.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24
#define UI_LARGE_COLS 160 /* from this size on (a projector), the large layout */
#define UI_LARGE_LINES 45

typedef struct {
    bool too_small;
    bool large;                      /* UI_LARGE_COLS × UI_LARGE_LINES or more */
    ui_rect detail;                  /* large: the selected item's detail, right of the server */
    ui_rect client, channel, server; /* top: the two sides and the channel */
    ui_rect narration;               /* below them, full width */
    ui_rect body;                    /* all but the status line (inspector, editor, help) */
    ui_rect status;                  /* the last line */
} ui_geom;

/* Splits a lines × cols screen into panes; a lesson's narration gets a
 * third of the height, the built-in one a quarter (at least 6 rows). On a
 * large screen the narration gets narr_need rows (within a quarter and a
 * half of the height) and a detail pane takes two fifths of the width
 * beside the diagram. */
void ui_layout_compute(int lines, int cols, bool lesson, int narr_need, ui_geom *g);

/* Draws, centred on a lines × cols screen in lang, that it is smaller than
 * UI_MIN_COLS × UI_MIN_LINES. */
void ui_layout_too_small(int lines, int cols, ts_lang lang);

/* Draws the dim vertical lines between the client, channel and server. */
void ui_layout_separators(const ui_geom *g);

#endif
