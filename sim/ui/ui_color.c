/* ui_color: the role → attribute table, in colour and in monochrome. */
#include "ui/ui_color.h"

#include <stdlib.h>
#include <string.h>

static bool colors;
static ui_theme theme = UI_THEME_DEFAULT;

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

/* High contrast, for the back of the room: bold, bright foregrounds on
 * black, nothing dim; selections are black on bright backgrounds. */
static const role_style high[UI_C_COUNT] = {
    [UI_C_NORMAL] = {COLOR_WHITE, COLOR_BLACK, A_BOLD, A_BOLD},
    [UI_C_TITLE] = {COLOR_CYAN, COLOR_BLACK, A_BOLD, A_BOLD},
    [UI_C_FOCUS] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD},
    [UI_C_SELECT] = {COLOR_BLACK, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD},
    [UI_C_CURRENT] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_BOLD | A_UNDERLINE},
    [UI_C_NEW] = {COLOR_GREEN, COLOR_BLACK, A_BOLD, A_BOLD},
    [UI_C_SECRET] = {COLOR_MAGENTA, COLOR_BLACK, A_BOLD, A_BOLD},
    [UI_C_OK] = {COLOR_GREEN, COLOR_BLACK, A_BOLD, A_BOLD},
    [UI_C_ALERT] = {COLOR_RED, COLOR_BLACK, A_BOLD, A_BOLD | A_REVERSE},
    [UI_C_TAMPER] = {COLOR_RED, COLOR_BLACK, A_BOLD | A_UNDERLINE, A_UNDERLINE | A_BOLD},
    [UI_C_DIM] = {COLOR_WHITE, COLOR_BLACK, A_NORMAL, A_NORMAL},
    [UI_C_HEXSEL] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE | A_BOLD},
    [UI_C_CHANGED] = {COLOR_RED, COLOR_BLACK, A_BOLD, A_BOLD | A_UNDERLINE},
    [UI_C_STATUS] = {COLOR_BLACK, COLOR_WHITE, A_BOLD, A_REVERSE | A_BOLD},
    [UI_C_CODE] = {COLOR_YELLOW, COLOR_BLACK, A_BOLD, A_REVERSE},
    [UI_C_VALUE] = {COLOR_MAGENTA, COLOR_BLACK, A_BOLD, A_BOLD},
};

static const role_style *table(void)
{
    return theme == UI_THEME_HIGH_CONTRAST ? high : styles;
}

bool ui_color_parse_theme(const char *name, ui_theme *out)
{
    if (strcmp(name, "default") == 0) {
        *out = UI_THEME_DEFAULT;
    } else if (strcmp(name, "high-contrast") == 0) {
        *out = UI_THEME_HIGH_CONTRAST;
    } else {
        return false;
    }
    return true;
}

void ui_color_set_theme(ui_theme t)
{
    theme = t;
}

void ui_color_init(void)
{
    const char *nc = getenv("NO_COLOR");
    colors = (nc == NULL || nc[0] == '\0') && has_colors();
    if (!colors) {
        return;
    }
    start_color();
    use_default_colors();
    const role_style *st = table();
    for (int r = 0; r < UI_C_COUNT; r++) {
        short fg = st[r].fg, bg = st[r].bg;
        if (theme == UI_THEME_HIGH_CONTRAST && COLORS >= 16 && fg >= 0 && fg != COLOR_BLACK) {
            fg = (short)(fg + 8); /* the bright variant */
        }
        init_pair((short)(r + 1), fg, bg);
    }
    if (theme == UI_THEME_HIGH_CONTRAST) {
        bkgd(' ' | COLOR_PAIR(UI_C_NORMAL + 1));
    }
}

attr_t ui_attr(ui_role role)
{
    if (role < 0 || role >= UI_C_COUNT) {
        return A_NORMAL;
    }
    const role_style *st = table();
    if (!colors) {
        return st[role].mono;
    }
    if (role == UI_C_NORMAL && theme == UI_THEME_DEFAULT) {
        return A_NORMAL;
    }
    return (attr_t)COLOR_PAIR(role + 1) | st[role].extra;
}

bool ui_color_on(void)
{
    return colors;
}
