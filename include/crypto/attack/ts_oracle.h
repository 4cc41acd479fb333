/* ts_oracle: the padding oracle of a server that leaks, through which
 * alert it sends, whether an RSA ciphertext decrypts to PKCS#1 v1.5
 * encryption padding (Bleichenbacher 1998; ROBOT 2017). A scripted oracle
 * with a query counter: 10^4..10^6 queries cannot be clicked. Functions
 * return ts_err. */
#ifndef TS_ORACLE_H
#define TS_ORACLE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_rsa.h"

typedef enum {
    TS_ORACLE_PREFIX, /* only the first two bytes 00 02 are checked (the default) */
    TS_ORACLE_PKCS1   /* full PKCS#1 v1.5: 00 02, >= 8 non-zero bytes, then a 00 */
} ts_oracle_strength;

/* The alerts the leaky server sends: bad padding is refused at once, good
 * padding goes on and fails later, at Finished. */
#define TS_ORACLE_ALERT_BAD_PADDING 51  /* decrypt_error */
#define TS_ORACLE_ALERT_GOOD_PADDING 20 /* bad_record_mac */

/* ts_oracle_query may be called from several threads at once: the key is
 * only read and the counters are atomic. */
typedef struct {
    const ts_rsa_key *key;   /* the server's private key (borrowed) */
    ts_oracle_strength strength;
    _Atomic uint64_t queries; /* how many times it was asked */
    _Atomic uint64_t valid;   /* how many answers were "conforming" */
} ts_oracle;

/* Makes an oracle over key (private) with strength. */
ts_err ts_oracle_init(ts_oracle *o, const ts_rsa_key *key, ts_oracle_strength strength);

/* Asks the oracle about ciphertext ct (len bytes, < n): *conforming says
 * whether it decrypts to padding the server accepts (one CRT private
 * operation). Counts the query. Thread-safe. */
ts_err ts_oracle_query(ts_oracle *o, const uint8_t *ct, size_t len, bool *conforming);

/* The alert the server would send for that answer. */
int ts_oracle_alert(bool conforming);

/* "00 02 only" or "full PKCS#1". */
const char *ts_oracle_strength_name(ts_oracle_strength s);

#endif
