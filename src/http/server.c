/* server.c — libmicrohttpd with an internal thread pool on epoll. A request flows one
 * way: route → parse and validate → authenticate and authorise → handler → response. */
#include "server.h"
#include "../db/settings.h"
#include "auth.h"
#include "door.h"
#include "later.h"
#include "form.h"
#include "page_cache.h"
#include "session.h"
#include "../base/alloc.h"
#include "../base/vec.h"
#include "../base/log.h"
#include "../html/html.h"
#include <jansson.h>
#include <malloc.h>
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* What the server keeps per connection besides what handlers see. */
typedef struct conn_state {
    request_t req;
    route_match_t match;
    form_t form;                /* the parameters as sent, decoded */
    bool reading;               /* form_begin was called */
    bool answered;              /* refused before the body was read */
    bool discard;               /* too large: the body is read and thrown away, then 413 */
    size_t admitted_headers;    /* response headers set while admitting (kept for a second run) */
    bool unavailable;           /* the database did not answer while admitting */
    struct timespec started;
} conn_state_t;

/* A signed-in user's too-large upload is read and dropped (so the browser shows the
 * answer) up to this many times the limit; anything larger is cut off at once. */
enum { DRAIN_FACTOR = 4 };

static server_config_t g_config;   /* set once before the daemon starts, then read-only */
static pthread_key_t g_db_key;

const server_config_t *server_config(void)
{
    return &g_config;
}

static void close_thread_db(void *db)
{
    db_close(db);
}

db_t *server_thread_db(void)
{
    db_t *db = pthread_getspecific(g_db_key);
    if (db)
        return db;
    char *err = NULL;
    db = db_open_worker(g_config.db_url, &err);
    if (!db) {
        log_error("databasen kan inte öppnas: %s", err);
        free(err);
        return NULL;
    }
    pthread_setspecific(g_db_key, db);
    return db;
}

static const char *header(request_t *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

static void add_security_headers(struct MHD_Response *r, const request_t *req)
{
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            "font-src 'self'; connect-src 'self'; form-action 'self'; "
                            "frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    if (req->secure)
        MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
}

static enum MHD_Result send_response(conn_state_t *cs)
{
    request_t *req = &cs->req;
    size_t len = 0;
    char *data = buf_steal(&req->body, &len);
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", req->content_type ? req->content_type : "text/html; charset=utf-8");
    add_security_headers(r, req);
    if (!req->cacheable)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    for (size_t i = 0; i < req->nheaders; i++)
        MHD_add_response_header(r, req->headers[i][0], req->headers[i][1]);
    enum MHD_Result ret = MHD_queue_response(req->conn, (unsigned)req->status, r);
    MHD_destroy_response(r);
    return ret;
}

/* Answers a POST's token: the session's for logged-in forms, the double-submit cookie
 * for the login form. */
static bool csrf_ok(request_t *req, const form_result_t *raw)
{
    const char *sent = header(req, "X-CSRF-Token");
    for (size_t i = 0; i < raw->nparams && !sent; i++)
        if (strcmp(raw->params[i].name, "csrf") == 0)
            sent = raw->params[i].value;
    const char *expected = req->csrf;
    if (req->route->flags & ROUTE_NO_CSRF)
        expected = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, SESSION_PRE_COOKIE);
    return session_token_equal(sent, expected);
}

/* Answers a request that may not go on; the caller sends it. */
static void refuse(request_t *req, int status, const char *message)
{
    if (status == 401 && !req_is_api(req)) {
        buf_t loc = BUF_INIT;
        buf_puts(&loc, "/login?next=");
        html_url(&loc, req->path);
        respond_redirect(req, arena_strdup(&req->arena, buf_cstr(&loc)));
        buf_free(&loc);
        return;
    }
    respond_error(req, status, message);
}

/* The largest body a route takes: the upload limit for a file upload, a form's worth
 * otherwise (so no one can make the server hold megabytes of text). */
static size_t body_limit(const request_t *req)
{
    if (req->route->flags & ROUTE_UPLOAD)
        return g_config.upload_limit;
    return 2 * FORM_TEXT_LIMIT;
}

static void refuse_size(request_t *req, size_t limit)
{
    respond_error(req, 413, arena_printf(&req->arena, "Filen eller formuläret är för stort: högst %zu MB tas emot.",
                                         limit >> 20));
}

/* Before the body is read: the route, who asks and whether they may, and the size the
 * client declares. Returns false with the answer ready when the request stops here, so
 * that no body is read for someone who may not send it. A signed-in user whose file is
 * too large gets the answer after the body has been read and thrown away, so that the
 * browser shows it rather than a broken connection. */
static bool admit(conn_state_t *cs)
{
    request_t *req = &cs->req;
    if (cs->match == ROUTE_NOT_FOUND) {
        respond_error(req, 404, "Sidan finns inte.");
        return false;
    }
    if (cs->match == ROUTE_BAD_METHOD) {
        req_add_header(req, "Allow", "GET, HEAD, POST");
        respond_error(req, 405, "Metoden är inte tillåten för den här adressen.");
        return false;
    }
    const char *clen = header(req, MHD_HTTP_HEADER_CONTENT_LENGTH);
    bool too_big = clen && strtoull(clen, NULL, 10) > body_limit(req);
    if (req->route->flags & ROUTE_NO_DB) {
        if (too_big)
            refuse_size(req, body_limit(req));
        return !too_big;
    }
    req->db = server_thread_db();
    if (req->db)
        db_failure_clear(req->db);
    if (!req->db || db_failure(req->db) == DB_FAIL_UNAVAILABLE) {
        cs->unavailable = true;
        return true; /* read a bounded body, so a form can come back with its content */
    }
    const char *authz = header(req, "Authorization");
    bool bearer = (req->route->flags & ROUTE_API) && authz && strncasecmp(authz, "Bearer ", 7) == 0;
    bool token_ok = bearer ? session_load_token(req, authz + 7) : (session_load(req), true);
    if (db_failure(req->db) == DB_FAIL_UNAVAILABLE) {
        cs->unavailable = true; /* not a logout: the session could not be read */
        return true;
    }
    if (!token_ok) {
        respond_error(req, 401, "Ogiltig, utgången eller återkallad API-nyckel.");
        return false;
    }
    bool signed_in = access_may(&req->viewer, CAP_SIGNED_IN);
    if (!(req->route->flags & ROUTE_PUBLIC)) {
        if (!signed_in) {
            refuse(req, 401, "Logga in eller ange en API-nyckel.");
            return false;
        }
        if (!access_may(&req->viewer, req->route->cap)) {
            refuse(req, 403, "Du har inte behörighet till den här sidan.");
            return false;
        }
        /* A temporary password is changed before anything else is open. */
        if (req->must_change_password && !(req->route->flags & ROUTE_FIRST_PASSWORD)) {
            if (req_is_api(req))
                respond_error(req, 403, "Byt det tillfälliga lösenordet innan du fortsätter.");
            else
                respond_redirect(req, "/account/first-password");
            return false;
        }
    }
    if (too_big && (!signed_in || strtoull(clen, NULL, 10) > DRAIN_FACTOR * body_limit(req))) {
        refuse_size(req, body_limit(req));
        return false;
    }
    cs->discard = too_big;
    cs->admitted_headers = req->nheaders;
    return true;
}

/* After the body: its fields, the form's token, the declared parameters, the handler. A
 * handler whose transaction lost to a concurrent one runs again (twice at most) before
 * anyone is told; one that found the database away answers 503. */
static bool dispatch(conn_state_t *cs)
{
    request_t *req = &cs->req;
    if (req->waited) { /* the second run, after the wait: from where admission left it */
        req->nerrors = 0;
        req->nheaders = cs->admitted_headers;
        buf_reset(&req->body);
        req->status = 200;
    }
    form_result_t raw = form_params(&cs->form, req->conn);
    if (cs->unavailable) {
        respond_unavailable(req, raw.params, raw.status ? 0 : raw.nparams);
        return false;
    }
    if (raw.status) {
        respond_error_field(req, raw.status, raw.message, raw.field);
        return false;
    }
    if (strcmp(req->method, "POST") == 0 && !req->via_token && !csrf_ok(req, &raw)) {
        respond_error(req, 403, "Formuläret saknar en giltig säkerhetstoken. Ladda om sidan och försök igen.");
        return false;
    }
    if (!routes_validate(req, req->route, raw.params, raw.nparams)) {
        respond_error(req, 404, "Sidan finns inte.");
        return false;
    }
    if (req->nerrors && !(req->route->flags & ROUTE_FORM)) {
        respond_error_field(req, 400, req->errors[0].message, req->errors[0].field);
        return false;
    }
    size_t nerrors = req->nerrors, nheaders = req->nheaders;
    if (page_cache_serve(req, nheaders))
        return false;
    int status = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        if (attempt) {
            buf_reset(&req->body);
            req->nerrors = nerrors;
            req->nheaders = nheaders;
            req->status = 200;
            req->content_type = NULL;
            struct timespec pause = {0, 20000000L * attempt}; /* let the other writer finish */
            nanosleep(&pause, NULL);
        }
        if (req->db)
            db_failure_clear(req->db);
        req->memo = NULL; /* what a run that lost read is not this run's */
        status = req->route->handler(req);
        if (status == RESPOND_LATER && !req->waited) {
            /* Held without a worker, then run again; if the server is stopping, at once. */
            req->waited = true;
            if (later_hold(req->conn, req->wait_ms))
                return true;
            return dispatch(cs);
        }
        if (!req->db || db_failure(req->db) != DB_FAIL_CONFLICT)
            break;
    }
    db_failure_t f = req->db ? db_failure(req->db) : DB_FAIL_NONE;
    if (status > 0 && status != RESPOND_LATER && f == DB_FAIL_NONE)
        page_cache_keep(req, nheaders);
    if (f == DB_FAIL_UNAVAILABLE) {
        respond_unavailable(req, raw.params, raw.nparams);
        return false;
    }
    if (f == DB_FAIL_CONFLICT) { /* still losing after the tries: say so, whatever the handler made of it */
        respond_form_back(req, 409, "Samtidig ändring", db_failure_text(f), raw.params, raw.nparams);
        return false;
    }
    if (status > 0 && f == DB_FAIL_FULL && req->status >= 400)
        req->status = 507; /* the handler's page says why; the status says the same */
    if (status <= 0 && f == DB_FAIL_FULL)
        respond_form_back(req, 507, "Disken är full", db_failure_text(f), raw.params, raw.nparams);
    else if (status <= 0 || status == RESPOND_LATER)
        respond_error(req, 500, "Ett internt fel inträffade. Försök igen; kvarstår felet, kontakta supporten.");
    return false;
}

static enum MHD_Result add_argument(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    buf_t *q = cls;
    if (q->len)
        buf_putc(q, '&');
    html_url(q, key);
    if (value) {
        buf_putc(q, '=');
        html_url(q, value);
    }
    return MHD_YES;
}

/* The query string as the client sent its arguments, encoded again in their order: what
 * a link that keeps the filters repeats, and part of what names a kept page. */
static const char *query_string(struct MHD_Connection *conn, arena_t *a)
{
    buf_t q = BUF_INIT;
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_argument, &q);
    const char *s = arena_strdup(a, buf_cstr(&q));
    buf_free(&q);
    return s;
}

static void init_request(conn_state_t *cs, struct MHD_Connection *conn, const char *url, const char *method)
{
    request_t *req = &cs->req;
    req->conn = conn;
    req->method = arena_strdup(&req->arena, method);
    req->path = arena_strdup(&req->arena, url);
    req->status = 200;
    clock_gettime(CLOCK_MONOTONIC, &cs->started);
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char addr[INET6_ADDRSTRLEN] = "";
    if (ci && ci->client_addr) {
        if (ci->client_addr->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, addr, sizeof addr);
        else if (ci->client_addr->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, addr, sizeof addr);
    }
    req->client_addr = arena_strdup(&req->arena, addr);
    if (g_config.trust_proxy) {
        const char *fwd = header(req, "X-Forwarded-For");
        if (fwd && *fwd) {
            const char *comma = strchr(fwd, ',');
            req->client_addr = comma ? arena_strndup(&req->arena, fwd, (size_t)(comma - fwd)) : arena_strdup(&req->arena, fwd);
        }
        const char *proto = header(req, "X-Forwarded-Proto");
        req->secure = proto && strcasecmp(proto, "https") == 0;
    }
    cs->match = routes_match(g_config.routes, method, url, &req->arena, &req->route, req->path_args);
    req->query = query_string(conn, &req->arena);
}

/* Starts reading the body of an admitted request (a request without one has only its
 * query string). While the database is away only a small body is taken: enough to give
 * a form back, not enough for anyone to make the server hold a file. */
static void begin_body(conn_state_t *cs, struct MHD_Connection *conn)
{
    request_t *req = &cs->req;
    size_t limit = cs->unavailable ? 2 * FORM_TEXT_LIMIT : body_limit(req);
    if (strcmp(req->method, "POST") == 0)
        form_begin(&cs->form, req, conn, (req->route->flags & ROUTE_API) != 0,
                   header(req, MHD_HTTP_HEADER_CONTENT_TYPE), limit);
    else
        form_begin(&cs->form, req, NULL, false, NULL, 0);
    cs->reading = true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)cls, (void)version;
    conn_state_t *cs = *con_cls;
    if (!cs) {
        cs = xcalloc(1, sizeof *cs);
        *con_cls = cs;
        init_request(cs, conn, url, method);
        if (!admit(cs)) {
            /* Answered before the body: libmicrohttpd sends this and closes the
             * connection without reading what the client still sends. */
            cs->answered = true;
            return send_response(cs);
        }
        if (!cs->discard)
            begin_body(cs, conn);
        return MHD_YES;
    }
    if (cs->answered) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (cs->discard) {
        if (*upload_data_size) {
            *upload_data_size = 0;
            return MHD_YES;
        }
        refuse_size(&cs->req, body_limit(&cs->req));
        return send_response(cs);
    }
    if (*upload_data_size) {
        if (cs->reading)
            form_feed(&cs->form, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (dispatch(cs))
        return MHD_YES; /* held: resumed later, when this runs again */
    return send_response(cs);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)conn, (void)toe;
    conn_state_t *cs = *con_cls;
    if (!cs)
        return;
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double ms = (double)(end.tv_sec - cs->started.tv_sec) * 1e3 + (double)(end.tv_nsec - cs->started.tv_nsec) / 1e6;
    if (cs->req.status >= 500 || ms > 1000)
        log_info("%s %s %d %.1f ms", cs->req.method, cs->req.path, cs->req.status, ms);
    /* A request that needed much memory gives it back to the system when done, so that
     * one large page or import does not leave the server holding its peak. */
    bool large = arena_bytes(&cs->req.arena) + cs->req.body.cap > ((size_t)4 << 20);
    form_free(&cs->form);
    if (cs->req.upload.file)
        fclose(cs->req.upload.file);
    buf_free(&cs->req.body);
    arena_free(&cs->req.arena);
    free(cs);
    *con_cls = NULL;
    if (large)
        malloc_trim(0);
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    log_warn("http: %s", msg);
}

int server_run(const server_config_t *cfg)
{
    g_config = *cfg;
    if (!g_config.threads) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        g_config.threads = n > 0 ? (unsigned)n : 2;
    }
    pthread_key_create(&g_db_key, close_thread_db);
    auth_init();
    /* Memory a request used stays with the process for the next one. By default glibc
     * maps every block over 128 KiB anew and gives freed memory back above that, so each
     * request faulted in every page of a large answer (a long list, a CSV) again: up to
     * half of such a page's time. A request that used more than 4 MiB still gives its
     * memory back when done (on_completed), so one large export does not stay resident. */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);

    /* Block the stop signals in every thread; the main thread waits for them below. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    char err[256];
    door_t *door = door_open(g_config.host, g_config.port, err, sizeof err);
    if (!door) {
        fprintf(stderr, "samverkan: %s\n", err);
        return 1;
    }
    g_config.port = door_port(door); /* the port chosen when 0 was asked for */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG | MHD_USE_NO_LISTEN_SOCKET |
            MHD_ALLOW_SUSPEND_RESUME,
        0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL, MHD_OPTION_THREAD_POOL_SIZE,
        g_config.threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024, MHD_OPTION_END);
    if (!d || !door_start(door, d)) {
        fprintf(stderr, "samverkan: webbservern kunde inte starta\n");
        if (d)
            MHD_stop_daemon(d);
        door_close(door);
        return 1;
    }
    later_start();
    printf("Samverkan lyssnar på http://%s:%u/ (%u trådar). Avsluta med Ctrl-C.\n", g_config.host,
           g_config.port, g_config.threads);
    fflush(stdout);

    int sig = 0;
    sigwait(&stop, &sig);
    log_info("signal %d: avslutar pågående förfrågningar och stänger", sig);
    door_close(door); /* no new connections; the running requests finish below */
    later_stop();     /* held requests run now: a daemon may not stop with any suspended */
    MHD_stop_daemon(d);
    db_t *db = pthread_getspecific(g_db_key);
    if (db) {
        db_close(db);
        pthread_setspecific(g_db_key, NULL);
    }
    pthread_key_delete(g_db_key);
    auth_shutdown();
    printf("Samverkan har stängts.\n");
    fflush(stdout);
    return 0;
}

const char *server_public_url(request_t *req)
{
    const char *url = settings_get(req->db, "public_url", NULL, &req->arena);
    if (url && *url)
        return url;
    return arena_printf(&req->arena, "http://%s:%u", g_config.host, g_config.port);
}
