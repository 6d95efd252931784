/* area.c — the deadlines area plugs in: its routes, its part of a case (the dates to keep,
 * the report dates in the timeline, what is overdue), its start section and the
 * background round that queues reminders. */
#include "parts.h"

static const case_part_t part = {.order = 40,
                                 .section = deadlines_case_section,
                                 .timeline = deadlines_timeline,
                                 .overdue = deadlines_mark_overdue};
CASE_PART(part);

static void tick(const tick_t *t)
{
    deadlines_queue_reminders(t->db, t->today, t->remind_days);
}

static const route_t *const routes[] = {deadlines_routes, NULL};
static const start_section_t start[] = {{30, deadlines_start_section, true}, {0, NULL, false}};

static const area_t deadlines_area = {
    .name = "deadlines",
    .routes = routes,
    .start = start,
    .tick = tick,
};
AREA(deadlines_area);
