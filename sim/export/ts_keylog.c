/* ts_keylog: NSS key log lines (CLIENT_RANDOM; TLS 1.3's traffic secrets)
 * and appending them. */
#include "export/ts_keylog.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/ts_hex.h"
#include "crypto/ts_secret.h"

ts_err ts_keylog_line(const uint8_t client_random[TS_RANDOM_LEN], const uint8_t *master,
                      size_t master_len, char out[TS_KEYLOG_LINE_MAX])
{
    TS_ENSURE(client_random != NULL && master != NULL && out != NULL, TS_ERR_ARG);
    TS_ENSURE(master_len == TS_KEYLOG_MASTER_LEN, TS_ERR_ARG);
    static const char label[] = "CLIENT_RANDOM ";
    size_t at = sizeof(label) - 1;
    memcpy(out, label, at);
    ts_hex_encode(client_random, TS_RANDOM_LEN, out + at);
    at += 2 * TS_RANDOM_LEN;
    out[at++] = ' ';
    ts_hex_encode(master, master_len, out + at);
    at += 2 * master_len;
    out[at++] = '\n';
    out[at] = '\0';
    return TS_OK;
}

ts_err ts_keylog_append_line(ts_buf *out, const char *label,
                             const uint8_t client_random[TS_RANDOM_LEN], const uint8_t *secret,
                             size_t secret_len)
{
    TS_ENSURE(out != NULL && label != NULL && label[0] != '\0' && client_random != NULL &&
                  secret != NULL && secret_len > 0 && secret_len <= 64,
              TS_ERR_ARG);
    char hex[2 * 64 + 1];
    TS_GUARD(ts_buf_write_bytes(out, (const uint8_t *)label, strlen(label)));
    TS_GUARD(ts_buf_write_u8(out, ' '));
    ts_hex_encode(client_random, TS_RANDOM_LEN, hex);
    TS_GUARD(ts_buf_write_bytes(out, (const uint8_t *)hex, 2 * TS_RANDOM_LEN));
    TS_GUARD(ts_buf_write_u8(out, ' '));
    ts_hex_encode(secret, secret_len, hex);
    TS_GUARD(ts_buf_write_bytes(out, (const uint8_t *)hex, 2 * secret_len));
    return ts_buf_write_u8(out, '\n');
}

/* The value name in t as side derived it (TS_SIDE_CHANNEL: the client's,
 * else the server's), or NULL. */
static const ts_step *find(const ts_trace *t, const char *name, ts_side side)
{
    if (side != TS_SIDE_CHANNEL) {
        return ts_trace_find(t, name, side);
    }
    const ts_step *st = ts_trace_find(t, name, TS_SIDE_CLIENT);
    return st != NULL ? st : ts_trace_find(t, name, TS_SIDE_SERVER);
}

/* Appends the line label of value name when it was derived. */
static ts_err add(ts_buf *out, const ts_trace *t, ts_side side, const uint8_t *cr,
                  const char *label, const char *name, bool *found)
{
    const ts_step *st = find(t, name, side);
    *found = st != NULL && st->ev.value_len > 0;
    return *found ? ts_keylog_append_line(out, label, cr, st->ev.value, st->ev.value_len) : TS_OK;
}

/* TLS 1.3: the handshake, application (each generation) and exporter
 * secrets. */
static ts_err add_tls13(ts_buf *out, const ts_trace *t, ts_side side, const uint8_t *cr)
{
    static const char *const fixed[][2] = {
        {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "client_handshake_traffic_secret"},
        {"SERVER_HANDSHAKE_TRAFFIC_SECRET", "server_handshake_traffic_secret"},
        {"CLIENT_TRAFFIC_SECRET_0", "client_application_traffic_secret_0"},
        {"SERVER_TRAFFIC_SECRET_0", "server_application_traffic_secret_0"},
        {"EXPORTER_SECRET", "exporter_master_secret"},
    };
    bool found;
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
        TS_GUARD(add(out, t, side, cr, fixed[i][0], fixed[i][1], &found));
    }
    /* after each KeyUpdate, the next generation of either direction */
    for (unsigned n = 1; n < 256; n++) {
        bool any = false;
        for (int server = 0; server <= 1; server++) {
            char label[40], name[48];
            snprintf(label, sizeof(label), "%s_TRAFFIC_SECRET_%u", server ? "SERVER" : "CLIENT", n);
            snprintf(name, sizeof(name), "%s_application_traffic_secret_%u",
                     server ? "server" : "client", n);
            TS_GUARD(add(out, t, side, cr, label, name, &found));
            any = any || found;
        }
        if (!any) {
            break;
        }
    }
    return TS_OK;
}

ts_err ts_keylog_of_trace(const ts_trace *t, ts_side side, char **text)
{
    TS_ENSURE(t != NULL && text != NULL, TS_ERR_ARG);
    *text = NULL;
    ts_buf out;
    ts_buf_init(&out);
    ts_err err = TS_OK;
    const ts_step *cr = find(t, "client_random", side);
    bool found = false;
    if (cr != NULL && cr->ev.value_len == TS_RANDOM_LEN) {
        if (find(t, "client_handshake_traffic_secret", side) != NULL ||
            find(t, "server_handshake_traffic_secret", side) != NULL) {
            err = add_tls13(&out, t, side, cr->ev.value);
        } else {
            const ts_step *ms = find(t, "master_secret", side);
            if (ms != NULL && ms->ev.value_len == TS_KEYLOG_MASTER_LEN) {
                err = add(&out, t, side, cr->ev.value, "CLIENT_RANDOM", "master_secret", &found);
            }
        }
    }
    if (err == TS_OK) {
        err = ts_buf_write_u8(&out, '\0');
    }
    if (err != TS_OK) {
        ts_secret_free_buf(&out);
        return err;
    }
    *text = (char *)out.data; /* the buffer's malloc'd bytes, now the caller's */
    return TS_OK;
}

ts_err ts_keylog_append(const char *path, const char *line)
{
    TS_ENSURE(path != NULL && line != NULL && path[0] != '\0', TS_ERR_ARG);
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    TS_ENSURE(fd >= 0, TS_ERR_IO);
    size_t n = strlen(line);
    ssize_t w = write(fd, line, n);
    bool ok = w >= 0 && (size_t)w == n;
    ok = close(fd) == 0 && ok;
    return ok ? TS_OK : TS_ERR_IO;
}
