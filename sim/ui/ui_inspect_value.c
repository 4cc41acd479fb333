/* ui_inspect_value: a value explained: formula, inputs, reproduction. */
#include "ui/ui_inspect_value.h"

#include <ncurses.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
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

/* Writes the tlsstep (or, when openssl, the openssl kdf) command for prf
 * into buf; false when it does not fit or prf is unused. */
static bool prf_command(const ts_ev_prf *prf, bool openssl, char *buf, size_t n)
{
    if (!prf->used) {
        return false;
    }
    char *sec = ts_hex_strdup(prf->secret, prf->secret_len);
    char *seed = ts_hex_strdup(prf->seed, prf->seed_len);
    int w = -1;
    if (sec != NULL && seed != NULL && openssl) {
        w = snprintf(buf, n, "openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt hexsecret:%s "
                     "-kdfopt 'seed:%s' -kdfopt hexseed:%s TLS1-PRF",
                     prf->out_len, prf->hash == TS_HASH_SHA384 ? "SHA384" : "SHA256", sec,
                     prf->label, seed);
    } else if (sec != NULL && seed != NULL) {
        w = snprintf(buf, n, "tlsstep prf --hash %s --secret %s --label '%s' --seed %s --length %zu",
                     ts_hash_name(prf->hash), sec, prf->label, seed, prf->out_len);
    }
    free(sec);
    free(seed);
    return w >= 0 && (size_t)w < n;
}

bool ui_inspect_prf_command(const ts_ev_prf *prf, char *buf, size_t n)
{
    return prf_command(prf, false, buf, n);
}

bool ui_inspect_openssl_command(const ts_ev_prf *prf, char *buf, size_t n)
{
    return prf_command(prf, true, buf, n);
}

static void add_inputs(paras *p, const ts_event *ev, ts_lang lang)
{
    if (ev->n_inputs == 0) {
        return;
    }
    add(p, UI_C_TITLE, "%s:", ui_t(UI_T_INPUTS, lang));
    for (size_t i = 0; i < ev->n_inputs && i < TS_EV_MAX_INPUTS; i++) {
        const ts_ev_input *in = &ev->inputs[i];
        if (in->text) {
            add(p, UI_C_NORMAL, "  %s: \"%.*s\"", in->name, (int)in->len, (const char *)in->data);
            continue;
        }
        char *hx = spaced_hex(in->data, in->len);
        add(p, UI_C_NORMAL, "  %s (%zu B): %s", in->name, in->len, hx != NULL ? hx : "");
        free(hx);
    }
}

static void add_commands(paras *p, const ts_event *ev, ts_lang lang)
{
    size_t n = 2 * (ev->prf.secret_len + ev->prf.seed_len) + 512;
    char *cmd = malloc(n);
    if (cmd == NULL || !ev->prf.used) {
        free(cmd);
        return;
    }
    add(p, UI_C_TITLE, "%s:", ui_t(UI_T_REPRODUCE, lang));
    if (ui_inspect_prf_command(&ev->prf, cmd, n)) {
        add(p, UI_C_NORMAL, "$ %s", cmd);
    }
    if (ui_inspect_openssl_command(&ev->prf, cmd, n)) {
        add(p, UI_C_NORMAL, "$ %s", cmd);
    }
    free(cmd);
}

static void build(const ui_app *a, const ts_step *st, paras *p)
{
    const ts_event *ev = &st->ev;
    ts_lang l = a->lang;
    const char *how = ev->how != NULL ? ev->how : "";
    add(p, UI_C_FOCUS, "%s — %s %s (%s), %s %zu", ui_t(UI_T_INSPECTOR, l), ts_ev_kind_name(ev->kind),
        ev->name, ts_side_name(ev->side), ui_t(UI_T_STEP, l), st->index + 1);
    if (ev->kind == TS_EV_VALUE) {
        if (strcmp(ui_shared_how(ev, TS_LANG_EN), how) == 0) {
            add(p, UI_C_NORMAL, "%s: %s", ui_t(UI_T_HOW, l), ui_shared_how(ev, l));
        } else {
            add(p, UI_C_NORMAL, "%s: %s — %s", ui_t(UI_T_HOW, l), ui_shared_how(ev, l), how);
        }
        if (ev->secret) {
            add(p, UI_C_SECRET, "%s", ui_t(UI_T_SECRET_NOTE, l));
        }
        if (ui_shared_wiped(a, st, ui_app_k(a))) {
            add(p, UI_C_DIM, "(%s)", ui_t(UI_T_WIPED, l));
        }
        if (ev->formula != NULL && ev->formula[0] != '\0') {
            add(p, UI_C_NORMAL, "%s: %s", ui_t(UI_T_FORMULA, l), ev->formula);
        }
        add(p, UI_C_TITLE, "%s (%zu B):", ui_t(UI_T_VALUE, l), ev->value_len);
        char *hx = spaced_hex(ev->value, ev->value_len);
        add(p, ev->secret ? UI_C_SECRET : UI_C_NORMAL, "%s", hx != NULL ? hx : "");
        free(hx);
        add_inputs(p, ev, l);
        add_commands(p, ev, l);
        return;
    }
    bool bad = ((ev->kind == TS_EV_CHECK || ev->kind == TS_EV_DONE) && !ev->ok) ||
               (ev->kind == TS_EV_ALERT_SENT && strcmp(ev->name, "close_notify") != 0);
    if (ev->kind == TS_EV_CHECK) {
        add(p, bad ? UI_C_ALERT : UI_C_OK, "%s %s", ev->ok ? "✓" : "✗",
            ui_t(ev->ok ? UI_T_CHECK_OK : UI_T_CHECK_FAILED, l));
        if (!ev->ok) {
            add(p, UI_C_ALERT, "%s (%s)", ts_err_str(ev->err, l), ts_err_name(ev->err));
        }
    }
    if (ev->kind == TS_EV_ALERT_SENT || ev->kind == TS_EV_ALERT_RECEIVED) {
        add(p, bad ? UI_C_ALERT : UI_C_NORMAL, "alert %u (%s), level %u (%s)", ev->alert,
            ev->name, ev->alert_level, ev->alert_level == 2 ? "fatal" : "warning");
    }
    if (how[0] != '\0') {
        add(p, bad ? UI_C_ALERT : UI_C_NORMAL, "%s: %s", ui_t(UI_T_HOW, l), how);
    }
}

void ui_inspect_value_draw(ui_app *a, const ui_rect *r)
{
    const ts_step *st = ts_session_get_step(a->s, a->insp.step);
    if (st == NULL) {
        return;
    }
    paras p = {.n = 0};
    build(a, st, &p);
    if (p.n == 0) {
        return;
    }
    ui_wide_put(stdscr, r->y, r->x, p.text[0], r->w, ui_attr(p.role[0]));
    int rows = r->h - 2, w = r->w - 2;
    size_t total = 0;
    for (size_t i = 1; i < p.n; i++) {
        total += (size_t)ui_wide_lines(p.text[i], w);
    }
    size_t max = total > (size_t)rows ? total - (size_t)rows : 0;
    if (a->insp.scroll > max) {
        a->insp.scroll = max;
    }
    size_t line = 0;
    int y = r->y + 1, end = r->y + 1 + rows;
    for (size_t i = 1; i < p.n && y < end; i++) {
        size_t nl = (size_t)ui_wide_lines(p.text[i], w);
        if (line + nl > a->insp.scroll) {
            int skip = a->insp.scroll > line ? (int)(a->insp.scroll - line) : 0;
            y += ui_wide_wrap(stdscr, y, r->x + 1, end - y, w, p.text[i], skip,
                              ui_attr(p.role[i]));
        }
        line += nl;
    }
    for (size_t i = 0; i < p.n; i++) {
        free(p.text[i]);
    }
    ui_wide_put(stdscr, r->y + r->h - 1, r->x, ui_t(UI_T_INSPECT_HINTS, a->lang), r->w,
                ui_attr(UI_C_DIM));
}

bool ui_inspect_value_key(ui_app *a, int key)
{
    return ui_nav_move(&a->insp.scroll, key, SIZE_MAX); /* clamped when drawn */
}
