/* universities.h — the register of universities: each once, by name, with its team leader
 * and education leaders; its users and the cases it works in. A case has its university
 * and may work with further ones; other areas (users, plans, agreements) take a
 * university's name only from here. */
#ifndef SV_UNIVERSITIES_H
#define SV_UNIVERSITIES_H
#include "../cases/cases.h"
#include "../db/tx.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct university {
    int64_t id;
    const char *name, *team_leader, *education_leaders;
    int version;
    int64_t cases, users;
} university_t;

/* Every university, by name, with how many cases and users each has. */
size_t universities_list(db_t *db, arena_t *a, university_t **out);
/* Every university, by name, for a choice in a form: the counts are left at 0. */
size_t universities_choices(db_t *db, arena_t *a, university_t **out);
university_t *universities_get(db_t *db, int64_t id, arena_t *a);
/* The id of a registered name (exactly as registered), or 0. */
int64_t universities_id(db_t *db, const char *name);
/* The further universities of a case (besides the case's own). */
size_t universities_of_case(db_t *db, const case_row_t *c, arena_t *a, university_t **out);

int64_t universities_add(db_t *db, const viewer_t *v, const char *name, const char *leader, const char *leaders,
                         arena_t *a, char **err);
/* Renames or changes the team of a university on top of the version the form was based
 * on; a new name follows to the cases and users that carry it. */
write_result_t universities_edit(db_t *db, const viewer_t *v, const university_t *u, int based_on, const char *name,
                                 const char *leader, const char *leaders, arena_t *a, char **err);
bool universities_add_to_case(db_t *db, const viewer_t *v, const case_row_t *c, int64_t university_id, arena_t *a,
                              char **err);
bool universities_remove_from_case(db_t *db, const viewer_t *v, const case_row_t *c, int64_t university_id,
                                   arena_t *a, char **err);

#endif
