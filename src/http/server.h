/* server.h — the HTTP server: configuration and the blocking run loop. */
#ifndef SV_SERVER_H
#define SV_SERVER_H
#include "request.h"
#include "layout.h"
#include "routes.h"
#include <stdbool.h>
#include <stddef.h>

typedef struct server_config {
    const char *db_url;
    const char *host;           /* listen address, "127.0.0.1" */
    unsigned short port;        /* 0 picks a free port (printed at start) */
    unsigned threads;           /* worker threads; 0 = number of cores */
    int session_idle;           /* seconds of inactivity before a session ends */
    int session_max;            /* absolute session lifetime in seconds */
    bool trust_proxy;           /* honour X-Forwarded-For / X-Forwarded-Proto */
    size_t upload_limit;        /* largest accepted request body, bytes */
    const route_t *routes;
    const nav_entry_t *nav;     /* the main menu, in order */
    size_t nnav;
} server_config_t;

/* Serves until SIGINT or SIGTERM, then finishes running requests and returns 0. */
int server_run(const server_config_t *cfg);
/* The configuration of the running server (read-only). */
const server_config_t *server_config(void);
/* Where links in mail point: the configured public address (setting public_url), or the
 * server's own address. */
const char *server_public_url(request_t *req);
/* The calling thread's database connection, opened on first use; NULL on failure. */
db_t *server_thread_db(void);

#endif
