/* ts_lesson_handout: a lesson's narration, rendered as plain text, put
 * into the HTML handout of a run. */
#include "lesson/ts_lesson_handout.h"

#include <stdio.h>
#include <stdlib.h>

#include "export/ts_html.h"
#include "lesson/ts_lesson_play.h"
#include "lesson/ts_lesson_render.h"

#define WIDE 4000 /* columns: the page wraps, the renderer need not */

/* The section rendered at step k as plain text (malloc'd), or NULL. */
static char *render(const ts_lesson_section *sec, const ts_session *s, size_t k, ts_lang lang)
{
    ts_lesson_values v = {.s = s, .k = k, .lang = lang};
    ts_text t;
    if (ts_lesson_render(sec->markdown, WIDE, ts_lesson_run_value, &v, &t) != TS_OK) {
        return NULL;
    }
    char *text = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&text, &n);
    ts_err err = m != NULL ? ts_text_write_plain(m, &t, "") : TS_ERR_NOMEM;
    ts_text_free(&t);
    if (m != NULL && fclose(m) != 0) {
        err = TS_ERR_IO;
    }
    if (err != TS_OK) {
        free(text);
        return NULL;
    }
    return text;
}

/* Appends a note (text owned by the list) unless text is NULL. */
static ts_err add(ts_html_note **notes, size_t *n, size_t step, const char *title, char *text)
{
    if (text == NULL) {
        return TS_ERR_NOMEM;
    }
    ts_html_note *grown = realloc(*notes, (*n + 1) * sizeof(**notes));
    if (grown == NULL) {
        free(text);
        return TS_ERR_NOMEM;
    }
    *notes = grown;
    grown[(*n)++] = (ts_html_note){.step = step, .title = title, .text = text};
    return TS_OK;
}

static ts_err narrate(const ts_session *s, const ts_lesson *l, ts_lang lang,
                      ts_html_note **notes, size_t *n)
{
    if (l->intro[lang].markdown != NULL && l->intro[lang].markdown[0] != '\0') {
        TS_GUARD(add(notes, n, TS_HTML_INTRO, NULL, render(&l->intro[lang], s, 0, lang)));
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
        err = add(notes, n, k, sec->title, render(sec, s, k, lang));
    }
    free(done);
    return err;
}

ts_err ts_lesson_handout_write(const char *path, const ts_session *s, const ts_lesson *l,
                               ts_lang lang)
{
    TS_ENSURE(path != NULL && s != NULL && lang < TS_LANG_COUNT, TS_ERR_ARG);
    ts_html_note *notes = NULL;
    size_t n = 0;
    ts_err err = TS_OK;
    bool narrated = l != NULL && l->run.play == TS_LESSON_PLAY_HANDSHAKE;
    if (narrated) {
        err = narrate(s, l, lang, &notes, &n);
    }
    ts_html_opts o = {.lang = lang, .notes = notes, .n_notes = n};
    if (l != NULL) {
        o.lesson_id = l->id;
        o.lesson_title = l->title[lang];
    }
    if (err == TS_OK) {
        err = ts_html_file(path, s, &o);
    }
    for (size_t i = 0; i < n; i++) {
        free((char *)notes[i].text);
    }
    free(notes);
    return err;
}
