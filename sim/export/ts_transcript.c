/* ts_transcript: the text transcript of a run. */
#include "export/ts_transcript.h"

#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "tls/ts_record.h"

#define APPDATA_DUMP_MAX 256 /* application data dumps are cut here */
#define INPUT_HEX_MAX 128    /* value inputs longer than this are shortened */
#define MAX_DIFFS 16         /* changed bytes listed for a tampered record */

/* Prints n bytes as hex, 32 bytes per line, each line after indent. */
static void hex_lines(FILE *f, const char *indent, const uint8_t *p, size_t n)
{
    for (size_t off = 0; off < n; off += 32) {
        char hex[65];
        size_t k = n - off < 32 ? n - off : 32;
        ts_hex_encode(p + off, k, hex);
        fprintf(f, "%s%s\n", indent, hex);
    }
}

/* A hex dump, cut after max bytes (0: never). */
static void dump(FILE *f, const char *indent, const uint8_t *p, size_t n, size_t max)
{
    if (max > 0 && n > max) {
        ts_hex_dump(f, indent, p, max);
        fprintf(f, "%s... (%zu more bytes)\n", indent, n - max);
    } else {
        ts_hex_dump(f, indent, p, n);
    }
}

static void print_fields(FILE *f, const ts_fields *fl, const char *indent)
{
    for (size_t i = 0; i < fl->n; i++) {
        const ts_field *it = &fl->items[i];
        int pad = 2 * it->depth;
        fprintf(f, "%s%*s%-*s %s  [%zu+%zu]\n", indent, pad, "", 30 - pad, it->name, it->value,
                it->offset, it->len);
    }
}

static void print_options(FILE *f, const ts_session *s)
{
    const ts_session_config *c = ts_session_config_of(s);
    fprintf(f, "seed: %s\n", c->seed);
    fprintf(f, "suite: %s (%s, 0x%04x)\n", c->suite->iana_name, c->suite->cli_name,
            c->suite->code);
    fprintf(f, "bits: %u\n", c->bits);
    fprintf(f, "ems: %s\n", c->ems ? "on" : "off");
    fprintf(f, "flaws: %s%s%s%s\n", c->no_verify ? "no-verify " : "",
            c->skip_ske_check ? "skip-ske-check " : "", c->lax_pkcs1 ? "lax-pkcs1 " : "",
            !c->no_verify && !c->skip_ske_check && !c->lax_pkcs1 ? "none" : "");
    char when[32];
    ts_x509_time_format(c->now, when);
    fprintf(f, "host: %s\nclock: %s (%lld)\n", c->host, when, (long long)c->now);
    fprintf(f, "payload: %s, %zu bytes\n", c->payload_name, ts_session_payload(s)->len);
    for (size_t i = 0; i < ts_session_action_count(s); i++) {
        const ts_action *a = ts_session_action(s, i);
        static const char *const kinds[] = {"tamper", "drop", "replay", "edit"};
        fprintf(f, "action: %s record %zu", kinds[a->kind], a->record);
        if (a->kind == TS_ACT_TAMPER) {
            fprintf(f, " byte %zu xor %02x", a->offset, a->xor_mask);
        } else if (a->kind == TS_ACT_EDIT) {
            fprintf(f, " (%zu bytes)", a->len);
        }
        fprintf(f, "%s\n", ts_session_action_applied(s, i) ? "" : " (never applied)");
    }
}

static void print_diffs(FILE *f, const ts_chan_record *r)
{
    if (r->sent.len != r->delivered.len) {
        fprintf(f, "    length changed: %zu -> %zu bytes\n", r->sent.len, r->delivered.len);
    }
    size_t n = r->sent.len < r->delivered.len ? r->sent.len : r->delivered.len;
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        if (r->sent.data[i] != r->delivered.data[i]) {
            if (shown++ < MAX_DIFFS) {
                fprintf(f, "    changed byte %zu: %02x -> %02x\n", i, r->sent.data[i],
                        r->delivered.data[i]);
            }
            total++;
        }
    }
    if (total > MAX_DIFFS) {
        fprintf(f, "    ... %zu bytes changed in all\n", total);
    }
}

/* The bracketed status of a record's header line, as seen from view. */
static void print_status(FILE *f, const ts_chan_record *r, ts_side view)
{
    if (view != TS_SIDE_CHANNEL) {
        fprintf(f, "%s", ts_transcript_direction(r, view));
        return;
    }
    fprintf(f, "%s%s%s", ts_rec_status_name(r->status), r->tampered ? ", tampered" : "",
            r->origin == TS_REC_REPLAYED   ? ", replayed copy"
            : r->origin == TS_REC_INJECTED ? ", injected"
                                           : "");
}

static void print_record(FILE *f, const ts_chan *ch, ts_side view, const ts_step *st)
{
    const ts_chan_record *r = ts_chan_get(ch, st->record);
    if (r == NULL) {
        return;
    }
    size_t max = r->content_type == TS_CT_APPLICATION_DATA ? APPDATA_DUMP_MAX : 0;
    fprintf(f, "\n#%zu %s  %s  %s  %zu bytes  [", r->number, ts_dir_arrow(r->dir),
            ts_record_type_name(r->content_type), r->type_name, r->sent.len);
    print_status(f, r, view);
    fprintf(f, "]\n");
    if (r->copy_of > 0) {
        fprintf(f, "  copy of record #%zu\n", r->copy_of);
    }
    print_fields(f, &r->fields, "    ");
    fprintf(f, "  %s:\n", r->tampered ? "sent" : "bytes");
    dump(f, "    ", r->sent.data, r->sent.len, max);
    if (r->tampered) {
        fprintf(f, "  delivered:\n");
        dump(f, "    ", r->delivered.data, r->delivered.len, max);
        print_diffs(f, r);
    }
    if (r->has_plain && r->protected_record) {
        bool c2s = r->dir == TS_DIR_C2S;
        fprintf(f, "  plaintext %s by the %s (seq %llu", r->opened ? "opened" : "sealed",
                c2s != r->opened ? "client" : "server", (unsigned long long)r->seq);
        if (r->nonce_len > 0) {
            char hex[2 * sizeof(r->nonce) + 1];
            ts_hex_encode(r->nonce, r->nonce_len, hex);
            fprintf(f, ", nonce %s", hex);
        }
        if (r->tag_len > 0) {
            char hex[2 * sizeof(r->tag) + 1];
            ts_hex_encode(r->tag, r->tag_len, hex);
            fprintf(f, ", %s %s", r->tag_len == 32 ? "mac" : "tag", hex);
        }
        fprintf(f, "), %zu bytes:\n", r->plaintext.len);
        print_fields(f, &r->plain_fields, "    ");
        dump(f, "    ", r->plaintext.data, r->plaintext.len, max);
    }
}

static void print_input(FILE *f, const ts_ev_input *in)
{
    if (in->text) {
        fprintf(f, "       input %s: \"%.*s\"\n", in->name, (int)in->len, (const char *)in->data);
        return;
    }
    size_t n = in->len > INPUT_HEX_MAX ? INPUT_HEX_MAX : in->len;
    char *hex = ts_hex_strdup(in->data, n);
    fprintf(f, "       input %s (%zu bytes): %s%s\n", in->name, in->len, hex != NULL ? hex : "",
            n < in->len ? "..." : "");
    free(hex);
}

static void print_value(FILE *f, const ts_step *st)
{
    const ts_event *ev = &st->ev;
    fprintf(f, "[%zu] %s derives %s (%zu bytes%s)\n", st->index, ts_side_name(ev->side), ev->name,
            ev->value_len, ev->secret ? ", secret" : "");
    if (ev->how != NULL) {
        fprintf(f, "       how: %s\n", ev->how);
    }
    if (ev->formula != NULL) {
        fprintf(f, "       formula: %s\n", ev->formula);
    }
    for (size_t i = 0; i < ev->n_inputs; i++) {
        print_input(f, &ev->inputs[i]);
    }
    if (ev->prf.used) {
        char *sec = ts_hex_strdup(ev->prf.secret, ev->prf.secret_len);
        char *seed = ts_hex_strdup(ev->prf.seed, ev->prf.seed_len);
        fprintf(f, "       reproduce: tlsstep prf --hash %s --secret %s --label '%s' --seed %s "
                   "--length %zu\n", ts_hash_name(ev->prf.hash), sec ? sec : "",
                ev->prf.label ? ev->prf.label : "", seed ? seed : "", ev->prf.out_len);
        free(sec);
        free(seed);
    }
    hex_lines(f, "       = ", ev->value, ev->value_len);
}

const char *ts_transcript_alert_level(uint8_t level)
{
    return level == 1 ? "warning" : level == 2 ? "fatal" : "unknown";
}

const char *ts_transcript_direction(const ts_chan_record *r, ts_side view)
{
    ts_dir ours = view == TS_SIDE_CLIENT ? TS_DIR_C2S : TS_DIR_S2C;
    return r->dir == ours ? "sent" : "received";
}

void ts_transcript_write_step(FILE *f, const ts_chan *ch, ts_side view, const ts_step *st)
{
    const ts_event *ev = &st->ev;
    const char *side = ts_side_name(ev->side);
    const char *name = ev->name != NULL ? ev->name : "";
    switch (ev->kind) {
    case TS_EV_RECORD:
        print_record(f, ch, view, st);
        break;
    case TS_EV_MESSAGE:
        fprintf(f, "[%zu] %s writes %s (%zu bytes)\n", st->index, side, name, ev->value_len);
        break;
    case TS_EV_SEALED:
        fprintf(f, "[%zu] %s seals record #%zu: %s, %zu bytes of plaintext%s\n", st->index, side,
                st->record, name, ev->value_len,
                ev->protected_record ? ", protected" : ", in the clear");
        break;
    case TS_EV_PARSED:
        fprintf(f, "[%zu] %s reads %s (%zu bytes)\n", st->index, side, name, ev->value_len);
        break;
    case TS_EV_VALUE:
        print_value(f, st);
        break;
    case TS_EV_CHECK:
        fprintf(f, "[%zu] %s checks %s: %s%s%s\n", st->index, side, name,
                ev->ok ? "ok" : "FAILED", ev->how != NULL ? " - " : "", ev->how ? ev->how : "");
        break;
    case TS_EV_ALERT_SENT:
    case TS_EV_ALERT_RECEIVED:
        fprintf(f, "[%zu] %s %s alert %s %s (%u)\n", st->index, side,
                ev->kind == TS_EV_ALERT_SENT ? "sends" : "receives",
                ts_transcript_alert_level(ev->alert_level),
                name, ev->alert);
        break;
    case TS_EV_WIPE:
        fprintf(f, "[%zu] %s wipes %s%s%s\n", st->index, side, name, ev->how ? ": " : "",
                ev->how ? ev->how : "");
        break;
    case TS_EV_DONE:
        fprintf(f, "[%zu] %s done: %s%s%s\n", st->index, side, name, ev->how ? " - " : "",
                ev->how ? ev->how : "");
        break;
    default:
        fprintf(f, "[%zu] %s %s %s\n", st->index, side, ts_ev_kind_name(ev->kind), name);
        break;
    }
}

void ts_transcript_result_line(const ts_session *s, char *out, size_t cap)
{
    const ts_result *r = ts_session_result(s);
    switch (r->kind) {
    case TS_RESULT_OK:
        snprintf(out, cap, "ok");
        break;
    case TS_RESULT_ALERT:
        snprintf(out, cap, "%s (sent by %s: %s)", r->alert_name, ts_side_name(r->alert_from),
                 r->reason);
        break;
    default:
        snprintf(out, cap, "%s (%s)", ts_result_kind_name(r->kind), r->reason);
        break;
    }
}

ts_err ts_transcript_write(FILE *f, const ts_session *s)
{
    TS_ENSURE(f != NULL && s != NULL && ts_session_trace(s) != NULL, TS_ERR_ARG);
    print_options(f, s);
    fputc('\n', f);
    const ts_chan *ch = ts_session_chan(s);
    for (size_t i = 0; i < ts_session_count(s); i++) {
        ts_transcript_write_step(f, ch, TS_SIDE_CHANNEL, ts_session_get_step(s, i));
    }
    for (size_t n = 1; n <= ts_chan_count(ch); n++) {
        const ts_chan_record *r = ts_chan_get(ch, n);
        if (r->status == TS_REC_IN_FLIGHT || r->status == TS_REC_SEALED) {
            fprintf(f, "never delivered: #%zu %s %s (%zu bytes)\n", n, ts_dir_arrow(r->dir),
                    r->type_name, r->sent.len);
        }
    }
    const ts_result *r = ts_session_result(s);
    char line[512];
    ts_transcript_result_line(s, line, sizeof(line));
    fprintf(f, "\nreceived: %zu bytes, sha256 ", r->payload_bytes);
    char hex[65];
    ts_hex_encode(r->payload_sha256, sizeof(r->payload_sha256), hex);
    fprintf(f, "%s%s\nresult: %s\n", hex, r->payload_intact ? " (intact)" : "", line);
    return ferror(f) ? TS_ERR_IO : TS_OK;
}

ts_err ts_transcript_text(const ts_session *s, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    FILE *f = open_memstream(text, len);
    TS_ENSURE(f != NULL, TS_ERR_NOMEM);
    ts_err err = ts_transcript_write(f, s);
    if (fclose(f) != 0 && err == TS_OK) {
        err = TS_ERR_IO;
    }
    if (err != TS_OK) {
        free(*text);
        *text = NULL;
        *len = 0;
    }
    return err;
}
