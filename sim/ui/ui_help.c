/* ui_help: every key, in a box. */
#include "ui/ui_help.h"

#include <ncurses.h>
#include <string.h>

#include "ui/ui_color.h"
#include "ui/ui_wide.h"

void ui_help_draw(ui_app *a, const ui_rect *r)
{
    const char *text = ui_t(UI_T_HELP_KEYS, a->lang);
    const char *close = ui_t(UI_T_HELP_CLOSE, a->lang);
    int lines = 0, width = ui_wide_width(close);
    for (const char *s = text; *s != '\0';) {
        int w;
        size_t n = ui_wide_fit(s, 1000, &w);
        width = w > width ? w : width;
        lines++;
        s += n;
        if (*s == '\n') {
            s++;
        }
    }
    int bw = width + 4 < r->w ? width + 4 : r->w;
    int bh = lines + 4 < r->h ? lines + 4 : r->h;
    int y = r->y + (r->h - bh) / 2, x = r->x + (r->w - bw) / 2;
    attr_t at = ui_attr(UI_C_NORMAL);
    for (int i = 0; i < bh; i++) {
        ui_wide_put(stdscr, y + i, x, "", bw, at);
    }
    attrset(ui_attr(UI_C_TITLE));
    mvhline(y, x, ACS_HLINE, bw);
    mvhline(y + bh - 1, x, ACS_HLINE, bw);
    mvvline(y, x, ACS_VLINE, bh);
    mvvline(y, x + bw - 1, ACS_VLINE, bh);
    mvaddch(y, x, ACS_ULCORNER);
    mvaddch(y, x + bw - 1, ACS_URCORNER);
    mvaddch(y + bh - 1, x, ACS_LLCORNER);
    mvaddch(y + bh - 1, x + bw - 1, ACS_LRCORNER);
    attrset(A_NORMAL);
    const char *title = ui_t(UI_T_HELP, a->lang);
    ui_wide_put(stdscr, y, x + 2, title, ui_wide_width(title), ui_attr(UI_C_FOCUS));
    int row = 0;
    for (const char *s = text; *s != '\0' && row < bh - 4; row++) {
        size_t n = ui_wide_fit(s, bw - 4, NULL);
        ui_wide_put(stdscr, y + 1 + row, x + 2, s, bw - 4, at);
        s += n;
        while (*s != '\0' && *s != '\n') {
            s++;
        }
        if (*s == '\n') {
            s++;
        }
    }
    ui_wide_put(stdscr, y + bh - 2, x + 2, close, bw - 4, ui_attr(UI_C_DIM));
}

bool ui_help_key(ui_app *a, int key)
{
    if (key == 'q') {
        a->quit = true;
    }
    if (key != KEY_RESIZE) {
        a->view = a->back_view == UI_VIEW_COMPARE ? UI_VIEW_COMPARE : UI_VIEW_MAIN;
        a->back_view = UI_VIEW_MAIN;
    }
    return true;
}
