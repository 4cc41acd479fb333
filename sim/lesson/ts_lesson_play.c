/* ts_lesson_play: a handshake lesson woven into the run's transcript, and
 * the {{NAME}} lookup over a run. The transcript (ts_transcript) is written
 * to memory and read back line by line: "[K] ..." lines are step K, a
 * "#N ..." line is the channel step of record N; each section is printed
 * once, before the first step it is attached to. */
#include "lesson/ts_lesson_play.h"

#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_i18n.h"
#include "export/ts_transcript.h"

#define SHORT_BYTES 8 /* values longer than this many bytes are shortened */

static void hex_short(const uint8_t *v, size_t n, ts_lang lang, char *out, size_t cap)
{
    char hex[2 * SHORT_BYTES + 1];
    if (n <= SHORT_BYTES * 2) {
        char *full = malloc(2 * n + 1);
        if (full == NULL) {
            snprintf(out, cap, ts_trn(lang, "(%zu byte)", "(%zu bytes)", n), n);
            return;
        }
        ts_hex_encode(v, n, full);
        snprintf(out, cap, "%s", full);
        free(full);
        return;
    }
    char tail[5];
    ts_hex_encode(v, SHORT_BYTES, hex);
    ts_hex_encode(v + n - 2, 2, tail);
    snprintf(out, cap, ts_trn(lang, "%s...%s (%zu byte)", "%s...%s (%zu bytes)", n), hex, tail, n);
}

/* The step named name (side -1: any) nearest k: the latest at or before k,
 * else the first after it. */
static const ts_step *find_value(const ts_session *s, size_t k, const char *name, int side)
{
    const ts_step *best = NULL;
    for (size_t i = 0; i < ts_session_count(s); i++) {
        const ts_step *st = ts_session_get_step(s, i);
        if (st->ev.name == NULL || strcmp(st->ev.name, name) != 0 ||
            (side >= 0 && (int)st->ev.side != side) ||
            (st->ev.kind != TS_EV_VALUE && st->ev.kind != TS_EV_CHECK)) {
            continue;
        }
        if (i <= k || best == NULL) {
            best = st;
        }
        if (i >= k) {
            break;
        }
    }
    return best;
}

bool ts_lesson_run_value(void *ctx, const char *name, char *out, size_t cap)
{
    const ts_lesson_values *v = ctx;
    if (v == NULL || v->s == NULL || name == NULL) {
        return false;
    }
    const ts_session_config *c = ts_session_config_of(v->s);
    if (strcmp(name, "seed") == 0 || strcmp(name, "host") == 0) {
        snprintf(out, cap, "%s", name[0] == 's' ? c->seed : c->host);
        return true;
    }
    if (strcmp(name, "suite") == 0) {
        snprintf(out, cap, "%s", c->suite->iana_name);
        return true;
    }
    if (strcmp(name, "bits") == 0) {
        snprintf(out, cap, "%u", c->bits);
        return true;
    }
    int side = -1;
    const char *colon = strchr(name, ':');
    if (colon != NULL) {
        static const char *const sides[] = {"client", "server", "channel", "attacker"};
        for (int i = 0; i < 4; i++) {
            if ((size_t)(colon - name) == strlen(sides[i]) &&
                strncmp(name, sides[i], strlen(sides[i])) == 0) {
                side = i;
            }
        }
        if (side < 0) {
            return false;
        }
        name = colon + 1;
        while (*name == ' ') {
            name++;
        }
    }
    const ts_step *st = find_value(v->s, v->k, name, side);
    if (st == NULL) {
        return false;
    }
    if (st->ev.kind == TS_EV_CHECK) {
        snprintf(out, cap, "%s", ts_tr(v->lang, st->ev.ok ? N_("ok") : N_("failed")));
    } else {
        hex_short(st->ev.value, st->ev.value_len, v->lang, out, cap);
    }
    return true;
}

ts_err ts_lesson_print_section(FILE *f, const ts_lesson_section *sec, unsigned width,
                               ts_lesson_value_fn fn, void *ctx)
{
    TS_ENSURE(f != NULL && sec != NULL, TS_ERR_ARG);
    if (sec->title != NULL && sec->title[0] != '\0') {
        fprintf(f, "  == %s ==\n", sec->title);
    }
    ts_text t;
    TS_GUARD(ts_lesson_render(sec->markdown, width > 8 ? width - 4 : width, fn, ctx, &t));
    ts_err err = ts_text_write_plain(f, &t, "  | ");
    ts_text_free(&t);
    return err;
}

/* The step a transcript line opens, or SIZE_MAX. */
static size_t line_step(const ts_session *s, const char *line, size_t from)
{
    size_t k, rec;
    char c;
    if (sscanf(line, "[%zu%c", &k, &c) == 2 && c == ']') {
        return k;
    }
    if (sscanf(line, "#%zu%c", &rec, &c) == 2 && c == ' ') {
        for (size_t i = from; i < ts_session_count(s); i++) {
            const ts_step *st = ts_session_get_step(s, i);
            if (st->ev.kind == TS_EV_RECORD && st->record == rec) {
                return i;
            }
        }
    }
    return SIZE_MAX;
}

typedef struct {
    FILE *f;
    const ts_session *s;
    const ts_lesson *l;
    ts_lang lang;
    unsigned width;
    bool *printed;
    size_t next;
} weave;

/* Prints the sections of steps next..k not printed yet. */
static ts_err narrate_to(weave *w, size_t k)
{
    for (; w->next <= k && w->next < ts_session_count(w->s); w->next++) {
        const ts_step *st = ts_session_get_step(w->s, w->next);
        const ts_lesson_section *sec = ts_lesson_section_for(w->l, w->lang, st->ev.name,
                                                             st->ev.side);
        if (sec == NULL || w->printed[sec - w->l->sections[w->lang]]) {
            continue;
        }
        w->printed[sec - w->l->sections[w->lang]] = true;
        ts_lesson_values v = {.s = w->s, .k = w->next, .lang = w->lang};
        TS_GUARD(ts_lesson_print_section(w->f, sec, w->width, ts_lesson_run_value, &v));
        fputc('\n', w->f);
    }
    return TS_OK;
}

static ts_err intro(weave *w)
{
    const ts_lesson *l = w->l;
    fprintf(w->f, "%s: %s - %s\n  %s\n\n", ts_tr(w->lang, N_("lesson")), l->id, l->title[w->lang],
            l->summary[w->lang]);
    ts_lesson_values v = {.s = w->s, .k = 0, .lang = w->lang};
    if (l->intro[w->lang].markdown[0] != '\0') {
        TS_GUARD(ts_lesson_print_section(w->f, &l->intro[w->lang], w->width,
                                         ts_lesson_run_value, &v));
        fputc('\n', w->f);
    }
    return TS_OK;
}

static ts_err weave_text(weave *w, char *text)
{
    bool intro_done = false;
    char *line = text;
    while (line != NULL && *line != '\0') {
        char *nl = strchr(line, '\n');
        if (nl != NULL) {
            *nl = '\0';
        }
        size_t k = line_step(w->s, line, w->next);
        if (k != SIZE_MAX && k >= w->next) {
            TS_GUARD(narrate_to(w, k));
        }
        fprintf(w->f, "%s\n", line);
        if (!intro_done && line[0] == '\0') {
            TS_GUARD(intro(w));
            intro_done = true;
        }
        line = nl != NULL ? nl + 1 : NULL;
    }
    return ferror(w->f) ? TS_ERR_IO : TS_OK;
}

ts_err ts_lesson_play_run(FILE *f, const ts_session *s, const ts_lesson *l, ts_lang lang,
                          unsigned width)
{
    TS_ENSURE(f != NULL && s != NULL && l != NULL && lang < TS_LANG_COUNT, TS_ERR_ARG);
    char *text = NULL;
    size_t n = 0;
    ts_err err = ts_transcript_text_lang(s, lang, &text, &n);
    weave w = {.f = f, .s = s, .l = l, .lang = lang, .width = width};
    w.printed = calloc(l->n_sections[lang] + 1, sizeof(bool));
    if (err == TS_OK && w.printed == NULL) {
        err = TS_ERR_NOMEM;
    }
    if (err == TS_OK) {
        err = weave_text(&w, text);
    }
    free(w.printed);
    free(text);
    return err;
}
