/* parts.h — what the meetings area's files share among themselves. */
#ifndef SV_MEETINGS_PARTS_H
#define SV_MEETINGS_PARTS_H
#include "../app/area.h"
#include "meetings.h"

/* At most this many people are marked present, or actions done, in one record. */
#define MEETING_MAX_PEOPLE 200

void meetings_case_section(request_t *req, const case_row_t *c);                 /* pages.c */
void meetings_timeline(request_t *req, const case_row_t *c, case_timeline_t *t); /* pages.c */
extern const route_t meetings_page_routes[];   /* pages.c */
extern const route_t meetings_api_routes[];    /* api.c */
extern const start_section_t meetings_start_sections[]; /* start.c */
void meetings_demo_scale(demo_t *d);           /* demo.c */
extern const route_t meetings_calendar_routes[]; /* calendar.c */

/* ---- the calendar feed (calendar.c) ---- */

/* The viewer's meetings and due dates as an iCalendar document. */
void calendar_ics(db_t *db, const viewer_t *v, const char *today, arena_t *a, buf_t *out);
/* Creates (or replaces) a user's feed token; returns it (shown once), or NULL. */
const char *calendar_new_token(db_t *db, int64_t user_id, arena_t *a);
/* The user a feed token belongs to, or 0. */
int64_t calendar_user(db_t *db, const char *token);

#endif
