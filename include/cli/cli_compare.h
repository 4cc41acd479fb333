/* cli_compare: the two runs of --compare (run and ui): the same seed and
 * options as TLS 1.2 and as TLS 1.3 (ts_compare_pair picks the
 * suites), made and run once. */
#ifndef CLI_COMPARE_H
#define CLI_COMPARE_H

#include <stdbool.h>

#include "base/ts_lang.h"
#include "simulation/ts_session.h"

/* Makes and runs the pair for cfg (its suite: one of the two; NULL: rsa),
 * both with cfg's seed (a fresh one, shared, when it has none), into
 * *s12 and *s13. On failure prints why for cmd, frees what it made and
 * returns CLI_EXIT_FAIL; CLI_EXIT_OK otherwise. */
int cli_compare_sessions(const char *cmd, const ts_session_config *cfg, ts_session **s12,
                         ts_session **s13);

/* Prints the comparison of cfg's pair on stdout: text in lang, or JSON;
 * the exit status (0 when both runs completed with the file intact). */
int cli_compare_print(const ts_session_config *cfg, bool json, ts_lang lang);

#endif
