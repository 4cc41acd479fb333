/* ts_sample: a 24-bit BMP (BITMAPINFOHEADER) drawn in code.
 *
 *   BITMAPFILEHEADER (14 bytes, little-endian):
 *     "BM" | file size u32 | reserved u16 u16 | pixel offset u32 (54)
 *   BITMAPINFOHEADER (40 bytes):
 *     header size u32 (40) | width i32 | height i32 (positive: bottom-up)
 *     planes u16 (1) | bits per pixel u16 (24) | compression u32 (0, BI_RGB)
 *     image size u32 | x, y pixels per metre i32 | colours used u32 | important u32
 *   pixels: rows bottom-up, each B G R per pixel, padded to 4 bytes.
 */
#include "simulation/ts_sample.h"

#include <stdint.h>

#define FILE_HEADER 14
#define INFO_HEADER 40
#define ROW_BYTES ((TS_SAMPLE_WIDTH * 3 + 3) / 4 * 4)

static ts_err write_u16le(ts_buf *b, uint16_t v)
{
    TS_GUARD(ts_buf_write_u8(b, (uint8_t)(v & 0xff)));
    return ts_buf_write_u8(b, (uint8_t)(v >> 8));
}

static ts_err write_u32le(ts_buf *b, uint32_t v)
{
    TS_GUARD(write_u16le(b, (uint16_t)(v & 0xffff)));
    return write_u16le(b, (uint16_t)(v >> 16));
}

size_t ts_sample_size(void)
{
    return FILE_HEADER + INFO_HEADER + (size_t)ROW_BYTES * TS_SAMPLE_HEIGHT;
}

static ts_err write_headers(ts_buf *b)
{
    uint32_t image = (uint32_t)ROW_BYTES * TS_SAMPLE_HEIGHT;
    TS_GUARD(ts_buf_write_bytes(b, (const uint8_t *)"BM", 2));
    TS_GUARD(write_u32le(b, (uint32_t)ts_sample_size()));
    TS_GUARD(write_u32le(b, 0));
    TS_GUARD(write_u32le(b, FILE_HEADER + INFO_HEADER));
    TS_GUARD(write_u32le(b, INFO_HEADER));
    TS_GUARD(write_u32le(b, TS_SAMPLE_WIDTH));
    TS_GUARD(write_u32le(b, TS_SAMPLE_HEIGHT));
    TS_GUARD(write_u16le(b, 1));
    TS_GUARD(write_u16le(b, 24));
    TS_GUARD(write_u32le(b, 0));
    TS_GUARD(write_u32le(b, image));
    TS_GUARD(write_u32le(b, 2835)); /* 72 dpi */
    TS_GUARD(write_u32le(b, 2835));
    TS_GUARD(write_u32le(b, 0));
    return write_u32le(b, 0);
}

/* One pixel: red grows left to right, green bottom to top, blue a checker
 * of 16-pixel squares over a diagonal gradient. */
static ts_err write_pixel(ts_buf *b, unsigned x, unsigned y)
{
    uint8_t r = (uint8_t)(x * 255 / (TS_SAMPLE_WIDTH - 1));
    uint8_t g = (uint8_t)(y * 255 / (TS_SAMPLE_HEIGHT - 1));
    uint8_t blue = (uint8_t)(((x / 16 + y / 16) % 2) ? 224 : (x + y) % 128);
    TS_GUARD(ts_buf_write_u8(b, blue));
    TS_GUARD(ts_buf_write_u8(b, g));
    return ts_buf_write_u8(b, r);
}

ts_err ts_sample_write(ts_buf *out)
{
    TS_ENSURE(out != NULL, TS_ERR_ARG);
    size_t start = out->len;
    TS_GUARD(ts_buf_reserve(out, ts_sample_size()));
    ts_err err = write_headers(out);
    for (unsigned y = 0; err == TS_OK && y < TS_SAMPLE_HEIGHT; y++) {
        for (unsigned x = 0; err == TS_OK && x < TS_SAMPLE_WIDTH; x++) {
            err = write_pixel(out, x, y);
        }
        for (unsigned pad = TS_SAMPLE_WIDTH * 3; err == TS_OK && pad < ROW_BYTES; pad++) {
            err = ts_buf_write_u8(out, 0);
        }
    }
    if (err != TS_OK) {
        out->len = start;
    }
    return err;
}

const char *ts_sample_name(void)
{
    return "sample.bmp";
}

const char *ts_sample_content_type(void)
{
    return "image/bmp";
}
