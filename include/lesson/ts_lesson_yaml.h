/* ts_lesson_yaml: the front matter of a lesson (YAML, read with libyaml):
 * every field checked, unknown keys refused, errors naming file, line and
 * what was expected. Part of the lesson loader (ts_lesson.h). */
#ifndef TS_LESSON_YAML_H
#define TS_LESSON_YAML_H

#include <stddef.h>

#include "base/ts_err.h"
#include "lesson/ts_lesson_diag.h"
#include "lesson/ts_lesson_types.h"

/* Parses len bytes of YAML whose first line is line first_line of the file
 * into l (fields not set stay as they are); TS_ERR_LESSON with the message
 * in d, TS_ERR_NOMEM. */
ts_err ts_lesson_yaml_parse(ts_lesson_diag *d, const char *yaml, size_t len, unsigned first_line,
                            ts_lesson *l);

#endif
