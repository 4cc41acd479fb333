/* ts_action_parse: one reader for the tamper, drop and replay specs.
 *
 *   tamper   N "," OFFSET "," XOR
 *   drop     N
 *   replay   N
 *   N        digit+          1..TS_ACTION_MAX_RECORD
 *   OFFSET   digit+          0..TS_ACTION_MAX_OFFSET
 *   XOR      ["0x"] hex{1,2}  not zero
 */
#include "simulation/ts_action_parse.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_templates.h"

#define TAMPER_PARTS 3
#define SHOWN_MAX 32 /* bytes of a wrong part quoted in the reason */

/* One comma-separated part of the spec: len characters at s. */
typedef struct {
    const char *s;
    size_t len;
} part;

/* A part quoted in a reason: at most SHOWN_MAX bytes, each escaped to at
 * most 4 characters, then "..." when cut. */
typedef struct {
    char text[4 * SHOWN_MAX + 4];
} quoted;

static ts_err say(char *why, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes the reason into why (when there is room) and returns TS_ERR_ARG. */
static ts_err say(char *why, size_t cap, const char *fmt, ...)
{
    if (why != NULL && cap > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, cap, fmt, ap);
        va_end(ap);
    }
    return TS_ERR_ARG;
}

/* p as safe one-line text (ts_hex_escape_text: a newline or an escape
 * sequence in the input cannot break the reason's line). */
static quoted quote(const part *p)
{
    quoted q;
    size_t n = p->len > SHOWN_MAX ? SHOWN_MAX : p->len;
    size_t at = ts_hex_escape_text(q.text, sizeof(q.text) - 3, (const uint8_t *)p->s, n);
    if (p->len > SHOWN_MAX) {
        memcpy(q.text + at, "...", 4);
    }
    return q;
}

/* True when p is decimal digits only with a value in [min, max]. */
static bool whole(const part *p, size_t min, size_t max, size_t *out)
{
    if (p->len == 0) {
        return false;
    }
    size_t v = 0;
    for (size_t i = 0; i < p->len; i++) {
        char c = p->s[i];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (size_t)(c - '0');
        if (v > max) {
            return false; /* also stops before v could overflow */
        }
    }
    if (v < min) {
        return false;
    }
    *out = v;
    return true;
}

/* True when p is one or two hex digits, optionally after "0x". */
static bool hex_byte(const part *p, unsigned *out)
{
    size_t from = 0;
    if (p->len > 2 && p->s[0] == '0' && (p->s[1] == 'x' || p->s[1] == 'X')) {
        from = 2;
    }
    size_t digits = p->len - from;
    if (digits < 1 || digits > 2) {
        return false;
    }
    unsigned v = 0;
    for (size_t i = from; i < p->len; i++) {
        int d = ts_hex_digit((unsigned char)p->s[i]);
        if (d < 0) {
            return false;
        }
        v = v << 4 | (unsigned)d;
    }
    *out = v;
    return true;
}

/* Cuts text at its commas: the first TAMPER_PARTS parts into parts, and
 * how many there are in all into *n. */
static void split(const char *text, part parts[TAMPER_PARTS], size_t *n)
{
    size_t count = 0, start = 0, i = 0;
    for (;; i++) {
        if (text[i] == ',' || text[i] == '\0') {
            if (count < TAMPER_PARTS) {
                parts[count] = (part){.s = text + start, .len = i - start};
            }
            count++;
            start = i + 1;
        }
        if (text[i] == '\0') {
            break;
        }
    }
    *n = count;
}

static ts_err bad_record(const part *p, char *why, size_t cap)
{
    if (p->len == 0) {
        return say(why, cap, TS_TPL_ACTION_RECORD_MISSING, TS_ACTION_MAX_RECORD);
    }
    return say(why, cap, TS_TPL_ACTION_RECORD_BAD, quote(p).text, TS_ACTION_MAX_RECORD);
}

static ts_err parse_tamper(const char *text, ts_action *out, char *why, size_t cap)
{
    part parts[TAMPER_PARTS];
    size_t n;
    split(text, parts, &n);
    if (n != TAMPER_PARTS) {
        return say(why, cap, TS_TPL_ACTION_PARTS, n);
    }
    const part *rec = &parts[0], *off = &parts[1], *mask = &parts[2];
    size_t record, offset;
    unsigned x;
    if (!whole(rec, 1, TS_ACTION_MAX_RECORD, &record)) {
        return bad_record(rec, why, cap);
    }
    if (off->len == 0) {
        return say(why, cap, TS_TPL_ACTION_OFFSET_MISSING, TS_ACTION_MAX_OFFSET);
    }
    if (!whole(off, 0, TS_ACTION_MAX_OFFSET, &offset)) {
        return say(why, cap, TS_TPL_ACTION_OFFSET_BAD, quote(off).text, TS_ACTION_MAX_OFFSET);
    }
    if (mask->len == 0) {
        return say(why, cap, "%s", N_("XOR is missing (one or two hex digits, 01..ff)"));
    }
    if (!hex_byte(mask, &x)) {
        return say(why, cap, TS_TPL_ACTION_XOR_BAD, quote(mask).text);
    }
    if (x == 0) {
        return say(why, cap, TS_TPL_ACTION_XOR_ZERO, quote(mask).text);
    }
    *out = (ts_action){.kind = TS_ACT_TAMPER, .record = record, .offset = offset,
                       .xor_mask = (uint8_t)x};
    return TS_OK;
}

ts_err ts_action_parse(ts_action_kind kind, const char *text, ts_action *out, char *why,
                       size_t cap)
{
    if (text == NULL || out == NULL) {
        return say(why, cap, "%s", N_("no action given"));
    }
    if (kind == TS_ACT_TAMPER) {
        return parse_tamper(text, out, why, cap);
    }
    if (kind != TS_ACT_DROP && kind != TS_ACT_REPLAY) {
        return say(why, cap, "%s", N_("this kind of action has no text form"));
    }
    part p = {.s = text, .len = strlen(text)};
    size_t record;
    if (!whole(&p, 1, TS_ACTION_MAX_RECORD, &record)) {
        return bad_record(&p, why, cap);
    }
    *out = (ts_action){.kind = kind, .record = record};
    return TS_OK;
}
