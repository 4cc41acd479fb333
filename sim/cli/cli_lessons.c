/* cli_lessons: `tlsstep lessons`, the lessons and exercises found on the
 * lesson search path: id, kind, difficulty and title in one language. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/ts_i18n.h"
#include "base/ts_lang.h"
#include "base/ts_text.h"
#include "cli/cli.h"
#include "lesson/ts_lesson.h"
#include "simulation/ts_steps.h"

static const char *const usage_text = N_(
    "usage: tlsstep lessons [--lang en|ko] [--lessons DIR] [--json] [--steps]\n"
    "Lists the lessons and exercises: id, kind, difficulty (1-5) and title.\n"
    "\n"
    "  --lang en|ko   language of the list and the titles (default: from\n"
    "                 LANGUAGE, LC_ALL, LC_MESSAGES or LANG; ko... means Korean);\n"
    "                 --json keeps its keys and kinds in English\n"
    "  --lessons DIR  look in DIR first\n"
    "  --json         print a JSON array (id, kind, difficulty, title, summary,\n"
    "                 path)\n"
    "  --steps        list the step names a lesson section may attach to, with\n"
    "                 what each is\n"
    "\n"
    "Lessons are found in, best first: --lessons DIR, $XDG_DATA_HOME/tlsstep/\n"
    "lessons (default ~/.local/share/tlsstep/lessons), $TLSSTEP_LESSONS, lessons/\n"
    "beside the tlsstep executable or a folder above it (a source tree),\n"
    "../share/tlsstep/lessons beside the executable's folder (where 'make\n"
    "install' and the .deb put them), %s, ./lessons.\n"
    "A lesson found earlier hides one with the same id later, so a teacher's copy\n"
    "wins. The format: lessons/README.md. Play one: tlsstep run --lesson ID.\n"
    "\n"
    "TLS 1.3: a lesson whose run.suite is tls13-aes or tls13-chacha runs TLS 1.3\n"
    "(tls13-handshake: the notes' seven steps as TLS 1.3 does them;\n"
    "tls12-vs-tls13: what was removed and why, the downgrade sentinel,\n"
    "HelloRetryRequest), and 'tlsstep ui --tls 1.3' opens tls13-handshake. Its\n"
    "exercises: downgrade-sentinel (strip supported_versions in flight),\n"
    "tls13-tamper (a byte of the encrypted certificate), tls13-decrypt (a record\n"
    "by hand from the key log: tlsstep hkdf, tlsstep aead). In the UI, s shows\n"
    "the key schedule as a ladder and w what an eavesdropper sees. Any lesson's\n"
    "run beside the other version, the same seed, messages lined up: the v key\n"
    "in the UI, 'tlsstep ui --compare', 'tlsstep run --compare'.\n"
    "\n"
    "Exit status: 0; 1 when a lesson file is malformed (each reported on stderr\n"
    "with file and line, the others still listed); 2 for bad usage.\n");

enum { OPT_LANG = 256, OPT_DIR, OPT_JSON, OPT_STEPS };

static const struct option longopts[] = {
    {"lang", required_argument, NULL, OPT_LANG},
    {"lessons", required_argument, NULL, OPT_DIR},
    {"json", no_argument, NULL, OPT_JSON},
    {"steps", no_argument, NULL, OPT_STEPS},
    {NULL, 0, NULL, 0},
};

static void report_bad(void *ctx, const char *message)
{
    int *bad = ctx;
    cli_fail(CLI_EXIT_FAIL, "lessons", "%s", message);
    (*bad)++;
}

/* Pads s to cols display columns (Hangul counts two). */
static void padded(FILE *f, const char *s, size_t cols)
{
    size_t w = ts_text_width(s, strlen(s));
    fprintf(f, "%s%*s", s, (int)(w < cols ? cols - w : 0), "");
}

static int print_steps(ts_lang lang)
{
    static const char *const groups[] = {N_("handshake"), N_("alert"), N_("textbook")};
    for (size_t i = 0; i < ts_steps_count(); i++) {
        const ts_step_info *s = ts_steps_get(i);
        printf("%-26s ", s->name);
        padded(stdout, ts_tr(lang, groups[s->group]), 9);
        printf(" %s\n", ts_tr(lang, s->desc));
    }
    return CLI_EXIT_OK;
}

static ts_err print_json(ts_lesson **ls, size_t n, ts_lang lang)
{
    json_t *arr = json_array();
    TS_ENSURE(arr != NULL, TS_ERR_NOMEM);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s, s:s}", "id", ls[i]->id, "kind",
                              ts_lesson_kind_name(ls[i]->kind), "difficulty",
                              (int)ls[i]->difficulty, "title", ls[i]->title[lang], "summary",
                              ls[i]->summary[lang], "path", ls[i]->path, "play",
                              ls[i]->run.play == TS_LESSON_PLAY_TEXTBOOK ? "textbook"
                                                                         : "handshake");
        if (o == NULL || json_array_append_new(arr, o) != 0) {
            json_decref(arr);
            return TS_ERR_NOMEM;
        }
    }
    char *text = json_dumps(arr, JSON_INDENT(2));
    json_decref(arr);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    size_t len = strlen(text);
    text[len] = '\n';
    ts_err err = cli_write_file("-", (const uint8_t *)text, len + 1);
    free(text);
    return err;
}

static ts_err print_table(ts_lesson **ls, size_t n, ts_lang lang)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    TS_ENSURE(f != NULL, TS_ERR_NOMEM);
    size_t idw = 2;
    for (size_t i = 0; i < n; i++) {
        idw = strlen(ls[i]->id) > idw ? strlen(ls[i]->id) : idw;
    }
    /* TRANSLATORS: the lessons table's column heads; the id column keeps "id" */
    padded(f, "id", idw + 2);
    padded(f, ts_tr(lang, "kind"), 10);
    padded(f, ts_tr(lang, "difficulty"), 12);
    fprintf(f, "%s\n", ts_tr(lang, "title"));
    for (size_t i = 0; i < n; i++) {
        padded(f, ls[i]->id, idw + 2);
        padded(f, ts_lesson_kind_label(ls[i]->kind, lang), 10);
        fprintf(f, "%-12u%s\n", ls[i]->difficulty, ls[i]->title[lang]);
    }
    ts_err err = ferror(f) ? TS_ERR_IO : TS_OK;
    fclose(f);
    if (err == TS_OK) {
        err = cli_write_file("-", (const uint8_t *)text, len);
    }
    free(text);
    return err;
}

int cli_lessons(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf(cli_tr(usage_text), ts_lesson_data_dir());
        return CLI_EXIT_OK;
    }
    ts_lang lang = cli_lang();
    const char *dir = NULL;
    bool json = false, steps = false;
    opterr = 0;
    optind = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_LANG:
            if (!cli_parse_lang_option("lessons", optarg)) {
                return CLI_EXIT_USAGE;
            }
            lang = cli_lang();
            break;
        case OPT_DIR: dir = optarg; break;
        case OPT_JSON: json = true; break;
        case OPT_STEPS: steps = true; break;
        default:
            if (optopt != 0) {
                return cli_usage_error("lessons", "option '%s' needs a value", argv[optind - 1]);
            }
            return cli_usage_error("lessons", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) {
        return cli_usage_error("lessons", "unexpected argument '%s'", argv[optind]);
    }
    if (steps) {
        return print_steps(lang);
    }
    struct stat st;
    if (dir != NULL && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        return cli_usage_error("lessons", "--lessons '%s' is not a folder", dir);
    }
    ts_lesson **ls = NULL;
    size_t n = 0;
    int bad = 0;
    ts_err err = ts_lesson_list(dir, lang, &ls, &n, report_bad, &bad);
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_FAIL, "lessons", "%s", ts_err_str(err, cli_lang()));
    }
    if (n == 0 && bad == 0) {
        ts_lesson_list_free(ls, n);
        return cli_fail(CLI_EXIT_FAIL, "lessons", "no lessons found (see 'tlsstep lessons "
                        "--help' for where they are looked for)");
    }
    err = json ? print_json(ls, n, lang) : print_table(ls, n, lang);
    ts_lesson_list_free(ls, n);
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_FAIL, "lessons", "cannot write the list: %s", ts_err_str(err, cli_lang()));
    }
    return bad > 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
