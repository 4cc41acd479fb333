/* ts_steps: the step names lessons may attach narration to, with the
 * people's words for each ("premaster secret", not premaster_secret) and a
 * one-line description, in English here and in every language through the
 * catalogue (base/ts_i18n). Handshake steps are the names
 * the engine emits (ts_event.name, see prompts/steps.md); textbook steps are
 * those of the textbook-RSA lesson, which plays outside the handshake. The
 * UI may use the descriptions as its built-in narration. */
#ifndef TS_STEPS_H
#define TS_STEPS_H

#include <stddef.h>

#include "base/ts_lang.h"

typedef enum {
    TS_STEPS_HANDSHAKE, /* emitted by the engine in a run */
    TS_STEPS_ALERT,     /* alert names: steps alert_sent / alert_received */
    TS_STEPS_TEXTBOOK   /* the textbook-RSA lesson's own steps */
} ts_steps_group;

typedef struct {
    const char *name;
    ts_steps_group group;
    const char *label; /* people's words (a msgid), NULL for a protocol name */
    const char *desc;  /* one line (a msgid) */
} ts_step_info;

/* Number of known step names, and entry i (NULL beyond). */
size_t ts_steps_count(void);
const ts_step_info *ts_steps_get(size_t i);

/* The entry named name (exact), or NULL. */
const ts_step_info *ts_steps_find(const char *name);

/* The one-line description of name in lang, or NULL when unknown. */
const char *ts_steps_desc(const char *name, ts_lang lang);

/* What a person calls step name in lang ("premaster secret", "프리마스터
 * 시크릿"); name itself for a protocol name (an alert) or an unknown step. */
const char *ts_steps_label(const char *name, ts_lang lang);

/* A set of groups for ts_steps_nearest: TS_STEPS_MASK(g) | ...; 0 = all. */
#define TS_STEPS_MASK(g) (1u << (unsigned)(g))

/* Fills out[0..max) (max <= 16) with the known names of the groups in mask
 * closest to name (edit distance, then table order); returns how many. */
size_t ts_steps_nearest(const char *name, unsigned mask, const char **out, size_t max);

#endif
