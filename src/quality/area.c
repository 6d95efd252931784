/* area.c — the quality area plugs in: its routes and menu entries, its audited objects,
 * its demo step, and the annual cycle's occurrences as due items of every case of the
 * organiser (reminded like the reports; marked done on the case's due list). */
#include "parts.h"
#include "../deadlines/deadlines.h"
#include <stdio.h>
#include <string.h>

enum { YEARS = 8 };

static size_t occurrences(arena_t *a, const wheel_activity_t *w, int64_t case_id, const char *start, const char *end,
                          due_item_t *out, size_t max)
{
    char dates[YEARS][11];
    size_t n = quality_wheel_dates(w, start, end, dates, YEARS), k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        due_item_t *d = &out[k++];
        memset(d, 0, sizeof *d);
        d->case_id = case_id;
        d->key = arena_printf(a, "wheel:%lld:%.4s", (long long)w->id, dates[i]);
        d->label = arena_printf(a, "Årshjul: %s", w->name);
        memcpy(d->date, dates[i], 11);
        d->for_organiser = true;
        d->report = true; /* marked done like a report, on the due list */
        d->reminds = true;
    }
    return k;
}

static size_t due_items(db_t *db, const case_row_t *c, arena_t *a, due_item_t *out, size_t max)
{
    wheel_activity_t *w;
    size_t n = quality_wheel(db, c->organiser_id, a, &w), k = 0;
    const char *start = *c->start_date ? c->start_date : c->decision_date;
    for (size_t i = 0; i < n && k < max; i++)
        k += occurrences(a, &w[i], c->id, start, c->planned_end, out + k, max - k);
    return k;
}

static size_t due_items_in_reach(db_t *db, const viewer_t *v, arena_t *a, due_item_t **out)
{
    wheel_in_case_t *w;
    size_t n = quality_wheel_in_reach(db, v, a, &w), k = 0;
    *out = arena_alloc(a, (n * YEARS + 1) * sizeof **out);
    for (size_t i = 0; i < n; i++)
        k += occurrences(a, &w[i].w, w[i].case_id, w[i].start, w[i].end, *out + k, YEARS);
    return k;
}

static const due_source_t due = {due_items, due_items_in_reach};
DUE_SOURCE(due);

static void section(request_t *req, const case_row_t *c)
{
    if (!access_may(&req->viewer, CAP_PLAN_READ))
        return;
    wheel_activity_t *w;
    size_t n = quality_wheel(req->db, c->organiser_id, &req->arena, &w);
    html_printf(&req->body, "<h2 id=\"arshjul\">Årshjul</h2><p>%zu återkommande aktiviteter i huvudmannens "
                            "kvalitetsarbete. <a href=\"/cases/%lld/yearwheel\">Årshjulet</a></p>", n, (long long)c->id);
}

static const case_part_t part = {.order = 42, .section = section};
CASE_PART(part);

static const demo_step_t demo[] = {{66, quality_demo}, {0, NULL}};

static const route_t *const routes[] = {quality_routes, quality_api_routes, NULL};
static const nav_entry_t nav[] = {{97, "/admin/quality", "Kvalitetssystemet", CAP_TEMPLATE_MANAGE},
                                  {0, NULL, NULL, CAP_NONE}};
static const audit_type_t audit_types[] = {{"quality_item", "Kvalitetssystemets katalog"}, {NULL, NULL}};
static const audit_type_t audit_actions[] = {
    {"quality:add", "Lade till i kvalitetssystemets katalog"}, {"quality:edit", "Ändrade i kvalitetssystemets katalog"},
    {"quality:wheel_add", "Lade till en aktivitet i årshjulet"}, {"quality:wheel_remove", "Tog bort en aktivitet ur årshjulet"},
    {NULL, NULL},
};

static const area_t quality_area = {
    .name = "quality",
    .routes = routes,
    .nav = nav,
    .audit_types = audit_types,
    .audit_actions = audit_actions,
    .demo = demo,
};
AREA(quality_area);
