/* bench_html: the time to write the HTML handout of the default lesson
 * (rsa-handshake, seed "bench", in English, with its narration), against
 * the time to write the JSON of the same run (ts_json_session, then the
 * file), the export that carries the same data; both to a file in /tmp,
 * the run made once beforehand (the handout does not run it again). Prints
 * "handout_write median=MS bytes=N runs=R", "json_write median=MS
 * bytes=N", and "session_run median=MS" (the run itself, for scale). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/ts_file.h"
#include "crypto/ts_rng.h"
#include "export/ts_json.h"
#include "lesson/ts_lesson.h"
#include "lesson/ts_lesson_handout.h"
#include "simulation/ts_session.h"

#define RUNS 15

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v)
{
    qsort(v, RUNS, sizeof(*v), cmp);
    return v[RUNS / 2];
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

int main(void)
{
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    char why[512] = "";
    ts_lesson *l = NULL;
    if (ts_lesson_open("rsa-handshake", "lessons", TS_LANG_EN, &l, why, sizeof(why)) != TS_OK) {
        fprintf(stderr, "bench_html: %s\n", why);
        return 1;
    }
    ts_session_config cfg;
    if (ts_lesson_config(l, &cfg) != TS_OK) {
        return 1;
    }
    cfg.seed = "bench";
    ts_session *s = NULL;
    if (ts_session_new(&cfg, &s) != TS_OK || ts_session_run(s) != TS_OK) {
        fputs("bench_html: the run failed\n", stderr);
        return 1;
    }
    char html[] = "/tmp/bench_html_XXXXXX", json[] = "/tmp/bench_json_XXXXXX";
    int fd1 = mkstemp(html), fd2 = mkstemp(json);
    if (fd1 < 0 || fd2 < 0) {
        return 1;
    }
    close(fd1);
    close(fd2);
    double th[RUNS], tj[RUNS], tr[RUNS];
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        if (ts_lesson_handout_write(html, s, l, TS_LANG_EN) != TS_OK) {
            fputs("bench_html: cannot write the handout\n", stderr);
            return 1;
        }
        double t1 = now_ms();
        char *text = NULL;
        if (ts_json_session(s, &text) != TS_OK ||
            ts_file_write_atomic(json, (const uint8_t *)text, strlen(text), 0644) != TS_OK) {
            return 1;
        }
        free(text);
        double t2 = now_ms();
        if (ts_session_run(s) != TS_OK) {
            return 1;
        }
        double t3 = now_ms();
        th[i] = t1 - t0;
        tj[i] = t2 - t1;
        tr[i] = t3 - t2;
    }
    printf("handout_write median=%.3f bytes=%ld runs=%d\n", median(th), file_size(html), RUNS);
    printf("json_write median=%.3f bytes=%ld\n", median(tj), file_size(json));
    printf("session_run median=%.3f\n", median(tr));
    unlink(html);
    unlink(json);
    ts_session_free(s);
    ts_lesson_free(l);
    return 0;
}
