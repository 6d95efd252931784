/* parts.h — what the capacity area's files share among themselves. */
#ifndef SV_CAPACITY_PARTS_H
#define SV_CAPACITY_PARTS_H
#include "../app/area.h"
#include "capacity.h"

extern const route_t capacity_case_routes[], capacity_admin_routes[], capacity_api_routes[];
void capacity_case_section(request_t *req, const case_row_t *c);

#endif
