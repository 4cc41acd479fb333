/* ui_wide: display width of UTF-8 text (base/ts_text: Korean takes two
 * columns, in any locale), and truncation, padding and word wrapping that
 * keep it aligned. */
#ifndef UI_WIDE_H
#define UI_WIDE_H

#include <ncurses.h>
#include <stddef.h>

/* Display columns of s (an invalid byte counts 1, a control character 0). */
int ui_wide_width(const char *s);

/* Bytes of the longest prefix of s (stopping at a NUL or newline) that fits
 * in cols columns; *width (if not NULL) receives its width. */
size_t ui_wide_fit(const char *s, int cols, int *width);

/* The next wrapped line of s in cols columns: returns its length in bytes
 * and sets *skip to the bytes to advance (the line plus the space or
 * newline it broke at). Breaks at spaces when it can, else mid-word. */
size_t ui_wide_line(const char *s, int cols, size_t *skip);

/* Number of lines s takes wrapped in cols columns (at least 1). */
int ui_wide_lines(const char *s, int cols);

/* Writes s at (y, x) in exactly cols columns with attr: cut with "…" when
 * too wide, padded with spaces when short. */
void ui_wide_put(WINDOW *w, int y, int x, const char *s, int cols, attr_t attr);

/* Writes s word-wrapped in the box (y, x, rows, cols), skipping the first
 * `skip` wrapped lines; returns the rows used. */
int ui_wide_wrap(WINDOW *w, int y, int x, int rows, int cols, const char *s, int skip,
                 attr_t attr);

#endif
