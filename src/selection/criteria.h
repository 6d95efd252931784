/* criteria.h — the agency's criteria sets: each a name with versions, a version never
 * changed once saved (so a round that used it can always be re-run). */
#ifndef SV_SELECTION_CRITERIA_H
#define SV_SELECTION_CRITERIA_H
#include "../base/arena.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include <stdbool.h>
#include <stdint.h>

enum { CRITERIA_MAX = 5 };

typedef struct criterion_in {
    const char *variable;
    int direction;          /* -1: lower is worse; 1: higher is worse */
    double weight, threshold; /* threshold NAN: none */
} criterion_in_t;

typedef struct criteria_set {
    int64_t id, created_at;
    const char *name, *note, *created_by;
    int version;
    criterion_in_t criteria[CRITERIA_MAX];
    size_t ncriteria;
} criteria_set_t;

/* Every set and version, by name and newest version first. */
size_t criteria_sets_list(db_t *db, arena_t *a, criteria_set_t **out);
/* Saves the next version of the named set; its id, or 0 with *err. */
int64_t criteria_sets_create(db_t *db, const viewer_t *v, const char *name, const char *note,
                             const criterion_in_t *c, size_t n, arena_t *a, char **err);

#endif
