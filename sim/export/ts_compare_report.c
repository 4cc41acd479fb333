/* ts_compare_report: TLS 1.2 beside TLS 1.3, as text and as JSON. */
#include "export/ts_compare_report.h"

#include <stdlib.h>
#include <string.h>

#include "base/ts_i18n.h"
#include "base/ts_text.h"
#include "export/ts_json.h"
#include "export/ts_transcript.h"
#include "simulation/ts_steps.h"

#define CELL 96
#define LINE 1024
#define WIDTH 78 /* text is wrapped to this many columns */

/* Writes text word-wrapped to WIDTH columns, each line after the first
 * indented by indent spaces (the first starts at column at). */
static void wrap(FILE *f, const char *text, size_t at, size_t indent)
{
    size_t col = at;
    bool first = true;
    while (*text != '\0') {
        size_t n = strcspn(text, " ");
        size_t w = ts_text_width(text, n);
        if (!first && col + 1 + w > WIDTH) {
            fprintf(f, "\n%*s", (int)indent, "");
            col = indent;
        } else if (!first) {
            fputc(' ', f);
            col++;
        }
        fwrite(text, 1, n, f);
        col += w;
        first = false;
        text += n;
        text += strspn(text, " ");
    }
    fputc('\n', f);
}

const char *ts_compare_report_cell(const ts_cmp_msg *m, ts_lang lang, char *out, size_t cap)
{
    if (!m->present) {
        snprintf(out, cap, "%s", "");
        return out;
    }
    char num[24] = "";
    if (m->record != 0) {
        snprintf(num, sizeof(num), " #%zu", m->record);
    }
    snprintf(out, cap, "%s %s%s%s", m->from == TS_SIDE_CLIENT ? "→" : "←",
             ts_steps_label(m->name, lang), num, m->encrypted ? " *" : "");
    return out;
}

/* Writes s padded with spaces to width columns (wide characters count 2). */
static void pad(FILE *f, const char *s, size_t width)
{
    size_t w = ts_text_width(s, strlen(s));
    fputs(s, f);
    for (; w < width; w++) {
        fputc(' ', f);
    }
}

static void rows(FILE *f, const ts_compare *c, ts_lang lang)
{
    char cell[CELL], text[LINE];
    size_t width = ts_text_width("TLS 1.2", 7);
    for (size_t r = 0; r < c->n_rows; r++) {
        ts_compare_report_cell(&c->rows[r].m[TS_CMP_12], lang, cell, sizeof(cell));
        size_t w = ts_text_width(cell, strlen(cell));
        width = w > width ? w : width;
    }
    wrap(f, ts_tr(lang, "The messages, lined up where they correspond (→ client to server, ← "
                        "server to client, #N record, * encrypted):"), 0, 0);
    fputs("     ", f);
    pad(f, "TLS 1.2", width + 3);
    fputs("TLS 1.3\n", f);
    for (size_t r = 0; r < c->n_rows; r++) {
        const ts_cmp_row *row = &c->rows[r];
        fprintf(f, "%3zu  ", r + 1);
        ts_compare_report_cell(&row->m[TS_CMP_12], lang, cell, sizeof(cell));
        if (row->m[TS_CMP_13].present) {
            pad(f, cell, width + 3);
            fprintf(f, "%s\n", ts_compare_report_cell(&row->m[TS_CMP_13], lang, cell, sizeof(cell)));
        } else {
            fprintf(f, "%s\n", cell);
        }
        if (row->note != NULL) {
            fputs("       ", f);
            wrap(f, ts_tr_text(lang, row->note, text, sizeof(text)), 7, 7);
        }
    }
}

/* ", "-separated people's words for names, joined by sep, into out. */
static const char *names(char *out, size_t cap, const char *const *list, size_t n, const char *sep,
                         ts_lang lang)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && len < cap; i++) {
        int w = snprintf(out + len, cap - len, "%s%s", i > 0 ? sep : "",
                         ts_steps_label(list[i], lang));
        len += w > 0 ? (size_t)w : 0;
    }
    if (n == 0) {
        snprintf(out, cap, "%s", ts_tr(lang, "none"));
    }
    return out;
}

const char *ts_compare_report_signature(const ts_compare *c, ts_cmp_ver v, ts_lang lang, char *out,
                                        size_t cap)
{
    const ts_cmp_side *s = &c->v[v];
    char formula[LINE], signs[LINE];
    if (s->sig_message == NULL || s->sig == NULL) {
        snprintf(out, cap, "%s",
                 ts_tr(lang, s->kx_rsa ? N_("none: with RSA key exchange the server proves its "
                                            "key by decrypting the premaster secret (its "
                                            "Finished could not be right otherwise)")
                                       : N_("none was sent in this run")));
        return out;
    }
    const char *how = ts_tr_text(lang, s->sig->ev.formula, formula, sizeof(formula));
    if (s->sig_digest != NULL) {
        snprintf(out, cap, ts_tr(lang, "in %s: %s, where the digest is %s"),
                 ts_steps_label(s->sig_message, lang), how,
                 ts_tr_text(lang, s->sig_digest->ev.formula, signs, sizeof(signs)));
    } else {
        snprintf(out, cap, ts_tr(lang, "in %s: %s"), ts_steps_label(s->sig_message, lang), how);
    }
    return out;
}

static void keys(FILE *f, const ts_cmp_side *s, ts_lang lang)
{
    char text[LINE], line[2 * LINE];
    if (s->kx == NULL) {
        fputs("    ", f);
        wrap(f, ts_tr(lang, s->kx_who), 4, 6);
        return;
    }
    snprintf(line, sizeof(line), "%s = %s", ts_steps_label(s->kx->ev.name, lang),
             ts_tr_text(lang, s->kx->ev.formula, text, sizeof(text)));
    fputs("    ", f);
    wrap(f, line, 4, 6);
    snprintf(line, sizeof(line), "%s %s", ts_tr(lang, "from:"), ts_tr(lang, s->kx_who));
    fputs("    ", f);
    wrap(f, line, 4, 6);
    const char *chain[TS_CMP_MAX_CHAIN];
    for (size_t i = 1; i < s->n_chain; i++) {
        chain[i - 1] = s->chain[i]->ev.name;
    }
    snprintf(line, sizeof(line), "%s %s", ts_tr(lang, "then:"),
             names(text, sizeof(text), chain, s->n_chain > 0 ? s->n_chain - 1 : 0, " → ", lang));
    fputs("    ", f);
    wrap(f, line, 4, 6);
}

static void facts(FILE *f, const ts_compare *c, ts_lang lang)
{
    char line[LINE], list[LINE], text[2 * LINE];
    fprintf(f, "\n%s\n", ts_tr(lang, "Round trips before the client's first application data:"));
    for (int v = 0; v < TS_CMP_N; v++) {
        if (c->v[v].round_trips == 0) {
            fprintf(f, "  %s: %s\n", ts_compare_version_name((ts_cmp_ver)v),
                    ts_tr(lang, "none: the client sent no application data"));
        } else {
            fprintf(f, "  %s: %zu\n", ts_compare_version_name((ts_cmp_ver)v), c->v[v].round_trips);
        }
    }
    fprintf(f, "\n%s\n", ts_tr(lang, "Handshake messages sent encrypted:"));
    for (int v = 0; v < TS_CMP_N; v++) {
        const ts_cmp_side *s = &c->v[v];
        snprintf(text, sizeof(text), ts_tr(lang, "%s: %zu of %zu (%s)"),
                 ts_compare_version_name((ts_cmp_ver)v), s->n_encrypted,
                 s->n_encrypted + s->n_clear,
                 names(list, sizeof(list), s->encrypted, s->n_encrypted, ", ", lang));
        fputs("  ", f);
        wrap(f, text, 2, 4);
    }
    fprintf(f, "\n%s\n", ts_tr(lang, "Where the keys come from:"));
    for (int v = 0; v < TS_CMP_N; v++) {
        fprintf(f, "  %s:\n", ts_compare_version_name((ts_cmp_ver)v));
        keys(f, &c->v[v], lang);
    }
    fprintf(f, "\n%s\n", ts_tr(lang, "The server's signature:"));
    for (int v = 0; v < TS_CMP_N; v++) {
        snprintf(text, sizeof(text), "%s: %s", ts_compare_version_name((ts_cmp_ver)v),
                 ts_compare_report_signature(c, (ts_cmp_ver)v, lang, line, sizeof(line)));
        fputs("  ", f);
        wrap(f, text, 2, 4);
    }
    for (int v = 0; v < TS_CMP_N; v++) {
        fprintf(f, "\n");
        fprintf(f, ts_tr(lang, "Values only %s derives:"), ts_compare_version_name((ts_cmp_ver)v));
        fputs("\n  ", f);
        wrap(f, names(text, sizeof(text), c->v[v].only, c->v[v].n_only, ", ", lang), 2, 2);
    }
    fprintf(f, "\n%s\n", ts_tr(lang, "Result:"));
    for (int v = 0; v < TS_CMP_N; v++) {
        ts_transcript_result_line_lang(c->v[v].s, lang, line, sizeof(line));
        fprintf(f, "  %s: %s\n", ts_compare_version_name((ts_cmp_ver)v), line);
    }
}

ts_err ts_compare_report_text(FILE *f, const ts_compare *c, ts_lang lang)
{
    TS_ENSURE(f != NULL && c != NULL && lang < TS_LANG_COUNT, TS_ERR_ARG);
    fprintf(f, ts_tr(lang, "seed: %s\n"), ts_session_seed(c->v[TS_CMP_12].s));
    for (int v = 0; v < TS_CMP_N; v++) {
        const ts_suite *suite = ts_session_config_of(c->v[v].s)->suite;
        fprintf(f, "%s: %s (%s)\n", ts_compare_version_name((ts_cmp_ver)v), suite->iana_name,
                suite->cli_name);
    }
    fputc('\n', f);
    rows(f, c, lang);
    facts(f, c, lang);
    return ferror(f) ? TS_ERR_IO : TS_OK;
}

/* --- JSON --- */

static json_t *names_json(const char *const *list, size_t n, bool *ok)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        ts_json_push(a, ts_json_str(list[i]), ok);
    }
    if (a == NULL) {
        *ok = false;
    }
    return a;
}

static json_t *msg_json(const ts_cmp_msg *m, bool *ok)
{
    if (!m->present) {
        return json_null();
    }
    json_t *o = json_object();
    ts_json_put(o, "name", ts_json_str(m->name), ok);
    ts_json_put(o, "from", ts_json_str(ts_side_name(m->from)), ok);
    ts_json_put(o, "record", json_integer((json_int_t)m->record), ok);
    ts_json_put(o, "encrypted", json_boolean(m->encrypted), ok);
    return o;
}

static json_t *side_json(const ts_cmp_side *s, bool *ok)
{
    json_t *o = json_object();
    const ts_suite *suite = ts_session_config_of(s->s)->suite;
    ts_json_put(o, "suite", ts_json_str(suite->iana_name), ok);
    ts_json_put(o, "cli_name", ts_json_str(suite->cli_name), ok);
    ts_json_put_version(o, s->suite, ok);
    const ts_result *r = ts_session_result(s->s);
    ts_json_put(o, "result", ts_json_str(r->kind == TS_RESULT_ALERT ? r->alert_name
                                         : r->kind == TS_RESULT_OK ? "ok"
                                                                   : ts_result_kind_name(r->kind)),
                ok);
    ts_json_put(o, "round_trips", json_integer((json_int_t)s->round_trips), ok);
    ts_json_put(o, "encrypted", names_json(s->encrypted, s->n_encrypted, ok), ok);
    ts_json_put(o, "clear", names_json(s->clear, s->n_clear, ok), ok);
    json_t *k = json_object();
    ts_json_put(k, "from", s->kx != NULL ? ts_json_str(s->kx->ev.name) : json_null(), ok);
    ts_json_put(k, "formula", s->kx != NULL ? ts_json_str(s->kx->ev.formula) : json_null(), ok);
    ts_json_put(k, "who", ts_json_str(s->kx_who), ok);
    json_t *chain = json_array();
    for (size_t i = 0; i < s->n_chain; i++) {
        ts_json_push(chain, ts_json_str(s->chain[i]->ev.name), ok);
    }
    ts_json_put(k, "chain", chain, ok);
    ts_json_put(o, "keys", k, ok);
    json_t *sig = json_object();
    bool has = s->sig_message != NULL && s->sig != NULL;
    ts_json_put(sig, "message", has ? ts_json_str(s->sig_message) : json_null(), ok);
    ts_json_put(sig, "formula", has ? ts_json_str(s->sig->ev.formula) : json_null(), ok);
    ts_json_put(sig, "signs",
                has && s->sig_digest != NULL ? ts_json_str(s->sig_digest->ev.formula) : json_null(),
                ok);
    ts_json_put(o, "signature", sig, ok);
    ts_json_put(o, "only", names_json(s->only, s->n_only, ok), ok);
    return o;
}

ts_err ts_compare_report_json(const ts_compare *c, char **out)
{
    TS_ENSURE(c != NULL && out != NULL, TS_ERR_ARG);
    bool ok = true;
    json_t *root = json_object();
    TS_ENSURE(root != NULL, TS_ERR_NOMEM);
    ts_json_put(root, "seed", ts_json_str(ts_session_seed(c->v[TS_CMP_12].s)), &ok);
    ts_json_put(root, "tls12", side_json(&c->v[TS_CMP_12], &ok), &ok);
    ts_json_put(root, "tls13", side_json(&c->v[TS_CMP_13], &ok), &ok);
    json_t *rows = json_array();
    for (size_t r = 0; r < c->n_rows; r++) {
        json_t *o = json_object();
        ts_json_put(o, "tls12", msg_json(&c->rows[r].m[TS_CMP_12], &ok), &ok);
        ts_json_put(o, "tls13", msg_json(&c->rows[r].m[TS_CMP_13], &ok), &ok);
        ts_json_put(o, "note", c->rows[r].note != NULL ? ts_json_str(c->rows[r].note) : json_null(),
                    &ok);
        ts_json_push(rows, o, &ok);
    }
    ts_json_put(root, "rows", rows, &ok);
    return ts_json_finish(root, ok, out);
}
