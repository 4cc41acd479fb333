/* ui_color: the role → attribute table, in colour and in monochrome. */
#include "ui/ui_color.h"

#include <stdlib.h>

static bool colors;

typedef struct {
    short fg, bg;
    attr_t extra; /* added in colour */
    attr_t mono;  /* used alone without colour */
} role_style;

static const role_style styles[UI_C_COUNT] = {
    [UI_C_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [UI_C_TITLE] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
    [UI_C_FOCUS] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD},
    [UI_C_SELECT] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
    [UI_C_CURRENT] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [UI_C_NEW] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [UI_C_SECRET] = {COLOR_MAGENTA, -1, A_NORMAL, A_NORMAL},
    [UI_C_OK] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
    [UI_C_ALERT] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE},
    [UI_C_TAMPER] = {COLOR_RED, -1, A_UNDERLINE, A_UNDERLINE | A_BOLD},
    [UI_C_DIM] = {-1, -1, A_DIM, A_DIM},
    [UI_C_HEXSEL] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE},
    [UI_C_CHANGED] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [UI_C_STATUS] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
    [UI_C_CODE] = {COLOR_YELLOW, -1, A_NORMAL, A_REVERSE},
    [UI_C_VALUE] = {COLOR_MAGENTA, -1, A_BOLD, A_BOLD},
};

void ui_color_init(void)
{
    const char *nc = getenv("NO_COLOR");
    colors = (nc == NULL || nc[0] == '\0') && has_colors();
    if (!colors) {
        return;
    }
    start_color();
    use_default_colors();
    for (int r = 1; r < UI_C_COUNT; r++) {
        init_pair((short)r, styles[r].fg, styles[r].bg);
    }
}

attr_t ui_attr(ui_role role)
{
    if (role < 0 || role >= UI_C_COUNT) {
        return A_NORMAL;
    }
    if (!colors) {
        return styles[role].mono;
    }
    return role == UI_C_NORMAL ? A_NORMAL : (attr_t)COLOR_PAIR(role) | styles[role].extra;
}

bool ui_color_on(void)
{
    return colors;
}
