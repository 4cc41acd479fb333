/* ts_chan: the records that crossed between client and server. */
#include "simulation/ts_chan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_templates.h"
#include "crypto/ts_secret.h"
#include "simulation/internal/ts_chan_describe.h"
#include "tls/msg/ts_content_type.h"
#include "tls/msg/ts_msg_describe.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/ts_record.h"

#define MAX_OBSERVERS 8

typedef struct {
    ts_chan_observer fn;
    void *ctx;
} observer;

struct ts_chan {
    ts_chan_record **recs; /* recs[i] has number i + 1; stable pointers */
    bool *urgent;          /* replayed/injected copies go first */
    size_t count, cap;
    ts_chan_hook hook;
    void *hook_ctx;
    ts_kx kx;
    observer obs[MAX_OBSERVERS];
    size_t n_obs;
};

ts_err ts_chan_new(ts_chan **out)
{
    ts_chan *ch = calloc(1, sizeof(*ch));
    TS_ENSURE(ch != NULL, TS_ERR_NOMEM);
    ch->kx = TS_KX_GUESS;
    *out = ch;
    return TS_OK;
}

static void record_free(ts_chan_record *r)
{
    if (r == NULL) {
        return;
    }
    ts_secret_free_buf(&r->sent);
    ts_secret_free_buf(&r->delivered);
    ts_secret_free_buf(&r->plaintext);
    ts_fields_free(&r->fields);
    ts_fields_free(&r->plain_fields);
    ts_secret_wipe(r, sizeof(*r));
    free(r);
}

void ts_chan_free(ts_chan *ch)
{
    if (ch == NULL) {
        return;
    }
    for (size_t i = 0; i < ch->count; i++) {
        record_free(ch->recs[i]);
    }
    free(ch->recs);
    free(ch->urgent);
    free(ch);
}

void ts_chan_set_hook(ts_chan *ch, ts_chan_hook fn, void *ctx)
{
    ch->hook = fn;
    ch->hook_ctx = ctx;
}

void ts_chan_set_kx(ts_chan *ch, ts_kx kx)
{
    ch->kx = kx;
}

ts_err ts_chan_observe(ts_chan *ch, ts_chan_observer fn, void *ctx)
{
    TS_ENSURE(fn != NULL, TS_ERR_ARG);
    TS_ENSURE(ch->n_obs < MAX_OBSERVERS, TS_ERR_TOO_LONG);
    ch->obs[ch->n_obs++] = (observer){fn, ctx};
    return TS_OK;
}

/* Appends a fresh record of dir with the next number. */
static ts_err add_record(ts_chan *ch, ts_dir dir, ts_chan_record **out)
{
    if (ch->count == ch->cap) {
        size_t cap = ch->cap ? ch->cap * 2 : 32;
        ts_chan_record **recs = realloc(ch->recs, cap * sizeof(*recs));
        TS_ENSURE(recs != NULL, TS_ERR_NOMEM);
        ch->recs = recs;
        bool *urgent = realloc(ch->urgent, cap * sizeof(*urgent));
        TS_ENSURE(urgent != NULL, TS_ERR_NOMEM);
        ch->urgent = urgent;
        ch->cap = cap;
    }
    ts_chan_record *r = calloc(1, sizeof(*r));
    TS_ENSURE(r != NULL, TS_ERR_NOMEM);
    r->number = ch->count + 1;
    r->dir = dir;
    r->status = TS_REC_SEALED;
    r->origin = TS_REC_ORIGINAL;
    r->step_written = TS_CHAN_NO_STEP;
    r->step_delivered = TS_CHAN_NO_STEP;
    r->kx = ch->kx;
    ts_buf_init(&r->sent);
    ts_buf_init(&r->delivered);
    ts_buf_init(&r->plaintext);
    ts_fields_init(&r->fields);
    ts_fields_init(&r->plain_fields);
    ch->urgent[ch->count] = false;
    ch->recs[ch->count++] = r;
    *out = r;
    return TS_OK;
}

/* Copies the plaintext and protection details of ev into r. */
static ts_err take_plain(ts_chan_record *r, const ts_event *ev)
{
    r->has_plain = true;
    r->protected_record = ev->protected_record;
    r->inner_type = ev->protected_record ? ev->inner_type : 0;
    r->padding_len = r->inner_type != 0 ? ev->padding_len : 0;
    r->seq = ev->seq;
    ts_buf_reset(&r->plaintext);
    TS_GUARD(ts_buf_write_bytes(&r->plaintext, ev->value, ev->value != NULL ? ev->value_len : 0));
    r->nonce_len = ev->nonce_len <= sizeof(r->nonce) ? ev->nonce_len : 0;
    if (r->nonce_len > 0) {
        memcpy(r->nonce, ev->nonce, r->nonce_len);
    }
    r->tag_len = ev->tag_len <= sizeof(r->tag) ? ev->tag_len : 0;
    if (r->tag_len > 0) {
        memcpy(r->tag, ev->tag, r->tag_len);
    }
    return TS_OK;
}

ts_err ts_chan_sealed(ts_chan *ch, ts_dir dir, const ts_event *ev, size_t step, size_t *number)
{
    TS_ENSURE(ch != NULL && ev != NULL && ev->kind == TS_EV_SEALED, TS_ERR_ARG);
    ts_chan_record *r;
    TS_GUARD(add_record(ch, dir, &r));
    r->step_written = step;
    r->content_type = ev->content_type;
    TS_GUARD(take_plain(r, ev));
    TS_GUARD(ts_buf_write_bytes(&r->sent, ev->record, ev->record != NULL ? ev->record_len : 0));
    if (number != NULL) {
        *number = r->number;
    }
    return TS_OK;
}

ts_err ts_chan_opened(ts_chan *ch, size_t number, const ts_event *ev)
{
    TS_ENSURE(ch != NULL && ev != NULL && ev->kind == TS_EV_OPENED, TS_ERR_ARG);
    TS_ENSURE(number >= 1 && number <= ch->count, TS_ERR_ARG);
    ts_chan_record *r = ch->recs[number - 1];
    TS_ENSURE(ev->record != NULL && ev->record_len == r->sent.len &&
                  memcmp(ev->record, r->sent.data, r->sent.len) == 0,
              TS_ERR_ARG);
    TS_GUARD(take_plain(r, ev));
    r->opened = true;
    return ts_chan_describe(r);
}

/* The oldest announced record of dir, or NULL. */
static ts_chan_record *oldest_sealed(ts_chan *ch, ts_dir dir)
{
    for (size_t i = 0; i < ch->count; i++) {
        if (ch->recs[i]->status == TS_REC_SEALED && ch->recs[i]->dir == dir) {
            return ch->recs[i];
        }
    }
    return NULL;
}

/* When r carries a ServerHello (or HelloRetryRequest) in the clear, the
 * records after it are decoded with what it selects. */
static void learn_kx(ts_chan *ch, const ts_chan_record *r)
{
    if (r->dir != TS_DIR_S2C || r->protected_record || r->sent.len < TS_RECORD_HEADER_LEN ||
        r->sent.data[0] != TS_CT_HANDSHAKE) {
        return;
    }
    ts_buf in;
    ts_buf_view(&in, r->sent.data + TS_RECORD_HEADER_LEN, r->sent.len - TS_RECORD_HEADER_LEN);
    uint8_t type;
    ts_buf body;
    while (ts_msg_hs_parse(&in, &type, &body) == TS_OK) {
        if (type == TS_HS_SERVER_HELLO) {
            ch->kx = ts_chan_kx_of_server_hello(body.data, body.len);
            return;
        }
    }
}

/* Puts one framed record on the wire. */
static ts_err wire_one(ts_chan *ch, ts_dir dir, const uint8_t *rec, size_t n, size_t step)
{
    ts_chan_record *r = oldest_sealed(ch, dir);
    if (r != NULL && (r->sent.len != n || memcmp(r->sent.data, rec, n) != 0)) {
        r = NULL; /* the announcement does not match these bytes */
    }
    if (r == NULL) {
        TS_GUARD(add_record(ch, dir, &r));
        r->step_written = step;
        TS_GUARD(ts_buf_write_bytes(&r->sent, rec, n));
    }
    r->content_type = rec[0];
    r->status = TS_REC_IN_FLIGHT;
    r->kx = ch->kx; /* as learned from the ServerHello before it, if any */
    TS_GUARD(ts_chan_describe(r));
    learn_kx(ch, r);
    return TS_OK;
}

/* Length of the whole record at in's cursor (header included), consuming
 * it; framed by its length alone (ts_record_frame), so records of any type
 * or version cross; TS_ERR_RECORD when it is cut short. */
static ts_err frame(ts_buf *in, size_t *len)
{
    ts_record rec;
    TS_ENSURE(ts_record_frame(in, &rec) == TS_OK, TS_ERR_RECORD);
    TS_GUARD(ts_buf_skip(in, rec.total_len));
    *len = rec.total_len;
    return TS_OK;
}

ts_err ts_chan_write(ts_chan *ch, ts_dir dir, const uint8_t *data, size_t n, size_t step)
{
    TS_ENSURE(ch != NULL && (data != NULL || n == 0), TS_ERR_ARG);
    /* Check the framing first, so nothing is half written. */
    ts_buf in;
    ts_buf_view(&in, data, n);
    size_t len;
    while (ts_buf_remaining(&in) > 0) {
        TS_GUARD(frame(&in, &len));
    }
    ts_buf_view(&in, data, n);
    while (ts_buf_remaining(&in) > 0) {
        const uint8_t *rec = ts_buf_cursor(&in);
        TS_GUARD(frame(&in, &len));
        TS_GUARD(wire_one(ch, dir, rec, len, step));
    }
    return TS_OK;
}

size_t ts_chan_next(const ts_chan *ch, bool accept_c2s, bool accept_s2c)
{
    size_t best = 0;
    for (size_t i = 0; i < ch->count; i++) {
        const ts_chan_record *r = ch->recs[i];
        bool ok = r->dir == TS_DIR_C2S ? accept_c2s : accept_s2c;
        if (r->status != TS_REC_IN_FLIGHT || !ok) {
            continue;
        }
        if (ch->urgent[i]) {
            return r->number;
        }
        if (best == 0) {
            best = r->number;
        }
    }
    return best;
}

/* Queues a copy (replayed or injected) to go next. */
static ts_err add_copy(ts_chan *ch, const ts_chan_record *like, ts_rec_origin origin,
                       size_t copy_of, const ts_buf *bytes, size_t step)
{
    ts_dir dir = like->dir;
    size_t len = bytes->len;
    TS_ENSURE(len >= TS_RECORD_HEADER_LEN, TS_ERR_RECORD);
    ts_chan_record *r;
    TS_GUARD(add_record(ch, dir, &r));
    r->origin = origin;
    r->copy_of = copy_of;
    r->step_written = step;
    r->status = TS_REC_IN_FLIGHT;
    r->content_type = bytes->data[0];
    TS_GUARD(ts_buf_write_bytes(&r->sent, bytes->data, len));
    ch->urgent[r->number - 1] = true;
    if (origin == TS_REC_REPLAYED) {
        const ts_chan_record *orig = ch->recs[copy_of - 1];
        r->has_plain = orig->has_plain;
        r->protected_record = orig->protected_record;
        r->inner_type = orig->inner_type;
        r->padding_len = orig->padding_len;
        r->kx = orig->kx;
        r->seq = orig->seq;
        memcpy(r->nonce, orig->nonce, sizeof(r->nonce));
        r->nonce_len = orig->nonce_len;
        memcpy(r->tag, orig->tag, sizeof(r->tag));
        r->tag_len = orig->tag_len;
        TS_GUARD(ts_buf_write_bytes(&r->plaintext, orig->plaintext.data, orig->plaintext.len));
    }
    return ts_chan_describe(r);
}

static ts_err run_hook(ts_chan *ch, ts_chan_record *r, size_t step, ts_chan_delivery *d,
                       bool *dropped)
{
    ts_chan_verdict v = TS_CHAN_PASS;
    if (ch->hook != NULL) {
        v = ch->hook(ch->hook_ctx, r, d);
    }
    *dropped = v == TS_CHAN_DROP;
    r->status = *dropped ? TS_REC_DROPPED : TS_REC_DELIVERED;
    r->step_delivered = step;
    if (!*dropped) {
        TS_GUARD(ts_buf_write_bytes(&r->delivered, d->bytes.data, d->bytes.len));
        r->tampered = d->bytes.len != r->sent.len ||
                      memcmp(d->bytes.data, r->sent.data, r->sent.len) != 0;
    }
    if (d->replay >= 1 && d->replay <= ch->count) {
        const ts_chan_record *orig = ch->recs[d->replay - 1];
        TS_GUARD(add_copy(ch, r, TS_REC_REPLAYED, orig->number, &orig->sent, step));
    }
    if (d->inject.len > 0) {
        TS_GUARD(add_copy(ch, r, TS_REC_INJECTED, 0, &d->inject, step));
    }
    return TS_OK;
}

ts_err ts_chan_deliver(ts_chan *ch, size_t number, size_t step, ts_buf *deliver, bool *dropped)
{
    ts_buf_init(deliver);
    TS_ENSURE(ch != NULL && number >= 1 && number <= ch->count, TS_ERR_ARG);
    ts_chan_record *r = ch->recs[number - 1];
    TS_ENSURE(r->status == TS_REC_IN_FLIGHT, TS_ERR_ARG);
    ch->urgent[number - 1] = false;
    ts_chan_delivery d;
    memset(&d, 0, sizeof(d));
    ts_buf_init(&d.bytes);
    ts_buf_init(&d.inject);
    ts_err err = ts_buf_write_bytes(&d.bytes, r->sent.data, r->sent.len);
    bool drop = false;
    if (err == TS_OK) {
        err = run_hook(ch, r, step, &d, &drop);
    }
    if (err == TS_OK && !drop) {
        err = ts_buf_write_bytes(deliver, d.bytes.data, d.bytes.len);
    }
    ts_secret_free_buf(&d.bytes);
    ts_secret_free_buf(&d.inject);
    if (err != TS_OK) {
        ts_buf_free(deliver);
        return err;
    }
    if (dropped != NULL) {
        *dropped = drop;
    }
    for (size_t i = 0; i < ch->n_obs; i++) {
        ch->obs[i].fn(ch->obs[i].ctx, r);
    }
    return TS_OK;
}

size_t ts_chan_count(const ts_chan *ch)
{
    return ch != NULL ? ch->count : 0;
}

const ts_chan_record *ts_chan_get(const ts_chan *ch, size_t number)
{
    return ch != NULL && number >= 1 && number <= ch->count ? ch->recs[number - 1] : NULL;
}

const char *ts_dir_arrow(ts_dir dir)
{
    return dir == TS_DIR_C2S ? N_("client → server") : N_("server → client");
}

const char *ts_rec_status_name(ts_rec_status st)
{
    switch (st) {
    case TS_REC_SEALED:
        return N_("sealed");
    case TS_REC_IN_FLIGHT:
        return N_("in flight");
    case TS_REC_DELIVERED:
        return N_("delivered");
    case TS_REC_DROPPED:
        return N_("dropped");
    }
    return "unknown";
}

void ts_chan_record_event(const ts_chan_record *rec, char *how, size_t cap, ts_event *ev)
{
    char state[64];
    const char *name = ts_rec_status_name(rec->status);
    if (rec->origin == TS_REC_REPLAYED) {
        snprintf(state, sizeof(state), TS_TPL_STATE_REPLAYED, name);
    } else if (rec->origin == TS_REC_INJECTED) {
        snprintf(state, sizeof(state), TS_TPL_STATE_INJECTED, name);
    } else if (rec->tampered) {
        snprintf(state, sizeof(state), TS_TPL_STATE_TAMPERED, name);
    } else {
        snprintf(state, sizeof(state), "%s", name);
    }
    snprintf(how, cap, rec->dir == TS_DIR_C2S ? TS_TPL_RECORD_C2S : TS_TPL_RECORD_S2C, rec->number,
             rec->type_name, state);
    memset(ev, 0, sizeof(*ev));
    ev->kind = TS_EV_RECORD;
    ev->side = TS_SIDE_CHANNEL;
    ev->name = "record";
    ev->how = how;
    ev->ok = rec->status == TS_REC_DELIVERED;
    ev->content_type = rec->content_type;
    ev->record = rec->sent.data;
    ev->record_len = rec->sent.len;
    ev->value = rec->delivered.data;
    ev->value_len = rec->delivered.len;
    ev->protected_record = rec->protected_record;
    ev->seq = rec->seq;
}

bool ts_chan_record_iv(const ts_chan_record *rec, uint8_t iv[12])
{
    if (rec == NULL || !rec->has_plain || rec->inner_type == 0 || rec->nonce_len != 12) {
        return false;
    }
    memcpy(iv, rec->nonce, 12);
    for (size_t i = 0; i < 8; i++) {
        iv[11 - i] ^= (uint8_t)(rec->seq >> (8 * i));
    }
    return true;
}

const char *ts_chan_unauthenticated(const ts_chan *ch, size_t number, size_t offset)
{
    const ts_chan_record *r = ts_chan_get(ch, number);
    if (r == NULL || r->origin != TS_REC_ORIGINAL || r->protected_record || offset != 2) {
        return NULL;
    }
    if (r->kx == TS_KX_TLS13 &&
        (r->content_type == TS_CT_HANDSHAKE || r->content_type == TS_CT_CHANGE_CIPHER_SPEC)) {
        return N_("minor version byte of a TLS 1.3 record sent in the clear: RFC 8446 5.1 says "
                  "legacy_record_version MUST be ignored for all purposes; a ClientHello or "
                  "ServerHello inside enters the transcript, and a ChangeCipherSpec changes "
                  "nothing");
    }
    if (r->content_type != TS_CT_HANDSHAKE) {
        return NULL;
    }
    for (size_t i = 1; i < number; i++) {
        if (ch->recs[i - 1]->dir == r->dir) {
            return NULL; /* not its sender's first record: read after the hellos */
        }
    }
    if (r->dir == TS_DIR_C2S && strcmp(r->type_name, "ClientHello") == 0) {
        return N_("minor version byte of the ClientHello's record header: a server MUST accept "
                  "any {03,XX} there (RFC 5246 E.1; RFC 8446 5.1 ignores legacy_record_version); "
                  "the versions in the body are what Finished authenticates");
    }
    if (r->dir == TS_DIR_S2C && strcmp(r->type_name, "ServerHello") == 0) {
        return N_("minor version byte of the ServerHello's record header: read before the "
                  "client knows the version (the ServerHello inside tells it); the version in "
                  "the body (server_version, or TLS 1.3's supported_versions) is what Finished "
                  "authenticates");
    }
    if (r->dir == TS_DIR_S2C && strcmp(r->type_name, "HelloRetryRequest") == 0) {
        return N_("minor version byte of the HelloRetryRequest's record header: read before "
                  "the client knows the version (RFC 8446 5.1 ignores legacy_record_version); "
                  "the HelloRetryRequest itself enters the transcript that Finished "
                  "authenticates");
    }
    return NULL;
}
