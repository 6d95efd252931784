/* parts.h — what the money area's files share among themselves. */
#ifndef SV_MONEY_PARTS_H
#define SV_MONEY_PARTS_H
#include "../app/area.h"
#include "money.h"

extern const route_t money_grant_routes[];  /* pages.c */
extern const route_t money_list_routes[];   /* lists.c */
extern const route_t money_ledger_routes[]; /* ledger_pages.c */
extern const route_t money_api_routes[];    /* api.c */
extern const start_section_t money_start_sections[]; /* start.c */
extern const demo_step_t money_demo_steps[];         /* demo.c */
void money_case_section(request_t *req, const case_row_t *c); /* pages.c */

#define MONEY_NOT_FOUND "Bidraget finns inte, eller så har du inte tillgång till det."

/* An amount in öre as "112 362 506 kr" (in the request's arena). */
const char *money_text(request_t *req, int64_t ore); /* pages.c */
/* A form's amount in kronor ("125 000", "1 234,50") into öre; false (with the field's
 * error) when it is no amount. */
bool money_field(request_t *req, const char *field, int64_t *ore); /* pages.c */
/* The year's outcome and forecast per category as bars (ledger_pages.c). */
void money_outcome_chart(request_t *req, const money_cost_table_t *t);
/* The balance of grants as a table: granted, paid, used, unused, claimed. */
void money_grants_table(request_t *req, const grant_t *g, size_t n, bool with_organiser); /* pages.c */

#endif
