/* capacity.h — the mapping of an organiser's improvement capacity (seed 000): the same
 * aspects (vision and goals; structure; culture; a carrying value base; a sustainable
 * system) answered on a scale with a comment each, with the organiser's improvement
 * history, at the start of the period and again at its end, and shown side by side with
 * the change per aspect. The organiser answers with its university; the aspects and the
 * scale are data the administrator keeps, and an answer keeps the aspect's name as asked.
 *
 * The comparison (model.c) takes plain answers, so it can be worked by hand. */
#ifndef SV_CAPACITY_H
#define SV_CAPACITY_H
#include "../cases/cases.h"
#include "../db/tx.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct capacity_answer {
    int64_t aspect_id;
    const char *grp, *name, *guidance;
    int level;             /* 0: not answered */
    const char *comment;
} capacity_answer_t;

typedef struct capacity_mapping {
    int64_t id;            /* 0 until the first save */
    const char *moment;    /* start, end */
    const char *history, *saved_by;
    bool done;
    int version;
    int64_t saved_at;
    capacity_answer_t *answers;
    size_t n;
} capacity_mapping_t;

/* ---- model (model.c) ---- */

typedef struct capacity_change {
    int64_t aspect_id;
    const char *grp, *name;
    int start, end;        /* 0: not answered then */
} capacity_change_t;

/* The aspects of both mappings in the start's order (then those asked only at the end),
 * each with its level at the start and at the end. */
size_t capacity_compare(const capacity_mapping_t *start, const capacity_mapping_t *end, arena_t *a,
                        capacity_change_t **out);
/* The mean of the answered levels (NaN when none). */
double capacity_mean(const capacity_mapping_t *m);
/* How many aspects are not answered yet. */
size_t capacity_unanswered(const capacity_mapping_t *m);
/* "Vid start" / "Vid slut". */
const char *capacity_moment_label(const char *moment);
extern const char *const capacity_moments[]; /* start, end */

/* ---- store (store.c) ---- */

typedef struct capacity_level {
    int value;
    const char *label;
} capacity_level_t;
size_t capacity_levels(db_t *db, arena_t *a, capacity_level_t **out);

/* A case's mapping (the case read in scope by the caller): as answered, and while it is
 * open, every active aspect (those not answered yet with level 0). */
capacity_mapping_t *capacity_get(db_t *db, const case_row_t *c, const char *moment, arena_t *a);
/* Both mappings of the case, read together. */
void capacity_get_both(db_t *db, const case_row_t *c, arena_t *a, capacity_mapping_t **start,
                       capacity_mapping_t **end);
bool capacity_may_write(const viewer_t *v, const capacity_mapping_t *m);
write_result_t capacity_save_answer(db_t *db, const viewer_t *v, const case_row_t *c, const capacity_mapping_t *m,
                                    int based_on, int64_t aspect_id, int level, const char *comment, arena_t *a,
                                    char **err);
write_result_t capacity_save_history(db_t *db, const viewer_t *v, const case_row_t *c, const capacity_mapping_t *m,
                                     int based_on, const char *history, arena_t *a, char **err);
/* Closes the mapping (read-only from then on); refused while an aspect is unanswered. */
bool capacity_finish(db_t *db, const viewer_t *v, const case_row_t *c, const capacity_mapping_t *m, arena_t *a,
                     char **err);

/* The administrator's aspects and scale. */
typedef struct capacity_aspect {
    int64_t id;
    const char *grp, *name, *guidance;
    bool active;
} capacity_aspect_t;
size_t capacity_aspects(db_t *db, arena_t *a, capacity_aspect_t **out);
bool capacity_aspect_add(db_t *db, const viewer_t *v, const char *grp, const char *name, const char *guidance,
                         arena_t *a, char **err);
bool capacity_aspect_edit(db_t *db, const viewer_t *v, int64_t id, const char *name, const char *guidance, bool active,
                          arena_t *a, char **err);
bool capacity_level_edit(db_t *db, const viewer_t *v, int value, const char *label, arena_t *a, char **err);

#endif
