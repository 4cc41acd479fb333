/* Hex helpers shared by the crypto and record unit tests (static inline:
 * each test includes it): known-answer vectors are written as hex. */
#ifndef TS_TEST_HEX_H
#define TS_TEST_HEX_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/ts_buf.h"
#include "base/ts_hex.h"

/* Decodes hex (spaces allowed) into a fresh buffer the test frees. */
static inline ts_buf hex(const char *text)
{
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_hex_decode(text, &b, NULL), TS_OK);
    return b;
}

/* Fails unless got[0..n) is the bytes the hex want spells. */
static inline void assert_hex_equal(const uint8_t *got, size_t n, const char *want)
{
    ts_buf w = hex(want);
    assert_int_equal(n, w.len);
    assert_memory_equal(got, w.data, n);
    ts_buf_free(&w);
}

#endif
