/* ui_clip: OSC 52, the terminal's clipboard. */
#include "ui/ui_clip.h"

#include <stdlib.h>
#include <string.h>

#define CLIP_MAX 65536 /* bytes of text; terminals refuse far longer ones */

bool ui_clip_base64(const unsigned char *data, size_t len, char *out, size_t cap)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if ((len + 2) / 3 * 4 + 1 > cap) {
        return false;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)data[i] << 16;
        v |= i + 1 < len ? (unsigned)data[i + 1] << 8 : 0;
        v |= i + 2 < len ? data[i + 2] : 0;
        out[o++] = abc[v >> 18 & 63];
        out[o++] = abc[v >> 12 & 63];
        out[o++] = i + 1 < len ? abc[v >> 6 & 63] : '=';
        out[o++] = i + 2 < len ? abc[v & 63] : '=';
    }
    out[o] = '\0';
    return true;
}

bool ui_clip_copy(FILE *f, const char *text)
{
    size_t len = strlen(text);
    if (len > CLIP_MAX) {
        return false;
    }
    size_t cap = (len + 2) / 3 * 4 + 1;
    char *b64 = malloc(cap);
    if (b64 == NULL || !ui_clip_base64((const unsigned char *)text, len, b64, cap)) {
        free(b64);
        return false;
    }
    int w = fprintf(f, "\033]52;c;%s\a", b64);
    free(b64);
    return w > 0 && fflush(f) == 0;
}
