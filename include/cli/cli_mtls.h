/* cli_mtls: the mutual TLS options of the simulated run (run, ui):
 * --client-auth request|require and --client-cert good|none|expired|foreign|
 * stolen,
 * parsed and checked in one place. */
#ifndef CLI_MTLS_H
#define CLI_MTLS_H

#include "simulation/ts_session.h"

/* The option lines of --help for both (a msgid). */
extern const char *const cli_mtls_help;

/* Parses --client-auth's value into cfg; returns CLI_EXIT_OK or the exit
 * status (the message printed). */
int cli_mtls_client_auth(const char *cmd, const char *arg, ts_session_config *cfg);

/* Parses --client-cert's value into cfg (given: set to true). */
int cli_mtls_client_cert(const char *cmd, const char *arg, ts_session_config *cfg, bool *given);

/* A usage error when --client-cert was given without --client-auth. */
int cli_mtls_check(const char *cmd, const ts_session_config *cfg, bool cert_given);

#endif
