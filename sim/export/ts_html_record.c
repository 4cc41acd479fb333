/* ts_html_record: one record of the handout: its bytes annotated field by
 * field. The bytes are shown as hex (one <i> per byte for records up to
 * PER_BYTE_MAX bytes, so the script can light a field's bytes), and the
 * field table lists each field's offset, length, value and hex, which
 * reads without the script and prints whole. */
#include "export/internal/ts_html_out.h"

#include <string.h>

#include "tls/ts_record.h"

#define PER_BYTE_MAX 8192  /* larger records: plain hex lines */
#define CELL_HEX_MAX 48    /* bytes of hex in a field table's cell */
#define TEXT_VIEW_MAX 4096 /* bytes of plaintext shown as text */
#define FIT_ROWS 36        /* a field table this short is never split in print */

/* The bytes as hex, 16 to a line; per byte an <i> (changed ones, against
 * other when given, marked chg) when small enough. id names the block. */
static void hex_block(FILE *f, const char *id, const ts_buf *b, const ts_buf *other)
{
    bool per_byte = b->len <= PER_BYTE_MAX;
    fprintf(f, "<pre class=\"hex\" id=\"%s\">", id);
    for (size_t i = 0; i < b->len; i++) {
        bool chg = other != NULL && (i >= other->len || other->data[i] != b->data[i]);
        if (per_byte) {
            fputs(chg ? "<i class=\"chg\">" : "<i>", f);
        }
        ts_html_hex(f, b->data + i, 1);
        if (per_byte) {
            fputs("</i>", f);
        }
        fputc((i + 1) % 16 == 0 || i + 1 == b->len ? '\n' : ' ', f);
    }
    fputs("</pre>\n", f);
}

/* The field table of fl over the bytes of b, its rows tied to hex block id. */
static void field_table(FILE *f, const ts_fields *fl, const ts_buf *b, const char *id,
                        ts_lang lang)
{
    if (fl->n == 0) {
        return;
    }
    fputs(fl->n <= FIT_ROWS ? "<table class=\"fields fit\">" : "<table class=\"fields\">", f);
    fputs("<thead><tr><th scope=\"col\">", f);
    ts_html_tr(f, lang, N_("offset"));
    fputs("</th><th scope=\"col\">", f);
    ts_html_tr(f, lang, N_("length"));
    fputs("</th><th scope=\"col\">", f);
    ts_html_tr(f, lang, N_("field"));
    fputs("</th><th scope=\"col\">", f);
    ts_html_tr(f, lang, N_("value"));
    fputs("</th><th scope=\"col\">", f);
    ts_html_tr(f, lang, N_("bytes (hex)"));
    fputs("</th></tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < fl->n; i++) {
        const ts_field *it = &fl->items[i];
        fprintf(f, "<tr data-hex=\"%s\" data-o=\"%zu\" data-l=\"%zu\"><td>%zu</td><td>%zu</td>"
                   "<td style=\"padding-left:%drem\">", id, it->offset, it->len, it->offset,
                it->len, it->depth + 1);
        ts_html_str(f, it->name);
        fputs("</td><td class=\"v\">", f);
        ts_html_tr_text(f, lang, it->value);
        fputs(it->value[0] == '\0' ? "-" : "", f);
        fputs("</td><td class=\"v\"><code>", f);
        if (it->offset < b->len) {
            size_t n = it->len < b->len - it->offset ? it->len : b->len - it->offset;
            ts_html_hex(f, b->data + it->offset, n < CELL_HEX_MAX ? n : CELL_HEX_MAX);
            if (n > CELL_HEX_MAX) {
                fputs("…", f);
            }
        }
        fputs(it->len == 0 ? "-</code></td></tr>\n" : "</code></td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

/* The plaintext as text when it mostly is (an HTTP request or headers). */
static void text_view(FILE *f, const ts_buf *p, ts_lang lang)
{
    size_t n = p->len < TEXT_VIEW_MAX ? p->len : TEXT_VIEW_MAX, printable = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p->data[i];
        printable += (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\r' || c == '\t';
    }
    if (n == 0 || printable * 10 < n * 9) {
        return;
    }
    fputs("<p><strong>", f);
    ts_html_tr(f, lang, N_("As text:"));
    fputs("</strong></p><pre class=\"text\">", f);
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p->data[i];
        if (c != '\r') {
            ts_html_text(f, &c, 1);
        }
    }
    if (n < p->len) {
        fputs("…", f);
    }
    fputs("</pre>\n", f);
}

static void changes(FILE *f, const ts_chan_record *r, ts_lang lang)
{
    fputs("<p><strong>", f);
    ts_html_tr(f, lang, N_("Bytes changed on the way (sent → delivered):"));
    fputs("</strong></p><ul>\n", f);
    if (r->sent.len != r->delivered.len) {
        fputs("<li>", f);
        ts_html_fmt(f, ts_tr(lang, "length %zu → %zu bytes"), r->sent.len, r->delivered.len);
        fputs("</li>\n", f);
    }
    size_t n = r->sent.len < r->delivered.len ? r->sent.len : r->delivered.len, shown = 0;
    for (size_t i = 0; i < n && shown < 64; i++) {
        if (r->sent.data[i] == r->delivered.data[i]) {
            continue;
        }
        shown++;
        const ts_field *in = NULL;
        for (size_t k = 0; k < r->fields.n; k++) {
            const ts_field *it = &r->fields.items[k];
            if (i >= it->offset && i < it->offset + it->len) {
                in = it; /* the last one is the innermost */
            }
        }
        fputs("<li>", f);
        ts_html_fmt(f, ts_tr(lang, "byte %zu: %02x → %02x"), i, r->sent.data[i],
                    r->delivered.data[i]);
        if (in != NULL) {
            fputs(" (", f);
            ts_html_fmt(f, ts_tr(lang, "in field %s"), in->name);
            fputs(")", f);
        }
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

static void marks(FILE *f, const ts_chan_record *r, ts_lang lang)
{
    if (r->protected_record) {
        fputs(" <span class=\"mark enc\">", f);
        ts_html_tr(f, lang, N_("encrypted"));
        fputs("</span>", f);
    }
    if (r->tampered) {
        fputs(" <span class=\"mark bad\">", f);
        ts_html_tr(f, lang, N_("tampered"));
        fputs("</span>", f);
    }
    if (r->status == TS_REC_DROPPED) {
        fputs(" <span class=\"mark bad\">", f);
        ts_html_tr(f, lang, N_("dropped"));
        fputs("</span>", f);
    }
    if (r->origin == TS_REC_REPLAYED) {
        fputs(" <span class=\"mark bad\">", f);
        ts_html_fmt(f, ts_tr(lang, "replayed copy of #%zu"), r->copy_of);
        fputs("</span>", f);
    }
}

static void plaintext(FILE *f, const ts_chan_record *r, ts_lang lang)
{
    fputs("<h4>", f);
    ts_html_tr(f, lang, r->opened ? N_("Plaintext (as the receiver opened it)")
                                  : N_("Plaintext (as the sender sealed it)"));
    fputs("</h4>\n<dl class=\"kv\"><dt>", f);
    ts_html_tr(f, lang, N_("sequence number"));
    fprintf(f, "</dt><dd>%llu</dd>", (unsigned long long)r->seq);
    if (r->nonce_len > 0) {
        fputs("<dt>", f);
        ts_html_tr(f, lang, N_("nonce"));
        fputs("</dt><dd><code>", f);
        ts_html_hex(f, r->nonce, r->nonce_len);
        fputs("</code></dd>", f);
    }
    if (r->tag_len > 0) {
        fputs("<dt>", f);
        ts_html_tr(f, lang, r->tag_len == 32 ? N_("MAC") : N_("tag"));
        fputs("</dt><dd><code>", f);
        ts_html_hex(f, r->tag, r->tag_len);
        fputs("</code></dd>", f);
    }
    if (r->inner_type != 0) {
        fputs("<dt>", f);
        ts_html_tr(f, lang, N_("content type inside"));
        fprintf(f, "</dt><dd>%s (%u)</dd><dt>", ts_record_type_name(r->inner_type),
                r->inner_type);
        ts_html_tr(f, lang, N_("padding"));
        fprintf(f, "</dt><dd>%zu</dd>", r->padding_len);
    }
    fputs("<dt>", f);
    ts_html_tr(f, lang, N_("length"));
    fprintf(f, "</dt><dd>%zu</dd></dl>\n", r->plaintext.len);
    char id[32];
    snprintf(id, sizeof(id), "hx-%zu-p", r->number);
    field_table(f, &r->plain_fields, &r->plaintext, id, lang);
    hex_block(f, id, &r->plaintext, NULL);
    text_view(f, &r->plaintext, lang);
}

void ts_html_record(FILE *f, const ts_chan_record *r, ts_lang lang, bool fold)
{
    bool bad = r->tampered || r->status == TS_REC_DROPPED || r->origin != TS_REC_ORIGINAL;
    fprintf(f, "<article class=\"rec%s%s%s\" id=\"rec-%zu\" aria-labelledby=\"rec-%zu-h\">\n",
            r->protected_record ? " enc" : "", bad ? " bad" : "", fold ? " fold" : "", r->number,
            r->number);
    if (fold) {
        fputs("<details><summary>", f);
    }
    fprintf(f, fold ? "<strong id=\"rec-%zu-h\">#%zu " : "<h3 id=\"rec-%zu-h\">#%zu ",
            r->number, r->number);
    ts_html_str(f, r->type_name);
    fputs(fold ? "</strong>" : "</h3>", f);
    if (fold) {
        fputs("</summary>", f);
    }
    fputs("\n<p>", f);
    ts_html_tr(f, lang, ts_dir_arrow(r->dir));
    fputs(" · ", f);
    ts_html_str(f, ts_record_type_name(r->content_type));
    fputs(" · ", f);
    ts_html_fmt(f, ts_tr(lang, "%zu bytes"), r->sent.len);
    fputs(" · ", f);
    ts_html_tr(f, lang, ts_rec_status_name(r->status));
    marks(f, r, lang);
    fputs("</p>\n", f);
    char id[32];
    snprintf(id, sizeof(id), "hx-%zu-s", r->number);
    field_table(f, &r->fields, &r->sent, id, lang);
    fputs("<p><strong>", f);
    ts_html_tr(f, lang, r->tampered ? N_("Bytes as sent:") : N_("Bytes:"));
    fputs("</strong></p>\n", f);
    hex_block(f, id, &r->sent, r->tampered ? &r->delivered : NULL);
    if (r->tampered) {
        fputs("<p><strong>", f);
        ts_html_tr(f, lang, N_("Bytes as delivered:"));
        fputs("</strong></p>\n", f);
        snprintf(id, sizeof(id), "hx-%zu-d", r->number);
        hex_block(f, id, &r->delivered, &r->sent);
        changes(f, r, lang);
    }
    if (r->has_plain && r->protected_record) {
        plaintext(f, r, lang);
    }
    if (fold) {
        fputs("</details>\n", f);
    }
    fputs("</article>\n", f);
}
