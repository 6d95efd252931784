/* parts.h — what the universities area's files share among themselves. */
#ifndef SV_UNIVERSITIES_PARTS_H
#define SV_UNIVERSITIES_PARTS_H
#include "../app/area.h"
#include "universities.h"

/* The cases a university works in, as the viewer may see them, and its users. */
typedef struct university_case {
    int64_t id;
    const char *organiser, *round_name;
    case_phase_t phase;
    bool further;   /* one of the case's further universities */
} university_case_t;
size_t universities_cases(db_t *db, const viewer_t *v, const university_t *u, arena_t *a, university_case_t **out);
typedef struct university_user {
    const char *name, *email;
} university_user_t;
size_t universities_users(db_t *db, const university_t *u, arena_t *a, university_user_t **out);

void universities_case_section(request_t *req, const case_row_t *c); /* case_section.c */
extern const route_t universities_case_routes[];                    /* case_section.c */
extern const route_t universities_page_routes[];                    /* pages.c */

#endif
