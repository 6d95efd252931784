/* parts.h — what the register's files share among themselves (not for other areas; they
 * use register.h): page helpers, the route tables and the start sections area.c plugs in. */
#ifndef SV_REGISTER_PARTS_H
#define SV_REGISTER_PARTS_H
#include "../app/area.h"
#include "register.h"
#include "../http/layout.h"
#include "../io/export.h"

enum { REGISTER_PER_PAGE = 50 };

/* The list filter from the request's declared parameters. */
reg_filter_t register_filter_from(request_t *req, long long per_page);
/* "q=…&kind=…&" (URL-encoded, for links that keep the filter). */
const char *register_filter_query(request_t *req, const reg_filter_t *f);
/* An organiser the viewer may see, its units and their latest statistics. */
typedef struct organiser_view {
    reg_organiser_t *org;
    reg_unit_t *units;
    size_t nunits;
    reg_stat_t *stats;
    size_t nstats;
} organiser_view_t;
/* Loads the organiser named by the path's orgnr; false (and a 404 page) if out of reach. */
bool register_load_organiser_view(request_t *req, organiser_view_t *v);

/* The statistic's value as export text or number. */
void register_stat_export(const reg_stat_t *s, export_cell_t *cell);

extern const route_t register_page_routes[];   /* pages.c */
extern const route_t register_export_routes[]; /* exports.c */
extern const route_t register_import_routes[]; /* import_pages.c */
extern const route_t register_api_routes[];    /* api.c */
extern const start_section_t register_start_sections[]; /* start.c */
void register_demo(demo_t *d);                 /* demo.c */

/* The list filter's parameters (pages, exports, API). */
#define REGISTER_FILTER_PARAMS \
    {"q", P_SEARCH, 0, "Sök", 0, 100, NULL}, \
    {"kind", P_CHOICE, 0, "Typ av huvudman", 0, 0, register_kind_keys}, \
    {"county", P_TEXT, 0, "Län", 0, 2, NULL}, \
    {"form", P_CHOICE, 0, "Skolform", 0, 0, register_form_keys}, \
    PARAM_PAGE

#endif
