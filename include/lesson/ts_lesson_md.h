/* ts_lesson_md: the body of a lesson (Markdown, read with cmark): the
 * `# en` and `# ko` parts and their `## STEP` sections, checked against
 * the step table (ts_steps.h). Part of the lesson loader (ts_lesson.h). */
#ifndef TS_LESSON_MD_H
#define TS_LESSON_MD_H

#include <stddef.h>

#include "base/ts_err.h"
#include "lesson/ts_lesson_diag.h"
#include "lesson/ts_lesson_types.h"

/* Parses the body (len bytes whose first line is line first_line of the
 * file) into l->intro and l->sections; l->run.play decides which step
 * names are allowed. TS_ERR_LESSON with the message in d, TS_ERR_NOMEM. */
ts_err ts_lesson_md_parse(ts_lesson_diag *d, const char *body, size_t len, unsigned first_line,
                          ts_lesson *l);

#endif
