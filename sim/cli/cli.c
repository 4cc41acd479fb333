/* cli: helpers shared by the command-line commands. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/ts_file.h"
#include "base/ts_hex.h"
#include "base/ts_i18n.h"
#include "crypto/ts_secret.h"

/* The most cli_read_file reads: 64 MiB. */
#define CLI_READ_MAX ((size_t)64 << 20)

/* The language of every message the commands print: set once at start-up
 * from --lang or the locale (main), English until then. */
static ts_lang cli_language = TS_LANG_EN;

void cli_set_lang(ts_lang lang)
{
    cli_language = lang < TS_LANG_COUNT ? lang : TS_LANG_EN;
}

ts_lang cli_lang(void)
{
    return cli_language;
}

const char *cli_tr(const char *msgid)
{
    return ts_tr(cli_language, msgid);
}

ts_lang cli_lang_from_args(int argc, char **argv)
{
    ts_lang lang = ts_lang_default();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            break;
        }
        const char *v = NULL;
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            v = argv[++i];
        } else if (strncmp(argv[i], "--lang=", 7) == 0) {
            v = argv[i] + 7;
        }
        ts_lang parsed;
        if (v != NULL && ts_lang_parse(v, &parsed)) {
            lang = parsed;
        }
    }
    return lang;
}

const char *cli_strerror(int err)
{
    if (cli_language == TS_LANG_EN) {
        return strerror(err);
    }
    /* glibc's words, as msgids: the errors a command meets on files and
     * sockets (the system's own catalogue may be missing) */
    switch (err) {
    case ENOENT: return cli_tr("No such file or directory");
    case EACCES: return cli_tr("Permission denied");
    case EPERM: return cli_tr("Operation not permitted");
    case EISDIR: return cli_tr("Is a directory");
    case ENOTDIR: return cli_tr("Not a directory");
    case EEXIST: return cli_tr("File exists");
    case ENOSPC: return cli_tr("No space left on device");
    case EROFS: return cli_tr("Read-only file system");
    case ENAMETOOLONG: return cli_tr("File name too long");
    case EADDRINUSE: return cli_tr("Address already in use");
    case EADDRNOTAVAIL: return cli_tr("Cannot assign requested address");
    case ECONNREFUSED: return cli_tr("Connection refused");
    case ECONNRESET: return cli_tr("Connection reset by peer");
    case ETIMEDOUT: return cli_tr("Connection timed out");
    case EHOSTUNREACH: return cli_tr("No route to host");
    case ENETUNREACH: return cli_tr("Network is unreachable");
    case EPIPE: return cli_tr("Broken pipe");
    case EINVAL: return cli_tr("Invalid argument");
    default: return strerror(err);
    }
}

bool cli_parse_lang_option(const char *cmd, const char *arg)
{
    ts_lang lang;
    if (!ts_lang_parse(arg, &lang)) {
        cli_usage_error(cmd, "--lang must be en or ko, not '%s'", arg);
        return false;
    }
    cli_set_lang(lang);
    return true;
}

/* The format is a msgid (xgettext keyword, c-format): translated here, so
 * every call site is marked at once and its arguments keep their order
 * (a translation that reorders them uses %N$). */
int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tlsstep %s: ", cmd);
    vfprintf(stderr, cli_tr(fmt), ap);
    fputs(" ", stderr);
    fprintf(stderr, cli_tr("(see 'tlsstep %s --help')"), cmd);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

int cli_fail(int status, const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tlsstep %s: ", cmd);
    vfprintf(stderr, cli_tr(fmt), ap);
    fputc('\n', stderr);
    va_end(ap);
    return status;
}

bool cli_parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
    if (s == NULL || *s < '0' || *s > '9') {
        return false;
    }
    errno = 0;
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

ts_err cli_read_file(const char *path, ts_buf *out)
{
    ts_buf_init(out);
    ts_err err = strcmp(path, "-") == 0 ? ts_file_read_stream(stdin, CLI_READ_MAX, out)
                                        : ts_file_read(path, CLI_READ_MAX, out);
    if (err != TS_OK) {
        int why = errno;
        ts_buf_free(out);
        errno = why;
    }
    return err;
}

int cli_read_input(const char *cmd, const char *what, const char *path, ts_buf *out)
{
    errno = 0;
    ts_err err = cli_read_file(path, out);
    if (err == TS_OK) {
        return CLI_EXIT_OK;
    }
    int why = errno;
    const char *reason = err == TS_ERR_TOO_LONG ? cli_tr("larger than 64 MiB")
                         : err == TS_ERR_IO && why != 0 ? cli_strerror(why)
                                                        : ts_err_str(err, cli_language);
    return cli_fail(CLI_EXIT_USAGE, cmd, "cannot read %s'%s': %s", what, path, reason);
}

static ts_err write_file_mode(const char *path, const uint8_t *data, size_t n, mode_t mode)
{
    if (strcmp(path, "-") == 0) {
        TS_ENSURE(fwrite(data, 1, n, stdout) == n && fflush(stdout) == 0, TS_ERR_IO);
        return TS_OK;
    }
    return ts_file_write_atomic(path, data, n, mode);
}

/* The simulation never reads the clock: a session's time is one of its
 * options, so the same seed and options give the same run. Real peers do:
 * openssl and browsers check our certificates against real time, and ours
 * must judge theirs the same way, so the front ends that face them (serve,
 * connect, cert's default --now, the capture's timestamps) take the time
 * from here and hand it to the library. */
ts_time cli_wall_clock(void)
{
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0) {
        return 0;
    }
    return (ts_time)now.tv_sec;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            return false;
        }
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            return true;
        }
    }
    return false;
}

ts_err cli_write_file(const char *path, const uint8_t *data, size_t n)
{
    return write_file_mode(path, data, n, 0644);
}

ts_err cli_write_secret_file(const char *path, const uint8_t *data, size_t n)
{
    return write_file_mode(path, data, n, 0600);
}

int cli_hex_option(const char *cmd, const char *name, const char *text, ts_buf *out)
{
    ts_buf_init(out);
    size_t bad_at = 0;
    ts_err err = ts_hex_decode(text, out, &bad_at);
    if (err == TS_OK) {
        return CLI_EXIT_OK;
    }
    ts_secret_free_buf(out);
    if (err == TS_ERR_HEX) {
        return cli_usage_error(cmd, "--%s: bad hex at offset %zu", name, bad_at);
    }
    return cli_usage_error(cmd, "--%s: %s", name, ts_err_str(err, cli_language));
}

int cli_print_hex(const char *cmd, const uint8_t *data, size_t n)
{
    char *hex = malloc(2 * n + 2);
    if (hex == NULL) {
        return cli_fail(CLI_EXIT_FAIL, cmd, "%s", ts_err_str(TS_ERR_NOMEM, cli_language));
    }
    ts_hex_encode(data, n, hex);
    hex[2 * n] = '\n';
    ts_err err = cli_write_file("-", (const uint8_t *)hex, 2 * n + 1);
    ts_secret_wipe(hex, 2 * n + 2);
    free(hex);
    return err == TS_OK ? CLI_EXIT_OK : cli_fail(CLI_EXIT_FAIL, cmd, "%s", ts_err_str(err, cli_language));
}

int cli_mode_options(const char *cmd, int argc, char **argv, int first,
                     const struct option *options, int count, int lang_index, const char **opt)
{
    opterr = 0;
    optind = first;
    int c;
    while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
        if (c == ':') {
            return cli_usage_error(cmd, "%s needs a value", argv[optind - 1]);
        }
        if (c < 0 || c >= count) {
            return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
        }
        if (c == lang_index && !cli_parse_lang_option(cmd, optarg)) {
            return CLI_EXIT_USAGE;
        }
        opt[c] = optarg;
    }
    if (optind < argc) {
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    }
    return CLI_EXIT_OK;
}
