/* area.c — the capacity area plugs in: its routes, the administrator's page in the menu,
 * its audited actions and its part of a case. */
#include "parts.h"

static const case_part_t part = {.order = 39, .section = capacity_case_section};
CASE_PART(part);

static const route_t *const routes[] = {capacity_case_routes, capacity_admin_routes, capacity_api_routes, NULL};
static const nav_entry_t nav[] = {{96, "/admin/capacity", "Förbättringskapacitet", CAP_TEMPLATE_MANAGE},
                                  {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"capacity_aspect", "Kartläggningens aspekt"}, {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"capacity:answer", "Besvarade en aspekt i kartläggningen"}, {"capacity:history", "Skrev förbättringshistorien"},
    {"capacity:done", "Avslutade kartläggningen"},             {"capacity:aspect_add", "Lade till en aspekt"},
    {"capacity:aspect_edit", "Ändrade en aspekt"},             {"capacity:level", "Ändrade skalan"},
    {NULL, NULL},
};

static const area_t capacity_area = {
    .name = "capacity",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
};
AREA(capacity_area);
