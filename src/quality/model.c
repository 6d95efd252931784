/* model.c — the catalogue's kinds and the annual cycle's dates (quality.h). */
#include "quality.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const quality_kinds[] = {"goal", "subgoal", "indicator", "factor", NULL};

const char *quality_kind_label(const char *kind)
{
    if (strcmp(kind, "subgoal") == 0)
        return "Delmål";
    if (strcmp(kind, "indicator") == 0)
        return "Indikator";
    if (strcmp(kind, "factor") == 0)
        return "Framgångsfaktor";
    return "Nationell målsättning";
}

bool quality_kind_fits(const char *parent_kind, const char *kind)
{
    if (!parent_kind || !*parent_kind)
        return strcmp(kind, "goal") == 0;
    if (strcmp(parent_kind, "goal") == 0)
        return strcmp(kind, "subgoal") == 0;
    if (strcmp(parent_kind, "subgoal") == 0)
        return strcmp(kind, "indicator") == 0 || strcmp(kind, "factor") == 0;
    return false;
}

size_t quality_wheel_dates(const wheel_activity_t *w, const char *start, const char *end, char (*out)[11], size_t max)
{
    if (w->month < 1 || w->month > 12 || w->day < 1 || w->day > 28)
        return 0;
    if (!start || strlen(start) < 10 || !end || strlen(end) < 10)
        return 0;
    int first = atoi(start), last = atoi(end);
    size_t n = 0;
    for (int y = first; y <= last && n < max; y++) {
        char date[32];
        snprintf(date, sizeof date, "%04d-%02d-%02d", y, w->month, w->day);
        memcpy(out[n], date, 11);
        out[n][10] = '\0';
        if (strcmp(out[n], start) >= 0 && strcmp(out[n], end) <= 0)
            n++;
    }
    return n;
}
