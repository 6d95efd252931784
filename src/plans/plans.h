/* plans.h — the action plan (åtgärdsplan): one per unit of a case and one at organiser
 * level, built from the approved analysis of the same unit or level. Its interventions
 * (insatser) each answer causes of the analysis's problems, have a provider, a period, a
 * cost in whole kronor, goals against the national goals and indicators to follow them
 * by; the agency decides which it funds. A plan is written, sent, approved and frozen as
 * an analysis is, and its rules for who reads and writes are the analysis's.
 *
 * The pure rules (model.c) — what is missing before a plan can be sent, and the chain
 * from problem to indicator — take plain facts, so they can be worked by hand. */
#ifndef SV_PLANS_H
#define SV_PLANS_H
#include "../analyses/analyses.h"
#include "../base/arena.h"
#include "../db/tx.h"
#include "../io/pdf_doc.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c) ---- */

extern const char *const plan_provider_keys[];   /* organiser, university, programme */
const char *plan_provider_label(const char *provider);
extern const char *const plan_funding_keys[];    /* funded, declined */
const char *plan_funding_label(const char *funding); /* "" → "Inte beslutat" */
extern const char *const intervention_state_keys[]; /* planned, running, done, changed, dropped */
const char *intervention_state_label(const char *state);

typedef struct plan_problem {
    int64_t id;
    const char *title;
    const char *unanswered_reason; /* "" unless the plan says why no intervention answers it */
} plan_problem_t;

typedef struct plan_cause {
    int64_t id, problem_id;
    const char *kind, *text;
} plan_cause_t;

typedef struct intervention {
    int64_t id, plan_id, case_id, area_id, programme_id;
    const char *area, *title, *description, *target_group, *responsible;
    const char *provider, *provider_name, *programme;
    const char *start_date, *end_date;  /* "" when not set */
    int64_t cost;                       /* whole kronor; -1 when not given */
    const char *goals, *national_goals, *follow_up;
    const char *state, *funding, *funding_reason, *funding_by;
    int64_t funding_at;
    int version;
    const char *saved_by;
    int64_t saved_at;
} intervention_t;

typedef struct plan_link {
    int64_t intervention_id, problem_id, cause_id;
} plan_link_t;

typedef struct indicator {
    int64_t id, intervention_id;
    const char *measure, *baseline, *target, *read_dates, *variable;
    const char *min_value, *max_value; /* the possible range as entered ("" when open) */
    const char *groups;                /* what a reading may be split by, comma-separated */
    int64_t quality_item_id;           /* the national sub-goal or indicator it follows; 0 none */
} indicator_t;

/* What the rules look at: the analysis's problems and causes, and the plan's parts. */
typedef struct plan_facts {
    const plan_problem_t *problems;
    size_t nproblems;
    const plan_cause_t *causes;
    size_t ncauses;
    const intervention_t *interventions;
    size_t ninterventions;
    const plan_link_t *links;
    size_t nlinks;
    const indicator_t *indicators;
    size_t nindicators;
} plan_facts_t;

/* What must be done before the plan can be sent for approval, one Swedish sentence each:
 * a plan without interventions, an intervention without a cause, a problem no
 * intervention answers (unless a reason is given), an intervention without goals, a goal
 * without an indicator, a cost missing. Returns how many. */
size_t plan_missing(const plan_facts_t *f, arena_t *a, const char ***out);

/* One line of the chain problem → cause → intervention → goal → indicator. Fields are ""
 * where the chain has nothing; gap names the first missing link ("" when whole). */
typedef struct trace_row {
    const char *problem, *cause_kind, *cause, *intervention, *goal, *indicator;
    int64_t problem_id, cause_id, intervention_id, indicator_id;
    const char *gap;
} trace_row_t;
size_t plan_trace(const plan_facts_t *f, arena_t *a, trace_row_t **out);

/* ---- store (store.c, write.c) ---- */

typedef struct plan {
    int64_t id, case_id, analysis_id, unit_id;
    const char *level, *state, *unit_name, *unit_code, *organiser;
    int version;
    const char *approved_by;
    int64_t approved_at, updated_at;
} plan_t;

typedef struct plan_choice {
    int64_t id;
    const char *name;
} plan_choice_t;
size_t plans_development_areas(db_t *db, bool active_only, arena_t *a, plan_choice_t **out);
size_t plans_programmes(db_t *db, bool active_only, arena_t *a, plan_choice_t **out);

/* The plans of a case the viewer may read. */
size_t plans_of_case(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, plan_t **out);
/* One plan in the viewer's reach, or NULL; *case_out receives its case. */
plan_t *plans_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a, case_row_t **case_out);
/* An intervention in the viewer's reach (through its plan), or NULL. */
intervention_t *plans_intervention(db_t *db, const viewer_t *v, int64_t id, arena_t *a, plan_t **plan_out);
size_t plans_interventions(db_t *db, const plan_t *p, arena_t *a, intervention_t **out);
/* The facts of a plan for the rules: the analysis's problems and causes, the plan's parts. */
void plans_facts(db_t *db, const plan_t *p, arena_t *a, plan_facts_t *f);

/* What the viewer may do with a plan read in scope. */
bool plans_may_write(db_t *db, const viewer_t *v, const plan_t *p);
bool plans_may_approve(const viewer_t *v, const plan_t *p);

/* Starts the plan of a unit (0: organiser level) from its approved analysis. */
int64_t plans_start(db_t *db, const viewer_t *v, const case_row_t *c, int64_t unit_id, arena_t *a, char **err);
/* A new intervention with its title and area; the rest is filled in on its page. */
int64_t plans_add_intervention(db_t *db, const viewer_t *v, const plan_t *p, const char *title, int64_t area_id,
                               arena_t *a, char **err);
/* Saves every field of an intervention and the causes it answers, on top of the version
 * the form was based on. */
write_result_t plans_save_intervention(db_t *db, const viewer_t *v, const plan_t *p, const intervention_t *next,
                                       int based_on, const int64_t *causes, size_t ncauses, arena_t *a, char **err);
bool plans_remove_intervention(db_t *db, const viewer_t *v, const plan_t *p, int64_t intervention_id, arena_t *a,
                               char **err);
int64_t plans_add_indicator(db_t *db, const viewer_t *v, const plan_t *p, int64_t intervention_id,
                            const indicator_t *x, arena_t *a, char **err);
bool plans_remove_indicator(db_t *db, const viewer_t *v, const plan_t *p, int64_t indicator_id, arena_t *a,
                            char **err);
/* Why the plan answers a problem with no intervention ("" takes the reason away). */
bool plans_set_unanswered(db_t *db, const viewer_t *v, const plan_t *p, int64_t problem_id, const char *reason,
                          arena_t *a, char **err);
/* submit (refused while plan_missing names something), approve, return, reopen. */
bool plans_flow(db_t *db, const viewer_t *v, const plan_t *p, const char *action, const char *reason, arena_t *a,
                char **err);
/* The agency's decision on an approved plan's intervention: funded or declined (with a
 * reason). */
bool plans_decide_funding(db_t *db, const viewer_t *v, const plan_t *p, int64_t intervention_id, const char *funding,
                          const char *reason, arena_t *a, char **err);

/* Whether every analysed unit and level of the case has an approved plan whose
 * interventions all have a funding decision (for the move to ÖK2), and what is missing. */
bool plans_case_done(db_t *db, const case_row_t *c, arena_t *a, const char **missing);

/* The funded interventions of a case (for the ÖK2), in plan order, with the name of the
 * unit or level each plan is for. */
typedef struct funded_intervention {
    intervention_t iv;
    const char *plan_name;
} funded_intervention_t;
size_t plans_funded(db_t *db, const case_row_t *c, arena_t *a, funded_intervention_t **out);

/* The interventions of a case carried out by a university (for its agreement), with the
 * name of the plan each is in. */
size_t plans_by_university(db_t *db, const case_row_t *c, arena_t *a, funded_intervention_t **out);

/* The approved plans of a case (read in scope by the caller) as PDF pages after a
 * document: the ÖK2's attachment. */
void plans_pdf_pages(db_t *db, const case_row_t *c, pdf_doc_t *doc, arena_t *a);
bool plans_pdf(db_t *db, const plan_t *p, arena_t *a, buf_t *out);

#endif
