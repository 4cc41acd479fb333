/* ts_lesson: lessons and exercises as files a teacher edits without
 * recompiling (format: lessons/README.md). One file per lesson (ID.md in a
 * lessons folder, any name when given by path):
 * YAML front matter (libyaml) with the id, title and summary in English and
 * Korean, kind, difficulty and the run's set-up; then a Markdown body
 * (cmark) with a `# en` part and a `# ko` part, each made of `## STEP`
 * sections attached to the steps of a run by the step's name (ts_steps.h).
 * Loading checks everything and names file, line and what was expected.
 * The lesson itself, as data, is in ts_lesson_types.h. Functions that can
 * fail return ts_err (TS_ERR_LESSON for a bad file, with the message in
 * why, written in the lang the caller gives: the reader's). */
#ifndef TS_LESSON_H
#define TS_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "lesson/ts_lesson_types.h"
#include "simulation/ts_session.h"
#include "simulation/ts_trace.h"

#define TS_LESSON_WHY_CAP 1024 /* a good size for the why buffers below */

/* Parses a lesson from text (len bytes; path is used in messages and kept;
 * its name is not checked against the id). On failure why (cap bytes) holds
 * "PATH:LINE: what was expected", in lang. */
ts_err ts_lesson_parse(const char *text, size_t len, const char *path, ts_lang lang,
                       ts_lesson **out, char *why, size_t cap);

/* Reads and parses the file at path, whatever its name: a lesson given by
 * path (a teacher's copy, my-copy.md) keeps the id of its front matter.
 * TS_ERR_IO when unreadable. */
ts_err ts_lesson_load(const char *path, ts_lang lang, ts_lesson **out, char *why, size_t cap);

/* Frees l (NULL is fine). */
void ts_lesson_free(ts_lesson *l);

/* The folders searched for lessons, best first: dir (if not NULL),
 * $XDG_DATA_HOME/tlsstep/lessons (default ~/.local/share/tlsstep/lessons),
 * $TLSSTEP_LESSONS, lessons/ beside the executable and up to three folders
 * above it (a source tree), ../share/tlsstep/lessons beside the
 * executable's folder (an installed copy, wherever it was installed),
 * TS_DATADIR/lessons (the PREFIX it was built for: /usr/local/share/tlsstep
 * by default), ./lessons. Fills dirs[0..max) with malloc'd strings; returns
 * how many (the caller frees them). Folders that do not exist are left out,
 * and a folder reached twice is listed once. */
size_t ts_lesson_dirs(const char *dir, char **dirs, size_t max);

/* The lessons folder of the installation tlsstep was built for,
 * TS_DATADIR "/lessons" ("/usr/local/share/tlsstep/lessons" unless the
 * Makefile's PREFIX says otherwise); a static string. */
const char *ts_lesson_data_dir(void);

/* Finds and loads lesson id from the folders above, where the file must be
 * ID.md holding id ID (TS_ERR_LESSON naming both, otherwise); TS_ERR_LESSON
 * with "no lesson 'ID' in DIRS" when none has it. An id that holds a '/' or
 * ends in ".md" is a path, loaded as ts_lesson_load does. */
ts_err ts_lesson_open(const char *id, const char *dir, ts_lang lang, ts_lesson **out, char *why,
                      size_t cap);

/* Whether ts_lesson_open(id, dir, ...) finds a file to load (a lesson of
 * the search path, or the file itself when id is a path), good or bad:
 * what tells "no such lesson" from "a lesson that does not load". */
bool ts_lesson_found(const char *id, const char *dir);

/* Loads every lesson of the folders (an id found earlier hides later
 * copies), sorted by difficulty then id. A file that fails, or whose name
 * is not its ID.md, is reported through bad(ctx, message), the message in
 * lang, and skipped. *out is a malloc'd array. */
typedef void (*ts_lesson_bad_fn)(void *ctx, const char *message);
ts_err ts_lesson_list(const char *dir, ts_lang lang, ts_lesson ***out, size_t *n,
                      ts_lesson_bad_fn bad, void *ctx);

/* Frees an array from ts_lesson_list. */
void ts_lesson_list_free(ts_lesson **ls, size_t n);

/* "lesson" or "exercise"; "none", "close-primes", ...; "tamper", ... (the
 * names of the file format and of JSON: English in every language) */
const char *ts_lesson_kind_name(ts_lesson_kind kind);

/* The kind as a list shows it to a reader: "lesson" or "exercise" in lang
 * ("수업", "연습 문제"). */
const char *ts_lesson_kind_label(ts_lesson_kind kind, ts_lang lang);
const char *ts_weak_key_name(ts_weak_key w);

/* The section of lang attached to (name, side): one naming that side wins
 * over one for any side; NULL when none. */
const ts_lesson_section *ts_lesson_section_for(const ts_lesson *l, ts_lang lang,
                                               const char *name, ts_side side);

/* The narration (Markdown) for step, or NULL when the lesson has none;
 * step NULL: the introduction. Fits ui_narration_source with ctx = l. */
const char *ts_lesson_narration(const ts_lesson *l, const ts_step *step, ts_lang lang);

/* The narration in force at cursor k of a trace: the section of the latest
 * step with index < k that has one, else the introduction (never NULL for
 * a loaded lesson). *at (if not NULL) receives that step's index + 1, 0
 * for the introduction. */
const ts_lesson_section *ts_lesson_narration_at(const ts_lesson *l, const ts_trace *t, size_t k,
                                                ts_lang lang, size_t *at);

/* Fills cfg from the lesson's run set-up (cfg is zeroed first; strings
 * point into l); its actions are l->run.actions. TS_ERR_ARG for a suite
 * this build does not know. */
ts_err ts_lesson_config(const ts_lesson *l, ts_session_config *cfg);

#endif
