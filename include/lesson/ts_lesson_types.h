/* ts_lesson_types: what a loaded lesson is, as data: its kind, its run's
 * set-up, its exercise part and its sections of narration. Types and their
 * fields only, no functions: the loader (ts_lesson.h) and its parts for the
 * front matter (ts_lesson_yaml.h) and the body (ts_lesson_md.h) fill them,
 * and the rest of tlsstep reads them. */
#ifndef TS_LESSON_TYPES_H
#define TS_LESSON_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_lang.h"
#include "crypto/ts_rng.h"
#include "simulation/ts_session.h"

#define TS_LESSON_MAX_ACTIONS 32
#define TS_LESSON_MAX_HINTS 8

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
    unsigned id_line; /* line of 'id:' in the file */
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

#endif
