/* parts.h — what the selection area's files share among themselves (other areas use
 * rounds.h, ranking.h and selection.h): the route tables, start sections and demo step
 * area.c plugs in, and what the pages share. */
#ifndef SV_SELECTION_PARTS_H
#define SV_SELECTION_PARTS_H
#include "../app/area.h"

extern const char *const selection_method_keys[]; /* inspection, results, preschool, criteria */
extern const char *const selection_criteria_variables[]; /* the school variables a criterion may use */

/* The ranking page with a status (422 when a choice on it was refused; ranking_pages.c). */
int selection_ranking_view(request_t *req, int status);

extern const route_t selection_round_routes[];    /* round_pages.c */
extern const route_t selection_ranking_routes[];  /* ranking_pages.c */
extern const route_t selection_criteria_routes[]; /* criteria_pages.c */
extern const route_t selection_offer_routes[];    /* offer_pages.c */
extern const route_t selection_api_routes[];      /* api.c */
extern const start_section_t selection_start_sections[]; /* offer_pages.c */
void selection_demo(demo_t *d);                   /* demo.c */

#endif
