/* cli_cert: `tlsstep cert` writes the toy PKI (a self-signed CA and a server
 * certificate it signed, with both private keys) as PEM files. This front
 * end (layer 5) takes the default --now from the wall clock
 * (cli_wall_clock); the library never reads it. */
#include <getopt.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_x509.h"
#include "crypto/ts_x509_build.h"

#include "base/ts_file.h"
#include "cli/cli.h"

#define CMD "cert"
#define DEFAULT_BITS 1024
#define DEFAULT_HOST "localhost"
#define NOW_MAX 250000000000UL /* year 9892: leaves room for the CA's 10 years */

static const char *const usage_text = N_(
    "usage: tlsstep cert [--bits N] [--seed S] [--host NAME] [--now SECONDS] --out-dir DIR\n"
    "                    [--lang en|ko]\n"
    "Makes a toy PKI: a self-signed CA (CN \"%s\", O \"%s\")\n"
    "and a server certificate it signs (CN and subjectAltName DNS = the host), X.509 v3,\n"
    "sha256WithRSAEncryption, and writes into DIR (made if missing):\n"
    "  ca.pem       the CA certificate: the client's trust anchor\n"
    "  ca.key       the CA's private key (PEM RSA PRIVATE KEY); the exercises need it to\n"
    "               sign certificates of their own. Keep it only for teaching.\n"
    "  server.pem   the server certificate\n"
    "  server.key   the server's private key (PEM RSA PRIVATE KEY)\n"
    "Everything is made in memory before any file is written.\n"
    "\noptions:\n"
    "  --bits N         RSA modulus bits of both keys, 512..4096 (default 1024)\n"
    "  --seed S         derive keys and serials from seed S (default: a fresh seed);\n"
    "                   the seed used is printed, and the same seed and --now give\n"
    "                   the same files\n"
    "  --host NAME      the server's DNS name (default localhost)\n"
    "  --now SECONDS    the time of issue, in seconds since 1970-01-01 UTC (default: the\n"
    "                   system clock); the CA is valid from a day before for 10 years,\n"
    "                   the server certificate from a day before for 365 days\n"
    "  --out-dir DIR    directory to write to, made as by mkdir -p (existing files\n"
    "                   are replaced)\n"
    "  --lang en|ko     language of the messages (default: from the locale)\n"
    "  -h, --help       this help\n"
    "\nexample: tlsstep cert --bits 2048 --host localhost --out-dir /tmp/pki &&\n"
    "         openssl verify -auth_level 0 -CAfile /tmp/pki/ca.pem /tmp/pki/server.pem\n");

typedef struct {
    unsigned bits;
    const char *seed;
    const char *host;
    ts_time now;
    const char *out_dir;
} cert_opts;

static int parse_opts(int argc, char **argv, cert_opts *o)
{
    static const struct option longs[] = {
        {"bits", required_argument, NULL, 'b'}, {"seed", required_argument, NULL, 's'},
        {"host", required_argument, NULL, 'H'}, {"now", required_argument, NULL, 'n'},
        {"out-dir", required_argument, NULL, 'o'}, {"lang", required_argument, NULL, 'L'},
        {NULL, 0, NULL, 0},
    };
    unsigned long v;
    bool have_now = false;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
        switch (ch) {
        case 'b':
            if (!cli_parse_ulong(optarg, 512, TS_RSA_MAX_BITS, &v)) {
                return cli_usage_error(CMD, "--bits must be an integer from 512 to 4096, not '%s'",
                                       optarg);
            }
            o->bits = (unsigned)v;
            break;
        case 's':
            if (optarg[0] == '\0' || strlen(optarg) > TS_RNG_SEED_MAX) {
                return cli_usage_error(CMD, "--seed must be 1 to %d bytes", TS_RNG_SEED_MAX);
            }
            o->seed = optarg;
            break;
        case 'H':
            if (!ts_x509_dns_name_valid(optarg, false)) {
                return cli_usage_error(CMD,
                                       "--host must be a DNS name (letters, digits, hyphens, "
                                       "dots; at most 253 characters), not '%s'",
                                       optarg);
            }
            o->host = optarg;
            break;
        case 'n':
            if (!cli_parse_ulong(optarg, 0, NOW_MAX, &v)) {
                return cli_usage_error(CMD, "--now must be seconds since 1970, 0 to %lu, not '%s'",
                                       NOW_MAX, optarg);
            }
            o->now = (ts_time)v;
            have_now = true;
            break;
        case 'o':
            o->out_dir = optarg;
            break;
        case 'L':
            if (!cli_parse_lang_option(CMD, optarg)) {
                return CLI_EXIT_USAGE;
            }
            break;
        case ':':
            return cli_usage_error(CMD, "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error(CMD, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) {
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    }
    if (o->out_dir == NULL) {
        return cli_usage_error(CMD, "--out-dir DIR is required");
    }
    if (ts_file_mkdirs(o->out_dir) != TS_OK) { /* as mkdir -p */
        return cli_fail(CLI_EXIT_USAGE, CMD, "cannot make the directory --out-dir '%s': %s",
                        o->out_dir, cli_strerror(errno));
    }
    if (!have_now) {
        o->now = cli_wall_clock();
    }
    return CLI_EXIT_OK;
}

typedef struct {
    const char *name;
    ts_buf data;
} out_file;

enum { F_CA_PEM, F_CA_KEY, F_SERVER_PEM, F_SERVER_KEY, F_COUNT };

static ts_err make_files(const cert_opts *o, ts_rng *rng, out_file files[F_COUNT])
{
    ts_rsa_key *ca_key = NULL;
    ts_rsa_key *server_key = NULL;
    ts_buf ca_der;
    ts_buf server_der;
    ts_buf_init(&ca_der);
    ts_buf_init(&server_der);
    ts_err err = ts_x509_make_pki(rng, o->bits, o->host, o->now, &ca_key, &ca_der, &server_key,
                                  &server_der);
    if (err == TS_OK) {
        err = ts_x509_to_pem(ca_der.data, ca_der.len, &files[F_CA_PEM].data);
    }
    if (err == TS_OK) {
        err = ts_x509_to_pem(server_der.data, server_der.len, &files[F_SERVER_PEM].data);
    }
    if (err == TS_OK) {
        err = ts_rsa_to_private_pem(ca_key, &files[F_CA_KEY].data);
    }
    if (err == TS_OK) {
        err = ts_rsa_to_private_pem(server_key, &files[F_SERVER_KEY].data);
    }
    ts_rsa_free(ca_key);
    ts_rsa_free(server_key);
    ts_buf_free(&ca_der);
    ts_buf_free(&server_der);
    return err;
}

static int write_files(const cert_opts *o, out_file files[F_COUNT])
{
    for (int i = 0; i < F_COUNT; i++) {
        char path[4096];
        int n = snprintf(path, sizeof(path), "%s/%s", o->out_dir, files[i].name);
        if (n < 0 || (size_t)n >= sizeof(path)) {
            return cli_usage_error(CMD, "--out-dir path is too long");
        }
        size_t len = strlen(files[i].name);
        bool key = len > 4 && strcmp(files[i].name + len - 4, ".key") == 0;
        ts_err err = key ? cli_write_secret_file(path, files[i].data.data, files[i].data.len)
                         : cli_write_file(path, files[i].data.data, files[i].data.len);
        if (err != TS_OK) {
            return cli_fail(CLI_EXIT_USAGE, CMD, "cannot write '%s'", path);
        }
        printf(cli_tr("wrote %s\n"), path);
    }
    return CLI_EXIT_OK;
}

int cli_cert(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf(cli_tr(usage_text), TS_X509_CA_CN, TS_X509_CA_ORG);
        return CLI_EXIT_OK;
    }
    cert_opts o = {.bits = DEFAULT_BITS, .seed = NULL, .host = DEFAULT_HOST, .now = 0,
                   .out_dir = NULL};
    int status = parse_opts(argc, argv, &o);
    if (status != CLI_EXIT_OK) {
        return status;
    }
    char fresh[17];
    if (o.seed == NULL) {
        ts_rng_new_seed(fresh);
        o.seed = fresh;
    }
    ts_rng rng;
    if (ts_rng_init(&rng, o.seed, TS_ACTOR_KEYGEN) != TS_OK) {
        return cli_usage_error(CMD, "bad --seed");
    }
    out_file files[F_COUNT] = {
        [F_CA_PEM] = {"ca.pem", {0}},
        [F_CA_KEY] = {"ca.key", {0}},
        [F_SERVER_PEM] = {"server.pem", {0}},
        [F_SERVER_KEY] = {"server.key", {0}},
    };
    for (int i = 0; i < F_COUNT; i++) {
        ts_buf_init(&files[i].data);
    }
    ts_err err = make_files(&o, &rng, files);
    ts_rng_wipe(&rng);
    char when[32];
    ts_x509_time_format(o.now, when);
    if (err == TS_OK) {
        printf(cli_tr("seed %s\nbits %u, host %s, issued at %s (%lld)\n"), o.seed, o.bits, o.host,
               when, (long long)o.now);
        status = write_files(&o, files);
    } else {
        status = cli_fail(CLI_EXIT_FAIL, CMD, "%s", ts_err_str(err, cli_lang()));
    }
    for (int i = 0; i < F_COUNT; i++) {
        ts_secret_free_buf(&files[i].data);
    }
    return status;
}
