/* fuzz_hex: the hex input of the calculator commands (ts_hex_decode, the
 * lenient form with separators; ts_hex_decode_exact, the strict one) and of
 * `tlsstep decode` (ts_hex_decode_text: streams and dumps with offsets). A
 * decoded string re-encoded must decode to the same bytes. */
#include "fuzz_util.h"

#include "base/ts_buf.h"
#include "base/ts_hex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    char *text = fuzz_cstr(data, size);
    ts_buf out;
    ts_buf_init(&out);
    size_t bad_at = (size_t)-1;
    ts_err err = ts_hex_decode(text, &out, &bad_at);
    if (err != TS_OK) {
        FUZZ_ASSERT(bad_at <= size);
    } else {
        /* every output byte came from two digits */
        FUZZ_ASSERT(out.len * 2 <= size);
        uint8_t *again = malloc(out.len + 1);
        char *hex = malloc(out.len * 2 + 1);
        FUZZ_ASSERT(again != NULL && hex != NULL);
        for (size_t i = 0; i < out.len; i++) {
            snprintf(hex + 2 * i, 3, "%02x", out.data[i]);
        }
        hex[out.len * 2] = '\0';
        FUZZ_ASSERT(ts_hex_decode_exact(hex, again, out.len) == TS_OK);
        FUZZ_ASSERT(out.len == 0 || memcmp(again, out.data, out.len) == 0);
        free(again);
        free(hex);
    }
    /* Hex text: every byte read came from two digits; a failure says where
     * and appends nothing. */
    ts_buf_reset(&out);
    bad_at = (size_t)-1;
    err = ts_hex_decode_text(data, size, &out, &bad_at);
    if (err != TS_OK) {
        FUZZ_ASSERT(err == TS_ERR_HEX && bad_at <= size && out.len == 0);
    } else {
        FUZZ_ASSERT(out.len * 2 <= size);
    }
    (void)ts_hex_is_text(data, size);
    uint8_t fixed[32];
    (void)ts_hex_decode_exact(text, fixed, size / 2 < sizeof(fixed) ? size / 2 : sizeof(fixed));
    ts_buf_free(&out);
    free(text);
    return 0;
}
