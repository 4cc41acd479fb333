/* ts_file: bounded whole-file reads and atomic whole-file writes. */
#include "base/ts_file.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ts_err ts_file_read_stream(FILE *f, size_t max, ts_buf *out)
{
    struct stat st;
    TS_ENSURE(fstat(fileno(f), &st) == 0, TS_ERR_IO);
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return TS_ERR_IO;
    }
    uint8_t chunk[65536];
    size_t total = 0, n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        TS_ENSURE(n <= max - total, TS_ERR_TOO_LONG);
        TS_GUARD(ts_buf_write_bytes(out, chunk, n));
        total += n;
    }
    TS_ENSURE(!ferror(f), TS_ERR_IO);
    return TS_OK;
}

ts_err ts_file_read(const char *path, size_t max, ts_buf *out)
{
    FILE *f = fopen(path, "rb");
    TS_ENSURE(f != NULL, TS_ERR_IO);
    ts_err err = ts_file_read_stream(f, max, out);
    fclose(f);
    return err;
}

ts_err ts_file_write_atomic(const char *path, const uint8_t *data, size_t n, mode_t mode)
{
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

/* mkdir for one level: fine when a directory is already there. */
static bool make_one(const char *path)
{
    struct stat st;
    if (mkdir(path, 0755) == 0) {
        return true;
    }
    return errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

ts_err ts_file_mkdirs(const char *path)
{
    size_t n = path != NULL ? strlen(path) : 0;
    TS_ENSURE(n > 0 && n < PATH_MAX, TS_ERR_ARG);
    char buf[PATH_MAX];
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i < n; i++) {
        if (buf[i] == '/' && buf[i - 1] != '/') {
            buf[i] = '\0';
            TS_ENSURE(make_one(buf), TS_ERR_IO);
            buf[i] = '/';
        }
    }
    return make_one(buf) ? TS_OK : TS_ERR_IO;
}
