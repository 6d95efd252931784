/* model.c — the two mappings compared aspect by aspect (capacity.h). */
#include "capacity.h"
#include "../base/vec.h"
#include <math.h>
#include <string.h>

const char *const capacity_moments[] = {"start", "end", NULL};

const char *capacity_moment_label(const char *moment)
{
    return strcmp(moment, "end") == 0 ? "Vid slut" : "Vid start";
}

size_t capacity_compare(const capacity_mapping_t *start, const capacity_mapping_t *end, arena_t *a,
                        capacity_change_t **out)
{
    size_t n = 0, cap = 0;
    capacity_change_t *c = NULL;
    for (size_t i = 0; start && i < start->n; i++) {
        const capacity_answer_t *s = &start->answers[i];
        *ARENA_PUSH(a, c, n, cap) = (capacity_change_t){s->aspect_id, s->grp, s->name, s->level, 0};
    }
    for (size_t i = 0; end && i < end->n; i++) {
        const capacity_answer_t *e = &end->answers[i];
        size_t k = 0;
        while (k < n && c[k].aspect_id != e->aspect_id)
            k++;
        if (k == n)
            *ARENA_PUSH(a, c, n, cap) = (capacity_change_t){e->aspect_id, e->grp, e->name, 0, e->level};
        else
            c[k].end = e->level;
    }
    *out = c;
    return n;
}

double capacity_mean(const capacity_mapping_t *m)
{
    double sum = 0;
    size_t k = 0;
    for (size_t i = 0; m && i < m->n; i++)
        if (m->answers[i].level > 0) {
            sum += m->answers[i].level;
            k++;
        }
    return k ? sum / (double)k : NAN;
}

size_t capacity_unanswered(const capacity_mapping_t *m)
{
    size_t k = 0;
    for (size_t i = 0; i < m->n; i++)
        k += m->answers[i].level <= 0;
    return k;
}
