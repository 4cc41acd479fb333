/* ts_i18n: the gettext catalogue, found beside the program or where `make
 * install` put it, and the translation of the engine's finished sentences
 * by their templates. */
#include "base/ts_i18n.h"

#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/ts_templates.h"

/* Where `make install` puts the catalogues (the Makefile passes
 * -DTS_LOCALEDIR with its PREFIX). */
#ifndef TS_LOCALEDIR
#define TS_LOCALEDIR "/usr/local/share/locale"
#endif

/* glibc's catalogue cache counter: bumping it makes gettext look at
 * LANGUAGE again (the gettext manual's way to switch language live). */
extern int _nl_msg_cat_cntr;

static struct {
    bool bound;
    bool found[TS_LANG_COUNT];
    char dir[PATH_MAX];
    int current; /* the language LANGUAGE names now, -1 before the first */
} st = {.current = -1};

static bool has_catalogue(const char *dir, ts_lang lang)
{
    char p[PATH_MAX];
    struct stat sb;
    int n = snprintf(p, sizeof(p), "%s/%s/LC_MESSAGES/%s.mo", dir, ts_lang_code(lang),
                     TS_I18N_DOMAIN);
    return n > 0 && (size_t)n < sizeof(p) && stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Writes a then b into p (PATH_MAX bytes); false when they do not fit. */
static bool join(char *p, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na + nb + 1 > PATH_MAX) {
        return false;
    }
    memcpy(p, a, na);
    memcpy(p + na, b, nb + 1);
    return true;
}

/* The first folder that holds a catalogue for any translated language:
 * $TLSSTEP_LOCALEDIR, then locale/ beside the program or one folder up (a
 * build tree: build/tlsstep, build/tests/x), then ../share/locale beside
 * its folder (an installed copy, under any PREFIX or DESTDIR), then the
 * compiled-in folder. */
static void find_dir(void)
{
    char cands[5][PATH_MAX];
    size_t n = 0;
    const char *env = getenv("TLSSTEP_LOCALEDIR");
    if (env != NULL && env[0] != '\0' && join(cands[n], env, "")) {
        n++;
    }
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *slash = k > 0 ? (exe[k] = '\0', strrchr(exe, '/')) : NULL;
    if (slash != NULL) {
        *slash = '\0';
        static const char *const below[] = {"/locale", "/../locale", "/../share/locale"};
        for (size_t i = 0; i < 3; i++) {
            n += join(cands[n], exe, below[i]);
        }
    }
    n += join(cands[n], TS_LOCALEDIR, "");
    join(st.dir, TS_LOCALEDIR, "");
    for (size_t i = 0; i < n; i++) {
        bool any = false;
        for (int l = 0; l < TS_LANG_COUNT; l++) {
            any = any || (l != TS_LANG_EN && has_catalogue(cands[i], (ts_lang)l));
        }
        if (any) {
            char real[PATH_MAX];
            join(st.dir, realpath(cands[i], real) != NULL ? real : cands[i], "");
            break;
        }
    }
    for (int l = 0; l < TS_LANG_COUNT; l++) {
        st.found[l] = l == TS_LANG_EN || has_catalogue(st.dir, (ts_lang)l);
    }
}

static void bind_once(void)
{
    if (st.bound) {
        return;
    }
    st.bound = true;
    find_dir();
    bindtextdomain(TS_I18N_DOMAIN, st.dir);
    bind_textdomain_codeset(TS_I18N_DOMAIN, "UTF-8");
}

/* Points gettext at lang: LANGUAGE names it, and LC_MESSAGES must not be
 * the C locale, where gettext ignores LANGUAGE (C.UTF-8 is always there on
 * glibc, and the catalogue's UTF-8 is passed through unconverted). */
static void use(ts_lang lang)
{
    bind_once();
    const char *now = getenv("LANGUAGE"); /* someone else may have changed it */
    if (st.current == (int)lang && now != NULL && strcmp(now, ts_lang_code(lang)) == 0) {
        return;
    }
    const char *cur = setlocale(LC_MESSAGES, NULL);
    if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0) {
        setlocale(LC_MESSAGES, "C.UTF-8");
    }
    setenv("LANGUAGE", ts_lang_code(lang), 1);
    ++_nl_msg_cat_cntr;
    st.current = (int)lang;
}

const char *ts_tr(ts_lang lang, const char *msgid)
{
    if (msgid == NULL || msgid[0] == '\0' || lang == TS_LANG_EN || (unsigned)lang >= TS_LANG_COUNT) {
        return msgid;
    }
    use(lang);
    return dgettext(TS_I18N_DOMAIN, msgid);
}

const char *ts_trn(ts_lang lang, const char *one, const char *many, unsigned long n)
{
    if (lang == TS_LANG_EN || (unsigned)lang >= TS_LANG_COUNT) {
        return n == 1 ? one : many;
    }
    use(lang);
    return dngettext(TS_I18N_DOMAIN, one, many, n);
}

bool ts_i18n_available(ts_lang lang, char *where, size_t cap)
{
    bind_once();
    if (where != NULL && cap > 0) {
        snprintf(where, cap, "%s", st.dir);
    }
    return (unsigned)lang < TS_LANG_COUNT && st.found[lang];
}

void ts_i18n_fill(char *out, size_t cap, const char *fmt, const char *const *args, size_t n)
{
    if (cap == 0) {
        return;
    }
    size_t used = 0, next = 0;
    for (const char *p = fmt; *p != '\0' && used + 1 < cap; p++) {
        if (*p != '%') {
            out[used++] = *p;
            continue;
        }
        if (p[1] == '%') {
            out[used++] = '%';
            p++;
            continue;
        }
        size_t idx = next++;
        const char *q = p + 1;
        if (*q >= '1' && *q <= '9' && q[1] == '$') {
            idx = (size_t)(*q - '1');
            q += 2;
        }
        while (*q == 'z' || *q == 'l' || *q == 'h') {
            q++;
        }
        if (*q == '\0') {
            break;
        }
        p = q; /* the conversion letter: s, u, d, ... */
        const char *a = idx < n && args[idx] != NULL ? args[idx] : "";
        size_t len = strlen(a);
        if (len > cap - 1 - used) {
            len = cap - 1 - used;
        }
        memcpy(out + used, a, len);
        used += len;
    }
    out[used] = '\0';
}

#define MAX_ARGS 6
#define ARG_CAP 256

/* Whether text[0..) matches fmt[0..) entirely; each conversion captures at
 * least one character (%s anything, the numbers digits), shortest first. */
static bool match(const char *fmt, const char *text, const char **starts, size_t *lens,
                  size_t k)
{
    while (*fmt != '\0' && !(fmt[0] == '%' && fmt[1] != '%')) {
        if (fmt[0] == '%') {
            fmt++; /* %% matches one % */
        }
        if (*text != *fmt) {
            return false;
        }
        fmt++;
        text++;
    }
    if (*fmt == '\0') {
        return *text == '\0';
    }
    const char *conv = fmt + 1;
    while (*conv == 'z' || *conv == 'l' || *conv == 'h') {
        conv++;
    }
    if (*conv == '\0' || k >= MAX_ARGS) {
        return false;
    }
    bool digits = *conv != 's';
    for (size_t len = 1; text[len - 1] != '\0'; len++) {
        if (digits && (text[len - 1] < '0' || text[len - 1] > '9')) {
            return false;
        }
        starts[k] = text;
        lens[k] = len;
        if (match(conv + 1, text + len, starts, lens, k + 1)) {
            return true;
        }
    }
    return false;
}

static size_t count_conversions(const char *fmt)
{
    size_t n = 0;
    for (const char *p = fmt; *p != '\0'; p++) {
        if (p[0] == '%') {
            if (p[1] == '%') {
                p++;
            } else {
                n++;
            }
        }
    }
    return n;
}

static const char *tr_text(ts_lang lang, const char *english, char *out, size_t cap, int depth)
{
    const char *exact = ts_tr(lang, english);
    if (exact != english || depth > 12) {
        return exact;
    }
    for (size_t t = 0; t < ts_templates_count; t++) {
        const char *starts[MAX_ARGS];
        size_t lens[MAX_ARGS];
        size_t n = count_conversions(ts_templates[t]);
        if (n == 0 || n > MAX_ARGS || !match(ts_templates[t], english, starts, lens, 0)) {
            continue;
        }
        char raw[MAX_ARGS][ARG_CAP], tr[MAX_ARGS][ARG_CAP];
        const char *args[MAX_ARGS];
        for (size_t i = 0; i < n; i++) {
            size_t len = lens[i] < ARG_CAP - 1 ? lens[i] : ARG_CAP - 1;
            memcpy(raw[i], starts[i], len);
            raw[i][len] = '\0';
            args[i] = tr_text(lang, raw[i], tr[i], sizeof(tr[i]), depth + 1);
        }
        ts_i18n_fill(out, cap, ts_tr(lang, ts_templates[t]), args, n);
        return out;
    }
    return english;
}

const char *ts_tr_text(ts_lang lang, const char *english, char *out, size_t cap)
{
    if (english == NULL || lang == TS_LANG_EN || out == NULL || cap == 0) {
        return english;
    }
    return tr_text(lang, english, out, cap, 0);
}
