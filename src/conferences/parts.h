/* parts.h — what the conferences area's files share among themselves. */
#ifndef SV_CONFERENCES_PARTS_H
#define SV_CONFERENCES_PARTS_H
#include "../app/area.h"
#include "conferences.h"

extern const route_t conferences_routes[];        /* pages.c */
extern const route_t conferences_public_routes[]; /* public_pages.c */
extern const route_t conferences_api_routes[];    /* api.c */
extern const demo_step_t conferences_demo_steps[]; /* demo.c */

#define CONFERENCE_NOT_FOUND "Konferensen finns inte, eller så har du inte tillgång till den."

#endif
