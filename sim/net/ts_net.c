/* ts_net: sockets for network mode: listen, accept, connect, the reasons the transport gives. */
#include "net/ts_net.h"

#include <errno.h>
#include <locale.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/ts_i18n.h"

/* The reasons the transport gives (ts_net_stats.why, ts_net_connect's
 * why), in English; ts_net_why_text shows them in another language. */
#define WHY_SILENT N_("the peer sent nothing for %u ms")
#define WHY_NOT_READING N_("the peer stopped reading for %u ms")
#define WHY_CLOSED N_("the peer closed the connection")
#define WHY_PENDING N_("too many bytes pending")
#define WHY_HANDSHAKE N_("the handshake took longer than %u ms")
#define WHY_LIFETIME N_("the connection lasted longer than %u ms")
#define WHY_STOP N_("the server is stopping")
#define WHY_TOO_MUCH N_("the peer sent more than %u bytes")
#define WHY_TIMED_OUT "timed out" /* marked in ts_net_why_text */
/* These end in the system's own words (strerror, gai_strerror). */
#define WHY_SEND "cannot send: "
#define WHY_RESOLVE "cannot resolve "
#define WHY_CONNECT "cannot connect to "

/* strerror in English whatever the locale: the engine writes English (a
 * front end translates), and the current locale may lack the charset of a
 * translation, which glibc would then print as "???". */
static const char *english_strerror(int error)
{
    static locale_t c_locale;
    if (c_locale == (locale_t)0) {
        c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    }
    return c_locale != (locale_t)0 ? strerror_l(error, c_locale) : "error";
}

void ts_net_close(int fd)
{
    if (fd >= 0) {
        close(fd);
    }
}

bool ts_net_split_hostport(const char *s, char *host, size_t host_cap, char *port,
                           size_t port_cap)
{
    if (s == NULL) {
        return false;
    }
    const char *colon;
    const char *h = s;
    size_t hlen;
    if (s[0] == '[') {
        const char *close = strchr(s, ']');
        if (close == NULL || close[1] != ':') {
            return false;
        }
        h = s + 1;
        hlen = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(s, ':');
        if (colon == NULL || strchr(s, ':') != colon) {
            return false;
        }
        hlen = (size_t)(colon - s);
    }
    const char *p = colon + 1;
    size_t plen = strlen(p);
    if (hlen == 0 || hlen >= host_cap || plen == 0 || plen > 5 || plen >= port_cap ||
        strspn(p, "0123456789") != plen) {
        return false;
    }
    unsigned long v = 0;
    for (size_t i = 0; i < plen; i++) {
        v = v * 10 + (unsigned long)(p[i] - '0');
    }
    if (v == 0 || v > 65535) {
        return false;
    }
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    memcpy(port, p, plen + 1);
    return true;
}

ts_err ts_net_listen(const char *addr, uint16_t port, int *fd, uint16_t *bound)
{
    TS_ENSURE(addr != NULL && fd != NULL, TS_ERR_ARG);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    char service[8];
    snprintf(service, sizeof(service), "%u", (unsigned)port);
    TS_ENSURE(getaddrinfo(addr, service, &hints, &res) == 0 && res != NULL, TS_ERR_NET);
    int s = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC, res->ai_protocol);
    int one = 1;
    bool ok = s >= 0 && setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0 &&
              bind(s, res->ai_addr, res->ai_addrlen) == 0 && listen(s, SOMAXCONN) == 0;
    freeaddrinfo(res);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    if (ok && getsockname(s, (struct sockaddr *)&ss, &sl) != 0) {
        ok = false;
    }
    if (!ok) {
        ts_net_close(s);
        return TS_ERR_NET;
    }
    if (bound != NULL) {
        *bound = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                : ((struct sockaddr_in *)&ss)->sin_port);
    }
    *fd = s;
    return TS_OK;
}

bool ts_net_is_loopback(int fd)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
        return false;
    }
    if (ss.ss_family == AF_INET) {
        return (ntohl(((struct sockaddr_in *)&ss)->sin_addr.s_addr) >> 24) == 127;
    }
    if (ss.ss_family == AF_INET6) {
        const struct in6_addr *a = &((struct sockaddr_in6 *)&ss)->sin6_addr;
        return IN6_IS_ADDR_LOOPBACK(a) || (IN6_IS_ADDR_V4MAPPED(a) && a->s6_addr[12] == 127);
    }
    return false;
}

static void name_peer(const struct sockaddr *sa, socklen_t sl, char *out, size_t cap)
{
    char h[NI_MAXHOST], p[NI_MAXSERV];
    if (getnameinfo(sa, sl, h, sizeof(h), p, sizeof(p), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        snprintf(out, cap, "?");
        return;
    }
    snprintf(out, cap, sa->sa_family == AF_INET6 ? "[%s]:%s" : "%s:%s", h, p);
}

ts_err ts_net_accept(int lfd, int *fd, char *peer, size_t peer_cap)
{
    TS_ENSURE(fd != NULL, TS_ERR_ARG);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    int s = accept4(lfd, (struct sockaddr *)&ss, &sl, SOCK_CLOEXEC);
    if (s < 0) {
        return errno == EINTR ? TS_ERR_CLOSED : TS_ERR_NET;
    }
    if (peer != NULL && peer_cap > 0) {
        name_peer((struct sockaddr *)&ss, sl, peer, peer_cap);
    }
    int one = 1;
    (void)setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    *fd = s;
    return TS_OK;
}

/* Connects s to sa without blocking longer than timeout_ms. */
static bool connect_within(int s, const struct sockaddr *sa, socklen_t sl, unsigned timeout_ms,
                           int *error)
{
    int flags = fcntl(s, F_GETFL);
    if (flags < 0 || fcntl(s, F_SETFL, flags | O_NONBLOCK) != 0) {
        *error = errno;
        return false;
    }
    int rc = connect(s, sa, sl);
    if (rc != 0 && errno != EINPROGRESS) {
        *error = errno;
        return false;
    }
    if (rc != 0) {
        struct pollfd p = {.fd = s, .events = POLLOUT};
        int n = poll(&p, 1, (int)timeout_ms);
        if (n <= 0) {
            *error = n == 0 ? ETIMEDOUT : errno;
            return false;
        }
        socklen_t el = sizeof(*error);
        if (getsockopt(s, SOL_SOCKET, SO_ERROR, error, &el) != 0 || *error != 0) {
            return false;
        }
    }
    *error = 0;
    return fcntl(s, F_SETFL, flags) == 0;
}

ts_err ts_net_connect(const char *host, const char *port, unsigned timeout_ms, int *fd,
                      char *why, size_t why_cap)
{
    TS_ENSURE(host != NULL && port != NULL && fd != NULL, TS_ERR_ARG);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0 || res == NULL) {
        snprintf(why, why_cap, WHY_RESOLVE "%s: %s", host, gai_strerror(gai));
        return TS_ERR_NET;
    }
    int error = 0;
    for (struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
        int s = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (s < 0) {
            error = errno;
            continue;
        }
        if (connect_within(s, ai->ai_addr, ai->ai_addrlen, timeout_ms, &error)) {
            int one = 1;
            (void)setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            freeaddrinfo(res);
            *fd = s;
            return TS_OK;
        }
        close(s);
    }
    freeaddrinfo(res);
    snprintf(why, why_cap, WHY_CONNECT "%s:%s: %s", host, port,
             error == ETIMEDOUT ? WHY_TIMED_OUT : english_strerror(error));
    return error == ETIMEDOUT ? TS_ERR_TIMEOUT : TS_ERR_NET;
}

void ts_net_why_end(ts_net_end reason, unsigned ms, bool sending, char *why, size_t cap)
{
    switch (reason) {
    case TS_NET_END_IDLE:
        snprintf(why, cap, sending ? WHY_NOT_READING : WHY_SILENT, ms);
        break;
    case TS_NET_END_HANDSHAKE: snprintf(why, cap, WHY_HANDSHAKE, ms); break;
    case TS_NET_END_LIFETIME: snprintf(why, cap, WHY_LIFETIME, ms); break;
    case TS_NET_END_TOO_MUCH: snprintf(why, cap, WHY_TOO_MUCH, ms); break;
    default: snprintf(why, cap, "%s", WHY_STOP); break;
    }
}

void ts_net_why_errno(bool sending, int error, char *why, size_t cap)
{
    if (sending) {
        snprintf(why, cap, WHY_SEND "%s", english_strerror(error));
    } else {
        snprintf(why, cap, "%s", error == 0 ? WHY_CLOSED : english_strerror(error));
    }
}

const char *ts_net_why_text(ts_lang lang, const char *why, char *out, size_t cap)
{
    if (why == NULL || lang == TS_LANG_EN || out == NULL || cap == 0) {
        return why;
    }
    static const char *const with_ms[] = {WHY_SILENT, WHY_NOT_READING, WHY_HANDSHAKE,
                                          WHY_LIFETIME, WHY_TOO_MUCH};
    for (size_t i = 0; i < sizeof(with_ms) / sizeof(with_ms[0]); i++) {
        unsigned ms = 0;
        int end = -1;
        char fmt[64];
        snprintf(fmt, sizeof(fmt), "%s%%n", with_ms[i]);
        if (sscanf(why, fmt, &ms, &end) == 1 && end >= 0 && why[end] == '\0') {
            snprintf(out, cap, ts_tr(lang, with_ms[i]), ms);
            return out;
        }
    }
    static const char *const plain[] = {WHY_CLOSED, WHY_PENDING, WHY_STOP,
                                        N_("timed out") /* WHY_TIMED_OUT */};
    for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
        if (strcmp(why, plain[i]) == 0) {
            return ts_tr(lang, plain[i]);
        }
    }
    /* "PREFIX rest": the prefix in lang, the rest (a host, the system's
     * words) as it is. */
    static const struct {
        const char *prefix;
        const char *fmt;
    } prefixed[] = {
        {WHY_SEND, N_("cannot send: %s")},
        {WHY_RESOLVE, N_("cannot resolve %s")},
        {WHY_CONNECT, N_("cannot connect to %s")},
    };
    for (size_t i = 0; i < sizeof(prefixed) / sizeof(prefixed[0]); i++) {
        size_t n = strlen(prefixed[i].prefix);
        if (strncmp(why, prefixed[i].prefix, n) == 0) {
            const char *rest = why + n;
            char timed[160];
            size_t k = strlen(rest), t = strlen(": " WHY_TIMED_OUT);
            if (k > t && strcmp(rest + k - t, ": " WHY_TIMED_OUT) == 0 && k - t < sizeof(timed)) {
                snprintf(timed, sizeof(timed), "%.*s: %s", (int)(k - t), rest,
                         ts_tr(lang, WHY_TIMED_OUT));
                rest = timed;
            }
            snprintf(out, cap, ts_tr(lang, prefixed[i].fmt), rest);
            return out;
        }
    }
    return why;
}
