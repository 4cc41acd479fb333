/* cli_hkdf: `tlsstep hkdf`, HKDF (RFC 5869) and the TLS 1.3 key schedule's
 * functions (RFC 8446 §7.1) as a calculator, beside `tlsstep prf`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "cli/cli.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_hkdf.h"
#include "crypto/ts_secret.h"

static const char *const cli_hkdf_usage = N_(
    "usage: tlsstep hkdf extract --hash H --salt HEX --ikm HEX\n"
    "       tlsstep hkdf expand --hash H --prk HEX --info HEX --length N\n"
    "       tlsstep hkdf expand-label --hash H --secret HEX --label TEXT --context HEX\n"
    "                                 --length N\n"
    "       tlsstep hkdf derive-secret --hash H --secret HEX --label TEXT\n"
    "                                  --transcript-hash HEX\n"
    "       [--lang en|ko]\n"
    "Each command prints its value as lowercase hex.\n"
    "commands:\n"
    "  extract        HKDF-Extract(salt, IKM) of RFC 5869 (an empty salt is\n"
    "                 Hash.length zero bytes)\n"
    "  expand         HKDF-Expand(PRK, info, N), N bytes (1..255 * Hash.length)\n"
    "  expand-label   HKDF-Expand-Label(secret, label, context, N) of RFC 8446\n"
    "                 section 7.1: the label gets the \"tls13 \" prefix\n"
    "  derive-secret  Derive-Secret(secret, label, messages), given the\n"
    "                 transcript hash of the messages (Hash.length bytes)\n"
    "H is sha256 or sha384 (sha512 too). HEX may be empty (\"\") and may\n"
    "contain ':', '-' or spaces between bytes. The same values from OpenSSL 3:\n"
    "  openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXTRACT_ONLY\n"
    "      -kdfopt hexkey:IKM -kdfopt hexsalt:SALT HKDF\n"
    "  openssl kdf -keylen N -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY\n"
    "      -kdfopt hexkey:PRK -kdfopt hexinfo:INFO HKDF\n"
    "  openssl kdf -keylen N -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY\n"
    "      -kdfopt hexkey:SECRET -kdfopt 'prefix:tls13 ' -kdfopt label:LABEL\n"
    "      -kdfopt hexdata:CONTEXT TLS13-KDF\n");

typedef enum { HKDF_EXTRACT, HKDF_EXPAND, HKDF_EXPAND_LABEL, HKDF_DERIVE_SECRET } hkdf_mode;

/* The options as given (NULL: absent). */
typedef struct {
    const char *hash, *salt, *ikm, *prk, *info, *secret, *label, *context, *transcript,
        *length;
} hkdf_args;

/* Decodes the hex of option name into out (initialised here). */
static int decode_hex(const char *name, const char *text, ts_buf *out)
{
    ts_buf_init(out);
    size_t bad_at = 0;
    ts_err err = ts_hex_decode(text, out, &bad_at);
    if (err == TS_OK) {
        return CLI_EXIT_OK;
    }
    ts_secret_free_buf(out);
    if (err == TS_ERR_HEX) {
        return cli_usage_error("hkdf", "--%s: bad hex at offset %zu", name, bad_at);
    }
    return cli_usage_error("hkdf", "--%s: %s", name, ts_err_str(err, cli_lang()));
}

/* Prints n bytes as one line of hex. */
static int print_hex(const uint8_t *data, size_t n)
{
    char *hex = malloc(2 * n + 2);
    if (hex == NULL) {
        return cli_fail(CLI_EXIT_FAIL, "hkdf", "%s", ts_err_str(TS_ERR_NOMEM, cli_lang()));
    }
    ts_hex_encode(data, n, hex);
    hex[2 * n] = '\n';
    ts_err err = cli_write_file("-", (const uint8_t *)hex, 2 * n + 1);
    ts_secret_wipe(hex, 2 * n + 2);
    free(hex);
    return err == TS_OK ? CLI_EXIT_OK
                        : cli_fail(CLI_EXIT_FAIL, "hkdf", "%s", ts_err_str(err, cli_lang()));
}

/* The options each mode needs, in the order the usage names them. */
static int require(hkdf_mode mode, const hkdf_args *a)
{
    static const char *const need[] = {
        [HKDF_EXTRACT] = "--hash, --salt and --ikm",
        [HKDF_EXPAND] = "--hash, --prk, --info and --length",
        [HKDF_EXPAND_LABEL] = "--hash, --secret, --label, --context and --length",
        [HKDF_DERIVE_SECRET] = "--hash, --secret, --label and --transcript-hash",
    };
    bool ok = a->hash != NULL;
    switch (mode) {
    case HKDF_EXTRACT: ok = ok && a->salt != NULL && a->ikm != NULL; break;
    case HKDF_EXPAND: ok = ok && a->prk != NULL && a->info != NULL && a->length != NULL; break;
    case HKDF_EXPAND_LABEL:
        ok = ok && a->secret != NULL && a->label != NULL && a->context != NULL && a->length != NULL;
        break;
    case HKDF_DERIVE_SECRET:
        ok = ok && a->secret != NULL && a->label != NULL && a->transcript != NULL;
        break;
    }
    return ok ? CLI_EXIT_OK : cli_usage_error("hkdf", "this mode needs %s", need[mode]);
}

/* Computes the mode's value from the decoded key (salt or secret) and data
 * (IKM, info, context or transcript hash) and prints it. */
static int compute(hkdf_mode mode, ts_hash_alg alg, const hkdf_args *a, const ts_buf *key,
                   const ts_buf *data, size_t len)
{
    size_t hlen = ts_hash_len(alg);
    if ((mode == HKDF_EXPAND_LABEL || mode == HKDF_DERIVE_SECRET) && key->len != hlen) {
        return cli_usage_error("hkdf", "--secret must be %zu bytes (the hash's length), not %zu",
                               hlen, key->len);
    }
    if (mode == HKDF_DERIVE_SECRET && data->len != hlen) {
        return cli_usage_error("hkdf", "--transcript-hash must be %zu bytes, not %zu", hlen,
                               data->len);
    }
    if (mode == HKDF_EXPAND_LABEL &&
        (strlen(a->label) < 1 || strlen(a->label) > 249 || data->len > 255 || len > 0xffff)) {
        return cli_usage_error("hkdf", "--label must be 1..249 bytes, --context at most 255 "
                                       "bytes and --length at most 65535");
    }
    uint8_t *out = malloc(len);
    if (out == NULL) {
        return cli_fail(CLI_EXIT_FAIL, "hkdf", "%s", ts_err_str(TS_ERR_NOMEM, cli_lang()));
    }
    ts_err err = TS_ERR_ARG;
    switch (mode) {
    case HKDF_EXTRACT: err = ts_hkdf_extract(alg, key->data, key->len, data->data, data->len, out); break;
    case HKDF_EXPAND: err = ts_hkdf_expand(alg, key->data, key->len, data->data, data->len, out, len); break;
    case HKDF_EXPAND_LABEL:
        err = ts_hkdf_expand_label(alg, key->data, key->len, a->label, data->data, data->len, out,
                                   len);
        break;
    case HKDF_DERIVE_SECRET: err = ts_hkdf_derive_secret(alg, key->data, a->label, data->data, out); break;
    }
    int rc = err == TS_OK ? print_hex(out, len)
                          : cli_fail(CLI_EXIT_FAIL, "hkdf", "%s", ts_err_str(err, cli_lang()));
    ts_secret_wipe(out, len);
    free(out);
    return rc;
}

/* Checks the hash and the length, decodes the two hex inputs, computes. */
static int run_mode(hkdf_mode mode, const hkdf_args *a)
{
    int rc = require(mode, a);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_hash_alg alg;
    if (ts_hash_from_name(a->hash, &alg) != TS_OK) {
        return cli_usage_error("hkdf", "--hash: '%s' is not sha256, sha384 or sha512", a->hash);
    }
    size_t hlen = ts_hash_len(alg);
    unsigned long len = hlen;
    if (mode == HKDF_EXPAND || mode == HKDF_EXPAND_LABEL) {
        if (!cli_parse_ulong(a->length, 1, 255 * hlen, &len)) {
            return cli_usage_error("hkdf", "--length: '%s' is not a number from 1 to %zu",
                                   a->length, 255 * hlen);
        }
    }
    const char *key_name = mode == HKDF_EXTRACT ? "salt" : mode == HKDF_EXPAND ? "prk" : "secret";
    const char *key_hex = mode == HKDF_EXTRACT ? a->salt : mode == HKDF_EXPAND ? a->prk : a->secret;
    const char *data_name = mode == HKDF_EXTRACT     ? "ikm"
                            : mode == HKDF_EXPAND    ? "info"
                            : mode == HKDF_EXPAND_LABEL ? "context"
                                                        : "transcript-hash";
    const char *data_hex = mode == HKDF_EXTRACT     ? a->ikm
                           : mode == HKDF_EXPAND    ? a->info
                           : mode == HKDF_EXPAND_LABEL ? a->context
                                                       : a->transcript;
    ts_buf key, data;
    if ((rc = decode_hex(key_name, key_hex, &key)) != CLI_EXIT_OK) {
        return rc;
    }
    if ((rc = decode_hex(data_name, data_hex, &data)) == CLI_EXIT_OK) {
        rc = compute(mode, alg, a, &key, &data, len);
        ts_secret_free_buf(&data);
    }
    ts_secret_free_buf(&key);
    return rc;
}

int cli_hkdf(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_tr(cli_hkdf_usage), stdout);
        return CLI_EXIT_OK;
    }
    static const char *const modes[] = {
        [HKDF_EXTRACT] = "extract",
        [HKDF_EXPAND] = "expand",
        [HKDF_EXPAND_LABEL] = "expand-label",
        [HKDF_DERIVE_SECRET] = "derive-secret",
    };
    if (argc < 2 || argv[1][0] == '-') {
        return cli_usage_error("hkdf", "expected a mode: extract, expand, expand-label or "
                                       "derive-secret");
    }
    int mode = -1;
    for (int i = 0; i < 4; i++) {
        if (strcmp(argv[1], modes[i]) == 0) {
            mode = i;
        }
    }
    if (mode < 0) {
        return cli_usage_error("hkdf", "unknown mode '%s' (extract, expand, expand-label or "
                                       "derive-secret)", argv[1]);
    }
    static const struct option options[] = {
        {"hash", required_argument, NULL, 'H'},   {"salt", required_argument, NULL, 's'},
        {"ikm", required_argument, NULL, 'i'},    {"prk", required_argument, NULL, 'p'},
        {"info", required_argument, NULL, 'I'},   {"secret", required_argument, NULL, 'S'},
        {"label", required_argument, NULL, 'l'},  {"context", required_argument, NULL, 'c'},
        {"transcript-hash", required_argument, NULL, 't'},
        {"length", required_argument, NULL, 'n'}, {"lang", required_argument, NULL, 'L'},
        {NULL, 0, NULL, 0},
    };
    hkdf_args a = {0};
    opterr = 0;
    optind = 2;
    int c;
    while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
        switch (c) {
        case 'H': a.hash = optarg; break;
        case 's': a.salt = optarg; break;
        case 'i': a.ikm = optarg; break;
        case 'p': a.prk = optarg; break;
        case 'I': a.info = optarg; break;
        case 'S': a.secret = optarg; break;
        case 'l': a.label = optarg; break;
        case 'c': a.context = optarg; break;
        case 't': a.transcript = optarg; break;
        case 'n': a.length = optarg; break;
        case 'L':
            if (!cli_parse_lang_option("hkdf", optarg)) {
                return CLI_EXIT_USAGE;
            }
            break;
        case ':': return cli_usage_error("hkdf", "%s needs a value", argv[optind - 1]);
        default: return cli_usage_error("hkdf", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) {
        return cli_usage_error("hkdf", "unexpected argument '%s'", argv[optind]);
    }
    return run_mode((hkdf_mode)mode, &a);
}
