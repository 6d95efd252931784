/* area.c — the analyses area plugs in: its routes, the templates in the administrator's
 * menu, its audited objects and actions, its part of a case (the analyses section, and
 * the fact the move to Åtgärdsplan looks at) and its demo step. */
#include "parts.h"
#include <stdio.h>

static void facts(db_t *db, const case_row_t *c, case_facts_t *f)
{
    arena_t a = ARENA_INIT;
    const char *missing;
    f->analysis_done = analyses_case_done(db, c, &a, &missing);
    if (!f->analysis_done)
        snprintf(f->analysis_missing, sizeof f->analysis_missing, "godkänd nulägesanalys saknas för %s", missing);
    arena_free(&a);
}

static const case_part_t part = {.order = 35, .facts = facts, .section = analyses_case_section};
CASE_PART(part);

static const route_t *const routes[] = {analyses_page_routes,     analyses_problem_routes, analyses_document_routes,
                                        analyses_version_routes, analyses_template_routes, analyses_api_routes, NULL};
static const nav_entry_t nav[] = {{94, "/admin/analysis-templates", "Analysmallar", CAP_TEMPLATE_MANAGE},
                                  {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"analysis", "Nulägesanalys"}, {"analysis_heading", "Rubrik i analysmall"},
                                           {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"analysis:start", "Påbörjade nulägesanalysen"},
    {"analysis:section", "Skrev i nulägesanalysen"},
    {"analysis:problem", "Beskrev ett problem"},
    {"analysis:problem_edit", "Ändrade ett problem"},
    {"analysis:problem_remove", "Tog bort ett problem"},
    {"analysis:cause", "Angav en orsak"},
    {"analysis:cause_remove", "Tog bort en orsak"},
    {"analysis:comment", "Kommenterade nulägesanalysen"},
    {"analysis:submit", "Skickade nulägesanalysen för godkännande"},
    {"analysis:approve", "Godkände nulägesanalysen"},
    {"analysis:return", "Skickade tillbaka nulägesanalysen"},
    {"analysis:reopen", "Öppnade nulägesanalysen för en ny version"},
    {"analysis:document", "Laddade upp ett underlag"},
    {"template:add", "Lade till en rubrik i en analysmall"},
    {"template:edit", "Ändrade en rubrik i en analysmall"},
    {NULL, NULL},
};
static const demo_step_t demo[] = {{60, analyses_demo}, {0, NULL}};

static const area_t analyses_area = {
    .name = "analyses",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
    .demo = demo,
    .start = analyses_start_sections,
};
AREA(analyses_area);
