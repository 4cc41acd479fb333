/* ts_lesson_md: splits a lesson's body into languages and step sections.
 * cmark finds the level-1 and level-2 headings (and their lines); each
 * section's Markdown is the source between its heading and the next. */
#include "lesson/ts_lesson_md.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmark.h>

#include "simulation/ts_steps.h"

typedef struct {
    int level;      /* 1 or 2; 0 for other top-level blocks */
    unsigned start; /* body lines, 1-based */
    unsigned end;
    char text[256];
} heading;

typedef struct {
    const char *body;
    size_t len;
    size_t *starts; /* offset of each line (1-based index; [n + 1] = len) */
    unsigned n_lines;
} source;

/* Appends the text inside node (text and code spans) to out. */
static void collect_text(cmark_node *n, char *out, size_t cap)
{
    for (cmark_node *ch = cmark_node_first_child(n); ch != NULL; ch = cmark_node_next(ch)) {
        cmark_node_type t = cmark_node_get_type(ch);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
            size_t used = strlen(out);
            snprintf(out + used, cap - used, "%s", cmark_node_get_literal(ch));
        } else {
            collect_text(ch, out, cap);
        }
    }
}

/* Trims spaces at both ends, in place. */
static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1])) {
        s[--n] = '\0';
    }
    return s;
}

/* Splits "Title {KEY=VALUE}" into title and value; false without one. */
static bool attribute(char *text, const char *key, char **title, char **value)
{
    size_t n = strlen(text);
    char pat[16];
    snprintf(pat, sizeof(pat), "{%s=", key);
    char *open = strstr(text, pat);
    if (n == 0 || text[n - 1] != '}' || open == NULL) {
        return false;
    }
    text[n - 1] = '\0';
    *open = '\0';
    *value = trim(open + strlen(pat));
    *title = trim(text);
    return true;
}

/* True when body line i holds only white space. */
static bool blank(const source *s, unsigned i)
{
    for (size_t k = s->starts[i]; k < s->starts[i + 1]; k++) {
        if (!isspace((unsigned char)s->body[k])) {
            return false;
        }
    }
    return true;
}

/* A copy of body lines [from, to] without blank lines at either end. */
static char *slice(const source *s, unsigned from, unsigned to)
{
    if (to > s->n_lines) {
        to = s->n_lines;
    }
    while (from <= to && blank(s, from)) {
        from++;
    }
    while (to >= from && blank(s, to)) {
        to--;
    }
    size_t a = from <= to ? s->starts[from] : 0;
    size_t b = from <= to ? s->starts[to + 1] : 0;
    char *out = malloc(b - a + 1);
    if (out != NULL) {
        memcpy(out, s->body + a, b - a);
        out[b - a] = '\0';
    }
    return out;
}

static ts_err parse_lang(ts_lesson_diag *d, unsigned line, char *text, ts_lang *lang)
{
    char *title, *value = text;
    if (!attribute(text, "lang", &title, &value)) {
        value = trim(text);
    }
    if (strcmp(value, "한국어") == 0 || ts_lang_parse(value, lang)) {
        if (strcmp(value, "한국어") == 0) {
            *lang = TS_LANG_KO;
        }
        return TS_OK;
    }
    return ts_lesson_fail(d, line, N_("expected a language heading ('# en' or '# ko'), got '# %s'"),
                          value);
}

/* Parses "[side:] name" into the table's name and a side (-1: any). */
static ts_err parse_step(ts_lesson_diag *d, unsigned line, const ts_lesson *l, char *spec,
                         const char **name, int *side)
{
    static const char *const sides[] = {"client", "server", "channel", "attacker"};
    char *colon = strchr(spec, ':');
    *side = -1;
    if (colon != NULL) {
        *colon = '\0';
        char *who = trim(spec);
        for (int i = 0; i < 4; i++) {
            if (strcmp(who, sides[i]) == 0) {
                *side = i;
            }
        }
        if (*side < 0) {
            return ts_lesson_fail(d, line, N_("unknown side '%s' (expected client:, server:, "
                                  "channel: or attacker:)"), who);
        }
        spec = colon + 1;
    }
    spec = trim(spec);
    bool textbook = l->run.play == TS_LESSON_PLAY_TEXTBOOK;
    unsigned mask = textbook ? TS_STEPS_MASK(TS_STEPS_TEXTBOOK)
                             : TS_STEPS_MASK(TS_STEPS_HANDSHAKE) | TS_STEPS_MASK(TS_STEPS_ALERT);
    const ts_step_info *info = ts_steps_find(spec);
    if (info != NULL && (mask & TS_STEPS_MASK(info->group)) != 0) {
        *name = info->name;
        return TS_OK;
    }
    const char *near[5];
    size_t n = ts_steps_nearest(spec, mask, near, 5);
    char list[256] = "";
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof(list) - used, "%s%s", i > 0 ? ", " : "", near[i]);
    }
    if (textbook) {
        return ts_lesson_fail(d, line, N_("unknown step '%s' in a textbook lesson (nearest: %s; "
                                          "every name: tlsstep lessons --steps)"),
                              spec, list);
    }
    return ts_lesson_fail(d, line, N_("unknown step '%s' in a handshake lesson (nearest: %s; "
                                      "every name: tlsstep lessons --steps)"),
                          spec, list);
}

static ts_err add_section(ts_lesson *l, ts_lang lang, const ts_lesson_section *sec)
{
    ts_lesson_section *grown = realloc(l->sections[lang],
                                       (l->n_sections[lang] + 1) * sizeof(*grown));
    TS_ENSURE(grown != NULL, TS_ERR_NOMEM);
    l->sections[lang] = grown;
    grown[l->n_sections[lang]++] = *sec;
    return TS_OK;
}

/* One level-2 heading and the text under it (to body line `to`). */
static ts_err section(ts_lesson_diag *d, const source *s, unsigned first, ts_lesson *l,
                      ts_lang lang, heading *h, unsigned to)
{
    unsigned line = first + h->start - 1;
    char *title, *spec;
    if (!attribute(h->text, "step", &title, &spec)) {
        spec = title = trim(h->text);
    }
    ts_lesson_section sec = {.line = line};
    TS_GUARD(parse_step(d, line, l, spec, &sec.step, &sec.side));
    for (size_t i = 0; i < l->n_sections[lang]; i++) {
        const ts_lesson_section *o = &l->sections[lang][i];
        if (o->step == sec.step && o->side == sec.side) {
            return ts_lesson_fail(d, line, N_("section '%s' given twice in '%s' (first at line %u)"),
                                  sec.step, ts_lang_code(lang), o->line);
        }
    }
    sec.title = strdup(title);
    sec.markdown = slice(s, h->end + 1, to);
    ts_err err = sec.title != NULL && sec.markdown != NULL ? add_section(l, lang, &sec)
                                                           : TS_ERR_NOMEM;
    if (err != TS_OK) {
        free(sec.title);
        free(sec.markdown);
    }
    return err;
}

/* Every section of one language has its twin in the other. */
static ts_err twins(ts_lesson_diag *d, const ts_lesson *l, ts_lang a, ts_lang b)
{
    for (size_t i = 0; i < l->n_sections[a]; i++) {
        const ts_lesson_section *x = &l->sections[a][i];
        bool found = false;
        for (size_t j = 0; j < l->n_sections[b] && !found; j++) {
            found = l->sections[b][j].step == x->step && l->sections[b][j].side == x->side;
        }
        if (!found) {
            return ts_lesson_fail(d, x->line, N_("section '%s%s%s' has no '%s' text (expected the "
                                  "same sections under '# en' and '# ko')"),
                                  x->side >= 0 ? ts_side_name((ts_side)x->side) : "",
                                  x->side >= 0 ? ": " : "", x->step, ts_lang_code(b));
        }
    }
    return TS_OK;
}

/* Walks the headings: languages, their introductions and sections. */
static ts_err walk(ts_lesson_diag *d, const source *s, unsigned first, ts_lesson *l,
                   heading *hs, size_t n)
{
    int lang = -1;
    bool seen[TS_LANG_COUNT] = {false, false};
    for (size_t i = 0; i < n; i++) {
        unsigned to = s->n_lines;
        for (size_t j = i + 1; j < n; j++) {
            if (hs[j].level != 0) {
                to = hs[j].start - 1;
                break;
            }
        }
        unsigned line = first + hs[i].start - 1;
        if (hs[i].level == 0) {
            if (lang < 0) {
                return ts_lesson_fail(d, line, N_("text before the first language heading "
                                      "(expected '# en' or '# ko')"));
            }
            continue;
        }
        if (hs[i].level == 2 && lang < 0) {
            return ts_lesson_fail(d, line, N_("section before the first language heading "
                                  "(expected '# en' or '# ko')"));
        }
        if (hs[i].level == 2) {
            TS_GUARD(section(d, s, first, l, (ts_lang)lang, &hs[i], to));
            continue;
        }
        ts_lang lg;
        TS_GUARD(parse_lang(d, line, hs[i].text, &lg));
        if (seen[lg]) {
            return ts_lesson_fail(d, line, N_("language '%s' given twice"), ts_lang_code(lg));
        }
        seen[lg] = true;
        lang = (int)lg;
        l->intro[lg].title = strdup("");
        l->intro[lg].markdown = slice(s, hs[i].end + 1, to);
        l->intro[lg].line = line;
        l->intro[lg].side = -1;
        TS_ENSURE(l->intro[lg].title != NULL && l->intro[lg].markdown != NULL, TS_ERR_NOMEM);
    }
    for (int i = 0; i < TS_LANG_COUNT; i++) {
        if (!seen[i]) {
            int other = 1 - i;
            const char *code = ts_lang_code((ts_lang)i);
            if (seen[other]) {
                return ts_lesson_fail(d, l->intro[other].line,
                                      N_("missing language '%s' (expected a '# %s' heading and its "
                                         "sections beside the '# %s' part here)"),
                                      code, code, ts_lang_code((ts_lang)other));
            }
            return ts_lesson_fail(d, first,
                                  N_("missing language '%s' (expected a '# %s' heading and its "
                                     "sections)"),
                                  code, code);
        }
    }
    TS_GUARD(twins(d, l, TS_LANG_EN, TS_LANG_KO));
    return twins(d, l, TS_LANG_KO, TS_LANG_EN);
}

static ts_err headings(cmark_node *doc, heading **out, size_t *n)
{
    size_t cap = 16;
    *n = 0;
    *out = malloc(cap * sizeof(**out));
    TS_ENSURE(*out != NULL, TS_ERR_NOMEM);
    for (cmark_node *ch = cmark_node_first_child(doc); ch != NULL; ch = cmark_node_next(ch)) {
        if (cmark_node_get_type(ch) == CMARK_NODE_HTML_BLOCK) {
            continue; /* comments are allowed anywhere */
        }
        if (*n == cap) {
            heading *grown = realloc(*out, 2 * cap * sizeof(**out));
            TS_ENSURE(grown != NULL, TS_ERR_NOMEM);
            *out = grown;
            cap *= 2;
        }
        heading *h = &(*out)[(*n)++];
        bool is_h = cmark_node_get_type(ch) == CMARK_NODE_HEADING;
        int level = is_h ? cmark_node_get_heading_level(ch) : 0;
        h->level = level <= 2 ? level : 0;
        h->start = (unsigned)cmark_node_get_start_line(ch);
        h->end = (unsigned)cmark_node_get_end_line(ch);
        h->text[0] = '\0';
        if (is_h) {
            collect_text(ch, h->text, sizeof(h->text));
        }
    }
    return TS_OK;
}

ts_err ts_lesson_md_parse(ts_lesson_diag *d, const char *body, size_t len, unsigned first_line,
                          ts_lesson *l)
{
    source s = {.body = body, .len = len};
    unsigned lines = 1;
    for (size_t i = 0; i < len; i++) {
        lines += body[i] == '\n';
    }
    s.starts = malloc((lines + 2) * sizeof(size_t));
    TS_ENSURE(s.starts != NULL, TS_ERR_NOMEM);
    if (len > 0) {
        s.starts[++s.n_lines] = 0;
    }
    for (size_t i = 0; i + 1 < len; i++) {
        if (body[i] == '\n') {
            s.starts[++s.n_lines] = i + 1;
        }
    }
    s.starts[s.n_lines + 1] = len;
    cmark_node *doc = cmark_parse_document(body, len, CMARK_OPT_DEFAULT);
    heading *hs = NULL;
    size_t n = 0;
    ts_err err = doc != NULL ? headings(doc, &hs, &n) : TS_ERR_NOMEM;
    if (err == TS_OK) {
        err = walk(d, &s, first_line, l, hs, n);
    }
    free(hs);
    cmark_node_free(doc);
    free(s.starts);
    return err;
}
