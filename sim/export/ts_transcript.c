/* ts_transcript: the text transcript of a run. */
#include "export/ts_transcript.h"

#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_i18n.h"
#include "export/ts_reproduce.h"
#include "simulation/ts_steps.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/ts_conn.h"
#include "tls/ts_record.h"

#define APPDATA_DUMP_MAX 256 /* application data dumps are cut here */
#define INPUT_HEX_MAX 128    /* value inputs longer than this are shortened */
#define MAX_DIFFS 16         /* changed bytes listed for a tampered record */
#define TEXT_MAX 1024        /* an engine sentence, translated */

/* The engine's names that the transcript shows, for the catalogue: sides,
 * record fates, result kinds and alert levels (ts_tr translates them). */
static const char *const shown_names[] __attribute__((unused)) = {
    N_("client"), N_("server"), N_("channel"), N_("attacker"), N_("client → server"),
    N_("server → client"), N_("sealed"), N_("in flight"), N_("delivered"), N_("dropped"),
    N_("stalled"), N_("wrong"), N_("alert"), N_("warning"), N_("fatal"), N_("unknown"),
};

/* What a person calls an event's name: the identifier itself in English
 * (client_random, as the JSON and the lessons write it), the people's
 * words in another language ("클라이언트 랜덤"). */
static const char *shown_name(const char *name, ts_lang lang)
{
    return lang == TS_LANG_EN ? name : ts_steps_label(name, lang);
}

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
static void dump(FILE *f, ts_lang lang, const char *indent, const uint8_t *p, size_t n,
                 size_t max)
{
    if (max > 0 && n > max) {
        ts_hex_dump(f, indent, p, max);
        fprintf(f, ts_tr(lang, "%s... (%zu more bytes)\n"), indent, n - max);
    } else {
        ts_hex_dump(f, indent, p, n);
    }
}

/* Field names stay as the RFCs write them; their values' words (notes
 * such as "8 (4 suites)") are the engine's English, translated. */
static void print_fields(FILE *f, ts_lang lang, const ts_fields *fl, const char *indent)
{
    for (size_t i = 0; i < fl->n; i++) {
        const ts_field *it = &fl->items[i];
        int pad = 2 * it->depth;
        char buf[TEXT_MAX];
        fprintf(f, "%s%*s%-*s %s  [%zu+%zu]\n", indent, pad, "", 30 - pad, it->name,
                ts_tr_text(lang, it->value, buf, sizeof(buf)), it->offset, it->len);
    }
}

const ts_suite *ts_transcript_agreed(const ts_session *s)
{
    const ts_suite *agreed = ts_conn_suite(ts_session_conn(s, TS_SIDE_SERVER));
    return agreed != NULL ? agreed : ts_conn_suite(ts_session_conn(s, TS_SIDE_CLIENT));
}

static void print_options(FILE *f, ts_lang lang, const ts_session *s)
{
    const ts_session_config *c = ts_session_config_of(s);
    fprintf(f, ts_tr(lang, "seed: %s\n"), c->seed);
    fprintf(f, ts_tr(lang, "suite: %s (%s, 0x%04x)\n"), c->suite->iana_name, c->suite->cli_name,
            c->suite->code);
    const ts_suite *agreed = ts_transcript_agreed(s);
    if (agreed != NULL) {
        fprintf(f, ts_tr(lang, "version: %s (0x%04x)\n"), ts_version_name(agreed->version),
                agreed->version);
    } else {
        fputs(ts_tr(lang, "version: none agreed\n"), f);
    }
    fprintf(f, ts_tr(lang, "bits: %u\n"), c->bits);
    fprintf(f, "%s\n", c->ems ? ts_tr(lang, "ems: on") : ts_tr(lang, "ems: off"));
    if (!c->no_verify && !c->skip_ske_check && !c->lax_pkcs1) {
        fprintf(f, "%s\n", ts_tr(lang, "flaws: none"));
    } else {
        /* the flaws are named by their options, in every language */
        fprintf(f, ts_tr(lang, "flaws: %s%s%s\n"), c->no_verify ? "no-verify " : "",
                c->skip_ske_check ? "skip-ske-check " : "", c->lax_pkcs1 ? "lax-pkcs1 " : "");
    }
    if (c->client_auth != TS_CLIENT_AUTH_NONE) {
        /* the mode and the certificate are named by their option values */
        fprintf(f, ts_tr(lang, "client auth: %s, client certificate: %s\n"),
                ts_client_auth_name(c->client_auth), ts_client_cert_name(c->client_cert));
    }
    char when[32];
    ts_x509_time_format(c->now, when);
    fprintf(f, ts_tr(lang, "host: %s\nclock: %s (%lld)\n"), c->host, when, (long long)c->now);
    fprintf(f, ts_tr(lang, "payload: %s, %zu bytes\n"), c->payload_name,
            ts_session_payload(s)->len);
    for (size_t i = 0; i < ts_session_action_count(s); i++) {
        const ts_action *a = ts_session_action(s, i);
        static const char *const kinds[] = {N_("action: tamper record %zu"),
                                            N_("action: drop record %zu"),
                                            N_("action: replay record %zu"),
                                            N_("action: edit record %zu")};
        fprintf(f, ts_tr(lang, kinds[a->kind]), a->record);
        if (a->kind == TS_ACT_TAMPER) {
            fprintf(f, ts_tr(lang, " byte %zu xor %02x"), a->offset, a->xor_mask);
        } else if (a->kind == TS_ACT_EDIT) {
            fprintf(f, ts_tr(lang, " (%zu bytes)"), a->len);
        }
        fprintf(f, "%s\n", ts_session_action_applied(s, i) ? "" : ts_tr(lang, " (never applied)"));
    }
}

static void print_diffs(FILE *f, ts_lang lang, const ts_chan_record *r)
{
    if (r->sent.len != r->delivered.len) {
        fprintf(f, ts_tr(lang, "    length changed: %zu -> %zu bytes\n"), r->sent.len,
                r->delivered.len);
    }
    size_t n = r->sent.len < r->delivered.len ? r->sent.len : r->delivered.len;
    size_t shown = 0, total = 0;
    for (size_t i = 0; i < n; i++) {
        if (r->sent.data[i] != r->delivered.data[i]) {
            if (shown++ < MAX_DIFFS) {
                fprintf(f, ts_tr(lang, "    changed byte %zu: %02x -> %02x\n"), i,
                        r->sent.data[i], r->delivered.data[i]);
            }
            total++;
        }
    }
    if (total > MAX_DIFFS) {
        fprintf(f, ts_tr(lang, "    ... %zu bytes changed in all\n"), total);
    }
}

/* The bracketed status of a record's header line, as seen from view. */
static void print_status(FILE *f, ts_lang lang, const ts_chan_record *r, ts_side view)
{
    if (view != TS_SIDE_CHANNEL) {
        fprintf(f, "%s", ts_tr(lang, ts_transcript_direction(r, view)));
        return;
    }
    fprintf(f, "%s%s%s", ts_tr(lang, ts_rec_status_name(r->status)),
            r->tampered ? ts_tr(lang, ", tampered") : "",
            r->origin == TS_REC_REPLAYED   ? ts_tr(lang, ", replayed copy")
            : r->origin == TS_REC_INJECTED ? ts_tr(lang, ", injected")
                                           : "");
}

/* "  plaintext opened by the client (seq N": who opened or sealed it. */
static const char *plaintext_head(ts_lang lang, bool opened, bool by_client)
{
    if (opened) {
        return by_client ? ts_tr(lang, "  plaintext opened by the client (seq %llu")
                         : ts_tr(lang, "  plaintext opened by the server (seq %llu");
    }
    return by_client ? ts_tr(lang, "  plaintext sealed by the client (seq %llu")
                     : ts_tr(lang, "  plaintext sealed by the server (seq %llu");
}

/* TLS 1.3: what the record's TLSInnerPlaintext held, and its nonce as the
 * IV XOR the sequence number (RFC 8446 §5.2, §5.3). */
static void print_inner(FILE *f, ts_lang lang, const ts_chan_record *r)
{
    if (r->inner_type == 0) {
        return;
    }
    fprintf(f, ts_tr(lang, "    TLSInnerPlaintext: %zu bytes of content, type %s (%u), %zu bytes "
                           "of padding\n"),
            r->plaintext.len, ts_record_type_name(r->inner_type), r->inner_type, r->padding_len);
    uint8_t iv[12];
    if (ts_chan_record_iv(r, iv)) {
        char nonce[25], ivh[25];
        ts_hex_encode(r->nonce, sizeof(iv), nonce);
        ts_hex_encode(iv, sizeof(iv), ivh);
        fprintf(f, ts_tr(lang, "    nonce %s = iv %s XOR seq %llu\n"), nonce, ivh,
                (unsigned long long)r->seq);
    }
}

static void print_record(FILE *f, ts_lang lang, const ts_chan *ch, ts_side view,
                         const ts_step *st)
{
    const ts_chan_record *r = ts_chan_get(ch, st->record);
    if (r == NULL) {
        return;
    }
    uint8_t real_type = r->inner_type != 0 ? r->inner_type : r->content_type;
    size_t max = real_type == TS_CT_APPLICATION_DATA ? APPDATA_DUMP_MAX : 0;
    char outer[96];
    if (r->inner_type != 0) {
        /* TLS 1.3: the header says application_data, whatever is inside */
        snprintf(outer, sizeof(outer), ts_tr(lang, "%s (%s inside)"),
                 ts_record_type_name(r->content_type), ts_record_type_name(r->inner_type));
    } else {
        snprintf(outer, sizeof(outer), "%s", ts_record_type_name(r->content_type));
    }
    fprintf(f, ts_tr(lang, "\n#%zu %s  %s  %s  %zu bytes  ["), r->number,
            ts_tr(lang, ts_dir_arrow(r->dir)), outer, r->type_name, r->sent.len);
    print_status(f, lang, r, view);
    fprintf(f, "]\n");
    if (r->copy_of > 0) {
        fprintf(f, ts_tr(lang, "  copy of record #%zu\n"), r->copy_of);
    }
    print_fields(f, lang, &r->fields, "    ");
    fprintf(f, "%s\n", r->tampered ? ts_tr(lang, "  sent:") : ts_tr(lang, "  bytes:"));
    dump(f, lang, "    ", r->sent.data, r->sent.len, max);
    if (r->tampered) {
        fprintf(f, "%s\n", ts_tr(lang, "  delivered:"));
        dump(f, lang, "    ", r->delivered.data, r->delivered.len, max);
        print_diffs(f, lang, r);
    }
    if (r->has_plain && r->protected_record) {
        bool c2s = r->dir == TS_DIR_C2S;
        fprintf(f, plaintext_head(lang, r->opened, c2s != r->opened),
                (unsigned long long)r->seq);
        if (r->nonce_len > 0) {
            char hex[2 * sizeof(r->nonce) + 1];
            ts_hex_encode(r->nonce, r->nonce_len, hex);
            fprintf(f, ts_tr(lang, ", nonce %s"), hex);
        }
        if (r->tag_len > 0) {
            char hex[2 * sizeof(r->tag) + 1];
            ts_hex_encode(r->tag, r->tag_len, hex);
            fprintf(f, r->tag_len == 32 ? ts_tr(lang, ", mac %s") : ts_tr(lang, ", tag %s"), hex);
        }
        fprintf(f, ts_tr(lang, "), %zu bytes:\n"), r->plaintext.len);
        print_inner(f, lang, r);
        print_fields(f, lang, &r->plain_fields, "    ");
        dump(f, lang, "    ", r->plaintext.data, r->plaintext.len, max);
    }
}

static void print_input(FILE *f, ts_lang lang, const ts_ev_input *in)
{
    if (in->text) {
        fprintf(f, ts_tr(lang, "       input %s: \"%.*s\"\n"), in->name, (int)in->len,
                (const char *)in->data);
        return;
    }
    size_t n = in->len > INPUT_HEX_MAX ? INPUT_HEX_MAX : in->len;
    char *hex = ts_hex_strdup(in->data, n);
    fprintf(f, ts_tr(lang, "       input %s (%zu bytes): %s%s\n"), in->name, in->len,
            hex != NULL ? hex : "", n < in->len ? "..." : "");
    free(hex);
}

static void print_value(FILE *f, ts_lang lang, const ts_step *st)
{
    const ts_event *ev = &st->ev;
    const char *side = ts_tr(lang, ts_side_name(ev->side));
    const char *name = shown_name(ev->name != NULL ? ev->name : "", lang);
    fprintf(f, ev->secret ? ts_tr(lang, "[%zu] %s derives %s (%zu bytes, secret)\n")
                          : ts_tr(lang, "[%zu] %s derives %s (%zu bytes)\n"),
            st->index, side, name, ev->value_len);
    char buf[TEXT_MAX];
    if (ev->how != NULL) {
        fprintf(f, ts_tr(lang, "       how: %s\n"), ts_tr_text(lang, ev->how, buf, sizeof(buf)));
    }
    if (ev->formula != NULL) {
        fprintf(f, ts_tr(lang, "       formula: %s\n"),
                ts_tr_text(lang, ev->formula, buf, sizeof(buf)));
    }
    for (size_t i = 0; i < ev->n_inputs; i++) {
        print_input(f, lang, &ev->inputs[i]);
    }
    char *cmds[TS_REPRO_TOOL_COUNT];
    size_t nc = ts_reproduce_commands(ev, cmds, TS_REPRO_TOOL_COUNT);
    for (size_t i = 0; i < nc; i++) {
        fprintf(f, "       %s %s\n", ts_tr(lang, "reproduce:"), cmds[i]);
        free(cmds[i]);
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
    return r->dir == ours ? N_("sent") : N_("received");
}

void ts_transcript_write_step(FILE *f, const ts_chan *ch, ts_side view, const ts_step *st,
                              ts_lang lang)
{
    const ts_event *ev = &st->ev;
    const char *side = ts_tr(lang, ts_side_name(ev->side));
    const char *name = ev->name != NULL ? ev->name : "";
    char buf[TEXT_MAX];
    const char *how = ev->how != NULL ? ts_tr_text(lang, ev->how, buf, sizeof(buf)) : NULL;
    switch (ev->kind) {
    case TS_EV_RECORD:
        print_record(f, lang, ch, view, st);
        break;
    case TS_EV_MESSAGE:
        fprintf(f, ts_tr(lang, "[%zu] %s writes %s (%zu bytes)\n"), st->index, side,
                shown_name(name, lang), ev->value_len);
        break;
    case TS_EV_SEALED:
        /* name: the record's content type, a protocol name */
        fprintf(f, ev->protected_record
                       ? ts_tr(lang, "[%zu] %s seals record #%zu: %s, %zu bytes of plaintext, "
                                     "protected\n")
                       : ts_tr(lang, "[%zu] %s seals record #%zu: %s, %zu bytes of plaintext, "
                                     "in the clear\n"),
                st->index, side, st->record, name, ev->value_len);
        break;
    case TS_EV_PARSED:
        fprintf(f, ts_tr(lang, "[%zu] %s reads %s (%zu bytes)\n"), st->index, side,
                shown_name(name, lang), ev->value_len);
        break;
    case TS_EV_VALUE:
        print_value(f, lang, st);
        break;
    case TS_EV_CHECK:
        if (how != NULL) {
            fprintf(f, ev->ok ? ts_tr(lang, "[%zu] %s checks %s: ok - %s\n")
                              : ts_tr(lang, "[%zu] %s checks %s: FAILED - %s\n"),
                    st->index, side, shown_name(name, lang), how);
        } else {
            fprintf(f, ev->ok ? ts_tr(lang, "[%zu] %s checks %s: ok\n")
                              : ts_tr(lang, "[%zu] %s checks %s: FAILED\n"),
                    st->index, side, shown_name(name, lang));
        }
        break;
    case TS_EV_ALERT_SENT:
    case TS_EV_ALERT_RECEIVED:
        /* name: the alert's name, a protocol name */
        fprintf(f, ev->kind == TS_EV_ALERT_SENT ? ts_tr(lang, "[%zu] %s sends alert %s %s (%u)\n")
                                                : ts_tr(lang, "[%zu] %s receives alert %s %s "
                                                              "(%u)\n"),
                st->index, side, ts_tr(lang, ts_transcript_alert_level(ev->alert_level)), name,
                ev->alert);
        break;
    case TS_EV_WIPE:
        if (how != NULL) {
            fprintf(f, ts_tr(lang, "[%zu] %s wipes %s: %s\n"), st->index, side,
                    shown_name(name, lang), how);
        } else {
            fprintf(f, ts_tr(lang, "[%zu] %s wipes %s\n"), st->index, side,
                    shown_name(name, lang));
        }
        break;
    case TS_EV_DONE:
        if (how != NULL) {
            fprintf(f, ts_tr(lang, "[%zu] %s done: %s - %s\n"), st->index, side,
                    shown_name(name, lang), how);
        } else {
            fprintf(f, ts_tr(lang, "[%zu] %s done: %s\n"), st->index, side,
                    shown_name(name, lang));
        }
        break;
    default:
        fprintf(f, "[%zu] %s %s %s\n", st->index, side, ts_ev_kind_name(ev->kind), name);
        break;
    }
}

void ts_transcript_result_line_lang(const ts_session *s, ts_lang lang, char *out, size_t cap)
{
    const ts_result *r = ts_session_result(s);
    char reason[TEXT_MAX];
    const char *why = ts_tr_text(lang, r->reason, reason,
                                 sizeof(reason));
    switch (r->kind) {
    case TS_RESULT_OK:
        snprintf(out, cap, "%s", ts_tr(lang, "ok"));
        break;
    case TS_RESULT_ALERT:
        snprintf(out, cap, ts_tr(lang, "%s (sent by %s: %s)"), r->alert_name,
                 ts_tr(lang, ts_side_name(r->alert_from)), why);
        break;
    default:
        snprintf(out, cap, "%s (%s)", ts_tr(lang, ts_result_kind_name(r->kind)), why);
        break;
    }
}

void ts_transcript_result_line(const ts_session *s, char *out, size_t cap)
{
    ts_transcript_result_line_lang(s, TS_LANG_EN, out, cap);
}

ts_err ts_transcript_write_lang(FILE *f, const ts_session *s, ts_lang lang)
{
    TS_ENSURE(f != NULL && s != NULL && ts_session_trace(s) != NULL && lang < TS_LANG_COUNT,
              TS_ERR_ARG);
    print_options(f, lang, s);
    fputc('\n', f);
    const ts_chan *ch = ts_session_chan(s);
    for (size_t i = 0; i < ts_session_count(s); i++) {
        ts_transcript_write_step(f, ch, TS_SIDE_CHANNEL, ts_session_get_step(s, i), lang);
    }
    for (size_t n = 1; n <= ts_chan_count(ch); n++) {
        const ts_chan_record *r = ts_chan_get(ch, n);
        if (r->status == TS_REC_IN_FLIGHT || r->status == TS_REC_SEALED) {
            fprintf(f, ts_tr(lang, "never delivered: #%zu %s %s (%zu bytes)\n"), n,
                    ts_tr(lang, ts_dir_arrow(r->dir)), r->type_name, r->sent.len);
        }
    }
    const ts_result *r = ts_session_result(s);
    char line[2 * TEXT_MAX];
    ts_transcript_result_line_lang(s, lang, line, sizeof(line));
    fprintf(f, ts_tr(lang, "\nreceived: %zu bytes, sha256 "), r->payload_bytes);
    char hex[65];
    ts_hex_encode(r->payload_sha256, sizeof(r->payload_sha256), hex);
    fprintf(f, "%s%s\n", hex, r->payload_intact ? ts_tr(lang, " (intact)") : "");
    fprintf(f, ts_tr(lang, "result: %s\n"), line);
    return ferror(f) ? TS_ERR_IO : TS_OK;
}

ts_err ts_transcript_write(FILE *f, const ts_session *s)
{
    return ts_transcript_write_lang(f, s, TS_LANG_EN);
}

ts_err ts_transcript_text_lang(const ts_session *s, ts_lang lang, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    FILE *f = open_memstream(text, len);
    TS_ENSURE(f != NULL, TS_ERR_NOMEM);
    ts_err err = ts_transcript_write_lang(f, s, lang);
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

ts_err ts_transcript_text(const ts_session *s, char **text, size_t *len)
{
    return ts_transcript_text_lang(s, TS_LANG_EN, text, len);
}
