/* ts_html: the handout page of a run: head with the inline style sheet,
 * the table of contents, the run's options and result, the diagram, the
 * tampered run beside the untampered one, every step with the lesson's
 * narration before the step it belongs to, the certificates, the script. */
#include "export/ts_html.h"

#include <stdlib.h>
#include <string.h>

#include "base/ts_file.h"
#include "crypto/ts_x509.h"
#include "export/internal/ts_html_out.h"
#include "export/ts_transcript.h"
#include "tls/msg/ts_msg_handshake.h"
#include "tls/ts_record.h"

#define RESULT_MAX 512

typedef struct {
    FILE *f;
    const ts_session *s;
    const ts_html_opts *o;
    ts_lang lang;
    size_t next_note;
} page;

static void kv(FILE *f, ts_lang lang, const char *label, const char *value)
{
    fputs("<dt>", f);
    ts_html_tr(f, lang, label);
    fputs("</dt><dd>", f);
    ts_html_str(f, value);
    fputs("</dd>", f);
}

static void head(page *p)
{
    FILE *f = p->f;
    const ts_session_config *c = ts_session_config_of(p->s);
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\" data-copy=\"", ts_lang_code(p->lang));
    ts_html_tr(f, p->lang, N_("Copy"));
    fputs("\" data-copied=\"", f);
    ts_html_tr(f, p->lang, N_("Copied"));
    fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    ts_html_fmt(f, ts_tr(p->lang, "tlsstep handout: %s, seed %s"), c->suite->iana_name, c->seed);
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>", ts_html_css);
    ts_html_tr(f, p->lang, N_("A TLS run, byte by byte"));
    fputs("</h1>\n<p>", f);
    ts_html_fmt(f, ts_tr(p->lang, "%s, seed %s"), c->suite->iana_name, c->seed);
    if (p->o->lesson_id != NULL) {
        fputs(" · ", f);
        ts_html_fmt(f, ts_tr(p->lang, "lesson %s"), p->o->lesson_id);
        if (p->o->lesson_title != NULL) {
            fputs(": ", f);
            ts_html_str(f, p->o->lesson_title);
        }
    }
    fputs("</p>\n</header>\n", f);
}

static void toc_item(FILE *f, ts_lang lang, const char *id, const char *label)
{
    fprintf(f, "<li><a href=\"#%s\">", id);
    ts_html_tr(f, lang, label);
    fputs("</a></li>\n", f);
}

static void toc(page *p)
{
    FILE *f = p->f;
    fputs("<nav aria-labelledby=\"toc-h\"><h2 id=\"toc-h\" class=\"first\">", f);
    ts_html_tr(f, p->lang, N_("Contents"));
    fputs("</h2>\n<ol>\n", f);
    toc_item(f, p->lang, "run", N_("The run"));
    toc_item(f, p->lang, "diagram", N_("Sequence diagram"));
    if (ts_session_action_count(p->s) > 0) {
        toc_item(f, p->lang, "tamper", N_("This run beside the same run untampered"));
    }
    fputs("<li><a href=\"#steps\">", f);
    ts_html_tr(f, p->lang, N_("Step by step"));
    fputs("</a>\n<ol>\n", f);
    const ts_chan *ch = ts_session_chan(p->s);
    for (size_t k = 1; k <= ts_chan_count(ch); k++) {
        const ts_chan_record *r = ts_chan_get(ch, k);
        fprintf(f, "<li><a href=\"#rec-%zu\">#%zu ", k, k);
        ts_html_str(f, r->type_name);
        fputs("</a></li>\n", f);
    }
    fputs("</ol></li>\n", f);
    toc_item(f, p->lang, "certs", N_("Certificates"));
    toc_item(f, p->lang, "result", N_("Result"));
    fputs("</ol>\n</nav>\n", f);
}

static void run_facts(page *p)
{
    FILE *f = p->f;
    const ts_session_config *c = ts_session_config_of(p->s);
    const ts_suite *agreed = ts_transcript_agreed(p->s);
    char num[64], when[32];
    fputs("<section id=\"run\" aria-labelledby=\"run-h\"><h2 id=\"run-h\" class=\"first\">", f);
    ts_html_tr(f, p->lang, N_("The run"));
    fputs("</h2>\n<dl class=\"kv\">", f);
    kv(f, p->lang, N_("seed"), c->seed);
    kv(f, p->lang, N_("suite"), c->suite->iana_name);
    kv(f, p->lang, N_("version"), agreed != NULL ? ts_version_name(agreed->version) : "-");
    snprintf(num, sizeof(num), "%u", c->bits);
    kv(f, p->lang, N_("RSA bits"), num);
    kv(f, p->lang, N_("host"), c->host);
    ts_x509_time_format(c->now, when);
    kv(f, p->lang, N_("clock"), when);
    snprintf(num, sizeof(num), "%zu", ts_session_payload(p->s)->len);
    fputs("<dt>", f);
    ts_html_tr(f, p->lang, N_("file served"));
    fputs("</dt><dd>", f);
    ts_html_str(f, c->payload_name);
    fputs(", ", f);
    ts_html_fmt(f, ts_tr(p->lang, "%zu bytes"), ts_session_payload(p->s)->len);
    fputs("</dd>", f);
    char line[RESULT_MAX];
    ts_transcript_result_line_lang(p->s, p->lang, line, sizeof(line));
    kv(f, p->lang, N_("result"), line);
    fputs("</dl>\n</section>\n", f);
}

static void diagram(page *p)
{
    FILE *f = p->f;
    fputs("<section id=\"diagram\" aria-labelledby=\"diagram-h\"><h2 id=\"diagram-h\">", f);
    ts_html_tr(f, p->lang, N_("Sequence diagram"));
    fputs("</h2>\n<figure>\n", f);
    ts_html_svg(f, ts_session_chan(p->s), p->lang, "rec-", "diagram");
    fputs("<figcaption>", f);
    ts_html_tr(f, p->lang, N_("Records are numbered in the order they were written. A dashed "
                              "arrow marked [encrypted] is a protected record; a thick arrow "
                              "with a cross marked [tampered] was changed on the way; an arrow "
                              "that stops half-way was dropped. Each arrow links to the "
                              "record's bytes."));
    fputs("</figcaption>\n</figure>\n</section>\n", f);
}

/* A note: its title, then its spans in paragraphs and lines. */
static void note(page *p, const ts_html_note *n)
{
    FILE *f = p->f;
    fputs("<aside class=\"note\">", f);
    if (n->title != NULL && n->title[0] != '\0') {
        fputs("<h3>", f);
        ts_html_str(f, n->title);
        fputs("</h3>", f);
    }
    fputs("<p>", f);
    for (size_t i = 0; i < n->n_spans; i++) {
        const ts_html_span *sp = &n->spans[i];
        if (sp->style & TS_HTML_PARA) {
            fputs("</p>\n<p>", f);
        } else if ((sp->style & TS_HTML_LINE) && i > 0) {
            fputs("<br>\n", f);
        }
        const char *open = sp->style & TS_HTML_CODE ? "<code>"
                           : sp->style & TS_HTML_BOLD ? "<strong>"
                           : sp->style & TS_HTML_EMPH ? "<em>"
                                                      : "";
        const char *close = sp->style & TS_HTML_CODE ? "</code>"
                            : sp->style & TS_HTML_BOLD ? "</strong>"
                            : sp->style & TS_HTML_EMPH ? "</em>"
                                                       : "";
        fputs(open, f);
        ts_html_str(f, sp->text);
        fputs(close, f);
    }
    fputs("</p></aside>\n", f);
}

/* The notes for step k (TS_HTML_INTRO: the introduction). */
static void notes_for(page *p, size_t k, bool *in_list)
{
    while (p->next_note < p->o->n_notes && (p->o->notes[p->next_note].step == k ||
                                            (k != TS_HTML_INTRO &&
                                             p->o->notes[p->next_note].step < k))) {
        if (*in_list) {
            fputs("</ol>\n", p->f);
            *in_list = false;
        }
        note(p, &p->o->notes[p->next_note++]);
    }
}

static bool is_appdata(const ts_chan_record *r)
{
    uint8_t t = r->inner_type != 0 ? r->inner_type : r->content_type;
    return t == TS_CT_APPLICATION_DATA;
}

static void steps(page *p)
{
    FILE *f = p->f;
    const ts_trace *t = ts_session_trace(p->s);
    const ts_chan *ch = ts_session_chan(p->s);
    fputs("<section id=\"steps\" aria-labelledby=\"steps-h\"><h2 id=\"steps-h\">", f);
    ts_html_tr(f, p->lang, N_("Step by step"));
    fputs("</h2>\n", f);
    bool in_list = false, seen_app = false;
    notes_for(p, TS_HTML_INTRO, &in_list);
    for (size_t i = 0; i < ts_trace_count(t); i++) {
        const ts_step *st = ts_trace_get(t, i);
        notes_for(p, i, &in_list);
        bool block = st->ev.kind == TS_EV_VALUE ||
                     (st->ev.kind == TS_EV_RECORD && ts_chan_get(ch, st->record) != NULL);
        if (block && in_list) {
            fputs("</ol>\n", f);
            in_list = false;
        } else if (!block && !in_list) {
            fputs("<ol class=\"steps\">\n", f);
            in_list = true;
        }
        if (st->ev.kind == TS_EV_VALUE) {
            ts_html_value(f, st, p->lang);
        } else if (block) {
            const ts_chan_record *r = ts_chan_get(ch, st->record);
            bool fold = is_appdata(r) && seen_app;
            seen_app = seen_app || is_appdata(r);
            ts_html_record(f, r, p->lang, fold);
        } else {
            ts_html_step_line(f, st, p->lang);
        }
    }
    if (in_list) {
        fputs("</ol>\n", f);
    }
    fputs("</section>\n", f);
}

static void certs(page *p)
{
    fputs("<section id=\"certs\" aria-labelledby=\"certs-h\"><h2 id=\"certs-h\">", p->f);
    ts_html_tr(p->f, p->lang, N_("Certificates"));
    fputs("</h2>\n", p->f);
    ts_html_certs(p->f, p->s, p->lang);
    fputs("</section>\n", p->f);
}

static void result(page *p)
{
    FILE *f = p->f;
    const ts_result *r = ts_session_result(p->s);
    char line[RESULT_MAX];
    fputs("<section id=\"result\" aria-labelledby=\"result-h\"><h2 id=\"result-h\">", f);
    ts_html_tr(f, p->lang, N_("Result"));
    fprintf(f, "</h2>\n<p class=\"%s\"><strong>", r->kind == TS_RESULT_OK ? "okc" : "fail");
    ts_transcript_result_line_lang(p->s, p->lang, line, sizeof(line));
    ts_html_str(f, line);
    fputs("</strong></p>\n<dl class=\"kv\">", f);
    fputs("<dt>", f);
    ts_html_tr(f, p->lang, N_("file received"));
    fputs("</dt><dd>", f);
    ts_html_fmt(f, ts_tr(p->lang, "%zu bytes"), r->payload_bytes);
    fputs(", ", f);
    ts_html_tr(f, p->lang, r->payload_intact ? N_("intact") : N_("not as served"));
    fputs("</dd><dt>SHA-256</dt><dd><code class=\"hexval\">", f);
    ts_html_hex(f, r->payload_sha256, sizeof(r->payload_sha256));
    fputs("</code></dd></dl>\n</section>\n", f);
}

ts_err ts_html_write(FILE *f, const ts_session *s, const ts_html_opts *opts)
{
    TS_ENSURE(f != NULL && s != NULL && ts_session_trace(s) != NULL, TS_ERR_ARG);
    ts_html_opts none = {.lang = TS_LANG_EN};
    page p = {.f = f, .s = s, .o = opts != NULL ? opts : &none};
    p.lang = p.o->lang < TS_LANG_COUNT ? p.o->lang : TS_LANG_EN;
    head(&p);
    toc(&p);
    fputs("<main>\n", f);
    run_facts(&p);
    diagram(&p);
    if (ts_session_action_count(s) > 0) {
        ts_html_compare(f, s, p.lang);
    }
    steps(&p);
    certs(&p);
    result(&p);
    fputs("</main>\n<footer><p>", f);
    ts_html_tr(f, p.lang, N_("Written by tlsstep, an educational TLS simulator. The same seed and "
                             "options give the same run: every value here can be recomputed "
                             "with the commands shown."));
    fprintf(f, "</p></footer>\n<script>\n%s</script>\n</body>\n</html>\n", ts_html_js);
    return ferror(f) ? TS_ERR_IO : TS_OK;
}

ts_err ts_html_file(const char *path, const ts_session *s, const ts_html_opts *opts)
{
    TS_ENSURE(path != NULL, TS_ERR_ARG);
    char *text = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&text, &n);
    TS_ENSURE(m != NULL, TS_ERR_NOMEM);
    ts_err err = ts_html_write(m, s, opts);
    if (fclose(m) != 0 && err == TS_OK) {
        err = TS_ERR_IO;
    }
    if (err == TS_OK) {
        if (strcmp(path, "-") == 0) {
            err = fwrite(text, 1, n, stdout) == n && fflush(stdout) == 0 ? TS_OK : TS_ERR_IO;
        } else {
            err = ts_file_write_atomic(path, (const uint8_t *)text, n, 0644);
        }
    }
    free(text);
    return err;
}
