/* ui_narration: the narration lookup and its pane. */
#include "ui_narration.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

#include "ui_color.h"
#include "ui_layout.h"
#include "ui_party.h"
#include "ui_steps.h"
#include "ui_wide.h"

static ui_narration_source source_fn;
static void *source_ctx;

void ui_narration_set_source(ui_narration_source fn, void *ctx)
{
    source_fn = fn;
    source_ctx = ctx;
}

const char *ui_narration(const ts_step *step, ui_lang lang)
{
    if (source_fn != NULL) {
        const char *t = source_fn(source_ctx, step, lang);
        if (t != NULL) {
            return t;
        }
    }
    return step == NULL ? ui_t(UI_T_START, lang) : ui_steps_text(step, lang);
}

/* The step's own detail line, and whether it is bad news. */
static bool detail(const ui_app *a, const ts_step *st, char *buf, size_t n)
{
    const ts_event *ev = &st->ev;
    const char *how = ev->how != NULL ? ev->how : "";
    buf[0] = '\0';
    switch (ev->kind) {
    case TS_EV_VALUE:
        bool same = strcmp(ui_party_how(ev, UI_LANG_EN), how) == 0;
        snprintf(buf, n, "%s (%zu B): %s%s%s", ev->name, ev->value_len, ui_party_how(ev, a->lang),
                 same ? "" : " — ", same ? "" : how);
        return false;
    case TS_EV_CHECK:
        snprintf(buf, n, "%s %s: %s", ev->ok ? "✓" : "✗",
                 ui_t(ev->ok ? UI_T_CHECK_OK : UI_T_CHECK_FAILED, a->lang), how);
        return !ev->ok;
    case TS_EV_ALERT_SENT:
    case TS_EV_ALERT_RECEIVED:
        snprintf(buf, n, "%s: %s%s%s",
                 ui_t(ev->kind == TS_EV_ALERT_SENT ? UI_T_ALERT_SENT : UI_T_ALERT_RECEIVED,
                      a->lang),
                 ev->name, how[0] != '\0' ? " — " : "", how);
        return strcmp(ev->name, "close_notify") != 0;
    case TS_EV_DONE:
        snprintf(buf, n, "■ %s: %s", ev->name, how);
        return !ev->ok;
    default:
        snprintf(buf, n, "%s", how);
        return false;
    }
}

static const char *result_text(const ts_result *r, ui_lang lang)
{
    switch (r->kind) {
    case TS_RESULT_OK: return ui_t(UI_T_RESULT_OK, lang);
    case TS_RESULT_ALERT: return ui_t(UI_T_RESULT_ALERT, lang);
    case TS_RESULT_STALLED: return ui_t(UI_T_RESULT_STALLED, lang);
    default: return ui_t(UI_T_RESULT_WRONG, lang);
    }
}

void ui_narration_draw(ui_app *a, const ui_rect *r)
{
    attrset(ui_attr(UI_C_DIM));
    mvhline(r->y, r->x, ACS_HLINE, r->w);
    attrset(A_NORMAL);
    const ts_step *st = ui_app_current(a);
    char head[256];
    if (st == NULL) {
        snprintf(head, sizeof(head), "%s — %s 0/%zu", ui_t(UI_T_NARRATION, a->lang),
                 ui_t(UI_T_STEP, a->lang), ui_app_count(a));
    } else {
        snprintf(head, sizeof(head), "%s — %s %zu/%zu: %s %s %s", ui_t(UI_T_NARRATION, a->lang),
                 ui_t(UI_T_STEP, a->lang), ui_app_k(a), ui_app_count(a),
                 ts_side_name(st->ev.side), ts_ev_kind_name(st->ev.kind),
                 st->ev.name != NULL ? st->ev.name : "");
    }
    ui_wide_put(stdscr, r->y + 1, r->x, head, r->w, ui_attr(UI_C_TITLE));
    int y = r->y + 2, end = r->y + r->h;
    y += ui_wide_wrap(stdscr, y, r->x + 1, end - y, r->w - 2, ui_narration(st, a->lang), 0,
                      A_NORMAL);
    if (st != NULL && y < end) {
        char line[600];
        bool bad = detail(a, st, line, sizeof(line));
        if (line[0] != '\0') {
            y += ui_wide_wrap(stdscr, y, r->x + 1, end - y, r->w - 2, line, 0,
                              ui_attr(bad ? UI_C_ALERT : UI_C_DIM));
        }
    }
    if (ui_app_k(a) == ui_app_count(a) && y < end) {
        const ts_result *res = ts_session_result(a->s);
        char line[600];
        snprintf(line, sizeof(line), "⇒ %s: %s", result_text(res, a->lang), res->reason);
        ui_wide_wrap(stdscr, y, r->x + 1, end - y, r->w - 2, line, 0,
                     ui_attr(res->kind == TS_RESULT_OK ? UI_C_OK : UI_C_ALERT));
    }
}
