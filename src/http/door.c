/* door.c — the listening socket and the first look at each connection (door.h).
 * One thread accepts; a new connection waits (edge-triggered epoll, reading with MSG_PEEK so
 * nothing is consumed) until its first request's headers are in, at most PEEK_WAIT_MS, and
 * is then handed to libmicrohttpd untouched, or refused here when its Cookie header would
 * trip the library. */
#include "door.h"
#include "../base/alloc.h"
#include "../base/log.h"
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { PEEK_BYTES = 16384, PEEK_WAIT_MS = 5000, MAX_WAITING = 1024 };

typedef struct waiting {
    int fd;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    long long deadline_ms;
} waiting_t;

struct door {
    int listen_fd, epoll_fd, stop_fd;
    unsigned short port;
    struct MHD_Daemon *daemon;
    pthread_t thread;
    bool running;
    waiting_t *waiting[MAX_WAITING]; /* indexed by slot; the epoll data is the slot + 2 */
};

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

door_t *door_open(const char *host, unsigned short port, char *err, size_t errlen)
{
    struct sockaddr_storage ss = {0};
    socklen_t len;
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        len = sizeof *v4;
    } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        len = sizeof *v6;
    } else {
        snprintf(err, errlen, "ogiltig lyssningsadress \"%s\" (ange en IP-adress, till exempel 127.0.0.1)", host);
        return NULL;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        snprintf(err, errlen, "kan inte skapa en socket: %s", strerror(errno));
        return NULL;
    }
    /* SO_REUSEADDR lets a restarted server bind while old connections linger in TIME_WAIT;
     * it does not let two servers listen on one address (SO_REUSEPORT would). */
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 512) != 0) {
        int e = errno;
        close(fd);
        if (e == EADDRINUSE)
            snprintf(err, errlen, "adressen %s:%u används redan, troligen av en annan server (kanske en annan "
                                  "samverkan serve). Stoppa den eller välj en annan adress med --listen eller "
                                  "SAMVERKAN_LISTEN.", host, port);
        else
            snprintf(err, errlen, "kan inte lyssna på %s:%u: %s", host, port, strerror(e));
        return NULL;
    }
    getsockname(fd, (struct sockaddr *)&ss, &len);
    door_t *d = xcalloc(1, sizeof *d);
    d->listen_fd = fd;
    d->port = ntohs(ss.ss_family == AF_INET ? v4->sin_port : v6->sin6_port);
    d->epoll_fd = d->stop_fd = -1;
    return d;
}

unsigned short door_port(const door_t *d)
{
    return d->port;
}

/* A cookie value is a token or a quoted token (RFC 6265): a quote may only open and close it. */
static bool value_malformed(const char *v, size_t n)
{
    while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    while (n && (*v == ' ' || *v == '\t'))
        v++, n--;
    const char *q = memchr(v, '"', n);
    if (!q)
        return false;
    if (n < 2 || v[0] != '"' || v[n - 1] != '"')
        return true;
    return memchr(v + 1, '"', n - 2) != NULL;
}

bool door_cookie_malformed(const char *head, size_t len)
{
    const char *end = head + len, *line = head;
    while (line < end) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol)
            eol = end;
        size_t n = (size_t)(eol - line);
        if (n && line[n - 1] == '\r')
            n--;
        if (n == 0 && line != head)
            break; /* the blank line ends the headers */
        if (n > 7 && strncasecmp(line, "Cookie:", 7) == 0) {
            const char *p = line + 7, *stop = line + n;
            while (p < stop) {
                const char *semi = p;
                while (semi < stop && *semi != ';' && *semi != ',')
                    semi++;
                const char *eq = memchr(p, '=', (size_t)(semi - p));
                if (eq && value_malformed(eq + 1, (size_t)(semi - eq - 1)))
                    return true;
                p = semi + 1;
            }
        }
        line = eol + 1;
    }
    return false;
}

static void refuse_cookie(int fd, const char *head, size_t len)
{
    /* Consume what was peeked, so that closing does not reset the connection under the answer. */
    char sink[PEEK_BYTES];
    while (recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0)
        ;
    const char *sp = memchr(head, ' ', len);
    bool api = sp && (size_t)(head + len - sp) > 6 && strncmp(sp + 1, "/api/", 5) == 0;
    const char *msg = "Webbläsaren skickade en felaktig cookie. Ta bort webbplatsens cookies och försök igen.";
    char body[512], out[1024];
    int blen = api ? snprintf(body, sizeof body, "{\"error\":{\"code\":\"bad_request\",\"message\":\"%s\",\"field\":null}}\n", msg)
                   : snprintf(body, sizeof body,
                              "<!doctype html><html lang=\"sv\"><meta charset=\"utf-8\"><title>Felaktig förfrågan"
                              "</title><h1>Felaktig förfrågan</h1><p>%s</p></html>\n", msg);
    int olen = snprintf(out, sizeof out,
                        "HTTP/1.1 400 Bad Request\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
                        "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n%s",
                        api ? "application/json; charset=utf-8" : "text/html; charset=utf-8", blen, body);
    if (olen > 0 && send(fd, out, (size_t)olen, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
        log_warn("http: svaret på en felaktig cookie kunde inte skickas: %s", strerror(errno));
    shutdown(fd, SHUT_WR);
    close(fd);
}

static void forget(door_t *d, size_t slot)
{
    waiting_t *w = d->waiting[slot];
    epoll_ctl(d->epoll_fd, EPOLL_CTL_DEL, w->fd, NULL);
    free(w);
    d->waiting[slot] = NULL;
}

static void hand_over(door_t *d, size_t slot)
{
    waiting_t *w = d->waiting[slot];
    int fd = w->fd;
    struct sockaddr_storage addr = w->addr;
    socklen_t addrlen = w->addrlen;
    forget(d, slot);
    /* The daemon closes the socket itself if it cannot take it. */
    if (MHD_add_connection(d->daemon, fd, (struct sockaddr *)&addr, addrlen) != MHD_YES)
        log_warn("http: en anslutning kunde inte tas emot: %s", strerror(errno));
}

/* Looks at what has arrived: hands over once the headers are in (or the peek is full),
 * refuses a malformed cookie, closes a connection the client closed. */
static void look(door_t *d, size_t slot)
{
    waiting_t *w = d->waiting[slot];
    static char head[PEEK_BYTES]; /* one door thread */
    ssize_t n = recv(w->fd, head, sizeof head, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        close(w->fd);
        forget(d, slot);
        return;
    }
    if (n < 0)
        return;
    size_t len = (size_t)n;
    bool complete = len == sizeof head;
    for (size_t i = 3; i < len && !complete; i++)
        complete = head[i] == '\n' && (head[i - 1] == '\n' || (head[i - 1] == '\r' && head[i - 2] == '\n'));
    if (!complete)
        return;
    if (door_cookie_malformed(head, len)) {
        int fd = w->fd;
        forget(d, slot);
        refuse_cookie(fd, head, len);
        return;
    }
    hand_over(d, slot);
}

static void accept_new(door_t *d)
{
    for (;;) {
        waiting_t w = {.addrlen = sizeof w.addr};
        int fd = accept4(d->listen_fd, (struct sockaddr *)&w.addr, &w.addrlen, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return; /* EAGAIN, or a transient error (EMFILE): epoll wakes us again */
        size_t slot = 0;
        while (slot < MAX_WAITING && d->waiting[slot])
            slot++;
        w.fd = fd;
        w.deadline_ms = now_ms() + PEEK_WAIT_MS;
        if (slot == MAX_WAITING) { /* too many silent connections: let the daemon hold this one */
            if (MHD_add_connection(d->daemon, fd, (struct sockaddr *)&w.addr, w.addrlen) != MHD_YES)
                log_warn("http: en anslutning kunde inte tas emot: %s", strerror(errno));
            continue;
        }
        d->waiting[slot] = xmalloc(sizeof w);
        *d->waiting[slot] = w;
        struct epoll_event ev = {.events = EPOLLIN | EPOLLET | EPOLLRDHUP, .data.u64 = slot + 2};
        epoll_ctl(d->epoll_fd, EPOLL_CTL_ADD, fd, &ev);
        look(d, slot); /* the request often arrived with the connection */
    }
}

static void *door_thread(void *arg)
{
    door_t *d = arg;
    struct epoll_event events[64];
    for (;;) {
        int n = epoll_wait(d->epoll_fd, events, 64, 500);
        for (int i = 0; i < n; i++) {
            uint64_t tag = events[i].data.u64;
            if (tag == 0)
                return NULL; /* stop */
            if (tag == 1)
                accept_new(d);
            else if (d->waiting[tag - 2])
                look(d, (size_t)(tag - 2));
        }
        /* A connection whose headers are slow to come is the daemon's to time out. */
        long long now = now_ms();
        for (size_t s = 0; s < MAX_WAITING; s++)
            if (d->waiting[s] && d->waiting[s]->deadline_ms <= now)
                hand_over(d, s);
    }
}

bool door_start(door_t *d, struct MHD_Daemon *daemon)
{
    d->daemon = daemon;
    d->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    d->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (d->epoll_fd < 0 || d->stop_fd < 0)
        return false;
    struct epoll_event stop = {.events = EPOLLIN, .data.u64 = 0}, listen_ev = {.events = EPOLLIN, .data.u64 = 1};
    if (epoll_ctl(d->epoll_fd, EPOLL_CTL_ADD, d->stop_fd, &stop) != 0 ||
        epoll_ctl(d->epoll_fd, EPOLL_CTL_ADD, d->listen_fd, &listen_ev) != 0)
        return false;
    d->running = pthread_create(&d->thread, NULL, door_thread, d) == 0;
    return d->running;
}

void door_close(door_t *d)
{
    if (!d)
        return;
    if (d->running) {
        uint64_t one = 1;
        if (write(d->stop_fd, &one, sizeof one) != (ssize_t)sizeof one)
            log_warn("http: kunde inte stoppa mottagningen: %s", strerror(errno));
        pthread_join(d->thread, NULL);
    }
    for (size_t s = 0; s < MAX_WAITING; s++) {
        if (d->waiting[s]) {
            close(d->waiting[s]->fd);
            free(d->waiting[s]);
        }
    }
    close(d->listen_fd);
    if (d->epoll_fd >= 0)
        close(d->epoll_fd);
    if (d->stop_fd >= 0)
        close(d->stop_fd);
    free(d);
}
