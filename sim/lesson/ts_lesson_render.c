/* ts_lesson_render: walks cmark's AST; inline text becomes styled segments,
 * placeholders are filled in, and each block is wrapped into lines. */
#include "lesson/ts_lesson_render.h"

#include <stdlib.h>
#include <string.h>
#include <cmark.h>

#include "base/ts_text.h"

#define MIN_WIDTH 20
#define VALUE_CAP 512

typedef struct {
    char *text;
    size_t len, cap;
    unsigned attr;
} seg;

typedef struct {
    seg *v;
    size_t n, cap;
} segs;

typedef struct {
    ts_text *out;
    unsigned width;
    ts_lesson_value_fn fn;
    void *ctx;
    ts_err err;
} rctx;

/* --- segments --- */

static void seg_add(rctx *r, segs *ss, const char *text, size_t len, unsigned attr)
{
    if (r->err != TS_OK || len == 0) {
        return;
    }
    seg *last = ss->n > 0 ? &ss->v[ss->n - 1] : NULL;
    if (last == NULL || last->attr != attr) {
        if (ss->n == ss->cap) {
            size_t nc = ss->cap ? 2 * ss->cap : 8;
            seg *grown = realloc(ss->v, nc * sizeof(*grown));
            if (grown == NULL) {
                r->err = TS_ERR_NOMEM;
                return;
            }
            ss->v = grown;
            ss->cap = nc;
        }
        last = &ss->v[ss->n++];
        *last = (seg){.attr = attr};
    }
    if (last->len + len + 1 > last->cap) {
        size_t nc = (last->len + len + 1) * 2;
        char *grown = realloc(last->text, nc);
        if (grown == NULL) {
            r->err = TS_ERR_NOMEM;
            return;
        }
        last->text = grown;
        last->cap = nc;
    }
    memcpy(last->text + last->len, text, len);
    last->len += len;
    last->text[last->len] = '\0';
}

static void segs_free(segs *ss)
{
    for (size_t i = 0; i < ss->n; i++) {
        free(ss->v[i].text);
    }
    free(ss->v);
    *ss = (segs){0};
}

/* Collects the inline content of n with attr. */
static void inlines(rctx *r, segs *ss, cmark_node *n, unsigned attr)
{
    for (cmark_node *ch = cmark_node_first_child(n); ch != NULL; ch = cmark_node_next(ch)) {
        const char *lit = cmark_node_get_literal(ch);
        switch (cmark_node_get_type(ch)) {
        case CMARK_NODE_TEXT: seg_add(r, ss, lit, strlen(lit), attr); break;
        case CMARK_NODE_CODE: seg_add(r, ss, lit, strlen(lit), attr | TS_SPAN_CODE); break;
        case CMARK_NODE_SOFTBREAK: seg_add(r, ss, " ", 1, attr); break;
        case CMARK_NODE_LINEBREAK: seg_add(r, ss, "\n", 1, attr); break;
        case CMARK_NODE_EMPH: inlines(r, ss, ch, attr | TS_SPAN_EMPH); break;
        case CMARK_NODE_STRONG: inlines(r, ss, ch, attr | TS_SPAN_BOLD); break;
        case CMARK_NODE_LINK: inlines(r, ss, ch, attr | TS_SPAN_LINK); break;
        case CMARK_NODE_IMAGE: inlines(r, ss, ch, attr | TS_SPAN_EMPH); break;
        default: break; /* inline HTML is left out */
        }
    }
}

/* Replaces {{NAME}} in the non-code segments through r->fn. */
static void placeholders(rctx *r, segs *in, segs *out)
{
    for (size_t i = 0; i < in->n; i++) {
        const seg *s = &in->v[i];
        const char *p = s->text, *end = s->text + s->len;
        while (p < end && r->err == TS_OK) {
            const char *open = (s->attr & TS_SPAN_CODE) || r->fn == NULL ? NULL
                                                                           : strstr(p, "{{");
            const char *close = open != NULL ? strstr(open + 2, "}}") : NULL;
            char name[128], value[VALUE_CAP];
            size_t nl = close != NULL ? (size_t)(close - open - 2) : 0;
            if (close == NULL || nl == 0 || nl >= sizeof(name)) {
                seg_add(r, out, p, (size_t)(end - p), s->attr);
                break;
            }
            memcpy(name, open + 2, nl);
            name[nl] = '\0';
            seg_add(r, out, p, (size_t)(open - p), s->attr);
            if (r->fn(r->ctx, name, value, sizeof(value))) {
                seg_add(r, out, value, strlen(value), s->attr | TS_SPAN_VALUE);
            } else {
                seg_add(r, out, open, (size_t)(close + 2 - open), s->attr);
            }
            p = close + 2;
        }
    }
}

/* --- lines --- */

static void new_line(rctx *r, unsigned indent)
{
    ts_text *t = r->out;
    if (r->err != TS_OK) {
        return;
    }
    ts_text_line *grown = realloc(t->lines, (t->n + 1) * sizeof(*grown));
    if (grown == NULL) {
        r->err = TS_ERR_NOMEM;
        return;
    }
    t->lines = grown;
    t->lines[t->n++] = (ts_text_line){.indent = indent};
}

/* Appends text to the current line, merged into its last span when the
 * attributes agree. */
static void add_span(rctx *r, const char *text, size_t len, unsigned attr)
{
    if (r->err != TS_OK || r->out->n == 0) {
        return;
    }
    ts_text_line *ln = &r->out->lines[r->out->n - 1];
    ts_span *last = ln->n > 0 ? &ln->spans[ln->n - 1] : NULL;
    size_t old = last != NULL && last->attr == attr ? strlen(last->text) : 0;
    if (last == NULL || last->attr != attr) {
        ts_span *grown = realloc(ln->spans, (ln->n + 1) * sizeof(*grown));
        if (grown == NULL) {
            r->err = TS_ERR_NOMEM;
            return;
        }
        ln->spans = grown;
        last = &ln->spans[ln->n++];
        *last = (ts_span){.text = NULL, .attr = attr};
    }
    char *t = realloc(last->text, old + len + 1);
    if (t == NULL) {
        r->err = TS_ERR_NOMEM;
        return;
    }
    memcpy(t + old, text, len);
    t[old + len] = '\0';
    last->text = t;
}

/* Width of the text glued after segment i's end: the following segments'
 * characters up to the first space or newline. */
static size_t glued_width(const segs *ss, size_t i)
{
    size_t w = 0;
    for (size_t j = i + 1; j < ss->n; j++) {
        size_t k = strcspn(ss->v[j].text, " \n");
        w += ts_text_width(ss->v[j].text, k);
        if (k < ss->v[j].len) {
            break;
        }
    }
    return w;
}

/* Wraps segments into lines: the first starts at indent with bullet (may
 * be NULL), the others at indent + the bullet's width. */
static void flow(rctx *r, segs *ss, unsigned indent, const char *bullet)
{
    unsigned bw = bullet != NULL ? (unsigned)ts_text_width(bullet, strlen(bullet)) : 0;
    unsigned base = indent + bw;
    size_t avail = r->width > base + 10 ? r->width - base : 10;
    size_t col = 0;
    bool space = false;
    unsigned space_attr = 0;
    new_line(r, indent);
    if (bullet != NULL) {
        add_span(r, bullet, strlen(bullet), TS_SPAN_BULLET);
    }
    for (size_t i = 0; i < ss->n; i++) {
        const char *p = ss->v[i].text, *end = p + ss->v[i].len;
        unsigned attr = ss->v[i].attr;
        while (p < end) {
            if (*p == ' ' || *p == '\n') {
                if (*p == '\n') {
                    new_line(r, base);
                    col = 0;
                }
                space = col > 0 && *p == ' ';
                space_attr = attr;
                p++;
                continue;
            }
            size_t wl = strcspn(p, " \n");
            if (wl > (size_t)(end - p)) {
                wl = (size_t)(end - p);
            }
            size_t w = ts_text_width(p, wl);
            size_t glue = p + wl == end ? glued_width(ss, i) : 0;
            if (col > 0 && col + (space ? 1 : 0) + w + glue > avail &&
                (space || col + w > avail)) {
                new_line(r, base);
                col = 0;
                space = false;
            }
            if (space) {
                add_span(r, " ", 1, space_attr);
                col++;
                space = false;
            }
            while (w > avail - col && col + 1 < avail) { /* a word longer than the line */
                size_t cut = 0, cw = 0;
                while (cut < wl) {
                    unsigned cwi;
                    size_t used = ts_text_char(p + cut, wl - cut, &cwi);
                    if (col + cw + cwi > avail) {
                        break;
                    }
                    cw += cwi;
                    cut += used;
                }
                if (cut == 0) {
                    break;
                }
                add_span(r, p, cut, attr);
                p += cut;
                wl -= cut;
                w -= cw;
                new_line(r, base);
                col = 0;
            }
            add_span(r, p, wl, attr);
            col += w;
            p += wl;
        }
    }
}

static void paragraph(rctx *r, cmark_node *n, unsigned indent, unsigned attr,
                      const char *bullet)
{
    segs raw = {0}, filled = {0};
    inlines(r, &raw, n, attr);
    placeholders(r, &raw, &filled);
    flow(r, &filled, indent, bullet);
    segs_free(&raw);
    segs_free(&filled);
}

static void blocks(rctx *r, cmark_node *parent, unsigned indent, unsigned attr, bool tight,
                   const char *bullet);

static void code_block(rctx *r, cmark_node *n, unsigned indent, unsigned attr)
{
    const char *p = cmark_node_get_literal(n);
    while (p != NULL && *p != '\0' && r->err == TS_OK) {
        size_t len = strcspn(p, "\n");
        new_line(r, indent + 2);
        add_span(r, p, len, attr | TS_SPAN_CODE);
        p += len + (p[len] == '\n' ? 1 : 0);
    }
}

static void list(rctx *r, cmark_node *n, unsigned indent, unsigned attr)
{
    bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    bool tight = cmark_node_get_list_tight(n) != 0;
    int number = cmark_node_get_list_start(n);
    for (cmark_node *it = cmark_node_first_child(n); it != NULL; it = cmark_node_next(it)) {
        char bullet[16];
        if (ordered) {
            snprintf(bullet, sizeof(bullet), "%d. ", number++);
        } else {
            snprintf(bullet, sizeof(bullet), "- ");
        }
        if (!tight && it != cmark_node_first_child(n)) {
            new_line(r, 0);
        }
        blocks(r, it, indent, attr, tight, bullet);
    }
}

/* Renders the block children of parent; the first gets bullet. */
static void blocks(rctx *r, cmark_node *parent, unsigned indent, unsigned attr, bool tight,
                   const char *bullet)
{
    unsigned sub = indent + (bullet != NULL ? (unsigned)ts_text_width(bullet, strlen(bullet)) : 0);
    bool first = true;
    for (cmark_node *n = cmark_node_first_child(parent); n != NULL && r->err == TS_OK;
         n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_HTML_BLOCK) {
            continue;
        }
        if (!first && !tight) {
            new_line(r, 0);
        }
        const char *b = first ? bullet : NULL;
        unsigned at = first ? indent : sub;
        if (b != NULL && t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING) {
            new_line(r, indent);
            add_span(r, b, strlen(b), TS_SPAN_BULLET);
            b = NULL;
            at = sub;
        }
        first = false;
        switch (t) {
        case CMARK_NODE_PARAGRAPH: paragraph(r, n, at, attr, b); break;
        case CMARK_NODE_HEADING:
            paragraph(r, n, at, attr | TS_SPAN_HEADING | TS_SPAN_BOLD, b);
            break;
        case CMARK_NODE_LIST: list(r, n, at, attr); break;
        case CMARK_NODE_CODE_BLOCK: code_block(r, n, at, attr); break;
        case CMARK_NODE_BLOCK_QUOTE: blocks(r, n, at + 2, attr | TS_SPAN_QUOTE, false, NULL);
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            new_line(r, at);
            add_span(r, "----------", 10, attr);
            break;
        default: break;
        }
    }
}

ts_err ts_lesson_render(const char *markdown, unsigned width, ts_lesson_value_fn fn, void *ctx,
                        ts_text *out)
{
    TS_ENSURE(markdown != NULL && out != NULL, TS_ERR_ARG);
    *out = (ts_text){0};
    cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
    TS_ENSURE(doc != NULL, TS_ERR_NOMEM);
    rctx r = {.out = out, .width = width < MIN_WIDTH ? MIN_WIDTH : width, .fn = fn, .ctx = ctx};
    blocks(&r, doc, 0, 0, false, NULL);
    cmark_node_free(doc);
    if (r.err != TS_OK) {
        ts_text_free(out);
    }
    return r.err;
}

void ts_text_free(ts_text *t)
{
    if (t == NULL) {
        return;
    }
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->lines[i].n; j++) {
            free(t->lines[i].spans[j].text);
        }
        free(t->lines[i].spans);
    }
    free(t->lines);
    *t = (ts_text){0};
}

ts_err ts_text_write_plain(FILE *f, const ts_text *t, const char *prefix)
{
    TS_ENSURE(f != NULL && t != NULL, TS_ERR_ARG);
    for (size_t i = 0; i < t->n; i++) {
        const ts_text_line *ln = &t->lines[i];
        fprintf(f, "%s%*s", prefix != NULL ? prefix : "", ln->n > 0 ? (int)ln->indent : 0, "");
        bool bold = false, code = false;
        for (size_t j = 0; j <= ln->n; j++) {
            const ts_span *s = j < ln->n ? &ln->spans[j] : NULL;
            bool b = s != NULL && (s->attr & TS_SPAN_BOLD) && !(s->attr & TS_SPAN_HEADING) &&
                     !(s->attr & TS_SPAN_CODE);
            bool c = s != NULL && (s->attr & TS_SPAN_CODE) && !(s->attr & TS_SPAN_VALUE);
            if (code && !c) {
                fputc('`', f);
            }
            if (bold != b) {
                fputc('*', f);
            }
            if (c && !code) {
                fputc('`', f);
            }
            bold = b;
            code = c;
            if (s != NULL) {
                fputs(s->text, f);
            }
        }
        fputc('\n', f);
    }
    return ferror(f) ? TS_ERR_IO : TS_OK;
}
