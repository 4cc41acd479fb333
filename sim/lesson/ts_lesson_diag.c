/* ts_lesson_diag: the loader's messages, one line each. */
#include "lesson/ts_lesson_diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/ts_i18n.h"

ts_err ts_lesson_fail(ts_lesson_diag *d, unsigned line, const char *fmt, ...)
{
    if (d == NULL || d->why == NULL || d->cap == 0) {
        return TS_ERR_LESSON;
    }
    int n = line > 0 ? snprintf(d->why, d->cap, "%s:%u: ", d->file, line)
                     : snprintf(d->why, d->cap, "%s: ", d->file);
    if (n >= 0 && (size_t)n < d->cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(d->why + n, d->cap - (size_t)n, ts_tr(d->lang, fmt), ap);
        va_end(ap);
    }
    /* One line: what the file quoted may hold newlines or other controls. */
    for (char *c = d->why; *c != '\0'; c++) {
        if ((unsigned char)*c < 0x20 || *c == 0x7f) {
            *c = '?';
        }
    }
    return TS_ERR_LESSON;
}
