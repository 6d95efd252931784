/* area.c — the cases area plugs in: its routes, menu entry, audited objects, start page
 * sections and demo steps. */
#include "parts.h"

static const route_t *const routes[] = {cases_page_routes, cases_api_routes, cases_contact_routes, NULL};
static const nav_entry_t nav[] = {{50, "/cases", "Ärenden", CAP_CASE_PAGE}, {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"case", "Ärende"}, {NULL, NULL}};
static const demo_step_t demo[] = {{40, cases_demo}, {45, cases_demo_scale}, {0, NULL}};

static const audit_type_t audit_actions[] = {
    {"case:start", "Startade ärendet"},
    {"case:phase", "Flyttade ärendet till en ny fas"},
    {"case:supporter", "Tilldelade en processtödjare"},
    {"case:contact", "Lade till en kontaktperson"},
    {"case:contact_edit", "Ändrade en kontaktperson"},
    {"case:remove_person", "Tog bort en person från ärendet"},
    {"case:university", "Ändrade lärosätet"},
    {"case:support", "Registrerade Skolverkets beslut om stöd"},
    {"case:comment", "Kommenterade en redovisning eller en rapport"},
    {NULL, NULL},
};

static const area_t cases_area = {
    .name = "cases",
    .audit_actions = audit_actions,
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .start = cases_start_sections,
    .demo = demo,
};
AREA(cases_area);
