/* ts_html_svg: the sequence diagram of a run as inline SVG: the client's
 * and the server's lifelines, one numbered arrow per record. Protected
 * records are drawn dashed and labelled, tampered ones thick with a cross
 * and a label, dropped ones stop half-way: marked by shape and words, so
 * the marks survive printing in grayscale. */
#include "export/internal/ts_html_out.h"

#define W 640
#define LEFT 110
#define RIGHT 530
#define ROW 36
#define TOP 56

void ts_html_svg(FILE *f, const ts_chan *ch, ts_lang lang, const char *id_prefix,
                 const char *name)
{
    size_t n = ts_chan_count(ch);
    unsigned h = TOP + (unsigned)n * ROW + 20;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %u\" width=\"%d\" "
               "height=\"%u\" role=\"img\" aria-label=\"", W, h, W, h);
    ts_html_tr(f, lang, N_("sequence diagram of the records"));
    fputs("\" style=\"font:12px sans-serif\">\n", f);
    fprintf(f, "<defs><marker id=\"%s-ah\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" "
          "orient=\"auto\" markerUnits=\"userSpaceOnUse\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#000\"/></marker></defs>\n", name);
    fprintf(f, "<text x=\"%d\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">", LEFT);
    ts_html_tr(f, lang, N_("client"));
    fprintf(f, "</text><text x=\"%d\" y=\"20\" text-anchor=\"middle\" font-weight=\"bold\">", RIGHT);
    ts_html_tr(f, lang, N_("server"));
    fputs("</text>\n", f);
    fprintf(f, "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"%u\" stroke=\"#000\" stroke-width=\"2\"/>"
               "<line x1=\"%d\" y1=\"28\" x2=\"%d\" y2=\"%u\" stroke=\"#000\" stroke-width=\"2\"/>\n",
            LEFT, LEFT, h - 10, RIGHT, RIGHT, h - 10);
    for (size_t k = 1; k <= n; k++) {
        const ts_chan_record *r = ts_chan_get(ch, k);
        unsigned y = TOP + (unsigned)(k - 1) * ROW;
        bool c2s = r->dir == TS_DIR_C2S;
        bool dropped = r->status == TS_REC_DROPPED;
        int x1 = c2s ? LEFT : RIGHT, x2 = c2s ? RIGHT : LEFT;
        if (dropped) {
            x2 = (LEFT + RIGHT) / 2;
        }
        if (id_prefix != NULL) {
            fprintf(f, "<a href=\"#%s%zu\">", id_prefix, r->number);
        }
        fprintf(f, "<line x1=\"%d\" y1=\"%u\" x2=\"%d\" y2=\"%u\" stroke=\"#000\" "
                   "stroke-width=\"%s\"%s marker-end=\"url(#%s-ah)\"/>",
                x1, y + 14, x2 + (dropped ? 0 : c2s ? -4 : 4), y + 14, r->tampered ? "3.5" : "1.5",
                r->protected_record ? " stroke-dasharray=\"7 4\"" : "", name);
        if (r->tampered) {
            int xm = (LEFT + RIGHT) / 2;
            fprintf(f, "<path d=\"M%d,%u l10,10 m0,-10 l-10,10\" stroke=\"#000\" "
                       "stroke-width=\"3\"/>", xm - 5, y + 9);
        }
        if (dropped) {
            fprintf(f, "<path d=\"M%d,%u l10,10 m0,-10 l-10,10\" stroke=\"#000\" "
                       "stroke-width=\"2\"/>", x2 + 2, y + 9);
        }
        fprintf(f, "<text x=\"%d\" y=\"%u\" text-anchor=\"middle\">#%zu ", (LEFT + RIGHT) / 2, y + 9,
                r->number);
        ts_html_str(f, r->type_name);
        if (r->protected_record) {
            fputs(" [", f);
            ts_html_tr(f, lang, N_("encrypted"));
            fputs("]", f);
        }
        if (r->tampered) {
            fputs(" [", f);
            ts_html_tr(f, lang, N_("tampered"));
            fputs("]", f);
        }
        if (dropped) {
            fputs(" [", f);
            ts_html_tr(f, lang, N_("dropped"));
            fputs("]", f);
        }
        if (r->origin == TS_REC_REPLAYED) {
            fputs(" [", f);
            ts_html_tr(f, lang, N_("replayed"));
            fputs("]", f);
        }
        fputs("</text>", f);
        if (id_prefix != NULL) {
            fputs("</a>", f);
        }
        fputc('\n', f);
    }
    fputs("</svg>\n", f);
}
