/* ui_main: the dispatch loop and the draw and key dispatch beside it (one
 * loop, one file per screen, as ncdu's main.c). */
#include "ui/ui_main.h"

#include <langinfo.h>
#include <locale.h>
#include <ncurses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_channel.h"
#include "ui/ui_clip.h"
#include "ui/ui_compare.h"
#include "ui/ui_color.h"
#include "ui/ui_editor.h"
#include "ui/ui_handout.h"
#include "ui/ui_help.h"
#include "ui/ui_inspect_value.h"
#include "ui/ui_inspector.h"
#include "ui/ui_ladder.h"
#include "ui/ui_layout.h"
#include "ui/ui_narration.h"
#include "ui/ui_party.h"
#include "ui/ui_sections.h"
#include "ui/ui_status.h"
#include "crypto/ts_suite.h"

#define PACE_MIN 250
#define PACE_MAX 8000

void ui_screen_init(void)
{
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    ui_color_init();
}

struct screen *ui_screen_open(FILE *out, FILE *in)
{
    SCREEN *scr = newterm(NULL, out, in);
    if (scr == NULL) {
        return NULL;
    }
    set_term(scr);
    ui_screen_init();
    return scr;
}

void ui_screen_close(struct screen *scr)
{
    if (scr != NULL) {
        endwin();
        delscreen(scr);
    }
}

static void step_to(ui_app *a, size_t k)
{
    ui_app_goto(a, k);
    ui_inspector_check(a);
}

static void pace(ui_app *a, int factor_num, int factor_den)
{
    int p = a->pace_ms * factor_num / factor_den;
    a->pace_ms = p < PACE_MIN ? PACE_MIN : p > PACE_MAX ? PACE_MAX : p;
    ui_app_msg(a, false, ui_t(UI_T_PACE, a->lang), a->pace_ms / 1000.0);
}

/* Jumps to the next/previous message (kind 'm') or section ('s'). */
static void jump(ui_app *a, char what, int dir)
{
    size_t k;
    bool ok = what == 'm' ? ui_messages_jump(a, dir, &k) : ui_sections_jump(a, dir, &k);
    if (ok) {
        step_to(a, k);
        return;
    }
    ui_text_id why = what == 'm' ? (dir > 0 ? UI_T_NO_NEXT_MESSAGE : UI_T_NO_PREV_MESSAGE)
                     : a->les == NULL ? UI_T_NO_SECTIONS
                     : dir > 0        ? UI_T_NO_NEXT_SECTION
                                      : UI_T_NO_PREV_SECTION;
    ui_app_msg(a, false, "%s", ui_t(why, a->lang));
}

/* The step whose commands y copies: the value in the inspector, else the
 * value selected in a side's pane; SIZE_MAX when none. */
static size_t command_step(const ui_app *a)
{
    if (a->view == UI_VIEW_INSPECT) {
        return a->insp.is_record ? SIZE_MAX : a->insp.step;
    }
    if (a->view == UI_VIEW_LADDER) {
        return ui_ladder_selected_step(a);
    }
    if (a->focus == UI_PANE_CHANNEL) {
        return SIZE_MAX;
    }
    ts_side side = a->focus == UI_PANE_CLIENT ? TS_SIDE_CLIENT : TS_SIDE_SERVER;
    size_t idx[UI_MAX_ITEMS];
    size_t n = ui_app_side_items(a, side, ui_app_k(a), idx, UI_MAX_ITEMS);
    return n == 0 ? SIZE_MAX : idx[a->sel[a->focus] < n ? a->sel[a->focus] : n - 1];
}

/* y: the selected command to the clipboard (OSC 52). */
static void copy(ui_app *a)
{
    const ts_step *st = ts_session_get_step(a->s, command_step(a));
    char *cmds[2];
    size_t n = st != NULL ? ui_inspect_value_commands(st, cmds, 2) : 0;
    if (n == 0) {
        ui_app_msg(a, true, "%s", ui_t(UI_T_NO_COMMAND, a->lang));
        return;
    }
    bool ok = ui_clip_copy(stdout, cmds[a->cmd_sel < n ? a->cmd_sel : 0]);
    for (size_t i = 0; i < n; i++) {
        free(cmds[i]);
    }
    ui_app_msg(a, !ok, "%s", ok ? ui_t(UI_T_COPIED, a->lang) : ui_t(UI_T_NO_COMMAND, a->lang));
}

/* The offer made by e/d on a delivered record: the same key or Enter goes
 * to the step where it is in flight and does it; any other key drops the
 * offer. True when the key was the offer's. */
static bool take_offer(ui_app *a, int key)
{
    size_t rec = a->offer_record;
    int okey = a->offer_key;
    a->offer_record = 0;
    if (rec == 0 || (key != okey && key != '\n' && key != '\r' && key != KEY_ENTER)) {
        return false;
    }
    step_to(a, a->offer_step);
    a->focus = UI_PANE_CHANNEL;
    a->sel[UI_PANE_CHANNEL] = rec;
    if (okey == 'd') {
        ui_editor_drop(a);
    } else {
        ui_editor_open(a);
    }
    return true;
}

/* Keys that work in the main view and the inspector. */
static bool global_key(ui_app *a, int key)
{
    size_t k = ui_app_k(a);
    switch (key) {
    case 'n': case ' ': case KEY_RIGHT: step_to(a, k + 1); return true;
    case 'p': case KEY_LEFT: step_to(a, k > 0 ? k - 1 : 0); return true;
    case 'g': case KEY_HOME: step_to(a, 0); return true;
    case 'G': case KEY_END: step_to(a, ui_app_count(a)); return true;
    case '\t': a->focus = (ui_pane)((a->focus + 1) % UI_PANE_COUNT); return true;
    case KEY_BTAB: a->focus = (ui_pane)((a->focus + UI_PANE_COUNT - 1) % UI_PANE_COUNT); return true;
    case 'e': ui_editor_open(a); return true;
    case 'd': ui_editor_drop(a); return true;
    case 'a':
        a->autoplay = !a->autoplay;
        ui_app_msg(a, false, "%s", ui_t(a->autoplay ? UI_T_AUTOPLAY_ON : UI_T_AUTOPLAY_OFF, a->lang));
        return true;
    case '+': case '=': pace(a, 2, 3); return true;
    case '-': case '_': pace(a, 3, 2); return true;
    case 'l': a->lang = a->lang == TS_LANG_KO ? TS_LANG_EN : TS_LANG_KO; return true;
    case 'K': ui_narration_scroll(a, -1); return true;
    case 'J': ui_narration_scroll(a, 1); return true;
    case ']': jump(a, 'm', 1); return true;
    case '[': jump(a, 'm', -1); return true;
    case '}': jump(a, 's', 1); return true;
    case '{': jump(a, 's', -1); return true;
    case 'y': copy(a); return true;
    case 's': ui_ladder_open(a); return true;
    case 'w':
        a->eavesdrop = !a->eavesdrop;
        ui_app_msg(a, false, "%s",
                   ui_t(a->eavesdrop ? UI_T_EAVESDROP_ON : UI_T_EAVESDROP_OFF, a->lang));
        return true;
    case '?': a->view = UI_VIEW_HELP; return true;
    case 'v': ui_compare_open(a); return true;
    case 'H': ui_handout_write(a); return true;
    case 'q': a->quit = true; return true;
    default: return false;
    }
}

/* The large layout's detail pane: what Enter would inspect, shown without
 * pressing it (the channel's record, or a side's value). */
static void draw_detail(ui_app *a, const ui_rect *r)
{
    ui_inspect insp = {.is_record = a->focus == UI_PANE_CHANNEL};
    if (insp.is_record) {
        insp.record = a->sel[UI_PANE_CHANNEL];
        if (insp.record == 0 || !ts_session_record_written(a->s, insp.record, ui_app_k(a))) {
            return;
        }
    } else {
        insp.step = command_step(a);
        if (insp.step == SIZE_MAX) {
            return;
        }
    }
    ui_inspector_draw_panel(a, &insp, r);
}

void ui_draw(ui_app *a, bool full)
{
    ui_geom g;
    bool large = COLS >= UI_LARGE_COLS && LINES >= UI_LARGE_LINES;
    ui_layout_compute(LINES, COLS, a->les != NULL, large ? ui_narration_need(a, COLS) : 0, &g);
    erase();
    if (g.too_small) {
        ui_layout_too_small(LINES, COLS, a->lang);
    } else {
        switch (a->view) {
        case UI_VIEW_INSPECT:
            ui_inspector_draw(a, &g.body);
            break;
        case UI_VIEW_EDIT:
            ui_editor_draw(a, &g.body);
            break;
        case UI_VIEW_COMPARE:
            ui_compare_draw(a, &g.body);
            break;
        case UI_VIEW_HELP:
            /* alone on the body: over the panes it would leave halves of
             * their words (and of wide characters) beside its box */
            ui_help_draw(a, &g.body);
            break;
        case UI_VIEW_LADDER:
            ui_ladder_draw(a, &g.body, g.large);
            break;
        default:
            ui_party_draw(a, TS_SIDE_CLIENT, &g.client);
            ui_channel_draw(a, &g.channel);
            ui_party_draw(a, TS_SIDE_SERVER, &g.server);
            if (g.large) {
                draw_detail(a, &g.detail);
            }
            ui_layout_separators(&g);
            ui_narration_draw(a, &g.narration);
            break;
        }
        ui_status_draw(a, &g.status);
    }
    /* An overlay (help) cuts through wide characters; the terminal and
     * curses then disagree about those cells, so a change of view repaints
     * the whole screen rather than the difference. */
    if (full || a->view != a->drawn_view) {
        clearok(curscr, TRUE);
    }
    a->drawn_view = a->view;
    wnoutrefresh(stdscr);
    doupdate();
}

void ui_key(ui_app *a, int key)
{
    if (key == KEY_RESIZE) {
        return;
    }
    a->msg[0] = '\0';
    if (a->view == UI_VIEW_MAIN && take_offer(a, key)) {
        return;
    }
    a->offer_record = 0;
    switch (a->view) {
    case UI_VIEW_EDIT:
        ui_editor_key(a, key);
        return;
    case UI_VIEW_HELP:
        ui_help_key(a, key);
        return;
    case UI_VIEW_COMPARE:
        ui_compare_key(a, key);
        return;
    case UI_VIEW_INSPECT:
        if (ui_inspector_key(a, key)) {
            return;
        }
        break;
    case UI_VIEW_LADDER:
        if (ui_ladder_key(a, key)) {
            return;
        }
        break;
    default:
        break;
    }
    if (global_key(a, key) || a->view != UI_VIEW_MAIN) {
        return;
    }
    switch (a->focus) {
    case UI_PANE_CLIENT: ui_party_key(a, TS_SIDE_CLIENT, key); break;
    case UI_PANE_SERVER: ui_party_key(a, TS_SIDE_SERVER, key); break;
    default: ui_channel_key(a, key); break;
    }
}

/* Advances one step on an autoplay tick; stops at the end. */
static void tick(ui_app *a)
{
    size_t k = ui_app_k(a);
    if (k >= ui_app_count(a)) {
        a->autoplay = false;
        ui_app_msg(a, false, "%s", ui_t(UI_T_AUTOPLAY_OFF, a->lang));
        return;
    }
    step_to(a, k + 1);
}

static void loop(ui_app *a)
{
    bool full = true;
    while (!a->quit) {
        ui_draw(a, full);
        full = false;
        timeout(a->autoplay ? a->pace_ms : -1);
        int key = getch();
        if (key == ERR) {
            if (a->autoplay) {
                tick(a);
            }
            continue;
        }
        if (key == KEY_RESIZE) {
            full = true;
        }
        ui_key(a, key);
    }
}

/* The locale of the environment, with UTF-8 characters whatever it says:
 * the panes draw box lines and Korean (a missing ko_KR locale, or none at
 * all, must not break them). */
static void use_utf8_locale(void)
{
    const char *ok = setlocale(LC_ALL, "");
    if (ok == NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}

int ui_run(const ui_options *o)
{
    use_utf8_locale();
    ts_session *s = NULL;
    ts_err err = ts_session_new(&o->cfg, &s);
    ui_app a;
    ui_app_init(&a, s, o->lesson != NULL ? o->lesson : UI_DEFAULT_LESSON,
                o->lang_set ? o->lang : ts_lang_default());
    ui_app_set_lesson(&a, o->les);
    ui_color_set_theme((ui_theme)o->theme);
    if (o->lesson_suite != NULL && o->cfg.suite != NULL) {
        snprintf(a.suite_note, sizeof(a.suite_note), "%s", o->lesson_suite);
        snprintf(a.suite_run, sizeof(a.suite_run), "%s", o->cfg.suite->cli_name);
    }
    if (err == TS_OK) {
        err = ui_app_load_actions(&a, o->acts, o->n_acts); /* runs the session */
    }
    if (err != TS_OK) {
        fputs("tlsstep ui: ", stderr);
        fprintf(stderr, ui_t(UI_T_RUN_FAILED, a.lang), ts_err_str(err, a.lang));
        fputc('\n', stderr);
        ui_app_free(&a);
        ts_session_free(s);
        return 1;
    }
    SCREEN *scr = ui_screen_open(stdout, stdin);
    if (scr == NULL) {
        fprintf(stderr, "tlsstep ui: %s\n", ui_t(UI_T_NO_TERMINAL, a.lang));
        ui_app_free(&a);
        ts_session_free(s);
        return 1;
    }
    ui_app_goto(&a, 0);
    if (o->compare) {
        ui_compare_open(&a);
    }
    if (o->no_lessons) {
        ui_app_msg(&a, false, "%s", ui_t(UI_T_NO_LESSONS, a.lang));
    } else if (o->picked_for != NULL) {
        ui_app_msg(&a, false, ui_t(UI_T_SUITE_PICKED, a.lang), o->picked_for, a.lesson);
    }
    loop(&a);
    ui_screen_close(scr);
    ui_app_free(&a);
    ts_session_free(s);
    return 0;
}
