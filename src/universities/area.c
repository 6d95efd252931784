/* area.c — the universities area plugs in: the register's pages, the universities on a
 * case's page, its audited objects and actions. */
#include "parts.h"

static const case_part_t part = {.order = 70, .section = universities_case_section};
CASE_PART(part);

static const route_t *const routes[] = {universities_page_routes, universities_case_routes, NULL};
static const nav_entry_t nav[] = {{55, "/universities", "Lärosäten", CAP_UNIVERSITY_REGISTER},
                                  {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"university", "Lärosäte"}, {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"university:add", "Lade till ett lärosäte i registret"},
    {"university:edit", "Ändrade ett lärosäte i registret"},
    {"university:case_add", "Lade till ett lärosäte i ärendet"},
    {"university:case_remove", "Tog bort ett lärosäte från ärendet"},
    {NULL, NULL},
};

static const area_t universities_area = {
    .name = "universities",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
};
AREA(universities_area);
