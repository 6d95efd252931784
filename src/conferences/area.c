/* area.c — the conferences area plugs in: its routes (the personal links among them), the
 * menu entry, the audited actions, and the daily forgetting of personal data. */
#include "parts.h"

static void tick(const tick_t *t)
{
    conferences_forget(t->db, t->today);
}

static const route_t *const routes[] = {conferences_routes, conferences_public_routes, conferences_api_routes, NULL};
static const nav_entry_t nav[] = {{58, "/conferences", "Konferenser", CAP_CONFERENCE_READ}, {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"conference", "Konferens"}, {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"conference:create", "Skapade en konferens"},   {"conference:invite", "Bjöd in till en konferens"},
    {"conference:register", "Anmälde sig till en konferens"}, {"conference:cancel", "Avanmälde sig från en konferens"},
    {"conference:attendance", "Förde närvaro vid en konferens"},
    {"conference:evaluation", "Skickade utvärderingen av en konferens"}, {NULL, NULL},
};

static const area_t conferences_area = {
    .name = "conferences",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
    .tick = tick,
    .demo = conferences_demo_steps,
};
AREA(conferences_area);
