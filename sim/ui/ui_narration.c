/* ui_narration: the lesson's text and the built-in descriptions, and the
 * pane that shows them. */
#include "ui/ui_narration.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson/ts_lesson_play.h"

#include "ui/ui_color.h"
#include "ui/ui_shared.h"
#include "ui/ui_steps.h"
#include "ui/ui_wide.h"

#define MIN_RENDER_WIDTH 20
#define MIN_LESSON_ROWS 3

const char *ui_narration(const ts_step *step, ts_lang lang)
{
    return step == NULL ? ui_t(UI_T_START, lang) : ui_steps_text(step, lang);
}

/* Appends s to the malloc'd string *md (of *n bytes); false without memory. */
static bool append(char **md, size_t *n, const char *s)
{
    size_t k = strlen(s);
    char *p = realloc(*md, *n + k + 1);
    if (p == NULL) {
        return false;
    }
    memcpy(p + *n, s, k + 1);
    *md = p;
    *n += k;
    return true;
}

/* The Markdown shown for sec: its title as a heading, its body, and an
 * exercise's task at the introduction. NULL without memory. */
static char *compose(const ts_lesson *l, const ts_lesson_section *sec, bool intro, ts_lang lang)
{
    char *md = NULL;
    size_t n = 0;
    bool ok = append(&md, &n, "");
    if (sec->title != NULL && sec->title[0] != '\0') {
        ok = ok && append(&md, &n, "## ") && append(&md, &n, sec->title) &&
             append(&md, &n, "\n\n");
    }
    ok = ok && append(&md, &n, sec->markdown != NULL ? sec->markdown : "");
    if (intro && l->kind == TS_LESSON_KIND_EXERCISE) {
        const char *goal = l->exercise.goal[lang];
        const char *incident = l->exercise.incident;
        if (goal != NULL && goal[0] != '\0') {
            ok = ok && append(&md, &n, "\n\n**") && append(&md, &n, ui_t(UI_T_TASK, lang)) &&
                 append(&md, &n, ":** ") && append(&md, &n, goal);
        }
        if (incident != NULL && incident[0] != '\0') {
            ok = ok && append(&md, &n, "\n\n*") && append(&md, &n, ui_t(UI_T_INCIDENT, lang)) &&
                 append(&md, &n, ":* ") && append(&md, &n, incident);
        }
    }
    if (!ok) {
        free(md);
        return NULL;
    }
    return md;
}

ts_err ui_narration_lesson(const ui_app *a, unsigned width, ts_text *out,
                           const ts_lesson_section **sec)
{
    size_t at;
    return ui_narration_lesson_at(a, width, out, sec, &at);
}

ts_err ui_narration_lesson_at(const ui_app *a, unsigned width, ts_text *out,
                              const ts_lesson_section **sec, size_t *at_out)
{
    TS_ENSURE(a != NULL && out != NULL, TS_ERR_ARG);
    *at_out = 0;
    memset(out, 0, sizeof(*out));
    if (sec != NULL) {
        *sec = NULL;
    }
    if (a->les == NULL) {
        return TS_OK;
    }
    size_t at = 0;
    const ts_lesson_section *s = ts_lesson_narration_at(a->les, ts_session_trace(a->s),
                                                        ui_app_k(a), a->lang, &at);
    if (sec != NULL) {
        *sec = s;
    }
    *at_out = at;
    if (s == NULL) {
        return TS_OK;
    }
    char *md = compose(a->les, s, at == 0, a->lang);
    TS_ENSURE(md != NULL, TS_ERR_NOMEM);
    ts_lesson_values v = {.s = a->s, .k = at > 0 ? at - 1 : 0, .lang = a->lang};
    ts_err err = ts_lesson_render(md, width < MIN_RENDER_WIDTH ? MIN_RENDER_WIDTH : width,
                                  ts_lesson_run_value, &v, out);
    free(md);
    /* the pane is short: no blank line under the section's title */
    if (err == TS_OK && out->n > 1 && out->lines[0].n > 0 &&
        (out->lines[0].spans[0].attr & TS_SPAN_HEADING) && out->lines[1].n == 0) {
        free(out->lines[1].spans);
        memmove(&out->lines[1], &out->lines[2], (out->n - 2) * sizeof(out->lines[0]));
        out->n--;
    }
    return err;
}

void ui_narration_scroll(ui_app *a, int delta)
{
    size_t max = a->narr_lines > a->narr_rows ? a->narr_lines - a->narr_rows : 0;
    if (delta < 0) {
        size_t d = (size_t)-delta;
        a->narr_scroll = a->narr_scroll > d ? a->narr_scroll - d : 0;
    } else {
        a->narr_scroll += (size_t)delta;
        a->narr_scroll = a->narr_scroll > max ? max : a->narr_scroll;
    }
}

/* The attributes of a span: code in its own colour pair (reverse in
 * monochrome), a run's value in another, bold, underlined emphasis, links
 * and headings. */
static attr_t span_attr(unsigned attr)
{
    attr_t at = A_NORMAL;
    if (attr & TS_SPAN_CODE) {
        at = ui_attr(UI_C_CODE);
    } else if (attr & TS_SPAN_VALUE) {
        at = ui_attr(UI_C_VALUE);
    } else if (attr & TS_SPAN_HEADING) {
        at = ui_attr(UI_C_TITLE);
    }
    if (attr & (TS_SPAN_BOLD | TS_SPAN_BULLET | TS_SPAN_HEADING)) {
        at |= A_BOLD;
    }
    if (attr & (TS_SPAN_EMPH | TS_SPAN_LINK | TS_SPAN_HEADING)) {
        at |= A_UNDERLINE;
    }
    if (attr & TS_SPAN_QUOTE) {
        at |= A_DIM;
    }
    return at;
}

/* Draws one rendered line at (y, x) within cols columns. */
static void draw_line(const ts_text_line *ln, int y, int x, int cols)
{
    int used = (int)ln->indent < cols ? (int)ln->indent : cols;
    for (size_t i = 0; i < ln->n && used < cols; i++) {
        int w = ui_wide_width(ln->spans[i].text);
        if (w > cols - used) {
            w = cols - used;
        }
        if (w > 0) {
            ui_wide_put(stdscr, y, x + used, ln->spans[i].text, w, span_attr(ln->spans[i].attr));
        }
        used += w;
    }
}

/* The step's own detail line, and whether it is bad news: the engine's
 * words translated (ts_tr_text), names in people's words. */
static bool detail(const ui_app *a, const ts_step *st, char *buf, size_t n)
{
    const ts_event *ev = &st->ev;
    ts_lang l = a->lang;
    char how[480], cat[480];
    ui_engine(ev->how != NULL ? ev->how : "", l, how, sizeof(how));
    buf[0] = '\0';
    switch (ev->kind) {
    case TS_EV_VALUE: {
        bool plain = ui_shared_how_plain(ev);
        const char *c = ui_shared_how(ev, l, cat, sizeof(cat));
        bool same = plain || strcmp(c, how) == 0;
        snprintf(buf, n, "%s (%zu B): %s%s%s", ui_shared_name(ev, l), ev->value_len, c,
                 same ? "" : " — ", same ? "" : how);
        return false;
    }
    case TS_EV_CHECK:
        snprintf(buf, n, "%s %s: %s", ev->ok ? "✓" : "✗",
                 ui_t(ev->ok ? UI_T_CHECK_OK : UI_T_CHECK_FAILED, l), how);
        return !ev->ok;
    case TS_EV_ALERT_SENT:
    case TS_EV_ALERT_RECEIVED:
        snprintf(buf, n, "%s: %s%s%s",
                 ui_t(ev->kind == TS_EV_ALERT_SENT ? UI_T_ALERT_SENT : UI_T_ALERT_RECEIVED, l),
                 ev->name, how[0] != '\0' ? " — " : "", how);
        return strcmp(ev->name, "close_notify") != 0;
    case TS_EV_DONE:
        snprintf(buf, n, "■ %s: %s", ui_shared_name(ev, l), how);
        return !ev->ok;
    case TS_EV_RECORD: {
        /* the record's crossing in the UI's words (the engine's line is
         * the same facts in English) */
        const ts_chan_record *rec = ts_chan_get(ts_session_chan(a->s), st->record);
        if (rec != NULL) {
            const char *mark = ui_shared_record_mark(a, rec);
            snprintf(buf, n, "#%zu %s, %s, %s%s%s", rec->number, rec->type_name,
                     ui_dir_word(rec->dir, l), ui_shared_record_status(a, rec),
                     mark[0] != '\0' ? ", " : "", mark);
            return false;
        }
        snprintf(buf, n, "%s", how);
        return false;
    }
    default:
        snprintf(buf, n, "%s", how);
        return false;
    }
}

static const char *result_text(const ts_result *r, ts_lang lang)
{
    switch (r->kind) {
    case TS_RESULT_OK: return ui_t(UI_T_RESULT_OK, lang);
    case TS_RESULT_ALERT: return ui_t(UI_T_RESULT_ALERT, lang);
    case TS_RESULT_STALLED: return ui_t(UI_T_RESULT_STALLED, lang);
    default: return ui_t(UI_T_RESULT_WRONG, lang);
    }
}

/* The built-in lines under the lesson's text: the description (unless the
 * lesson's section was written for this very step: it says it better),
 * the step's detail and, at the end, the result (text and role; n). */
typedef struct {
    char text[4][1200];
    ui_role role[4];
    int n;
} builtin_lines;

static void builtin(ui_app *a, const ts_step *st, bool lesson_here, builtin_lines *b)
{
    b->n = 0;
    if (a->suite_note[0] != '\0') {
        snprintf(b->text[b->n], sizeof(b->text[0]), ui_t(UI_T_SUITE_MISMATCH, a->lang),
                 a->suite_note, a->suite_run);
        b->role[b->n++] = UI_C_ALERT;
    }
    if (!lesson_here) {
        snprintf(b->text[b->n], sizeof(b->text[0]), "%s", ui_narration(st, a->lang));
        b->role[b->n++] = a->les != NULL ? UI_C_DIM : UI_C_NORMAL;
    }
    if (st != NULL) {
        bool bad = detail(a, st, b->text[b->n], sizeof(b->text[0]));
        if (b->text[b->n][0] != '\0' &&
            (b->n == 0 || strcmp(b->text[b->n], b->text[b->n - 1]) != 0)) {
            b->role[b->n++] = bad ? UI_C_ALERT : UI_C_DIM;
        }
    }
    if (ui_app_k(a) == ui_app_count(a)) {
        const ts_result *res = ts_session_result(a->s);
        char why[640];
        snprintf(b->text[b->n], sizeof(b->text[0]), "⇒ %s: %s", result_text(res, a->lang),
                 ui_engine(res->reason, a->lang, why, sizeof(why)));
        b->role[b->n++] = res->kind == TS_RESULT_OK ? UI_C_OK : UI_C_ALERT;
    }
}

/* Draws the lesson's text in rows (y..y+rows) of r, from the scroll line;
 * when more is hidden below, its last row says so (and the pane's top rule
 * marks both directions). */
static void draw_lesson(ui_app *a, const ui_rect *r, const ts_text *t, int y, int rows)
{
    a->narr_lines = t->n;
    bool below = (size_t)rows < t->n;
    int text_rows = below && rows > 1 ? rows - 1 : rows;
    a->narr_rows = text_rows > 0 ? (size_t)text_rows : 0;
    ui_narration_scroll(a, 0);
    below = a->narr_scroll + a->narr_rows < t->n;
    for (int i = 0; i < text_rows && a->narr_scroll + (size_t)i < t->n; i++) {
        draw_line(&t->lines[a->narr_scroll + (size_t)i], y + i, r->x + 1, r->w - 2);
    }
    if (below) {
        ui_wide_put(stdscr, y + rows - 1, r->x + 1, ui_t(UI_T_MORE_BELOW, a->lang), r->w - 2,
                    ui_attr(UI_C_NEW));
    }
    if (below || a->narr_scroll > 0) {
        char more[128];
        snprintf(more, sizeof(more), " %s%s %s ", a->narr_scroll > 0 ? "▲" : "",
                 below ? "▼" : "", ui_t(UI_T_MORE, a->lang));
        int w = ui_wide_width(more);
        if (w < r->w - 2) {
            ui_wide_put(stdscr, r->y, r->x + r->w - w - 2, more, w, ui_attr(UI_C_NEW));
        }
    }
}

void ui_narration_heading(const ui_app *a, char *buf, size_t n)
{
    const ts_step *st = ui_app_current(a);
    if (st == NULL) {
        snprintf(buf, n, "%s — %s 0/%zu", ui_t(UI_T_NARRATION, a->lang),
                 ui_t(UI_T_STEP, a->lang), ui_app_count(a));
        return;
    }
    char what[128];
    const ts_chan_record *rec = st->ev.kind == TS_EV_RECORD
                                    ? ts_chan_get(ts_session_chan(a->s), st->record)
                                    : NULL;
    if (rec != NULL) { /* which record: its number and type say more than "record" */
        snprintf(what, sizeof(what), "#%zu %s", rec->number, rec->type_name);
    } else {
        snprintf(what, sizeof(what), "%s", ui_shared_name(&st->ev, a->lang));
    }
    snprintf(buf, n, "%s — %s %zu/%zu: %s %s: %s", ui_t(UI_T_NARRATION, a->lang),
             ui_t(UI_T_STEP, a->lang), ui_app_k(a), ui_app_count(a),
             ui_side_word(st->ev.side, a->lang), ui_kind_word(st->ev.kind, a->lang), what);
}

/* The built-in lines' rows in cols columns. */
static int builtin_rows(const builtin_lines *b, int cols)
{
    int need = 0;
    for (int i = 0; i < b->n; i++) {
        need += ui_wide_lines(b->text[i], cols);
    }
    return need;
}

int ui_narration_need(ui_app *a, int cols)
{
    cols -= 3; /* as drawn: one column of margin each side, and the last one free */
    ts_text t;
    const ts_lesson_section *sec = NULL;
    size_t at = 0;
    int lesson = 0;
    if (ui_narration_lesson_at(a, (unsigned)cols, &t, &sec, &at) == TS_OK) {
        lesson = (int)t.n;
        ts_text_free(&t);
    }
    builtin_lines b;
    builtin(a, ui_app_current(a), sec != NULL && at == ui_app_k(a) && at > 0, &b);
    return 2 + lesson + builtin_rows(&b, cols);
}

void ui_narration_draw(ui_app *a, const ui_rect *r)
{
    ui_shared_rule(r->y, r->x, r->w);
    const ts_step *st = ui_app_current(a);
    char head[512];
    ui_narration_heading(a, head, sizeof(head));
    ui_wide_put(stdscr, r->y + 1, r->x, head, r->w, ui_attr(UI_C_TITLE));
    /* whole words: the text wraps one column short of the pane's edge, so
     * a line that reaches the edge could only be a word cut in two (the
     * tests look for that) */
    int y = r->y + 2, end = r->y + r->h, cols = r->w - 3;
    ts_text t;
    const ts_lesson_section *sec = NULL;
    size_t at = 0;
    ts_err err = ui_narration_lesson_at(a, (unsigned)cols, &t, &sec, &at);
    builtin_lines b;
    builtin(a, st, sec != NULL && at == ui_app_k(a) && at > 0, &b);
    int need = builtin_rows(&b, cols);
    if (err == TS_OK && t.n > 0) {
        if (end - y - need < MIN_LESSON_ROWS && b.n > 1) {
            /* short of room: the lesson's text and the step's detail and
             * result matter more than the one-line description */
            need -= ui_wide_lines(b.text[0], cols);
            b.n--;
            memmove(b.text[0], b.text[1], sizeof(b.text[0]) * (size_t)b.n);
            memmove(b.role, b.role + 1, sizeof(b.role[0]) * (size_t)b.n);
        }
        if (sec != a->narr_sec) {
            a->narr_sec = sec;
            a->narr_scroll = 0;
        }
        int rows = end - y - need;
        rows = rows < MIN_LESSON_ROWS ? MIN_LESSON_ROWS : rows;
        rows = rows > end - y ? end - y : rows;
        rows = (size_t)rows > t.n ? (int)t.n : rows;
        draw_lesson(a, r, &t, y, rows);
        y += rows;
    }
    if (err == TS_OK) {
        ts_text_free(&t);
    }
    for (int i = 0; i < b.n && y < end; i++) {
        y += ui_wide_wrap(stdscr, y, r->x + 1, end - y, cols, b.text[i], 0, ui_attr(b.role[i]));
    }
}
