/* ts_sample: the built-in payload served over HTTPS when no --file is
 * given: a 24-bit BMP image (a colour gradient with a checker pattern),
 * generated deterministically, large enough (about 40 KiB) to span several
 * records. Functions that can fail return ts_err. */
#ifndef TS_SAMPLE_H
#define TS_SAMPLE_H

#include <stddef.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"

#define TS_SAMPLE_WIDTH 128
#define TS_SAMPLE_HEIGHT 104

/* Appends the sample image (a valid BMP file) to out. */
ts_err ts_sample_write(ts_buf *out);

/* Size in bytes of the sample image. */
size_t ts_sample_size(void);

/* File name of the sample: "sample.bmp". */
const char *ts_sample_name(void);

/* Media type of the sample: "image/bmp". */
const char *ts_sample_content_type(void);

#endif
