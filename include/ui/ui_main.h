/* ui_main: the terminal UI's entry point and its one dispatch loop: draw,
 * wait for a key (or the autoplay tick), hand the key to the open view.
 * The only module that includes every screen (one file each, with _draw
 * and _key); a screen includes the modules below it (ui_shared, ui_nav,
 * ui_wide, ui_color, ui_app) and at most the inspector it opens, never
 * ui_main, so the UI's includes form a DAG (tests/ui/includes.sh). */
#ifndef UI_MAIN_H
#define UI_MAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "lesson/ts_lesson.h"
#include "simulation/ts_session.h"
#include "ui/ui_app.h"
#include "ui/ui_text.h"

/* The default lesson: a bare `tlsstep` and `tlsstep ui` open it. */
#define UI_DEFAULT_LESSON "rsa-handshake"

typedef struct {
    ts_session_config cfg;   /* as for `tlsstep run` (the lesson's set-up applied) */
    const char *lesson;      /* the lesson's name on the status line; NULL: UI_DEFAULT_LESSON */
    const ts_lesson *les;    /* the loaded lesson (narration, title), or NULL: built-in text */
    const ts_action *acts;   /* the run's actions (a lesson's tamper/drop/replay) */
    size_t n_acts;
    ts_lang lang;
    bool lang_set;           /* false: follow the locale (ts_lang_default) */
    bool no_lessons;         /* no lessons folder was found: say so once */
    int theme;               /* ui_theme (ui_color.h) */
    const char *lesson_suite; /* the lesson's suite when the run's differs (NULL: they match) */
    const char *picked_for;  /* --suite for which the lesson was picked (NULL: not picked) */
    bool compare;            /* open on TLS 1.2 beside TLS 1.3 (ui_compare) */
} ui_options;

/* Runs the UI on the terminal until `q`; restores the terminal. Returns the
 * exit status: 0 after `q`, 1 when the session or the terminal fails. */
int ui_run(const ui_options *o);

/* Sets up a freshly created ncurses screen (cbreak, no echo, keypad, no
 * cursor, colours, a short Esc delay). */
void ui_screen_init(void);

/* Opens an ncurses screen on out/in (a terminal; the benchmark uses a
 * pseudo-terminal) as the current one, set up as ui_run does; NULL on
 * failure. The locale must be set. */
struct screen;
struct screen *ui_screen_open(FILE *out, FILE *in);

/* Ends and frees a screen from ui_screen_open (restores the terminal). */
void ui_screen_close(struct screen *scr);

/* Draws the whole screen (stdscr) for a's view and sends it to the
 * terminal; a full repaint when full is true. */
void ui_draw(ui_app *a, bool full);

/* Handles one key as the UI does (KEY_RESIZE included). */
void ui_key(ui_app *a, int key);

#endif
