/* ts_secret: wiping secrets and comparing them in constant time (libsodium). */
#ifndef TS_SECRET_H
#define TS_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"

/* Overwrites n bytes at p with zeros in a way the compiler cannot elide. */
void ts_secret_wipe(void *p, size_t n);

/* Wipes every byte b has allocated, then frees it (ts_buf_free). */
void ts_secret_free_buf(ts_buf *b);

/* True when the n bytes at a and b are equal; time depends only on n. */
bool ts_secret_equal(const uint8_t *a, const uint8_t *b, size_t n);

/* True when all n bytes at p are zero (for tests that check a wipe). */
bool ts_secret_is_zero(const uint8_t *p, size_t n);

#endif
