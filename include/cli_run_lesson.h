/* cli_run_lesson: the `--lesson ID` part of `tlsstep run` (sim/cli_run.c
 * calls these): the lesson's run set-up becomes the session's options
 * (what the command line gave wins), and the transcript carries the
 * lesson's narration in the chosen language. Functions return exit
 * statuses (cli.h) unless they say otherwise. */
#ifndef CLI_RUN_LESSON_H
#define CLI_RUN_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "ts_lang.h"
#include "ts_lesson.h"
#include "ts_session.h"

typedef struct {
    const char *id;    /* --lesson: an id or a path; NULL: no lesson */
    const char *dir;   /* --lessons DIR */
    const char *lang_arg; /* --lang as given (NULL: the locale's) */
    ts_lang lang;
    ts_lesson *lesson; /* loaded by cli_run_lesson_setup */
} cli_run_lesson;

/* Checks --lang (exit 2 when bad; cannot fail without --lang). */
int cli_run_lesson_lang(cli_run_lesson *o);

/* Loads the lesson (exit 2 with the loader's message when it cannot) and
 * fills what the command line left unset in cfg: suite, bits, seed, host;
 * ems and the client flaws are switched on when either asks. The lesson's
 * actions are used when the command line gave none (acts has room for
 * max). A textbook lesson is played here: *done is set and the exit
 * status returned. */
int cli_run_lesson_setup(cli_run_lesson *o, ts_session_config *cfg, ts_action *acts,
                         size_t *n_acts, size_t max, bool *done);

/* Writes the narrated transcript of s to stdout in one piece; ts_err. */
ts_err cli_run_lesson_write(const cli_run_lesson *o, const ts_session *s);

/* Frees the lesson (safe without one). */
void cli_run_lesson_free(cli_run_lesson *o);

#endif
