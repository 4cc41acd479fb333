/* ts_secret: wipe and constant-time compare, on libsodium. */
#include "crypto/ts_secret.h"

#include <sodium.h>

void ts_secret_wipe(void *p, size_t n)
{
    if (p != NULL && n > 0) {
        sodium_memzero(p, n);
    }
}

void ts_secret_free_buf(ts_buf *b)
{
    if (b->growable) {
        ts_secret_wipe(b->data, b->cap);
    }
    ts_buf_free(b);
}

bool ts_secret_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    return n == 0 || sodium_memcmp(a, b, n) == 0;
}

bool ts_secret_is_zero(const uint8_t *p, size_t n)
{
    return n == 0 || sodium_is_zero(p, n) == 1;
}
