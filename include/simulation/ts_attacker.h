/* ts_attacker: the man in the middle of the exercises. The attacker runs
 * one session with each side: as a client it talks to the real server
 * (which checks nothing about it) and reads the file it serves; as a server
 * it talks to the victim client with a certificate and key of its choice,
 * serving what it read. When the client accepts, the attacker is each
 * side's real peer: both Finished messages verify on both legs and every
 * byte of application data passes through its hands in the clear.
 * Functions return ts_err for the machinery; how each leg ended is in its
 * session's result. */
#ifndef TS_ATTACKER_H
#define TS_ATTACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_rsa.h"
#include "simulation/ts_session.h"

typedef struct {
    const char *seed;            /* of both legs (the real PKI is the seed's) */
    const char *host;            /* NULL: localhost */
    const ts_suite *suite;       /* NULL: rsa */
    bool no_verify, skip_ske_check; /* the victim client's flaws */
    const ts_rsa_key *key;       /* the attacker's private key */
    const uint8_t *cert;         /* the certificate it shows the client (DER) */
    size_t cert_len;
} ts_attacker_cfg;

typedef struct {
    ts_session *upstream;        /* attacker (client) <-> real server */
    ts_session *victim;          /* victim client <-> attacker (server) */
    ts_buf relayed;              /* the application data the attacker read */
} ts_attacker_run;

/* Runs both legs: upstream first (a normal session of seed), then the
 * victim's, with the attacker serving what it read upstream and the
 * client trusting the seed's CA. On success the caller frees r with
 * ts_attacker_run_free. */
ts_err ts_attacker_mitm(const ts_attacker_cfg *cfg, ts_attacker_run *r);

/* Frees both sessions and the relayed bytes (a zeroed r is fine). */
void ts_attacker_run_free(ts_attacker_run *r);

#endif
