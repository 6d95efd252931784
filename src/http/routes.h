/* routes.h — the route table's types: method, path, handler, who may call it and which
 * parameters it takes. Undeclared parameters never reach a handler; declared ones are
 * validated first. */
#ifndef SV_ROUTES_H
#define SV_ROUTES_H
#include "request.h"
#include "../access/access.h"

typedef enum param_type {
    P_TEXT,      /* one line of text */
    P_MULTILINE, /* text with line breaks */
    P_SEARCH,    /* free-text search, trimmed */
    P_INT,       /* whole number in [min, max] */
    P_ORGNR,     /* organisation number, normalised to ten digits */
    P_UNIT_CODE, /* 8-digit unit code or 6-digit preschool id */
    P_EMAIL,
    P_DATE,      /* YYYY-MM-DD */
    P_TIME,      /* HH:MM on a 24-hour clock */
    P_CHOICE,    /* one of choices */
    P_SECRET,    /* password or token: any text, never echoed back */
    P_FILE,      /* the upload (multipart) */
} param_type_t;

enum {
    PARAM_REQUIRED = 1,
    PARAM_PATH = 2, /* taken from a {name} path segment; invalid means 404 */
    PARAM_MULTI = 4, /* may be sent several times (checkboxes): each value checked, joined by ',' */
};

typedef struct param_spec {
    const char *name;
    param_type_t type;
    unsigned flags;
    const char *label;            /* Swedish field label for messages */
    long long min, max;           /* P_INT range; text: max length in characters (max) */
    const char *const *choices;   /* P_CHOICE, NULL-terminated */
} param_spec_t;

enum {
    ROUTE_PUBLIC = 1,     /* no login needed */
    ROUTE_API = 2,        /* JSON errors; bearer tokens accepted */
    ROUTE_FORM = 4,       /* validation errors go to the handler to re-render the form */
    ROUTE_NO_CSRF = 8,    /* a POST that carries its own protection (login: double submit) */
    ROUTE_UPLOAD = 16,    /* multipart with a file */
    ROUTE_NO_DB = 32,     /* needs no database (static assets): served while it is away */
    ROUTE_FIRST_PASSWORD = 64, /* open to a user who must first change a temporary password */
    /* A GET whose answer depends only on who asks, the day and data every change of which
     * moves the data generation (not sessions, tokens, mail or the audit trail): kept per
     * session until the data changes (page_cache.h). */
    ROUTE_KEPT = 128,
};

/* The most parameters (query and form fields together) a request may carry; more is
 * refused with 413, never cut. */
enum { ROUTE_MAX_RAW_PARAMS = 200 };

typedef struct route {
    const char *method;
    const char *pattern;  /* "/organisers/{orgnr}"; a {name} matches one segment */
    handler_fn handler;
    cap_t cap;            /* who may call (access.h); CAP_NONE for ROUTE_PUBLIC */
    unsigned flags;
    const param_spec_t *params; /* terminated by a spec with name NULL; may be NULL */
} route_t;

/* Parameters many routes share. */
extern const char *const routes_flag_choices[]; /* {"1", NULL}: a checkbox */
#define PARAM_END {NULL, 0, 0, NULL, 0, 0, NULL}
#define PARAM_ID {"id", P_INT, PARAM_PATH, "Nummer", 1, 1000000000, NULL}
#define PARAM_PAGE {"page", P_INT, 0, "Sida", 1, 100000, NULL}
#define PARAM_PER_PAGE(max) {"per_page", P_INT, 0, "Per sida", 1, (max), NULL}
#define PARAM_SAVED {"klart", P_INT, 0, "Klart", 0, 1, NULL} /* ?klart=1 after a saved change */
/* The version an edit was based on: every form and API write of an object that can be
 * edited twice carries it, so a save on top of a newer version is refused, not written. */
#define PARAM_VERSION {"version", P_INT, PARAM_REQUIRED, "Version", 1, 1000000000, NULL}

typedef struct raw_param {
    const char *name;
    const char *value;
} raw_param_t;

typedef enum route_match { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD } route_match_t;

/* Finds the route for method and path; fills path arguments into req->path_args. Where
 * several patterns match, the one with the fewest {parameters} wins ("/cases/new" before
 * "/cases/{id}"), so the order of the table does not matter. */
route_match_t routes_match(const route_t *table, const char *method, const char *path,
                           arena_t *a, const route_t **found, const char **path_args);
/* Validates the raw parameters against the route's declarations and fills req->params
 * (declared only, normalised) and req->errors. Returns false when a path parameter is
 * invalid (the caller answers 404). */
bool routes_validate(request_t *req, const route_t *route, const raw_param_t *raw, size_t nraw);
/* Validates one value; returns NULL when acceptable (normalised into *out), else a message. */
const char *routes_check_value(arena_t *a, const param_spec_t *spec, const char *value, const char **out);

#endif
