/* ui_layout: the screen split into panes, and the one function that draws
 * everything for the open view. */
#include "ui/ui_layout.h"

#include <stdio.h>

#include "ui/ui_channel.h"
#include "ui/ui_color.h"
#include "ui/ui_editor.h"
#include "ui/ui_help.h"
#include "ui/ui_inspector.h"
#include "ui/ui_narration.h"
#include "ui/ui_party.h"
#include "ui/ui_status.h"
#include "ui/ui_wide.h"

void ui_layout_compute(int lines, int cols, bool lesson, ui_geom *g)
{
    g->too_small = lines < UI_MIN_LINES || cols < UI_MIN_COLS;
    g->status = (ui_rect){lines - 1, 0, 1, cols};
    g->body = (ui_rect){0, 0, lines - 1, cols};
    int narr = lesson ? lines / 3 : lines / 4;
    narr = narr < 6 ? 6 : narr;
    int top = lines - 1 - narr;
    int side = (cols - 2) / 3;
    int mid = cols - 2 - 2 * side;
    g->client = (ui_rect){0, 0, top, side};
    g->channel = (ui_rect){0, side + 1, top, mid};
    g->server = (ui_rect){0, side + mid + 2, top, side};
    g->narration = (ui_rect){top, 0, narr, cols};
}

void ui_layout_title(int y, int x, int w, const char *title, bool focus)
{
    char buf[160];
    snprintf(buf, sizeof(buf), " %s", title);
    ui_wide_put(stdscr, y, x, buf, w, ui_attr(focus ? UI_C_FOCUS : UI_C_TITLE));
}

void ui_layout_rule(int y, int x, int w)
{
    attrset(ui_attr(UI_C_DIM));
    mvhline(y, x, ACS_HLINE, w);
    attrset(A_NORMAL);
}

static void draw_too_small(int lines, int cols, ts_lang lang)
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

static void draw_separators(const ui_geom *g)
{
    attrset(ui_attr(UI_C_DIM));
    mvvline(g->client.y, g->channel.x - 1, ACS_VLINE, g->client.h);
    mvvline(g->client.y, g->server.x - 1, ACS_VLINE, g->client.h);
    attrset(A_NORMAL);
}

void ui_draw(ui_app *a, bool full)
{
    ui_geom g;
    ui_layout_compute(LINES, COLS, a->les != NULL, &g);
    erase();
    if (g.too_small) {
        draw_too_small(LINES, COLS, a->lang);
    } else {
        switch (a->view) {
        case UI_VIEW_INSPECT:
            ui_inspector_draw(a, &g.body);
            break;
        case UI_VIEW_EDIT:
            ui_editor_draw(a, &g.body);
            break;
        default:
            ui_party_draw(a, TS_SIDE_CLIENT, &g.client);
            ui_channel_draw(a, &g.channel);
            ui_party_draw(a, TS_SIDE_SERVER, &g.server);
            draw_separators(&g);
            ui_narration_draw(a, &g.narration);
            if (a->view == UI_VIEW_HELP) {
                ui_help_draw(a, &g.body);
            }
            break;
        }
        ui_status_draw(a, &g.status);
    }
    if (full) {
        clearok(curscr, TRUE);
    }
    wnoutrefresh(stdscr);
    doupdate();
}
