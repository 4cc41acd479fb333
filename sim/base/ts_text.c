/* ts_text: UTF-8 decoding and display widths from a table of our own, so a
 * lesson rendered by `tlsstep run` (no locale set) wraps as the UI draws. */
#include "base/ts_text.h"

#include <stdbool.h>

typedef struct {
    uint32_t lo, hi;
} range;

/* Combining marks, zero-width format characters and the vowels and final
 * consonants of conjoining Hangul (they join the syllable's first jamo). */
static const range zero[] = {
    {0x0300, 0x036F},   /* combining diacritical marks */
    {0x0483, 0x0489},   /* Cyrillic */
    {0x0591, 0x05BD},   /* Hebrew points */
    {0x05BF, 0x05BF},   {0x05C1, 0x05C2}, {0x05C4, 0x05C5}, {0x05C7, 0x05C7},
    {0x0610, 0x061A},   /* Arabic marks */
    {0x064B, 0x065F},   {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},
    {0x06E7, 0x06E8},   {0x06EA, 0x06ED},
    {0x0E31, 0x0E31},   /* Thai vowels and tone marks */
    {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E},
    {0x1160, 0x11FF},   /* Hangul jungseong and jongseong */
    {0x1AB0, 0x1AFF},   /* combining diacritical marks extended */
    {0x1DC0, 0x1DFF},   /* combining diacritical marks supplement */
    {0x200B, 0x200F},   /* zero width space, joiners, direction marks */
    {0x202A, 0x202E},   /* bidirectional embeddings */
    {0x2060, 0x2064},   /* word joiner, invisible operators */
    {0x20D0, 0x20F0},   /* combining marks for symbols */
    {0x302A, 0x302D},   /* ideographic tone marks */
    {0x3099, 0x309A},   /* combining kana voiced sound marks */
    {0xD7B0, 0xD7FF},   /* Hangul jamo extended-B (vowels, finals) */
    {0xFE00, 0xFE0F},   /* variation selectors */
    {0xFE20, 0xFE2F},   /* combining half marks */
    {0xFEFF, 0xFEFF},   /* zero width no-break space (BOM) */
    {0xE0001, 0xE0001}, /* language tag */
    {0xE0020, 0xE007F}, /* tags */
    {0xE0100, 0xE01EF}, /* variation selectors supplement */
};

/* East Asian wide and full-width characters, and the emoji blocks. */
static const range wide[] = {
    {0x1100, 0x115F},   /* Hangul choseong */
    {0x2E80, 0x303E},   /* CJK radicals, Kangxi, CJK symbols and punctuation */
    {0x3041, 0x33FF},   /* kana, Bopomofo, Hangul compatibility jamo, CJK compat */
    {0x3400, 0x9FFF},   /* CJK ideographs (extension A, Yijing, unified) */
    {0xA000, 0xA4CF},   /* Yi */
    {0xA960, 0xA97F},   /* Hangul jamo extended-A */
    {0xAC00, 0xD7A3},   /* Hangul syllables */
    {0xF900, 0xFAFF},   /* CJK compatibility ideographs */
    {0xFE10, 0xFE19},   /* vertical forms */
    {0xFE30, 0xFE6F},   /* CJK compatibility forms, small form variants */
    {0xFF00, 0xFF60},   /* full-width forms */
    {0xFFE0, 0xFFE6},   /* full-width signs */
    {0x16FE0, 0x16FE3}, /* ideographic symbols */
    {0x16FF0, 0x16FFF},
    {0x17000, 0x18D8F}, /* Tangut, Khitan */
    {0x1AFF0, 0x1B2FF}, /* kana extended and supplement, Nushu */
    {0x1F004, 0x1F004}, /* mahjong red dragon */
    {0x1F0CF, 0x1F0CF}, /* joker */
    {0x1F18E, 0x1F18E}, /* AB button */
    {0x1F191, 0x1F19A}, /* squared words */
    {0x1F200, 0x1F265}, /* enclosed ideographic supplement */
    {0x1F300, 0x1F64F}, /* pictographs, emoticons */
    {0x1F680, 0x1F6FF}, /* transport and map symbols */
    {0x1F900, 0x1F9FF}, /* supplemental symbols and pictographs */
    {0x1FA70, 0x1FAFF}, /* symbols and pictographs extended-A */
    {0x20000, 0x3FFFD}, /* CJK ideographs, planes 2 and 3 */
};

static bool in(const range *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < t[mid].lo) {
            hi = mid;
        } else if (cp > t[mid].hi) {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    return false;
}

size_t ts_text_decode(const char *s, size_t n, uint32_t *cp)
{
    if (n == 0) {
        *cp = TS_TEXT_INVALID;
        return 0;
    }
    const unsigned char *u = (const unsigned char *)s;
    unsigned c = u[0];
    size_t k = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (k == 1) {
        *cp = c;
        return 1;
    }
    *cp = TS_TEXT_INVALID;
    if (k == 0 || k > n) {
        return 1;
    }
    uint32_t v = c & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3Fu);
    }
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < least[k] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        return 1;
    }
    *cp = v;
    return k;
}

unsigned ts_text_cp_width(uint32_t cp)
{
    if (cp == TS_TEXT_INVALID) {
        return 1;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
        return 0;
    }
    if (cp < 0x300) {
        return 1;
    }
    if (in(zero, sizeof(zero) / sizeof(zero[0]), cp)) {
        return 0;
    }
    return in(wide, sizeof(wide) / sizeof(wide[0]), cp) ? 2 : 1;
}

size_t ts_text_char(const char *s, size_t n, unsigned *cols)
{
    uint32_t cp;
    size_t used = ts_text_decode(s, n, &cp);
    *cols = used > 0 ? ts_text_cp_width(cp) : 0;
    return used;
}

size_t ts_text_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        unsigned c;
        i += ts_text_char(s + i, n - i, &c);
        w += c;
    }
    return w;
}
