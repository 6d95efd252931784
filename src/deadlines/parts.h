/* parts.h — what the deadlines area's files share among themselves. */
#ifndef SV_DEADLINES_PARTS_H
#define SV_DEADLINES_PARTS_H
#include "../app/area.h"
#include "deadlines.h"

void deadlines_case_section(request_t *req, const case_row_t *c);                 /* pages.c */
void deadlines_timeline(request_t *req, const case_row_t *c, case_timeline_t *t); /* pages.c */
void deadlines_start_section(request_t *req);                                     /* pages.c */
extern const route_t deadlines_routes[];                                          /* pages.c */

#endif
