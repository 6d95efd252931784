/* pages_common.h — helpers shared by the register's pages and exports (internal). */
#ifndef SV_REGISTER_PAGES_COMMON_H
#define SV_REGISTER_PAGES_COMMON_H
#include "register.h"
#include "../html/layout.h"
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

/* Writes a statistic's value for a table cell (flags in words). */
void register_stat_cell(buf_t *o, const reg_stat_t *s);
/* The statistic's value as export text or number. */
void register_stat_export(const reg_stat_t *s, export_cell_t *cell);

#endif
