/* ts_html_compare: a run with tamper, drop or replay actions beside the
 * same run untampered (a new session with the run's options and keys and
 * no actions): what the attacker did, the bytes that changed, the first
 * check that failed and at which step, the alert that followed, and both
 * sequence diagrams side by side. */
#include "export/internal/ts_html_out.h"

#include "export/ts_transcript.h"
#include "simulation/ts_session_custom.h"
#include "simulation/ts_steps.h"

#define RESULT_MAX 512

/* The untampered twin of s, run; NULL when it cannot be made. */
static ts_session *twin(const ts_session *s)
{
    ts_session *t = NULL;
    const ts_buf *server = ts_session_server_der(s), *ca = ts_session_ca_der(s);
    const ts_rsa_key *key = ts_session_server_key(s);
    if (ts_session_new(ts_session_config_of(s), &t) != TS_OK) {
        return NULL;
    }
    if ((key != NULL && ts_session_use_pki(t, key, server->data, server->len, ca->data, ca->len) !=
                            TS_OK) ||
        ts_session_run(t) != TS_OK) {
        ts_session_free(t);
        return NULL;
    }
    return t;
}

/* The first alert sent, or the first check that failed; else (the
 * record layer refuses a record without a check step) the first side that
 * finished in failure, whose step says why. */
static const ts_step *first_of(const ts_session *s, bool want_alert)
{
    const ts_trace *t = ts_session_trace(s);
    const ts_step *done = NULL;
    for (size_t i = 0; i < ts_trace_count(t); i++) {
        const ts_step *st = ts_trace_get(t, i);
        if (want_alert ? st->ev.kind == TS_EV_ALERT_SENT
                       : st->ev.kind == TS_EV_CHECK && !st->ev.ok) {
            return st;
        }
        if (done == NULL && st->ev.kind == TS_EV_DONE && !st->ev.ok) {
            done = st;
        }
    }
    return want_alert ? NULL : done;
}

/* One column: the run's result, its first failed check and first alert,
 * its diagram (links only for the run the page is about). */
static void column(FILE *f, const ts_session *s, const char *title, bool links, ts_lang lang)
{
    char line[RESULT_MAX];
    fputs("<div><h3>", f);
    ts_html_tr(f, lang, title);
    fputs("</h3>\n<dl class=\"kv\"><dt>", f);
    ts_html_tr(f, lang, N_("result"));
    fputs("</dt><dd>", f);
    ts_transcript_result_line_lang(s, lang, line, sizeof(line));
    ts_html_str(f, line);
    fputs("</dd><dt>", f);
    ts_html_tr(f, lang, N_("records"));
    fprintf(f, "</dt><dd>%zu</dd><dt>", ts_chan_count(ts_session_chan(s)));
    ts_html_tr(f, lang, N_("what failed first"));
    fputs("</dt><dd>", f);
    const ts_step *st = first_of(s, false);
    if (st == NULL) {
        ts_html_tr(f, lang, N_("none"));
    } else {
        if (links) {
            fprintf(f, "<a href=\"#step-%zu\">", st->index);
        }
        ts_html_fmt(f, ts_tr(lang, "step %zu, %s: %s"), st->index,
                    ts_tr(lang, ts_side_name(st->ev.side)),
                    ts_steps_label(st->ev.name != NULL ? st->ev.name : "", lang));
        if (links) {
            fputs("</a>", f);
        }
        if (st->ev.how != NULL) {
            fputs(" — ", f);
            ts_html_tr_text(f, lang, st->ev.how);
        }
    }
    fputs("</dd><dt>", f);
    ts_html_tr(f, lang, N_("alert that followed"));
    fputs("</dt><dd>", f);
    st = first_of(s, true);
    if (st == NULL) {
        ts_html_tr(f, lang, N_("none"));
    } else {
        if (links) {
            fprintf(f, "<a href=\"#step-%zu\">", st->index);
        }
        ts_html_fmt(f, ts_tr(lang, "step %zu, %s sends %s (%s)"), st->index,
                    ts_tr(lang, ts_side_name(st->ev.side)), st->ev.name ? st->ev.name : "",
                    ts_tr(lang, ts_transcript_alert_level(st->ev.alert_level)));
        if (links) {
            fputs("</a>", f);
        }
    }
    fputs("</dd></dl>\n<figure>", f);
    ts_html_svg(f, ts_session_chan(s), lang, links ? "rec-" : NULL, links ? "this" : "twin");
    fputs("</figure></div>\n", f);
}

static void actions(FILE *f, const ts_session *s, ts_lang lang)
{
    static const char *const kinds[] = {N_("tamper record %zu"), N_("drop record %zu"),
                                        N_("replay record %zu"), N_("edit record %zu")};
    fputs("<ul>\n", f);
    for (size_t i = 0; i < ts_session_action_count(s); i++) {
        const ts_action *a = ts_session_action(s, i);
        fputs("<li>", f);
        ts_html_fmt(f, ts_tr(lang, kinds[a->kind]), a->record);
        if (a->kind == TS_ACT_TAMPER) {
            fputs(": ", f);
            ts_html_fmt(f, ts_tr(lang, "byte %zu XOR %02x"), a->offset, a->xor_mask);
        }
        if (!ts_session_action_applied(s, i)) {
            fputs(" (", f);
            ts_html_tr(f, lang, N_("never applied"));
            fputs(")", f);
        }
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

void ts_html_compare(FILE *f, const ts_session *s, ts_lang lang)
{
    fputs("<section id=\"tamper\" aria-labelledby=\"tamper-h\"><h2 id=\"tamper-h\">", f);
    ts_html_tr(f, lang, N_("This run beside the same run untampered"));
    fputs("</h2>\n<p>", f);
    ts_html_tr(f, lang, N_("What the attacker did:"));
    fputs("</p>\n", f);
    actions(f, s, lang);
    const ts_chan *ch = ts_session_chan(s);
    for (size_t k = 1; k <= ts_chan_count(ch); k++) {
        const ts_chan_record *r = ts_chan_get(ch, k);
        if (r->tampered) {
            fprintf(f, "<p><a href=\"#rec-%zu\">", r->number);
            ts_html_fmt(f, ts_tr(lang, "Record #%zu was changed on the way: see its bytes."),
                        r->number);
            fputs("</a></p>\n", f);
        }
    }
    ts_session *t = twin(s);
    fputs("<div class=\"cols\">\n", f);
    column(f, s, N_("This run"), true, lang);
    if (t != NULL) {
        column(f, t, N_("The same run untampered"), false, lang);
    }
    fputs("</div>\n</section>\n", f);
    ts_session_free(t);
}
