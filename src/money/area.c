/* area.c — the money area plugs in: its routes, the menu entry, the audited actions, the
 * case page's money, finance's start page, the demo's money and the claims' reminders. */
#include "parts.h"

static const case_part_t part = {.order = 22, .section = money_case_section};
CASE_PART(part);

static void tick(const tick_t *t)
{
    money_claim_reminders(t->db, t->today, t->remind_days);
}

static const route_t *const routes[] = {money_grant_routes, money_list_routes, money_ledger_routes, money_api_routes,
                                        NULL};
static const nav_entry_t nav[] = {{52, "/grants", "Medel", CAP_MONEY_ALL}, {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"grant", "Bidrag"}, {"ledger", "Kostnadsredovisning"}, {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"money:grant", "Registrerade beviljade medel"},      {"money:grant_edit", "Ändrade anslag eller förordning"},      {"money:line", "Lade till en rad i ett bidrag"},
    {"money:payout", "Registrerade en utbetalning"},      {"money:approve", "Godkände en utbetalning"},
    {"money:use", "Förde in använda medel"},              {"money:claim", "Beslutade om återbetalning eller återkrav"},
    {"money:settle", "Reglerade ett krav"},               {"money:mapping", "Kopplade ett konto till ett kostnadsslag"},
    {"money:mapping_remove", "Tog bort en kontokoppling"}, {"money:import", "Läste in kostnader"},
    {"money:forecast", "Satte en prognos"},               {NULL, NULL},
};

static const area_t money_area = {
    .name = "money",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
    .start = money_start_sections,
    .demo = money_demo_steps,
    .tick = tick,
};
AREA(money_area);
