/* parts.h — what the commission area's files share among themselves. */
#ifndef SV_COMMISSION_PARTS_H
#define SV_COMMISSION_PARTS_H
#include "../app/area.h"
#include "commission.h"

extern const route_t commission_routes[];     /* pages.c */
extern const route_t commission_doc_routes[]; /* document.c */
extern const route_t commission_api_routes[]; /* api.c */
void commission_case_section(request_t *req, const case_row_t *c); /* pages.c */
extern const demo_step_t commission_demo_steps[];                 /* demo.c */

#define COMMISSION_NOT_FOUND "Dokumentet finns inte, eller så har du inte tillgång till det."

#endif
