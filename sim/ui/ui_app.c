/* ui_app: the UI's state and the only path by which it changes the
 * session: actions handed to ts_session_set_actions, then a re-run. */
#include "ui/ui_app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/ts_lesson_weak.h"

void ui_app_init(ui_app *a, ts_session *s, const char *lesson, ts_lang lang)
{
    memset(a, 0, sizeof(*a));
    a->s = s;
    a->lesson = lesson;
    a->lang = lang;
    a->focus = UI_PANE_CHANNEL;
    a->view = UI_VIEW_MAIN;
    a->pace_ms = 1500;
}

void ui_app_set_lesson(ui_app *a, const ts_lesson *l)
{
    a->les = l;
    if (l != NULL) {
        a->lesson = l->id;
    }
    /* The lesson's weak key becomes the session's PKI before its first run. */
    ts_err err = a->s != NULL && l != NULL && l->run.play == TS_LESSON_PLAY_HANDSHAKE
                     ? ts_lesson_apply_weak_key(a->s, l->run.weak_key)
                     : TS_OK;
    if (err != TS_OK) {
        ui_app_msg(a, true, ui_t(UI_T_WEAK_KEY_FAILED, a->lang), ts_weak_key_name(l->run.weak_key),
                   ts_err_str(err, a->lang));
    }
    a->narr_scroll = 0;
    a->narr_sec = NULL;
}

/* A copy of act that owns its bytes (an edit's); NULL bytes otherwise. */
static ts_err own(const ts_action *act, ts_action *out)
{
    *out = *act;
    out->bytes = NULL;
    if (act->kind == TS_ACT_EDIT) {
        uint8_t *b = malloc(act->len > 0 ? act->len : 1);
        TS_ENSURE(b != NULL, TS_ERR_NOMEM);
        if (act->len > 0) {
            memcpy(b, act->bytes, act->len);
        }
        out->bytes = b;
    }
    return TS_OK;
}

ts_err ui_app_load_actions(ui_app *a, const ts_action *acts, size_t n)
{
    TS_ENSURE(n <= UI_MAX_ACTIONS && (n == 0 || acts != NULL), TS_ERR_TOO_LONG);
    for (size_t i = 0; i < a->n_acts; i++) {
        free((void *)a->acts[i].bytes);
    }
    a->n_acts = 0;
    for (size_t i = 0; i < n; i++) {
        TS_GUARD(own(&acts[i], &a->acts[a->n_acts]));
        a->n_acts++;
    }
    TS_GUARD(ts_session_set_actions(a->s, a->acts, a->n_acts));
    return ts_session_run(a->s);
}

static void edit_free(ui_edit *e)
{
    free(e->bytes);
    free(e->orig);
    memset(e, 0, sizeof(*e));
}

void ui_app_free(ui_app *a)
{
    for (size_t i = 0; i < a->n_acts; i++) {
        free((void *)a->acts[i].bytes);
    }
    a->n_acts = 0;
    edit_free(&a->ed);
    ts_session_free(a->cmp_other);
    a->cmp_other = NULL;
    free(a->cmp);
    a->cmp = NULL;
}

size_t ui_app_k(const ui_app *a)
{
    return ts_session_cursor(a->s);
}

size_t ui_app_count(const ui_app *a)
{
    return ts_session_count(a->s);
}

const ts_step *ui_app_current(const ui_app *a)
{
    size_t k = ui_app_k(a);
    return k == 0 ? NULL : ts_session_get_step(a->s, k - 1);
}

static bool listed(const ts_step *st, ts_side side)
{
    if (st->ev.side != side) {
        return false;
    }
    switch (st->ev.kind) {
    case TS_EV_VALUE:
    case TS_EV_CHECK:
    case TS_EV_ALERT_SENT:
    case TS_EV_ALERT_RECEIVED:
    case TS_EV_WIPE:
    case TS_EV_DONE:
        return true;
    default:
        return false;
    }
}

size_t ui_app_side_items(const ui_app *a, ts_side side, size_t k, size_t *idx, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < k && n < max; i++) {
        const ts_step *st = ts_session_get_step(a->s, i);
        if (st != NULL && listed(st, side)) {
            idx[n++] = i;
        }
    }
    return n;
}

void ui_app_goto(ui_app *a, size_t k)
{
    ts_session_goto(a->s, k);
    k = ui_app_k(a);
    const ts_step *cur = ui_app_current(a);
    static const ts_side sides[2] = {TS_SIDE_CLIENT, TS_SIDE_SERVER};
    static const ui_pane panes[2] = {UI_PANE_CLIENT, UI_PANE_SERVER};
    size_t idx[UI_MAX_ITEMS];
    for (int i = 0; i < 2; i++) {
        size_t n = ui_app_side_items(a, sides[i], k, idx, UI_MAX_ITEMS);
        if (n > a->seen[panes[i]]) {
            a->sel[panes[i]] = n - 1;
        } else if (a->sel[panes[i]] >= n) {
            a->sel[panes[i]] = n > 0 ? n - 1 : 0;
        }
        a->seen[panes[i]] = n;
    }
    if (cur != NULL && cur->record != 0) {
        a->sel[UI_PANE_CHANNEL] = cur->record;
    } else if (!ts_session_record_written(a->s, a->sel[UI_PANE_CHANNEL], k)) {
        size_t last = 0;
        for (size_t r = 1; r <= ts_chan_count(ts_session_chan(a->s)); r++) {
            if (ts_session_record_written(a->s, r, k)) {
                last = r;
            }
        }
        a->sel[UI_PANE_CHANNEL] = last;
    }
}

const ts_action *ui_app_action_for(const ui_app *a, size_t record)
{
    for (size_t i = 0; i < a->n_acts; i++) {
        if (a->acts[i].record == record) {
            return &a->acts[i];
        }
    }
    return NULL;
}

ts_err ui_app_set_action(ui_app *a, size_t record, const ts_action *act)
{
    size_t j = 0;
    for (size_t i = 0; i < a->n_acts; i++) {
        if (a->acts[i].record == record) {
            free((void *)a->acts[i].bytes);
        } else {
            a->acts[j++] = a->acts[i];
        }
    }
    a->n_acts = j;
    if (act != NULL) {
        TS_ENSURE(a->n_acts < UI_MAX_ACTIONS, TS_ERR_TOO_LONG);
        ts_action copy;
        TS_GUARD(own(act, &copy));
        copy.record = record;
        a->acts[a->n_acts++] = copy;
    }
    size_t k = ui_app_k(a);
    TS_GUARD(ts_session_set_actions(a->s, a->acts, a->n_acts));
    TS_GUARD(ts_session_run(a->s));
    ui_app_goto(a, k);
    return TS_OK;
}

bool ui_app_in_flight(const ui_app *a, size_t record)
{
    size_t k = ui_app_k(a);
    return record != 0 && ts_session_record_written(a->s, record, k) &&
           !ts_session_record_crossed(a->s, record, k);
}

void ui_app_msg(ui_app *a, bool alert, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
    va_end(ap);
    a->msg_alert = alert;
}
