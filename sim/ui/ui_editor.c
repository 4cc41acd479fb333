/* ui_editor: edit or drop a record in flight, through session actions. */
#include "ui/ui_editor.h"

#include <ncurses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "ui/ui_color.h"
#include "ui/ui_sections.h"
#include "ui/ui_wide.h"

/* For a record already delivered: offers to go where it is in flight
 * (key again or Enter accepts, ui_main); otherwise says it is not. */
static void offer(ui_app *a, size_t n, int key)
{
    size_t flight, crossed;
    if (ts_session_record_crossed(a->s, n, ui_app_k(a)) && ui_record_in_flight_at(a, n, &flight) &&
        ui_record_crossed_at(a, n, &crossed)) {
        char k[2] = {(char)key, '\0'};
        a->offer_record = n;
        a->offer_step = flight;
        a->offer_key = key;
        ui_app_msg(a, false, ui_t(UI_T_OFFER_GOTO, a->lang), n, crossed, k, flight);
        return;
    }
    ui_app_msg(a, true, ui_t(UI_T_NOT_IN_FLIGHT, a->lang), n);
}

static const ts_chan_record *selected(ui_app *a, int key)
{
    size_t n = a->sel[UI_PANE_CHANNEL];
    if (n == 0) {
        ui_app_msg(a, true, "%s", ui_t(UI_T_NO_RECORD_SELECTED, a->lang));
        return NULL;
    }
    if (!ui_app_in_flight(a, n)) {
        offer(a, n, key);
        return NULL;
    }
    return ts_chan_get(ts_session_chan(a->s), n);
}

void ui_editor_open(ui_app *a)
{
    const ts_chan_record *rec = selected(a, 'e');
    if (rec == NULL || rec->sent.len == 0) {
        return;
    }
    free(a->ed.bytes);
    free(a->ed.orig);
    memset(&a->ed, 0, sizeof(a->ed));
    a->ed.bytes = malloc(rec->sent.len);
    a->ed.orig = malloc(rec->sent.len);
    if (a->ed.bytes == NULL || a->ed.orig == NULL) {
        return;
    }
    a->ed.record = rec->number;
    a->ed.len = rec->sent.len;
    memcpy(a->ed.orig, rec->sent.data, rec->sent.len);
    const ts_action *act = ui_app_action_for(a, rec->number);
    bool prev = act != NULL && act->kind == TS_ACT_EDIT && act->len == rec->sent.len;
    memcpy(a->ed.bytes, prev ? act->bytes : rec->sent.data, rec->sent.len);
    a->ed.cursor = rec->sent.len > 5 ? 5 : 0;
    a->ed.bpr = 16;
    a->back_view = a->view;
    a->view = UI_VIEW_EDIT;
}

static void rerun(ui_app *a, size_t record, const ts_action *act, ui_text_id ok)
{
    ts_err err = ui_app_set_action(a, record, act);
    if (err != TS_OK) {
        ui_app_msg(a, true, ui_t(UI_T_RUN_FAILED, a->lang), ts_err_str(err, a->lang));
    } else {
        ui_app_msg(a, false, ui_t(ok, a->lang), record);
    }
}

void ui_editor_drop(ui_app *a)
{
    const ts_chan_record *rec = selected(a, 'd');
    if (rec == NULL) {
        return;
    }
    const ts_action *act = ui_app_action_for(a, rec->number);
    if (act != NULL && act->kind == TS_ACT_DROP) {
        rerun(a, rec->number, NULL, UI_T_DROP_CLEARED);
        return;
    }
    ts_action drop = {.kind = TS_ACT_DROP, .record = rec->number};
    rerun(a, rec->number, &drop, UI_T_DROP_SET);
}

/* The deepest field of the record that holds byte off, or NULL. */
static const ts_field *field_at(const ui_app *a, size_t off)
{
    const ts_chan_record *rec = ts_chan_get(ts_session_chan(a->s), a->ed.record);
    const ts_field *best = NULL;
    for (size_t i = 0; rec != NULL && i < rec->fields.n; i++) {
        const ts_field *f = &rec->fields.items[i];
        if (off >= f->offset && off < f->offset + f->len &&
            (best == NULL || f->depth >= best->depth)) {
            best = f;
        }
    }
    return best;
}

void ui_editor_draw(ui_app *a, const ui_rect *r)
{
    ui_edit *e = &a->ed;
    const ts_chan_record *rec = ts_chan_get(ts_session_chan(a->s), e->record);
    char line[512], changed[64];
    size_t diff = 0;
    for (size_t i = 0; i < e->len; i++) {
        diff += e->bytes[i] != e->orig[i];
    }
    snprintf(changed, sizeof(changed), ui_t(UI_T_CHANGED_BYTES, a->lang), diff);
    snprintf(line, sizeof(line), "%s — %s #%zu %s, %zu B, %s, %s", ui_t(UI_T_EDITOR, a->lang),
             ui_t(UI_T_RECORD, a->lang), e->record, rec != NULL ? rec->type_name : "", e->len,
             ui_dir_word(rec != NULL ? rec->dir : TS_DIR_C2S, a->lang), changed);
    ui_wide_put(stdscr, r->y, r->x, line, r->w, ui_attr(UI_C_FOCUS));
    const ts_field *f = field_at(a, e->cursor);
    char off[128];
    snprintf(off, sizeof(off), ui_t(UI_T_EDIT_OFFSET, a->lang), e->cursor, e->cursor,
             (unsigned)e->bytes[e->cursor], (unsigned)e->orig[e->cursor]);
    snprintf(line, sizeof(line), "%s  %s%s%s", off, f != NULL ? f->name : "",
             f != NULL ? ": " : "", f != NULL ? f->value : "");
    ui_wide_put(stdscr, r->y + 1, r->x, line, r->w, ui_attr(UI_C_TITLE));
    e->bpr = r->w >= 5 + 16 * 4 + 1 ? 16 : 8;
    e->rows = r->h > 3 ? (size_t)(r->h - 3) : 1;
    size_t row = e->cursor / e->bpr;
    if (row < e->top) {
        e->top = row;
    }
    if (row >= e->top + e->rows) {
        e->top = row - e->rows + 1;
    }
    for (size_t i = 0; i < e->rows; i++) {
        size_t base = (e->top + i) * e->bpr;
        if (base >= e->len) {
            break;
        }
        int y = r->y + 2 + (int)i;
        snprintf(line, sizeof(line), "%04zx ", base);
        ui_wide_put(stdscr, y, r->x, line, 5, ui_attr(UI_C_DIM));
        for (size_t j = 0; j < e->bpr && base + j < e->len; j++) {
            size_t p = base + j;
            ui_role role = p == e->cursor ? UI_C_SELECT
                           : e->bytes[p] != e->orig[p] ? UI_C_CHANGED
                                                       : UI_C_NORMAL;
            char hx[4];
            snprintf(hx, sizeof(hx), "%02x", e->bytes[p]);
            ui_wide_put(stdscr, y, r->x + 5 + (int)j * 3, hx, 2, ui_attr(role));
            char c[2] = {e->bytes[p] >= 32 && e->bytes[p] < 127 ? (char)e->bytes[p] : '.', 0};
            ui_wide_put(stdscr, y, r->x + 6 + (int)(e->bpr * 3 + j), c, 1, ui_attr(role));
        }
    }
    ui_wide_put(stdscr, r->y + r->h - 1, r->x, ui_t(UI_T_EDIT_HINTS, a->lang), r->w,
                ui_attr(UI_C_DIM));
}

static void ed_move(ui_edit *e, long delta)
{
    long c = (long)e->cursor + delta;
    c = c < 0 ? 0 : c >= (long)e->len ? (long)e->len - 1 : c;
    e->cursor = (size_t)c;
    e->low = false;
}

static void apply(ui_app *a)
{
    ui_edit *e = &a->ed;
    a->view = UI_VIEW_MAIN;
    if (memcmp(e->bytes, e->orig, e->len) == 0) {
        rerun(a, e->record, NULL, UI_T_EDIT_APPLIED);
        return;
    }
    ts_action act = {.kind = TS_ACT_EDIT, .record = e->record, .bytes = e->bytes, .len = e->len};
    rerun(a, e->record, &act, UI_T_EDIT_APPLIED);
}

bool ui_editor_key(ui_app *a, int key)
{
    ui_edit *e = &a->ed;
    int d = key >= 0 && key < 128 ? ts_hex_digit((unsigned char)key) : -1;
    if (d >= 0) {
        uint8_t b = e->bytes[e->cursor];
        e->bytes[e->cursor] = e->low ? (uint8_t)((b & 0xf0) | d) : (uint8_t)((b & 0x0f) | d << 4);
        if (e->low) {
            ed_move(e, 1);
        } else {
            e->low = true;
        }
        return true;
    }
    long row = (long)e->bpr, page = (long)(e->bpr * e->rows);
    switch (key) {
    case KEY_LEFT: case 'h': ed_move(e, -1); return true;
    case KEY_RIGHT: case 'l': ed_move(e, 1); return true;
    case KEY_UP: case 'k': ed_move(e, -row); return true;
    case KEY_DOWN: case 'j': ed_move(e, row); return true;
    case KEY_PPAGE: ed_move(e, -page); return true;
    case KEY_NPAGE: ed_move(e, page); return true;
    case KEY_HOME: ed_move(e, -(long)e->len); return true;
    case KEY_END: ed_move(e, (long)e->len); return true;
    case KEY_BACKSPACE: case KEY_DC: case 127: case 8:
        e->bytes[e->cursor] = e->orig[e->cursor];
        e->low = false;
        return true;
    case 'r':
        memcpy(e->bytes, e->orig, e->len);
        e->low = false;
        return true;
    case '\n': case '\r': case KEY_ENTER:
        apply(a);
        return true;
    case 27:
        a->view = UI_VIEW_MAIN;
        ui_app_msg(a, false, "%s", ui_t(UI_T_EDIT_CANCELLED, a->lang));
        return true;
    default:
        return true;
    }
}
