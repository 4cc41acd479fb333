/* ts_oracle: a PKCS#1 v1.5 padding oracle with a query counter. */
#include "crypto/attack/ts_oracle.h"

#include "crypto/ts_secret.h"

#define MIN_PAD 8

ts_err ts_oracle_init(ts_oracle *o, const ts_rsa_key *key, ts_oracle_strength strength)
{
    TS_ENSURE(o != NULL && key != NULL && ts_rsa_is_private(key), TS_ERR_ARG);
    TS_ENSURE(strength == TS_ORACLE_PREFIX || strength == TS_ORACLE_PKCS1, TS_ERR_ARG);
    o->key = key;
    o->strength = strength;
    atomic_init(&o->queries, 0);
    atomic_init(&o->valid, 0);
    return TS_OK;
}

/* Full conformance: 00 02, at least MIN_PAD non-zero bytes, then a 00. */
static bool pkcs1_ok(const uint8_t *em, size_t k)
{
    size_t i = 2;
    while (i < k && em[i] != 0) {
        i++;
    }
    return i < k && i - 2 >= MIN_PAD;
}

ts_err ts_oracle_query(ts_oracle *o, const uint8_t *ct, size_t len, bool *conforming)
{
    TS_ENSURE(o != NULL && ct != NULL && conforming != NULL, TS_ERR_ARG);
    size_t k = ts_rsa_len(o->key);
    uint8_t em[TS_RSA_MAX_LEN];
    TS_GUARD(ts_rsa_private_raw(o->key, ct, len, em));
    atomic_fetch_add_explicit(&o->queries, 1, memory_order_relaxed);
    bool ok = em[0] == 0x00 && em[1] == 0x02;
    if (ok && o->strength == TS_ORACLE_PKCS1) {
        ok = pkcs1_ok(em, k);
    }
    ts_secret_wipe(em, k);
    if (ok) {
        atomic_fetch_add_explicit(&o->valid, 1, memory_order_relaxed);
    }
    *conforming = ok;
    return TS_OK;
}

int ts_oracle_alert(bool conforming)
{
    return conforming ? TS_ORACLE_ALERT_GOOD_PADDING : TS_ORACLE_ALERT_BAD_PADDING;
}

const char *ts_oracle_strength_name(ts_oracle_strength s)
{
    return s == TS_ORACLE_PKCS1 ? N_("full PKCS#1") : N_("00 02 only");
}
