/* parts.h — what the files of the cases area share among themselves (not for other
 * areas; they use cases.h): the route tables and start sections area.c plugs in. */
#ifndef SV_CASES_PARTS_H
#define SV_CASES_PARTS_H
#include "../app/area.h"
#include "cases.h"

extern const route_t cases_page_routes[];   /* pages.c */
extern const route_t cases_api_routes[];    /* api.c */
extern const route_t cases_contact_routes[]; /* contact_pages.c */
extern const start_section_t cases_start_sections[]; /* start.c */
void cases_demo(demo_t *d);                 /* demo.c */
void cases_demo_scale(demo_t *d);

#endif
