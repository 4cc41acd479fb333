/* ui_ladder_model: the rungs of the key-schedule ladder (the UI's s view)
 * as data, without a terminal: which values of the run's key schedule come
 * in which order (TLS 1.3: RFC 8446 7.1, KeyUpdate 7.2; TLS 1.2: RFC 5246
 * 8.1 and 6.3, RFC 7627), what comes in from the side of each derive, how
 * each is derived (in the RFC's notation), and which step of the trace
 * derived each one first before the cursor. */
#ifndef UI_LADDER_MODEL_H
#define UI_LADDER_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "simulation/ts_trace.h"

#define UI_RUNG_NONE ((size_t)-1) /* a rung not derived yet at the cursor */
#define UI_LADDER_MAX 40

/* The zero PSK of TLS 1.3 without resumption: no step of its own (its bytes
 * are the early secret's input). */
#define UI_LADDER_PSK "psk"

typedef enum {
    UI_RUNG_SECRET, /* on the ladder's spine: early, derived, handshake, master
                     * (1.2: master secret, key block) */
    UI_RUNG_INPUT,  /* comes in from the side: the zero PSK, the (EC)DHE shared
                     * secret, a transcript hash, the randoms, the premaster */
    UI_RUNG_BRANCH, /* derived off the spine: a traffic secret, exporter,
                     * resumption master secret */
    UI_RUNG_KEY     /* a key or IV under the rung above it */
} ui_rung_kind;

typedef struct {
    const char *name; /* the trace value's name ("early_secret"), or UI_LADDER_PSK */
    ui_rung_kind kind;
    const char *op;   /* how it is derived, in the RFC's notation; "" for an input */
    bool last;        /* the last key under its rung (drawn └) */
    size_t step;      /* trace index of the first step before the cursor that
                       * derived it (the PSK: the early secret's); UI_RUNG_NONE */
} ui_rung;

/* True when trace t is a TLS 1.3 run's (it derives an early secret, or a
 * premaster secret for 1.2); suite13 when it derives neither yet. */
bool ui_ladder_is_tls13(const ts_trace *t, bool suite13);

/* Fills out (up to max) with the ladder of trace t at cursor k (steps
 * 0..k-1 are known): TLS 1.3's when tls13, else 1.2's; the rungs a run may
 * lack (KeyUpdate's _1 secrets, the resumption PSK, EMS's session hash, MAC
 * keys) only when the whole trace has them; returns how many. */
size_t ui_ladder_rungs(const ts_trace *t, size_t k, bool tls13, ui_rung *out, size_t max);

/* The index in rungs (n of them) of the rung derived last (highest step),
 * or n when none is derived yet. */
size_t ui_ladder_latest(const ui_rung *rungs, size_t n);

#endif
