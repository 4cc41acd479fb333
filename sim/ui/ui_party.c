/* ui_party: one side's pane (client or server). */
#include "ui/ui_party.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

#include "ui/ui_color.h"
#include "ui/ui_inspector.h"
#include "ui/ui_nav.h"
#include "ui/ui_shared.h"
#include "ui/ui_wide.h"

#define DETAIL_ROWS 4

static ui_pane pane_of(ts_side side)
{
    return side == TS_SIDE_CLIENT ? UI_PANE_CLIENT : UI_PANE_SERVER;
}

/* The line text of an item, and its role. */
static ui_role item_text(const ui_app *a, const ts_step *st, size_t k, char *buf, size_t n)
{
    const ts_event *ev = &st->ev;
    const char *name = ui_shared_name(ev, a->lang);
    switch (ev->kind) {
    case TS_EV_CHECK:
        snprintf(buf, n, "%s %s", ev->ok ? "✓" : "✗", name);
        return ev->ok ? UI_C_OK : UI_C_ALERT;
    case TS_EV_ALERT_SENT:
    case TS_EV_ALERT_RECEIVED:
        snprintf(buf, n, "! %s (%s)", name,
                 ui_t(ev->kind == TS_EV_ALERT_SENT ? UI_T_SENT_SHORT : UI_T_RECEIVED_SHORT,
                      a->lang));
        return strcmp(name, "close_notify") == 0 ? UI_C_OK : UI_C_ALERT;
    case TS_EV_WIPE:
        snprintf(buf, n, "~ %s", name);
        return UI_C_DIM;
    case TS_EV_DONE:
        snprintf(buf, n, "■ %s", name);
        return ev->ok ? UI_C_OK : UI_C_ALERT;
    default:
        break;
    }
    if (ui_shared_wiped(a, st, k)) {
        snprintf(buf, n, "  %s (%s)", name, ui_t(UI_T_WIPED, a->lang));
        return UI_C_DIM;
    }
    snprintf(buf, n, "  %s", name);
    return ev->secret ? UI_C_SECRET : UI_C_NORMAL;
}

/* Writes the hex of data into buf as far as cols columns allow. */
static void short_hex(const uint8_t *data, size_t len, int cols, char *buf, size_t n)
{
    size_t bytes = cols > 1 ? (size_t)(cols - 1) / 2 : 0;
    bool cut = bytes < len;
    if (!cut) {
        bytes = len;
    }
    size_t o = 0;
    for (size_t i = 0; i < bytes && o + 3 < n; i++) {
        o += (size_t)snprintf(buf + o, n - o, "%02x", data[i]);
    }
    snprintf(buf + o, n - o, "%s", cut ? "…" : "");
}

static void draw_item(ui_app *a, const ts_step *st, size_t k, int y, const ui_rect *r,
                      bool selected)
{
    char text[256];
    ui_role role = item_text(a, st, k, text, sizeof(text));
    bool fresh = st->index + 1 == k;
    ui_role shown = fresh && role != UI_C_ALERT ? UI_C_NEW : role;
    attr_t at = ui_attr(selected ? UI_C_SELECT : shown);
    if (fresh && text[0] == ' ') {
        text[0] = '+';
    }
    int tw = ui_wide_width(text);
    bool hex = st->ev.kind == TS_EV_VALUE && st->ev.value_len > 0 && role != UI_C_DIM &&
               r->w - tw - 1 >= 5;
    if (!hex) {
        ui_wide_put(stdscr, y, r->x, text, r->w, at);
        return;
    }
    ui_wide_put(stdscr, y, r->x, text, tw + 1, at);
    char hx[128];
    short_hex(st->ev.value, st->ev.value_len, r->w - tw - 1, hx, sizeof(hx));
    ui_wide_put(stdscr, y, r->x + tw + 1, hx, r->w - tw - 1,
                selected ? at : ui_attr(fresh ? UI_C_NEW : UI_C_DIM));
}

static void draw_detail(ui_app *a, const ts_step *st, const ui_rect *r, int y)
{
    ui_shared_rule(y, r->x, r->w);
    if (st == NULL) {
        return;
    }
    const ts_event *ev = &st->ev;
    char line[512], how[400];
    if (ev->kind == TS_EV_VALUE) {
        snprintf(line, sizeof(line), "%s: %zu B, %s", ui_shared_name(ev, a->lang), ev->value_len,
                 ui_shared_how(ev, a->lang, how, sizeof(how)));
        ui_wide_put(stdscr, y + 1, r->x, line, r->w, ui_attr(UI_C_TITLE));
        char hx[400];
        short_hex(ev->value, ev->value_len, 2 * r->w, hx, sizeof(hx));
        ui_wide_wrap(stdscr, y + 2, r->x, DETAIL_ROWS - 2, r->w, hx, 0,
                     ui_attr(ev->secret ? UI_C_SECRET : UI_C_NORMAL));
        return;
    }
    snprintf(line, sizeof(line), "%s",
             ev->how != NULL && ev->how[0] != '\0' ? ui_engine(ev->how, a->lang, how, sizeof(how))
                                                   : ui_shared_name(ev, a->lang));
    bool bad = (ev->kind == TS_EV_CHECK || ev->kind == TS_EV_DONE) && !ev->ok;
    ui_wide_wrap(stdscr, y + 1, r->x, DETAIL_ROWS - 1, r->w, line, 0,
                 ui_attr(bad ? UI_C_ALERT : UI_C_NORMAL));
}

void ui_party_draw(ui_app *a, ts_side side, const ui_rect *r)
{
    ui_pane pane = pane_of(side);
    ui_shared_title(r->y, r->x, r->w, ui_t(side == TS_SIDE_CLIENT ? UI_T_CLIENT : UI_T_SERVER,
                                           a->lang), a->focus == pane);
    size_t k = ui_app_k(a);
    size_t idx[UI_MAX_ITEMS];
    size_t n = ui_app_side_items(a, side, k, idx, UI_MAX_ITEMS);
    int rows = r->h - 1 - DETAIL_ROWS;
    if (n == 0) {
        ui_wide_put(stdscr, r->y + 1, r->x, ui_t(UI_T_NOTHING_YET, a->lang), r->w,
                    ui_attr(UI_C_DIM));
        draw_detail(a, NULL, r, r->y + 1 + rows);
        return;
    }
    size_t sel = a->sel[pane] < n ? a->sel[pane] : n - 1;
    a->top[pane] = ui_nav_top(a->top[pane], sel, n, rows);
    for (int i = 0; i < rows && (size_t)(a->top[pane] + i) < n; i++) {
        size_t it = (size_t)(a->top[pane] + i);
        draw_item(a, ts_session_get_step(a->s, idx[it]), k, r->y + 1 + i, r,
                  it == sel && a->focus == pane);
    }
    draw_detail(a, ts_session_get_step(a->s, idx[sel]), r, r->y + 1 + rows);
}

bool ui_party_key(ui_app *a, ts_side side, int key)
{
    ui_pane pane = pane_of(side);
    size_t idx[UI_MAX_ITEMS];
    size_t n = ui_app_side_items(a, side, ui_app_k(a), idx, UI_MAX_ITEMS);
    size_t *sel = &a->sel[pane];
    if (ui_nav_move(sel, key, n)) {
        return true;
    }
    switch (key) {
    case '\n':
    case '\r':
    case KEY_ENTER:
        if (ui_nav_can_open(a, n)) {
            ui_inspector_open_step(a, idx[*sel < n ? *sel : n - 1]);
        }
        return true;
    default:
        return false;
    }
}
