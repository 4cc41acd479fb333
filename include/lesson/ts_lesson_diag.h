/* ts_lesson_diag: where the lesson loader's parts (ts_lesson.h and the
 * front matter and body parsers, ts_lesson_yaml.h and ts_lesson_md.h) write
 * what is wrong with a file: one line naming the file, the line and what
 * was expected. */
#ifndef TS_LESSON_DIAG_H
#define TS_LESSON_DIAG_H

#include <stddef.h>

#include "base/ts_err.h"
#include "base/ts_lang.h"

/* Where messages about a file go while it is loaded. */
typedef struct {
    const char *file; /* the file's path, as shown */
    char *why;        /* cap bytes; NULL or cap 0: messages are dropped */
    size_t cap;
    ts_lang lang;     /* the language the messages are written in */
} ts_lesson_diag;

/* Writes "FILE:LINE: MESSAGE" (or "FILE: MESSAGE" when line is 0) to
 * d->why, MESSAGE being fmt (an English msgid, marked N_ where it is
 * written) in d->lang filled printf-style, truncated to fit and with every
 * control character shown as '?' (nothing when d is NULL), and returns
 * TS_ERR_LESSON (so a parser can `return ts_lesson_fail(...)`). */
ts_err ts_lesson_fail(ts_lesson_diag *d, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
