/* runchart.c — the run rules and an indicator's standing (followup.h): plain numbers in,
 * no database, so every rule can be worked by hand in the unit tests. */
#include "followup.h"
#include "../base/validate.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double run_median(const double *values, size_t n)
{
    if (n == 0)
        return NAN;
    double *v = malloc(n * sizeof *v);
    if (!v)
        return NAN;
    memcpy(v, values, n * sizeof *v);
    qsort(v, n, sizeof *v, by_value);
    double m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    free(v);
    return m;
}

/* Marks the points [from, to] with flag when the run they make is long enough. */
static void mark(run_analysis_t *r, const size_t *points, size_t count, size_t need, unsigned flag)
{
    if (count < need)
        return;
    for (size_t i = 0; i < count; i++)
        r->signals[points[i]] |= flag;
    r->found |= flag;
}

/* Shifts: runs of points on one side of the median; a point on it is skipped. */
static void shifts(const double *v, size_t n, run_analysis_t *r, size_t *points)
{
    size_t count = 0;
    int side = 0;
    for (size_t i = 0; i < n; i++) {
        int s = v[i] > r->median ? 1 : v[i] < r->median ? -1 : 0;
        if (s == 0)
            continue;
        if (s != side) {
            mark(r, points, count, RUN_SHIFT_LENGTH, side > 0 ? RUN_SHIFT_UP : RUN_SHIFT_DOWN);
            count = 0;
            side = s;
        }
        points[count++] = i;
    }
    mark(r, points, count, RUN_SHIFT_LENGTH, side > 0 ? RUN_SHIFT_UP : RUN_SHIFT_DOWN);
}

/* Trends: runs of points each above (or below) the one before; a repeated value is
 * skipped. The run's first point counts, so five points make four steps. */
static void trends(const double *v, size_t n, run_analysis_t *r, size_t *points)
{
    size_t count = 0;
    int dir = 0;
    size_t last = 0; /* the previous point that was not a repeat */
    for (size_t i = 0; i < n; i++) {
        if (count == 0) {
            points[count++] = i;
            last = i;
            continue;
        }
        int d = v[i] > v[last] ? 1 : v[i] < v[last] ? -1 : 0;
        if (d == 0)
            continue;
        if (dir != 0 && d != dir) {
            mark(r, points, count, RUN_TREND_LENGTH, dir > 0 ? RUN_TREND_UP : RUN_TREND_DOWN);
            points[0] = last; /* the turning point starts the next run */
            count = 1;
        }
        dir = d;
        points[count++] = i;
        last = i;
    }
    if (dir != 0)
        mark(r, points, count, RUN_TREND_LENGTH, dir > 0 ? RUN_TREND_UP : RUN_TREND_DOWN);
}

void run_analyse(const double *values, size_t n, arena_t *a, run_analysis_t *out)
{
    out->median = run_median(values, n);
    out->signals = arena_alloc(a, (n ? n : 1) * sizeof *out->signals);
    out->found = 0;
    if (n == 0)
        return;
    size_t *points = arena_alloc(a, n * sizeof *points);
    shifts(values, n, out, points);
    trends(values, n, out, points);
}

indicator_status_t indicator_status(const char *baseline, const char *target, const double *series, size_t n,
                                    const run_analysis_t *runs)
{
    if (n == 0)
        return IND_UNREAD;
    double base, goal;
    if (!validate_decimal(baseline, &base) || !validate_decimal(target, &goal) || base == goal)
        return IND_UNKNOWN;
    bool higher = goal > base;
    double latest = series[n - 1];
    if (higher ? latest >= goal : latest <= goal)
        return IND_REACHED;
    unsigned away = higher ? RUN_SHIFT_DOWN | RUN_TREND_DOWN : RUN_SHIFT_UP | RUN_TREND_UP;
    if ((higher ? latest <= base : latest >= base) || (runs && (runs->signals[n - 1] & away)))
        return IND_OFF;
    return IND_TOWARD;
}

const char *indicator_status_label(indicator_status_t s)
{
    switch (s) {
    case IND_UNREAD: return "Inte avläst än";
    case IND_UNKNOWN: return "Utgångs- eller målvärdet är inget tal";
    case IND_REACHED: return "Målet är nått";
    case IND_TOWARD: return "På väg mot målet";
    case IND_OFF: return "Rör sig inte mot målet";
    }
    return "";
}

bool followup_parse_period(const char *s, int *year, int *month)
{
    if (!s || strlen(s) != 7 || s[4] != '-')
        return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = atoi(s + 5);
    if (y < 2000 || y > 2100 || m < 1 || m > 12)
        return false;
    *year = y;
    *month = m;
    return true;
}

bool followup_figures_differ(double own, double registered)
{
    if (isnan(own) || isnan(registered))
        return false;
    return fabs(round(own * 10) - round(registered * 10)) >= 1;
}
