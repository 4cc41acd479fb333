/* ts_lang: the languages tlsstep speaks (English and Korean), shared by the
 * error texts (ts_err), the lessons and the front ends. */
#ifndef TS_LANG_H
#define TS_LANG_H

#include <stdbool.h>

/* Marks a literal for the catalogue (base/ts_i18n) without translating it
 * where it stands: tables, and the English the engine writes. */
#define N_(s) (s)

typedef enum {
    TS_LANG_EN,
    TS_LANG_KO,
    TS_LANG_COUNT
} ts_lang;

/* The language of the environment, as gettext chooses it: the first entry
 * of LANGUAGE ("ja:ko:en") that is Korean or English, else LC_ALL, then
 * LC_MESSAGES, then LANG (the first one set and non-empty); "ko..." means
 * Korean, anything else English. */
ts_lang ts_lang_default(void);

/* Parses "en" or "ko" (any case; "english", "korean" and "kr" too); false if
 * s is none of them. */
bool ts_lang_parse(const char *s, ts_lang *out);

/* "en" or "ko". */
const char *ts_lang_code(ts_lang lang);

#endif
