/* server.c — libmicrohttpd with an internal thread pool on epoll. A request flows one
 * way: route → parse and validate → authenticate and authorise → handler → response. */
#include "server.h"
#include "auth.h"
#include "session.h"
#include "../base/alloc.h"
#include "../base/vec.h"
#include "../base/log.h"
#include "../html/html.h"
#include <jansson.h>
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

typedef struct post_field {
    char *name;
    buf_t value;
} post_field_t;

/* What the server keeps per connection besides what handlers see. */
typedef struct conn_state {
    request_t req;
    route_match_t match;
    struct MHD_PostProcessor *pp;
    post_field_t *fields;
    size_t nfields, cap;
    buf_t json;                 /* an API write's JSON body, read whole */
    bool is_json;
    size_t body_bytes;
    bool too_large;
    bool too_many;              /* more fields than ROUTE_MAX_RAW_PARAMS */
    bool bad_body;
    struct timespec started;
} conn_state_t;

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
    db = db_open(g_config.db_url, &err);
    if (!db) {
        log_error("databasen kan inte öppnas: %s", err);
        free(err);
        return NULL;
    }
    pthread_setspecific(g_db_key, db);
    return db;
}

static enum MHD_Result on_post_data(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *filename, const char *content_type,
                                    const char *transfer_encoding, const char *data,
                                    uint64_t off, size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    conn_state_t *cs = cls;
    request_t *req = &cs->req;
    if (filename) {
        if (!req->upload.field) {
            if (!*filename)
                return MHD_YES; /* a file field left empty */
            req->upload.field = arena_strdup(&req->arena, key);
            req->upload.filename = arena_strdup(&req->arena, filename);
        }
        if (strcmp(req->upload.field, key) == 0)
            buf_append(&req->upload.data, data, size);
        return MHD_YES;
    }
    if (off == 0 || cs->nfields == 0 || strcmp(cs->fields[cs->nfields - 1].name, key) != 0) {
        if (cs->nfields >= ROUTE_MAX_RAW_PARAMS) {
            cs->too_many = true;
            return MHD_YES;
        }
        post_field_t *f = HEAP_PUSH(cs->fields, cs->nfields, cs->cap);
        f->name = xstrdup(key);
        f->value = (buf_t)BUF_INIT;
        buf_reserve(&f->value, 0);
        f->value.data[0] = '\0';
    }
    buf_append(&cs->fields[cs->nfields - 1].value, data, size);
    return MHD_YES;
}

/* The raw parameters of a request: the query string's and the body's, in order. */
typedef struct raw_list {
    raw_param_t *items;
    size_t n, cap;
    arena_t *arena;
    bool too_many;
} raw_list_t;

static void raw_add(raw_list_t *l, const char *name, const char *value)
{
    if (l->n >= ROUTE_MAX_RAW_PARAMS) {
        l->too_many = true;
        return;
    }
    raw_param_t *p = ARENA_PUSH(l->arena, l->items, l->n, l->cap);
    p->name = name;
    p->value = value;
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    raw_list_t *l = cls;
    if (key)
        raw_add(l, arena_strdup(l->arena, key), arena_strdup(l->arena, value ? value : ""));
    return MHD_YES;
}

/* A JSON body's members as raw parameters, as if they were form fields: text as it is,
 * numbers as written, true as "1", false and null as absent, a list as the same name
 * repeated (for checkbox-like parameters). Returns the member that cannot be a field, or
 * NULL when every one can. */
static const char *json_to_raw(raw_list_t *l, json_t *obj)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v) {
        size_t n = json_is_array(v) ? json_array_size(v) : 1;
        for (size_t i = 0; i < n; i++) {
            json_t *one = json_is_array(v) ? json_array_get(v, i) : v;
            const char *text = NULL;
            if (json_is_string(one))
                text = arena_strndup(l->arena, json_string_value(one), json_string_length(one));
            else if (json_is_integer(one))
                text = arena_printf(l->arena, "%lld", (long long)json_integer_value(one));
            else if (json_is_real(one))
                text = arena_printf(l->arena, "%.15g", json_real_value(one));
            else if (json_is_true(one))
                text = "1";
            else if (json_is_false(one) || json_is_null(one))
                continue;
            else
                return key;
            raw_add(l, arena_strdup(l->arena, key), text);
        }
    }
    return NULL;
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
static bool csrf_ok(request_t *req, const raw_list_t *raw)
{
    const char *sent = header(req, "X-CSRF-Token");
    for (size_t i = 0; i < raw->n && !sent; i++)
        if (strcmp(raw->items[i].name, "csrf") == 0)
            sent = raw->items[i].value;
    const char *expected = req->csrf;
    if (req->route->flags & ROUTE_NO_CSRF)
        expected = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, SESSION_PRE_COOKIE);
    return session_token_equal(sent, expected);
}

static void dispatch(conn_state_t *cs)
{
    request_t *req = &cs->req;
    if (cs->match == ROUTE_NOT_FOUND) {
        respond_error(req, 404, "Sidan finns inte.");
        return;
    }
    if (cs->match == ROUTE_BAD_METHOD) {
        req_add_header(req, "Allow", "GET, HEAD, POST");
        respond_error(req, 405, "Metoden är inte tillåten för den här adressen.");
        return;
    }
    if (cs->too_large) {
        respond_error(req, 413, "Filen eller formuläret är för stort.");
        return;
    }
    if (cs->too_many) {
        respond_error(req, 413, "Förfrågan har för många fält; högst 200 tas emot.");
        return;
    }
    if (cs->bad_body) {
        respond_error(req, 400, "Formulärdata kunde inte läsas.");
        return;
    }
    req->db = server_thread_db();
    if (!req->db) {
        respond_error(req, 503, "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.");
        return;
    }
    raw_list_t raw = {.arena = &req->arena};
    MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, collect_arg, &raw);
    for (size_t i = 0; i < cs->nfields; i++)
        raw_add(&raw, cs->fields[i].name, buf_cstr(&cs->fields[i].value));
    if (cs->is_json) {
        json_error_t jerr;
        json_t *body = json_loadb(cs->json.data ? cs->json.data : "", cs->json.len, JSON_REJECT_DUPLICATES, &jerr);
        bool object = json_is_object(body);
        const char *bad = object ? arena_strdup(&req->arena, json_to_raw(&raw, body)) : NULL;
        json_decref(body);
        if (!object || bad) {
            if (bad)
                req_add_error(req, bad,
                              arena_printf(&req->arena, "Fältet %s ska vara text, ett tal, true/false eller en lista.", bad));
            respond_error(req, 400, bad ? req->errors[0].message
                                        : arena_printf(&req->arena, "JSON-kroppen kunde inte läsas (rad %d, tecken %d): %s",
                                                       jerr.line, jerr.column, jerr.text));
            return;
        }
    }
    if (raw.too_many) {
        respond_error(req, 413, "Förfrågan har för många fält; högst 200 tas emot.");
        return;
    }

    const char *authz = header(req, "Authorization");
    if ((req->route->flags & ROUTE_API) && authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        if (!session_load_token(req, authz + 7)) {
            respond_error(req, 401, "Ogiltig eller återkallad API-nyckel.");
            return;
        }
    } else {
        session_load(req);
    }
    if (!(req->route->flags & ROUTE_PUBLIC)) {
        if (req->viewer.role == ROLE_NONE) {
            if (req_is_api(req)) {
                respond_error(req, 401, "Logga in eller ange en API-nyckel.");
            } else {
                buf_t loc = BUF_INIT;
                buf_puts(&loc, "/login?next=");
                html_url(&loc, req->path);
                respond_redirect(req, arena_strdup(&req->arena, buf_cstr(&loc)));
                buf_free(&loc);
            }
            return;
        }
        if (!access_may(&req->viewer, req->route->cap)) {
            respond_error(req, 403, "Du har inte behörighet till den här sidan.");
            return;
        }
    }
    if (strcmp(req->method, "POST") == 0 && !req->via_token && !csrf_ok(req, &raw)) {
        respond_error(req, 403, "Formuläret saknar en giltig säkerhetstoken. Ladda om sidan och försök igen.");
        return;
    }
    if (!routes_validate(req, req->route, raw.items, raw.n)) {
        respond_error(req, 404, "Sidan finns inte.");
        return;
    }
    if (req->nerrors && !(req->route->flags & ROUTE_FORM)) {
        respond_error_field(req, 400, req->errors[0].message, req->errors[0].field);
        return;
    }
    int status = req->route->handler(req);
    if (status <= 0)
        respond_error(req, 500, "Ett internt fel inträffade. Försök igen; kvarstår felet, kontakta supporten.");
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
    if (cs->match == ROUTE_FOUND && strcmp(method, "POST") == 0) {
        const char *clen = header(req, MHD_HTTP_HEADER_CONTENT_LENGTH);
        const char *ctype = header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (clen && strtoull(clen, NULL, 10) > g_config.upload_limit)
            cs->too_large = true;
        else if ((req->route->flags & ROUTE_API) && ctype && strncasecmp(ctype, "application/json", 16) == 0)
            cs->is_json = true;
        else
            cs->pp = MHD_create_post_processor(conn, 64 * 1024, on_post_data, cs);
    }
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
        return MHD_YES;
    }
    if (*upload_data_size) {
        cs->body_bytes += *upload_data_size;
        if (cs->body_bytes > g_config.upload_limit)
            cs->too_large = true;
        if (!cs->too_large && cs->is_json) {
            if (cs->body_bytes > 1024 * 1024)
                cs->too_large = true; /* a JSON write is a handful of fields */
            else
                buf_append(&cs->json, upload_data, *upload_data_size);
        } else if (!cs->too_large && cs->pp && MHD_post_process(cs->pp, upload_data, *upload_data_size) != MHD_YES) {
            cs->bad_body = true;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    dispatch(cs);
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
    if (cs->pp)
        MHD_destroy_post_processor(cs->pp);
    for (size_t i = 0; i < cs->nfields; i++) {
        free(cs->fields[i].name);
        buf_free(&cs->fields[i].value);
    }
    free(cs->fields);
    buf_free(&cs->json);
    buf_free(&cs->req.upload.data);
    buf_free(&cs->req.body);
    arena_free(&cs->req.arena);
    free(cs);
    *con_cls = NULL;
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

    /* Block the stop signals in every thread; the main thread waits for them below. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(g_config.port);
    if (inet_pton(AF_INET, g_config.host, &addr.sin_addr) != 1) {
        fprintf(stderr, "samverkan: ogiltig lyssningsadress %s\n", g_config.host);
        return 2;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, g_config.port, NULL, NULL,
        on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL, MHD_OPTION_THREAD_POOL_SIZE,
        g_config.threads, MHD_OPTION_SOCK_ADDR, &addr,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)256 * 1024,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "samverkan: kan inte lyssna på %s:%u (upptagen port?)\n", g_config.host, g_config.port);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = info ? info->port : g_config.port;
    printf("Samverkan lyssnar på http://%s:%u/ (%u trådar). Avsluta med Ctrl-C.\n", g_config.host, port,
           g_config.threads);
    fflush(stdout);

    int sig = 0;
    sigwait(&stop, &sig);
    log_info("signal %d: avslutar pågående förfrågningar och stänger", sig);
    MHD_quiesce_daemon(d);
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
