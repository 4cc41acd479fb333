/* ui_wide: UTF-8 display width and aligned output for the panes. */
#include "ui/ui_wide.h"

#include <string.h>

#include "base/ts_text.h"

/* Decodes one character at s (not at its NUL): its byte length (>= 1) and
 * columns, as base/ts_text measures them. */
static size_t one_char(const char *s, int *cols)
{
    unsigned c;
    size_t n = ts_text_char(s, strnlen(s, 4), &c);
    if (n == 0) {
        *cols = 1;
        return 1;
    }
    *cols = (int)c;
    return n;
}

int ui_wide_width(const char *s)
{
    int total = 0;
    while (s != NULL && *s != '\0') {
        int c;
        s += one_char(s, &c);
        total += c;
    }
    return total;
}

size_t ui_wide_fit(const char *s, int cols, int *width)
{
    size_t used = 0;
    int w = 0;
    while (s[used] != '\0' && s[used] != '\n') {
        int c;
        size_t n = one_char(s + used, &c);
        if (w + c > cols) {
            break;
        }
        w += c;
        used += n;
    }
    if (width != NULL) {
        *width = w;
    }
    return used;
}

size_t ui_wide_line(const char *s, int cols, size_t *skip)
{
    size_t fit = ui_wide_fit(s, cols < 1 ? 1 : cols, NULL);
    if (s[fit] == '\0') {
        *skip = fit;
        return fit;
    }
    if (s[fit] == '\n' || s[fit] == ' ') {
        *skip = fit + 1;
        return fit;
    }
    size_t brk = fit;
    while (brk > 0 && s[brk - 1] != ' ') {
        brk--;
    }
    if (brk == 0) {
        if (fit == 0) {
            int c;
            fit = one_char(s, &c);
        }
        *skip = fit;
        return fit;
    }
    *skip = brk;
    return brk - 1;
}

int ui_wide_lines(const char *s, int cols)
{
    int lines = 0;
    while (*s != '\0') {
        size_t skip;
        ui_wide_line(s, cols, &skip);
        s += skip;
        lines++;
    }
    return lines < 1 ? 1 : lines;
}

void ui_wide_put(WINDOW *w, int y, int x, const char *s, int cols, attr_t attr)
{
    if (cols <= 0) {
        return;
    }
    wattrset(w, attr);
    int width;
    size_t n = ui_wide_fit(s, cols, &width);
    bool cut = s[n] != '\0' && s[n] != '\n';
    if (cut) {
        n = ui_wide_fit(s, cols - 1, &width);
    }
    mvwaddnstr(w, y, x, s, (int)n);
    if (cut) {
        waddstr(w, "…");
        width++;
    }
    for (; width < cols; width++) {
        waddch(w, ' ');
    }
    wattrset(w, A_NORMAL);
}

int ui_wide_wrap(WINDOW *w, int y, int x, int rows, int cols, const char *s, int skip,
                 attr_t attr)
{
    int row = 0, line = 0;
    while (*s != '\0' && row < rows) {
        size_t adv;
        size_t len = ui_wide_line(s, cols, &adv);
        if (line >= skip) {
            wattrset(w, attr);
            mvwaddnstr(w, y + row, x, s, (int)len);
            wattrset(w, A_NORMAL);
            row++;
        }
        line++;
        s += adv;
    }
    return row;
}
