/* cli_run_lesson: playing a lesson from the command line, shared by
 * `tlsstep run --lesson ID` (sim/cli_run.c) and `tlsstep ui [LESSON]`
 * (sim/cli_ui.c): the lesson is found as the loader finds it (--lessons DIR
 * first), its run set-up becomes the session's options (what the command
 * line gave wins) and its weak key the session's PKI (ts_lesson_weak.h),
 * and `run` prints the transcript with the lesson's narration in the
 * chosen language. Functions return exit statuses (cli.h)
 * unless they say otherwise; messages name o->cmd. */
#ifndef CLI_RUN_LESSON_H
#define CLI_RUN_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ts_lang.h"
#include "lesson/ts_lesson.h"
#include "simulation/ts_session.h"

typedef struct {
    const char *cmd;   /* the command named in messages; NULL: "run" */
    const char *id;    /* --lesson (or ui's LESSON): an id or a path; NULL: no lesson */
    const char *dir;   /* --lessons DIR */
    const char *lang_arg; /* --lang as given (NULL: the locale's) */
    ts_lang lang;
    ts_lesson *lesson; /* loaded by cli_run_lesson_load */
} cli_run_lesson;

/* Checks --lang and sets o->lang (exit 2 when bad; cannot fail without
 * --lang: the locale's language, ts_lang_default). */
int cli_run_lesson_lang(cli_run_lesson *o);

/* True when some lessons folder exists (--lessons DIR or one the loader
 * searches, ts_lesson_dirs). */
bool cli_run_lesson_have_dirs(const char *dir);

/* Checks --lessons DIR and loads lesson o->id into o->lesson. Exit 2 with
 * one line when it cannot: an unknown id names the lessons there are
 * (ts_lesson_list), a malformed file gets the loader's "FILE:LINE: ...". */
int cli_run_lesson_load(cli_run_lesson *o);

/* Fills what the command line left unset in cfg from the loaded lesson's
 * set-up: suite, bits, seed, host; ems and the client flaws are on when
 * either asks. The lesson's actions are used when the command line gave
 * none (acts has room for max). Strings in cfg point into o->lesson.
 * Exit 2 with one line for a weak key the run cannot use (tiny; a seed too
 * long for the weak key's stream, ts_weak_key_seed_max). */
int cli_run_lesson_apply(const cli_run_lesson *o, ts_session_config *cfg, ts_action *acts,
                         size_t *n_acts, size_t max);

/* Prints a textbook lesson (play: textbook, no handshake) to stdout. */
int cli_run_lesson_textbook(const cli_run_lesson *o);

/* cli_run_lesson_load, then: a textbook lesson is played here (*done set,
 * its exit status returned), any other one goes through
 * cli_run_lesson_apply. */
int cli_run_lesson_setup(cli_run_lesson *o, ts_session_config *cfg, ts_action *acts,
                         size_t *n_acts, size_t max, bool *done);

/* Gives s, created from the applied cfg and not yet run, the lesson's weak
 * key (ts_lesson_apply_weak_key: the server's key, or the CA's for e3, and
 * their certificates); nothing without a lesson or with weak_key none. */
ts_err cli_run_lesson_session(const cli_run_lesson *o, ts_session *s);

/* Writes the narrated transcript of s to stdout in one piece; ts_err. */
ts_err cli_run_lesson_write(const cli_run_lesson *o, const ts_session *s);

/* Frees the lesson (safe without one). */
void cli_run_lesson_free(cli_run_lesson *o);

#endif
