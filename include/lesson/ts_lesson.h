/* ts_lesson: lessons and exercises as files a teacher edits without
 * recompiling (format: lessons/README.md). One file per lesson, ID.md:
 * YAML front matter (libyaml) with the id, title and summary in English and
 * Korean, kind, difficulty and the run's set-up; then a Markdown body
 * (cmark) with a `# en` part and a `# ko` part, each made of `## STEP`
 * sections attached to the steps of a run by the step's name (ts_steps.h).
 * Loading checks everything and names file, line and what was expected.
 * Functions that can fail return ts_err (TS_ERR_LESSON for a bad file, with
 * the message in why). */
#ifndef TS_LESSON_H
#define TS_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "simulation/ts_session.h"
#include "simulation/ts_trace.h"

#define TS_LESSON_MAX_ACTIONS 32
#define TS_LESSON_MAX_HINTS 8
#define TS_LESSON_WHY_CAP 1024 /* a good size for the why buffers below */

typedef enum {
    TS_LESSON_KIND_LESSON,
    TS_LESSON_KIND_EXERCISE
} ts_lesson_kind;

/* How the lesson plays: a handshake run, or textbook RSA on small numbers. */
typedef enum {
    TS_LESSON_PLAY_HANDSHAKE,
    TS_LESSON_PLAY_TEXTBOOK
} ts_lesson_play;

/* A weak key a lesson asks for; ts_lesson_apply_weak_key (ts_lesson_weak.h)
 * installs it in the run (tiny is refused: too small for a handshake). */
typedef enum {
    TS_WEAK_NONE,
    TS_WEAK_CLOSE_PRIMES, /* Fermat-factorable: |p - q| small */
    TS_WEAK_SHARED_PRIME, /* two servers' moduli share a prime */
    TS_WEAK_E3,           /* public exponent 3 (the CA's key) */
    TS_WEAK_TINY          /* a modulus small enough to factor by hand */
} ts_weak_key;

/* What the attacker on the channel may do in an exercise (bit set). */
typedef enum {
    TS_ATTACK_TAMPER = 1u << 0,    /* XOR bytes of a record in flight */
    TS_ATTACK_DROP = 1u << 1,      /* never deliver a record */
    TS_ATTACK_REPLAY = 1u << 2,    /* deliver a record twice */
    TS_ATTACK_EDIT = 1u << 3,      /* replace a record's bytes */
    TS_ATTACK_SUBSTITUTE_CERT = 1u << 4, /* send its own certificate */
    TS_ATTACK_REPLACE_SHARE = 1u << 5,   /* replace the ServerKeyExchange share */
    TS_ATTACK_ORACLE = 1u << 6     /* query the server's padding oracle */
} ts_lesson_attack;

/* The run's set-up from the front matter (`run:`); unset fields are 0/""
 * and take the session's defaults. */
typedef struct {
    ts_lesson_play play;
    char suite[16];           /* CLI name ("rsa", ...); "" = default */
    unsigned bits;            /* 0 = default */
    char seed[TS_RNG_SEED_MAX + 1]; /* "" = a fresh seed */
    char host[254];           /* "" = localhost */
    bool ems, offer_one;
    bool no_verify, skip_ske_check, lax_pkcs1; /* client flaws */
    ts_weak_key weak_key;
    ts_action actions[TS_LESSON_MAX_ACTIONS]; /* tamper / drop / replay */
    size_t n_actions;
    /* play: textbook: the small numbers (run.textbook: p, q, e, m, m2) */
    uint64_t tb_p, tb_q, tb_e, tb_m, tb_m2;
} ts_lesson_run;

/* The exercise part of the front matter (`exercise:`, kind: exercise). */
typedef struct {
    char *checker;   /* the checker's name (tlsstep check ID) */
    char *answer;    /* what the student supplies: hex, pem, text or file */
    char *incident;  /* the real incident it comes from */
    char *goal[TS_LANG_COUNT];
    char *hints[TS_LANG_COUNT][TS_LESSON_MAX_HINTS];
    size_t n_hints[TS_LANG_COUNT];
    unsigned attacker; /* ts_lesson_attack bits */
} ts_lesson_exercise;

/* One section of narration, attached to a step (or the introduction). */
typedef struct {
    const char *step; /* name from the ts_steps table; NULL: introduction */
    int side;         /* a ts_side, or -1 for any side */
    char *title;      /* the heading as shown ("" for the introduction) */
    char *markdown;   /* the section's body, Markdown */
    unsigned line;    /* line of its heading in the file */
} ts_lesson_section;

typedef struct {
    char *path;
    char *id;
    char *title[TS_LANG_COUNT];
    char *summary[TS_LANG_COUNT];
    ts_lesson_kind kind;
    unsigned difficulty; /* 1..5 */
    ts_lesson_run run;
    ts_lesson_exercise exercise;
    ts_lesson_section intro[TS_LANG_COUNT];
    ts_lesson_section *sections[TS_LANG_COUNT];
    size_t n_sections[TS_LANG_COUNT];
} ts_lesson;

/* Where messages about a file go while it is loaded (parts of the loader). */
typedef struct {
    const char *file;
    char *why;
    size_t cap;
} ts_lesson_diag;

/* Writes "FILE:LINE: MESSAGE" (or "FILE: MESSAGE" when line is 0) to d and
 * returns TS_ERR_LESSON. */
ts_err ts_lesson_fail(ts_lesson_diag *d, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Parses a lesson from text (len bytes; path is used in messages and kept).
 * On failure why (cap bytes) holds "PATH:LINE: what was expected". */
ts_err ts_lesson_parse(const char *text, size_t len, const char *path, ts_lesson **out,
                       char *why, size_t cap);

/* Reads and parses the file at path (TS_ERR_IO when unreadable). */
ts_err ts_lesson_load(const char *path, ts_lesson **out, char *why, size_t cap);

/* Frees l (NULL is fine). */
void ts_lesson_free(ts_lesson *l);

/* The folders searched for lessons, best first: dir (if not NULL),
 * $XDG_DATA_HOME/tlsstep/lessons (default ~/.local/share/tlsstep/lessons),
 * $TLSSTEP_LESSONS, lessons/ beside the executable and up to three folders
 * above it, ./lessons. Fills dirs[0..max) with malloc'd strings; returns
 * how many (the caller frees them). Folders that do not exist are left out. */
size_t ts_lesson_dirs(const char *dir, char **dirs, size_t max);

/* Finds and loads lesson id (or a path, when it holds a '/' or ends in
 * ".md") from the folders above; TS_ERR_LESSON with "no lesson 'ID' in
 * DIRS" when none has it. */
ts_err ts_lesson_open(const char *id, const char *dir, ts_lesson **out, char *why, size_t cap);

/* Loads every lesson of the folders (an id found earlier hides later
 * copies), sorted by difficulty then id. A file that fails is reported
 * through bad(ctx, message) and skipped. *out is a malloc'd array. */
typedef void (*ts_lesson_bad_fn)(void *ctx, const char *message);
ts_err ts_lesson_list(const char *dir, ts_lesson ***out, size_t *n, ts_lesson_bad_fn bad,
                      void *ctx);

/* Frees an array from ts_lesson_list. */
void ts_lesson_list_free(ts_lesson **ls, size_t n);

/* "lesson" or "exercise"; "none", "close-primes", ...; "tamper", ... */
const char *ts_lesson_kind_name(ts_lesson_kind kind);
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
