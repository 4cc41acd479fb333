/* ts_lesson_handout: a lesson's narration, rendered as plain text, put
 * into the HTML handout of a run. */
#include "lesson/ts_lesson_handout.h"

#include <stdio.h>
#include <stdlib.h>

#include "export/ts_html.h"
#include "lesson/ts_lesson_play.h"
#include "lesson/ts_lesson_render.h"

#define WIDE 4000 /* columns: the page wraps, the renderer need not */

/* The notes being built: each owns its rendered text and its spans. */
typedef struct {
    ts_html_note *notes;
    ts_text *texts;
    size_t n;
} notes;

/* The spans of rendered text t: a blank line starts a paragraph, every
 * other line a new line; the renderer's attributes become the page's. */
static ts_err spans_of(const ts_text *t, ts_html_span **out, size_t *n_out)
{
    size_t total = 0;
    for (size_t i = 0; i < t->n; i++) {
        total += t->lines[i].n;
    }
    ts_html_span *sp = calloc(total + 1, sizeof(*sp));
    TS_ENSURE(sp != NULL, TS_ERR_NOMEM);
    size_t n = 0;
    unsigned next = 0;
    for (size_t i = 0; i < t->n; i++) {
        const ts_text_line *line = &t->lines[i];
        if (line->n == 0) {
            next = n > 0 ? TS_HTML_PARA : 0;
            continue;
        }
        for (size_t k = 0; k < line->n; k++) {
            unsigned a = line->spans[k].attr, style = k == 0 ? next | TS_HTML_LINE : 0;
            style |= a & (TS_SPAN_CODE | TS_SPAN_VALUE) ? TS_HTML_CODE : 0;
            style |= a & (TS_SPAN_BOLD | TS_SPAN_HEADING) ? TS_HTML_BOLD : 0;
            style |= a & TS_SPAN_EMPH ? TS_HTML_EMPH : 0;
            sp[n++] = (ts_html_span){.text = line->spans[k].text, .style = style};
        }
        next = 0;
    }
    *out = sp;
    *n_out = n;
    return TS_OK;
}

/* Renders sec at step k and appends it as a note shown before step. */
static ts_err add(notes *ns, const ts_lesson_section *sec, const ts_session *s, size_t k,
                  size_t step, ts_lang lang)
{
    ts_html_note *gn = realloc(ns->notes, (ns->n + 1) * sizeof(*gn));
    TS_ENSURE(gn != NULL, TS_ERR_NOMEM);
    ns->notes = gn;
    ts_text *gt = realloc(ns->texts, (ns->n + 1) * sizeof(*gt));
    TS_ENSURE(gt != NULL, TS_ERR_NOMEM);
    ns->texts = gt;
    ts_lesson_values v = {.s = s, .k = k, .lang = lang};
    TS_GUARD(ts_lesson_render(sec->markdown, WIDE, ts_lesson_run_value, &v, &gt[ns->n]));
    ts_html_span *sp = NULL;
    size_t n = 0;
    ts_err err = spans_of(&gt[ns->n], &sp, &n);
    if (err != TS_OK) {
        ts_text_free(&gt[ns->n]);
        return err;
    }
    gn[ns->n++] = (ts_html_note){.step = step, .title = sec->title, .spans = sp, .n_spans = n};
    return TS_OK;
}

static ts_err narrate(const ts_session *s, const ts_lesson *l, ts_lang lang, notes *ns)
{
    if (l->intro[lang].markdown != NULL && l->intro[lang].markdown[0] != '\0') {
        TS_GUARD(add(ns, &l->intro[lang], s, 0, TS_HTML_INTRO, lang));
    }
    bool *done = calloc(l->n_sections[lang] + 1, sizeof(bool));
    TS_ENSURE(done != NULL, TS_ERR_NOMEM);
    ts_err err = TS_OK;
    for (size_t k = 0; err == TS_OK && k < ts_session_count(s); k++) {
        const ts_step *st = ts_session_get_step(s, k);
        const ts_lesson_section *sec = ts_lesson_section_for(l, lang, st->ev.name, st->ev.side);
        if (sec == NULL || done[sec - l->sections[lang]]) {
            continue;
        }
        done[sec - l->sections[lang]] = true;
        err = add(ns, sec, s, k, k, lang);
    }
    free(done);
    return err;
}

ts_err ts_lesson_handout_write(const char *path, const ts_session *s, const ts_lesson *l,
                               ts_lang lang)
{
    TS_ENSURE(path != NULL && s != NULL && lang < TS_LANG_COUNT, TS_ERR_ARG);
    notes ns = {0};
    ts_err err = TS_OK;
    if (l != NULL && l->run.play == TS_LESSON_PLAY_HANDSHAKE) {
        err = narrate(s, l, lang, &ns);
    }
    ts_html_opts o = {.lang = lang, .notes = ns.notes, .n_notes = ns.n};
    if (l != NULL) {
        o.lesson_id = l->id;
        o.lesson_title = l->title[lang];
    }
    if (err == TS_OK) {
        err = ts_html_file(path, s, &o);
    }
    for (size_t i = 0; i < ns.n; i++) {
        free((ts_html_span *)ns.notes[i].spans);
        ts_text_free(&ns.texts[i]);
    }
    free(ns.notes);
    free(ns.texts);
    return err;
}
