/* ts_lesson: loads lesson files (front matter by ts_lesson_yaml, body by
 * ts_lesson_md), finds them on the search path, and looks up the narration
 * of a step. */
#include "lesson/ts_lesson.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/ts_buf.h"
#include "base/ts_file.h"
#include "base/ts_i18n.h"
#include "crypto/ts_suite.h"
#include "lesson/ts_lesson_diag.h"
#include "lesson/ts_lesson_md.h"
#include "lesson/ts_lesson_yaml.h"

/* Finds the line that is exactly "---" or "..." (a '\r' before the '\n'
 * allowed) at or after offset from; returns its offset or len. */
static size_t fence(const char *t, size_t len, size_t from, unsigned *line)
{
    size_t at = from;
    while (at < len) {
        size_t eol = at;
        while (eol < len && t[eol] != '\n') {
            eol++;
        }
        size_t n = eol - at - (eol > at && t[eol - 1] == '\r' ? 1 : 0);
        if (n == 3 && (memcmp(t + at, "---", 3) == 0 || memcmp(t + at, "...", 3) == 0)) {
            return at;
        }
        at = eol + 1;
        (*line)++;
    }
    return len;
}

static ts_err parse_into(ts_lesson_diag *d, const char *text, size_t len, ts_lesson *l)
{
    size_t start = 0;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        start = 3; /* a UTF-8 byte-order mark */
    }
    unsigned line = 1;
    if (fence(text, len, start, &line) != start) {
        return ts_lesson_fail(d, 1, N_("expected front matter: a first line '---', then YAML "
                              "(id:, title:, ...), then a line '---'"));
    }
    size_t yaml = start;
    while (yaml < len && text[yaml] != '\n') {
        yaml++;
    }
    yaml++;
    unsigned end_line = 2;
    size_t end = yaml < len ? fence(text, len, yaml, &end_line) : len;
    if (end >= len) {
        return ts_lesson_fail(d, end_line > 1 ? end_line - 1 : 1, N_("front matter not closed "
                              "(expected a line '---' after the YAML)"));
    }
    TS_GUARD(ts_lesson_yaml_parse(d, text + yaml, end - yaml, 2, l));
    size_t body = end;
    while (body < len && text[body] != '\n') {
        body++;
    }
    body = body < len ? body + 1 : len;
    return ts_lesson_md_parse(d, text + body, len - body, end_line + 1, l);
}

ts_err ts_lesson_parse(const char *text, size_t len, const char *path, ts_lang lang,
                       ts_lesson **out, char *why, size_t cap)
{
    TS_ENSURE(text != NULL && path != NULL && out != NULL, TS_ERR_ARG);
    ts_lesson *l = calloc(1, sizeof(*l));
    TS_ENSURE(l != NULL, TS_ERR_NOMEM);
    l->difficulty = 1;
    l->path = strdup(path);
    ts_lesson_diag d = {.file = path, .why = why, .cap = cap, .lang = lang};
    ts_err err = l->path != NULL ? parse_into(&d, text, len, l) : TS_ERR_NOMEM;
    if (err == TS_ERR_NOMEM) {
        ts_lesson_fail(&d, 0, N_("out of memory"));
    }
    if (err != TS_OK) {
        ts_lesson_free(l);
        return err;
    }
    *out = l;
    return TS_OK;
}

ts_err ts_lesson_load(const char *path, ts_lang lang, ts_lesson **out, char *why, size_t cap)
{
    ts_buf b;
    ts_buf_init(&b);
    ts_err err = ts_file_read(path, SIZE_MAX, &b);
    if (err != TS_OK) {
        ts_lesson_diag d = {.file = path, .why = why, .cap = cap, .lang = lang};
        ts_lesson_fail(&d, 0, N_("cannot read the file"));
        ts_buf_free(&b);
        return err;
    }
    err = ts_lesson_parse(b.len > 0 ? (const char *)b.data : "", b.len, path, lang, out, why,
                          cap);
    ts_buf_free(&b);
    return err;
}

/* True when name (n bytes) could be an id: lower-case letters, digits, '-'. */
static bool id_like(const char *name, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) {
            return false;
        }
    }
    return n > 0;
}

/* Loads a lesson found in a lessons folder. There a lesson is found by its
 * file name, so the file must be ID.md: a file whose id says otherwise
 * would be found under one id and play as another, and would not hide the
 * lesson it names. (A file given by path, ts_lesson_load, may have any
 * name.) */
static ts_err load_found(const char *path, ts_lang lang, ts_lesson **out, char *why, size_t cap)
{
    ts_lesson *l = NULL;
    TS_GUARD(ts_lesson_load(path, lang, &l, why, cap));
    const char *base = strrchr(path, '/');
    base = base != NULL ? base + 1 : path;
    size_t n = strlen(base);
    n = n > 3 ? n - 3 : n; /* found as NAME.md */
    if (strlen(l->id) == n && strncmp(base, l->id, n) == 0) {
        *out = l;
        return TS_OK;
    }
    ts_lesson_diag d = {.file = path, .why = why, .cap = cap, .lang = lang};
    if (id_like(base, n) && n < 200) {
        char named[256];
        snprintf(named, sizeof(named), "%.*s", (int)n, base);
        ts_lesson_fail(&d, l->id_line, N_("id '%s' does not match the file name: in a lessons "
                       "folder a lesson is found by its file name, so rename the file %s.md or "
                       "set 'id: %s' (a file given by path, --lesson FILE, may have any name)"),
                       l->id, l->id, named);
    } else {
        ts_lesson_fail(&d, l->id_line, N_("id '%s' does not match the file name: in a lessons "
                       "folder a lesson is found by its file name, so rename the file %s.md "
                       "(a file given by path, --lesson FILE, may have any name)"),
                       l->id, l->id);
    }
    ts_lesson_free(l);
    return TS_ERR_LESSON;
}

static void free_section(ts_lesson_section *s)
{
    free(s->title);
    free(s->markdown);
}

void ts_lesson_free(ts_lesson *l)
{
    if (l == NULL) {
        return;
    }
    for (int g = 0; g < TS_LANG_COUNT; g++) {
        free(l->title[g]);
        free(l->summary[g]);
        free(l->exercise.goal[g]);
        for (size_t i = 0; i < l->exercise.n_hints[g]; i++) {
            free(l->exercise.hints[g][i]);
        }
        free_section(&l->intro[g]);
        for (size_t i = 0; i < l->n_sections[g]; i++) {
            free_section(&l->sections[g][i]);
        }
        free(l->sections[g]);
    }
    free(l->exercise.checker);
    free(l->exercise.answer);
    free(l->exercise.incident);
    free(l->id);
    free(l->path);
    free(l);
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Adds path to dirs when it is a folder not yet listed. */
static void add_dir(char **dirs, size_t *n, size_t max, const char *path)
{
    if (*n >= max || path == NULL || path[0] == '\0' || !is_dir(path)) {
        return;
    }
    char real[PATH_MAX];
    const char *p = realpath(path, real) != NULL ? real : path;
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(dirs[i], p) == 0) {
            return;
        }
    }
    dirs[*n] = strdup(p);
    if (dirs[*n] != NULL) {
        (*n)++;
    }
}

/* Where `make install` puts the lessons: PREFIX/share/tlsstep (the Makefile
 * passes -DTS_DATADIR with its PREFIX). */
#ifndef TS_DATADIR
#define TS_DATADIR "/usr/local/share/tlsstep"
#endif

const char *ts_lesson_data_dir(void)
{
    return TS_DATADIR "/lessons";
}

/* Writes a then b into p (cap bytes); false when they do not fit. */
static bool join(char *p, size_t cap, const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na + nb + 1 > cap) {
        return false;
    }
    memcpy(p, a, na);
    memcpy(p + na, b, nb + 1);
    return true;
}

/* Adds the folders found from the executable's own place: lessons/ beside
 * it and up to three folders above (a source tree: build/tlsstep), then
 * ../share/tlsstep/lessons beside its folder (an installed copy, under any
 * PREFIX or DESTDIR). */
static void add_exe_dirs(char **dirs, size_t *n, size_t max)
{
    char exe[PATH_MAX], bin[PATH_MAX], p[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (k <= 0) {
        return;
    }
    exe[k] = '\0';
    bin[0] = '\0';
    for (int up = 0; up < 4; up++) {
        char *slash = strrchr(exe, '/');
        if (slash == NULL) {
            break;
        }
        *slash = '\0';
        if (up == 0) {
            memcpy(bin, exe, strlen(exe) + 1);
        }
        if (join(p, sizeof(p), exe, "/lessons")) {
            add_dir(dirs, n, max, p);
        }
    }
    if (bin[0] != '\0' && join(p, sizeof(p), bin, "/../share/tlsstep/lessons")) {
        add_dir(dirs, n, max, p);
    }
}

size_t ts_lesson_dirs(const char *dir, char **dirs, size_t max)
{
    size_t n = 0;
    char p[PATH_MAX];
    add_dir(dirs, &n, max, dir);
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg != NULL && xdg[0] != '\0') {
        snprintf(p, sizeof(p), "%s/tlsstep/lessons", xdg);
        add_dir(dirs, &n, max, p);
    } else if (home != NULL && home[0] != '\0') {
        snprintf(p, sizeof(p), "%s/.local/share/tlsstep/lessons", home);
        add_dir(dirs, &n, max, p);
    }
    add_dir(dirs, &n, max, getenv("TLSSTEP_LESSONS"));
    add_exe_dirs(dirs, &n, max);
    add_dir(dirs, &n, max, ts_lesson_data_dir());
    add_dir(dirs, &n, max, "lessons");
    return n;
}

#define MAX_DIRS 12

static void free_dirs(char **dirs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(dirs[i]);
    }
}

/* True when id names a file rather than a lesson of the search path. */
static bool is_path(const char *id)
{
    size_t len = strlen(id);
    return strchr(id, '/') != NULL || (len > 3 && strcmp(id + len - 3, ".md") == 0);
}

bool ts_lesson_found(const char *id, const char *dir)
{
    if (id == NULL) {
        return false;
    }
    if (is_path(id)) {
        return access(id, F_OK) == 0;
    }
    char *dirs[MAX_DIRS];
    size_t n = ts_lesson_dirs(dir, dirs, MAX_DIRS);
    bool found = false;
    char path[PATH_MAX];
    for (size_t i = 0; i < n && !found; i++) {
        snprintf(path, sizeof(path), "%s/%s.md", dirs[i], id);
        found = access(path, F_OK) == 0;
    }
    free_dirs(dirs, n);
    return found;
}

ts_err ts_lesson_open(const char *id, const char *dir, ts_lang lang, ts_lesson **out, char *why,
                      size_t cap)
{
    TS_ENSURE(id != NULL && out != NULL, TS_ERR_ARG);
    if (is_path(id)) {
        return ts_lesson_load(id, lang, out, why, cap);
    }
    char *dirs[MAX_DIRS];
    size_t n = ts_lesson_dirs(dir, dirs, MAX_DIRS);
    char path[PATH_MAX];
    char searched[512] = "";
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "%s/%s.md", dirs[i], id);
        size_t used = strlen(searched);
        snprintf(searched + used, sizeof(searched) - used, "%s%s", i > 0 ? ", " : "", dirs[i]);
        if (access(path, F_OK) == 0) {
            free_dirs(dirs, n);
            return load_found(path, lang, out, why, cap);
        }
    }
    free_dirs(dirs, n);
    if (why != NULL && cap > 0 && n > 0) {
        snprintf(why, cap, ts_tr(lang, N_("no lesson '%s' in %s (see 'tlsstep lessons')")), id,
                 searched);
    } else if (why != NULL && cap > 0) {
        snprintf(why, cap, ts_tr(lang, N_("no lesson '%s': no lessons folder was found (see "
                                          "'tlsstep lessons')")),
                 id);
    }
    return TS_ERR_LESSON;
}

static int by_difficulty(const void *a, const void *b)
{
    const ts_lesson *x = *(ts_lesson *const *)a, *y = *(ts_lesson *const *)b;
    if (x->difficulty != y->difficulty) {
        return x->difficulty < y->difficulty ? -1 : 1;
    }
    return strcmp(x->id, y->id);
}

/* Loads the lessons of one folder into *ls, skipping ids already there. */
static ts_err list_dir(const char *dir, ts_lang lang, ts_lesson ***ls, size_t *n, size_t *cap,
                       ts_lesson_bad_fn bad, void *ctx)
{
    DIR *dp = opendir(dir);
    if (dp == NULL) {
        return TS_OK;
    }
    struct dirent *e;
    ts_err err = TS_OK;
    while (err == TS_OK && (e = readdir(dp)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0 ||
            strcmp(e->d_name, "README.md") == 0 || e->d_name[0] == '.') {
            continue;
        }
        bool dup = false;
        for (size_t i = 0; i < *n && !dup; i++) {
            dup = strlen((*ls)[i]->id) == len - 3 && strncmp((*ls)[i]->id, e->d_name, len - 3) == 0;
        }
        char path[PATH_MAX], why[TS_LESSON_WHY_CAP];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        ts_lesson *l = NULL;
        if (dup) {
            continue;
        }
        if (load_found(path, lang, &l, why, sizeof(why)) != TS_OK) {
            if (bad != NULL) {
                bad(ctx, why);
            }
            continue;
        }
        if (*n == *cap) {
            size_t nc = *cap ? 2 * *cap : 8;
            ts_lesson **grown = realloc(*ls, nc * sizeof(*grown));
            if (grown == NULL) {
                ts_lesson_free(l);
                err = TS_ERR_NOMEM;
                break;
            }
            *ls = grown;
            *cap = nc;
        }
        (*ls)[(*n)++] = l;
    }
    closedir(dp);
    return err;
}

ts_err ts_lesson_list(const char *dir, ts_lang lang, ts_lesson ***out, size_t *n,
                      ts_lesson_bad_fn bad, void *ctx)
{
    TS_ENSURE(out != NULL && n != NULL, TS_ERR_ARG);
    char *dirs[MAX_DIRS];
    size_t nd = ts_lesson_dirs(dir, dirs, MAX_DIRS);
    ts_lesson **ls = NULL;
    size_t count = 0, cap = 0;
    ts_err err = TS_OK;
    for (size_t i = 0; i < nd && err == TS_OK; i++) {
        err = list_dir(dirs[i], lang, &ls, &count, &cap, bad, ctx);
    }
    free_dirs(dirs, nd);
    if (err != TS_OK) {
        ts_lesson_list_free(ls, count);
        return err;
    }
    if (count > 1) {
        qsort(ls, count, sizeof(*ls), by_difficulty);
    }
    *out = ls;
    *n = count;
    return TS_OK;
}

void ts_lesson_list_free(ts_lesson **ls, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ts_lesson_free(ls[i]);
    }
    free(ls);
}

const char *ts_lesson_kind_name(ts_lesson_kind kind)
{
    return kind == TS_LESSON_KIND_EXERCISE ? "exercise" : "lesson";
}

const char *ts_lesson_kind_label(ts_lesson_kind kind, ts_lang lang)
{
    return ts_tr(lang, kind == TS_LESSON_KIND_EXERCISE ? N_("exercise") : N_("lesson"));
}

const char *ts_weak_key_name(ts_weak_key w)
{
    static const char *const names[] = {"none", "close-primes", "shared-prime", "e3", "tiny"};
    return (unsigned)w < 5 ? names[w] : "unknown";
}

const ts_lesson_section *ts_lesson_section_for(const ts_lesson *l, ts_lang lang,
                                               const char *name, ts_side side)
{
    if (l == NULL || name == NULL || lang >= TS_LANG_COUNT) {
        return NULL;
    }
    const ts_lesson_section *any = NULL;
    for (size_t i = 0; i < l->n_sections[lang]; i++) {
        const ts_lesson_section *s = &l->sections[lang][i];
        if (strcmp(s->step, name) != 0) {
            continue;
        }
        if (s->side == (int)side) {
            return s;
        }
        if (s->side < 0) {
            any = s;
        }
    }
    return any;
}

const char *ts_lesson_narration(const ts_lesson *l, const ts_step *step, ts_lang lang)
{
    if (step == NULL) {
        return l != NULL && lang < TS_LANG_COUNT ? l->intro[lang].markdown : NULL;
    }
    const ts_lesson_section *s =
        step != NULL ? ts_lesson_section_for(l, lang, step->ev.name, step->ev.side) : NULL;
    return s != NULL ? s->markdown : NULL;
}

const ts_lesson_section *ts_lesson_narration_at(const ts_lesson *l, const ts_trace *t, size_t k,
                                                ts_lang lang, size_t *at)
{
    if (l == NULL || lang >= TS_LANG_COUNT) {
        return NULL;
    }
    size_t count = t != NULL ? ts_trace_count(t) : 0;
    for (size_t j = k < count ? k : count; j > 0; j--) {
        const ts_step *st = ts_trace_get(t, j - 1);
        const ts_lesson_section *s = ts_lesson_section_for(l, lang, st->ev.name, st->ev.side);
        if (s != NULL) {
            if (at != NULL) {
                *at = j;
            }
            return s;
        }
    }
    if (at != NULL) {
        *at = 0;
    }
    return &l->intro[lang];
}

ts_err ts_lesson_config(const ts_lesson *l, ts_session_config *cfg)
{
    TS_ENSURE(l != NULL && cfg != NULL, TS_ERR_ARG);
    memset(cfg, 0, sizeof(*cfg));
    const ts_lesson_run *r = &l->run;
    if (r->suite[0] != '\0') {
        cfg->suite = ts_suite_by_name(r->suite);
        TS_ENSURE(cfg->suite != NULL, TS_ERR_ARG);
    }
    cfg->bits = r->bits;
    cfg->seed = r->seed[0] != '\0' ? r->seed : NULL;
    cfg->host = r->host[0] != '\0' ? r->host : NULL;
    cfg->ems = r->ems;
    cfg->offer_one = r->offer_one;
    cfg->no_verify = r->no_verify;
    cfg->skip_ske_check = r->skip_ske_check;
    cfg->lax_pkcs1 = r->lax_pkcs1;
    return TS_OK;
}
