/* ui_compare: TLS 1.2 beside TLS 1.3, stepped together. */
#include "ui/ui_compare.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_i18n.h"
#include "export/ts_compare_report.h"
#include "simulation/ts_compare.h"
#include "simulation/ts_steps.h"
#include "ui/ui_color.h"
#include "ui/ui_wide.h"

#define PANEL 11 /* rows under the list: note, values, legend, facts */
#define TEXT 1024

/* The version of the run the main view shows. */
static ts_cmp_ver main_ver(const ui_app *a)
{
    return ts_suite_is_tls13(ts_session_config_of(a->s)->suite) ? TS_CMP_13 : TS_CMP_12;
}

/* Makes the other version's run (once) and rebuilds the comparison. */
static ts_err build(ui_app *a)
{
    ts_cmp_ver mv = main_ver(a);
    if (a->cmp_other == NULL) {
        const ts_session_config *base = ts_session_config_of(a->s);
        const ts_suite *s12, *s13;
        ts_session_config c12, c13;
        ts_compare_pair(base->suite, &s12, &s13);
        ts_compare_configs(base, s12, s13, &c12, &c13);
        ts_session *o = NULL;
        TS_GUARD(ts_session_new(mv == TS_CMP_12 ? &c13 : &c12, &o));
        ts_err err = ts_session_run(o);
        if (err != TS_OK) {
            ts_session_free(o);
            return err;
        }
        a->cmp_other = o;
    }
    if (a->cmp == NULL) {
        a->cmp = malloc(sizeof(*a->cmp));
        TS_ENSURE(a->cmp != NULL, TS_ERR_NOMEM);
    }
    return mv == TS_CMP_12 ? ts_compare_build(a->s, a->cmp_other, a->cmp)
                           : ts_compare_build(a->cmp_other, a->s, a->cmp);
}

bool ui_compare_open(ui_app *a)
{
    ts_err err = build(a);
    if (err != TS_OK) {
        ui_app_msg(a, true, ui_t(UI_T_COMPARE_FAILED, a->lang), ts_err_str(err, a->lang));
        return false;
    }
    a->cmp_row = ts_compare_row_of(a->cmp, main_ver(a), ui_app_k(a));
    a->view = UI_VIEW_COMPARE;
    return true;
}

/* The values version v derives at row (either side, each name once), with
 * ★ after those the other version lacks, into out. */
static const char *row_values(const ui_app *a, ts_cmp_ver v, size_t row, char *out, size_t cap)
{
    const ts_compare *c = a->cmp;
    out[0] = '\0';
    if (!c->rows[row].m[v].present) {
        snprintf(out, cap, "%s", ui_t(UI_T_COMPARE_ABSENT, a->lang));
        return out;
    }
    /* what v derived for this message: after its previous message, up to it */
    size_t from = 0, to = c->rows[row].m[v].step + 1, len = 0;
    for (size_t r = 0; r < row; r++) {
        from = c->rows[r].m[v].present ? c->rows[r].m[v].step + 1 : from;
    }
    const ts_session *s = c->v[v].s;
    for (size_t k = from; k < to && len + 1 < cap; k++) {
        const ts_step *st = ts_session_get_step(s, k);
        if (st->ev.kind != TS_EV_VALUE ||
            (st->ev.side != TS_SIDE_CLIENT && st->ev.side != TS_SIDE_SERVER)) {
            continue;
        }
        const char *label = ts_steps_label(st->ev.name, a->lang);
        char item[160];
        snprintf(item, sizeof(item), "%s%s", label, ts_compare_only(c, v, st->ev.name) ? "★" : "");
        if (strstr(out, item) != NULL) {
            continue; /* both sides derive most values: name each once */
        }
        int w = snprintf(out + len, cap - len, "%s%s", len > 0 ? ", " : "", item);
        len += w > 0 ? (size_t)w : 0;
    }
    if (len == 0) {
        snprintf(out, cap, "%s", ui_t(UI_T_COMPARE_NOTHING, a->lang));
    }
    return out;
}

static void draw_rows(ui_app *a, int y, int x, int h, int w)
{
    const ts_compare *c = a->cmp;
    int colw = (w - 5) / 2;
    char head[128], cell[128];
    for (int v = 0; v < TS_CMP_N; v++) {
        const ts_suite *suite = ts_session_config_of(c->v[v].s)->suite;
        snprintf(head, sizeof(head), "%s (%s)", ts_compare_version_name((ts_cmp_ver)v),
                 suite->cli_name);
        ui_wide_put(stdscr, y, x + 5 + v * (colw + 1), head, colw, ui_attr(UI_C_TITLE));
    }
    int rows = h - 1;
    size_t top = a->cmp_row >= (size_t)rows ? a->cmp_row - (size_t)rows + 1 : 0;
    for (int i = 0; i < rows && top + (size_t)i < c->n_rows; i++) {
        size_t r = top + (size_t)i;
        ui_role role = r == a->cmp_row ? UI_C_SELECT : r > a->cmp_row ? UI_C_DIM : UI_C_NORMAL;
        char num[24];
        snprintf(num, sizeof(num), "%3zu ", r + 1);
        ui_wide_put(stdscr, y + 1 + i, x, num, 5, ui_attr(role));
        for (int v = 0; v < TS_CMP_N; v++) {
            const ts_cmp_msg *m = &c->rows[r].m[v];
            ts_compare_report_cell(m, a->lang, cell, sizeof(cell));
            ui_role cr = role == UI_C_NORMAL && m->encrypted ? UI_C_SECRET : role;
            ui_wide_put(stdscr, y + 1 + i, x + 5 + v * (colw + 1), cell, colw, ui_attr(cr));
        }
    }
}

/* "premaster secret (RSA)": the key exchange's first secret, or "none". */
static const char *kx_short(const ui_app *a, ts_cmp_ver v, char *out, size_t cap)
{
    const ts_cmp_side *s = &a->cmp->v[v];
    if (s->kx == NULL) {
        snprintf(out, cap, "%s", ts_tr(a->lang, "none"));
    } else {
        snprintf(out, cap, "%s (%s)", ts_steps_label(s->kx->ev.name, a->lang),
                 s->kx_rsa ? "RSA" : "(EC)DHE");
    }
    return out;
}

static void draw_panel(ui_app *a, int y, int x, int w)
{
    const ts_compare *c = a->cmp;
    const ts_cmp_row *row = &c->rows[a->cmp_row];
    char text[TEXT], line[2 * TEXT], l12[256], l13[256];
    attr_t at = ui_attr(UI_C_NORMAL);
    attrset(ui_attr(UI_C_DIM));
    mvhline(y, x, ACS_HLINE, w);
    attrset(A_NORMAL);
    ui_wide_wrap(stdscr, y + 1, x, 2, w,
                 row->note != NULL ? ts_tr_text(a->lang, row->note, text, sizeof(text)) : "", 0,
                 at);
    for (int v = 0; v < TS_CMP_N; v++) {
        snprintf(line, sizeof(line), "%s %s %s", ts_compare_version_name((ts_cmp_ver)v),
                 ui_t(UI_T_COMPARE_NEW, a->lang),
                 row_values(a, (ts_cmp_ver)v, a->cmp_row, text, sizeof(text)));
        ui_wide_wrap(stdscr, y + 3 + 2 * v, x, 2, w, line, 0, ui_attr(UI_C_NEW));
    }
    snprintf(line, sizeof(line), "%s   %s", ui_t(UI_T_COMPARE_ONLY, a->lang),
             ui_t(UI_T_COMPARE_ENCRYPTED, a->lang));
    ui_wide_put(stdscr, y + 7, x, line, w, ui_attr(UI_C_DIM));
    const ts_cmp_side *s12 = &c->v[TS_CMP_12], *s13 = &c->v[TS_CMP_13];
    snprintf(line, sizeof(line), ui_t(UI_T_COMPARE_TRIPS, a->lang), s12->round_trips,
             s13->round_trips, s12->n_encrypted, s12->n_encrypted + s12->n_clear,
             s13->n_encrypted, s13->n_encrypted + s13->n_clear);
    ui_wide_put(stdscr, y + 8, x, line, w, at);
    snprintf(line, sizeof(line), "%s: %s | %s", ui_t(UI_T_COMPARE_KEYS, a->lang),
             kx_short(a, TS_CMP_12, l12, sizeof(l12)), kx_short(a, TS_CMP_13, l13, sizeof(l13)));
    ui_wide_put(stdscr, y + 9, x, line, w, at);
    snprintf(line, sizeof(line), "%s: %s | %s", ui_t(UI_T_COMPARE_SIGNATURE, a->lang),
             s12->sig_message != NULL ? ts_steps_label(s12->sig_message, a->lang)
                                      : ts_tr(a->lang, "none"),
             s13->sig_message != NULL ? ts_steps_label(s13->sig_message, a->lang)
                                      : ts_tr(a->lang, "none"));
    ui_wide_put(stdscr, y + 10, x, line, w, at);
}

void ui_compare_draw(ui_app *a, const ui_rect *r)
{
    ts_err err = build(a);
    if (err != TS_OK || a->cmp->n_rows == 0) {
        char msg[256];
        snprintf(msg, sizeof(msg), ui_t(UI_T_COMPARE_FAILED, a->lang),
                 ts_err_str(err != TS_OK ? err : TS_ERR_ARG, a->lang));
        ui_wide_put(stdscr, r->y, r->x, msg, r->w, ui_attr(UI_C_ALERT));
        return;
    }
    if (a->cmp_row >= a->cmp->n_rows) {
        a->cmp_row = a->cmp->n_rows - 1;
    }
    char title[256], where[64];
    snprintf(where, sizeof(where), ui_t(UI_T_COMPARE_ROW, a->lang), a->cmp_row + 1,
             a->cmp->n_rows);
    snprintf(title, sizeof(title), "%s — %s %s — %s", ui_t(UI_T_COMPARE, a->lang),
             ui_t(UI_T_SEED, a->lang), ts_session_seed(a->s), where);
    ui_wide_put(stdscr, r->y, r->x, title, r->w, ui_attr(UI_C_FOCUS));
    int list_h = r->h - 1 - PANEL;
    draw_rows(a, r->y + 1, r->x, list_h, r->w);
    draw_panel(a, r->y + 1 + list_h, r->x, r->w);
}

/* Back to the main view at the run's step that matches the row. */
static void close_view(ui_app *a)
{
    if (a->cmp != NULL && a->cmp->n_rows > 0) {
        ui_app_goto(a, ts_compare_cursor(a->cmp, main_ver(a), a->cmp_row));
    }
    a->view = UI_VIEW_MAIN;
}

bool ui_compare_key(ui_app *a, int key)
{
    size_t n = a->cmp != NULL ? a->cmp->n_rows : 0;
    switch (key) {
    case 'n': case ' ': case KEY_RIGHT: case KEY_DOWN: case 'j':
        if (a->cmp_row + 1 < n) {
            a->cmp_row++;
        }
        break;
    case 'p': case KEY_LEFT: case KEY_UP: case 'k':
        if (a->cmp_row > 0) {
            a->cmp_row--;
        }
        break;
    case 'g': case KEY_HOME: a->cmp_row = 0; break;
    case 'G': case KEY_END: a->cmp_row = n > 0 ? n - 1 : 0; break;
    case 'l': a->lang = a->lang == TS_LANG_KO ? TS_LANG_EN : TS_LANG_KO; break;
    case '?':
        a->back_view = UI_VIEW_COMPARE;
        a->view = UI_VIEW_HELP;
        break;
    case 'q': a->quit = true; break;
    case 'v': case 27: case KEY_BACKSPACE: case '\n': case '\r': case KEY_ENTER:
        close_view(a);
        break;
    default: break;
    }
    return true;
}
