/* Helpers shared by the ts_msg_* unit tests (static: each test includes it). */
#ifndef TS_MSG_TEST_UTIL_H
#define TS_MSG_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "base/ts_hex.h"

/* A body parser under test: parses body with the test's context. */
typedef ts_err (*tu_parse_fn)(ts_buf *body, void *ctx);

/* Decodes hex (spaces allowed) into a new growable buffer. */
static inline void tu_hex(const char *hex, ts_buf *out)
{
    ts_buf_init(out);
    assert_int_equal(ts_hex_decode(hex, out, NULL), TS_OK);
}

/* Runs fn on a private heap copy of exactly n bytes (so ASan sees over-reads). */
static inline ts_err tu_parse_copy(const uint8_t *data, size_t n, tu_parse_fn fn, void *ctx)
{
    uint8_t *copy = malloc(n > 0 ? n : 1);
    assert_non_null(copy);
    if (n > 0) {
        memcpy(copy, data, n);
    }
    ts_buf b;
    ts_buf_view(&b, copy, n);
    ts_err err = fn(&b, ctx);
    free(copy);
    return err;
}

/* Every proper prefix of data must fail to parse with a decode-class error,
 * except the prefix of length ok_len (SIZE_MAX: none), which must parse. */
static inline void tu_every_prefix_fails(const uint8_t *data, size_t n, tu_parse_fn fn, void *ctx,
                                         size_t ok_len)
{
    for (size_t k = 0; k < n; k++) {
        ts_err err = tu_parse_copy(data, k, fn, ctx);
        if (k == ok_len) {
            assert_int_equal(err, TS_OK);
        } else if (err != TS_ERR_DECODE && err != TS_ERR_TRAILING) {
            print_error("prefix %zu of %zu: %s\n", k, n, ts_err_name(err));
            fail();
        }
    }
}

/* Flips each bit pattern 0xff / 0x01 / 0x80 into every byte and parses:
 * the parser must return (any result) without a crash or a sanitizer report. */
static inline void tu_every_byte_mutation_survives(const uint8_t *data, size_t n, tu_parse_fn fn,
                                                   void *ctx)
{
    static const uint8_t masks[] = {0xff, 0x01, 0x80};
    uint8_t *copy = malloc(n > 0 ? n : 1);
    assert_non_null(copy);
    for (size_t i = 0; i < n; i++) {
        for (size_t m = 0; m < sizeof(masks); m++) {
            memcpy(copy, data, n);
            copy[i] ^= masks[m];
            (void)tu_parse_copy(copy, n, fn, ctx);
        }
    }
    free(copy);
}

/* Every field lies inside [base, base + n). */
static inline void tu_fields_within(const ts_fields *f, size_t base, size_t n)
{
    for (size_t i = 0; i < f->n; i++) {
        const ts_field *it = &f->items[i];
        if (it->offset < base || it->offset + it->len > base + n) {
            print_error("field %s at %zu+%zu outside [%zu, %zu)\n", it->name, it->offset, it->len,
                        base, base + n);
            fail();
        }
    }
}

#endif
