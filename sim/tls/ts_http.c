/* ts_http: the HTTP/1.1 exchange over the secured connection. */
#include "tls/ts_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "base/ts_templates.h"
#include "crypto/ts_secret.h"
#include "tls/internal/ts_schedule13.h"

static ts_err send_app(ts_conn *c, const uint8_t *data, size_t n)
{
    size_t off = 0;
    size_t max = ts_record_max_content(&c->write); /* less the padding in TLS 1.3 */
    while (off < n) {
        size_t chunk = n - off < max ? n - off : max;
        TS_GUARD(ts_ep_send_record(c, TS_CT_APPLICATION_DATA, data + off, chunk));
        off += chunk;
    }
    return TS_OK;
}

static ts_err client_request(ts_conn *c)
{
    char req[1024];
    int n = snprintf(req, sizeof(req),
                     "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: tlsstep\r\n"
                     "Accept: */*\r\nConnection: close\r\n\r\n",
                     c->cfg.path != NULL ? c->cfg.path : "/",
                     c->cfg.host != NULL ? c->cfg.host : "localhost");
    TS_ENSURE(n > 0 && (size_t)n < sizeof(req), TS_ERR_TOO_LONG);
    c->request_sent = true;
    ts_ep_simple(c, TS_EV_MESSAGE, "http_request", N_("the HTTP request, sent as application data"),
                 (const uint8_t *)req, (size_t)n);
    return send_app(c, (const uint8_t *)req, (size_t)n);
}

static ts_err server_response(ts_conn *c)
{
    char head[512];
    int n = snprintf(head, sizeof(head),
                     "HTTP/1.1 200 OK\r\nServer: tlsstep\r\nContent-Type: %s\r\n"
                     "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                     c->cfg.content_type != NULL ? c->cfg.content_type
                                                 : "application/octet-stream",
                     c->cfg.payload_len);
    TS_ENSURE(n > 0 && (size_t)n < sizeof(head), TS_ERR_TOO_LONG);
    ts_buf resp;
    ts_buf_init(&resp);
    ts_buf_set_limit(&resp, (size_t)n + c->cfg.payload_len);
    ts_err err = ts_buf_write_bytes(&resp, (const uint8_t *)head, (size_t)n);
    if (err == TS_OK && c->cfg.payload_len > 0) {
        err = ts_buf_write_bytes(&resp, c->cfg.payload, c->cfg.payload_len);
    }
    if (err == TS_OK) {
        c->response_sent = true;
        c->http_status = 200;
        ts_ep_simple(c, TS_EV_MESSAGE, "http_response",
                     N_("the HTTP response: headers, then the file, split over records"), resp.data,
                     resp.len);
        err = send_app(c, resp.data, resp.len);
    }
    ts_buf_free(&resp);
    if (err == TS_OK) {
        err = ts_ep_send_close_notify(c);
    }
    return err;
}

/* Length of the HTTP head at data (through its empty line), 0 while it is
 * incomplete. Lines end in CRLF or, as RFC 9112 §2.2 lets a recipient
 * accept, a lone LF. */
static size_t head_end(const uint8_t *data, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (data[i] != '\n') {
            continue;
        }
        if (i + 1 < n && data[i + 1] == '\n') {
            return i + 2;
        }
        if (i + 2 < n && data[i + 1] == '\r' && data[i + 2] == '\n') {
            return i + 3;
        }
    }
    return 0;
}

ts_err ts_http_write_turn(ts_conn *c)
{
    ts_err err = TS_OK;
    /* TLS 1.3 after the handshake: the server's ticket, the client's
     * KeyUpdate when asked to show one */
    if (c->tls13 && c->role == TS_ROLE_SERVER && c->tickets == 0) {
        err = ts13_send_ticket(c);
    }
    if (err == TS_OK && c->tls13 && c->role == TS_ROLE_CLIENT && c->cfg.key_update &&
        !c->update_sent) {
        c->update_sent = true;
        err = ts13_send_key_update(c, true);
    }
    if (err == TS_OK && c->role == TS_ROLE_CLIENT && !c->request_sent) {
        err = client_request(c);
    }
    if (err == TS_OK && c->role == TS_ROLE_SERVER && !c->response_sent &&
        head_end(c->app_in.data, c->app_in.len) != 0) {
        err = server_response(c);
    }
    return err == TS_OK ? TS_OK : ts_ep_fail(c, err, NULL);
}

ts_err ts_http_on_data(ts_conn *c, const ts_buf *data)
{
    size_t n = ts_buf_remaining(data);
    size_t max = c->cfg.request_max != 0 ? c->cfg.request_max : TS_HTTP_REQUEST_MAX;
    if (c->role == TS_ROLE_SERVER && c->app_in.len + n > max) {
        return ts_ep_fail(c, TS_ERR_TOO_LONG,
                          max == TS_HTTP_REQUEST_MAX
                              ? N_("the HTTP request is longer than 8 KiB")
                              : N_("the HTTP request is longer than the server's limit"));
    }
    ts_err err = ts_buf_write_bytes(&c->app_in, ts_buf_cursor(data), n);
    if (err != TS_OK) {
        return ts_ep_fail(c, err, N_("too much application data"));
    }
    ts_ep_simple(c, TS_EV_PARSED, "application_data", NULL, ts_buf_cursor(data), n);
    return TS_OK;
}

/* Finds header name (case-insensitive) in head; returns its value or NULL. */
static const char *find_header(const char *head, const char *name, char *out, size_t cap)
{
    size_t nlen = strlen(name);
    const char *line = strstr(head, "\r\n");
    while (line != NULL && line[2] != '\0') {
        line += 2;
        if (strncasecmp(line, name, nlen) == 0 && line[nlen] == ':') {
            const char *v = line + nlen + 1;
            while (*v == ' ' || *v == '\t') {
                v++;
            }
            size_t i = 0;
            while (v[i] != '\r' && v[i] != '\0' && i + 1 < cap) {
                out[i] = v[i];
                i++;
            }
            out[i] = '\0';
            return out;
        }
        line = strstr(line, "\r\n");
    }
    return NULL;
}

/* Client: parses the response held in app_in into status and body. */
static ts_err parse_response(ts_conn *c)
{
    const uint8_t *data = c->app_in.data;
    size_t n = c->app_in.len;
    const uint8_t *end = n >= 4 ? memmem(data, n, "\r\n\r\n", 4) : NULL;
    TS_ENSURE(end != NULL, TS_ERR_DECODE);
    size_t head_len = (size_t)(end - data) + 4;
    TS_ENSURE(head_len <= TS_HTTP_HEAD_MAX, TS_ERR_TOO_LONG);
    char head[TS_HTTP_HEAD_MAX + 1];
    memcpy(head, data, head_len);
    head[head_len] = '\0';
    int status = 0;
    TS_ENSURE(sscanf(head, "HTTP/1.%*1[01] %3d", &status) == 1 && status >= 100, TS_ERR_DECODE);
    c->http_status = status;
    size_t body_len = n - head_len;
    char value[64];
    if (find_header(head, "Content-Length", value, sizeof(value)) != NULL) {
        char *stop;
        unsigned long long want = strtoull(value, &stop, 10);
        TS_ENSURE(*value != '\0' && *stop == '\0' && want == body_len, TS_ERR_DECODE);
    }
    ts_buf_reset(&c->body);
    return ts_buf_write_bytes(&c->body, data + head_len, body_len);
}

static void finish(ts_conn *c, bool ok, const char *how)
{
    snprintf(c->reason, sizeof(c->reason), "%s", how);
    c->status = TS_CONN_CLOSED;
    ts_ep_wipe(c, true);
    ts_event done;
    memset(&done, 0, sizeof(done));
    done.kind = TS_EV_DONE;
    done.side = c->side;
    done.name = "closed";
    done.ok = ok;
    done.how = c->reason;
    if (c->hook != NULL) {
        c->hook(c->hook_ctx, &done);
    }
}

static void client_check_response(ts_conn *c)
{
    ts_err err = parse_response(c);
    char why[200];
    if (err == TS_OK) {
        uint8_t digest[TS_SHA256_LEN];
        char hex[2 * TS_SHA256_LEN + 1];
        ts_hash(TS_HASH_SHA256, c->body.data, c->body.len, digest);
        ts_hex_encode(digest, sizeof(digest), hex);
        snprintf(why, sizeof(why), TS_TPL_HTTP_RESPONSE, c->http_status, c->body.len, hex);
        ts_ep_value(c, "payload_sha256", N_("computed over the received file"), "SHA-256(body)",
                    false, digest, sizeof(digest));
    } else {
        snprintf(why, sizeof(why), "%s", N_("the HTTP response is incomplete or malformed"));
    }
    ts_ep_check(c, "http_response", err, why);
}

ts_err ts_http_on_close_notify(ts_conn *c)
{
    c->close_received = true;
    if (c->status == TS_CONN_HANDSHAKE) {
        c->status = TS_CONN_FAILED;
        c->alert = 0;
        snprintf(c->reason, sizeof(c->reason), "%s", N_("the peer closed during the handshake"));
        ts_ep_wipe(c, false);
        return TS_ERR_CLOSED;
    }
    if (c->role == TS_ROLE_CLIENT) {
        client_check_response(c);
    }
    ts_err err = TS_OK;
    if (!c->close_sent) {
        err = ts_ep_send_close_notify(c);
    }
    bool ok = c->role == TS_ROLE_SERVER ? c->response_sent : c->http_status != 0;
    finish(c, ok,
           ok ? N_("close_notify exchanged; session keys wiped")
              : N_("closed before a complete HTTP exchange"));
    return err;
}

void ts_http_on_eof(ts_conn *c)
{
    if (c->status == TS_CONN_OPEN && c->close_sent) {
        finish(c, true, N_("transport closed after close_notify; session keys wiped"));
        return;
    }
    if (c->status == TS_CONN_OPEN && c->role == TS_ROLE_CLIENT && c->app_in.len > 0) {
        client_check_response(c);
        finish(c, c->http_status != 0, N_("the server closed the connection without close_notify"));
        return;
    }
    snprintf(c->reason, sizeof(c->reason), "%s",
             c->status == TS_CONN_HANDSHAKE
                 ? N_("the peer closed the connection during the handshake")
                 : N_("the peer closed the connection without close_notify"));
    c->status = TS_CONN_FAILED;
    ts_ep_wipe(c, false);
}
