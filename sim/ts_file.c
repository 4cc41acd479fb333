/* ts_file: bounded whole-file reads and atomic whole-file writes. */
#include "ts_file.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ts_err ts_file_read_stream(FILE *f, size_t max, ts_buf *out)
{
    struct stat st;
    TS_ENSURE(fstat(fileno(f), &st) == 0 && !S_ISDIR(st.st_mode), TS_ERR_IO);
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
