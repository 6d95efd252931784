/* area.c — the agreements area plugs in: its routes, its audited objects, its part of a
 * case (the ÖK1 and ÖK2 signatures the phase rules look at, the section on the case
 * page) and its demo steps. */
#include "parts.h"
#include "../deadlines/deadlines.h"
#include <stdio.h>
#include <string.h>

static void facts(db_t *db, const case_row_t *c, case_facts_t *f)
{
    unsigned kinds = agreements_signed_kinds(db, c->id);
    f->ok1_signed = (kinds & 1u << AGR_OK1) != 0;
    f->ok2_signed = (kinds & 1u << AGR_OK2) != 0;
}

static const case_part_t part = {.order = 20, .facts = facts, .section = agreements_case_section};
CASE_PART(part);

static const route_t *const routes[] = {agreements_page_routes, agreements_api_routes, agreements_texts_routes, NULL};
static const nav_entry_t nav[] = {{93, "/admin/agreement-texts", "Standardtexter", CAP_ADMIN},
                                  {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"agreement", "Överenskommelse"},
                                           {"agreement_texts", "Standardtexter för överenskommelser"},
                                           {NULL, NULL}};
static const demo_step_t demo[] = {{50, agreements_demo}, {55, agreements_demo_scale}, {0, NULL}};

static const audit_type_t audit_actions[] = {
    {"agreement:create", "Upprättade överenskommelsen"},
    {"agreement:save", "Sparade en ny version"},
    {"agreement:send", "Skickade överenskommelsen för underskrift"},
    {"agreement:approve", "Godkände överenskommelsen"},
    {"agreement:close", "Avslutade överenskommelsen"},
    {"agreement-texts:save", "Sparade nya standardtexter"},
    {NULL, NULL},
};

static const area_t agreements_area = {
    .name = "agreements",
    .audit_actions = audit_actions,
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .demo = demo,
};
AREA(agreements_area);

/* The end of each agreement's period, for the supporters (reminded before, never late). */
static size_t due_items(db_t *db, const case_row_t *c, arena_t *a, due_item_t *out, size_t max)
{
    agreement_t *g;
    size_t n = agreements_of_case(db, NULL, c, a, &g), k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        if (g[i].state != AGS_FOR_SIGNATURE && g[i].state != AGS_SIGNED)
            continue;
        agreement_content_t content;
        if (!agreements_content(db, NULL, &g[i], 0, a, &content, NULL, NULL) || !*content.period_to)
            continue;
        due_item_t *d = &out[k++];
        memset(d, 0, sizeof *d);
        d->key = arena_printf(a, "agreement:%lld", (long long)g[i].id);
        d->label = arena_printf(a, "%s %s: perioden slutar", agreement_kind_label(g[i].kind), g[i].registry_number);
        snprintf(d->date, sizeof d->date, "%.10s", content.period_to);
        d->for_supporters = true;
    }
    return k;
}

static size_t due_items_in_reach(db_t *db, const viewer_t *v, arena_t *a, due_item_t **out)
{
    agreement_period_t *p;
    size_t n = agreements_periods_in_reach(db, v, a, &p);
    *out = arena_alloc(a, (n ? n : 1) * sizeof **out);
    for (size_t i = 0; i < n; i++) {
        due_item_t *d = &(*out)[i];
        memset(d, 0, sizeof *d);
        d->case_id = p[i].case_id;
        d->key = arena_printf(a, "agreement:%lld", (long long)p[i].id);
        d->label = arena_printf(a, "%s %s: perioden slutar", agreement_kind_label(p[i].kind), p[i].registry_number);
        snprintf(d->date, sizeof d->date, "%.10s", p[i].period_to);
        d->for_supporters = true;
    }
    return n;
}

static const due_source_t due = {due_items, due_items_in_reach};
DUE_SOURCE(due);
