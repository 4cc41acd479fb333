/* cli_rsa: `tlsstep rsa SUBCOMMAND`, the toy-RSA calculator. Keys are PEM
 * (or DER) files that openssl reads and writes; ciphertexts and signatures
 * are raw binary, as `openssl pkeyutl` and `openssl dgst -sign` write them. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "cli/cli.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_rsa_pkcs1.h"
#include "crypto/ts_secret.h"

enum {
    O_BITS, O_E, O_SEED, O_OUT, O_P, O_Q, O_IN, O_DATA, O_SIG, O_HASH, O_LAX, O_PUBLIC,
    O_PRIVATE, O_HEX, O_LANG, O_COUNT
};
#define F(o) (1u << (o))

typedef struct {
    const char *val[O_COUNT];
    unsigned seen;
} rsa_opts;

static const struct option LONGOPTS[] = {
    {"bits", required_argument, NULL, O_BITS},   {"e", required_argument, NULL, O_E},
    {"seed", required_argument, NULL, O_SEED},   {"out", required_argument, NULL, O_OUT},
    {"p", required_argument, NULL, O_P},         {"q", required_argument, NULL, O_Q},
    {"in", required_argument, NULL, O_IN},       {"data", required_argument, NULL, O_DATA},
    {"sig", required_argument, NULL, O_SIG},     {"hash", required_argument, NULL, O_HASH},
    {"lax", no_argument, NULL, O_LAX},           {"public", no_argument, NULL, O_PUBLIC},
    {"private", no_argument, NULL, O_PRIVATE},   {"hex", required_argument, NULL, O_HEX},
    {"lang", required_argument, NULL, O_LANG},   {NULL, 0, NULL, 0},
};

typedef struct {
    const char *name;
    int (*run)(const char *cmd, const rsa_opts *o);
    unsigned allowed;
    unsigned required;
    const char *usage; /* a msgid */
} rsa_sub;

/* --- helpers --- */

static const char *opt_or(const rsa_opts *o, int opt, const char *dflt)
{
    return (o->seen & F(opt)) ? o->val[opt] : dflt;
}

static int fail_err(const char *cmd, const char *what, ts_err err)
{
    return cli_fail(CLI_EXIT_USAGE, cmd, "%s: %s", what, ts_err_str(err, cli_lang()));
}

/* Reads a key file: PEM (any of the four RSA labels) or DER. */
static int load_key(const char *cmd, const char *path, ts_rsa_key **key)
{
    ts_buf file;
    ts_err err = cli_read_file(path, &file);
    if (err != TS_OK) {
        return fail_err(cmd, path, err);
    }
    err = ts_buf_write_u8(&file, 0);
    if (err == TS_OK && memmem(file.data, file.len, "-----BEGIN ", 11) != NULL) {
        err = ts_rsa_from_pem((const char *)file.data, key);
    } else if (err == TS_OK) {
        err = ts_rsa_from_private_der(file.data, file.len - 1, key);
        if (err != TS_OK) {
            err = ts_rsa_from_spki_der(file.data, file.len - 1, key);
        }
        if (err == TS_ERR_DER) {
            ts_secret_free_buf(&file);
            return cli_fail(CLI_EXIT_USAGE, cmd, "%s: not an RSA key (PEM or DER)", path);
        }
    }
    ts_secret_free_buf(&file);
    return err == TS_OK ? CLI_EXIT_OK : fail_err(cmd, path, err);
}

static int write_out(const char *cmd, const char *path, const uint8_t *data, size_t n)
{
    ts_err err = cli_write_file(path, data, n);
    return err == TS_OK ? CLI_EXIT_OK : fail_err(cmd, path, err);
}

/* As write_out, owner-only (0600): private keys. */
static int write_secret_out(const char *cmd, const char *path, const uint8_t *data, size_t n)
{
    ts_err err = cli_write_secret_file(path, data, n);
    return err == TS_OK ? CLI_EXIT_OK : fail_err(cmd, path, err);
}

static int parse_e(const char *cmd, const rsa_opts *o, unsigned long *e)
{
    if (!cli_parse_ulong(opt_or(o, O_E, "65537"), 3, ULONG_MAX, e) || (*e & 1) == 0) {
        return cli_usage_error(cmd, "--e %s: an odd exponent >= 3 is needed", o->val[O_E]);
    }
    return CLI_EXIT_OK;
}

static int parse_hash(const char *cmd, const rsa_opts *o, ts_hash_alg *alg)
{
    if (ts_hash_from_name(opt_or(o, O_HASH, "sha256"), alg) != TS_OK) {
        return cli_usage_error(cmd, "--hash %s: use sha256, sha384 or sha512", o->val[O_HASH]);
    }
    return CLI_EXIT_OK;
}

static int init_rng(const char *cmd, const rsa_opts *o, ts_actor actor, ts_rng *rng)
{
    if (ts_rng_init(rng, opt_or(o, O_SEED, NULL), actor) != TS_OK) {
        return cli_usage_error(cmd, "--seed: 1 to %d characters", TS_RNG_SEED_MAX);
    }
    return CLI_EXIT_OK;
}

static int parse_hex(const char *cmd, const char *opt, const char *text, ts_buf *out)
{
    ts_buf_init(out);
    if (ts_hex_decode(text, out, NULL) != TS_OK || out->len == 0) {
        ts_buf_free(out);
        return cli_usage_error(cmd, "%s: not a hex number", opt);
    }
    return CLI_EXIT_OK;
}

/* Loads the --in key and reads the --data file; on failure holds
 * neither and returns the exit status. */
static int key_and_data(const char *cmd, const rsa_opts *o, ts_rsa_key **key, ts_buf *data)
{
    int rc = load_key(cmd, o->val[O_IN], key);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_err err = cli_read_file(o->val[O_DATA], data);
    if (err != TS_OK) {
        ts_rsa_free(*key);
        *key = NULL;
        return fail_err(cmd, o->val[O_DATA], err);
    }
    return CLI_EXIT_OK;
}

/* Writes the key's PEM (private or public) to the --out path. */
static int write_pem(const char *cmd, const rsa_opts *o, const ts_rsa_key *key, bool priv)
{
    ts_buf pem;
    ts_buf_init(&pem);
    ts_err err = priv ? ts_rsa_to_private_pem(key, &pem) : ts_rsa_to_public_pem(key, &pem);
    int rc = err != TS_OK ? fail_err(cmd, cli_tr("key"), err)
             : priv       ? write_secret_out(cmd, opt_or(o, O_OUT, "-"), pem.data, pem.len)
                          : write_out(cmd, opt_or(o, O_OUT, "-"), pem.data, pem.len);
    ts_secret_free_buf(&pem);
    return rc;
}

/* --- subcommands --- */

static int run_keygen(const char *cmd, const rsa_opts *o)
{
    unsigned long bits;
    unsigned long e;
    ts_rng rng;
    if (!cli_parse_ulong(o->val[O_BITS], TS_RSA_MIN_BITS, TS_RSA_MAX_BITS, &bits)) {
        return cli_usage_error(cmd, "--bits %s: a size from %d to %d is needed", o->val[O_BITS],
                               TS_RSA_MIN_BITS, TS_RSA_MAX_BITS);
    }
    int rc = parse_e(cmd, o, &e);
    if (rc == CLI_EXIT_OK) {
        rc = init_rng(cmd, o, TS_ACTOR_KEYGEN, &rng);
    }
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_rsa_key *key = NULL;
    ts_err err = ts_rsa_generate(&rng, (unsigned)bits, e, &key);
    ts_rng_wipe(&rng);
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_USAGE, cmd, "%s", ts_err_str(err, cli_lang()));
    }
    rc = write_pem(cmd, o, key, true);
    ts_rsa_free(key);
    return rc;
}

static int run_from_factors(const char *cmd, const rsa_opts *o)
{
    unsigned long e;
    ts_buf p;
    ts_buf q;
    int rc = parse_e(cmd, o, &e);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    rc = parse_hex(cmd, "--p", o->val[O_P], &p);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    rc = parse_hex(cmd, "--q", o->val[O_Q], &q);
    if (rc != CLI_EXIT_OK) {
        ts_secret_free_buf(&p);
        return rc;
    }
    ts_rsa_key *key = NULL;
    ts_err err = ts_rsa_from_factors(p.data, p.len, q.data, q.len, e, &key);
    ts_secret_free_buf(&p);
    ts_secret_free_buf(&q);
    if (err == TS_ERR_RSA_KEY) {
        return cli_fail(CLI_EXIT_USAGE, cmd, "--p and --q must be two different odd primes");
    }
    if (err == TS_ERR_RSA_EXPONENT) {
        return cli_fail(CLI_EXIT_USAGE, cmd, "--e %lu has no inverse mod (p-1)(q-1)", e);
    }
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_USAGE, cmd, "%s", ts_err_str(err, cli_lang()));
    }
    rc = write_pem(cmd, o, key, true);
    ts_rsa_free(key);
    return rc;
}

static int run_pub(const char *cmd, const rsa_opts *o)
{
    ts_rsa_key *key = NULL;
    int rc = load_key(cmd, o->val[O_IN], &key);
    if (rc == CLI_EXIT_OK) {
        rc = write_pem(cmd, o, key, false);
    }
    ts_rsa_free(key);
    return rc;
}

static int run_encrypt(const char *cmd, const rsa_opts *o)
{
    ts_rng rng;
    int rc = init_rng(cmd, o, TS_ACTOR_CLIENT, &rng);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_rsa_key *key = NULL;
    ts_buf data;
    rc = key_and_data(cmd, o, &key, &data);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    uint8_t ct[TS_RSA_MAX_LEN];
    ts_err err = ts_rsa_encrypt(key, &rng, data.data, data.len, ct);
    ts_rng_wipe(&rng);
    rc = err == TS_OK ? write_out(cmd, opt_or(o, O_OUT, "-"), ct, ts_rsa_len(key))
                      : fail_err(cmd, o->val[O_DATA], err);
    ts_secret_free_buf(&data);
    ts_rsa_free(key);
    return rc;
}

static int run_decrypt(const char *cmd, const rsa_opts *o)
{
    ts_rsa_key *key = NULL;
    ts_buf ct;
    int rc = key_and_data(cmd, o, &key, &ct);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_buf msg;
    ts_buf_init(&msg);
    ts_err err = ts_rsa_decrypt(key, ct.data, ct.len, &msg);
    if (err == TS_OK) {
        rc = write_out(cmd, opt_or(o, O_OUT, "-"), msg.data, msg.len);
    } else if (err == TS_ERR_PADDING) {
        rc = cli_fail(CLI_EXIT_FAIL, cmd, "%s", ts_err_str(err, cli_lang()));
    } else {
        rc = fail_err(cmd, o->val[O_DATA], err);
    }
    ts_buf_free(&ct);
    ts_secret_free_buf(&msg);
    ts_rsa_free(key);
    return rc;
}

/* What sign and verify share: the --in key, the --hash and the digest of
 * the --data file. */
typedef struct {
    ts_rsa_key *key;
    ts_hash_alg alg;
    uint8_t digest[TS_HASH_MAX_LEN];
} digest_job;

static int sign_digest(const char *cmd, const rsa_opts *o, const digest_job *j)
{
    uint8_t sig[TS_RSA_MAX_LEN];
    ts_err err = ts_rsa_sign(j->key, j->alg, j->digest, sig);
    return err == TS_OK ? write_out(cmd, opt_or(o, O_OUT, "-"), sig, ts_rsa_len(j->key))
                        : fail_err(cmd, o->val[O_IN], err);
}

static int verify_digest(const char *cmd, const rsa_opts *o, const digest_job *j)
{
    ts_buf sig;
    ts_err err = cli_read_file(o->val[O_SIG], &sig);
    if (err != TS_OK) {
        return fail_err(cmd, o->val[O_SIG], err);
    }
    if (o->seen & F(O_LAX)) {
        err = ts_rsa_verify_lax(j->key, j->alg, j->digest, sig.data, sig.len);
    } else {
        err = ts_rsa_verify(j->key, j->alg, j->digest, sig.data, sig.len);
    }
    int rc;
    if (err == TS_OK) {
        puts(cli_tr("signature ok"));
        rc = CLI_EXIT_OK;
    } else if (err == TS_ERR_SIGNATURE) {
        puts(cli_tr("signature does not verify"));
        rc = CLI_EXIT_FAIL;
    } else {
        rc = fail_err(cmd, o->val[O_IN], err);
    }
    ts_buf_free(&sig);
    return rc;
}

/* Loads the key, hashes the --data file and runs fn on them. */
static int with_digest(const char *cmd, const rsa_opts *o,
                       int (*fn)(const char *cmd, const rsa_opts *o, const digest_job *j))
{
    digest_job j = {.key = NULL};
    int rc = parse_hash(cmd, o, &j.alg);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_buf data;
    rc = key_and_data(cmd, o, &j.key, &data);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_hash(j.alg, data.data, data.len, j.digest);
    ts_buf_free(&data);
    rc = fn(cmd, o, &j);
    ts_rsa_free(j.key);
    return rc;
}

static int run_sign(const char *cmd, const rsa_opts *o)
{
    return with_digest(cmd, o, sign_digest);
}

static int run_verify(const char *cmd, const rsa_opts *o)
{
    return with_digest(cmd, o, verify_digest);
}

static int run_raw(const char *cmd, const rsa_opts *o)
{
    bool pub = (o->seen & F(O_PUBLIC)) != 0;
    if (pub == ((o->seen & F(O_PRIVATE)) != 0)) {
        return cli_usage_error(cmd, "give exactly one of --public and --private");
    }
    ts_buf in;
    int rc = parse_hex(cmd, "--hex", o->val[O_HEX], &in);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_rsa_key *key = NULL;
    rc = load_key(cmd, o->val[O_IN], &key);
    if (rc == CLI_EXIT_OK) {
        uint8_t out[TS_RSA_MAX_LEN];
        ts_err err = pub ? ts_rsa_public_raw(key, in.data, in.len, out)
                         : ts_rsa_private_raw(key, in.data, in.len, out);
        char hex[2 * TS_RSA_MAX_LEN + 1];
        if (err == TS_OK) {
            ts_hex_encode(out, ts_rsa_len(key), hex);
            puts(hex);
        } else {
            rc = fail_err(cmd, "--hex", err);
        }
        ts_secret_wipe(out, sizeof(out));
    }
    ts_secret_free_buf(&in);
    ts_rsa_free(key);
    return rc;
}

static int run_show(const char *cmd, const rsa_opts *o)
{
    static const struct {
        const char *name;
        ts_rsa_part part;
    } parts[] = {
        {"n", TS_RSA_N},   {"e", TS_RSA_E},   {"d", TS_RSA_D},   {"p", TS_RSA_P},
        {"q", TS_RSA_Q},   {"dp", TS_RSA_DP}, {"dq", TS_RSA_DQ}, {"qinv", TS_RSA_QINV},
    };
    ts_rsa_key *key = NULL;
    int rc = load_key(cmd, o->val[O_IN], &key);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    printf(cli_tr("bits: %u\n"), ts_rsa_bits(key));
    size_t n_parts = ts_rsa_is_private(key) ? sizeof(parts) / sizeof(parts[0]) : 2;
    for (size_t i = 0; i < n_parts && rc == CLI_EXIT_OK; i++) {
        ts_buf v;
        ts_buf_init(&v);
        ts_err err = ts_rsa_get(key, parts[i].part, &v);
        char *hex = err == TS_OK ? ts_hex_strdup(v.data, v.len) : NULL;
        if (hex != NULL) {
            printf("%s: %s\n", parts[i].name, hex);
            ts_secret_wipe(hex, strlen(hex));
            free(hex);
        } else {
            rc = fail_err(cmd, parts[i].name, err == TS_OK ? TS_ERR_NOMEM : err);
        }
        ts_secret_free_buf(&v);
    }
    ts_rsa_free(key);
    return rc;
}

static const rsa_sub SUBS[] = {
    {"keygen", run_keygen, F(O_BITS) | F(O_E) | F(O_SEED) | F(O_OUT), F(O_BITS),
     N_("usage: tlsstep rsa keygen --bits N [--e E] [--seed S] [--out FILE]\n"
     "Generates an RSA key of exactly N bits (16..4096; e = 65537 unless --e)\n"
     "and writes it as PEM \"RSA PRIVATE KEY\" (PKCS#1) to FILE (default stdout).\n"
     "With --seed the key is a pure function of S; without it, random.\n")},
    {"from-factors", run_from_factors, F(O_P) | F(O_Q) | F(O_E) | F(O_OUT), F(O_P) | F(O_Q),
     N_("usage: tlsstep rsa from-factors --p HEX --q HEX [--e E] [--out FILE]\n"
     "Builds the private key of primes p and q (hex) and exponent e (default\n"
     "65537), d = e^-1 mod (p-1)(q-1), and writes it as PEM \"RSA PRIVATE KEY\".\n")},
    {"pub", run_pub, F(O_IN) | F(O_OUT), F(O_IN),
     N_("usage: tlsstep rsa pub --in KEY [--out FILE]\n"
     "Writes the public key of KEY as PEM \"PUBLIC KEY\" (SubjectPublicKeyInfo).\n")},
    {"encrypt", run_encrypt, F(O_IN) | F(O_DATA) | F(O_OUT) | F(O_SEED), F(O_IN) | F(O_DATA),
     N_("usage: tlsstep rsa encrypt --in KEY --data FILE|- [--out FILE] [--seed S]\n"
     "Encrypts FILE with PKCS#1 v1.5 (block type 2) under the public part of\n"
     "KEY; writes the binary ciphertext. --seed makes the padding reproducible.\n")},
    {"decrypt", run_decrypt, F(O_IN) | F(O_DATA) | F(O_OUT), F(O_IN) | F(O_DATA),
     N_("usage: tlsstep rsa decrypt --in KEY --data FILE|- [--out FILE]\n"
     "Decrypts a PKCS#1 v1.5 ciphertext with the private KEY; exits 1 when the\n"
     "padding is invalid.\n")},
    {"sign", run_sign, F(O_IN) | F(O_DATA) | F(O_OUT) | F(O_HASH), F(O_IN) | F(O_DATA),
     N_("usage: tlsstep rsa sign --in KEY --data FILE|- [--out FILE] [--hash sha256|sha384|sha512]\n"
     "Hashes FILE and writes its PKCS#1 v1.5 signature (binary), as\n"
     "`openssl dgst -sha256 -sign KEY` does.\n")},
    {"verify", run_verify, F(O_IN) | F(O_DATA) | F(O_SIG) | F(O_HASH) | F(O_LAX),
     F(O_IN) | F(O_DATA) | F(O_SIG),
     N_("usage: tlsstep rsa verify --in KEY --data FILE|- --sig FILE [--hash sha256|sha384|sha512] [--lax]\n"
     "Prints \"signature ok\" (exit 0) or \"signature does not verify\" (exit 1).\n"
     "--lax uses the flawed verifier of CVE-2006-4339, which ignores bytes after\n"
     "the hash (for the e=3 forgery exercise).\n")},
    {"raw", run_raw, F(O_IN) | F(O_HEX) | F(O_PUBLIC) | F(O_PRIVATE), F(O_IN) | F(O_HEX),
     N_("usage: tlsstep rsa raw --in KEY --public|--private --hex HEX\n"
     "Textbook RSA: prints HEX^e mod n (--public) or HEX^d mod n (--private) as\n"
     "hex of the modulus' length. HEX must be smaller than n.\n")},
    {"show", run_show, F(O_IN), F(O_IN),
     N_("usage: tlsstep rsa show --in KEY\n"
     "Prints the size and the numbers of KEY (n, e, and for a private key d, p,\n"
     "q, dp, dq, qinv) in hex, one per line.\n")},
};

#define N_SUBS (sizeof(SUBS) / sizeof(SUBS[0]))

static void usage(FILE *f)
{
    fputs(cli_tr("usage: tlsstep rsa SUBCOMMAND [OPTIONS]\nToy RSA on GMP. Subcommands:\n"), f);
    for (size_t i = 0; i < N_SUBS; i++) {
        fprintf(f, "  %s\n", SUBS[i].name);
    }
    fputs(cli_tr("Key files are PEM (RSA PRIVATE KEY, PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY)\n"
                 "or DER. 'tlsstep rsa SUBCOMMAND --help' documents each. Every subcommand\n"
                 "takes --lang en|ko, the language of its messages (default: from the\n"
                 "locale).\n"),
          f);
}

/* Parses argv (argv[0] is the subcommand) into o; returns an exit status. */
static int parse_opts(const char *cmd, const rsa_sub *sub, int argc, char **argv, rsa_opts *o)
{
    memset(o, 0, sizeof(*o));
    opterr = 0;
    optind = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":", LONGOPTS, NULL)) != -1) {
        if (c == ':') {
            return cli_usage_error(cmd, "%s needs a value", argv[optind - 1]);
        }
        if (c == '?' || c < 0 || c >= O_COUNT) {
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
        if (c == O_LANG) {
            if (!cli_parse_lang_option(cmd, optarg)) {
                return CLI_EXIT_USAGE;
            }
            continue;
        }
        if (!(sub->allowed & F(c))) {
            return cli_usage_error(cmd, "--%s does not apply here", LONGOPTS[c].name);
        }
        if (o->seen & F(c)) {
            return cli_usage_error(cmd, "--%s given twice", LONGOPTS[c].name);
        }
        o->seen |= F(c);
        o->val[c] = optarg;
    }
    if (optind < argc) {
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    }
    for (int i = 0; i < O_COUNT; i++) {
        if ((sub->required & F(i)) && !(o->seen & F(i))) {
            return cli_usage_error(cmd, "--%s is required", LONGOPTS[i].name);
        }
    }
    return CLI_EXIT_OK;
}

int cli_rsa(int argc, char **argv)
{
    if (argc < 2) {
        return cli_usage_error("rsa", "a subcommand is needed");
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < N_SUBS; i++) {
        if (strcmp(argv[1], SUBS[i].name) != 0) {
            continue;
        }
        char cmd[32];
        snprintf(cmd, sizeof(cmd), "rsa %s", SUBS[i].name);
        if (cli_wants_help(argc - 1, argv + 1)) {
            fputs(cli_tr(SUBS[i].usage), stdout);
            return CLI_EXIT_OK;
        }
        rsa_opts o;
        int rc = parse_opts(cmd, &SUBS[i], argc - 1, argv + 1, &o);
        return rc != CLI_EXIT_OK ? rc : SUBS[i].run(cmd, &o);
    }
    return cli_usage_error("rsa", "unknown subcommand '%s'", argv[1]);
}
