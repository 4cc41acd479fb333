/* ui_sections: where sections and messages start along the run. */
#include "ui/ui_sections.h"

#include "lesson/ts_lesson.h"

/* The section in force at cursor k, or NULL without a lesson. */
static const ts_lesson_section *sec_at(const ui_app *a, size_t k)
{
    if (a->les == NULL) {
        return NULL;
    }
    return ts_lesson_narration_at(a->les, ts_session_trace(a->s), k, a->lang, NULL);
}

/* Fills starts (up to max) with the cursors where a section starts; returns
 * how many. */
static size_t starts(const ui_app *a, size_t *out, size_t max)
{
    size_t n = 0, count = ui_app_count(a);
    const ts_lesson_section *prev = NULL;
    for (size_t k = 0; k <= count && a->les != NULL; k++) {
        const ts_lesson_section *s = sec_at(a, k);
        if (s != NULL && (k == 0 || s != prev) && n < max) {
            out[n++] = k;
        }
        prev = s;
    }
    return n;
}

size_t ui_sections_count(const ui_app *a, size_t *cur)
{
    size_t st[UI_MAX_ITEMS];
    size_t n = starts(a, st, UI_MAX_ITEMS), k = ui_app_k(a), c = 0;
    for (size_t i = 0; i < n; i++) {
        if (st[i] <= k) {
            c = i + 1;
        }
    }
    if (cur != NULL) {
        *cur = c;
    }
    return n;
}

bool ui_sections_jump(const ui_app *a, int dir, size_t *k)
{
    size_t st[UI_MAX_ITEMS];
    size_t cur;
    size_t n = starts(a, st, UI_MAX_ITEMS);
    ui_sections_count(a, &cur);
    if (n == 0) {
        return false;
    }
    if (dir > 0) {
        if (cur >= n) {
            return false;
        }
        *k = st[cur]; /* st is 0-based: the start of section cur + 1 */
        return true;
    }
    if (cur <= 1) {
        return false;
    }
    *k = st[cur - 2];
    return true;
}

static bool is_message(const ts_step *st)
{
    return st != NULL && (st->ev.kind == TS_EV_MESSAGE || st->ev.kind == TS_EV_ALERT_SENT);
}

bool ui_messages_jump(const ui_app *a, int dir, size_t *k)
{
    size_t cur = ui_app_k(a), count = ui_app_count(a);
    if (dir > 0) {
        for (size_t i = cur; i < count; i++) {
            if (is_message(ts_session_get_step(a->s, i))) {
                *k = i + 1;
                return true;
            }
        }
        return false;
    }
    /* the message before the one the cursor stands on */
    for (size_t i = cur >= 2 ? cur - 1 : 0; i-- > 0;) {
        if (is_message(ts_session_get_step(a->s, i))) {
            *k = i + 1;
            return true;
        }
    }
    return false;
}

bool ui_record_in_flight_at(const ui_app *a, size_t record, size_t *k)
{
    for (size_t i = 0; i <= ui_app_count(a); i++) {
        if (ts_session_record_written(a->s, record, i) &&
            !ts_session_record_crossed(a->s, record, i)) {
            *k = i;
            return true;
        }
    }
    return false;
}

bool ui_record_crossed_at(const ui_app *a, size_t record, size_t *k)
{
    for (size_t i = 0; i <= ui_app_count(a); i++) {
        if (ts_session_record_crossed(a->s, record, i)) {
            *k = i;
            return true;
        }
    }
    return false;
}
