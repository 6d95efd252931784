/* model.c — the report dates of a case. Each term (VT: spring, HT: autumn) has an
 * interim report due by a set date; a term counts when the case has run at least
 * min_days by then, so a case started in November reports first in the spring. The
 * final report follows the planned end. Weekend dates fall due on the Monday after. */
#include "deadlines.h"
#include "../base/date.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void deadline_rules_default(deadline_rules_t *r)
{
    *r = (deadline_rules_t){.vt = "06-15", .ht = "12-15", .min_days = 60, .final_days = 60};
}

size_t deadline_reports(const char *start, const char *planned_end, const deadline_rules_t *r, arena_t *a,
                        due_item_t *out, size_t max)
{
    int y0, y1;
    if (date_weekday(start) < 0 || date_weekday(planned_end) < 0)
        return 0;
    y0 = atoi(start); /* a valid date begins with its year */
    y1 = atoi(planned_end);
    size_t n = 0;
    for (int y = y0; y <= y1 && n < max; y++) {
        for (int term = 0; term < 2 && n < max; term++) {
            char due[11], nominal[16];
            snprintf(nominal, sizeof nominal, "%04d-%s", y, term == 0 ? r->vt : r->ht);
            if (date_weekday(nominal) < 0)
                continue;
            /* Within the period, and the case has run long enough to report on. */
            if (strcmp(nominal, start) <= 0 || strcmp(nominal, planned_end) > 0 ||
                date_days_between(start, nominal) < r->min_days)
                continue;
            date_working_day(nominal, due);
            due_item_t *d = &out[n++];
            memset(d, 0, sizeof *d);
            d->key = arena_printf(a, "interim:%04d%s", y, term == 0 ? "VT" : "HT");
            d->label = arena_printf(a, "Delredovisning %s %04d", term == 0 ? "VT" : "HT", y);
            memcpy(d->date, due, 11);
            d->for_organiser = d->for_supporters = true;
            d->report = d->reminds = true;
        }
    }
    if (n < max) {
        char after[11], due[11];
        date_add_days(planned_end, r->final_days, after);
        date_working_day(after, due);
        due_item_t *d = &out[n++];
        memset(d, 0, sizeof *d);
        d->key = "final";
        d->label = "Slutredovisning";
        memcpy(d->date, due, 11);
        d->for_organiser = d->for_supporters = true;
        d->report = d->reminds = true;
    }
    return n;
}
