/* ts_lesson_weak: a lesson's weak key as the PKI of its run. */
#include "lesson/ts_lesson_weak.h"

#include <string.h>

#include "crypto/attack/ts_weakkey.h"
#include "crypto/ts_x509_build.h"
#include "simulation/ts_session_custom.h"

void ts_weak_pki_init(ts_weak_pki *p)
{
    p->ca_key = p->server_key = p->other_key = NULL;
    ts_buf_init(&p->ca_der);
    ts_buf_init(&p->server_der);
}

void ts_weak_pki_free(ts_weak_pki *p)
{
    ts_rsa_free(p->ca_key);
    ts_rsa_free(p->server_key);
    ts_rsa_free(p->other_key);
    ts_buf_free(&p->ca_der);
    ts_buf_free(&p->server_der);
    ts_weak_pki_init(p);
}

const char *ts_weak_key_stream(ts_weak_key w)
{
    switch (w) {
    case TS_WEAK_CLOSE_PRIMES: return "fermat";
    case TS_WEAK_SHARED_PRIME: return "shared-prime";
    case TS_WEAK_E3: return "e3-forgery";
    default: return NULL;
    }
}

size_t ts_weak_key_seed_max(ts_weak_key w)
{
    const char *id = ts_weak_key_stream(w);
    return id != NULL ? TS_RNG_SEED_MAX - strlen(id) - 1 : 0;
}

ts_err ts_weak_pki_certs(ts_rng *rng, const ts_rsa_key *ca_key, const ts_rsa_key *server_pub,
                         const char *host, ts_time now, ts_buf *ca_der, ts_buf *server_der)
{
    TS_ENSURE(rng != NULL && ca_key != NULL && server_pub != NULL && host != NULL &&
                  host[0] != '\0',
              TS_ERR_ARG);
    return ts_x509_make_certs(rng, ca_key, server_pub, host, now, ca_der, server_der);
}

/* The keys of w, in the order its exercise draws them. */
static ts_err make_keys(ts_rng *rng, ts_weak_key w, unsigned bits, ts_weak_pki *p)
{
    switch (w) {
    case TS_WEAK_CLOSE_PRIMES:
        TS_GUARD(ts_rsa_generate(rng, TS_WEAK_CA_BITS, 65537, &p->ca_key));
        return ts_weakkey_close_primes(rng, bits, bits / 4 + TS_WEAKKEY_GAP_OVER, &p->server_key);
    case TS_WEAK_SHARED_PRIME:
        TS_GUARD(ts_rsa_generate(rng, bits, 65537, &p->ca_key));
        return ts_weakkey_shared_prime(rng, bits, &p->server_key, &p->other_key);
    case TS_WEAK_E3:
        TS_GUARD(ts_weakkey_e3(rng, TS_WEAK_E3_CA_BITS, &p->ca_key));
        return ts_rsa_generate(rng, bits, 65537, &p->server_key);
    default:
        return TS_ERR_ARG;
    }
}

ts_err ts_weak_pki_make(ts_rng *rng, ts_weak_key w, unsigned bits, const char *host, ts_time now,
                        ts_weak_pki *out)
{
    ts_weak_pki_init(out);
    TS_ENSURE(rng != NULL && host != NULL, TS_ERR_ARG);
    TS_ENSURE(bits >= TS_SESSION_MIN_BITS && bits <= TS_SESSION_MAX_BITS, TS_ERR_RSA_SIZE);
    ts_err err = make_keys(rng, w, bits, out);
    if (err == TS_OK) {
        err = ts_weak_pki_certs(rng, out->ca_key, out->server_key, host, now, &out->ca_der,
                                &out->server_der);
    }
    if (err != TS_OK) {
        ts_weak_pki_free(out);
    }
    return err;
}

ts_err ts_lesson_apply_weak_key(ts_session *s, ts_weak_key w)
{
    TS_ENSURE(s != NULL, TS_ERR_ARG);
    if (w == TS_WEAK_NONE) {
        return TS_OK;
    }
    TS_ENSURE(w != TS_WEAK_TINY, TS_ERR_RSA_SIZE);
    const char *id = ts_weak_key_stream(w);
    TS_ENSURE(id != NULL, TS_ERR_ARG);
    const ts_session_config *c = ts_session_config_of(s);
    TS_ENSURE(strlen(c->seed) <= ts_weak_key_seed_max(w), TS_ERR_ARG);
    ts_rng rng;
    TS_GUARD(ts_rng_init_for(&rng, id, c->seed, TS_ACTOR_KEYGEN));
    ts_weak_pki p;
    ts_err err = ts_weak_pki_make(&rng, w, c->bits, c->host, c->now, &p);
    ts_rng_wipe(&rng);
    if (err == TS_OK) {
        err = ts_session_use_pki(s, p.server_key, p.server_der.data, p.server_der.len,
                                 p.ca_der.data, p.ca_der.len);
    }
    ts_weak_pki_free(&p);
    return err;
}
