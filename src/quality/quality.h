/* quality.h — the national quality system's catalogue (goals, sub-goals, indicators and
 * success factors) that plans' indicators link to, and each organiser's annual cycle
 * (årshjul) of recurring follow-up activities, whose occurrences are due items. */
#ifndef SV_QUALITY_H
#define SV_QUALITY_H
#include "../cases/cases.h"
#include "../db/tx.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct quality_item {
    int64_t id, parent_id;
    const char *kind, *name, *description;
    bool active;
} quality_item_t;

extern const char *const quality_kinds[]; /* goal, subgoal, indicator, factor */
const char *quality_kind_label(const char *kind);
/* The kind an item under a parent of kind parent_kind may have ("" parent: a goal). */
bool quality_kind_fits(const char *parent_kind, const char *kind);

/* The whole catalogue in tree order (a goal, then its sub-goals each followed by theirs). */
size_t quality_catalogue(db_t *db, bool active_only, arena_t *a, quality_item_t **out);
quality_item_t *quality_get(db_t *db, int64_t id, arena_t *a);
bool quality_add(db_t *db, const viewer_t *v, int64_t parent_id, const char *kind, const char *name,
                 const char *description, arena_t *a, char **err);
bool quality_edit(db_t *db, const viewer_t *v, int64_t id, const char *name, const char *description, bool active,
                  arena_t *a, char **err);

/* The indicators of every case the viewer reaches that follow the item (or an item under
 * it), with where each stands. */
typedef struct quality_follower {
    int64_t indicator_id, case_id;
    const char *organiser, *measure, *status, *latest_period;
    double latest;
} quality_follower_t;
size_t quality_followers(db_t *db, const viewer_t *v, int64_t item_id, arena_t *a, quality_follower_t **out);

/* ---- the annual cycle ---- */

typedef struct wheel_activity {
    int64_t id, organiser_id;
    int month, day;
    const char *name, *description;
} wheel_activity_t;

/* The activities of an organiser, by month and day. */
size_t quality_wheel(db_t *db, int64_t organiser_id, arena_t *a, wheel_activity_t **out);
/* Every activity of the organisers of the cases the viewer reaches, with the case (one
 * row per case and activity). */
typedef struct wheel_in_case {
    wheel_activity_t w;
    int64_t case_id;
    const char *start, *end;
} wheel_in_case_t;
size_t quality_wheel_in_reach(db_t *db, const viewer_t *v, arena_t *a, wheel_in_case_t **out);
bool quality_wheel_may_write(db_t *db, const viewer_t *v, const case_row_t *c);
bool quality_wheel_add(db_t *db, const viewer_t *v, const case_row_t *c, int month, int day, const char *name,
                       const char *description, arena_t *a, char **err);
bool quality_wheel_remove(db_t *db, const viewer_t *v, const case_row_t *c, int64_t id, arena_t *a, char **err);
/* The dates ('YYYY-MM-DD') an activity falls on within [start, end] (dates as the case
 * has them), at most max. */
size_t quality_wheel_dates(const wheel_activity_t *w, const char *start, const char *end, char (*out)[11],
                           size_t max);

#endif
