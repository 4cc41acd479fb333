/* cli_mtls: --client-auth and --client-cert of the simulated run. */
#include "cli/cli_mtls.h"

#include <string.h>

#include "cli/cli.h"

const char *const cli_mtls_help = N_( /* translated where it is printed */
    "  --client-auth request|require\n"
    "                    mutual TLS: the server asks for a client certificate\n"
    "                    (CertificateRequest) and checks it against its CA and the\n"
    "                    client's CertificateVerify; with require, a client\n"
    "                    without one gets handshake_failure (TLS 1.2) or\n"
    "                    certificate_required (TLS 1.3)\n"
    "  --client-cert good|none|expired|foreign|stolen\n"
    "                    with --client-auth: the certificate the client presents,\n"
    "                    issued by the toy CA (good, the default; expired), none,\n"
    "                    issued by another CA (foreign: unknown_ca), or the good\n"
    "                    one presented by an impostor without its private key\n"
    "                    (stolen: its CertificateVerify fails, decrypt_error)\n");

int cli_mtls_client_auth(const char *cmd, const char *arg, ts_session_config *cfg)
{
    if (strcmp(arg, "request") == 0) {
        cfg->client_auth = TS_CLIENT_AUTH_REQUEST;
    } else if (strcmp(arg, "require") == 0) {
        cfg->client_auth = TS_CLIENT_AUTH_REQUIRE;
    } else {
        return cli_usage_error(cmd, "--client-auth must be request or require, not '%s'", arg);
    }
    return CLI_EXIT_OK;
}

int cli_mtls_client_cert(const char *cmd, const char *arg, ts_session_config *cfg, bool *given)
{
    for (int k = 0; k < TS_CLIENT_CERT_COUNT; k++) {
        if (strcmp(arg, ts_client_cert_name((ts_client_cert_kind)k)) == 0) {
            cfg->client_cert = (ts_client_cert_kind)k;
            *given = true;
            return CLI_EXIT_OK;
        }
    }
    return cli_usage_error(cmd, "--client-cert must be good, none, expired, foreign or stolen, "
                           "not '%s'",
                           arg);
}

int cli_mtls_check(const char *cmd, const ts_session_config *cfg, bool cert_given)
{
    if (cert_given && cfg->client_auth == TS_CLIENT_AUTH_NONE) {
        return cli_usage_error(cmd, "--client-cert is for a server that asks: add --client-auth "
                               "request or require");
    }
    return CLI_EXIT_OK;
}
