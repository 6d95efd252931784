/* parts.h — what the plans area's files share among themselves. */
#ifndef SV_PLANS_PARTS_H
#define SV_PLANS_PARTS_H
#include "../app/area.h"
#include "../base/buf.h"
#include "../base/vec.h"
#include "plans.h"

void plans_read_intervention(db_stmt_t *st, arena_t *a, intervention_t *i); /* store.c */
/* A plan's content as JSON, frozen at each approval (write.c). */
char *plans_snapshot(db_t *db, const plan_t *p, arena_t *a);
/* The approved versions of a plan, oldest first (store.c). */
size_t plans_versions(db_t *db, const plan_t *p, arena_t *a, analysis_version_t **out);

/* The administrator's lists (lists_store.c): development areas, or national programmes. */
bool plans_list_add(db_t *db, const viewer_t *v, bool programme, const char *name, arena_t *a, char **err);
bool plans_list_edit(db_t *db, const viewer_t *v, bool programme, int64_t id, const char *name, bool active,
                     arena_t *a, char **err);
/* Every intervention of the cases the viewer may see, for the agency's export. */
typedef struct listed_intervention {
    int64_t id, cost;
    const char *organiser, *orgnr, *plan, *area, *title, *provider, *provider_name, *target_group;
    const char *start_date, *end_date, *state, *funding, *plan_state;
} listed_intervention_t;
size_t plans_all_interventions(db_t *db, const viewer_t *v, arena_t *a, listed_intervention_t **out);

/* The intervention form's fields, shared by the page and the API (intervention_pages.c). */
#define INTERVENTION_FIELDS                                                                   \
    {"title", P_TEXT, PARAM_REQUIRED, "Vad ska göras?", 0, 300, NULL},                        \
    {"area", P_INT, 0, "Utvecklingsområde", 0, 1000000000, NULL},                             \
    {"description", P_MULTILINE, 0, "Beskrivning", 0, 20000, NULL},                           \
    {"target_group", P_TEXT, 0, "Målgrupp", 0, 300, NULL},                                    \
    {"responsible", P_TEXT, 0, "Ansvarig", 0, 200, NULL},                                     \
    {"provider", P_CHOICE, PARAM_REQUIRED, "Utförare", 0, 0, plan_provider_keys},             \
    {"provider_name", P_TEXT, 0, "Lärosäte", 0, 200, NULL},                                   \
    {"programme", P_INT, 0, "Skolverkets program", 0, 1000000000, NULL},                      \
    {"start_date", P_DATE, 0, "Startar", 0, 0, NULL},                                         \
    {"end_date", P_DATE, 0, "Slutar", 0, 0, NULL},                                            \
    {"cost", P_INT, 0, "Beräknad kostnad", 0, 10000000000LL, NULL},                           \
    {"goals", P_MULTILINE, 0, "Mål och förväntade effekter", 0, 20000, NULL},                 \
    {"national_goals", P_MULTILINE, 0, "Nationella mål", 0, 20000, NULL},                     \
    {"follow_up", P_MULTILINE, 0, "Uppföljning", 0, 20000, NULL},                             \
    {"state", P_CHOICE, 0, "Läge", 0, 0, intervention_state_keys},                            \
    {"causes", P_INT, PARAM_MULTI, "Orsaker", 1, 1000000000, NULL}
#define INDICATOR_FIELDS                                                                      \
    {"measure", P_TEXT, PARAM_REQUIRED, "Mått", 0, 300, NULL},                                \
    {"baseline", P_TEXT, PARAM_REQUIRED, "Utgångsvärde", 0, 100, NULL},                       \
    {"target", P_TEXT, PARAM_REQUIRED, "Målvärde", 0, 100, NULL},                             \
    {"read_dates", P_TEXT, PARAM_REQUIRED, "När avläses det", 0, 300, NULL},                  \
    {"variable", P_TEXT, 0, "Registrets statistik", 0, 40, NULL},                             \
    {"min_value", P_TEXT, 0, "Lägsta möjliga värde", 0, 30, NULL},                            \
    {"max_value", P_TEXT, 0, "Högsta möjliga värde", 0, 30, NULL},                            \
    {"groups", P_TEXT, 0, "Uppdelning", 0, 200, NULL},                                        \
    {"quality_item", P_INT, 0, "Nationellt delmål", 0, 1000000000, NULL}
#define PLANS_MAX_CAUSES 256
/* The intervention as the form sends it, on top of the one read; the causes chosen. */
intervention_t plans_intervention_from_form(request_t *req, const intervention_t *x);
size_t plans_causes_from_form(request_t *req, int64_t out[PLANS_MAX_CAUSES]);

void plans_case_section(request_t *req, const case_row_t *c);          /* pages.c */
int plans_view(request_t *req, int status);                            /* pages.c */
extern const route_t plans_page_routes[];                              /* pages.c */
extern const route_t plans_intervention_routes[];                      /* intervention_pages.c */
extern const route_t plans_trace_routes[];                             /* trace_pages.c */
extern const route_t plans_list_routes[];                              /* lists_pages.c */
extern const route_t plans_version_routes[];                            /* versions.c */
extern const route_t plans_api_routes[];                               /* api.c */
void plans_demo(demo_t *d);                                            /* demo.c */
/* A plan's name: the unit's, or "Huvudmannanivå". */
const char *plans_name(const plan_t *p);

#endif
