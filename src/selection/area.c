/* area.c — selection plugs in: rounds, rankings, criteria, offers and their API, the
 * offer and the shortcuts on the start page, a unit's place in the rounds on its page
 * (unit_section.c), and the demo's selection year. */
#include "parts.h"
#include "rounds.h"

static const route_t *const routes[] = {selection_round_routes, selection_ranking_routes, selection_criteria_routes,
                                        selection_offer_routes, selection_api_routes, NULL};
static const nav_entry_t nav[] = {
    {60, "/rounds", "Urval", CAP_ROUND_MANAGE},
    {61, "/offers", "Erbjudanden", CAP_OFFER_ANSWER},
    {0, NULL, NULL, CAP_NONE},
};
static const audit_type_t audit_types[] = {
    {"criteria_set", "Kriterieuppsättning"},
    {"selection_round", "Urvalsomgång"},
    {"offer", "Erbjudande"},
    {NULL, NULL},
};
static const demo_step_t demo[] = {{30, selection_demo}, {0, NULL}};

/* Offers not answered: reminders before and after their last day. */
static void tick(const tick_t *t)
{
    offers_queue_reminders(t->db, t->today, t->remind_days);
}

static const audit_type_t audit_actions[] = {
    {"criteria:create", "Sparade kriterier"},
    {"round:create", "Skapade urvalsomgången"},
    {"round:freeze", "Frös underlaget"},
    {"round:choose", "Valde en enhet"},
    {"round:unchoose", "Tog bort ett val"},
    {"round:decide", "Fattade beslut"},
    {"round:supplement", "Fattade ett tilläggsbeslut"},
    {"offer:accept", "Tackade ja till erbjudandet"},
    {"offer:decline", "Tackade nej till erbjudandet"},
    {NULL, NULL},
};

static const area_t selection_area = {
    .name = "selection",
    .audit_actions = audit_actions,
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .start = selection_start_sections,
    .demo = demo,
    .tick = tick,
};
AREA(selection_area);
