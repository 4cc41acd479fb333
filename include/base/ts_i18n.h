/* ts_i18n: every sentence a person reads, in their language, from one GNU
 * gettext catalogue (sim/po/<lang>.po, compiled to <lang>.mo by make).
 *
 * English is the source language: the strings in the code are the msgids,
 * so English needs no catalogue and JSON, which must not change with the
 * reader's language, simply never calls these functions. The engine writes
 * English only (layers below the front ends take no language); the front
 * ends translate what they show, when they show it, which is what lets the
 * UI switch language live without replaying anything.
 *
 * Strings are marked for xgettext with the keywords the Makefile's `pot`
 * target names: N_ (a literal translated later), ts_tr:2, ts_trn:2,3. */
#ifndef TS_I18N_H
#define TS_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ts_lang.h"

/* The catalogue's domain: tlsstep.mo. */
#define TS_I18N_DOMAIN "tlsstep"

/* msgid in lang: the catalogue's translation (for a language other than
 * English this sets LANGUAGE in the environment, which is how gettext is
 * told the language), or msgid itself when lang is
 * English, the catalogue lacks it, or msgid is NULL (returned as is). */
const char *ts_tr(ts_lang lang, const char *msgid);

/* The singular or plural form for n in lang (ngettext's rules). */
const char *ts_trn(ts_lang lang, const char *one, const char *many, unsigned long n);

/* A finished English sentence the engine wrote (a reason, a check's
 * explanation, a field's note), in lang: its catalogue entry, or, for a
 * sentence built from one of TS_TEMPLATE_LIST's formats, the translated
 * format filled with its arguments, each translated in turn. Writes into
 * out (cap bytes) and returns out; english itself when nothing matches or
 * lang is English. */
const char *ts_tr_text(ts_lang lang, const char *english, char *out, size_t cap);

/* Whether lang's catalogue was found (always true for English); where, if
 * not NULL, receives the folder searched or found (for a warning). */
bool ts_i18n_available(ts_lang lang, char *where, size_t cap);

/* Fills out (cap bytes) with printf-style fmt whose every conversion takes
 * a string from args (n of them): %s, %zu, %u, %d and %lu all insert the
 * next argument, %N$s the N-th (positional, as translations reorder), %%
 * a percent sign. The one formatter of translated templates; cannot fail
 * (a missing argument prints as empty). */
void ts_i18n_fill(char *out, size_t cap, const char *fmt, const char *const *args, size_t n);

#endif
