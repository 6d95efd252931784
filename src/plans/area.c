/* area.c — the plans area plugs in: its routes, the administrator's lists, its audited
 * objects and actions, its part of a case (the plans section, and the fact the move to
 * ÖK2 looks at) and its demo step. */
#include "parts.h"
#include <stdio.h>

static void facts(db_t *db, const case_row_t *c, case_facts_t *f)
{
    arena_t a = ARENA_INIT;
    const char *missing;
    f->plan_done = plans_case_done(db, c, &a, &missing);
    if (!f->plan_done)
        snprintf(f->plan_missing, sizeof f->plan_missing, "%s", missing);
    arena_free(&a);
}

static const case_part_t part = {.order = 36, .facts = facts, .section = plans_case_section};
CASE_PART(part);

static const route_t *const routes[] = {plans_page_routes, plans_intervention_routes, plans_trace_routes,
                                        plans_list_routes, plans_version_routes,     plans_api_routes, NULL};
static const nav_entry_t nav[] = {{95, "/admin/plan-lists", "Listor för planer", CAP_TEMPLATE_MANAGE},
                                  {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"plan", "Åtgärdsplan"}, {"plan_list", "Lista för åtgärdsplaner"},
                                           {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"plan:start", "Påbörjade åtgärdsplanen"},
    {"plan:intervention", "Lade till en insats"},
    {"plan:intervention_edit", "Ändrade en insats"},
    {"plan:intervention_remove", "Tog bort en insats"},
    {"plan:indicator", "Lade till en indikator"},
    {"plan:indicator_remove", "Tog bort en indikator"},
    {"plan:unanswered", "Motiverade ett obesvarat problem"},
    {"plan:submit", "Skickade åtgärdsplanen för godkännande"},
    {"plan:approve", "Godkände åtgärdsplanen"},
    {"plan:return", "Skickade tillbaka åtgärdsplanen"},
    {"plan:reopen", "Öppnade åtgärdsplanen för en ny version"},
    {"plan:funding", "Beslutade om finansiering av en insats"},
    {"plan:area_add", "Lade till ett utvecklingsområde"},
    {"plan:area_edit", "Ändrade ett utvecklingsområde"},
    {"plan:programme_add", "Lade till ett nationellt program"},
    {"plan:programme_edit", "Ändrade ett nationellt program"},
    {NULL, NULL},
};
static const demo_step_t demo[] = {{62, plans_demo}, {0, NULL}};

static const area_t plans_area = {
    .name = "plans",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
    .demo = demo,
};
AREA(plans_area);
