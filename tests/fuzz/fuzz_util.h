/* fuzz_util: what the libFuzzer targets share. Each target is one
 * tests/fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput; tests/fuzz/run.sh
 * builds it with clang -fsanitize=fuzzer,address,undefined against the
 * library sources. A target must never leak, never read out of bounds, and
 * trap (abort) on a broken invariant, so the fuzzer reports it. */
#ifndef FUZZ_UTIL_H
#define FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ts_rng.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libsodium, once. */
static inline void fuzz_init(void)
{
    static int done;
    if (!done) {
        if (ts_rng_global_init() != 0) {
            abort();
        }
        done = 1;
    }
}

/* Aborts with a message: a broken invariant is a finding. */
#define FUZZ_ASSERT(cond)                                                              \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* A NUL-terminated copy of the input (for text parsers); free it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL) {
        abort();
    }
    if (size > 0) {
        memcpy(s, data, size);
    }
    s[size] = '\0';
    return s;
}

#endif
