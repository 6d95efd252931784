/* selection_pages.h — the selection area's pages, exports and API (handlers for the
 * route table), and the section the unit page shows about a unit's place in a round. */
#ifndef SV_SELECTION_PAGES_H
#define SV_SELECTION_PAGES_H
#include "../http/request.h"

extern const char *const selection_method_keys[]; /* inspection, results, preschool, criteria */
extern const char *const selection_criteria_variables[]; /* the school variables a criterion may use */

int selection_rounds_page(request_t *req);
int selection_round_create(request_t *req);
int selection_round_page(request_t *req);
int selection_round_freeze(request_t *req);
int selection_round_choose(request_t *req);
int selection_round_unchoose(request_t *req);
int selection_round_decide(request_t *req);
int selection_ranking_page(request_t *req);
/* The ranking page with a status (422 when a choice on it was refused). */
int selection_ranking_view(request_t *req, int status);
int selection_ranking_export(request_t *req);
int selection_organisers_page(request_t *req);
int selection_criteria_page(request_t *req);
int selection_criteria_create(request_t *req);
int selection_offers_page(request_t *req);
int selection_offer_page(request_t *req);
int selection_offer_answer(request_t *req);

int selection_api_rounds(request_t *req);
int selection_api_round(request_t *req);
int selection_api_ranking(request_t *req);
int selection_api_offers(request_t *req);
int selection_api_organisers(request_t *req);

/* Writes why a unit ranks where it does in the rounds the viewer may see it in (the
 * agency: the newest frozen round; the organiser's side: rounds that offered it), with a
 * chart per variable against the national distribution. Writes nothing otherwise. */
void selection_unit_section(request_t *req, int64_t unit_id, int64_t organiser_id, const char *code);

#endif
