/* ts_compare: TLS 1.2 and TLS 1.3 of one seed, lined up and told apart
 * from their traces. */
#include "simulation/ts_compare.h"

#include <string.h>

#include "base/ts_i18n.h"
#include "tls/msg/ts_content_type.h"

#define MAX_MSGS TS_CMP_MAX_ROWS

/* What differs at a row, by the names of its two messages ("" for a
 * version that has none there). The facts under each sentence are the
 * row's own: which side is present, what is encrypted. */
static const struct {
    const char *m12, *m13, *note;
} notes[] = {
    {"client_hello", "client_hello",
     N_("TLS 1.3's hello already carries a key share and supported_versions: the client guesses "
        "the group, so keys can exist one round trip earlier")},
    {"", "hello_retry_request",
     N_("the server wants a share of another group: one more round trip, only in TLS 1.3")},
    {"", "client_hello_2", N_("the second hello carries a share of the group the server asked for")},
    {"server_hello", "server_hello",
     N_("TLS 1.3's ServerHello carries the server's share: from here both sides have handshake "
        "keys and everything after it is encrypted")},
    {"", "server_change_cipher_spec",
     N_("for middleboxes only (RFC 8446 D.4): it changes nothing, the peer drops it")},
    {"", "client_change_cipher_spec",
     N_("for middleboxes only (RFC 8446 D.4): it changes nothing, the peer drops it")},
    {"client_change_cipher_spec", "",
     N_("TLS 1.2's client switches to its keys here: what follows from it is encrypted")},
    {"client_change_cipher_spec", "client_change_cipher_spec",
     N_("in TLS 1.2 the client switches to its keys here; in TLS 1.3 it is for middleboxes only, "
        "the keys changed already")},
    {"", "encrypted_extensions",
     N_("extensions that need no cleartext travel encrypted: only TLS 1.3 has this message")},
    {"certificate", "certificate",
     N_("in TLS 1.2 anyone on the path reads the certificate; in TLS 1.3 it is encrypted with the "
        "server's handshake key")},
    {"server_key_exchange", "certificate_verify",
     N_("the server's signature: TLS 1.2 signs the randoms and its key share, TLS 1.3 signs the "
        "transcript hash of every message so far")},
    {"", "certificate_verify",
     N_("TLS 1.3's server signs the transcript hash; TLS 1.2 with RSA key exchange signs nothing: "
        "the server proves its key by decrypting the premaster secret")},
    {"server_key_exchange", "",
     N_("TLS 1.2 sends the server's key share here, signed; TLS 1.3 sent it in ServerHello")},
    {"server_hello_done", "",
     N_("only TLS 1.2 marks the end of the server's flight; the client now sends its key exchange")},
    {"", "server_finished",
     N_("TLS 1.3's server finishes in its first flight, before the client has said anything more")},
    {"client_key_exchange", "",
     N_("only TLS 1.2: the premaster secret (or the client's share) leaves the client one round "
        "trip after the hello")},
    {"client_finished", "client_finished",
     N_("the client proves it saw the same handshake: HMAC over the transcript (TLS 1.3) or the "
        "PRF over it (TLS 1.2)")},
    {"server_change_cipher_spec", "",
     N_("TLS 1.2's server switches to its keys only now, at the end")},
    {"server_finished", "",
     N_("TLS 1.2's server finishes last: the client waited a second round trip for it")},
    {"http_request", "http_request",
     N_("the client's first application data: after the round trips counted below")},
    {"", "new_session_ticket",
     N_("TLS 1.3 sends its ticket after the handshake, encrypted, for resumption")},
    {"", "client_key_update", N_("only TLS 1.3 can change the traffic keys in mid-connection")},
    {"", "server_key_update", N_("the server answers update_requested with keys of its own")},
    {"close_notify", "close_notify", N_("both close the same way: an alert, encrypted")},
};

static const char *note_of(const char *m12, const char *m13)
{
    for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++) {
        if (strcmp(notes[i].m12, m12 != NULL ? m12 : "") == 0 &&
            strcmp(notes[i].m13, m13 != NULL ? m13 : "") == 0) {
            return notes[i].note;
        }
    }
    return NULL;
}

void ts_compare_pair(const ts_suite *run, const ts_suite **s12, const ts_suite **s13)
{
    if (run == NULL) {
        run = ts_suite_get(TS_SUITE_RSA);
    }
    bool is13 = ts_suite_is_tls13(run);
    const ts_suite *other = NULL;
    for (int pass = 0; pass < 2 && other == NULL; pass++) {
        for (int i = 0; i < TS_SUITE_COUNT && other == NULL; i++) {
            const ts_suite *s = ts_suite_get((ts_suite_id)i);
            if (ts_suite_is_tls13(s) != is13 && ts_suite_usable(s) &&
                s->cipher != TS_CIPHER_NULL_SHA256 && (pass == 1 || s->cipher == run->cipher)) {
                other = s;
            }
        }
    }
    *s12 = is13 ? other : run;
    *s13 = is13 ? run : other;
}

void ts_compare_configs(const ts_session_config *base, const ts_suite *s12, const ts_suite *s13,
                        ts_session_config *c12, ts_session_config *c13)
{
    *c12 = *base;
    c12->suite = s12;
    c12->group = 0;
    c12->key_update = false;
    c12->padding = 0;
    *c13 = *base;
    c13->suite = s13;
    c13->ems = false;
}

const char *ts_compare_version_name(ts_cmp_ver v)
{
    return v == TS_CMP_12 ? "TLS 1.2" : "TLS 1.3";
}

/* The messages of one run in order, with their records; aead: the suite
 * encrypts what it protects (the NULL suite only authenticates). */
static size_t messages(const ts_trace *t, bool aead, ts_cmp_msg *out, size_t max, bool *full)
{
    size_t n = 0, count = ts_trace_count(t);
    for (size_t k = 0; k < count; k++) {
        const ts_step *st = ts_trace_get(t, k);
        if (st->ev.kind != TS_EV_MESSAGE && st->ev.kind != TS_EV_ALERT_SENT) {
            continue;
        }
        if (n == max) {
            *full = true;
            return n;
        }
        ts_cmp_msg *m = &out[n++];
        *m = (ts_cmp_msg){.present = true, .name = st->ev.name, .from = st->ev.side, .step = k};
        for (size_t j = k + 1; j < count; j++) {
            const ts_step *r = ts_trace_get(t, j);
            if (r->ev.kind == TS_EV_SEALED && r->ev.side == st->ev.side) {
                m->record = r->record;
                m->encrypted = aead && r->ev.protected_record;
                break;
            }
            if ((r->ev.kind == TS_EV_MESSAGE || r->ev.kind == TS_EV_ALERT_SENT) &&
                r->ev.side == st->ev.side) {
                break; /* never sealed alone */
            }
        }
    }
    return n;
}

/* Messages that correspond across versions: the same name, or the two
 * messages that carry the server's signature. */
static bool same(const ts_cmp_msg *a, const ts_cmp_msg *b)
{
    if (strcmp(a->name, b->name) == 0) {
        return a->from == b->from;
    }
    return strcmp(a->name, "server_key_exchange") == 0 &&
           strcmp(b->name, "certificate_verify") == 0;
}

/* Lines the two message lists up (a longest common subsequence; on a tie
 * the TLS 1.3 message comes first, as its handshake runs ahead). */
static ts_err align(ts_compare *c, const ts_cmp_msg *a, size_t na, const ts_cmp_msg *b, size_t nb)
{
    size_t len[MAX_MSGS + 1][MAX_MSGS + 1];
    for (size_t i = na + 1; i-- > 0;) {
        for (size_t j = nb + 1; j-- > 0;) {
            if (i == na || j == nb) {
                len[i][j] = 0;
            } else if (same(&a[i], &b[j])) {
                len[i][j] = len[i + 1][j + 1] + 1;
            } else {
                len[i][j] = len[i + 1][j] > len[i][j + 1] ? len[i + 1][j] : len[i][j + 1];
            }
        }
    }
    size_t i = 0, j = 0;
    c->n_rows = 0;
    while (i < na || j < nb) {
        if (c->n_rows == TS_CMP_MAX_ROWS) {
            return TS_ERR_TOO_LONG;
        }
        ts_cmp_row *row = &c->rows[c->n_rows++];
        memset(row, 0, sizeof(*row));
        if (i < na && j < nb && same(&a[i], &b[j])) {
            row->m[TS_CMP_12] = a[i++];
            row->m[TS_CMP_13] = b[j++];
        } else if (j < nb && (i == na || len[i][j + 1] >= len[i + 1][j])) {
            row->m[TS_CMP_13] = b[j++];
        } else {
            row->m[TS_CMP_12] = a[i++];
        }
        row->note = note_of(row->m[TS_CMP_12].name, row->m[TS_CMP_13].name);
        if (c->n_rows > 1 && row->note == c->rows[c->n_rows - 2].note) {
            row->note = NULL; /* said on the row above */
        }
    }
    return TS_OK;
}

/* Server flights the client waited for before its first application
 * data. ChangeCipherSpec records do not count: they travel with a flight
 * (TLS 1.2) or mean nothing (TLS 1.3's compatibility records). */
static size_t round_trips(const ts_trace *t)
{
    size_t flights = 0;
    ts_side last = TS_SIDE_CLIENT;
    for (size_t k = 0; k < ts_trace_count(t); k++) {
        const ts_ev_kind kind = ts_trace_get(t, k)->ev.kind;
        const ts_event *ev = &ts_trace_get(t, k)->ev;
        if (kind != TS_EV_SEALED || (ev->side != TS_SIDE_CLIENT && ev->side != TS_SIDE_SERVER)) {
            continue;
        }
        uint8_t type = ev->inner_type != 0 ? ev->inner_type : ev->content_type;
        if (type == TS_CT_CHANGE_CIPHER_SPEC) {
            continue;
        }
        if (ev->side == TS_SIDE_CLIENT && type == TS_CT_APPLICATION_DATA) {
            return flights;
        }
        if (ev->side == TS_SIDE_SERVER && last == TS_SIDE_CLIENT) {
            flights++;
        }
        last = ev->side;
    }
    return 0;
}

static bool is_secret_name(const char *name)
{
    return strstr(name, "secret") != NULL || strcmp(name, "key_block") == 0;
}

/* Where the keys come from: the client's first secret and the ones after. */
static void keys(const ts_trace *t, ts_cmp_side *v)
{
    bool shares = ts_trace_find(t, "client_share", TS_SIDE_CLIENT) != NULL &&
                  ts_trace_find(t, "server_share", TS_SIDE_CLIENT) != NULL;
    v->kx_rsa = !shares && ts_trace_find(t, "encrypted_premaster", TS_SIDE_CLIENT) != NULL;
    v->kx_who = shares ? N_("both sides: each sends a public share and keeps its private key "
                            "((EC)DHE), so the secret never travels")
                : v->kx_rsa
                    ? N_("the client alone: it chooses the premaster secret and sends it "
                         "encrypted to the server's RSA key, so that key can decrypt it later")
                    : N_("no key exchange was reached");
    for (size_t k = 0; k < ts_trace_count(t); k++) {
        const ts_step *st = ts_trace_get(t, k);
        if (st->ev.kind != TS_EV_VALUE || st->ev.side != TS_SIDE_CLIENT ||
            !is_secret_name(st->ev.name)) {
            continue;
        }
        if (v->kx == NULL) {
            if (strcmp(st->ev.name, "premaster_secret") != 0 &&
                strcmp(st->ev.name, "shared_secret") != 0) {
                continue;
            }
            v->kx = st;
        }
        if (v->n_chain < TS_CMP_MAX_CHAIN) {
            v->chain[v->n_chain++] = st;
        }
    }
}

/* The server's signature: its value and the message that carries it. */
static void signature(const ts_trace *t, ts_cmp_side *v)
{
    for (size_t k = 0; k < ts_trace_count(t); k++) {
        const ts_step *st = ts_trace_get(t, k);
        if (st->ev.side != TS_SIDE_SERVER) {
            continue;
        }
        if (st->ev.kind == TS_EV_VALUE && strcmp(st->ev.name, "server_signed_digest") == 0) {
            v->sig_digest = st;
        } else if (st->ev.kind == TS_EV_VALUE && (strcmp(st->ev.name, "ske_signature") == 0 ||
                                                  strcmp(st->ev.name, "server_signature") == 0)) {
            v->sig = st;
        } else if (st->ev.kind == TS_EV_MESSAGE && v->sig != NULL) {
            v->sig_message = st->ev.name;
            return;
        }
    }
}

static bool listed(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], name) == 0) {
            return true;
        }
    }
    return false;
}

/* True when the two value names mean the same thing in the two versions:
 * equal, or the server's signature (ServerKeyExchange's, CertificateVerify's). */
static bool same_value(const char *a, const char *b)
{
    static const char *const sig[] = {"ske_signature", "server_signature"};
    return strcmp(a, b) == 0 || (listed(sig, 2, a) && listed(sig, 2, b));
}

/* The values v's run derives (either side) that the other run does not. */
static void only(const ts_trace *t, const ts_trace *other, ts_cmp_side *v)
{
    for (size_t k = 0; k < ts_trace_count(t) && v->n_only < TS_CMP_MAX_NAMES; k++) {
        const ts_step *st = ts_trace_get(t, k);
        if (st->ev.kind != TS_EV_VALUE ||
            (st->ev.side != TS_SIDE_CLIENT && st->ev.side != TS_SIDE_SERVER) ||
            listed(v->only, v->n_only, st->ev.name)) {
            continue;
        }
        bool found = false;
        for (size_t j = 0; j < ts_trace_count(other) && !found; j++) {
            const ts_step *o = ts_trace_get(other, j);
            found = o->ev.kind == TS_EV_VALUE && same_value(o->ev.name, st->ev.name);
        }
        if (!found) {
            v->only[v->n_only++] = st->ev.name;
        }
    }
}

/* The handshake messages of v, encrypted or in the clear. */
static void protection(const ts_cmp_msg *m, size_t n, const ts_trace *t, ts_cmp_side *v)
{
    for (size_t i = 0; i < n; i++) {
        if (m[i].record == 0) {
            continue;
        }
        const ts_step *sealed = NULL;
        for (size_t k = m[i].step + 1; k < ts_trace_count(t) && sealed == NULL; k++) {
            const ts_step *st = ts_trace_get(t, k);
            sealed = st->ev.kind == TS_EV_SEALED && st->record == m[i].record ? st : NULL;
        }
        uint8_t type = sealed == NULL ? 0
                       : sealed->ev.inner_type != 0 ? sealed->ev.inner_type
                                                    : sealed->ev.content_type;
        if (type != TS_CT_HANDSHAKE) {
            continue;
        }
        if (m[i].encrypted && v->n_encrypted < TS_CMP_MAX_NAMES) {
            v->encrypted[v->n_encrypted++] = m[i].name;
        } else if (!m[i].encrypted && v->n_clear < TS_CMP_MAX_NAMES) {
            v->clear[v->n_clear++] = m[i].name;
        }
    }
}

ts_err ts_compare_build(const ts_session *s12, const ts_session *s13, ts_compare *c)
{
    const ts_session *s[TS_CMP_N] = {s12, s13};
    if (s12 == NULL || s13 == NULL || ts_session_trace(s12) == NULL ||
        ts_session_trace(s13) == NULL) {
        return TS_ERR_ARG;
    }
    memset(c, 0, sizeof(*c));
    ts_cmp_msg m[TS_CMP_N][MAX_MSGS];
    size_t n[TS_CMP_N];
    bool full = false;
    for (int v = 0; v < TS_CMP_N; v++) {
        const ts_trace *t = ts_session_trace(s[v]);
        ts_cmp_side *side = &c->v[v];
        side->s = s[v];
        side->suite = ts_conn_suite(ts_session_conn(s[v], TS_SIDE_SERVER));
        const ts_suite *run = side->suite != NULL ? side->suite : ts_session_config_of(s[v])->suite;
        n[v] = messages(t, ts_suite_aead(run, NULL), m[v], MAX_MSGS, &full);
        side->round_trips = round_trips(t);
        protection(m[v], n[v], t, side);
        keys(t, side);
        signature(t, side);
        only(t, ts_session_trace(s[1 - v]), side);
    }
    if (full) {
        return TS_ERR_TOO_LONG;
    }
    return align(c, m[TS_CMP_12], n[TS_CMP_12], m[TS_CMP_13], n[TS_CMP_13]);
}

size_t ts_compare_cursor(const ts_compare *c, ts_cmp_ver v, size_t row)
{
    for (size_t r = row + 1; r < c->n_rows; r++) {
        if (c->rows[r].m[v].present) {
            return c->rows[r].m[v].step;
        }
    }
    return ts_session_count(c->v[v].s);
}

size_t ts_compare_row_of(const ts_compare *c, ts_cmp_ver v, size_t k)
{
    size_t row = 0;
    for (size_t r = 0; r < c->n_rows; r++) {
        if (c->rows[r].m[v].present && c->rows[r].m[v].step < k) {
            row = r;
        }
    }
    return row;
}

bool ts_compare_only(const ts_compare *c, ts_cmp_ver v, const char *name)
{
    return listed(c->v[v].only, c->v[v].n_only, name);
}
