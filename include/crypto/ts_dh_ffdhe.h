/* ts_dh_ffdhe: the primes of RFC 7919's ffdhe3072, ffdhe4096, ffdhe6144 and
 * ffdhe8192 groups, big-endian (generator 2 for all). Read through
 * ts_dh_group_get; only ts_dh.c includes this header. */
#ifndef TS_DH_FFDHE_H
#define TS_DH_FFDHE_H

#include <stdint.h>

extern const uint8_t ts_ffdhe3072_p[384];
extern const uint8_t ts_ffdhe4096_p[512];
extern const uint8_t ts_ffdhe6144_p[768];
extern const uint8_t ts_ffdhe8192_p[1024];

#endif
