/* ui_channel: the sequence diagram of records. */
#include "ui/ui_channel.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

#include "tls/msg/ts_msg_alert.h"
#include "ui/ui_color.h"
#include "ui/ui_inspector.h"
#include "ui/ui_nav.h"
#include "ui/ui_observer.h"
#include "ui/ui_shared.h"
#include "ui/ui_wide.h"

#define DETAIL_ROWS 4

const char *ui_channel_alert_name(const ts_chan_record *rec)
{
    if (rec->content_type != 21) {
        return NULL;
    }
    unsigned desc;
    if (rec->has_plain && rec->plaintext.len >= 2) {
        desc = rec->plaintext.data[1];
    } else if (!rec->protected_record && rec->sent.len >= 7) {
        desc = rec->sent.data[6];
    } else {
        return NULL;
    }
    const char *name = ts_alert_name((uint8_t)desc);
    return name != NULL ? name : "Alert";
}

bool ui_channel_fatal_alert(const ts_chan_record *rec)
{
    if (rec->content_type != 21) {
        return false;
    }
    if (rec->has_plain && rec->plaintext.len >= 1) {
        return rec->plaintext.data[0] == 2;
    }
    return !rec->protected_record && rec->sent.len >= 6 && rec->sent.data[5] == 2;
}

/* True when rec shows as attacked at the cursor: an action on it, or it
 * crossed tampered or dropped. */
static bool attacked(const ui_app *a, const ts_chan_record *rec, size_t k)
{
    if (ui_app_action_for(a, rec->number) != NULL) {
        return true;
    }
    return ts_session_record_crossed(a->s, rec->number, k) &&
           (rec->tampered || rec->status == TS_REC_DROPPED);
}

/* Appends s to buf (of n bytes) at *o. */
static void put(char *buf, size_t n, size_t *o, const char *s)
{
    size_t l = strlen(s);
    if (*o + l < n) {
        memcpy(buf + *o, s, l + 1);
        *o += l;
    }
}

/* The arrow for rec in cols columns: "─Name───▶" or "◀─Name───". */
static void arrow(const ui_app *a, const ts_chan_record *rec, size_t k, int cols, char *buf,
                  size_t n)
{
    bool crossed = ts_session_record_crossed(a->s, rec->number, k);
    bool dropped = crossed && rec->status == TS_REC_DROPPED;
    /* a protected record's arrow is doubled: the keys guard it */
    const char *dash = rec->protected_record ? (crossed ? "═" : "╍") : crossed ? "─" : "╌";
    char name[96];
    bool hide = ui_observer_hides(a, rec); /* the eavesdropper sees the header only */
    const char *alert = hide ? NULL : ui_channel_alert_name(rec);
    bool fatal = !hide && ui_channel_fatal_alert(rec);
    /* close_notify is a goodbye, a fatal alert an error: marked apart */
    snprintf(name, sizeof(name), "%s%s%s%s%s", attacked(a, rec, k) ? "!" : "",
             alert != NULL && fatal ? "✗ " : "",
             alert != NULL ? "" : hide ? ui_observer_type(rec->content_type) : rec->type_name,
             alert != NULL ? alert : "", alert != NULL && !fatal ? " ✓" : "");
    size_t o = 0;
    buf[0] = '\0';
    int used = 0;
    if (rec->dir == TS_DIR_S2C) {
        put(buf, n, &o, dropped ? "✗" : "◀");
        used++;
    }
    put(buf, n, &o, dash);
    put(buf, n, &o, name);
    used += 1 + ui_wide_width(name);
    int fill = cols - used - (rec->dir == TS_DIR_C2S ? 1 : 0);
    for (int i = 0; i < fill; i++) {
        put(buf, n, &o, dash);
    }
    if (rec->dir == TS_DIR_C2S) {
        put(buf, n, &o, dropped ? "✗" : "▶");
    }
}

static ui_role record_role(const ui_app *a, const ts_chan_record *rec, size_t k, size_t current)
{
    bool hide = ui_observer_hides(a, rec);
    if (!hide && ui_channel_fatal_alert(rec)) {
        return UI_C_ALERT;
    }
    if (!hide && ui_channel_alert_name(rec) != NULL && !attacked(a, rec, k)) {
        return rec->number == current ? UI_C_CURRENT : UI_C_OK;
    }
    if (attacked(a, rec, k)) {
        return UI_C_TAMPER;
    }
    return rec->number == current ? UI_C_CURRENT : UI_C_NORMAL;
}

static void draw_detail(const ui_app *a, const ts_chan_record *rec, const ui_rect *r, int y)
{
    ui_shared_rule(y, r->x, r->w);
    if (rec == NULL) {
        return;
    }
    char line[256];
    bool hide = ui_observer_hides(a, rec);
    const uint8_t *h = rec->sent.data;
    if (hide && rec->sent.len >= 5) {
        /* the outer header as it is on the wire: type, 03 03, length */
        snprintf(line, sizeof(line), "#%zu %s %02x %02x %02x%02x, %zu B", rec->number,
                 ui_observer_type(rec->content_type), h[1], h[2], h[3], h[4], rec->sent.len);
    } else {
        snprintf(line, sizeof(line), "#%zu %s, %zu B", rec->number, rec->type_name, rec->sent.len);
    }
    ui_wide_put(stdscr, y + 1, r->x, line, r->w, ui_attr(UI_C_TITLE));
    size_t k = ui_app_k(a);
    const char *mark = ui_shared_record_mark(a, rec);
    snprintf(line, sizeof(line), "%s, %s%s%s%s%s", ui_dir_word(rec->dir, a->lang),
             ui_shared_record_status(a, rec), rec->protected_record ? ", " : "",
             rec->protected_record ? ui_t(UI_T_PROTECTED, a->lang) : "",
             mark[0] != '\0' ? ", " : "", mark);
    ui_wide_put(stdscr, y + 2, r->x, line, r->w,
                ui_attr(attacked(a, rec, k) ? UI_C_TAMPER : UI_C_NORMAL));
    if (ui_app_in_flight(a, rec->number)) {
        ui_wide_put(stdscr, y + 3, r->x, ui_t(UI_T_CAN_TAMPER, a->lang), r->w, ui_attr(UI_C_DIM));
    } else if (hide) {
        size_t o = 0; /* the first opaque bytes after the header */
        for (size_t i = 5; i < rec->sent.len && o + 4 < sizeof(line); i++) {
            o += (size_t)snprintf(line + o, sizeof(line) - o, "%02x ", h[i]);
        }
        ui_wide_put(stdscr, y + 3, r->x, line, r->w, ui_attr(UI_C_DIM));
    }
}

/* Fills nums with the records written by the cursor; returns how many. */
static size_t written(const ui_app *a, size_t *nums, size_t max)
{
    size_t k = ui_app_k(a), n = 0;
    const ts_chan *ch = ts_session_chan(a->s);
    for (size_t r = 1; r <= ts_chan_count(ch) && n < max; r++) {
        if (ts_session_record_written(a->s, r, k)) {
            nums[n++] = r;
        }
    }
    return n;
}

void ui_channel_draw(ui_app *a, const ui_rect *r)
{
    bool focus = a->focus == UI_PANE_CHANNEL;
    ui_shared_title(r->y, r->x, r->w, ui_t(UI_T_CHANNEL, a->lang), focus);
    size_t nums[UI_MAX_ITEMS];
    size_t n = written(a, nums, UI_MAX_ITEMS);
    int rows = r->h - 1 - DETAIL_ROWS;
    const ts_chan *ch = ts_session_chan(a->s);
    if (n == 0) {
        ui_wide_put(stdscr, r->y + 1, r->x, ui_t(UI_T_NO_RECORDS, a->lang), r->w,
                    ui_attr(UI_C_DIM));
        draw_detail(a, NULL, r, r->y + 1 + rows);
        return;
    }
    size_t pos = n - 1;
    for (size_t i = 0; i < n; i++) {
        if (nums[i] == a->sel[UI_PANE_CHANNEL]) {
            pos = i;
        }
    }
    int *top = &a->top[UI_PANE_CHANNEL];
    *top = ui_nav_top(*top, pos, n, rows);
    size_t k = ui_app_k(a);
    const ts_step *cur = ui_app_current(a);
    size_t current = cur != NULL ? cur->record : 0;
    for (int i = 0; i < rows && (size_t)(*top + i) < n; i++) {
        const ts_chan_record *rec = ts_chan_get(ch, nums[*top + i]);
        char num[16], body[1024];
        snprintf(num, sizeof(num), "%2zu ", rec->number);
        int nw = (int)strlen(num);
        arrow(a, rec, k, r->w - nw, body, sizeof(body));
        bool sel = (size_t)(*top + i) == pos;
        ui_role role = record_role(a, rec, k, current);
        attr_t at = ui_attr(sel && focus ? UI_C_SELECT : role);
        if (rec->number == current && !(sel && focus)) {
            at |= A_BOLD;
        }
        ui_wide_put(stdscr, r->y + 1 + i, r->x, num, nw, at);
        ui_wide_put(stdscr, r->y + 1 + i, r->x + nw, body, r->w - nw, at);
    }
    draw_detail(a, ts_chan_get(ch, nums[pos]), r, r->y + 1 + rows);
}

bool ui_channel_key(ui_app *a, int key)
{
    size_t nums[UI_MAX_ITEMS];
    size_t n = written(a, nums, UI_MAX_ITEMS);
    size_t pos = n > 0 ? n - 1 : 0;
    for (size_t i = 0; i < n; i++) {
        if (nums[i] == a->sel[UI_PANE_CHANNEL]) {
            pos = i;
        }
    }
    switch (key) {
    case KEY_UP:
    case 'k':
    case KEY_DOWN:
    case 'j':
        ui_nav_move(&pos, key, n);
        break;
    case '\n':
    case '\r':
    case KEY_ENTER:
        if (ui_nav_can_open(a, n)) {
            ui_inspector_open_record(a, nums[pos]);
        }
        return true;
    default:
        return false;
    }
    a->sel[UI_PANE_CHANNEL] = n > 0 ? nums[pos] : 0;
    return true;
}
