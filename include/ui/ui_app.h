/* ui_app: the state of the terminal UI, shared by its screens: the session
 * (read only, changed solely through actions and a re-run), the cursor's
 * selection in each pane, the open view, the user's actions (owned copies)
 * and the status message. Functions that can fail return ts_err. */
#ifndef UI_APP_H
#define UI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lesson/ts_lesson.h"
#include "simulation/ts_session.h"
#include "ui/ui_text.h"

#define UI_MAX_ACTIONS 64
#define UI_MAX_ITEMS 1024

typedef enum { UI_PANE_CLIENT, UI_PANE_CHANNEL, UI_PANE_SERVER, UI_PANE_COUNT } ui_pane;

typedef enum {
    UI_VIEW_MAIN,
    UI_VIEW_INSPECT,
    UI_VIEW_EDIT,
    UI_VIEW_HELP,
    UI_VIEW_LADDER, /* s: the key schedule */
    UI_VIEW_COMPARE /* v: TLS 1.2 beside TLS 1.3 */
} ui_view;

/* A rectangle of the screen. */
typedef struct {
    int y, x, h, w;
} ui_rect;

/* What the inspector shows: a record (by channel number) or a step. */
typedef struct {
    bool is_record;
    size_t record;
    size_t step;
    size_t field;  /* selected field (record mode) */
    size_t scroll; /* first line shown: hex row (record), text line (value) */
} ui_inspect;

/* The hex editor's working copy of one record in flight. */
typedef struct {
    size_t record;
    uint8_t *bytes, *orig;
    size_t len;
    size_t cursor;
    bool low;      /* the next hex digit is the low nibble */
    size_t bpr;    /* bytes per row, as last drawn */
    size_t top;    /* first row shown */
    size_t rows;   /* rows shown, as last drawn */
} ui_edit;

typedef struct ui_app {
    ts_session *s;         /* owned by the caller */
    const char *lesson;    /* the lesson's id (status line) */
    const ts_lesson *les;  /* its narration, or NULL: built-in only (owned by the caller) */
    ts_lang lang;
    ui_pane focus;
    ui_view view, back_view;
    ui_view drawn_view;   /* the view of the last ui_draw: a change repaints all */
    size_t sel[UI_PANE_COUNT]; /* client/server: item index; channel: record number */
    int top[UI_PANE_COUNT];    /* first line shown */
    size_t seen[UI_PANE_COUNT]; /* items listed at the last move (to follow new ones) */
    bool autoplay;
    int pace_ms;
    char msg[320];
    bool msg_alert;
    ui_inspect insp;
    ui_edit ed;
    size_t narr_scroll;    /* first line of the lesson text shown */
    size_t narr_lines;     /* its lines, and how many fit, as last drawn */
    size_t narr_rows;
    const void *narr_sec;  /* the section last drawn (a new one scrolls to its top) */
    char suite_note[16];   /* the lesson's suite when the run's differs ("" when they match) */
    char suite_run[16];    /* the run's suite then */
    size_t offer_record;   /* e/d on a delivered record: the record offered (0: none) */
    size_t offer_step;     /* and the cursor where it is in flight */
    int offer_key;         /* the key that made the offer */
    size_t cmd_sel;        /* the inspector's selected command */
    size_t cmd_x;          /* its first column shown */
    ts_session *cmp_other; /* the other version's run for the comparison (owned; NULL
                            * until v or --compare first opens it) */
    struct ts_compare *cmp; /* the comparison (owned), rebuilt as it is drawn */
    size_t cmp_row;        /* its last row shown */
    bool eavesdrop;        /* w: protected records as a passive observer sees them */
    size_t ladder_sel;     /* the key-schedule ladder (s): the selected rung */
    int ladder_top;        /* its first rung shown */
    size_t ladder_latest;  /* the rung derived last, as last drawn (a new one is selected) */
    ts_action acts[UI_MAX_ACTIONS]; /* bytes owned (malloc) */
    size_t n_acts;
    bool quit;
} ui_app;

/* Sets a up over session s (already run), in lang. */
void ui_app_init(ui_app *a, ts_session *s, const char *lesson, ts_lang lang);

/* Gives a the lesson whose narration it shows (NULL: the built-in text);
 * the status line then names its id, and the lesson's weak key, if any, is
 * installed in the session before its first run. */
void ui_app_set_lesson(ui_app *a, const ts_lesson *l);

/* Makes acts (copied; at most UI_MAX_ACTIONS) the user's actions, hands
 * them to the session and runs it (the first run of a lesson with
 * tamper/drop/replay in its set-up). */
ts_err ui_app_load_actions(ui_app *a, const ts_action *acts, size_t n);

/* Frees what a owns (not the session; the comparison's other run too). */
void ui_app_free(ui_app *a);

/* The cursor k and the step count. */
size_t ui_app_k(const ui_app *a);
size_t ui_app_count(const ui_app *a);

/* The step that happened last (index k-1), or NULL at k = 0. */
const ts_step *ui_app_current(const ui_app *a);

/* Moves the cursor to k (clamped) and lets the selections follow what
 * just happened. */
void ui_app_goto(ui_app *a, size_t k);

/* Fills idx (up to max) with the trace indices a side's pane lists at
 * cursor k: its values, checks, alerts, wipes and end; returns how many. */
size_t ui_app_side_items(const ui_app *a, ts_side side, size_t k, size_t *idx, size_t max);

/* The user's action on record, or NULL. */
const ts_action *ui_app_action_for(const ui_app *a, size_t record);

/* Replaces the actions on record by act (NULL: none), hands the list to
 * the session and re-runs it, keeping the cursor. */
ts_err ui_app_set_action(ui_app *a, size_t record, const ts_action *act);

/* True when record is in flight at the cursor (written, not crossed). */
bool ui_app_in_flight(const ui_app *a, size_t record);

/* Sets the status message (printf format); alert marks it as an error. */
void ui_app_msg(ui_app *a, bool alert, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
