/* area.c — the meetings area plugs in: its routes, its audited objects, its part of a
 * case (the section of groups and meetings, the meetings in the timeline), its start
 * sections and its demo step. */
#include "parts.h"
#include "../deadlines/deadlines.h"
#include <stdio.h>
#include <string.h>

static void action_item(arena_t *a, const meeting_action_t *x, due_item_t *d)
{
    memset(d, 0, sizeof *d);
    d->key = arena_printf(a, "action:%lld", (long long)x->id);
    d->label = arena_printf(a, "Åtgärd: %s (%s)", x->text, x->owner);
    snprintf(d->date, sizeof d->date, "%.10s", x->due_date);
    d->for_supporters = d->for_organiser = true;
    d->reminds = true;
}

/* Actions from meetings with a date to be done by: due for both sides, late when past. */
static size_t due_items(db_t *db, const case_row_t *c, arena_t *a, due_item_t *out, size_t max)
{
    meeting_action_t *x;
    size_t n = meetings_open_actions_due(db, c, a, &x), k = 0;
    for (size_t i = 0; i < n && k < max; i++)
        action_item(a, &x[i], &out[k++]);
    return k;
}

static size_t due_items_in_reach(db_t *db, const viewer_t *v, arena_t *a, due_item_t **out)
{
    meeting_action_t *x;
    size_t n = meetings_open_actions_due_in_reach(db, v, a, &x);
    *out = arena_alloc(a, (n ? n : 1) * sizeof **out);
    for (size_t i = 0; i < n; i++) {
        action_item(a, &x[i], &(*out)[i]);
        (*out)[i].case_id = x[i].case_id;
    }
    return n;
}

static const due_source_t due = {due_items, due_items_in_reach};
DUE_SOURCE(due);

static const case_part_t part = {.order = 50, .section = meetings_case_section, .timeline = meetings_timeline};
CASE_PART(part);

static const route_t *const routes[] = {meetings_page_routes, meetings_api_routes, meetings_calendar_routes, NULL};
static const audit_type_t audit_types[] = {{"analysis_group", "Analysgrupp"}, {"meeting", "Möte"}, {NULL, NULL}};
static const demo_step_t demo[] = {{47, meetings_demo_scale}, {0, NULL}};

static const audit_type_t audit_actions[] = {
    {"group:create", "Bildade analysgruppen"},
    {"group:member", "Lade till en medlem"},
    {"meeting:record", "Förde anteckningar från mötet"},
    {"meeting:action", "Lade till en åtgärd"},
    {NULL, NULL},
};

static const area_t meetings_area = {
    .name = "meetings",
    .audit_actions = audit_actions,
    .routes = routes,
    .audit_types = audit_types,
    .start = meetings_start_sections,
    .demo = demo,
};
AREA(meetings_area);
