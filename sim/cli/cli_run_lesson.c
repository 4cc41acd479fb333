/* cli_run_lesson: a lesson's set-up and narration for `tlsstep run
 * --lesson ID` and `tlsstep ui [LESSON]`. */
#include "cli/cli_run_lesson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "crypto/ts_suite.h"
#include "lesson/ts_lesson_play.h"
#include "lesson/ts_lesson_textbook.h"
#include "lesson/ts_lesson_weak.h"

#define NARRATION_WIDTH 78
#define MAX_DIRS 12

static const char *cmd_of(const cli_run_lesson *o)
{
    return o->cmd != NULL ? o->cmd : "run";
}

int cli_run_lesson_lang(cli_run_lesson *o)
{
    o->lang = cli_lang();
    if (o->lang_arg != NULL && !ts_lang_parse(o->lang_arg, &o->lang)) {
        return cli_usage_error(cmd_of(o), "--lang must be en or ko, not '%s'", o->lang_arg);
    }
    cli_set_lang(o->lang);
    return CLI_EXIT_OK;
}

bool cli_run_lesson_have_dirs(const char *dir)
{
    char *dirs[MAX_DIRS];
    size_t n = ts_lesson_dirs(dir, dirs, MAX_DIRS);
    for (size_t i = 0; i < n; i++) {
        free(dirs[i]);
    }
    return n > 0;
}

/* Writes what play() prints to stdout in one piece. */
static ts_err buffered(const cli_run_lesson *o, const ts_session *s)
{
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    TS_ENSURE(f != NULL, TS_ERR_NOMEM);
    ts_err err = s != NULL ? ts_lesson_play_run(f, s, o->lesson, o->lang, NARRATION_WIDTH)
                           : ts_lesson_play_textbook(f, o->lesson, o->lang, NARRATION_WIDTH);
    if (fclose(f) != 0 && err == TS_OK) {
        err = TS_ERR_IO;
    }
    if (err == TS_OK) {
        err = cli_write_file("-", (const uint8_t *)text, n);
    }
    free(text);
    return err;
}

static void ignore_bad(void *ctx, const char *message)
{
    (void)ctx;
    (void)message;
}

/* "unknown lesson 'ID' (lessons: a, b, ...)", or the loader's why when no
 * folder holds any lesson. */
static int unknown(const cli_run_lesson *o, const char *why)
{
    ts_lesson **ls = NULL;
    size_t n = 0;
    if (ts_lesson_list(o->dir, o->lang, &ls, &n, ignore_bad, NULL) != TS_OK || n == 0) {
        ts_lesson_list_free(ls, n);
        return cli_fail(CLI_EXIT_USAGE, cmd_of(o), "%s", why);
    }
    char names[1024] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof(names); i++) {
        int k = snprintf(names + used, sizeof(names) - used, "%s%s", i > 0 ? ", " : "",
                         ls[i]->id);
        used += k > 0 ? (size_t)k : 0;
    }
    ts_lesson_list_free(ls, n);
    return cli_fail(CLI_EXIT_USAGE, cmd_of(o), "unknown lesson '%s' (lessons: %s)", o->id, names);
}

int cli_run_lesson_load(cli_run_lesson *o)
{
    char why[TS_LESSON_WHY_CAP];
    struct stat st;
    if (o->dir != NULL && (stat(o->dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        return cli_usage_error(cmd_of(o), "--lessons '%s' is not a folder", o->dir);
    }
    why[0] = '\0';
    if (ts_lesson_open(o->id, o->dir, o->lang, &o->lesson, why, sizeof(why)) != TS_OK) {
        o->lesson = NULL;
        if (!ts_lesson_found(o->id, o->dir)) {
            return unknown(o, why);
        }
        return cli_fail(CLI_EXIT_USAGE, cmd_of(o), "%s", why);
    }
    return CLI_EXIT_OK;
}

int cli_run_lesson_textbook(const cli_run_lesson *o)
{
    ts_err err = buffered(o, NULL);
    return err == TS_OK ? CLI_EXIT_OK
                        : cli_fail(CLI_EXIT_FAIL, cmd_of(o), "lesson %s: %s", o->lesson->id,
                                   ts_err_str(err, cli_lang()));
}

/* The lesson's weak key can be made for this run: tiny cannot (a textbook
 * key), and the seed must leave room for the stream's name. */
static int weak_key_usable(const cli_run_lesson *o, const ts_session_config *cfg)
{
    ts_weak_key w = o->lesson->run.weak_key;
    if (w == TS_WEAK_TINY) {
        return cli_fail(CLI_EXIT_USAGE, cmd_of(o), "lesson %s: weak_key tiny makes a key too "
                        "small for a handshake (PKCS#1 v1.5 needs at least 496 bits)",
                        o->lesson->id);
    }
    const char *seed = cfg->seed != NULL ? cfg->seed : o->lesson->run.seed;
    size_t max = ts_weak_key_seed_max(w);
    if (max > 0 && strlen(seed) > max) {
        return cli_fail(CLI_EXIT_USAGE, cmd_of(o), "lesson %s: with weak_key %s the seed may "
                        "have at most %zu bytes", o->lesson->id, ts_weak_key_name(w), max);
    }
    return CLI_EXIT_OK;
}

int cli_run_lesson_apply(const cli_run_lesson *o, ts_session_config *cfg, ts_action *acts,
                         size_t *n_acts, size_t max)
{
    ts_session_config lc;
    if (ts_lesson_config(o->lesson, &lc) != TS_OK) {
        return cli_fail(CLI_EXIT_USAGE, cmd_of(o), "%s: suite '%s' unknown", o->lesson->path,
                        o->lesson->run.suite);
    }
    int rc = weak_key_usable(o, cfg);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (lc.suite != NULL && !ts_suite_usable(lc.suite) && cfg->suite == NULL) {
        return cli_fail(CLI_EXIT_USAGE, cmd_of(o), "lesson %s uses suite %s, which needs "
                        "AES-NI; add --suite ecdhe, dhe or null", o->lesson->id,
                        lc.suite->cli_name);
    }
    cfg->suite = cfg->suite != NULL ? cfg->suite : lc.suite;
    cfg->bits = cfg->bits != 0 ? cfg->bits : lc.bits;
    cfg->seed = cfg->seed != NULL ? cfg->seed : lc.seed;
    cfg->host = cfg->host != NULL ? cfg->host : lc.host;
    cfg->ems = cfg->ems || lc.ems;
    cfg->offer_one = cfg->offer_one || lc.offer_one;
    cfg->no_verify = cfg->no_verify || lc.no_verify;
    cfg->skip_ske_check = cfg->skip_ske_check || lc.skip_ske_check;
    cfg->lax_pkcs1 = cfg->lax_pkcs1 || lc.lax_pkcs1;
    if (*n_acts == 0) {
        for (size_t i = 0; i < o->lesson->run.n_actions && i < max; i++) {
            acts[(*n_acts)++] = o->lesson->run.actions[i];
        }
    }
    return CLI_EXIT_OK;
}

int cli_run_lesson_setup(cli_run_lesson *o, ts_session_config *cfg, ts_action *acts,
                         size_t *n_acts, size_t max, bool *done)
{
    *done = false;
    int rc = cli_run_lesson_load(o);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (o->lesson->run.play == TS_LESSON_PLAY_TEXTBOOK) {
        *done = true;
        return cli_run_lesson_textbook(o);
    }
    return cli_run_lesson_apply(o, cfg, acts, n_acts, max);
}

ts_err cli_run_lesson_session(const cli_run_lesson *o, ts_session *s)
{
    TS_ENSURE(s != NULL, TS_ERR_ARG);
    if (o->lesson == NULL || o->lesson->run.play != TS_LESSON_PLAY_HANDSHAKE) {
        return TS_OK;
    }
    return ts_lesson_apply_weak_key(s, o->lesson->run.weak_key);
}

ts_err cli_run_lesson_write(const cli_run_lesson *o, const ts_session *s)
{
    TS_ENSURE(o->lesson != NULL && s != NULL, TS_ERR_ARG);
    return buffered(o, s);
}

void cli_run_lesson_free(cli_run_lesson *o)
{
    ts_lesson_free(o->lesson);
    o->lesson = NULL;
}
