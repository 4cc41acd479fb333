/* ui_layout: the screen split into panes, and the frame around them. */
#include "ui/ui_layout.h"

#include <ncurses.h>
#include <stdio.h>

#include "ui/ui_color.h"
#include "ui/ui_wide.h"

void ui_layout_compute(int lines, int cols, bool lesson, int narr_need, ui_geom *g)
{
    g->too_small = lines < UI_MIN_LINES || cols < UI_MIN_COLS;
    g->large = cols >= UI_LARGE_COLS && lines >= UI_LARGE_LINES;
    g->status = (ui_rect){lines - 1, 0, 1, cols};
    g->body = (ui_rect){0, 0, lines - 1, cols};
    int narr = lesson ? lines / 3 : lines / 4;
    narr = narr < 6 ? 6 : narr;
    int width = cols;
    g->detail = (ui_rect){0, 0, 0, 0};
    if (g->large) {
        /* the narration takes the rows it needs, between a quarter and
         * half of the screen; the selected item's detail sits beside the
         * diagram */
        narr = narr_need < lines / 4 ? lines / 4 : narr_need > lines / 2 ? lines / 2 : narr_need;
        width = cols - cols * 2 / 5;
    }
    int top = lines - 1 - narr;
    int side = (width - 2) / 3;
    int mid = width - 2 - 2 * side;
    g->client = (ui_rect){0, 0, top, side};
    g->channel = (ui_rect){0, side + 1, top, mid};
    g->server = (ui_rect){0, side + mid + 2, top, side};
    if (g->large) {
        g->detail = (ui_rect){0, width + 1, top, cols - width - 1};
    }
    g->narration = (ui_rect){top, 0, narr, cols};
}

void ui_layout_too_small(int lines, int cols, ts_lang lang)
{
    char buf[256];
    snprintf(buf, sizeof(buf), ui_t(UI_T_TOO_SMALL, lang), cols, lines, UI_MIN_COLS,
             UI_MIN_LINES);
    int w = cols - 2 < 1 ? 1 : cols - 2;
    int n = ui_wide_lines(buf, w);
    int y = (lines - n) / 2 < 0 ? 0 : (lines - n) / 2;
    int bw = ui_wide_width(buf);
    int x = bw < w ? (cols - bw) / 2 : 1;
    ui_wide_wrap(stdscr, y, x, lines - y, w, buf, 0, ui_attr(UI_C_ALERT));
}

void ui_layout_separators(const ui_geom *g)
{
    attrset(ui_attr(UI_C_DIM));
    mvvline(g->client.y, g->channel.x - 1, ACS_VLINE, g->client.h);
    mvvline(g->client.y, g->server.x - 1, ACS_VLINE, g->client.h);
    if (g->large) {
        mvvline(g->client.y, g->detail.x - 1, ACS_VLINE, g->client.h);
    }
    attrset(A_NORMAL);
}
