/* ui_inspector: a record's fields beside its bytes. */
#include "ui/ui_inspector.h"

#include <ncurses.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ui/ui_color.h"
#include "ui/ui_inspect_value.h"
#include "ui/ui_nav.h"
#include "ui/ui_observer.h"
#include "ui/ui_shared.h"
#include "ui/ui_wide.h"

/* One line of the fields tree: a field of the record, a field of its
 * plaintext, or the heading between the two. */
typedef struct {
    const ts_field *f;
    bool plain;
} tree_row;

/* The rows of rec's tree; in the eavesdropper's view of a protected record
 * only what an observer decodes (its header, opaque bytes), in seen. */
static size_t tree(const ui_app *a, const ts_chan_record *rec, tree_row *rows, size_t max,
                   ts_field *seen, size_t seen_max)
{
    size_t n = 0;
    if (ui_observer_hides(a, rec)) {
        size_t m = ui_observer_fields(rec, a->lang, seen, seen_max);
        for (size_t i = 0; i < m && n < max; i++) {
            rows[n++] = (tree_row){&seen[i], false};
        }
        return n;
    }
    for (size_t i = 0; i < rec->fields.n && n < max; i++) {
        rows[n++] = (tree_row){&rec->fields.items[i], false};
    }
    if (rec->protected_record && rec->has_plain && n < max) {
        rows[n++] = (tree_row){NULL, true};
        for (size_t i = 0; i < rec->plain_fields.n && n < max; i++) {
            rows[n++] = (tree_row){&rec->plain_fields.items[i], true};
        }
    }
    return n;
}

void ui_inspector_open_record(ui_app *a, size_t number)
{
    a->insp = (ui_inspect){.is_record = true, .record = number};
    a->back_view = a->view == UI_VIEW_INSPECT ? UI_VIEW_MAIN : a->view;
    a->view = UI_VIEW_INSPECT;
}

void ui_inspector_open_step(ui_app *a, size_t index)
{
    a->insp = (ui_inspect){.is_record = false, .step = index};
    a->back_view = a->view == UI_VIEW_INSPECT ? UI_VIEW_MAIN : a->view;
    a->view = UI_VIEW_INSPECT;
}

void ui_inspector_check(ui_app *a)
{
    if (a->view != UI_VIEW_INSPECT) {
        return;
    }
    size_t k = ui_app_k(a);
    bool gone = a->insp.is_record ? !ts_session_record_written(a->s, a->insp.record, k)
                                  : a->insp.step >= k;
    if (gone) {
        a->view = a->back_view == UI_VIEW_LADDER ? UI_VIEW_LADDER : UI_VIEW_MAIN;
    }
}

/* Draws the record's head lines in r; returns how many (1, 2, or 3 for a
 * protected TLS 1.3 record: its nonce as IV XOR sequence number). */
static int draw_head(ui_app *a, const ts_chan_record *rec, const ui_rect *r)
{
    char line[512];
    const char *mark = ui_shared_record_mark(a, rec);
    bool hide = ui_observer_hides(a, rec);
    snprintf(line, sizeof(line), "%s — %s #%zu %s, %zu B, %s, %s%s%s%s%s",
             ui_t(UI_T_INSPECTOR, a->lang), ui_t(UI_T_RECORD, a->lang), rec->number,
             hide ? ui_observer_type(rec->content_type) : rec->type_name, rec->sent.len,
             ui_dir_word(rec->dir, a->lang), ui_shared_record_status(a, rec),
             rec->protected_record ? ", " : "",
             rec->protected_record ? ui_t(UI_T_PROTECTED, a->lang) : "",
             mark[0] != '\0' ? ", " : "", mark);
    ui_wide_put(stdscr, r->y, r->x, line, r->w, ui_attr(UI_C_FOCUS));
    if (!rec->protected_record || hide) {
        return 1; /* an observer knows no sequence number, nonce or tag */
    }
    int o = snprintf(line, sizeof(line), "%s %llu  %s ", ui_t(UI_T_SEQ, a->lang),
                     (unsigned long long)rec->seq, ui_t(UI_T_NONCE, a->lang));
    for (size_t i = 0; i < rec->nonce_len && o < 400; i++) {
        o += snprintf(line + o, sizeof(line) - (size_t)o, "%02x", rec->nonce[i]);
    }
    o += snprintf(line + o, sizeof(line) - (size_t)o, "  %s ", ui_t(UI_T_TAG, a->lang));
    for (size_t i = 0; i < rec->tag_len && o < 500; i++) {
        o += snprintf(line + o, sizeof(line) - (size_t)o, "%02x", rec->tag[i]);
    }
    ui_wide_put(stdscr, r->y + 1, r->x, line, r->w, ui_attr(UI_C_TITLE));
    uint8_t iv[12];
    if (!ts_chan_record_iv(rec, iv)) {
        return 2;
    }
    /* TLS 1.3 (RFC 8446 5.3): the nonce is the IV XOR the sequence number */
    o = snprintf(line, sizeof(line), "%s = IV ", ui_t(UI_T_NONCE, a->lang));
    for (size_t i = 0; i < sizeof(iv); i++) {
        o += snprintf(line + o, sizeof(line) - (size_t)o, "%02x", iv[i]);
    }
    snprintf(line + o, sizeof(line) - (size_t)o, " XOR %s %llu", ui_t(UI_T_SEQ, a->lang),
             (unsigned long long)rec->seq);
    ui_wide_put(stdscr, r->y + 2, r->x, line, r->w, ui_attr(UI_C_TITLE));
    return 3;
}

static void draw_tree(ui_app *a, const ui_inspect *insp, const tree_row *rows, size_t n,
                      const ui_rect *box)
{
    size_t sel = insp->field;
    size_t top = sel < (size_t)box->h ? 0 : sel - (size_t)box->h + 1;
    for (int i = 0; i < box->h && top + (size_t)i < n; i++) {
        const tree_row *t = &rows[top + (size_t)i];
        char line[300];
        if (t->f == NULL) {
            snprintf(line, sizeof(line), "── %s ──", ui_t(UI_T_PLAINTEXT, a->lang));
        } else {
            /* a value the decoder composed ("12 (6 suites)") reads in the UI's
             * language, as in the transcript */
            char value[256];
            snprintf(line, sizeof(line), "%*s%s: %s", 2 * t->f->depth, "", t->f->name,
                     ui_engine(t->f->value, a->lang, value, sizeof(value)));
        }
        ui_role role = top + (size_t)i == sel ? UI_C_SELECT : t->f == NULL ? UI_C_TITLE
                       : t->plain                           ? UI_C_SECRET
                                                            : UI_C_NORMAL;
        ui_wide_put(stdscr, box->y + i, box->x, line, box->w, ui_attr(role));
    }
}

/* Hex rows of data with [hl, hl + hl_len) highlighted and bytes that differ
 * from ref (when given) marked. */
static void draw_hex(ui_inspect *insp, const uint8_t *data, size_t len, const uint8_t *ref,
                     size_t hl, size_t hl_len, const ui_rect *box)
{
    size_t bpr = box->w >= 5 + 16 * 3 ? 16 : 8;
    bool ascii = box->w >= 5 + (int)bpr * 4 + 1;
    size_t rows = (len + bpr - 1) / bpr;
    size_t want = hl / bpr;
    size_t *top = &insp->scroll;
    if (want < *top || want >= *top + (size_t)box->h) {
        *top = want > 0 ? want - 1 : 0;
    }
    for (int i = 0; i < box->h && *top + (size_t)i < rows; i++) {
        size_t base = (*top + (size_t)i) * bpr;
        char off[16];
        snprintf(off, sizeof(off), "%04zx ", base);
        ui_wide_put(stdscr, box->y + i, box->x, off, 5, ui_attr(UI_C_DIM));
        for (size_t j = 0; j < bpr && base + j < len; j++) {
            size_t p = base + j;
            bool in = p >= hl && p < hl + hl_len;
            bool changed = ref != NULL && ref[p] != data[p];
            attr_t at = ui_attr(changed ? UI_C_CHANGED : in ? UI_C_HEXSEL : UI_C_NORMAL);
            if (changed && in) {
                at |= A_REVERSE;
            }
            char hx[4];
            snprintf(hx, sizeof(hx), "%02x", data[p]);
            ui_wide_put(stdscr, box->y + i, box->x + 5 + (int)j * 3, hx, 2, at);
            if (ascii) {
                char c[2] = {data[p] >= 32 && data[p] < 127 ? (char)data[p] : '.', '\0'};
                ui_wide_put(stdscr, box->y + i, box->x + 6 + (int)bpr * 3 + (int)j, c, 1, at);
            }
        }
    }
}

static void draw_record(ui_app *a, ui_inspect *insp, const ui_rect *r, bool panel)
{
    const ts_chan_record *rec = ts_chan_get(ts_session_chan(a->s), insp->record);
    if (rec == NULL) {
        return;
    }
    static tree_row rows[4096];
    ts_field seen[8];
    size_t n = tree(a, rec, rows, sizeof(rows) / sizeof(rows[0]), seen, 8);
    if (insp->field >= n) {
        insp->field = n > 0 ? n - 1 : 0;
    }
    int y0 = r->y + draw_head(a, rec, r);
    int h = r->y + r->h - (panel ? 0 : 1) - y0;
    int lw = r->w * 2 / 5;
    ui_rect left = {y0, r->x, h, lw - 1};
    ui_rect right = {y0 + 1, r->x + lw + 1, h - 1, r->w - lw - 1};
    draw_tree(a, insp, rows, n, &left);
    attrset(ui_attr(UI_C_DIM));
    mvvline(y0, r->x + lw, ACS_VLINE, h);
    attrset(A_NORMAL);
    const tree_row *t = n > 0 ? &rows[insp->field] : NULL;
    bool plain = t != NULL && t->plain;
    bool crossed = ts_session_record_crossed(a->s, rec->number, ui_app_k(a));
    bool deliv = !plain && crossed && rec->delivered.len == rec->sent.len && rec->tampered;
    const char *label = plain ? ui_t(UI_T_PLAINTEXT, a->lang)
                        : deliv ? ui_t(UI_T_BYTES_DELIVERED, a->lang)
                                : ui_t(UI_T_BYTES_SENT, a->lang);
    ui_wide_put(stdscr, y0, right.x, label, right.w, ui_attr(UI_C_TITLE));
    size_t hl = t != NULL && t->f != NULL ? t->f->offset : 0;
    size_t hl_len = t != NULL && t->f != NULL ? t->f->len : 0;
    if (plain) {
        draw_hex(insp, rec->plaintext.data, rec->plaintext.len, NULL, hl, hl_len, &right);
    } else if (deliv) {
        draw_hex(insp, rec->delivered.data, rec->delivered.len, rec->sent.data, hl, hl_len, &right);
    } else {
        draw_hex(insp, rec->sent.data, rec->sent.len, NULL, hl, hl_len, &right);
    }
    if (!panel) {
        ui_wide_put(stdscr, r->y + r->h - 1, r->x, ui_t(UI_T_INSPECT_HINTS, a->lang), r->w,
                    ui_attr(UI_C_DIM));
    }
}

void ui_inspector_draw(ui_app *a, const ui_rect *r)
{
    if (a->insp.is_record) {
        draw_record(a, &a->insp, r, false);
    } else {
        ui_inspect_value_draw(a, r);
    }
}

void ui_inspector_draw_panel(ui_app *a, ui_inspect *insp, const ui_rect *r)
{
    if (insp->is_record) {
        draw_record(a, insp, r, true);
    } else {
        ui_inspect_value_draw_in(a, insp, r, true);
    }
}

bool ui_inspector_key(ui_app *a, int key)
{
    if (key == 27 || key == KEY_BACKSPACE) {
        a->view = a->back_view;
        return true;
    }
    if (!a->insp.is_record) {
        return ui_inspect_value_key(a, key);
    }
    return ui_nav_move(&a->insp.field, key, SIZE_MAX); /* clamped when drawn */
}
