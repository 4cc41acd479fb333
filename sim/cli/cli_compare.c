/* cli_compare: the pair of runs behind --compare, and `run --compare`. */
#include "cli/cli_compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/ts_rng.h"
#include "export/ts_compare_report.h"
#include "simulation/ts_compare.h"

static ts_err make(const ts_session_config *cfg, ts_session **out)
{
    *out = NULL;
    TS_GUARD(ts_session_new(cfg, out));
    ts_err err = ts_session_run(*out);
    if (err != TS_OK) {
        ts_session_free(*out);
        *out = NULL;
    }
    return err;
}

int cli_compare_sessions(const char *cmd, const ts_session_config *cfg, ts_session **s12,
                         ts_session **s13)
{
    const ts_suite *p12, *p13;
    ts_compare_pair(cfg->suite, &p12, &p13);
    char fresh[17];
    ts_session_config base = *cfg, c12, c13;
    if (base.seed == NULL) {
        ts_rng_new_seed(fresh);
        base.seed = fresh;
    }
    ts_compare_configs(&base, p12, p13, &c12, &c13);
    ts_err err = make(&c12, s12);
    if (err == TS_OK) {
        err = make(&c13, s13);
    }
    if (err != TS_OK) {
        ts_session_free(*s12);
        *s12 = NULL;
        return cli_fail(CLI_EXIT_FAIL, cmd, "the simulation failed: %s",
                        ts_err_str(err, cli_lang()));
    }
    return CLI_EXIT_OK;
}

static bool completed(const ts_session *s)
{
    const ts_result *r = ts_session_result(s);
    return r->kind == TS_RESULT_OK && r->payload_intact;
}

int cli_compare_print(const ts_session_config *cfg, bool json, ts_lang lang)
{
    ts_session *s12 = NULL, *s13 = NULL;
    int rc = cli_compare_sessions("run", cfg, &s12, &s13);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_compare c;
    ts_err err = ts_compare_build(s12, s13, &c);
    if (err == TS_OK && json) {
        char *text = NULL;
        err = ts_compare_report_json(&c, &text);
        if (err == TS_OK) {
            err = cli_write_file("-", (const uint8_t *)text, strlen(text));
        }
        free(text);
    } else if (err == TS_OK) {
        err = ts_compare_report_text(stdout, &c, lang);
        if (fflush(stdout) != 0) {
            err = TS_ERR_IO;
        }
    }
    rc = err != TS_OK ? cli_fail(CLI_EXIT_FAIL, "run", "cannot compare the runs: %s",
                                 ts_err_str(err, cli_lang()))
         : completed(s12) && completed(s13) ? CLI_EXIT_OK
                                            : CLI_EXIT_FAIL;
    ts_session_free(s12);
    ts_session_free(s13);
    return rc;
}
