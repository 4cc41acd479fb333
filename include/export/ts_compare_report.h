/* ts_compare_report: a comparison of TLS 1.2 and TLS 1.3 (ts_compare) as
 * text for people, in their language, and as JSON (English, stable: the
 * same seed and options give byte-identical text). The JSON object:
 * seed; tls12 and tls13, each {suite, cli_name, version, result,
 * round_trips, encrypted, clear (handshake message names), keys {from,
 * formula, who, chain}, signature {message, formula, signs} (message null
 * when there is none), only (value names the other version lacks)}; and
 * rows [{tls12, tls13, note}], each message {name, from, record,
 * encrypted} or null where the version has none. */
#ifndef TS_COMPARE_REPORT_H
#define TS_COMPARE_REPORT_H

#include <stdio.h>

#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "simulation/ts_compare.h"

/* Writes c as text in lang to f: the rows side by side, then the facts. */
ts_err ts_compare_report_text(FILE *f, const ts_compare *c, ts_lang lang);

/* Sets *out to c's JSON, ending in a newline (malloc'd; the caller frees). */
ts_err ts_compare_report_json(const ts_compare *c, char **out);

/* One message of a row as a person reads it in lang ("S→C Certificate
 * #5"), into out (cap bytes); "" when absent. Returns out. */
const char *ts_compare_report_cell(const ts_cmp_msg *m, ts_lang lang, char *out, size_t cap);

/* The sentence for where version v's server signature is, in lang, into
 * out (cap bytes); returns out. */
const char *ts_compare_report_signature(const ts_compare *c, ts_cmp_ver v, ts_lang lang, char *out,
                                        size_t cap);

#endif
