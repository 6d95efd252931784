/* area.c — the register plugs in: organisers and units, their exports and API, imports,
 * its start sections and the demo's register. */
#include "parts.h"

static const route_t *const routes[] = {register_page_routes, register_export_routes, register_import_routes,
                                        register_api_routes, NULL};
static const nav_entry_t nav[] = {
    {20, "/organisers", "Huvudmän", CAP_REGISTER_LIST},
    {21, "/organisers", "Min huvudman", CAP_REGISTER_OWN},
    {30, "/units", "Enheter", CAP_REGISTER_READ},
    {80, "/import", "Import", CAP_IMPORT},
    {0, NULL, NULL, CAP_NONE},
};
static const audit_type_t audit_types[] = {
    {"organiser", "Huvudman"},
    {"unit", "Enhet"},
    {"municipality", "Kommun"},
    {"inspection_decision", "Skolinspektionens beslut"},
    {"preschool_inspection", "Beslut om förskola"},
    {NULL, NULL},
};
static const demo_step_t demo[] = {{10, register_demo}, {0, NULL}};

static const audit_type_t audit_actions[] = {
    {"import:add", "Lade till genom import"},
    {"import:change", "Ändrade genom import"},
    {NULL, NULL},
};

static const area_t register_area = {
    .name = "register",
    .audit_actions = audit_actions,
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .start = register_start_sections,
    .demo = demo,
};
AREA(register_area);
