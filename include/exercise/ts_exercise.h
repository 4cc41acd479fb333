/* ts_exercise: the exercises (broken signatures and keys, tampering, TLS
 * 1.3's downgrade sentinel and record protection). Each one makes its
 * public material from a seed (certificates, a recorded run, numbers) and
 * has a checker that decides an answer from a real run or a computation:
 * solved or not, with one line saying why. The same seed always gives the
 * same material, so `tlsstep check ID --seed S` rebuilds what the student
 * was given. Reference solutions live in the tests, never here. Functions
 * return ts_err for the machinery; an answer that is wrong or malformed is
 * a verdict, not an error. The texts a person reads (title, incident,
 * answer, the facts under the task, the verdict's why) are English msgids
 * (N_) shown in the language the caller sets in the material or the
 * verdict; the files of the material stay English, as scripts read them. */
#ifndef TS_EXERCISE_H
#define TS_EXERCISE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "crypto/attack/ts_oracle.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "simulation/ts_session.h"

#define TS_EXERCISE_MAX_FILES 8
#define TS_EXERCISE_WHY 1024
#define TS_EXERCISE_LINE 640 /* a good size for ts_exercise_result_line */

/* One file of public material. */
typedef struct {
    char name[64];   /* file name inside the output folder */
    ts_buf data;
} ts_exercise_file;

/* The public material of one exercise: files, and a few facts to print. */
typedef struct {
    ts_exercise_file files[TS_EXERCISE_MAX_FILES];
    size_t n_files;
    ts_buf facts;    /* text lines shown under the task ("n = ...") */
    ts_lang lang;    /* language of the facts (English after init) */
} ts_exercise_material;

typedef struct {
    bool solved;
    char why[TS_EXERCISE_WHY]; /* one line, in lang */
    ts_lang lang;    /* set by the caller before check(): the language of why */
} ts_exercise_verdict;

/* Progress of a long computation (the ROBOT attack): called now and then. */
typedef void (*ts_exercise_progress_fn)(void *ctx, const char *line);

typedef struct {
    const char *id;
    /* English msgids (ts_tr shows them in the reader's language); the
     * lesson file ID.md has the title, task and hints in both languages. */
    const char *title;     /* one line */
    const char *incident;  /* the real incident, one line (the lesson's exercise.incident) */
    const char *answer;    /* what the student supplies, one line */
    /* Makes the public material for seed into m (initialised by the caller,
     * with m->lang the language of its facts). */
    ts_err (*material)(const char *seed, ts_exercise_material *m);
    /* Decides answer (len bytes: a file's text or the command-line value);
     * v->why is written in v->lang, which the caller sets. */
    ts_err (*check)(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v);
} ts_exercise;

/* The exercises, in teaching order; NULL past the end. */
const ts_exercise *ts_exercise_at(size_t i);

/* The exercise named id, or NULL. */
const ts_exercise *ts_exercise_find(const char *id);

/* --- material --- */

void ts_exercise_material_init(ts_exercise_material *m);
void ts_exercise_material_free(ts_exercise_material *m);

/* Adds a file (copied); TS_ERR_ARG past TS_EXERCISE_MAX_FILES. */
ts_err ts_exercise_add_file(ts_exercise_material *m, const char *name, const uint8_t *data,
                            size_t n);

/* Appends a line (newline added) to the facts: fmt, an English msgid
 * (N_), in m->lang, filled printf-style. */
ts_err ts_exercise_fact(ts_exercise_material *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends "name = HEX" to the facts and "name HEX" to the text buffer
 * numbers (if not NULL), the file the students' scripts read. */
ts_err ts_exercise_number(ts_exercise_material *m, ts_buf *numbers, const char *name,
                          const uint8_t *v, size_t n);

/* --- verdicts --- */

/* Sets v: solved, and why from fmt, an English msgid (N_), in v->lang
 * filled printf-style (arguments that are sentences must already be in
 * v->lang); returns TS_OK (so a checker can `return ts_exercise_verdict_set(...)`). */
ts_err ts_exercise_verdict_set(ts_exercise_verdict *v, bool solved, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets v to "not solved" for a tamper spec ts_action_parse refused, with
 * its English reason why in v->lang (or, when the reason has no
 * translation, the spec itself named in v->lang); returns TS_OK. */
ts_err ts_exercise_verdict_bad_spec(ts_exercise_verdict *v, const char *spec, const char *why);

/* --- helpers for the checkers --- */

/* Copies the answer into a NUL-terminated string (malloc'd, caller frees);
 * NULL when out of memory. */
char *ts_exercise_answer_text(const uint8_t *answer, size_t len);

/* Wipes and frees text from ts_exercise_answer_text (len: the answer's
 * length); NULL is fine. For answers that hold secrets. */
void ts_exercise_answer_free(char *text, size_t len);

/* Decodes an answer that is hex (whitespace, ':' and a leading 0x allowed)
 * into out; TS_ERR_HEX when it is not. */
ts_err ts_exercise_answer_hex(const uint8_t *answer, size_t len, ts_buf *out);

/* The value of "key VALUE", "key=VALUE" or "key: VALUE" on a line of text
 * (case-insensitive key, value trimmed), copied to out; false when absent. */
bool ts_exercise_answer_field(const char *text, const char *key, char *out, size_t cap);

/* Creates and runs a session with cfg and actions (n may be 0). */
ts_err ts_exercise_run(const ts_session_config *cfg, const ts_action *acts, size_t n,
                       ts_session **out);

/* As ts_exercise_run with the default session of seed (no other option). */
ts_err ts_exercise_run_seed(const char *seed, const ts_action *acts, size_t n, ts_session **out);

/* The readable transcript of s's last run (ts_transcript), appended to out. */
ts_err ts_exercise_transcript(const ts_session *s, ts_buf *out);

/* Adds s's transcript (English) to m as the file name. */
ts_err ts_exercise_add_transcript(ts_exercise_material *m, const char *name, const ts_session *s);

/* The client's certificate check of s's last run: true when it ran, with
 * its result in *err (NULL: not interested). */
bool ts_exercise_client_check(const ts_session *s, const char *name, ts_err *err);

/* The name of the certificate check that failed with err, as the
 * tamper exercises' answers name it: signature, issuer, ca, validity, host,
 * or parse for anything else. */
const char *ts_exercise_cert_check_name(ts_err err);

/* One line saying how s's last run ended, in lang: in English exactly
 * ts_transcript_result_line ("ok", "bad_record_mac (sent by client:
 * REASON)", "stalled (REASON)"), the reason translated with ts_tr_text. */
void ts_exercise_result_line(const ts_session *s, ts_lang lang, char *out, size_t cap);

/* Appends to ca_der a self-signed CA certificate for ca_key and to
 * server_der one for server_pub naming host, signed by ca_key: ts_x509_make_certs
 * with now = TS_SESSION_DEFAULT_NOW (serials drawn from rng). */
ts_err ts_exercise_certs(ts_rng *rng, const ts_rsa_key *ca_key, const ts_rsa_key *server_pub,
                         const char *host, ts_buf *ca_der, ts_buf *server_der);

/* A CA and the one server certificate it issued, with both keys. */
typedef struct {
    ts_rsa_key *ca_key, *server_key;
    ts_buf ca_der, server_der;
} ts_exercise_pki;

/* Makes an exercise's CA key and server key from its random stream. */
typedef ts_err (*ts_exercise_keys_fn)(ts_rng *rng, ts_rsa_key **ca_key, ts_rsa_key **server_key);

/* Makes p for seed of exercise id: keys(rng) on the stream
 * ts_rng_init_for(id, seed, TS_ACTOR_KEYGEN), then their certificates
 * for host (ts_exercise_certs) from the same stream. p is fit for
 * ts_exercise_pki_free whatever the result. */
ts_err ts_exercise_pki_make(const char *id, const char *seed, const char *host,
                            ts_exercise_keys_fn keys, ts_exercise_pki *p);

/* Frees the keys and certificates of p. */
void ts_exercise_pki_free(ts_exercise_pki *p);

/* Runs a session of seed (suite rsa, host) in which the server holding
 * server_key presents server_der and the client trusts ca_der (with
 * lax_pkcs1 / no_verify as given). *out is the run (ts_session_free). */
typedef struct {
    const char *seed, *host;
    const ts_suite *suite; /* NULL: rsa */
    bool lax_pkcs1, no_verify;
    const uint8_t *payload; /* NULL: the sample */
    size_t payload_len;
} ts_exercise_run_opts;
ts_err ts_exercise_impersonate(const ts_exercise_run_opts *o, const ts_rsa_key *server_key,
                               const ts_buf *server_der, const ts_buf *ca_der, ts_session **out);

/* Reads a private key from answer text holding a PEM block, or from hex
 * factor p of modulus n (with e); *key is NULL when the answer is neither,
 * *why then says what was wrong (an English msgid: ts_tr it). */
ts_err ts_exercise_answer_key(const char *text, const ts_rsa_key *pub, ts_rsa_key **key,
                              const char **why);

/* Decides an impersonation: key must have real's public part, then a
 * session of seed in which a server holding key presents server_der to a
 * client trusting ca_der and checking everything must end well. v->why
 * in v->lang. */
ts_err ts_exercise_check_impostor(const char *seed, const char *host, const ts_rsa_key *key,
                                  const ts_rsa_key *real, const ts_buf *server_der,
                                  const ts_buf *ca_der, ts_exercise_verdict *v);

/* Adds the certificate der as a PEM file. */
ts_err ts_exercise_add_cert(ts_exercise_material *m, const char *name, const ts_buf *der);

/* --- robot: the padding oracle and the tool's own attack --- */

typedef struct {
    ts_oracle_strength strength; /* the server's padding check */
    bool sign;                   /* also sign the exercise's message (blinding first) */
    ts_lang lang;                /* of the progress lines and the summary (0: English) */
} ts_robot_opts;

/* The server's padding check as ts_oracle_strength_name names it ("00 02
 * only", "full PKCS#1"), in lang. */
const char *ts_exercise_oracle_name(ts_oracle_strength strength, ts_lang lang);

/* The leaky server of seed's robot exercise: an oracle over its key.
 * *key is the server's private key (ts_rsa_free), which o borrows. */
ts_err ts_exercise_robot_oracle(const char *seed, ts_oracle_strength strength, ts_rsa_key **key,
                                ts_oracle *o);

/* Runs the attack on seed's recorded session through the oracle only,
 * calling fn(ctx, line) as it goes (a line in o->lang), and appends
 * "premaster HEX" (and "signature HEX") lines, the answer's syntax in every
 * language, and a summary in o->lang to out. *queries (if not NULL) gets
 * the oracle queries used in all. */
ts_err ts_exercise_robot_attack(const char *seed, const ts_robot_opts *o, ts_exercise_progress_fn fn,
                                void *ctx, ts_buf *out, uint64_t *queries);

/* The exercises (one file each: sim/ts_exercise_ID.c). */
extern const ts_exercise ts_exercise_tamper_cert;
extern const ts_exercise ts_exercise_downgrade;
extern const ts_exercise ts_exercise_textbook_forgery;
extern const ts_exercise ts_exercise_fermat;
extern const ts_exercise ts_exercise_shared_prime;
extern const ts_exercise ts_exercise_e3_forgery;
extern const ts_exercise ts_exercise_no_verify_mitm;
extern const ts_exercise ts_exercise_goto_fail;
extern const ts_exercise ts_exercise_robot;
extern const ts_exercise ts_exercise_downgrade_sentinel;
extern const ts_exercise ts_exercise_tls13_tamper;
extern const ts_exercise ts_exercise_tls13_decrypt;

#endif
