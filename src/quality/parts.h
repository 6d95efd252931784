/* parts.h — what the quality area's files share among themselves. */
#ifndef SV_QUALITY_PARTS_H
#define SV_QUALITY_PARTS_H
#include "../app/area.h"
#include "../followup/followup.h"
#include "quality.h"

extern const route_t quality_routes[], quality_api_routes[];
void quality_demo(demo_t *d);

#endif
