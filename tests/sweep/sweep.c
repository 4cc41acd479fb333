/* sweep: the tamper sweep (DESIGN.md §7, issues 7 and 14). For each suite,
 * every byte of every handshake record of an untampered run (content type
 * handshake or ChangeCipherSpec, the encrypted Finished included; in TLS
 * 1.3 also every protected record whose inner content type is handshake:
 * EncryptedExtensions to Finished, NewSessionTicket, KeyUpdate) is XORed,
 * one at a time, with each mask, and the whole run is replayed with that
 * tamper. Each run ends in one of:
 *   alert      a fatal alert ended it (the protocol refused the change)
 *   stalled    nothing left to deliver and a side still waits (a clean
 *              refusal: e.g. a record length made longer than the record)
 *   completed  both sides closed; allowed only where the protocol itself
 *              leaves the changed byte unauthenticated (see explain());
 *              any other completion is a bug in the engine
 *   crash      the run died (signal) or did not end within the time-out
 *
 * Masks: 0x01 flips the lowest bit (the smallest change to a value: a
 * length off by one, handshake type 22 <-> 23, a version minor 3 <-> 2);
 * 0x80 flips the highest (DER short/long length forms, lengths far too
 * long, out-of-range type codes). Together they reach both ends of every
 * byte; every other bit position is exercised by the fuzz targets.
 *
 * Each suite uses one ts_session (keys are cached in it, so a run costs a
 * handshake, not a key generation). Runs go to forked children in chunks,
 * with a shared results table: a child that dies has the run it was on
 * counted as a crash, and the chunk resumes after it in a new child.
 *
 * A suite is named as on the command line (rsa ... tls13-chacha), for TLS
 * 1.3 optionally with ":GROUP" (the group the server requires: ffdhe2048
 * makes a HelloRetryRequest, as the client's first share is x25519) and
 * ":key-update" (the client sends KeyUpdate), and for either version with
 * ":mtls" (mutual TLS: the server requires a client certificate, so the
 * CertificateRequest, the client's Certificate and CertificateVerify are
 * swept too). Without --suite: every suite, then rsa:mtls,
 * tls13-chacha:mtls, tls13-aes:ffdhe2048:key-update and
 * tls13-chacha:ffdhe2048:key-update.
 * TLS 1.3 runs use at least 640-bit keys (RSA-PSS with SHA-256 needs 528).
 *
 * Usage: sweep [--suite S[:GROUP][:key-update][:mtls]]... [--bits N] [--seed S]
 *              [--sample N] [--jobs N] [--chunk N] [--timeout SECONDS]
 *              [--verbose] [--ems]
 * Prints per suite
 *   sweep SUITE: runs=R alerts=A stalled=S completed=C explained=E unexplained=U crashes=X
 * then the alerts seen with counts, every explained completion with its
 * reason, every unexplained completion and every crash; the last line is
 *   sweep: runs=R alerts=A completed=C unexplained=U crashes=X
 * Exit status 0 when U and X are 0, 1 otherwise, 2 for bad usage. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crypto/ts_rng.h"
#include "crypto/ts_suite.h"
#include "simulation/ts_chan.h"
#include "simulation/ts_session.h"
#include "tls/msg/ts_content_type.h"
#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/ts_record.h"

#define MAX_RECORDS 64
#define MAX_ALERT_KINDS 64
#define MAX_SUITES (TS_SUITE_COUNT + 8)
#define MIN_BITS13 640 /* RSA-PSS-SHA256 needs 528 bits: 2 * 32 + 2 bytes */

/* A handshake record of the untampered run. */
typedef struct {
    size_t number;
    ts_dir dir;
    uint8_t content_type;
    uint8_t inner_type; /* TLS 1.3 protected: the type inside */
    bool protected_record;
    size_t len;
    char type_name[64];
} rec_info;

/* One tampered run. */
typedef struct {
    size_t rec;      /* index into the suite's rec_info table */
    size_t offset;
    uint8_t mask;
} run_spec;

enum { OUT_PENDING, OUT_DONE, OUT_CRASH };

/* What a child reports for one run (in shared memory). */
typedef struct {
    uint8_t state;      /* OUT_* */
    uint8_t kind;       /* ts_result_kind */
    uint8_t alert_from; /* ts_side */
    uint8_t applied;
    int16_t alert;
    int16_t signal;     /* crash: the signal, or -1 for an engine error */
    int32_t engine_err;
} run_out;

typedef struct {
    const char *suites[MAX_SUITES]; /* "suite[:group][:key-update]" */
    size_t n_suites;
    unsigned bits;
    const char *seed;
    unsigned long sample;
    unsigned long jobs;
    unsigned long chunk;
    unsigned long timeout;
    bool verbose;
    bool ems;            /* extended master secret on both sides */
    long selftest_crash; /* run index that raises SIGSEGV (-1: none) */
    long selftest_hang;  /* run index that never ends (-1: none) */
} options;

typedef struct {
    unsigned long runs, alerts, stalled, completed, explained, unexplained, crashes;
} totals;

static void usage(FILE *f)
{
    fputs("usage: sweep [--suite S[:GROUP][:key-update][:mtls]]... [--bits N] [--seed S]\n"
          "             [--sample N] [--jobs N] [--chunk N] [--timeout SECONDS] [--verbose]\n"
          "             [--ems]\n"
          "Tampers with every byte of every handshake record of each suite, one run per\n"
          "byte and XOR mask (01, 80), and classifies how each run ends. S: rsa, ecdhe,\n"
          "dhe, null, tls13-aes, tls13-chacha; for TLS 1.3 GROUP (x25519, ffdhe2048,\n"
          "...: the server's; another than x25519 makes a HelloRetryRequest) and\n"
          "key-update; for either mtls (the server requires a client certificate).\n"
          "TLS 1.3 keys have at least 640 bits.\n",
          f);
}

static bool parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
    if (s == NULL || *s == '\0') {
        return false;
    }
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno != 0 || *end != '\0' || s[0] == '-' || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

static int bad_usage(const char *what, const char *value)
{
    fprintf(stderr, "sweep: bad %s '%s' (see --help)\n", what, value != NULL ? value : "");
    return 2;
}

/* Parses "suite[:group][:key-update][:mtls]" into cfg (suite, group,
 * key_update, client_auth; may be NULL to only check it); false when it is
 * not one. */
static bool parse_suite(const char *spec, ts_session_config *cfg)
{
    static const uint16_t groups[] = {0x001d, 0x0100, 0x0101, 0x0102};
    char buf[64];
    if (strlen(spec) >= sizeof(buf)) {
        return false;
    }
    snprintf(buf, sizeof(buf), "%s", spec);
    char *save = NULL;
    const ts_suite *suite = ts_suite_by_name(strtok_r(buf, ":", &save));
    uint16_t group = 0;
    bool key_update = false;
    bool mtls = false;
    for (char *part = strtok_r(NULL, ":", &save); part != NULL && suite != NULL;
         part = strtok_r(NULL, ":", &save)) {
        if (strcmp(part, "mtls") == 0 && !mtls) {
            mtls = true;
            continue;
        }
        bool known = false;
        if (strcmp(part, "key-update") == 0 && !key_update) {
            key_update = known = true;
        }
        for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]) && !known; i++) {
            if (group == 0 && strcmp(part, ts_group_name(groups[i])) == 0) {
                group = groups[i];
                known = true;
            }
        }
        if (!known || !ts_suite_is_tls13(suite)) {
            return false;
        }
    }
    if (suite == NULL) {
        return false;
    }
    if (cfg != NULL) {
        cfg->suite = suite;
        cfg->group = group;
        cfg->key_update = key_update;
        cfg->client_auth = mtls ? TS_CLIENT_AUTH_REQUIRE : TS_CLIENT_AUTH_NONE;
    }
    return true;
}

static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longs[] = {
        {"suite", required_argument, NULL, 's'},   {"bits", required_argument, NULL, 'b'},
        {"seed", required_argument, NULL, 'e'},    {"sample", required_argument, NULL, 'n'},
        {"jobs", required_argument, NULL, 'j'},    {"chunk", required_argument, NULL, 'c'},
        {"timeout", required_argument, NULL, 't'}, {"verbose", no_argument, NULL, 'v'},
        {"ems", no_argument, NULL, 'm'},           {"help", no_argument, NULL, 'h'},
        /* checks of the sweep itself: a crash and a hang must be counted */
        {"selftest-crash", required_argument, NULL, 'C'},
        {"selftest-hang", required_argument, NULL, 'H'},
        {NULL, 0, NULL, 0},
    };
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    *o = (options){.bits = 1024, .seed = "sweep", .sample = 1,
                   .jobs = ncpu > 0 ? (unsigned long)ncpu : 1, .chunk = 32, .timeout = 20,
                   .selftest_crash = -1, .selftest_hang = -1};
    opterr = 0;
    int ch;
    unsigned long v;
    while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        switch (ch) {
        case 's':
            if (!parse_suite(optarg, NULL) || o->n_suites == MAX_SUITES) {
                return bad_usage("suite", optarg);
            }
            o->suites[o->n_suites++] = optarg;
            break;
        case 'b':
            if (!parse_ulong(optarg, TS_SESSION_MIN_BITS, TS_SESSION_MAX_BITS, &v)) {
                return bad_usage("bits", optarg);
            }
            o->bits = (unsigned)v;
            break;
        case 'e':
            if (optarg[0] == '\0') {
                return bad_usage("seed", optarg);
            }
            o->seed = optarg;
            break;
        case 'n':
            if (!parse_ulong(optarg, 1, 1000000, &o->sample)) {
                return bad_usage("sample", optarg);
            }
            break;
        case 'j':
            if (!parse_ulong(optarg, 1, 256, &o->jobs)) {
                return bad_usage("jobs", optarg);
            }
            break;
        case 'c':
            if (!parse_ulong(optarg, 1, 1000000, &o->chunk)) {
                return bad_usage("chunk", optarg);
            }
            break;
        case 't':
            if (!parse_ulong(optarg, 1, 3600, &o->timeout)) {
                return bad_usage("timeout", optarg);
            }
            break;
        case 'v':
            o->verbose = true;
            break;
        case 'm':
            o->ems = true;
            break;
        case 'C':
        case 'H':
            if (!parse_ulong(optarg, 0, 1000000, &v)) {
                return bad_usage("self-test run", optarg);
            }
            *(ch == 'C' ? &o->selftest_crash : &o->selftest_hang) = (long)v;
            break;
        case 'h':
            usage(stdout);
            exit(0);
        default:
            return bad_usage("option", argv[optind - 1]);
        }
    }
    if (optind < argc) {
        return bad_usage("argument", argv[optind]);
    }
    if (o->n_suites == 0) {
        for (int i = 0; i < TS_SUITE_COUNT; i++) {
            o->suites[o->n_suites++] = ts_suite_get((ts_suite_id)i)->cli_name;
        }
        o->suites[o->n_suites++] = "rsa:mtls";
        o->suites[o->n_suites++] = "tls13-chacha:mtls";
        o->suites[o->n_suites++] = "tls13-aes:ffdhe2048:key-update";
        o->suites[o->n_suites++] = "tls13-chacha:ffdhe2048:key-update";
    }
    return 0;
}

/* --- explanations ------------------------------------------------------ */

/* Why a completed run is allowed to complete, or NULL when it is not: the
 * rule and its reasons (RFC 5246 E.1, RFC 8446 5.1: the records read before
 * a suite is agreed) live in the library, ts_chan_unauthenticated, which
 * `tlsstep run` uses too; ch is the untampered run's channel. */
static const char *explain(const ts_chan *ch, const rec_info *r, size_t offset,
                           const ts_result *res)
{
    if (res->kind != TS_RESULT_OK || !res->payload_intact) {
        return NULL;
    }
    return ts_chan_unauthenticated(ch, r->number, offset);
}

/* A record to sweep: handshake or ChangeCipherSpec in its header, or a
 * protected TLS 1.3 record with handshake messages inside. */
static bool handshake_record(const ts_chan_record *r)
{
    return r->content_type == TS_CT_HANDSHAKE || r->content_type == TS_CT_CHANGE_CIPHER_SPEC ||
           r->inner_type == TS_CT_HANDSHAKE;
}

/* --- running ------------------------------------------------------------ */

static size_t collect_records(const ts_session *s, rec_info *recs)
{
    const ts_chan *ch = ts_session_chan(s);
    size_t n = 0;
    for (size_t i = 1; i <= ts_chan_count(ch) && n < MAX_RECORDS; i++) {
        const ts_chan_record *r = ts_chan_get(ch, i);
        if (!handshake_record(r)) {
            continue;
        }
        rec_info *ri = &recs[n++];
        ri->number = r->number;
        ri->dir = r->dir;
        ri->content_type = r->content_type;
        ri->inner_type = r->inner_type;
        ri->protected_record = r->protected_record;
        ri->len = r->sent.len;
        snprintf(ri->type_name, sizeof(ri->type_name), "%s", r->type_name);
    }
    return n;
}

/* The runs to make: every offset, or with sample N the header bytes, the
 * last byte and every Nth offset. */
static size_t plan_runs(const rec_info *recs, size_t n_recs, unsigned long sample,
                        run_spec **out)
{
    static const uint8_t masks[] = {0x01, 0x80};
    size_t cap = 0;
    for (size_t i = 0; i < n_recs; i++) {
        cap += recs[i].len * sizeof(masks);
    }
    run_spec *runs = calloc(cap > 0 ? cap : 1, sizeof(*runs));
    if (runs == NULL) {
        return 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < n_recs; i++) {
        for (size_t off = 0; off < recs[i].len; off++) {
            bool take = sample <= 1 || off < TS_RECORD_HEADER_LEN || off + 1 == recs[i].len ||
                        off % sample == 0;
            for (size_t m = 0; take && m < sizeof(masks); m++) {
                runs[n++] = (run_spec){i, off, masks[m]};
            }
        }
    }
    *out = runs;
    return n;
}

/* In a child: makes runs [from, to), writing each outcome to out. */
static void child_runs(ts_session *s, const rec_info *recs, const run_spec *runs, run_out *out,
                       size_t from, size_t to, const options *opt)
{
    signal(SIGALRM, SIG_DFL);
    for (size_t i = from; i < to; i++) {
        const run_spec *rs = &runs[i];
        ts_action act;
        memset(&act, 0, sizeof(act));
        act.kind = TS_ACT_TAMPER;
        act.record = recs[rs->rec].number;
        act.offset = rs->offset;
        act.xor_mask = rs->mask;
        run_out o;
        memset(&o, 0, sizeof(o));
        alarm((unsigned)opt->timeout);
        if ((long)i == opt->selftest_crash) {
            raise(SIGSEGV);
        }
        while ((long)i == opt->selftest_hang) {
            pause();
        }
        ts_err err = ts_session_set_actions(s, &act, 1);
        if (err == TS_OK) {
            err = ts_session_run(s);
        }
        alarm(0);
        if (err != TS_OK) {
            o.state = OUT_CRASH;
            o.signal = -1;
            o.engine_err = (int32_t)err;
        } else {
            const ts_result *res = ts_session_result(s);
            o.state = OUT_DONE;
            o.kind = (uint8_t)res->kind;
            o.alert = (int16_t)res->alert;
            o.alert_from = (uint8_t)res->alert_from;
            o.applied = ts_session_action_applied(s, 0);
            if (res->kind == TS_RESULT_OK && !res->payload_intact) {
                o.kind = TS_RESULT_WRONG;
            }
        }
        out[i] = o;
    }
}

typedef struct {
    pid_t pid;
    size_t from, to;
} worker;

static pid_t spawn(ts_session *s, const rec_info *recs, const run_spec *runs, run_out *out,
                   size_t from, size_t to, const options *o)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        child_runs(s, recs, runs, out, from, to, o);
        _exit(0);
    }
    return pid;
}

/* Runs every planned run in forked children, at most jobs at a time. */
static int run_all(ts_session *s, const rec_info *recs, const run_spec *runs, size_t n_runs,
                   run_out *out, const options *o)
{
    worker *w = calloc(o->jobs, sizeof(*w));
    if (w == NULL) {
        return -1;
    }
    size_t next = 0;
    size_t active = 0;
    for (;;) {
        for (size_t k = 0; k < o->jobs && next < n_runs; k++) {
            if (w[k].pid != 0) {
                continue;
            }
            size_t to = next + o->chunk < n_runs ? next + o->chunk : n_runs;
            w[k] = (worker){spawn(s, recs, runs, out, next, to, o), next, to};
            if (w[k].pid < 0) {
                free(w);
                return -1;
            }
            next = to;
            active++;
        }
        if (active == 0) {
            break;
        }
        int status;
        pid_t pid = wait(&status);
        if (pid < 0) {
            free(w);
            return -1;
        }
        for (size_t k = 0; k < o->jobs; k++) {
            if (w[k].pid != pid) {
                continue;
            }
            size_t i = w[k].from;
            while (i < w[k].to && out[i].state != OUT_PENDING) {
                i++;
            }
            w[k].pid = 0;
            active--;
            if (i < w[k].to) {
                /* the child died on run i: count it, resume after it */
                out[i].state = OUT_CRASH;
                out[i].signal = (int16_t)(WIFSIGNALED(status) ? WTERMSIG(status) : 0);
                out[i].engine_err = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
                if (i + 1 < w[k].to) {
                    w[k] = (worker){spawn(s, recs, runs, out, i + 1, w[k].to, o),
                                    i + 1, w[k].to};
                    if (w[k].pid < 0) {
                        free(w);
                        return -1;
                    }
                    active++;
                }
            }
        }
    }
    free(w);
    return 0;
}

/* --- reporting ----------------------------------------------------------- */

typedef struct {
    int alert;
    int from;
    unsigned long count;
} alert_count;

static void count_alert(alert_count *ac, size_t *n, int alert, int from)
{
    for (size_t i = 0; i < *n; i++) {
        if (ac[i].alert == alert && ac[i].from == from) {
            ac[i].count++;
            return;
        }
    }
    if (*n < MAX_ALERT_KINDS) {
        ac[(*n)++] = (alert_count){alert, from, 1};
    }
}

static const char *alert_name(int alert)
{
    return alert >= 0 && alert <= 255 ? ts_alert_name((uint8_t)alert) : "none";
}

static int cmp_alert(const void *a, const void *b)
{
    const alert_count *x = a, *y = b;
    return x->count < y->count ? 1 : x->count > y->count ? -1 : x->alert - y->alert;
}

static const char *mask_hex(uint8_t m, char buf[3])
{
    snprintf(buf, 3, "%02x", m);
    return buf;
}

/* Classifies the runs of one suite, prints its lines, adds to t. */
static void report(const char *suite, const ts_chan *ch, const rec_info *recs,
                   const run_spec *runs, size_t n_runs, const run_out *out, const options *o,
                   totals *t)
{
    totals st;
    memset(&st, 0, sizeof(st));
    alert_count ac[MAX_ALERT_KINDS];
    size_t n_ac = 0;
    char lines[32768] = "";
    size_t used = 0;
    unsigned long listed = 0;
    char m[3];
    for (size_t i = 0; i < n_runs; i++) {
        const run_out *r = &out[i];
        const rec_info *ri = &recs[runs[i].rec];
        st.runs++;
        if (r->state != OUT_DONE) {
            st.crashes++;
            if (listed++ < 40 && used < sizeof(lines)) {
                used += (size_t)snprintf(lines + used, sizeof(lines) - used,
                                         "  CRASH #%zu %s offset %zu mask %s: %s %d%s\n",
                                         ri->number, ri->type_name, runs[i].offset,
                                         mask_hex(runs[i].mask, m),
                                         r->signal > 0 ? "signal" : "engine error",
                                         r->signal > 0 ? r->signal : (int)r->engine_err,
                                         r->signal == SIGALRM ? " (time-out: a hang)" : "");
            }
            continue;
        }
        if (r->kind == TS_RESULT_ALERT) {
            st.alerts++;
            count_alert(ac, &n_ac, r->alert, r->alert_from);
            continue;
        }
        if (r->kind == TS_RESULT_STALLED) {
            st.stalled++;
            if (o->verbose && listed++ < 200 && used < sizeof(lines)) {
                used += (size_t)snprintf(lines + used, sizeof(lines) - used,
                                         "  stalled #%zu %s offset %zu mask %s\n", ri->number,
                                         ri->type_name, runs[i].offset,
                                         mask_hex(runs[i].mask, m));
            }
            continue;
        }
        st.completed++;
        ts_result res;
        memset(&res, 0, sizeof(res));
        res.kind = (ts_result_kind)r->kind;
        res.payload_intact = r->kind == TS_RESULT_OK;
        const char *why = explain(ch, ri, runs[i].offset, &res);
        if (why != NULL) {
            st.explained++;
        } else {
            st.unexplained++;
        }
        if ((why == NULL || o->verbose) && listed++ < 40 && used < sizeof(lines)) {
            used += (size_t)snprintf(lines + used, sizeof(lines) - used,
                                     "  %s #%zu %s offset %zu mask %s: %s%s\n",
                                     why != NULL ? "explained" : "UNEXPLAINED", ri->number,
                                     ri->type_name, runs[i].offset, mask_hex(runs[i].mask, m),
                                     why != NULL ? why : ts_result_kind_name(res.kind),
                                     r->applied ? "" : " (tamper not applied)");
        }
    }
    printf("sweep %s: runs=%lu alerts=%lu stalled=%lu completed=%lu explained=%lu "
           "unexplained=%lu crashes=%lu\n",
           suite, st.runs, st.alerts, st.stalled, st.completed, st.explained, st.unexplained,
           st.crashes);
    qsort(ac, n_ac, sizeof(ac[0]), cmp_alert);
    printf("  alerts:");
    for (size_t i = 0; i < n_ac; i++) {
        printf(" %s(%s)=%lu", alert_name(ac[i].alert),
               ac[i].from == TS_SIDE_CLIENT ? "client" : "server", ac[i].count);
    }
    printf("\n");
    if (st.explained > 0 && !o->verbose) {
        printf("  explained: %lu runs, each the minor version byte (offset 2) of the "
               "plaintext record header of a ClientHello, ServerHello or HelloRetryRequest "
               "(--verbose lists them)\n",
               st.explained);
    }
    fputs(lines, stdout);
    t->runs += st.runs;
    t->alerts += st.alerts;
    t->stalled += st.stalled;
    t->completed += st.completed;
    t->explained += st.explained;
    t->unexplained += st.unexplained;
    t->crashes += st.crashes;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One suite: the untampered run, then every tamper. -1 on a machinery
 * failure (printed). */
static int sweep_suite(const char *name, const options *o, totals *t)
{
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = o->seed;
    (void)parse_suite(name, &cfg); /* checked by parse_options */
    cfg.bits = o->bits;
    if (ts_suite_is_tls13(cfg.suite) && cfg.bits < MIN_BITS13) {
        cfg.bits = MIN_BITS13;
    }
    cfg.ems = o->ems;
    if (!ts_suite_usable(cfg.suite)) {
        printf("sweep %s: skipped (the suite cannot run here: no AES-NI)\n", name);
        return 0;
    }
    ts_session *s = NULL;
    ts_err err = ts_session_new(&cfg, &s);
    if (err == TS_OK) {
        err = ts_session_run(s);
    }
    if (err != TS_OK || ts_session_result(s)->kind != TS_RESULT_OK) {
        printf("sweep %s: the untampered run did not complete (%s)\n", name,
               err != TS_OK ? "engine error" : ts_session_result(s)->reason);
        ts_session_free(s);
        return -1;
    }
    rec_info recs[MAX_RECORDS];
    size_t n_recs = collect_records(s, recs);
    run_spec *runs = NULL;
    size_t n_runs = plan_runs(recs, n_recs, o->sample, &runs);
    run_out *out = n_runs > 0 ? mmap(NULL, n_runs * sizeof(run_out), PROT_READ | PROT_WRITE,
                                     MAP_SHARED | MAP_ANONYMOUS, -1, 0)
                              : MAP_FAILED;
    if (runs == NULL || out == MAP_FAILED) {
        printf("sweep %s: out of memory\n", name);
        free(runs);
        ts_session_free(s);
        return -1;
    }
    memset(out, 0, n_runs * sizeof(run_out));
    double t0 = now_seconds();
    int rc = run_all(s, recs, runs, n_runs, out, o);
    double secs = now_seconds() - t0;
    if (rc == 0) {
        report(name, ts_session_chan(s), recs, runs, n_runs, out, o, t);
        printf("  %zu handshake records, %zu bytes swept, %.1f s (%.2f ms per run, %lu jobs, "
               "%u bits)\n",
               n_recs, n_runs / 2, secs, 1000.0 * secs * (double)o->jobs / (double)n_runs,
               o->jobs, cfg.bits);
    } else {
        printf("sweep %s: fork/wait failed: %s\n", name, strerror(errno));
    }
    munmap(out, n_runs * sizeof(run_out));
    free(runs);
    ts_session_free(s);
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, &o);
    if (rc != 0) {
        return rc;
    }
    if (ts_rng_global_init() != TS_OK) {
        fputs("sweep: libsodium failed to initialise\n", stderr);
        return 1;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    totals t;
    memset(&t, 0, sizeof(t));
    bool failed = false;
    for (size_t i = 0; i < o.n_suites; i++) {
        if (sweep_suite(o.suites[i], &o, &t) != 0) {
            failed = true;
        }
    }
    printf("sweep: runs=%lu alerts=%lu completed=%lu unexplained=%lu crashes=%lu\n", t.runs,
           t.alerts, t.completed, t.unexplained, t.crashes);
    return failed || t.unexplained != 0 || t.crashes != 0 ? 1 : 0;
}
