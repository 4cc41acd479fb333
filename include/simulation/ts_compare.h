/* ts_compare: one connection as TLS 1.2 and as TLS 1.3, side by side. It
 * reads two real runs of the same seed (sessions the caller made with
 * ts_compare_configs and ran): their messages lined up row by row where
 * they correspond (a longest common subsequence of the message names, the
 * server's signature message matching across versions), and the
 * differences a teacher points at, each read from the runs' traces: the
 * round trips before the client's first application data, which handshake
 * messages travel encrypted, where the keys come from, where the server's
 * signature is and which values only one version derives. Names are step
 * names owned by the sessions' traces; sentences are English msgids that
 * the front ends translate. The model borrows the sessions: it is valid
 * until either is run again or freed. */
#ifndef TS_COMPARE_H
#define TS_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ts_err.h"
#include "simulation/ts_session.h"

#define TS_CMP_MAX_ROWS 64
#define TS_CMP_MAX_NAMES 64
#define TS_CMP_MAX_CHAIN 16

typedef enum { TS_CMP_12, TS_CMP_13, TS_CMP_N } ts_cmp_ver;

/* One message of one version in a row. */
typedef struct {
    bool present;
    const char *name;  /* its step name ("certificate") */
    ts_side from;
    size_t step;       /* the trace index of its TS_EV_MESSAGE step */
    size_t record;     /* the channel record that carried it (0: none sealed) */
    bool encrypted;    /* that record was encrypted (protected by an AEAD suite) */
} ts_cmp_msg;

typedef struct {
    ts_cmp_msg m[TS_CMP_N];
    const char *note;  /* what differs here, one line (msgid), or NULL */
} ts_cmp_row;

/* What one version's run shows. */
typedef struct {
    const ts_session *s;
    const ts_suite *suite;      /* the suite agreed (NULL: none was) */
    size_t round_trips;         /* server flights the client waited for before
                                 * its first application data (0: it sent none) */
    const char *encrypted[TS_CMP_MAX_NAMES]; /* handshake messages sent protected */
    size_t n_encrypted;
    const char *clear[TS_CMP_MAX_NAMES];     /* and in the clear */
    size_t n_clear;
    const ts_step *kx;          /* the client's first secret: premaster_secret or
                                 * shared_secret (NULL: none derived) */
    const char *kx_who;         /* who contributes to it (msgid) */
    bool kx_rsa;                /* the client sent it encrypted to the server's RSA key */
    const ts_step *chain[TS_CMP_MAX_CHAIN]; /* the client's secrets from kx on, in order */
    size_t n_chain;
    const char *sig_message;    /* the message that carries the server's
                                 * signature, or NULL: there is none */
    const ts_step *sig;         /* the server's signature value */
    const ts_step *sig_digest;  /* what it signs, when a value of its own */
    const char *only[TS_CMP_MAX_NAMES]; /* values this version derives, the other not */
    size_t n_only;
} ts_cmp_side;

typedef struct ts_compare {
    ts_cmp_side v[TS_CMP_N];
    ts_cmp_row rows[TS_CMP_MAX_ROWS];
    size_t n_rows;
} ts_compare;

/* The TLS 1.2 and TLS 1.3 suites of a comparison. run (NULL: rsa) is one
 * of them; the other is the first usable suite of the other version with
 * the same cipher (ecdhe, ChaCha20 → tls13-chacha; tls13-aes → rsa), else
 * that version's first usable suite. */
void ts_compare_pair(const ts_suite *run, const ts_suite **s12, const ts_suite **s13);

/* The two configurations of a comparison: base (copied, its seed and
 * common options) with suite s12 and s13; the TLS 1.3 options (group,
 * key_update, padding) go to the TLS 1.3 run only, ems to TLS 1.2 only. */
void ts_compare_configs(const ts_session_config *base, const ts_suite *s12, const ts_suite *s13,
                        ts_session_config *c12, ts_session_config *c13);

/* Builds c from s12 and s13, both already run. TS_ERR_ARG when one has
 * not run; TS_ERR_LIMIT when a run has more messages than the table holds. */
ts_err ts_compare_build(const ts_session *s12, const ts_session *s13, ts_compare *c);

/* The cursor of version v's session when row is the last row shown: every
 * step up to the next message of v after row (0..count). */
size_t ts_compare_cursor(const ts_compare *c, ts_cmp_ver v, size_t row);

/* The row that shows step k of version v: the last row whose message of v
 * is at step k or before (0 when none is). */
size_t ts_compare_row_of(const ts_compare *c, ts_cmp_ver v, size_t k);

/* True when name is a value version v derives and the other does not. */
bool ts_compare_only(const ts_compare *c, ts_cmp_ver v, const char *name);

/* "TLS 1.2" or "TLS 1.3". */
const char *ts_compare_version_name(ts_cmp_ver v);

#endif
