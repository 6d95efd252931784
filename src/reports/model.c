/* model.c — a report's period, its value of a series and what is missing before it can
 * be submitted (reports.h): plain facts in, no database. */
#include "reports.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool report_period_of(const char *term, const char *case_start, const char *planned_end, arena_t *a,
                      report_period_t *out)
{
    memset(out, 0, sizeof *out);
    if (strcmp(term, "final") == 0) {
        if (!case_start || strlen(case_start) < 7 || !planned_end || strlen(planned_end) < 7)
            return false;
        snprintf(out->from, sizeof out->from, "%.7s", case_start);
        snprintf(out->to, sizeof out->to, "%.7s", planned_end);
        snprintf(out->term, sizeof out->term, "final");
        out->label = "Slutredovisning";
        out->final = true;
        return true;
    }
    if (strlen(term) != 6 || (strcmp(term + 4, "VT") != 0 && strcmp(term + 4, "HT") != 0))
        return false;
    for (int i = 0; i < 4; i++)
        if (term[i] < '0' || term[i] > '9')
            return false;
    int year = atoi(term);
    bool spring = term[4] == 'V';
    if (year < 2000 || year > 2100)
        return false;
    snprintf(out->from, sizeof out->from, "%04d-%s", year, spring ? "01" : "07");
    snprintf(out->to, sizeof out->to, "%04d-%s", year, spring ? "06" : "12");
    snprintf(out->term, sizeof out->term, "%.6s", term);
    out->label = arena_printf(a, "Delredovisning %s %d", spring ? "VT" : "HT", year);
    return true;
}

const char *report_item_key(const report_period_t *p, arena_t *a)
{
    return p->final ? "final" : arena_printf(a, "interim:%s", p->term);
}

bool report_value_in(const char *const *periods, const double *values, size_t n, const report_period_t *p,
                     double *value, const char **period)
{
    bool found = false;
    for (size_t i = 0; i < n; i++)
        if (strncmp(periods[i], p->from, 7) >= 0 && strncmp(periods[i], p->to, 7) <= 0) {
            *value = values[i];
            *period = periods[i];
            found = true;
        }
    return found;
}

size_t report_missing(const report_line_t *lines, size_t n, const char *lessons, bool final, const char *continuation,
                      arena_t *a, const char ***out)
{
    const char **m = arena_alloc(a, (n + 2) * sizeof *m);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!lines[i].state || !*lines[i].state)
            m[k++] = arena_printf(a, "Insatsen ”%s” saknar sitt läge.", lines[i].title);
    if (!lessons || !*lessons)
        m[k++] = "Lärdomarna saknas.";
    if (final && (!continuation || !*continuation))
        m[k++] = "Vad som fortsätter efter samverkan, och hur, saknas.";
    *out = m;
    return k;
}
