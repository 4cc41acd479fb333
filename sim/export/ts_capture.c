/* ts_capture: a simulated run as a capture file and a key log. */
#include "export/ts_capture.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/ts_secret.h"
#include "simulation/ts_chan.h"
#include "simulation/ts_trace.h"

ts_err ts_capture_keylog(const ts_session *s, char **text)
{
    TS_ENSURE(s != NULL && text != NULL, TS_ERR_ARG);
    const ts_trace *t = ts_session_trace(s);
    TS_ENSURE(t != NULL, TS_ERR_ARG);
    return ts_keylog_of_trace(t, TS_SIDE_CHANNEL, text);
}

/* Wipes and frees a key log text. */
static void free_keylog(char *text)
{
    if (text != NULL) {
        ts_secret_wipe(text, strlen(text));
        free(text);
    }
}

/* Orders delivered records by the step they were delivered at (then by
 * number). */
static int by_delivery(const void *a, const void *b)
{
    const ts_chan_record *ra = *(const ts_chan_record *const *)a;
    const ts_chan_record *rb = *(const ts_chan_record *const *)b;
    if (ra->step_delivered != rb->step_delivered) {
        return ra->step_delivered < rb->step_delivered ? -1 : 1;
    }
    return ra->number < rb->number ? -1 : ra->number > rb->number;
}

/* Sends what is pending in direction dir as one write, then empties it. */
static ts_err flush(ts_pcap *p, ts_dir dir, ts_buf *pending)
{
    if (pending->len == 0) {
        return TS_OK;
    }
    ts_err err = ts_pcap_segment(p, dir, pending->data, pending->len);
    ts_buf_reset(pending);
    return err;
}

static ts_err add_records(const ts_chan *ch, ts_pcap *p)
{
    size_t n = ts_chan_count(ch);
    const ts_chan_record **recs = calloc(n > 0 ? n : 1, sizeof(*recs));
    TS_ENSURE(recs != NULL, TS_ERR_NOMEM);
    size_t m = 0;
    for (size_t i = 1; i <= n; i++) {
        const ts_chan_record *r = ts_chan_get(ch, i);
        if (r != NULL && r->status == TS_REC_DELIVERED && r->delivered.len > 0) {
            recs[m++] = r;
        }
    }
    qsort(recs, m, sizeof(*recs), by_delivery);
    ts_buf pending;
    ts_buf_init(&pending);
    ts_dir dir = TS_DIR_C2S;
    ts_err err = TS_OK;
    for (size_t i = 0; i < m && err == TS_OK; i++) {
        if (recs[i]->dir != dir) {
            err = flush(p, dir, &pending);
            dir = recs[i]->dir;
        }
        if (err == TS_OK) {
            err = ts_buf_write_bytes(&pending, recs[i]->delivered.data, recs[i]->delivered.len);
        }
    }
    if (err == TS_OK) {
        err = flush(p, dir, &pending);
    }
    ts_buf_free(&pending);
    free(recs);
    return err;
}

ts_err ts_capture_session(const ts_session *s, ts_pcap *p)
{
    TS_ENSURE(s != NULL && p != NULL, TS_ERR_ARG);
    const ts_chan *ch = ts_session_chan(s);
    TS_ENSURE(ch != NULL, TS_ERR_ARG);
    char *keys = NULL;
    TS_GUARD(ts_capture_keylog(s, &keys));
    ts_err err = keys[0] != '\0' ? ts_pcap_add_secrets(p, keys) : TS_OK;
    free_keylog(keys);
    TS_GUARD(err);
    TS_GUARD(ts_pcap_tcp_handshake(p));
    TS_GUARD(add_records(ch, p));
    return ts_pcap_tcp_close(p, TS_DIR_C2S);
}

static ts_err write_pcap(const ts_session *s, const char *path)
{
    ts_pcap_config cfg;
    ts_pcap_config_default(&cfg);
    cfg.format = ts_pcap_format_for(path);
    ts_time now = ts_session_config_of(s)->now;
    cfg.start_sec = now > 0 ? now : 0;
    ts_pcap *p = NULL;
    TS_GUARD(ts_pcap_open(&cfg, &p));
    ts_err err = ts_capture_session(s, p);
    if (err == TS_OK) {
        err = ts_pcap_save(p, path);
    }
    ts_pcap_free(p);
    return err;
}

ts_err ts_capture_write_session(const ts_session *s, const char *pcap_path,
                                const char *keylog_path)
{
    TS_ENSURE(s != NULL && ts_session_chan(s) != NULL, TS_ERR_ARG);
    if (pcap_path != NULL) {
        TS_GUARD(write_pcap(s, pcap_path));
    }
    if (keylog_path != NULL) {
        char *keys = NULL;
        TS_GUARD(ts_capture_keylog(s, &keys));
        ts_err err = ts_keylog_append(keylog_path, keys);
        free_keylog(keys);
        TS_GUARD(err);
    }
    return TS_OK;
}
