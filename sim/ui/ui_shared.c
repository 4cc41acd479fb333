/* ui_shared: pane titles and rules, and the words screens share. */
#include "ui/ui_shared.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

#include "simulation/ts_steps.h"
#include "ui/ui_color.h"
#include "ui/ui_wide.h"

void ui_shared_title(int y, int x, int w, const char *title, bool focus)
{
    char buf[160];
    snprintf(buf, sizeof(buf), "%s%s", focus ? "▶ " : " ", title);
    ui_wide_put(stdscr, y, x, buf, w, ui_attr(focus ? UI_C_FOCUS : UI_C_TITLE));
}

void ui_shared_rule(int y, int x, int w)
{
    attrset(ui_attr(UI_C_DIM));
    mvhline(y, x, ACS_HLINE, w);
    attrset(A_NORMAL);
}

const char *ui_shared_how(const ts_event *ev, ts_lang lang, char *buf, size_t cap)
{
    static const struct {
        const char *prefix;
        ui_text_id id;
    } how[] = {
        {"generated", UI_T_HOW_GENERATED}, {"received", UI_T_HOW_RECEIVED},
        {"decrypted", UI_T_HOW_DECRYPTED}, {"computed", UI_T_HOW_COMPUTED},
        {"split", UI_T_HOW_SPLIT},         {"encrypted", UI_T_HOW_ENCRYPTED},
        {"taken from the server cert", UI_T_HOW_CERT},
    };
    const char *h = ev->how != NULL ? ev->how : "";
    for (size_t i = 0; i < sizeof(how) / sizeof(how[0]); i++) {
        if (strncmp(h, how[i].prefix, strlen(how[i].prefix)) == 0) {
            return ui_t(how[i].id, lang);
        }
    }
    return ui_engine(h, lang, buf, cap);
}

bool ui_shared_how_plain(const ts_event *ev)
{
    static const char *const words[] = {"generated", "received", "decrypted", "computed",
                                        "encrypted"};
    const char *h = ev->how != NULL ? ev->how : "";
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strcmp(h, words[i]) == 0) {
            return true;
        }
    }
    /* "split from the key block", "taken from the server cert": the
     * category word says it all */
    return h[0] == '\0' || strncmp(h, "split", 5) == 0 ||
           strncmp(h, "taken from the server cert", 26) == 0;
}

const char *ui_shared_name(const ts_event *ev, ts_lang lang)
{
    if (ev->name == NULL) {
        return "";
    }
    if (strcmp(ev->name, "alert") == 0) {
        return "Alert"; /* the record type, as the channel names it */
    }
    return ts_steps_label(ev->name, lang);
}

/* True when the wipe named wipe covers value name. */
static bool covers(const char *wipe, const char *name)
{
    if (strcmp(wipe, "premaster_secret_wiped") == 0) {
        return strncmp(name, "premaster_secret", 16) == 0;
    }
    if (strcmp(wipe, "session_keys_wiped") == 0) {
        return strcmp(name, "master_secret") == 0 || strcmp(name, "key_block") == 0 ||
               strstr(name, "_write_") != NULL;
    }
    return false;
}

bool ui_shared_wiped(const ui_app *a, const ts_step *st, size_t k)
{
    if (st->ev.kind != TS_EV_VALUE || st->ev.name == NULL) {
        return false;
    }
    for (size_t i = st->index + 1; i < k; i++) {
        const ts_step *w = ts_session_get_step(a->s, i);
        if (w != NULL && w->ev.kind == TS_EV_WIPE && w->ev.side == st->ev.side &&
            w->ev.name != NULL && covers(w->ev.name, st->ev.name)) {
            return true;
        }
    }
    return false;
}

const char *ui_shared_record_status(const ui_app *a, const ts_chan_record *rec)
{
    size_t k = ui_app_k(a);
    if (!ts_session_record_crossed(a->s, rec->number, k)) {
        return ui_t(UI_T_IN_FLIGHT, a->lang);
    }
    return ui_t(rec->status == TS_REC_DROPPED ? UI_T_DROPPED : UI_T_DELIVERED, a->lang);
}

const char *ui_shared_record_mark(const ui_app *a, const ts_chan_record *rec)
{
    const ts_action *act = ui_app_action_for(a, rec->number);
    bool crossed = ts_session_record_crossed(a->s, rec->number, ui_app_k(a));
    if ((act != NULL && act->kind == TS_ACT_DROP) || (crossed && rec->status == TS_REC_DROPPED)) {
        return ""; /* a drop replaces any edit: the status says DROPPED */
    }
    if (act != NULL && act->kind == TS_ACT_EDIT) {
        return ui_t(UI_T_EDITED, a->lang);
    }
    return crossed && rec->tampered ? ui_t(UI_T_TAMPERED, a->lang) : "";
}
