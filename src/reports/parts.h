/* parts.h — what the reports area's files share among themselves. */
#ifndef SV_REPORTS_PARTS_H
#define SV_REPORTS_PARTS_H
#include "../app/area.h"
#include "reports.h"

extern const route_t reports_routes[], reports_api_routes[]; /* pages.c, api.c */

#endif
