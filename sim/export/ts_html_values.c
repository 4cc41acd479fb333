/* ts_html_values: the steps of the handout that are not records: each
 * derived value as a block (name, side, how, formula, inputs, the
 * commands that reproduce it, the value), and checks, alerts, messages and
 * wipes as one line each (a failed check marked by a sign and a word). */
#include "export/internal/ts_html_out.h"

#include <stdlib.h>
#include <string.h>

#include "export/ts_reproduce.h"
#include "export/ts_transcript.h"
#include "simulation/ts_steps.h"

#define FIT_BYTES 512 /* a value block with this many bytes is never split in print */

/* The people's name of a value, with the identifier beside it. */
static void value_name(FILE *f, const char *name, ts_lang lang)
{
    const char *label = ts_steps_label(name, lang);
    if (label != NULL && label[0] != '\0' && strcmp(label, name) != 0) {
        ts_html_str(f, label);
        fputs(" (<code>", f);
        ts_html_str(f, name);
        fputs("</code>)", f);
    } else {
        fputs("<code>", f);
        ts_html_str(f, name);
        fputs("</code>", f);
    }
}

void ts_html_value(FILE *f, const ts_step *st, ts_lang lang)
{
    const ts_event *ev = &st->ev;
    const char *name = ev->name != NULL ? ev->name : "";
    size_t bytes = ev->value_len;
    for (size_t i = 0; i < ev->n_inputs; i++) {
        bytes += ev->inputs[i].len;
    }
    fprintf(f, "<section class=\"val%s\" id=\"step-%zu\"><h4>[%zu] ",
            bytes <= FIT_BYTES ? " fit" : "", st->index, st->index);
    ts_html_tr(f, lang, ts_side_name(ev->side));
    fputs(": ", f);
    value_name(f, name, lang);
    if (ev->secret) {
        fputs(" <span class=\"mark\">", f);
        ts_html_tr(f, lang, N_("secret"));
        fputs("</span>", f);
    }
    fputs("</h4>\n<dl class=\"kv\">", f);
    if (ev->how != NULL) {
        fputs("<dt>", f);
        ts_html_tr(f, lang, N_("how"));
        fputs("</dt><dd>", f);
        ts_html_tr_text(f, lang, ev->how);
        fputs("</dd>", f);
    }
    if (ev->formula != NULL) {
        fputs("<dt>", f);
        ts_html_tr(f, lang, N_("formula"));
        fputs("</dt><dd><code>", f);
        ts_html_tr_text(f, lang, ev->formula);
        fputs("</code></dd>", f);
    }
    for (size_t i = 0; i < ev->n_inputs; i++) {
        const ts_ev_input *in = &ev->inputs[i];
        fputs("<dt>", f);
        ts_html_fmt(f, ts_tr(lang, "input %s"), in->name);
        fputs("</dt><dd><code class=\"hexval\">", f);
        if (in->text) {
            fputc('"', f);
            ts_html_text(f, in->data, in->len);
            fputc('"', f);
        } else {
            ts_html_hex(f, in->data, in->len);
        }
        fputs("</code></dd>", f);
    }
    fputs("<dt>", f);
    ts_html_fmt(f, ts_tr(lang, "value (%zu bytes)"), ev->value_len);
    fputs("</dt><dd><code class=\"hexval\">", f);
    ts_html_hex(f, ev->value, ev->value_len);
    fputs("</code></dd></dl>\n", f);
    char *cmds[TS_REPRO_TOOL_COUNT];
    size_t nc = ts_reproduce_commands(ev, cmds, TS_REPRO_TOOL_COUNT);
    if (nc > 0) {
        fputs("<p>", f);
        ts_html_tr(f, lang, N_("Reproduce it:"));
        fputs("</p>\n", f);
    }
    for (size_t i = 0; i < nc; i++) {
        fputs("<pre class=\"cmd\"><code>", f);
        ts_html_str(f, cmds[i]);
        fputs("</code></pre>\n", f);
        free(cmds[i]);
    }
    fputs("</section>\n", f);
}

void ts_html_step_line(FILE *f, const ts_step *st, ts_lang lang)
{
    const ts_event *ev = &st->ev;
    const char *name = ev->name != NULL ? ev->name : "";
    bool failed = ev->kind == TS_EV_CHECK && !ev->ok;
    bool alert = ev->kind == TS_EV_ALERT_SENT || ev->kind == TS_EV_ALERT_RECEIVED;
    fprintf(f, "<li id=\"step-%zu\"%s>[%zu] ", st->index,
            failed || alert ? " class=\"fail\"" : ev->kind == TS_EV_CHECK ? " class=\"okc\"" : "",
            st->index);
    ts_html_tr(f, lang, ts_side_name(ev->side));
    fputs(": ", f);
    switch (ev->kind) {
    case TS_EV_CHECK:
        ts_html_tr(f, lang, ev->ok ? N_("check passed:") : N_("check FAILED:"));
        fputc(' ', f);
        value_name(f, name, lang);
        break;
    case TS_EV_ALERT_SENT:
    case TS_EV_ALERT_RECEIVED:
        ts_html_tr(f, lang, ev->kind == TS_EV_ALERT_SENT ? N_("sends alert") : N_("receives alert"));
        fputs(" <strong>", f);
        ts_html_str(f, name);
        fputs("</strong> (", f);
        ts_html_tr(f, lang, ts_transcript_alert_level(ev->alert_level));
        fprintf(f, ", %u)", ev->alert);
        break;
    case TS_EV_MESSAGE:
        ts_html_tr(f, lang, N_("writes"));
        fputc(' ', f);
        value_name(f, name, lang);
        break;
    case TS_EV_PARSED:
        ts_html_tr(f, lang, N_("reads"));
        fputc(' ', f);
        value_name(f, name, lang);
        break;
    case TS_EV_SEALED:
        ts_html_fmt(f, ts_tr(lang, "seals record #%zu (%s, %zu bytes of plaintext)"), st->record,
                    name, ev->value_len);
        break;
    case TS_EV_WIPE:
        ts_html_tr(f, lang, N_("wipes"));
        fputc(' ', f);
        value_name(f, name, lang);
        break;
    case TS_EV_DONE:
        ts_html_tr(f, lang, N_("done:"));
        fputc(' ', f);
        value_name(f, name, lang);
        break;
    default:
        ts_html_str(f, ts_ev_kind_name(ev->kind));
        fputc(' ', f);
        ts_html_str(f, name);
        break;
    }
    if (ev->how != NULL && ev->kind != TS_EV_VALUE) {
        fputs(" — ", f);
        ts_html_tr_text(f, lang, ev->how);
    }
    fputs("</li>\n", f);
}
