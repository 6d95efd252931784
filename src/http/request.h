/* request.h — one HTTP request as handlers see it: validated parameters, the viewer,
 * the thread's database connection, an arena, and the response being built. */
#ifndef SV_REQUEST_H
#define SV_REQUEST_H
#include "../base/arena.h"
#include "../base/buf.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct route;
struct MHD_Connection;

enum { REQ_MAX_PARAMS = 64, REQ_MAX_ERRORS = 16, REQ_MAX_HEADERS = 8, REQ_MAX_PATH_ARGS = 4 };

typedef struct req_param {
    const char *name;
    const char *value; /* validated and normalised; "" when absent */
    bool in_path;      /* taken from the path ({id}), not the query or the body */
} req_param_t;

typedef struct form_error {
    const char *field; /* the form field's name (for the link in the error summary) */
    const char *message;
} form_error_t;

/* The file of an upload form, written to an unnamed temporary file as it arrives, so
 * that a large file never sits in memory. */
typedef struct upload {
    const char *field;
    const char *filename;
    FILE *file;                 /* at its end while reading; rewind before use */
    size_t size;
} upload_t;

/* A value the request read once, for its other parts to use again (req_memo_get). */
typedef struct req_memo {
    const void *key;
    int64_t of;                 /* what it was read for (a case's id; 0 when one per request) */
    const void *value;
    size_t n;
    uint64_t epoch;             /* the connection's write epoch when it was read */
    struct req_memo *next;
} req_memo_t;

typedef struct request {
    struct MHD_Connection *conn;
    const struct route *route;
    const char *method;
    const char *path;
    const char *query;          /* the raw query string as the client sent it (for "next") */
    const char *client_addr;
    bool secure;                /* HTTPS seen by the client (TLS or a trusted proxy) */
    arena_t arena;
    db_t *db;

    /* Parameters as declared by the route, validated before the handler runs. */
    req_param_t params[REQ_MAX_PARAMS];
    size_t nparams;
    const char *path_args[REQ_MAX_PATH_ARGS];
    form_error_t errors[REQ_MAX_ERRORS];
    size_t nerrors;
    upload_t upload;            /* the one file field of an upload form */
    const char *stale_form;     /* a form whose save crossed another: its section shows the difference */

    /* Who asks. viewer.role is ROLE_NONE when nobody is logged in. */
    viewer_t viewer;
    const char *session_raw;    /* the session id from the cookie, if valid */
    const char *csrf;           /* the token forms must carry */
    bool via_token;             /* authenticated by a bearer token */
    bool must_change_password;  /* signed in with a temporary password: only the change is open */
    int wait_ms;                /* respond_later: how long the server holds the request */
    bool waited;                /* this is the handler's second run, after the wait */
    int64_t generation;         /* the data generation, once read (fragment_cache.h) */
    bool generation_read;
    const char *kept_key;       /* the name a kept answer has (page_cache.h), once made */
    req_memo_t *memo;           /* in the arena; emptied before each run of the handler */

    /* The response. */
    int status;
    buf_t body;
    const char *content_type;
    const char *headers[REQ_MAX_HEADERS][2];
    size_t nheaders;
    bool cacheable;             /* static assets; everything else is no-store */
} request_t;

typedef int (*handler_fn)(request_t *req);

/* The value of a declared parameter ("" if not sent). */
const char *req_param(const request_t *req, const char *name);
bool req_has_param(const request_t *req, const char *name);
long long req_param_int(const request_t *req, const char *name, long long dflt);
/* Adds a form error; handlers use it for checks that need the database. */
void req_add_error(request_t *req, const char *field, const char *message);
void req_add_header(request_t *req, const char *name, const char *value);
/* A header the client sent, or NULL. */
const char *req_header(const request_t *req, const char *name);
void req_set_cookie(request_t *req, const char *name, const char *value, int max_age);

/* What this request read earlier under key (the address of a static object of the module
 * that reads it) for of (a case's id, or 0), with its count in *n; NULL if it has not, or
 * if it has written anything since (db_write_epoch), so a value is never used after a
 * change it does not show. An empty list kept as NULL comes back as a non-NULL pointer to
 * nothing with *n 0, so it is not read again. */
const void *req_memo_get(const request_t *req, const void *key, int64_t of, size_t *n);
void req_memo_keep(request_t *req, const void *key, int64_t of, const void *value, size_t n);

/* Responses. Each returns the status so a handler can `return respond_…(…)`. */
int respond_html(request_t *req, int status);            /* req->body holds the page */
int respond_redirect(request_t *req, const char *location);
int respond_file(request_t *req, const char *content_type, const char *filename, buf_t *data);
/* The one error renderer: an HTML page, or {"error":{"code","message","field"}} for API
 * routes (field: the form or JSON field at fault, null when none). */
int respond_error(request_t *req, int status, const char *message);
int respond_error_field(request_t *req, int status, const char *message, const char *field);

/* Asks the server to run the handler again after ms milliseconds (with req->waited set),
 * without holding a worker meanwhile: a growing wait for password attempts. The handler
 * returns what this returns and must not have started a response. */
enum { RESPOND_LATER = 1000 };
int respond_later(request_t *req, int ms);

/* Whether the current request is for the JSON API. */
bool req_is_api(const request_t *req);

#endif
