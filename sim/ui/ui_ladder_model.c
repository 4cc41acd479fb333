/* ui_ladder_model: the key schedule's rungs, from tables in the RFCs'
 * order, filled from the trace. */
#include "ui/ui_ladder_model.h"

#include <string.h>

typedef enum {
    ALWAYS,   /* every run of the version has it (empty until derived) */
    OPTIONAL, /* shown when the whole trace has it */
    KEY12     /* a TLS 1.2 key: as OPTIONAL, but the write keys and IVs show
               * (empty) when the trace has no key at all yet */
} presence;

typedef struct {
    const char *name;
    ui_rung_kind kind;
    const char *op;
    presence when;
} rung_def;

#define HS "CH..SH" /* the transcript up to ServerHello (RFC 8446: ClientHello...ServerHello) */
#define SF "CH..SF" /* ... to the server's Finished */
#define CF "CH..CF" /* ... to the client's Finished */

/* RFC 8446 7.1 (the key schedule), 7.3 (keys), 7.2 (KeyUpdate), 4.6.1. */
static const rung_def defs13[] = {
    {UI_LADDER_PSK, UI_RUNG_INPUT, "", ALWAYS},
    {"early_secret", UI_RUNG_SECRET, "HKDF-Extract(0, PSK)", ALWAYS},
    {"early_derived_secret", UI_RUNG_SECRET, "Derive-Secret(., \"derived\", \"\")", ALWAYS},
    {"shared_secret", UI_RUNG_INPUT, "", ALWAYS},
    {"handshake_secret", UI_RUNG_SECRET, "HKDF-Extract(., (EC)DHE)", ALWAYS},
    {"transcript_hash_server_hello", UI_RUNG_INPUT, "", ALWAYS},
    {"client_handshake_traffic_secret", UI_RUNG_BRANCH,
     "Derive-Secret(., \"c hs traffic\", " HS ")", ALWAYS},
    {"client_handshake_key", UI_RUNG_KEY, "Expand-Label(., \"key\")", ALWAYS},
    {"client_handshake_iv", UI_RUNG_KEY, "Expand-Label(., \"iv\")", ALWAYS},
    {"server_handshake_traffic_secret", UI_RUNG_BRANCH,
     "Derive-Secret(., \"s hs traffic\", " HS ")", ALWAYS},
    {"server_handshake_key", UI_RUNG_KEY, "Expand-Label(., \"key\")", ALWAYS},
    {"server_handshake_iv", UI_RUNG_KEY, "Expand-Label(., \"iv\")", ALWAYS},
    {"handshake_derived_secret", UI_RUNG_SECRET, "Derive-Secret(., \"derived\", \"\")", ALWAYS},
    {"master_secret", UI_RUNG_SECRET, "HKDF-Extract(., 0)", ALWAYS},
    {"transcript_hash_server_finished", UI_RUNG_INPUT, "", ALWAYS},
    {"client_application_traffic_secret_0", UI_RUNG_BRANCH,
     "Derive-Secret(., \"c ap traffic\", " SF ")", ALWAYS},
    {"client_application_key", UI_RUNG_KEY, "Expand-Label(., \"key\")", ALWAYS},
    {"client_application_iv", UI_RUNG_KEY, "Expand-Label(., \"iv\")", ALWAYS},
    {"server_application_traffic_secret_0", UI_RUNG_BRANCH,
     "Derive-Secret(., \"s ap traffic\", " SF ")", ALWAYS},
    {"server_application_key", UI_RUNG_KEY, "Expand-Label(., \"key\")", ALWAYS},
    {"server_application_iv", UI_RUNG_KEY, "Expand-Label(., \"iv\")", ALWAYS},
    {"exporter_master_secret", UI_RUNG_BRANCH, "Derive-Secret(., \"exp master\", " SF ")", ALWAYS},
    {"transcript_hash_client_finished", UI_RUNG_INPUT, "", ALWAYS},
    {"resumption_master_secret", UI_RUNG_BRANCH, "Derive-Secret(., \"res master\", " CF ")",
     ALWAYS},
    {"resumption_psk", UI_RUNG_KEY, "Expand-Label(., \"resumption\", nonce)", OPTIONAL},
    {"client_application_traffic_secret_1", UI_RUNG_BRANCH,
     "Expand-Label(c ap traffic_0, \"traffic upd\")", OPTIONAL},
    {"client_application_key_1", UI_RUNG_KEY, "Expand-Label(., \"key\")", OPTIONAL},
    {"client_application_iv_1", UI_RUNG_KEY, "Expand-Label(., \"iv\")", OPTIONAL},
    {"server_application_traffic_secret_1", UI_RUNG_BRANCH,
     "Expand-Label(s ap traffic_0, \"traffic upd\")", OPTIONAL},
    {"server_application_key_1", UI_RUNG_KEY, "Expand-Label(., \"key\")", OPTIONAL},
    {"server_application_iv_1", UI_RUNG_KEY, "Expand-Label(., \"iv\")", OPTIONAL},
};

/* The keys of TLS 1.2 (RFC 5246 6.3): the key block's slices. */
#define KEYS12                                                                          \
    {"key_block", UI_RUNG_SECRET, "PRF(master, \"key expansion\", SR + CR)", ALWAYS},   \
    {"client_write_mac_key", UI_RUNG_KEY, "", KEY12},                    \
    {"server_write_mac_key", UI_RUNG_KEY, "", KEY12},                    \
    {"client_write_key", UI_RUNG_KEY, "", KEY12},                        \
    {"server_write_key", UI_RUNG_KEY, "", KEY12},                        \
    {"client_write_iv", UI_RUNG_KEY, "", KEY12},                         \
    {"server_write_iv", UI_RUNG_KEY, "", KEY12}

/* RFC 5246 8.1: the master secret from the premaster secret and the randoms. */
static const rung_def tls12[] = {
    {"premaster_secret", UI_RUNG_INPUT, "", ALWAYS},
    {"client_random", UI_RUNG_INPUT, "", ALWAYS},
    {"server_random", UI_RUNG_INPUT, "", ALWAYS},
    {"master_secret", UI_RUNG_SECRET, "PRF(pms, \"master secret\", CR + SR)", ALWAYS},
    KEYS12,
};

/* RFC 7627: the extended master secret from the session hash; the randoms
 * come in only for the key block. */
static const rung_def tls12_ems[] = {
    {"premaster_secret", UI_RUNG_INPUT, "", ALWAYS},
    {"session_hash", UI_RUNG_INPUT, "", ALWAYS},
    {"master_secret", UI_RUNG_SECRET, "PRF(pms, \"extended master secret\", session hash)",
     ALWAYS},
    {"client_random", UI_RUNG_INPUT, "", ALWAYS},
    {"server_random", UI_RUNG_INPUT, "", ALWAYS},
    KEYS12,
};

/* The index of the first value step named name before k, or UI_RUNG_NONE. */
static size_t find(const ts_trace *t, const char *name, size_t k)
{
    size_t n = ts_trace_count(t);
    for (size_t i = 0; i < k && i < n; i++) {
        const ts_step *st = ts_trace_get(t, i);
        if (st->ev.kind == TS_EV_VALUE && st->ev.name != NULL && strcmp(st->ev.name, name) == 0) {
            return i;
        }
    }
    return UI_RUNG_NONE;
}

static bool has(const ts_trace *t, const char *name)
{
    return find(t, name, ts_trace_count(t)) != UI_RUNG_NONE;
}

bool ui_ladder_is_tls13(const ts_trace *t, bool suite13)
{
    size_t e = find(t, "early_secret", ts_trace_count(t));
    size_t p = find(t, "premaster_secret", ts_trace_count(t));
    if (e == UI_RUNG_NONE && p == UI_RUNG_NONE) {
        return suite13;
    }
    return p == UI_RUNG_NONE || (e != UI_RUNG_NONE && e < p);
}

size_t ui_ladder_rungs(const ts_trace *t, size_t k, bool tls13, ui_rung *out, size_t max)
{
    const rung_def *defs = tls13 ? defs13 : has(t, "session_hash") ? tls12_ems : tls12;
    size_t nd = tls13 ? sizeof(defs13) / sizeof(defs13[0])
                : defs == tls12_ems ? sizeof(tls12_ems) / sizeof(tls12_ems[0])
                                    : sizeof(tls12) / sizeof(tls12[0]);
    bool any_key = false;
    for (size_t i = 0; i < nd; i++) {
        any_key = any_key || (defs[i].when == KEY12 && has(t, defs[i].name));
    }
    size_t n = 0;
    for (size_t i = 0; i < nd && n < max; i++) {
        const rung_def *d = &defs[i];
        bool shown = d->when == ALWAYS || has(t, d->name) ||
                     (d->when == KEY12 && !any_key && strstr(d->name, "_mac_") == NULL);
        if (!shown) {
            continue;
        }
        const char *look = strcmp(d->name, UI_LADDER_PSK) == 0 ? "early_secret" : d->name;
        out[n++] = (ui_rung){d->name, d->kind, d->op, false, find(t, look, k)};
    }
    for (size_t i = 0; i < n; i++) {
        out[i].last = out[i].kind == UI_RUNG_KEY && (i + 1 == n || out[i + 1].kind != UI_RUNG_KEY);
    }
    return n;
}

size_t ui_ladder_latest(const ui_rung *rungs, size_t n)
{
    size_t best = n;
    for (size_t i = 0; i < n; i++) {
        if (rungs[i].step != UI_RUNG_NONE && (best == n || rungs[i].step >= rungs[best].step)) {
            best = i;
        }
    }
    return best;
}
