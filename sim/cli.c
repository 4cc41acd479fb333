/* cli: helpers shared by the command-line commands. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    TS_ENSURE(f != NULL, TS_ERR_IO);
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        if (f != stdin) {
            fclose(f);
        }
        return TS_ERR_IO;
    }
    uint8_t chunk[65536];
    ts_err err = TS_OK;
    size_t n;
    while (err == TS_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        err = ts_buf_write_bytes(out, chunk, n);
    }
    if (err == TS_OK && ferror(f)) {
        err = TS_ERR_IO;
    }
    if (f != stdin) {
        fclose(f);
    }
    if (err != TS_OK) {
        ts_buf_free(out);
    }
    return err;
}

static ts_err write_file_mode(const char *path, const uint8_t *data, size_t n, mode_t mode)
{
    if (strcmp(path, "-") == 0) {
        TS_ENSURE(fwrite(data, 1, n, stdout) == n && fflush(stdout) == 0, TS_ERR_IO);
        return TS_OK;
    }
    struct stat st;
    TS_ENSURE(!(stat(path, &st) == 0 && S_ISDIR(st.st_mode)), TS_ERR_IO);
    size_t len = strlen(path);
    char *tmp = malloc(len + 16);
    TS_ENSURE(tmp != NULL, TS_ERR_NOMEM);
    snprintf(tmp, len + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return TS_ERR_IO;
    }
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, data + done, n - done);
        if (w <= 0) {
            break;
        }
        done += (size_t)w;
    }
    bool ok = done == n && fchmod(fd, mode) == 0;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        unlink(tmp);
    }
    free(tmp);
    return ok ? TS_OK : TS_ERR_IO;
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
