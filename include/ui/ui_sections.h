/* ui_sections: the lesson's sections along the run, for jumping between
 * them and for the status line's "section k/N", and the messages along the
 * run, for jumping from one to the next. A section starts at the cursor
 * where the narration in force (ts_lesson_narration_at) changes. */
#ifndef UI_SECTIONS_H
#define UI_SECTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/ui_app.h"

/* How many sections the run passes through (0 without a lesson), and in
 * *cur (if not NULL) the 1-based one in force at the cursor. */
size_t ui_sections_count(const ui_app *a, size_t *cur);

/* The cursor where the next (dir > 0) or previous (dir < 0) section
 * starts; false when there is none. Previous means the start of the
 * section before the one in force. */
bool ui_sections_jump(const ui_app *a, int dir, size_t *k);

/* The cursor just after the next (dir > 0) or previous (dir < 0) step that
 * writes a message or an alert; false when there is none. */
bool ui_messages_jump(const ui_app *a, int dir, size_t *k);

/* The first cursor at which record is in flight (written, not crossed);
 * false when it never is. */
bool ui_record_in_flight_at(const ui_app *a, size_t record, size_t *k);

/* The first cursor at which record has crossed the channel; false when it
 * never does. */
bool ui_record_crossed_at(const ui_app *a, size_t record, size_t *k);

#endif
