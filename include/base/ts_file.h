/* ts_file: whole files in and out (layer 0, beside ts_buf). Reads are
 * bounded; writes go through a temporary file renamed into place, so a
 * failure never leaves a partial file. Functions that can fail return
 * ts_err. */
#ifndef TS_FILE_H
#define TS_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"

/* Appends the rest of stream f (not closed) to out, at most max bytes:
 * TS_ERR_IO when f is a directory (errno EISDIR) or a read fails (errno as
 * the read left it), TS_ERR_TOO_LONG past max. */
ts_err ts_file_read_stream(FILE *f, size_t max, ts_buf *out);

/* Appends the whole file at path to out, at most max bytes (SIZE_MAX: no
 * bound); errors as ts_file_read_stream, TS_ERR_IO when it cannot be
 * opened (errno as fopen left it: ENOENT, EACCES, ...). */
ts_err ts_file_read(const char *path, size_t max, ts_buf *out);

/* Writes n bytes to path through a temporary file in the same folder
 * (PATH.tmpXXXXXX) given mode and renamed into place: TS_ERR_IO (nothing
 * left behind) when path is a directory or any step fails, TS_ERR_NOMEM
 * when out of memory. */
ts_err ts_file_write_atomic(const char *path, const uint8_t *data, size_t n, mode_t mode);

/* Makes directory path and any missing parents (mode 0755), as mkdir -p;
 * TS_OK when it exists already, TS_ERR_IO when a part is not a directory
 * or cannot be made, TS_ERR_ARG for an empty or over-long path. */
ts_err ts_file_mkdirs(const char *path);

#endif
