/* ts_trace: the steps of a run, in order. A step is one event a student
 * should see (a message written, a record sealed or crossing the channel, a
 * value derived, a check, an alert, a wipe); each holds a deep copy of its
 * ts_event (every borrowed byte and string copied and owned by the trace),
 * its index and, for channel records, the record's number on the channel.
 * Byte copies are wiped when the trace is freed (they include secrets).
 * Functions that can fail return ts_err. */
#ifndef TS_TRACE_H
#define TS_TRACE_H

#include <stddef.h>

#include "base/ts_err.h"
#include "tls/ts_event.h"

typedef struct {
    size_t index;   /* 0-based position in the trace */
    size_t record;  /* channel record number (1-based), 0 when none */
    ts_event ev;    /* deep copy: every pointer is owned by the trace */
} ts_step;

typedef struct ts_trace ts_trace;

/* Creates an empty trace. */
ts_err ts_trace_new(ts_trace **out);

/* Wipes the copied bytes and frees the trace (NULL is fine). */
void ts_trace_free(ts_trace *t);

/* Appends a deep copy of ev as the next step, tagged with record (0 for
 * none); *index (if not NULL) receives its index. */
ts_err ts_trace_append(ts_trace *t, const ts_event *ev, size_t record, size_t *index);

/* Number of steps. */
size_t ts_trace_count(const ts_trace *t);

/* Step k, or NULL when k >= count. Valid until the trace is freed or
 * appended to. */
const ts_step *ts_trace_get(const ts_trace *t, size_t k);

/* The first step named name on side, or NULL. */
const ts_step *ts_trace_find(const ts_trace *t, const char *name, ts_side side);

/* The first step named name on side with index >= from, or NULL. */
const ts_step *ts_trace_find_from(const ts_trace *t, size_t from, const char *name, ts_side side);

#endif
