/* area.c — the reports area plugs in: its routes, its audited actions, and its fact of a
 * case (an accepted final report, which the move to Avslutad needs). */
#include "parts.h"

static void facts(db_t *db, const case_row_t *c, case_facts_t *f)
{
    if (reports_final_accepted(db, c->id))
        f->final_report = true;
}

static const case_part_t part = {.order = 41, .facts = facts};
CASE_PART(part);

static const route_t *const routes[] = {reports_routes, reports_history_routes, reports_api_routes, NULL};
static const audit_type_t audit_actions[] = {
    {"report:save", "Sparade redovisningens texter"}, {"report:intervention", "Redovisade en insats"},
    {"report:submit", "Lämnade in en redovisning"},   {"report:accept", "Godkände en redovisning"},
    {"report:return", "Skickade tillbaka en redovisning"}, {NULL, NULL},
};

static const area_t reports_area = {
    .name = "reports",
    .routes = routes,
    .audit_actions = audit_actions,
};
AREA(reports_area);
