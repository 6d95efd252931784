/* organisers_view.h — a round's candidates grouped by organiser (internal to the area). */
#ifndef SV_SELECTION_ORGANISERS_VIEW_H
#define SV_SELECTION_ORGANISERS_VIEW_H
#include "rounds.h"

typedef struct org_candidate {
    int rank;
    int64_t organiser_id;
    const char *organiser;
    int64_t inspection_units, with_fine, difficult_preschools, chosen;
    int best_inspection;               /* 0: no unit in Skolinspektionens list */
    bool preschool_injunction, conditions, development;
} org_candidate_t;

/* The organisers with a school unit in the list, a preschool injunction or a preschool
 * among the tenth with the highest index, in order; (size_t)-1 with *err on failure. */
size_t organisers_view(db_t *db, const round_t *r, arena_t *a, org_candidate_t **out, char **err);
/* Why the organiser is a candidate, in words. */
char *organisers_view_explain(const org_candidate_t *c, arena_t *a);

#endif
