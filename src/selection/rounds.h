/* rounds.h — selection rounds: their settings and frozen inputs, the analyst's choices,
 * the decision and the offers it makes, and the organisers' answers. Rounds are the
 * agency's (admin and analyst); offers are also read by the organiser they are for. */
#ifndef SV_SELECTION_ROUNDS_H
#define SV_SELECTION_ROUNDS_H
#include "ranking.h"
#include "../base/viewer.h"

typedef struct round {
    int64_t id;
    const char *name, *planned_date, *status; /* status: open, decided */
    int results_year, background_year, preschool_year;
    const char *inspection_from, *inspection_to;
    int64_t criteria_set_id;
    const char *criteria_name;
    int criteria_version;
    const char *preschool_vars, *preschool_weights, *result_var, *background_vars;
    bool prefer_coordinated;
    int64_t frozen_at;                        /* 0: inputs not yet frozen */
    int64_t freeze_count;                     /* how many times the inputs were frozen */
    const char *decision_date, *created_by;
} round_t;

size_t rounds_list(db_t *db, arena_t *a, round_t **out);
round_t *rounds_get(db_t *db, int64_t id, arena_t *a);
/* The parameters of one of the round's rankings, reading its frozen inputs. */
bool rounds_params(db_t *db, int64_t id, rank_method_t m, arena_t *a, rank_params_t *p, char **err);
/* Computes one of the round's rankings, with the preschool marks (coordinated, injunction).
 * A frozen round's rankings are kept in memory between requests (ranking_cache.h). */
bool rounds_ranking(db_t *db, const round_t *r, rank_method_t m, arena_t *a, ranking_t *out, char **err);
/* The same inside the caller's write transaction: computed afresh, never kept. */
bool rounds_ranking_in_tx(db_t *db, const round_t *r, rank_method_t m, arena_t *a, ranking_t *out, char **err);
/* Marks a frozen preschool ranking: organisers that are school candidates in the round
 * (in Skolinspektionen's list or with a chosen school unit) and organisers with a
 * preschool injunction; lists the coordinated first when the round prefers them. */
void rounds_mark_preschool(db_t *db, int64_t round_id, arena_t *a, ranking_t *r);

/* Creates an open round; returns its id, or 0 with *err naming the field. */
int64_t rounds_create(db_t *db, const viewer_t *v, const char *name, const char *planned_date, arena_t *a, char **err);

typedef struct round_inputs {
    int results_year, background_year, preschool_year;
    const char *inspection_from, *inspection_to;
    int64_t criteria_set_id;
    const char *preschool_vars, *preschool_weights, *result_var, *background_vars;
    bool prefer_coordinated;
} round_inputs_t;
/* Saves the inputs and freezes a copy of every value the rankings read, in one
 * transaction (an earlier copy is replaced). Only while the round is open. On failure
 * *field names the form field the message belongs under. */
bool rounds_freeze(db_t *db, const viewer_t *v, int64_t id, const round_inputs_t *in, arena_t *a, char **err,
                   const char **field);
/* What a new round's form starts with: the latest years that have data, the current
 * criteria set, the usual variables. */
void rounds_input_defaults(db_t *db, round_inputs_t *in);

typedef struct round_choice {
    int64_t id, unit_id, organiser_id;
    const char *code, *name, *organiser, *orgnr, *school_forms, *ranking, *reason, *decision, *decision_date,
        *chosen_by;
    const char *public_reason;   /* what the organiser reads; reason is the analyst's own note */
} round_choice_t;
size_t rounds_choices(db_t *db, int64_t id, arena_t *a, round_choice_t **out);
/* A choice of a unit: from one of the round's rankings (or after dialogue, for a
 * supplementary decision), with the analyst's internal reason and the motivation the
 * organiser reads. supplementary_date: after the decision, with its own date (not before
 * the round's decision), adding the unit to its organiser's offer. */
typedef struct round_choice_in {
    const char *code, *ranking, *reason, *public_reason, *supplementary_date;
    bool confirmed;   /* the analyst saw the warning of the organiser's running collaboration */
} round_choice_in_t;
typedef enum choose_result {
    CHOOSE_REFUSED,   /* *err says why */
    CHOOSE_OK,
    CHOOSE_CONFIRM,   /* the organiser is already in a running collaboration: *err is the warning
                         the analyst confirms before the choice is made */
} choose_result_t;
/* A unit already in a running collaboration (another round's) is refused outright. */
choose_result_t rounds_choose(db_t *db, const viewer_t *v, int64_t id, const round_choice_in_t *in, arena_t *a,
                              char **err);
bool rounds_unchoose(db_t *db, const viewer_t *v, int64_t id, int64_t choice_id, arena_t *a, char **err);
/* Records the decision: one offer per organiser with a chosen unit, to be answered by
 * answer_by (not before the decision). */
bool rounds_decide(db_t *db, const viewer_t *v, int64_t id, const char *date, const char *answer_by, arena_t *a,
                   char **err);
/* Days an organiser has to answer an offer unless the analyst says otherwise. */
enum { OFFER_ANSWER_DAYS = 30 };
/* Queues reminders of offers not answered: to the organiser's users before the last day
 * (within days) and after it, and to the agency's analysts after it. */
int offers_queue_reminders(db_t *db, const char *today, int days);

/* The decided rounds whose decision included a unit, newest first: the ranking it was
 * chosen from and why. */
typedef struct unit_decision {
    int64_t round_id;
    const char *ranking, *reason;
} unit_decision_t;
size_t rounds_unit_decisions(db_t *db, int64_t unit_id, arena_t *a, unit_decision_t **out);
/* The round whose inputs were frozen last, or 0. */
int64_t rounds_newest_frozen(db_t *db);
/* Whether a round froze a value (or an inspection decision) of a unit. */
bool rounds_froze_unit(db_t *db, int64_t round_id, int64_t unit_id);

typedef struct round_counts {
    int64_t offered, accepted, declined, pending;
    int64_t units, supplementary;
    int64_t by_form[8];                       /* chosen units per school form (register order) */
} round_counts_t;
void rounds_counts(db_t *db, int64_t id, round_counts_t *c);

typedef struct offer {
    int64_t id, round_id, organiser_id;
    const char *round_name, *decision_date, *orgnr, *organiser, *status, *reason, *answered_by;
    int64_t answered_at;
    const char *answer_by;       /* the last day to answer; NULL when none was set */
} offer_t;
/* The offers the viewer may see (agency: all, or one round's; organiser: its own). */
size_t offers_list(db_t *db, const viewer_t *v, int64_t round_id, arena_t *a, offer_t **out);
offer_t *offers_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a);
/* The organiser answers: accept, or decline with a reason. Once answered it stays so. */
bool offers_answer(db_t *db, const viewer_t *v, int64_t id, bool accept, const char *reason, arena_t *a, char **err);
/* "Väntar på svar", "Tackat ja", "Tackat nej". */
const char *offers_status_label(const char *status);

#endif
