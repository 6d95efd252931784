/* parts.h — what the networks area's files share among themselves. */
#ifndef SV_NETWORKS_PARTS_H
#define SV_NETWORKS_PARTS_H
#include "../app/area.h"
#include "networks.h"

extern const route_t networks_routes[];        /* pages.c */
extern const route_t networks_meeting_routes[]; /* meeting_pages.c */
extern const route_t networks_api_routes[];    /* api.c */
extern const demo_step_t networks_demo_steps[]; /* demo.c */

#define NETWORK_NOT_FOUND "Nätverket finns inte, eller så har du inte tillgång till det."

/* A select of keys with their labels, the sent value chosen. */
void networks_select(request_t *req, const char *name, const char *label, const char *const *keys,
                     const char *(*label_of)(const char *)); /* pages.c */

#endif
