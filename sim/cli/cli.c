/* cli: helpers shared by the command-line commands. */
#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/ts_file.h"

/* The most cli_read_file reads: 64 MiB. */
#define CLI_READ_MAX ((size_t)64 << 20)

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tlsstep %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see 'tlsstep %s --help')\n", cmd);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

int cli_fail(int status, const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tlsstep %s: ", cmd);
    vfprintf(stderr, fmt, ap);
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
    const char *reason = err == TS_ERR_TOO_LONG ? "larger than 64 MiB"
                         : err == TS_ERR_IO && why != 0 ? strerror(why)
                                                        : ts_err_str(err, TS_LANG_EN);
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
