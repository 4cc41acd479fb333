/* ts_session_pki: the keys and certificates of a session (the toy CA and
 * the server), made once from the TS_ACTOR_KEYGEN stream and cached keyed
 * by (seed, bits, host, now), so re-running a session never regenerates
 * them. Functions that can fail return ts_err. */
#ifndef TS_SESSION_PKI_H
#define TS_SESSION_PKI_H

#include <stdbool.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_x509.h"

/* The certificate a simulated client presents when a server asks for one
 * (mutual TLS): from the session's CA, none, expired, or from another CA. */
typedef enum {
    TS_CLIENT_CERT_GOOD,    /* issued by the toy CA, in date */
    TS_CLIENT_CERT_NONE,    /* no certificate: an empty Certificate answers */
    TS_CLIENT_CERT_EXPIRED, /* issued by the toy CA, expired a month ago */
    TS_CLIENT_CERT_FOREIGN, /* issued by another CA (TS_X509_OTHER_CA_CN) */
    TS_CLIENT_CERT_STOLEN,  /* the good certificate, presented by an impostor
                             * who lacks its key and signs with its own */
    TS_CLIENT_CERT_COUNT
} ts_client_cert_kind;

typedef struct {
    bool valid;
    char seed[TS_RNG_SEED_MAX + 1];
    unsigned bits;
    char host[256];
    ts_time now;
    ts_rsa_key *ca_key;
    ts_rsa_key *server_key;
    ts_buf ca_der;
    ts_buf server_der;
    unsigned keygen_count;   /* times keys were generated (cache misses) */
    /* mutual TLS, made on demand (ts_session_pki_client) */
    ts_rsa_key *client_key;
    ts_rsa_key *other_ca_key;               /* issuer of the foreign certificate */
    ts_rsa_key *impostor_key;               /* the stolen certificate's signer */
    ts_buf client_der[TS_CLIENT_CERT_COUNT]; /* by kind (NONE and STOLEN stay empty) */
} ts_session_pki;

/* Makes pki an empty cache; cannot fail. */
void ts_session_pki_init(ts_session_pki *pki);

/* Makes sure pki holds the PKI for (seed, bits, host, now): a cache hit
 * does nothing; a miss drops the old keys and generates new ones
 * (ts_x509_make_pki). TS_ERR_ARG for a host longer than 255 bytes. */
ts_err ts_session_pki_get(ts_session_pki *pki, const char *seed, unsigned bits,
                          const char *host, ts_time now);

/* After ts_session_pki_get: makes sure pki holds the client key and the
 * client certificate of kind (none for TS_CLIENT_CERT_NONE), from the
 * keygen stream named "client-pki" (the key, then the good and the expired
 * certificate's serials), for the foreign one "other-ca" (its CA's key,
 * then the serial), for the stolen one "impostor" (the impostor's key);
 * cached like the rest. The expired certificate was valid [now - 400 days,
 * now - 35 days]; the others [now - 1 day, now + 365 days]. */
ts_err ts_session_pki_client(ts_session_pki *pki, ts_client_cert_kind kind);

/* What a client of kind presents (after ts_session_pki_client): the
 * certificate (empty for TS_CLIENT_CERT_NONE) and the key it signs with
 * (NULL for none). */
void ts_session_pki_client_of(const ts_session_pki *pki, ts_client_cert_kind kind,
                              const ts_buf **der, const ts_rsa_key **key);

/* Wipes and frees the keys; pki is empty again (the count is kept). */
void ts_session_pki_free(ts_session_pki *pki);

#endif
