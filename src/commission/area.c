/* area.c — the commission area plugs in: the university's documents on a case (routes,
 * audited actions, the case page's section). */
#include "parts.h"

static const case_part_t part = {.order = 72, .section = commission_case_section};
CASE_PART(part);

static const route_t *const routes[] = {commission_routes, commission_doc_routes, commission_api_routes, NULL};
static const audit_type_t audit_actions[] = {
    {"commission:create", "Påbörjade ett av lärosätets dokument"}, {"commission:save", "Sparade ett av lärosätets dokument"},
    {"commission:submit", "Lämnade in ett av lärosätets dokument"}, {"commission:accept", "Godkände ett av lärosätets dokument"},
    {"commission:return", "Skickade tillbaka ett av lärosätets dokument"}, {NULL, NULL},
};

static const area_t commission_area = {
    .name = "commission",
    .routes = routes,
    .audit_actions = audit_actions,
    .demo = commission_demo_steps,
};
AREA(commission_area);
