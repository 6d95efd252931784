/* area.h — how a part of the program (an area: register, selection, cases, …) plugs in.
 * Each area defines one descriptor in its own folder and adds it with AREA(); the route
 * table, the navigation, the audit log's object types, the start page, the demo data,
 * the background jobs and the API description are built from the descriptors, so adding
 * an area edits no central list. */
#ifndef SV_APP_AREA_H
#define SV_APP_AREA_H
#include "../access/access.h"
#include "../base/arena.h"
#include "../base/plugin.h"
#include "../db/db.h"
#include "../http/layout.h"
#include "../http/routes.h"
#include <stdio.h>

typedef struct audit_type {
    const char *key;   /* the object_type the area's store audits under ("case") */
    const char *label; /* Swedish, for the audit page's filter ("Ärende") */
} audit_type_t;

/* A part of the start page; each decides from the viewer's capabilities whether it shows. */
typedef struct start_section {
    int order;         /* lower first; unique, it names the section's fragments */
    void (*render)(request_t *req);
    /* Kept in the fragment cache per viewer and day until the data changes: only for a
     * section that shows no form (a CSRF token is the session's, not the viewer's). */
    bool cached;
} start_section_t;

/* What the demo steps share: where to write, the register files, the demo password, and
 * for a national-scale demo the number of cases. */
typedef struct demo {
    db_t *db;
    FILE *out;
    const char *data_dir;  /* NULL: the built-in examples */
    const char *password;
    int scale;             /* 0: the ordinary demo; n: n more cases for measuring */
    int64_t scale_first_case; /* the first case the scale step made (later steps fill it) */
    arena_t *arena;
} demo_t;

/* A demo step's viewers: the command line (an administrator) or one of the demo's
 * own users, looked up by e-mail. */
viewer_t demo_viewer(demo_t *d, const char *email);

typedef struct demo_step {
    int order;             /* areas that others build on go first */
    void (*run)(demo_t *d);
} demo_step_t;

/* Background work the server does every round (and `samverkan remind` once). */
typedef struct tick {
    db_t *db;
    const char *today;     /* 'YYYY-MM-DD' */
    int remind_days;       /* how far ahead reminders look */
} tick_t;

typedef struct area {
    const char *name;                  /* its folder: "cases" */
    const route_t *const *routes;      /* its route tables (each ending in a route with method
                                          NULL), the list ending in NULL; tables sit beside
                                          their handlers, in the pages and API files */
    const nav_entry_t *nav;            /* terminated by label NULL; may be NULL */
    const audit_type_t *audit_types;   /* terminated by key NULL; may be NULL */
    const audit_type_t *audit_actions; /* the actions it audits, in words ("case:phase" →
                                          "Flyttade ärendet"); terminated by key NULL */
    const start_section_t *start;      /* terminated by render NULL; may be NULL */
    const demo_step_t *demo;           /* terminated by run NULL; may be NULL */
    void (*tick)(const tick_t *t);     /* may be NULL */
} area_t;

#define AREA(descriptor) PLUGIN_ADD(areas, descriptor)

/* The areas, in name order (for listings). */
size_t areas_all(const area_t *const **out);
/* Every area's routes in one table (terminated as route tables are); built once. */
const route_t *areas_routes(void);
/* Every area's navigation entries in order; *n receives their number. */
const nav_entry_t *areas_nav(size_t *n);
/* Every area's audit object types; NULL-terminated choice keys for the filter. */
const audit_type_t *areas_audit_types(size_t *n);
const char *const *areas_audit_type_keys(void);
const char *areas_audit_type_label(const char *key);
/* An audited action in words, from the area that audits it; the key itself when none says. */
const char *areas_audit_action_label(const char *key);
/* Renders every start section the areas have, in order. */
void areas_start_page(request_t *req);
/* Runs every demo step in order. */
void areas_demo(demo_t *d);
/* Runs every area's background work once. */
void areas_tick(const tick_t *t);

#endif
