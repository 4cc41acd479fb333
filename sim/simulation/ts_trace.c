/* ts_trace: an append-only list of steps holding deep copies of events. */
#include "simulation/ts_trace.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ts_secret.h"

struct ts_trace {
    ts_step *steps;
    size_t count;
    size_t cap;
};

ts_err ts_trace_new(ts_trace **out)
{
    ts_trace *t = calloc(1, sizeof(*t));
    TS_ENSURE(t != NULL, TS_ERR_NOMEM);
    *out = t;
    return TS_OK;
}

/* Copies n bytes (NULL stays NULL; an empty non-NULL copy is a 1-byte block). */
static ts_err dup_bytes(const uint8_t *src, size_t n, const uint8_t **dst)
{
    *dst = NULL;
    if (src == NULL) {
        return TS_OK;
    }
    uint8_t *p = malloc(n > 0 ? n : 1);
    TS_ENSURE(p != NULL, TS_ERR_NOMEM);
    if (n > 0) {
        memcpy(p, src, n);
    }
    *dst = p;
    return TS_OK;
}

static ts_err dup_str(const char *src, const char **dst)
{
    *dst = NULL;
    if (src == NULL) {
        return TS_OK;
    }
    char *p = strdup(src);
    TS_ENSURE(p != NULL, TS_ERR_NOMEM);
    *dst = p;
    return TS_OK;
}

static void free_bytes(const uint8_t *p, size_t n)
{
    if (p != NULL) {
        ts_secret_wipe((void *)p, n);
        free((void *)p);
    }
}

/* Frees what copy_event allocated in ev (partially filled copies included:
 * every pointer not yet copied is NULL). */
static void free_event(ts_event *ev)
{
    free((void *)ev->name);
    free((void *)ev->how);
    free((void *)ev->formula);
    free_bytes(ev->value, ev->value_len);
    for (size_t i = 0; i < TS_EV_MAX_INPUTS; i++) {
        free((void *)ev->inputs[i].name);
        free_bytes(ev->inputs[i].data, ev->inputs[i].len);
    }
    free((void *)ev->prf.label);
    free_bytes(ev->prf.secret, ev->prf.secret_len);
    free_bytes(ev->prf.seed, ev->prf.seed_len);
    free((void *)ev->hkdf.label);
    free_bytes(ev->hkdf.key, ev->hkdf.key_len);
    free_bytes(ev->hkdf.data, ev->hkdf.data_len);
    free((void *)ev->sig.signer);
    free_bytes(ev->sig.data, ev->sig.data_len);
    free_bytes(ev->record, ev->record_len);
    free_bytes(ev->nonce, ev->nonce_len);
    free_bytes(ev->tag, ev->tag_len);
    memset(ev, 0, sizeof(*ev));
}

static ts_err copy_pointers(const ts_event *src, ts_event *dst)
{
    TS_GUARD(dup_str(src->name, &dst->name));
    TS_GUARD(dup_str(src->how, &dst->how));
    TS_GUARD(dup_str(src->formula, &dst->formula));
    TS_GUARD(dup_bytes(src->value, src->value_len, &dst->value));
    for (size_t i = 0; i < dst->n_inputs; i++) {
        TS_GUARD(dup_str(src->inputs[i].name, &dst->inputs[i].name));
        TS_GUARD(dup_bytes(src->inputs[i].data, src->inputs[i].len, &dst->inputs[i].data));
    }
    if (src->prf.used) {
        TS_GUARD(dup_str(src->prf.label, &dst->prf.label));
        TS_GUARD(dup_bytes(src->prf.secret, src->prf.secret_len, &dst->prf.secret));
        TS_GUARD(dup_bytes(src->prf.seed, src->prf.seed_len, &dst->prf.seed));
    }
    if (src->hkdf.used) {
        TS_GUARD(dup_str(src->hkdf.label, &dst->hkdf.label));
        TS_GUARD(dup_bytes(src->hkdf.key, src->hkdf.key_len, &dst->hkdf.key));
        TS_GUARD(dup_bytes(src->hkdf.data, src->hkdf.data_len, &dst->hkdf.data));
    }
    if (src->sig.used) {
        TS_GUARD(dup_str(src->sig.signer, &dst->sig.signer));
        TS_GUARD(dup_bytes(src->sig.data, src->sig.data_len, &dst->sig.data));
    }
    TS_GUARD(dup_bytes(src->record, src->record_len, &dst->record));
    TS_GUARD(dup_bytes(src->nonce, src->nonce_len, &dst->nonce));
    TS_GUARD(dup_bytes(src->tag, src->tag_len, &dst->tag));
    return TS_OK;
}

/* Deep-copies src into dst; on failure dst holds nothing. */
static ts_err copy_event(const ts_event *src, ts_event *dst)
{
    *dst = *src;
    /* Clear every pointer first, so a failed copy frees only its own. */
    dst->name = dst->how = dst->formula = NULL;
    dst->value = dst->record = dst->nonce = dst->tag = NULL;
    dst->n_inputs = src->n_inputs < TS_EV_MAX_INPUTS ? src->n_inputs : TS_EV_MAX_INPUTS;
    for (size_t i = 0; i < TS_EV_MAX_INPUTS; i++) {
        dst->inputs[i] = (ts_ev_input){0};
        if (i < dst->n_inputs) {
            dst->inputs[i].len = src->inputs[i].len;
            dst->inputs[i].text = src->inputs[i].text;
        }
    }
    dst->prf.label = NULL;
    dst->prf.secret = dst->prf.seed = NULL;
    dst->hkdf.label = NULL;
    dst->hkdf.key = dst->hkdf.data = NULL;
    dst->sig.signer = NULL;
    dst->sig.data = NULL;
    ts_err err = copy_pointers(src, dst);
    if (err != TS_OK) {
        free_event(dst);
    }
    return err;
}

void ts_trace_free(ts_trace *t)
{
    if (t == NULL) {
        return;
    }
    for (size_t i = 0; i < t->count; i++) {
        free_event(&t->steps[i].ev);
    }
    free(t->steps);
    free(t);
}

ts_err ts_trace_append(ts_trace *t, const ts_event *ev, size_t record, size_t *index)
{
    TS_ENSURE(t != NULL && ev != NULL, TS_ERR_ARG);
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        ts_step *steps = realloc(t->steps, cap * sizeof(*steps));
        TS_ENSURE(steps != NULL, TS_ERR_NOMEM);
        t->steps = steps;
        t->cap = cap;
    }
    ts_step *s = &t->steps[t->count];
    TS_GUARD(copy_event(ev, &s->ev));
    s->index = t->count;
    s->record = record;
    if (index != NULL) {
        *index = t->count;
    }
    t->count++;
    return TS_OK;
}

size_t ts_trace_count(const ts_trace *t)
{
    return t != NULL ? t->count : 0;
}

const ts_step *ts_trace_get(const ts_trace *t, size_t k)
{
    return t != NULL && k < t->count ? &t->steps[k] : NULL;
}

const ts_step *ts_trace_find_from(const ts_trace *t, size_t from, const char *name, ts_side side)
{
    if (t == NULL || name == NULL) {
        return NULL;
    }
    for (size_t i = from; i < t->count; i++) {
        const ts_event *ev = &t->steps[i].ev;
        if (ev->side == side && ev->name != NULL && strcmp(ev->name, name) == 0) {
            return &t->steps[i];
        }
    }
    return NULL;
}

const ts_step *ts_trace_find(const ts_trace *t, const char *name, ts_side side)
{
    return ts_trace_find_from(t, 0, name, side);
}
