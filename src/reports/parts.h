/* parts.h — what the reports area's files share among themselves. */
#ifndef SV_REPORTS_PARTS_H
#define SV_REPORTS_PARTS_H
#include "../app/area.h"
#include "reports.h"

extern const route_t reports_routes[], reports_api_routes[]; /* pages.c, api.c */
extern const route_t reports_history_routes[];                /* history.c */
/* The report the request names, answering status, with a notice when given (pages.c). */
int reports_view(request_t *req, int status, const char *notice);

#endif
