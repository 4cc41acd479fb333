/* fuzz_decode: `tlsstep decode` on arbitrary input: raw records, and the
 * same bytes read as hex text (plain stream or dump with offsets). */
#include "fuzz_util.h"

#include "base/ts_buf.h"
#include "base/ts_hex.h"
#include "export/ts_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    ts_decode d;
    ts_decode_init(&d);
    ts_err err = ts_decode_records(data, size, &d);
    if (size > 0) {
        /* the first error is kept with its line (empty input: TS_ERR_ARG only) */
        FUZZ_ASSERT((err == TS_OK) == (d.err == TS_OK));
        FUZZ_ASSERT(err == TS_OK || d.error[0] != '\0');
    } else {
        FUZZ_ASSERT(err == TS_ERR_ARG);
    }
    for (size_t i = 0; i < d.n; i++) {
        FUZZ_ASSERT(d.recs[i].offset < size);
    }
    ts_decode_free(&d);
    if (ts_hex_is_text(data, size)) {
        ts_buf bytes;
        ts_buf_init(&bytes);
        size_t bad_at = 0;
        if (ts_hex_decode_text(data, size, &bytes, &bad_at) == TS_OK) {
            ts_decode_init(&d);
            (void)ts_decode_records(bytes.data, bytes.len, &d);
            ts_decode_free(&d);
        } else {
            FUZZ_ASSERT(bad_at <= size);
        }
        ts_buf_free(&bytes);
    }
    return 0;
}
