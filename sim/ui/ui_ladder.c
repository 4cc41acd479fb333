/* ui_ladder: the key-schedule ladder view. */
#include "ui/ui_ladder.h"

#include <ncurses.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "crypto/ts_suite.h"
#include "simulation/ts_steps.h"
#include "ui/ui_color.h"
#include "ui/ui_inspector.h"
#include "ui/ui_ladder_model.h"
#include "ui/ui_nav.h"
#include "ui/ui_shared.h"
#include "ui/ui_wide.h"

#define WIDE_COLS 90 /* from this width on, each rung shows its derivation too */

/* The ladder at the cursor; *tls13 says which version's. */
static size_t rungs_now(const ui_app *a, ui_rung *out, bool *tls13)
{
    const ts_trace *t = ts_session_trace(a->s);
    const ts_session_config *cfg = ts_session_config_of(a->s);
    bool v13 = ui_ladder_is_tls13(t, cfg->suite != NULL && ts_suite_is_tls13(cfg->suite));
    if (tls13 != NULL) {
        *tls13 = v13;
    }
    return ui_ladder_rungs(t, ui_app_k(a), v13, out, UI_LADDER_MAX);
}

/* Selects the rung derived last when it changed since the last look (the
 * ladder fills as the run advances, and the new rung is the one shown). */
static void follow(ui_app *a, const ui_rung *r, size_t n)
{
    size_t latest = ui_ladder_latest(r, n);
    if (latest != a->ladder_latest) {
        a->ladder_latest = latest;
        if (latest < n) {
            a->ladder_sel = latest;
        }
    }
    if (n > 0 && a->ladder_sel >= n) {
        a->ladder_sel = n - 1;
    }
}

void ui_ladder_open(ui_app *a)
{
    ui_rung r[UI_LADDER_MAX];
    size_t n = rungs_now(a, r, NULL);
    a->ladder_latest = SIZE_MAX;
    follow(a, r, n);
    a->view = UI_VIEW_LADDER;
}

size_t ui_ladder_selected_step(const ui_app *a)
{
    ui_rung r[UI_LADDER_MAX];
    size_t n = rungs_now(a, r, NULL);
    return a->ladder_sel < n ? r[a->ladder_sel].step : SIZE_MAX;
}

/* The rung's bytes: its step's value (the PSK: the early secret's input). */
static const uint8_t *rung_bytes(const ui_app *a, const ui_rung *r, size_t *len)
{
    const ts_step *st = r->step != UI_RUNG_NONE ? ts_session_get_step(a->s, r->step) : NULL;
    *len = 0;
    if (st == NULL) {
        return NULL;
    }
    if (strcmp(r->name, UI_LADDER_PSK) == 0) {
        *len = st->ev.hkdf.used ? st->ev.hkdf.data_len : 0;
        return st->ev.hkdf.data;
    }
    *len = st->ev.value_len;
    return st->ev.value;
}

static const char *rung_label(const ui_app *a, const ui_rung *r)
{
    if (strcmp(r->name, UI_LADDER_PSK) == 0) {
        return ui_t(UI_T_LADDER_PSK, a->lang);
    }
    return ts_steps_label(r->name, a->lang);
}

/* What the rung's line says after its value: its derivation, or for a TLS
 * 1.2 premaster secret where it comes from. */
static const char *rung_op(const ui_app *a, const ui_rung *r)
{
    if (strcmp(r->name, "premaster_secret") == 0) {
        bool dh = ts_trace_find(ts_session_trace(a->s), "client_share", TS_SIDE_CLIENT) != NULL ||
                  ts_trace_find(ts_session_trace(a->s), "client_share", TS_SIDE_SERVER) != NULL;
        return ui_t(dh ? UI_T_LADDER_PMS_DH : UI_T_LADDER_PMS_RSA, a->lang);
    }
    return r->op;
}

/* The tree drawn left of rung i: the spine (│) runs from the first secret
 * to the last rung hanging off it. */
static const char *prefix(const ui_rung *r, size_t n, size_t i)
{
    bool above = i > 0, below = false;
    for (size_t j = 0; j < n; j++) {
        if (j > i && (r[j].kind == UI_RUNG_SECRET || r[j].kind == UI_RUNG_BRANCH)) {
            below = true;
        }
    }
    switch (r[i].kind) {
    case UI_RUNG_SECRET: return " ● ";
    case UI_RUNG_BRANCH: return below ? " ├─● " : " └─● ";
    case UI_RUNG_KEY:
        return r[i].last ? (below ? " │   └ " : "     └ ") : (below ? " │   ├ " : "     ├ ");
    default:
        return above && below ? " │◀── " : above ? "  ◀── " : below ? " ┌◀── " : "  ◀── ";
    }
}

/* Short hex of len bytes (at most max shown, then …) into buf. */
static void short_hex(const uint8_t *d, size_t len, size_t max, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < len && i < max && o + 3 < cap; i++) {
        o += (size_t)snprintf(buf + o, cap - o, "%02x", d[i]);
    }
    if (len > max) {
        snprintf(buf + o, cap - o, "…");
    }
}

static void draw_rung(ui_app *a, const ui_rung *r, size_t n, size_t i, int y, const ui_rect *box)
{
    const ui_rung *g = &r[i];
    size_t k = ui_app_k(a);
    const ts_step *st = g->step != UI_RUNG_NONE ? ts_session_get_step(a->s, g->step) : NULL;
    bool sel = i == a->ladder_sel, known = st != NULL;
    bool fresh = known && g->step + 1 == k;
    bool secret = known && st->ev.secret;
    const char *pre = prefix(r, n, i);
    int pw = ui_wide_width(pre);
    bool wide = box->w >= WIDE_COLS;
    int lab_end = wide ? 46 : 44;
    int room = (box->w - lab_end - 2) / 2; /* no derivation column: more of the value */
    size_t bytes = wide ? 8 : room > 16 ? 16 : room > 4 ? (size_t)room : 4;
    int hex_w = (int)bytes * 2 + 1;
    ui_wide_put(stdscr, y, box->x, "", box->w, ui_attr(sel ? UI_C_SELECT : UI_C_NORMAL));
    ui_wide_put(stdscr, y, box->x, pre, pw, ui_attr(sel ? UI_C_SELECT : UI_C_DIM));
    ui_role lrole = sel ? UI_C_SELECT : !known ? UI_C_DIM : fresh ? UI_C_NEW
                    : g->kind == UI_RUNG_SECRET || g->kind == UI_RUNG_BRANCH ? UI_C_TITLE
                                                                             : UI_C_NORMAL;
    ui_wide_put(stdscr, y, box->x + pw, rung_label(a, g), lab_end - pw - 1, ui_attr(lrole));
    char hx[64];
    if (known) {
        size_t len;
        const uint8_t *d = rung_bytes(a, g, &len);
        short_hex(d, len, bytes, hx, sizeof(hx));
    } else {
        snprintf(hx, sizeof(hx), "(%s)", ui_t(UI_T_LADDER_NOT_YET, a->lang));
    }
    ui_role hrole = sel ? UI_C_SELECT : !known ? UI_C_DIM : secret ? UI_C_SECRET : UI_C_NORMAL;
    ui_wide_put(stdscr, y, box->x + lab_end, hx, hex_w, ui_attr(hrole));
    int op_x = lab_end + hex_w + 1;
    if (wide && box->w > op_x) {
        ui_wide_put(stdscr, y, box->x + op_x, rung_op(a, g), box->w - op_x,
                    ui_attr(sel ? UI_C_SELECT : UI_C_DIM));
    }
}

/* The selected rung's derivation and who derived it when, below the rungs. */
static void draw_footer(ui_app *a, const ui_rung *r, size_t n, int y, const ui_rect *box)
{
    if (a->ladder_sel >= n) {
        return;
    }
    const ui_rung *g = &r[a->ladder_sel];
    const ts_step *st = g->step != UI_RUNG_NONE ? ts_session_get_step(a->s, g->step) : NULL;
    char line[512], step[64] = "";
    if (st != NULL) {
        snprintf(step, sizeof(step), ui_t(UI_T_STEP_N, a->lang), g->step + 1);
    }
    /* the run's own formula once derived (the PSK and the inputs: where
     * they come from) */
    char f[320];
    bool own = st != NULL && g->kind != UI_RUNG_INPUT && st->ev.formula != NULL &&
               st->ev.formula[0] != '\0';
    const char *op = own ? ui_engine(st->ev.formula, a->lang, f, sizeof(f)) : rung_op(a, g);
    snprintf(line, sizeof(line), "%s%s%s%s%s%s%s", rung_label(a, g),
             op[0] == '\0' ? "" : g->kind == UI_RUNG_INPUT ? ": " : " = ", op,
             st != NULL ? " — " : "", st != NULL ? ui_side_word(st->ev.side, a->lang) : "",
             st != NULL ? ", " : "", step);
    ui_wide_put(stdscr, y, box->x, line, box->w, ui_attr(UI_C_TITLE));
}

void ui_ladder_draw(ui_app *a, const ui_rect *r, bool large)
{
    ui_rung rungs[UI_LADDER_MAX];
    bool v13;
    size_t n = rungs_now(a, rungs, &v13);
    follow(a, rungs, n);
    ui_rect box = *r;
    if (large) {
        box.w = r->w * 3 / 5 < 110 ? r->w * 3 / 5 : 110;
    }
    char title[160];
    snprintf(title, sizeof(title), "%s — %s", ui_t(UI_T_LADDER, a->lang),
             v13 ? "TLS 1.3 (RFC 8446 7.1)" : "TLS 1.2 (RFC 5246 8.1, 6.3)");
    ui_shared_title(box.y, box.x, box.w, title, true);
    int rows = box.h - 3;
    a->ladder_top = ui_nav_top(a->ladder_top, a->ladder_sel, n, rows);
    for (int i = 0; i < rows && (size_t)(a->ladder_top + i) < n; i++) {
        draw_rung(a, rungs, n, (size_t)(a->ladder_top + i), box.y + 1 + i, &box);
    }
    if ((size_t)(a->ladder_top + rows) < n) {
        ui_wide_put(stdscr, box.y + rows, box.x + box.w - 2, "▼", 1, ui_attr(UI_C_DIM));
    }
    draw_footer(a, rungs, n, box.y + box.h - 2, &box);
    ui_wide_put(stdscr, box.y + box.h - 1, box.x, ui_t(UI_T_LADDER_HINTS, a->lang), box.w,
                ui_attr(UI_C_DIM));
    size_t step = a->ladder_sel < n ? rungs[a->ladder_sel].step : UI_RUNG_NONE;
    if (large && step != UI_RUNG_NONE) {
        attrset(ui_attr(UI_C_DIM));
        mvvline(r->y, r->x + box.w, ACS_VLINE, r->h);
        attrset(A_NORMAL);
        ui_inspect insp = {.is_record = false, .step = step};
        ui_rect side = {r->y, r->x + box.w + 2, r->h, r->w - box.w - 2};
        ui_inspector_draw_panel(a, &insp, &side);
    }
}

bool ui_ladder_key(ui_app *a, int key)
{
    ui_rung r[UI_LADDER_MAX];
    size_t n = rungs_now(a, r, NULL);
    switch (key) {
    case 27:
    case 's':
        a->view = UI_VIEW_MAIN;
        return true;
    case '\n':
    case '\r':
    case KEY_ENTER:
        if (a->ladder_sel >= n || r[a->ladder_sel].step == UI_RUNG_NONE) {
            ui_app_msg(a, false, ui_t(UI_T_LADDER_NOT_DERIVED, a->lang),
                       a->ladder_sel < n ? rung_label(a, &r[a->ladder_sel]) : "");
            return true;
        }
        ui_inspector_open_step(a, r[a->ladder_sel].step);
        return true;
    default:
        return ui_nav_move(&a->ladder_sel, key, n);
    }
}
