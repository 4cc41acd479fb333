/* ts_lesson_yaml: the lesson's front matter, read with libyaml's document
 * API; each field is checked where it is read. */
#include "lesson/ts_lesson_yaml.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "base/ts_i18n.h"
#include "crypto/ts_suite.h"
#include "simulation/ts_action_parse.h"
#include "simulation/ts_session.h"

typedef struct {
    ts_lesson_diag *d;
    yaml_document_t *doc;
    unsigned first; /* file line of the YAML's first line */
} yctx;

#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

static unsigned line_of(const yctx *c, const yaml_node_t *n)
{
    return c->first + (unsigned)n->start_mark.line;
}

static yaml_node_t *node(const yctx *c, int id)
{
    return yaml_document_get_node(c->doc, id);
}

/* The scalar's text, or NULL when n is not a scalar. */
static const char *scalar(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* What n is ("a list"), in the language of the messages. */
static const char *type_name(const yctx *c, const yaml_node_t *n)
{
    return ts_tr(c->d->lang, n->type == YAML_SCALAR_NODE     ? N_("a scalar")
                             : n->type == YAML_SEQUENCE_NODE ? N_("a list")
                                                             : N_("a mapping"));
}

/* The scalar's text, else what n is: the "got ..." of a message. */
static const char *shown(const yctx *c, const yaml_node_t *n)
{
    return scalar(n) != NULL ? scalar(n) : type_name(c, n);
}

/* what: an English msgid (N_), shown in the language of the messages. */
static ts_err want(yctx *c, const yaml_node_t *n, yaml_node_type_t type, const char *key,
                   const char *what)
{
    if (n->type != type) {
        return ts_lesson_fail(c->d, line_of(c, n), N_("%s: expected %s, got %s"), key,
                              ts_tr(c->d->lang, what), type_name(c, n));
    }
    return TS_OK;
}

/* A non-empty text value. */
static ts_err get_text(yctx *c, const yaml_node_t *n, const char *key, const char **out)
{
    TS_GUARD(want(c, n, YAML_SCALAR_NODE, key, N_("a text")));
    if (scalar(n)[0] == '\0') {
        return ts_lesson_fail(c->d, line_of(c, n), N_("%s: expected a text, got nothing"), key);
    }
    *out = scalar(n);
    return TS_OK;
}

static ts_err dup_text(yctx *c, const yaml_node_t *n, const char *key, char **out)
{
    const char *s = NULL;
    TS_GUARD(get_text(c, n, key, &s));
    free(*out);
    *out = strdup(s);
    return *out != NULL ? TS_OK : TS_ERR_NOMEM;
}

static ts_err copy_text(yctx *c, const yaml_node_t *n, const char *key, char *out, size_t cap)
{
    const char *s = NULL;
    TS_GUARD(get_text(c, n, key, &s));
    if (strlen(s) >= cap) {
        return ts_lesson_fail(c->d, line_of(c, n), N_("%s: expected at most %zu characters"), key,
                              cap - 1);
    }
    strcpy(out, s);
    return TS_OK;
}

static ts_err get_bool(yctx *c, const yaml_node_t *n, const char *key, bool *out)
{
    const char *s = scalar(n);
    if (s != NULL && (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
                      strcasecmp(s, "on") == 0)) {
        *out = true;
        return TS_OK;
    }
    if (s != NULL && (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0 ||
                      strcasecmp(s, "off") == 0)) {
        *out = false;
        return TS_OK;
    }
    return ts_lesson_fail(c->d, line_of(c, n), N_("%s: expected true or false, got '%s'"), key,
                          shown(c, n));
}

/* A decimal integer in [min, max]. */
static ts_err get_uint(yctx *c, const yaml_node_t *n, const char *key, uint64_t min,
                       uint64_t max, uint64_t *out)
{
    const char *s = scalar(n);
    char *end = NULL;
    unsigned long long v = 0;
    bool ok = s != NULL && isdigit((unsigned char)s[0]);
    if (ok) {
        v = strtoull(s, &end, 10);
        ok = *end == '\0' && v >= min && v <= max;
    }
    if (!ok) {
        return ts_lesson_fail(c->d, line_of(c, n), N_("%s: expected a whole number %llu..%llu, "
                              "got '%s'"), key, (unsigned long long)min, (unsigned long long)max,
                              shown(c, n));
    }
    *out = v;
    return TS_OK;
}

/* One of names (NULL-terminated); *out receives its index. */
static ts_err get_choice(yctx *c, const yaml_node_t *n, const char *key,
                         const char *const *names, int *out)
{
    const char *s = scalar(n);
    char list[256] = "";
    for (int i = 0; names[i] != NULL; i++) {
        if (s != NULL && strcmp(s, names[i]) == 0) {
            *out = i;
            return TS_OK;
        }
        size_t used = strlen(list);
        snprintf(list + used, sizeof(list) - used, "%s%s", i > 0 ? ", " : "", names[i]);
    }
    return ts_lesson_fail(c->d, line_of(c, n), N_("%s: expected one of %s, got '%s'"), key, list,
                          shown(c, n));
}

/* Finds key k in the NULL-terminated keys; refuses unknown and repeated
 * keys. *idx receives its index. */
static ts_err key_index(yctx *c, const yaml_node_t *k, const char *where,
                        const char *const *keys, unsigned *seen, int *idx)
{
    const char *s = scalar(k);
    for (int i = 0; s != NULL && keys[i] != NULL; i++) {
        if (strcmp(s, keys[i]) == 0) {
            if (*seen & (1u << i)) {
                return ts_lesson_fail(c->d, line_of(c, k), N_("%s%s: given twice"), where, s);
            }
            *seen |= 1u << i;
            *idx = i;
            return TS_OK;
        }
    }
    char list[256] = "";
    for (int i = 0; keys[i] != NULL; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof(list) - used, "%s%s", i > 0 ? ", " : "", keys[i]);
    }
    return ts_lesson_fail(c->d, line_of(c, k), N_("unknown key '%s%s' (expected one of: %s)"), where,
                          s != NULL ? s : "?", list);
}

/* A mapping {en: TEXT, ko: TEXT}, both required. */
static ts_err get_langs(yctx *c, const yaml_node_t *n, const char *key, char *out[TS_LANG_COUNT])
{
    TS_GUARD(want(c, n, YAML_MAPPING_NODE, key, N_("a mapping with en: and ko:")));
    unsigned seen = 0;
    char sub[64];
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        int i;
        snprintf(sub, sizeof(sub), "%s.", key);
        TS_GUARD(key_index(c, node(c, p->key), sub, KEYS("en", "ko"), &seen, &i));
        snprintf(sub, sizeof(sub), "%s.%s", key, i == 0 ? "en" : "ko");
        TS_GUARD(dup_text(c, node(c, p->value), sub, &out[i == 0 ? TS_LANG_EN : TS_LANG_KO]));
    }
    for (int i = 0; i < 2; i++) {
        if (!(seen & (1u << i))) {
            return ts_lesson_fail(c->d, line_of(c, n), N_("%s: missing language '%s' (expected "
                                  "%s.en and %s.ko)"), key, i == 0 ? "en" : "ko", key, key);
        }
    }
    return TS_OK;
}

/* One action of kind from v, read by the rules of ts_action_parse. */
static ts_err get_action(yctx *c, const yaml_node_t *v, const char *key, ts_action_kind kind,
                         ts_action *a)
{
    const char *s = scalar(v);
    if (kind != TS_ACT_TAMPER) {
        if (s == NULL || ts_action_parse(kind, s, a, NULL, 0) != TS_OK) {
            return ts_lesson_fail(c->d, line_of(c, v), N_("%s: expected a whole number 1..%d, "
                                  "got '%s'"), key, TS_ACTION_MAX_RECORD,
                                  shown(c, v));
        }
        return TS_OK;
    }
    if (s == NULL) {
        return ts_lesson_fail(c->d, line_of(c, v), N_("%s: expected \"N,OFFSET,XOR\", got %s"), key,
                              type_name(c, v));
    }
    char why[TS_ACTION_WHY_CAP], shown_why[2 * TS_ACTION_WHY_CAP];
    if (ts_action_parse(kind, s, a, why, sizeof(why)) != TS_OK) {
        const char *detail = ts_tr_text(c->d->lang, why, shown_why, sizeof(shown_why));
        if (c->d->lang != TS_LANG_EN && detail == why) { /* no translation of the reason */
            return ts_lesson_fail(c->d, line_of(c, v), N_("%s: expected \"N,OFFSET,XOR\", got '%s'"),
                                  key, s);
        }
        return ts_lesson_fail(c->d, line_of(c, v), N_("%s: expected \"N,OFFSET,XOR\", got '%s': %s"),
                              key, s, detail);
    }
    return TS_OK;
}

/* run.tamper / run.drop / run.replay: a list (or one value). */
static ts_err get_actions(yctx *c, const yaml_node_t *n, const char *key, ts_action_kind kind,
                          ts_lesson_run *r)
{
    yaml_node_item_t one[1];
    yaml_node_item_t *it = one, *top = one;
    if (n->type == YAML_SEQUENCE_NODE) {
        it = n->data.sequence.items.start;
        top = n->data.sequence.items.top;
    } else if (n->type == YAML_SCALAR_NODE) {
        one[0] = (yaml_node_item_t)(n - c->doc->nodes.start + 1);
        top = one + 1;
    }
    for (; it < top; it++) {
        const yaml_node_t *v = node(c, *it);
        ts_action a;
        if (r->n_actions == TS_LESSON_MAX_ACTIONS) {
            return ts_lesson_fail(c->d, line_of(c, v), N_("%s: at most %d actions"), key,
                                  TS_LESSON_MAX_ACTIONS);
        }
        TS_GUARD(get_action(c, v, key, kind, &a));
        r->actions[r->n_actions++] = a;
    }
    return TS_OK;
}

static ts_err get_textbook(yctx *c, const yaml_node_t *n, ts_lesson_run *r)
{
    TS_GUARD(want(c, n, YAML_MAPPING_NODE, "run.textbook", N_("a mapping (p, q, e, m, m2)")));
    const char *const *keys = KEYS("p", "q", "e", "m", "m2");
    uint64_t *dst[] = {&r->tb_p, &r->tb_q, &r->tb_e, &r->tb_m, &r->tb_m2};
    unsigned seen = 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        int i;
        char key[32];
        TS_GUARD(key_index(c, node(c, p->key), "run.textbook.", keys, &seen, &i));
        snprintf(key, sizeof(key), "run.textbook.%s", keys[i]);
        TS_GUARD(get_uint(c, node(c, p->value), key, i < 2 ? 3 : 1, UINT32_MAX, dst[i]));
    }
    if ((seen & 0x7) != 0x7) {
        return ts_lesson_fail(c->d, line_of(c, n), N_("run.textbook: expected p, q and e"));
    }
    uint64_t nn = r->tb_p * r->tb_q;
    if (r->tb_p == r->tb_q || nn < (1u << 8) || r->tb_m >= nn || r->tb_m2 >= nn) {
        return ts_lesson_fail(c->d, line_of(c, n), N_("run.textbook: expected p != q, p*q >= 256 "
                              "and messages m, m2 smaller than p*q"));
    }
    return TS_OK;
}

static ts_err get_run(yctx *c, const yaml_node_t *n, ts_lesson_run *r)
{
    static const char *const weak[] = {"none", "close-primes", "shared-prime", "e3", "tiny",
                                       NULL};
    const char *const *keys = KEYS("play", "suite", "bits", "seed", "host", "ems", "offer_one",
                                   "no_verify", "skip_ske_check", "lax_pkcs1", "weak_key",
                                   "tamper", "drop", "replay", "textbook");
    TS_GUARD(want(c, n, YAML_MAPPING_NODE, "run", N_("a mapping")));
    unsigned seen = 0;
    bool *flags[] = {&r->ems, &r->offer_one, &r->no_verify, &r->skip_ske_check, &r->lax_pkcs1};
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        int i, choice;
        uint64_t v;
        char key[32];
        const yaml_node_t *val = node(c, p->value);
        TS_GUARD(key_index(c, node(c, p->key), "run.", keys, &seen, &i));
        snprintf(key, sizeof(key), "run.%s", keys[i]);
        switch (i) {
        case 0:
            TS_GUARD(get_choice(c, val, key, KEYS("handshake", "textbook"), &choice));
            r->play = choice == 0 ? TS_LESSON_PLAY_HANDSHAKE : TS_LESSON_PLAY_TEXTBOOK;
            break;
        case 1:
            TS_GUARD(get_choice(c, val, key,
                                KEYS("rsa", "ecdhe", "dhe", "null", "tls13-aes", "tls13-chacha"),
                                &choice));
            TS_GUARD(copy_text(c, val, key, r->suite, sizeof(r->suite)));
            break;
        case 2:
            TS_GUARD(get_uint(c, val, key, TS_SESSION_MIN_BITS, TS_SESSION_MAX_BITS, &v));
            r->bits = (unsigned)v;
            break;
        case 3:
            TS_GUARD(copy_text(c, val, key, r->seed, sizeof(r->seed)));
            break;
        case 4:
            TS_GUARD(copy_text(c, val, key, r->host, sizeof(r->host)));
            break;
        case 5: case 6: case 7: case 8: case 9:
            TS_GUARD(get_bool(c, val, key, flags[i - 5]));
            break;
        case 10:
            TS_GUARD(get_choice(c, val, key, weak, &choice));
            r->weak_key = (ts_weak_key)choice;
            break;
        case 11: case 12: case 13:
            TS_GUARD(get_actions(c, val, key, i == 11 ? TS_ACT_TAMPER
                                              : i == 12 ? TS_ACT_DROP : TS_ACT_REPLAY, r));
            break;
        default:
            TS_GUARD(get_textbook(c, val, r));
            break;
        }
    }
    if (r->play == TS_LESSON_PLAY_TEXTBOOK && !(seen & (1u << 14))) {
        return ts_lesson_fail(c->d, line_of(c, n), N_("run: play: textbook expects run.textbook "
                              "(p, q, e, m, m2)"));
    }
    return TS_OK;
}

static ts_err get_hints(yctx *c, const yaml_node_t *n, ts_lesson_exercise *x)
{
    TS_GUARD(want(c, n, YAML_MAPPING_NODE, "exercise.hints", N_("a mapping with en: and ko: lists")));
    unsigned seen = 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        int i;
        TS_GUARD(key_index(c, node(c, p->key), "exercise.hints.", KEYS("en", "ko"), &seen, &i));
        const yaml_node_t *list = node(c, p->value);
        TS_GUARD(want(c, list, YAML_SEQUENCE_NODE, "exercise.hints", N_("a list of texts")));
        ts_lang lang = i == 0 ? TS_LANG_EN : TS_LANG_KO;
        for (yaml_node_item_t *it = list->data.sequence.items.start;
             it < list->data.sequence.items.top; it++) {
            if (x->n_hints[lang] == TS_LESSON_MAX_HINTS) {
                return ts_lesson_fail(c->d, line_of(c, list), N_("exercise.hints: at most %d"),
                                      TS_LESSON_MAX_HINTS);
            }
            TS_GUARD(dup_text(c, node(c, *it), "exercise.hints",
                              &x->hints[lang][x->n_hints[lang]]));
            x->n_hints[lang]++;
        }
    }
    if (x->n_hints[TS_LANG_EN] != x->n_hints[TS_LANG_KO]) {
        return ts_lesson_fail(c->d, line_of(c, n), N_("exercise.hints: expected as many ko hints "
                              "as en hints (%zu and %zu)"), x->n_hints[TS_LANG_KO],
                              x->n_hints[TS_LANG_EN]);
    }
    return TS_OK;
}

static ts_err get_exercise(yctx *c, const yaml_node_t *n, ts_lesson_exercise *x)
{
    static const char *const attacks[] = {"tamper", "drop", "replay", "edit",
                                          "substitute_certificate", "replace_share", "oracle",
                                          NULL};
    TS_GUARD(want(c, n, YAML_MAPPING_NODE, "exercise", N_("a mapping")));
    unsigned seen = 0;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        int i, choice;
        const yaml_node_t *val = node(c, p->value);
        TS_GUARD(key_index(c, node(c, p->key), "exercise.",
                           KEYS("checker", "answer", "incident", "goal", "hints", "attacker"),
                           &seen, &i));
        switch (i) {
        case 0: TS_GUARD(dup_text(c, val, "exercise.checker", &x->checker)); break;
        case 1:
            TS_GUARD(get_choice(c, val, "exercise.answer", KEYS("hex", "pem", "text", "file"),
                                &choice));
            TS_GUARD(dup_text(c, val, "exercise.answer", &x->answer));
            break;
        case 2: TS_GUARD(dup_text(c, val, "exercise.incident", &x->incident)); break;
        case 3: TS_GUARD(get_langs(c, val, "exercise.goal", x->goal)); break;
        case 4: TS_GUARD(get_hints(c, val, x)); break;
        default:
            TS_GUARD(want(c, val, YAML_SEQUENCE_NODE, "exercise.attacker", N_("a list")));
            for (yaml_node_item_t *it = val->data.sequence.items.start;
                 it < val->data.sequence.items.top; it++) {
                TS_GUARD(get_choice(c, node(c, *it), "exercise.attacker", attacks, &choice));
                x->attacker |= 1u << choice;
            }
            break;
        }
    }
    if ((seen & 0x3) != 0x3) {
        return ts_lesson_fail(c->d, line_of(c, n), N_("exercise: expected checker: and answer:"));
    }
    return TS_OK;
}

static ts_err get_id(yctx *c, const yaml_node_t *n, ts_lesson *l)
{
    TS_GUARD(dup_text(c, n, "id", &l->id));
    l->id_line = line_of(c, n);
    for (const char *p = l->id; *p != '\0'; p++) {
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-') {
            return ts_lesson_fail(c->d, line_of(c, n), N_("id: expected lower-case letters, digits "
                                  "and '-', got '%s'"), l->id);
        }
    }
    return TS_OK;
}

static ts_err get_root(yctx *c, const yaml_node_t *n, ts_lesson *l)
{
    if (n == NULL || n->type != YAML_MAPPING_NODE) {
        return ts_lesson_fail(c->d, n != NULL ? line_of(c, n) : c->first,
                              N_("front matter: expected a mapping (id:, title:, ...)"));
    }
    unsigned seen = 0;
    bool has_exercise = false;
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        int i, choice;
        uint64_t v;
        const yaml_node_t *val = node(c, p->value);
        TS_GUARD(key_index(c, node(c, p->key), "", KEYS("id", "title", "summary", "kind",
                                                        "difficulty", "run", "exercise"),
                           &seen, &i));
        switch (i) {
        case 0: TS_GUARD(get_id(c, val, l)); break;
        case 1: TS_GUARD(get_langs(c, val, "title", l->title)); break;
        case 2: TS_GUARD(get_langs(c, val, "summary", l->summary)); break;
        case 3:
            TS_GUARD(get_choice(c, val, "kind", KEYS("lesson", "exercise"), &choice));
            l->kind = choice == 0 ? TS_LESSON_KIND_LESSON : TS_LESSON_KIND_EXERCISE;
            break;
        case 4:
            if (scalar(val) != NULL && !isdigit((unsigned char)scalar(val)[0])) {
                TS_GUARD(get_choice(c, val, "difficulty",
                                    KEYS("beginner", "intermediate", "advanced"), &choice));
                l->difficulty = (unsigned)(1 + 2 * choice);
            } else {
                TS_GUARD(get_uint(c, val, "difficulty", 1, 5, &v));
                l->difficulty = (unsigned)v;
            }
            break;
        case 5: TS_GUARD(get_run(c, val, &l->run)); break;
        default:
            TS_GUARD(get_exercise(c, val, &l->exercise));
            has_exercise = true;
            break;
        }
    }
    static const char *const required[] = {"id", "title", "summary"};
    for (unsigned i = 0; i < 3; i++) {
        if (!(seen & (1u << i))) {
            return ts_lesson_fail(c->d, line_of(c, n), N_("front matter: missing '%s:'"),
                                  required[i]);
        }
    }
    if (has_exercise != (l->kind == TS_LESSON_KIND_EXERCISE)) {
        return has_exercise
                   ? ts_lesson_fail(c->d, line_of(c, n), N_("exercise: only for kind: exercise"))
                   : ts_lesson_fail(c->d, line_of(c, n),
                                    N_("kind: exercise expects an exercise: mapping"));
    }
    return TS_OK;
}

/* What libyaml says (its problem and context texts), for the catalogue:
 * the ones a hand-written front matter meets, shown through ts_tr. */
static const char *const LIBYAML_WORDS[] __attribute__((unused)) = {
    N_("mapping values are not allowed in this context"),
    N_("block sequence entries are not allowed in this context"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("could not find expected ':'"),
    N_("found character that cannot start any token"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found unexpected end of stream"),
    N_("found unexpected ':'"),
    N_("found unknown escape character"),
    N_("found undefined alias"),
    N_("found duplicate anchor; first occurrence"),
    N_("control characters are not allowed"),
    N_("invalid leading UTF-8 octet"),
    N_("invalid trailing UTF-8 octet"),
    N_("incomplete UTF-8 octet sequence"),
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a block node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow node"),
    N_("while parsing a node"),
    N_("while scanning a simple key"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a block scalar"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning a tag"),
};

ts_err ts_lesson_yaml_parse(ts_lesson_diag *d, const char *yaml, size_t len, unsigned first_line,
                            ts_lesson *l)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    TS_ENSURE(yaml_parser_initialize(&parser), TS_ERR_NOMEM);
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    if (!yaml_parser_load(&parser, &doc)) {
        char ctx[320] = "";
        if (parser.context != NULL) {
            snprintf(ctx, sizeof(ctx), ts_tr(d->lang, N_(" (%s that starts at line %u)")),
                     ts_tr(d->lang, parser.context),
                     first_line + (unsigned)parser.context_mark.line);
        }
        ts_err err = ts_lesson_fail(d, first_line + (unsigned)parser.problem_mark.line,
                                    N_("malformed YAML front matter: %s%s"),
                                    ts_tr(d->lang, parser.problem ? parser.problem
                                                                  : N_("parse error")),
                                    ctx);
        yaml_parser_delete(&parser);
        return err;
    }
    yctx c = {.d = d, .doc = &doc, .first = first_line};
    ts_err err = get_root(&c, yaml_document_get_root_node(&doc), l);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return err;
}
