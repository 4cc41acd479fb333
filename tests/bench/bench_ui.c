/* bench_ui: the time of "back one step" from the last step of a 4096-bit
 * run, as the UI would pay it at worst: a full deterministic replay of the
 * run (ts_session_run, keys from the session's cache), the cursor moved
 * back one step, and one full redraw of the 100×30 screen, drawn through
 * ncurses to a pseudo-terminal (openpty; a thread drains the other end).
 * Prints "ui_step_back_4096 median=MS replay=MS draw=MS runs=N", then the
 * same for the Korean screen as ui_step_back_4096_ko. */
#include <locale.h>
#include <pthread.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "crypto/ts_rng.h"
#include "simulation/ts_session.h"
#include "ui/ui_app.h"
#include "ui/ui_main.h"

#define RUNS 15

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void *drain(void *arg)
{
    int fd = *(int *)arg;
    char buf[65536];
    while (read(fd, buf, sizeof(buf)) > 0) {
    }
    return NULL;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("TERM", "xterm-256color", 1);
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    ts_session_config cfg = {.seed = "7", .bits = 4096};
    ts_session *s = NULL;
    if (ts_session_new(&cfg, &s) != TS_OK || ts_session_run(s) != TS_OK) {
        fputs("bench_ui: the 4096-bit run failed\n", stderr);
        return 1;
    }
    int master, slave;
    struct winsize ws = {.ws_row = 30, .ws_col = 100};
    if (openpty(&master, &slave, NULL, NULL, &ws) != 0) {
        perror("bench_ui: openpty");
        return 1;
    }
    pthread_t th;
    pthread_create(&th, NULL, drain, &master);
    FILE *out = fdopen(slave, "w");
    FILE *in = fdopen(dup(slave), "r");
    struct screen *scr = out != NULL && in != NULL ? ui_screen_open(out, in) : NULL;
    if (scr == NULL) {
        fputs("bench_ui: cannot open a screen on the pty\n", stderr);
        return 1;
    }
    /* English, then Korean: the Korean screen translates every engine
     * sentence as it draws (ts_tr_text), so it is the dearer one. */
    for (int lang = TS_LANG_EN; lang <= TS_LANG_KO; lang++) {
        ui_app a;
        ui_app_init(&a, s, "rsa-handshake", (ts_lang)lang);
        double total[RUNS], replay[RUNS], draw[RUNS];
        for (int i = 0; i < RUNS; i++) {
            ui_app_goto(&a, ts_session_count(s));
            ui_draw(&a, true);
            double t0 = now_ms();
            if (ts_session_run(s) != TS_OK) {
                return 1;
            }
            ui_app_goto(&a, ts_session_count(s) - 1);
            double t1 = now_ms();
            ui_draw(&a, true);
            double t2 = now_ms();
            total[i] = t2 - t0;
            replay[i] = t1 - t0;
            draw[i] = t2 - t1;
        }
        ui_app_free(&a);
        qsort(total, RUNS, sizeof(double), cmp);
        qsort(replay, RUNS, sizeof(double), cmp);
        qsort(draw, RUNS, sizeof(double), cmp);
        printf("ui_step_back_4096%s median=%.3f replay=%.3f draw=%.3f runs=%d\n",
               lang == TS_LANG_KO ? "_ko" : "", total[RUNS / 2], replay[RUNS / 2],
               draw[RUNS / 2], RUNS);
    }
    ui_screen_close(scr);
    ts_session_free(s);
    fclose(out);
    fclose(in);
    pthread_join(th, NULL); /* the drain ends when the slave side closes */
    close(master);
    return 0;
}
