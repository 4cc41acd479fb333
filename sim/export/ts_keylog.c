/* ts_keylog: NSS key log lines (CLIENT_RANDOM) and appending them. */
#include "export/ts_keylog.h"

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "base/ts_hex.h"

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
