/* cli_exercise: `tlsstep exercise ID` (print the task, write the public
 * material) and `tlsstep check ID --seed S --answer FILE|TEXT` (decide an
 * answer: exit 0 solved, 1 not, with one line saying why). Everything a
 * person reads is in the --lang language (default: the locale's); JSON and
 * the material's files stay English. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/ts_hex.h"
#include "base/ts_i18n.h"
#include "base/ts_lang.h"
#include "cli/cli.h"
#include "exercise/ts_exercise.h"
#include "lesson/ts_lesson.h"

static const char *const exercise_usage =
    N_("usage: tlsstep exercise [ID] [--seed S] [--out-dir DIR] [--lang en|ko] [--lessons DIR]\n"
    "       tlsstep exercise robot --seed S --attack|--oracle [--full-pkcs1]\n"
    "Prints an exercise's task, the real incident it comes from and its hints, and\n"
    "writes its public material (certificates, a recorded run, numbers) into DIR.\n"
    "Without ID, lists the exercises.\n"
    "\n"
    "  --seed S       seed of the material (default: a fresh one, printed); the\n"
    "                 same seed always gives the same material\n"
    "  --out-dir DIR  where the files go (default: ./ID-SEED); made if missing\n"
    "  --lang en|ko   language of the task (default: from the locale)\n"
    "  --lessons DIR  also look for the exercise's lesson file in DIR\n"
    "  --attack       robot: run the tool's own Bleichenbacher attack on the\n"
    "                 recorded session through the oracle, showing the query\n"
    "                 count and the narrowing interval live (on stderr)\n"
    "  --oracle       robot: be the leaky server: read one ciphertext (hex) per\n"
    "                 line on stdin, answer each with the alert the server sends:\n"
    "                 20 (bad_record_mac: the padding was good) or 51\n"
    "                 (decrypt_error: bad padding); the count goes to stderr\n"
    "  --full-pkcs1   robot: the server checks all of PKCS#1, not only 00 02\n"
    "\n"
    "Then: tlsstep check ID --seed S --answer FILE\n");

static const char *const check_usage =
    N_("usage: tlsstep check ID --seed S --answer FILE|TEXT [--json] [--lang en|ko]\n"
    "Decides an exercise's answer from a real run or computation on the material\n"
    "of seed S. The answer is read from FILE ('-': stdin) when such a file\n"
    "exists, else the value itself is the answer (hex, a tamper spec, ...).\n"
    "\n"
    "  --seed S         the seed the exercise was given with (required)\n"
    "  --answer FILE|TEXT  the answer\n"
    "  --json           print {\"exercise\", \"seed\", \"solved\", \"why\"} as JSON\n"
    "                   (in English, whatever the language)\n"
    "  --lang en|ko     language of the verdict (default: from the locale)\n"
    "\n"
    "Exit status: 0 solved, 1 not solved (one line says why), 2 bad usage.\n");

enum { OPT_SEED = 256, OPT_OUT, OPT_LANG, OPT_LESSONS, OPT_ATTACK, OPT_ORACLE, OPT_FULL, OPT_ANSWER,
       OPT_JSON };

/* Everything exercise and check accept (each command its own subset). */
typedef struct {
    const char *seed, *out_dir, *lessons, *answer;
    ts_lang lang;
    bool attack, oracle, json;
    ts_oracle_strength strength;
} ex_opts;

/* The language asked for by --lang en|ko or --lang=en|ko anywhere in argv
 * (before "--"), else the locale's: what --help and the first usage error
 * are written in, before the options are parsed. */
static ts_lang lang_of_args(int argc, char **argv)
{
    ts_lang lang = ts_lang_default();
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
        const char *v = strncmp(argv[i], "--lang=", 7) == 0 ? argv[i] + 7
                        : strcmp(argv[i], "--lang") == 0 && i + 1 < argc ? argv[i + 1]
                                                                          : NULL;
        if (v != NULL) {
            ts_lang_parse(v, &lang);
        }
    }
    return lang;
}

/* Parses the options of cmd (longopts: the ones it takes) into o; returns
 * CLI_EXIT_OK, optind then at the operands, or the exit status of the
 * first bad option (message printed in o->lang). */
static int parse_opts(const char *cmd, const struct option *longopts, int argc, char **argv,
                      ex_opts *o)
{
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_SEED:
            if (optarg[0] == '\0' || strlen(optarg) > 200) {
                return cli_usage_error(cmd, "%s", ts_tr(o->lang, N_("--seed: expected 1..200 characters")));
            }
            o->seed = optarg;
            break;
        case OPT_OUT: o->out_dir = optarg; break;
        case OPT_LANG:
            if (!ts_lang_parse(optarg, &o->lang)) {
                return cli_usage_error(cmd, ts_tr(o->lang, N_("--lang: expected en or ko, not '%s'")),
                                       optarg);
            }
            break;
        case OPT_LESSONS: o->lessons = optarg; break;
        case OPT_ATTACK: o->attack = true; break;
        case OPT_ORACLE: o->oracle = true; break;
        case OPT_FULL: o->strength = TS_ORACLE_PKCS1; break;
        case OPT_ANSWER: o->answer = optarg; break;
        case OPT_JSON: o->json = true; break;
        default:
            return cli_usage_error(cmd, ts_tr(o->lang, N_("unknown option '%s'")), argv[optind - 1]);
        }
    }
    return CLI_EXIT_OK;
}

/* The one operand, an exercise ID, into *x; else a usage error of cmd in lang. */
static int one_exercise(const char *cmd, int argc, char **argv, ts_lang lang, const ts_exercise **x)
{
    if (optind + 1 != argc) {
        return cli_usage_error(cmd, "%s", ts_tr(lang, N_("expected one exercise ID")));
    }
    *x = ts_exercise_find(argv[optind]);
    if (*x == NULL) {
        return cli_fail(CLI_EXIT_USAGE, cmd,
                        ts_tr(lang, N_("no exercise '%s' (the list: 'tlsstep exercise')")),
                        argv[optind]);
    }
    return CLI_EXIT_OK;
}

/* The exercise's lesson file (ID.md on the lesson path, dir first), or
 * NULL when there is none or it does not load (ts_lesson_free it). */
static ts_lesson *lesson_of(const ts_exercise *x, const char *dir, ts_lang lang)
{
    ts_lesson *l = NULL;
    char why[TS_LESSON_WHY_CAP];
    return ts_lesson_open(x->id, dir, lang, &l, why, sizeof(why)) == TS_OK ? l : NULL;
}

/* The exercise's title in lang: its lesson's when there is one. */
static void print_title(const ts_exercise *x, const ts_lesson *l, ts_lang lang)
{
    fputs(l != NULL ? l->title[lang] : ts_tr(lang, x->title), stdout);
}

static int list_exercises(const char *dir, ts_lang lang)
{
    for (size_t i = 0; ts_exercise_at(i) != NULL; i++) {
        const ts_exercise *x = ts_exercise_at(i);
        ts_lesson *l = lesson_of(x, dir, lang);
        printf("%-18s ", x->id);
        print_title(x, l, lang);
        putchar('\n');
        ts_lesson_free(l);
    }
    return CLI_EXIT_OK;
}

static void print_block(const char *title, const char *text)
{
    if (text != NULL && text[0] != '\0') {
        printf("%s:\n", title);
        for (const char *p = text; *p != '\0';) {
            const char *e = strchr(p, '\n');
            size_t n = e != NULL ? (size_t)(e - p) : strlen(p);
            printf("  %.*s\n", (int)n, p);
            p = e != NULL ? e + 1 : p + n;
        }
    }
}

/* The task, from the lesson file when there is one, in lang. The lesson's
 * incident is English (one text for both languages): shown through the
 * catalogue, where the exercise's own incident, the same text, has its
 * translation. */
static void print_task(const ts_exercise *x, const char *dir, ts_lang lang)
{
    ts_lesson *l = lesson_of(x, dir, lang);
    printf("%s: %s\n", ts_tr(lang, N_("exercise")), x->id);
    printf("%s: ", ts_tr(lang, N_("title")));
    print_title(x, l, lang);
    putchar('\n');
    const char *incident = l != NULL && l->exercise.incident != NULL ? l->exercise.incident
                                                                     : x->incident;
    printf("%s: %s\n", ts_tr(lang, N_("incident")), ts_tr(lang, incident));
    if (l != NULL) {
        print_block(ts_tr(lang, N_("task")), l->exercise.goal[lang]);
    }
    printf("%s: %s\n", ts_tr(lang, N_("answer")), ts_tr(lang, x->answer));
    if (l != NULL && l->exercise.n_hints[lang] > 0) {
        printf("%s\n", ts_tr(lang, N_("hints (read them one at a time):")));
        for (size_t i = 0; i < l->exercise.n_hints[lang]; i++) {
            printf("  %zu. %s\n", i + 1, l->exercise.hints[lang][i]);
        }
    }
    ts_lesson_free(l);
}

static int write_material(const ts_exercise *x, const char *seed, const char *out_dir, ts_lang lang)
{
    ts_exercise_material m;
    ts_exercise_material_init(&m);
    m.lang = lang;
    ts_err err = x->material(seed, &m);
    if (err != TS_OK) {
        ts_exercise_material_free(&m);
        return cli_fail(CLI_EXIT_FAIL, "exercise", ts_tr(lang, N_("could not make the material: %s")),
                        ts_err_str(err, lang));
    }
    if (m.n_files > 0 && mkdir(out_dir, 0755) != 0 && errno != EEXIST) {
        int e = errno;
        ts_exercise_material_free(&m);
        return cli_fail(CLI_EXIT_USAGE, "exercise", ts_tr(lang, N_("cannot make folder '%s': %s")),
                        out_dir, strerror(e));
    }
    if (m.facts.len > 0) {
        printf("%s:\n", ts_tr(lang, N_("given")));
        fwrite(m.facts.data, 1, m.facts.len, stdout);
    }
    int rc = CLI_EXIT_OK;
    for (size_t i = 0; i < m.n_files && rc == CLI_EXIT_OK; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", out_dir, m.files[i].name);
        if (cli_write_file(path, m.files[i].data.data, m.files[i].data.len) != TS_OK) {
            rc = cli_fail(CLI_EXIT_USAGE, "exercise", ts_tr(lang, N_("cannot write '%s'")), path);
        } else {
            printf(ts_tr(lang, N_("wrote: %s (%zu bytes)")), path, m.files[i].data.len);
            putchar('\n');
        }
    }
    ts_exercise_material_free(&m);
    if (rc == CLI_EXIT_OK) {
        printf("%s: tlsstep check %s --seed %s --answer FILE\n", ts_tr(lang, N_("check")), x->id,
               seed);
    }
    return rc;
}

/* Where the attack's progress goes. */
typedef struct {
    bool tty;
    unsigned long calls;
    char last[512];    /* the latest line */
    bool last_printed; /* whether it is on the screen already */
} progress_out;

/* On a terminal every update rewrites one line; otherwise one line in 64
 * is printed, and the last (progress_end). */
static void progress(void *ctx, const char *line)
{
    progress_out *p = ctx;
    snprintf(p->last, sizeof(p->last), "%s", line);
    p->last_printed = p->tty || p->calls++ % 64 == 0;
    if (p->tty) {
        fprintf(stderr, "\r%s\033[K", line);
    } else if (p->last_printed) {
        fprintf(stderr, "%s\n", line);
    }
    fflush(stderr);
}

/* Ends the progress: the terminal's line, or the last update not printed. */
static void progress_end(const progress_out *p)
{
    if (p->tty) {
        fputc('\n', stderr);
    } else if (!p->last_printed && p->last[0] != '\0') {
        fprintf(stderr, "%s\n", p->last);
    }
}

static int cli_robot_attack(const char *seed, const ts_robot_opts *o, ts_lang lang)
{
    progress_out p = {.tty = isatty(fileno(stderr))};
    printf("%s: robot\n%s: %s\n%s: %s\n", ts_tr(lang, N_("exercise")), ts_tr(lang, N_("seed")),
           seed, ts_tr(lang, N_("oracle")), ts_exercise_oracle_name(o->strength, lang));
    fflush(stdout);
    ts_buf out;
    ts_buf_init(&out);
    ts_err err = ts_exercise_robot_attack(seed, o, progress, &p, &out, NULL);
    progress_end(&p);
    if (err == TS_OK) {
        fwrite(out.data, 1, out.len, stdout);
    }
    ts_buf_free(&out);
    return err == TS_OK ? CLI_EXIT_OK
                        : cli_fail(CLI_EXIT_FAIL, "exercise", ts_tr(lang, N_("attack failed: %s")),
                                   ts_err_str(err, lang));
}

static int cli_robot_oracle(const char *seed, ts_oracle_strength strength, ts_lang lang)
{
    ts_rsa_key *key = NULL;
    ts_oracle o;
    ts_err err = ts_exercise_robot_oracle(seed, strength, &key, &o);
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_FAIL, "exercise", ts_tr(lang, N_("no oracle: %s")),
                        ts_err_str(err, lang));
    }
    char *line = NULL;
    size_t cap = 0;
    int rc = CLI_EXIT_OK;
    ts_buf ct;
    ts_buf_init(&ct);
    while (getline(&line, &cap, stdin) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0') {
            continue;
        }
        bool ok = false;
        ts_buf_reset(&ct);
        if (ts_hex_decode(line, &ct, NULL) != TS_OK ||
            ts_oracle_query(&o, ct.data, ct.len, &ok) != TS_OK) {
            rc = cli_usage_error("exercise", "%s",
                                 ts_tr(lang, N_("oracle: expected a hex ciphertext below n per line")));
            break;
        }
        printf("%d\n", ts_oracle_alert(ok));
        fflush(stdout);
    }
    fprintf(stderr, ts_tr(lang, N_("oracle: %llu queries, %llu with good padding")),
            (unsigned long long)o.queries, (unsigned long long)o.valid);
    fputc('\n', stderr);
    free(line);
    ts_buf_free(&ct);
    ts_rsa_free(key);
    return rc;
}

int cli_exercise(int argc, char **argv)
{
    ex_opts o = {.lang = lang_of_args(argc, argv), .strength = TS_ORACLE_PREFIX};
    if (cli_wants_help(argc, argv)) {
        fputs(ts_tr(o.lang, exercise_usage), stdout);
        return CLI_EXIT_OK;
    }
    static const struct option longopts[] = {
        {"seed", required_argument, NULL, OPT_SEED},
        {"out-dir", required_argument, NULL, OPT_OUT},
        {"lang", required_argument, NULL, OPT_LANG},
        {"lessons", required_argument, NULL, OPT_LESSONS},
        {"attack", no_argument, NULL, OPT_ATTACK},
        {"oracle", no_argument, NULL, OPT_ORACLE},
        {"full-pkcs1", no_argument, NULL, OPT_FULL},
        {NULL, 0, NULL, 0},
    };
    int rc = parse_opts("exercise", longopts, argc, argv, &o);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (optind == argc) {
        return list_exercises(o.lessons, o.lang);
    }
    const ts_exercise *x = NULL;
    rc = one_exercise("exercise", argc, argv, o.lang, &x);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    const char *seed = o.seed;
    char fresh[17];
    if (seed == NULL) {
        ts_rng_new_seed(fresh);
        seed = fresh;
    }
    if (o.attack || o.oracle || o.strength != TS_ORACLE_PREFIX) {
        if (strcmp(x->id, "robot") != 0 || (o.attack && o.oracle)) {
            return cli_usage_error("exercise", "%s",
                                   ts_tr(o.lang, N_("--attack or --oracle (and --full-pkcs1): robot only")));
        }
        ts_robot_opts ro = {.strength = o.strength, .sign = true, .lang = o.lang};
        return o.attack ? cli_robot_attack(seed, &ro, o.lang)
                        : cli_robot_oracle(seed, o.strength, o.lang);
    }
    const char *out_dir = o.out_dir;
    char dir[512];
    if (out_dir == NULL) {
        snprintf(dir, sizeof(dir), "%s-%s", x->id, seed);
        out_dir = dir;
    }
    print_task(x, o.lessons, o.lang);
    printf("%s: %s\n", ts_tr(o.lang, N_("seed")), seed);
    return write_material(x, seed, out_dir, o.lang);
}

/* Prints the verdict: as JSON (English, whatever the language), or one
 * line in lang. */
static int report(const ts_exercise *x, const char *seed, const ts_exercise_verdict *v, bool json,
                  ts_lang lang)
{
    if (json) {
        json_t *o = json_pack("{s:s, s:s, s:b, s:s}", "exercise", x->id, "seed", seed, "solved",
                              v->solved, "why", v->why);
        char *text = o != NULL ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        if (text == NULL) {
            return cli_fail(CLI_EXIT_FAIL, "check", "%s", ts_err_str(TS_ERR_NOMEM, lang));
        }
        puts(text);
        free(text);
    } else {
        printf("%s: %s\n", v->solved ? ts_tr(lang, N_("solved")) : ts_tr(lang, N_("not solved")),
               v->why);
    }
    return v->solved ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

int cli_check(int argc, char **argv)
{
    ex_opts o = {.lang = lang_of_args(argc, argv), .strength = TS_ORACLE_PREFIX};
    if (cli_wants_help(argc, argv)) {
        fputs(ts_tr(o.lang, check_usage), stdout);
        return CLI_EXIT_OK;
    }
    static const struct option longopts[] = {
        {"seed", required_argument, NULL, OPT_SEED}, {"answer", required_argument, NULL, OPT_ANSWER},
        {"json", no_argument, NULL, OPT_JSON},       {"lang", required_argument, NULL, OPT_LANG},
        {NULL, 0, NULL, 0},
    };
    const ts_exercise *x = NULL;
    int rc = parse_opts("check", longopts, argc, argv, &o);
    cli_set_lang(o.lang);
    if (rc == CLI_EXIT_OK) {
        rc = one_exercise("check", argc, argv, o.lang, &x);
    }
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    const char *seed = o.seed, *answer = o.answer;
    if (seed == NULL || answer == NULL) {
        return cli_usage_error("check", "%s", ts_tr(o.lang, N_("--seed and --answer are required")));
    }
    ts_buf text;
    struct stat st;
    bool is_file = strcmp(answer, "-") == 0 || stat(answer, &st) == 0;
    if (is_file) {
        if (cli_read_file(answer, &text) != TS_OK) {
            return cli_usage_error("check", ts_tr(o.lang, N_("cannot read answer file '%s'")), answer);
        }
    } else {
        ts_buf_init(&text);
        if (ts_buf_write_bytes(&text, (const uint8_t *)answer, strlen(answer)) != TS_OK) {
            return cli_fail(CLI_EXIT_FAIL, "check", "%s", ts_err_str(TS_ERR_NOMEM, o.lang));
        }
    }
    /* JSON carries English whatever the language; the line, the reader's. */
    ts_exercise_verdict v = {.solved = false, .why = "", .lang = o.json ? TS_LANG_EN : o.lang};
    ts_err err = x->check(seed, text.data, text.len, &v);
    ts_buf_free(&text);
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_FAIL, "check", "the checker could not run: %s", ts_err_str(err, o.lang));
    }
    return report(x, seed, &v, o.json, o.lang);
}
