/* area.c — the follow-up area plugs in: its routes, its audited actions, its part of a
 * case (the indicators and where each stands) and of the agency's start page. */
#include "parts.h"

static const case_part_t part = {.order = 38, .section = followup_case_section};
CASE_PART(part);

static const route_t *const routes[] = {followup_page_routes, followup_case_routes, followup_api_routes, NULL};
static const audit_type_t audit_types[] = {{"indicator", "Indikator"}, {NULL, NULL}};
static const audit_type_t audit_actions[] = {{"followup:reading", "Förde in en avläsning"},
                                             {"followup:import", "Läste in avläsningar från en fil"},
                                             {NULL, NULL}};

static const area_t followup_area = {
    .name = "followup",
    .routes = routes,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
    .start = followup_start_sections,
    .demo = followup_demo_steps,
};
AREA(followup_area);
