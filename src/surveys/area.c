/* area.c — the surveys area plugs in: the questionnaires' routes, the menu entry and the
 * audited actions. */
#include "parts.h"

static const route_t *const routes[] = {surveys_routes, surveys_answer_routes, surveys_result_routes,
                                        surveys_api_routes, NULL};
static const nav_entry_t nav[] = {{59, "/surveys", "Enkäter", CAP_SURVEY_RESULTS}, {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"survey", "Enkät"}, {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"survey:create", "Skapade en enkät"}, {"survey:open", "Öppnade en enkät för svar"}, {"survey:close", "Stängde en enkät"},
    {"survey:invite", "Bjöd in till en enkät"}, {"survey:remind", "Påminde om en enkät"}, {"survey:section", "Lade till ett avsnitt i en enkät"},
    {"survey:question", "Lade en fråga i frågebanken"}, {"survey:item", "Lade en fråga i en enkät"},
    {NULL, NULL},
};

static const area_t surveys_area = {
    .name = "surveys",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
    .demo = surveys_demo_steps,
};
AREA(surveys_area);
