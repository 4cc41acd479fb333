/* ui_inspect_value: a value explained: formula, inputs, reproduction
 * (the commands come from export/ts_reproduce, as the transcript's). */
#include "ui/ui_inspect_value.h"

#include <ncurses.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_i18n.h"
#include "export/ts_reproduce.h"
#include "simulation/ts_steps.h"
#include "ui/ui_color.h"
#include "ui/ui_nav.h"
#include "ui/ui_shared.h"
#include "ui/ui_wide.h"

#define MAX_PARAS 24

typedef struct {
    char *text[MAX_PARAS];
    ui_role role[MAX_PARAS];
    size_t n;
} paras;

static void add(paras *p, ui_role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void add(paras *p, ui_role role, const char *fmt, ...)
{
    if (p->n == MAX_PARAS) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) >= 0) {
        p->text[p->n] = s;
        p->role[p->n++] = role;
    }
    va_end(ap);
}

/* Hex with a space between bytes (wraps cleanly); caller frees. */
static char *spaced_hex(const uint8_t *d, size_t n)
{
    char *s = malloc(n * 3 + 1);
    if (s == NULL) {
        return NULL;
    }
    s[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        snprintf(s + i * 3, 4, i + 1 < n ? "%02x " : "%02x", d[i]);
    }
    return s;
}

/* What people call a PRF's or a formula's input in lang: the step's label
 * for a value's name, the RFC 5246 parameter words for the PRF's own. */
static const char *input_label(const char *name, ts_lang lang)
{
    static const char *const prf[][2] = {
        /* TRANSLATORS: the PRF's parameters in RFC 5246: PRF(secret, label, seed) */
        {"secret", N_("secret")},
        {"label", N_("label")},
        {"seed", N_("seed")},
    };
    for (size_t i = 0; i < sizeof(prf) / sizeof(prf[0]); i++) {
        if (strcmp(name, prf[i][0]) == 0) {
            return ts_tr(lang, prf[i][1]);
        }
    }
    return ts_steps_label(name, lang);
}

static void add_inputs(paras *p, const ts_event *ev, ts_lang lang)
{
    if (ev->n_inputs == 0) {
        return;
    }
    add(p, UI_C_TITLE, "%s:", ui_t(UI_T_INPUTS, lang));
    for (size_t i = 0; i < ev->n_inputs && i < TS_EV_MAX_INPUTS; i++) {
        const ts_ev_input *in = &ev->inputs[i];
        const char *label = input_label(in->name, lang);
        bool other = strcmp(label, in->name) != 0 && strchr(in->name, '_') != NULL;
        if (in->text) {
            add(p, UI_C_NORMAL, "  %s%s%s%s: \"%.*s\"", label, other ? " (" : "",
                other ? in->name : "", other ? ")" : "", (int)in->len, (const char *)in->data);
            continue;
        }
        char *hx = spaced_hex(in->data, in->len);
        add(p, UI_C_NORMAL, "  %s%s%s%s (%zu B): %s", label, other ? " (" : "",
            other ? in->name : "", other ? ")" : "", in->len, hx != NULL ? hx : "");
        free(hx);
    }
}

size_t ui_inspect_value_commands(const ts_step *st, char **cmds, size_t max)
{
    return ts_reproduce_commands(&st->ev, cmds, max);
}

static void build(const ui_app *a, const ts_step *st, paras *p)
{
    const ts_event *ev = &st->ev;
    ts_lang l = a->lang;
    char how[640], cat[640], step[64];
    ui_engine(ev->how != NULL ? ev->how : "", l, how, sizeof(how));
    snprintf(step, sizeof(step), ui_t(UI_T_STEP_N, l), st->index + 1);
    const char *name = ev->name != NULL ? ev->name : "";
    const char *label = ui_shared_name(ev, l);
    bool other = strcmp(label, name) != 0;
    add(p, UI_C_FOCUS, "%s — %s — %s, %s", ui_t(UI_T_INSPECTOR, l), label,
        ui_side_word(ev->side, l), step);
    if (other) {
        add(p, UI_C_TITLE, "%s: %s", ui_t(UI_T_RFC_NAME, l), name);
    }
    if (ev->kind == TS_EV_VALUE) {
        const char *c = ui_shared_how(ev, l, cat, sizeof(cat));
        if (ui_shared_how_plain(ev) || strcmp(c, how) == 0) {
            add(p, UI_C_NORMAL, "%s: %s", ui_t(UI_T_HOW, l), c);
        } else {
            add(p, UI_C_NORMAL, "%s: %s — %s", ui_t(UI_T_HOW, l), c, how);
        }
        if (ev->secret) {
            add(p, UI_C_SECRET, "%s", ui_t(UI_T_SECRET_NOTE, l));
        }
        if (ui_shared_wiped(a, st, ui_app_k(a))) {
            add(p, UI_C_DIM, "(%s)", ui_t(UI_T_WIPED, l));
        }
        if (ev->formula != NULL && ev->formula[0] != '\0') {
            char f[640];
            add(p, UI_C_NORMAL, "%s: %s", ui_t(UI_T_FORMULA, l),
                ui_engine(ev->formula, l, f, sizeof(f)));
        }
        add(p, UI_C_TITLE, "%s (%zu B):", ui_t(UI_T_VALUE, l), ev->value_len);
        char *hx = spaced_hex(ev->value, ev->value_len);
        add(p, ev->secret ? UI_C_SECRET : UI_C_NORMAL, "%s", hx != NULL ? hx : "");
        free(hx);
        add_inputs(p, ev, l);
        if (ev->prf.used || ev->hkdf.used || ev->sig.used) {
            add(p, UI_C_TITLE, "%s: (%s)", ui_t(UI_T_REPRODUCE, l), ui_t(UI_T_COMMAND_HINTS, l));
        }
        return;
    }
    bool bad = ((ev->kind == TS_EV_CHECK || ev->kind == TS_EV_DONE) && !ev->ok) ||
               (ev->kind == TS_EV_ALERT_SENT && strcmp(name, "close_notify") != 0);
    if (ev->kind == TS_EV_CHECK) {
        add(p, bad ? UI_C_ALERT : UI_C_OK, "%s %s", ev->ok ? "✓" : "✗",
            ui_t(ev->ok ? UI_T_CHECK_OK : UI_T_CHECK_FAILED, l));
        if (!ev->ok) {
            add(p, UI_C_ALERT, "%s (%s)", ts_err_str(ev->err, l), ts_err_name(ev->err));
        }
    }
    if (ev->kind == TS_EV_ALERT_SENT || ev->kind == TS_EV_ALERT_RECEIVED) {
        add(p, bad ? UI_C_ALERT : UI_C_NORMAL, ui_t(UI_T_ALERT_LINE, l), ev->alert, name,
            ev->alert_level, ui_t(ev->alert_level == 2 ? UI_T_FATAL : UI_T_WARNING, l));
    }
    if (how[0] != '\0') {
        add(p, bad ? UI_C_ALERT : UI_C_NORMAL, "%s: %s", ui_t(UI_T_HOW, l), how);
    }
}

/* Draws command cmd on one line at y (never wrapped: a command is copied
 * whole), from column x0 of it; the selected one marked. */
static void draw_command(const char *cmd, bool sel, size_t x0, int y, int x, int w)
{
    char line[16];
    snprintf(line, sizeof(line), "%s$ ", sel ? "▶ " : "  ");
    int lw = ui_wide_width(line);
    ui_wide_put(stdscr, y, x, line, lw, ui_attr(sel ? UI_C_FOCUS : UI_C_DIM));
    size_t len = strlen(cmd);
    const char *from = cmd + (x0 < len ? x0 : len);
    ui_wide_put(stdscr, y, x + lw, from, w - lw, ui_attr(sel ? UI_C_SELECT : UI_C_NORMAL));
}

void ui_inspect_value_draw_in(ui_app *a, ui_inspect *insp, const ui_rect *r, bool panel)
{
    const ts_step *st = ts_session_get_step(a->s, insp->step);
    if (st == NULL) {
        return;
    }
    paras p = {.n = 0};
    build(a, st, &p);
    char *cmds[2];
    size_t nc = ui_inspect_value_commands(st, cmds, 2);
    if (p.n == 0) {
        return;
    }
    if (a->cmd_sel >= nc) {
        a->cmd_sel = 0;
    }
    ui_wide_put(stdscr, r->y, r->x, p.text[0], r->w, ui_attr(p.role[0]));
    int rows = r->h - (panel ? 1 : 2), w = r->w - 2;
    size_t total = nc;
    for (size_t i = 1; i < p.n; i++) {
        total += (size_t)ui_wide_lines(p.text[i], w);
    }
    size_t max = total > (size_t)rows ? total - (size_t)rows : 0;
    if (insp->scroll > max) {
        insp->scroll = max;
    }
    size_t line = 0;
    int y = r->y + 1, end = r->y + 1 + rows;
    for (size_t i = 1; i < p.n && y < end; i++) {
        size_t nl = (size_t)ui_wide_lines(p.text[i], w);
        if (line + nl > insp->scroll) {
            int skip = insp->scroll > line ? (int)(insp->scroll - line) : 0;
            y += ui_wide_wrap(stdscr, y, r->x + 1, end - y, w, p.text[i], skip,
                              ui_attr(p.role[i]));
        }
        line += nl;
    }
    for (size_t i = 0; i < nc; i++) {
        if (line >= insp->scroll && y < end) {
            draw_command(cmds[i], i == a->cmd_sel, a->cmd_x, y++, r->x + 1, w);
        }
        line++;
        free(cmds[i]);
    }
    for (size_t i = 0; i < p.n; i++) {
        free(p.text[i]);
    }
    if (!panel) {
        ui_wide_put(stdscr, r->y + r->h - 1, r->x, ui_t(UI_T_INSPECT_HINTS, a->lang), r->w,
                    ui_attr(UI_C_DIM));
    }
}

void ui_inspect_value_draw(ui_app *a, const ui_rect *r)
{
    ui_inspect_value_draw_in(a, &a->insp, r, false);
}

bool ui_inspect_value_key(ui_app *a, int key)
{
    switch (key) {
    case 'c': a->cmd_sel++; a->cmd_x = 0; return true; /* wraps when drawn */
    case '>': a->cmd_x += 16; return true;
    case '<': a->cmd_x = a->cmd_x > 16 ? a->cmd_x - 16 : 0; return true;
    default: return ui_nav_move(&a->insp.scroll, key, SIZE_MAX); /* clamped when drawn */
    }
}
