/* parts.h — what the agreements area's files share among themselves. */
#ifndef SV_AGREEMENTS_PARTS_H
#define SV_AGREEMENTS_PARTS_H
#include "../app/area.h"
#include "agreements.h"

/* The fields of an agreement's form (and API write), with the kind's sections. */
#define AGREEMENT_SECTION(key) {"s_" key, P_MULTILINE, 0, "Avsnitt", 0, 20000, NULL}
#define AGREEMENT_FIELDS \
    {"period_from", P_TEXT, 0, "Periodens första dag", 0, 10, NULL}, \
    {"period_to", P_TEXT, 0, "Periodens sista dag", 0, 10, NULL}, \
    {"amount", P_TEXT, 0, "Skolverkets medel", 0, 30, NULL}, \
    {"payout_date1", P_TEXT, 0, "Utbetalning 1, datum", 0, 10, NULL}, \
    {"payout_amount1", P_TEXT, 0, "Utbetalning 1, belopp", 0, 30, NULL}, \
    {"payout_date2", P_TEXT, 0, "Utbetalning 2, datum", 0, 10, NULL}, \
    {"payout_amount2", P_TEXT, 0, "Utbetalning 2, belopp", 0, 30, NULL}, \
    {"payout_date3", P_TEXT, 0, "Utbetalning 3, datum", 0, 10, NULL}, \
    {"payout_amount3", P_TEXT, 0, "Utbetalning 3, belopp", 0, 30, NULL}, \
    {"payout_date4", P_TEXT, 0, "Utbetalning 4, datum", 0, 10, NULL}, \
    {"payout_amount4", P_TEXT, 0, "Utbetalning 4, belopp", 0, 30, NULL}, \
    AGREEMENT_SECTION("purpose"), AGREEMENT_SECTION("agency"), AGREEMENT_SECTION("organiser"), \
    AGREEMENT_SECTION("funding"), AGREEMENT_SECTION("reporting"), AGREEMENT_SECTION("repayment"), \
    AGREEMENT_SECTION("claims"), AGREEMENT_SECTION("evaluations"), AGREEMENT_SECTION("changes"), \
    AGREEMENT_SECTION("interventions"), AGREEMENT_SECTION("background"), AGREEMENT_SECTION("changes_made"), \
    AGREEMENT_SECTION("other"), AGREEMENT_SECTION("university")

/* Reads the form (or the API's JSON) into a content; false (with form errors) when it
 * is not valid (pages.c). */
bool agreements_read_form(request_t *req, agreement_kind_t k, agreement_content_t *c);
void agreements_case_section(request_t *req, const case_row_t *c);

extern const route_t agreements_page_routes[]; /* pages.c */
extern const route_t agreements_api_routes[];  /* api.c */
extern const route_t agreements_texts_routes[]; /* texts_pages.c */
void agreements_demo(demo_t *d);               /* demo.c */
void agreements_demo_scale(demo_t *d);

/* What a university agreement commissions (commission.c). */
typedef struct commissioned {
    int64_t id, cost;
    const char *title, *plan, *start_date, *end_date;
} commissioned_t;
size_t agreements_commission(db_t *db, const agreement_t *g, arena_t *a, const char **university,
                             commissioned_t **out);
bool agreements_set_commission(db_t *db, const viewer_t *v, const agreement_t *g, const case_row_t *c,
                               const char *university, const int64_t *ids, size_t n, arena_t *a, char **err);
void agreements_commission_section(request_t *req, const case_row_t *c, const agreement_t *g);
/* On a supplementary agreement: the plans changed since their approval, with the difference. */
void agreements_plan_changes_section(request_t *req, const case_row_t *c, const agreement_t *g);

#endif
