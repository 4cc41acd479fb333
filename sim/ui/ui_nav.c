/* ui_nav: moving a selection through a list. */
#include "ui/ui_nav.h"

#include <ncurses.h>

#include "ui/ui_text.h"

bool ui_nav_move(size_t *pos, int key, size_t n)
{
    size_t p = *pos;
    switch (key) {
    case KEY_UP:
    case 'k':
        *pos = p > 0 ? p - 1 : 0;
        return true;
    case KEY_DOWN:
    case 'j':
        *pos = p + 1 < n ? p + 1 : p;
        return true;
    case KEY_PPAGE:
        *pos = p > 10 ? p - 10 : 0;
        return true;
    case KEY_NPAGE:
        *pos = n == 0 ? 0 : p + 10 < n ? p + 10 : n - 1;
        return true;
    default:
        return false;
    }
}

int ui_nav_top(int top, size_t sel, size_t n, int rows)
{
    if ((int)sel < top) {
        top = (int)sel;
    }
    if ((int)sel >= top + rows) {
        top = (int)sel - rows + 1;
    }
    if (top > (int)n - rows) {
        top = (int)n - rows > 0 ? (int)n - rows : 0;
    }
    return top;
}

bool ui_nav_can_open(ui_app *a, size_t n)
{
    if (n == 0) {
        ui_app_msg(a, true, "%s", ui_t(UI_T_NOTHING_TO_INSPECT, a->lang));
        return false;
    }
    return true;
}
