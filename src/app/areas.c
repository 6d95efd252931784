/* areas.c — the central tables, built from the areas' descriptors (area.h) once, on first
 * use, and read-only after that. */
#include "area.h"
#include "../base/alloc.h"
#include "../base/vec.h"
#include "../http/fragment_cache.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

PLUGIN_SET(areas);

static struct {
    pthread_once_t once;
    const area_t **areas;
    size_t nareas;
    route_t *routes;
    nav_entry_t *nav;
    size_t nnav;
    audit_type_t *audit;
    size_t naudit;
    const char **audit_keys;
    const start_section_t **start;
    size_t nstart;
    const demo_step_t **demo;
    size_t ndemo;
} reg = {.once = PTHREAD_ONCE_INIT};

static int by_name(const void *x, const void *y)
{
    return strcmp((*(const area_t *const *)x)->name, (*(const area_t *const *)y)->name);
}

static int nav_order(const void *x, const void *y)
{
    const nav_entry_t *a = x, *b = y;
    return (a->order > b->order) - (a->order < b->order);
}

static int start_order(const void *x, const void *y)
{
    const start_section_t *a = *(const start_section_t *const *)x, *b = *(const start_section_t *const *)y;
    return (a->order > b->order) - (a->order < b->order);
}

static int demo_order(const void *x, const void *y)
{
    const demo_step_t *a = *(const demo_step_t *const *)x, *b = *(const demo_step_t *const *)y;
    return (a->order > b->order) - (a->order < b->order);
}

/* The tables live as long as the program: built once, never freed. */
static void build(void)
{
    size_t cap = 0, ncap = 0, acap = 0, scap = 0, dcap = 0, rcap = 0, nroutes = 0;
    for (size_t i = 0; i < PLUGIN_COUNT(areas); i++)
        *HEAP_PUSH(reg.areas, reg.nareas, cap) = PLUGIN_AT(areas, i);
    if (reg.nareas)
        qsort(reg.areas, reg.nareas, sizeof *reg.areas, by_name);
    for (size_t i = 0; i < reg.nareas; i++) {
        const area_t *ar = reg.areas[i];
        for (const route_t *const *t = ar->routes; t && *t; t++)
            for (const route_t *r = *t; r->method; r++)
                *HEAP_PUSH(reg.routes, nroutes, rcap) = *r;
        for (const nav_entry_t *n = ar->nav; n && n->label; n++)
            *HEAP_PUSH(reg.nav, reg.nnav, ncap) = *n;
        for (const audit_type_t *t = ar->audit_types; t && t->key; t++)
            *HEAP_PUSH(reg.audit, reg.naudit, acap) = *t;
        for (const start_section_t *s = ar->start; s && s->render; s++)
            *HEAP_PUSH(reg.start, reg.nstart, scap) = s;
        for (const demo_step_t *d = ar->demo; d && d->run; d++)
            *HEAP_PUSH(reg.demo, reg.ndemo, dcap) = d;
    }
    *HEAP_PUSH(reg.routes, nroutes, rcap) = (route_t){0};
    if (reg.nnav)
        qsort(reg.nav, reg.nnav, sizeof *reg.nav, nav_order);
    if (reg.nstart)
        qsort(reg.start, reg.nstart, sizeof *reg.start, start_order);
    /* A section's order is also its name in the fragment cache: two with one order would
     * show each other's content. A programming error, stopped at the first start. */
    for (size_t i = 1; i < reg.nstart; i++)
        if (reg.start[i]->order == reg.start[i - 1]->order) {
            fprintf(stderr, "startsidans delar har samma ordning %d\n", reg.start[i]->order);
            abort();
        }
    if (reg.ndemo)
        qsort(reg.demo, reg.ndemo, sizeof *reg.demo, demo_order);
    reg.audit_keys = xcalloc(reg.naudit + 1, sizeof *reg.audit_keys);
    for (size_t i = 0; i < reg.naudit; i++)
        reg.audit_keys[i] = reg.audit[i].key;
}

static void ready(void)
{
    pthread_once(&reg.once, build);
}

size_t areas_all(const area_t *const **out)
{
    ready();
    *out = reg.areas;
    return reg.nareas;
}

const route_t *areas_routes(void)
{
    ready();
    return reg.routes;
}

const nav_entry_t *areas_nav(size_t *n)
{
    ready();
    *n = reg.nnav;
    return reg.nav;
}

const audit_type_t *areas_audit_types(size_t *n)
{
    ready();
    *n = reg.naudit;
    return reg.audit;
}

const char *const *areas_audit_type_keys(void)
{
    ready();
    return reg.audit_keys;
}

const char *areas_audit_type_label(const char *key)
{
    ready();
    for (size_t i = 0; key && i < reg.naudit; i++)
        if (strcmp(reg.audit[i].key, key) == 0)
            return reg.audit[i].label;
    return key ? key : "";
}

const char *areas_audit_action_label(const char *key)
{
    ready();
    for (size_t i = 0; key && i < reg.nareas; i++)
        for (const audit_type_t *t = reg.areas[i]->audit_actions; t && t->key; t++)
            if (strcmp(t->key, key) == 0)
                return t->label;
    return key ? key : "";
}

void areas_start_page(request_t *req)
{
    ready();
    for (size_t i = 0; i < reg.nstart; i++) {
        const start_section_t *s = reg.start[i];
        if (s->cached)
            fragment_render(req, arena_printf(&req->arena, "start:%d", s->order), s->render);
        else
            s->render(req);
    }
}

void areas_demo(demo_t *d)
{
    ready();
    for (size_t i = 0; i < reg.ndemo; i++)
        reg.demo[i]->run(d);
}

void areas_tick(const tick_t *t)
{
    ready();
    for (size_t i = 0; i < reg.nareas; i++)
        if (reg.areas[i]->tick)
            reg.areas[i]->tick(t);
}
