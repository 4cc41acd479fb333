/* ts_html_out: the one escaping function of the HTML handout and the small
 * writers built on it. */
#include "export/internal/ts_html_out.h"

#include <stdlib.h>
#include <string.h>

#include "base/ts_i18n.h"

#define TEXT_MAX 1024 /* an engine sentence, translated */

/* Length of the valid UTF-8 sequence at p (at most n bytes; U+0080 and
 * up, no surrogates or overlongs), or 0 when it is not one. */
static size_t utf8_len(const uint8_t *p, size_t n)
{
    size_t len = p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
    if (len == 0 || p[0] >= 0xf5 || len > n) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 0;
        }
    }
    if ((len == 3 && p[0] == 0xe0 && p[1] < 0xa0) || (len == 3 && p[0] == 0xed && p[1] >= 0xa0) ||
        (len == 4 && p[0] == 0xf0 && p[1] < 0x90) || (len == 4 && p[0] == 0xf4 && p[1] >= 0x90)) {
        return 0;
    }
    return len;
}

void ts_html_text(FILE *f, const void *data, size_t n)
{
    const uint8_t *p = data;
    for (size_t i = 0; i < n;) {
        uint8_t c = p[i];
        size_t u;
        switch (c) {
        case '&': fputs("&amp;", f); i++; continue;
        case '<': fputs("&lt;", f); i++; continue;
        case '>': fputs("&gt;", f); i++; continue;
        case '"': fputs("&quot;", f); i++; continue;
        case '\'': fputs("&#39;", f); i++; continue;
        default: break;
        }
        if (c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f)) {
            fputc(c, f);
            i++;
        } else if (c >= 0x80 && (u = utf8_len(p + i, n - i)) > 0) {
            fwrite(p + i, 1, u, f);
            i += u;
        } else {
            fprintf(f, "\\x%02x", c);
            i++;
        }
    }
}

void ts_html_str(FILE *f, const char *s)
{
    if (s != NULL) {
        ts_html_text(f, s, strlen(s));
    }
}

void ts_html_fmt(FILE *f, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n < sizeof(small)) {
        ts_html_text(f, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    ts_html_text(f, big, (size_t)n);
    free(big);
}

void ts_html_hex(FILE *f, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        fputc(digits[p[i] >> 4], f);
        fputc(digits[p[i] & 15], f);
    }
}

void ts_html_tr(FILE *f, ts_lang lang, const char *msgid)
{
    ts_html_str(f, ts_tr(lang, msgid));
}

void ts_html_tr_text(FILE *f, ts_lang lang, const char *english)
{
    char buf[TEXT_MAX];
    ts_html_str(f, ts_tr_text(lang, english, buf, sizeof(buf)));
}
