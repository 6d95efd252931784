/* reports.h — the organiser's written reports to the agency: an interim report
 * (delredovisning) each term and the final report (slutredovisning), one for each report
 * the case's due dates name. A report writes itself from the approved plans and the
 * figures: every intervention with its state, what was done and the money used against
 * the estimate, every indicator's value in the period against baseline and target; the
 * organiser adds lessons and changes (and, in the final report, what will continue and
 * how), submits, and the agency's process supporter accepts it or returns it with a
 * comment. Each submission is frozen with its figures; an accepted report is read-only,
 * and an accepted final report is what lets the case close.
 *
 * The pure rules (model.c) — a report's period and what is missing before it can be
 * submitted — take plain facts, so they can be worked by hand. */
#ifndef SV_REPORTS_H
#define SV_REPORTS_H
#include "../followup/followup.h"
#include "../db/tx.h"
#include "../base/submission.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c) ---- */

typedef struct report_period {
    char from[8], to[8]; /* months 'YYYY-MM', both included */
    char term[8];        /* "2026VT", "2026HT" or "final": the report's name in paths */
    const char *label;   /* "Delredovisning VT 2026", "Slutredovisning" */
    bool final;
} report_period_t;

/* The period of a report by its name in a path ("2026VT", "2026HT", "final"); the final
 * report covers the case from its start month to its planned end. */
bool report_period_of(const char *term, const char *case_start, const char *planned_end, arena_t *a,
                      report_period_t *out);
/* The due item a report answers: "interim:2026VT" or "final". */
const char *report_item_key(const report_period_t *p, arena_t *a);

/* The value of a series (periods ascending, the latest reading of each) in a report's
 * period: the last one inside it. */
bool report_value_in(const char *const *periods, const double *values, size_t n, const report_period_t *p,
                     double *value, const char **period);

typedef struct report_line {
    int64_t intervention_id;
    const char *title, *plan;
    const char *state;     /* in this period: one of intervention_state_keys, "" not given */
    const char *done;      /* what was done */
    int64_t used, cost;    /* whole kronor; -1 when not given */
} report_line_t;

/* What must be done before the report can be submitted, one Swedish sentence each: an
 * intervention without its state, no lessons, and in the final report nothing on what
 * continues. Returns how many. */
size_t report_missing(const report_line_t *lines, size_t n, const char *lessons, bool final, const char *continuation,
                      arena_t *a, const char ***out);

/* ---- store (store.c) ---- */

typedef struct report_indicator {
    int64_t id, intervention_id;
    const char *measure, *baseline, *target;
    double value;          /* NaN: not read in the period */
    const char *period;
    indicator_status_t status;
} report_indicator_t;

typedef struct report {
    int64_t id;            /* 0 until the first save */
    case_row_t *c;
    report_period_t period;
    const char *state;     /* draft, submitted, returned, accepted */
    int version, submissions;
    const char *lessons, *changes, *continuation, *return_comment, *saved_by, *decided_by;
    int64_t saved_at, decided_at;
    report_line_t *lines;
    size_t nlines;
    report_indicator_t *indicators;
    size_t nindicators;
} report_t;

/* A report of a case the caller has read in scope, by its name in the path: as saved,
 * or prefilled from the approved plans when not yet written. NULL for a name that is no
 * report of the case. */
report_t *reports_get(db_t *db, const viewer_t *v, case_row_t *c, const char *term, arena_t *a);
bool reports_may_write(db_t *db, const viewer_t *v, const report_t *r);
bool reports_may_decide(const viewer_t *v, const report_t *r);
const char *report_state_label(const char *state);

/* Saves what the organiser wrote, on top of the version the form was based on: the
 * report's own texts, or one intervention's state, what was done and the money used
 * (line->intervention_id names it). The first save keeps the prefilled states. */
write_result_t reports_save_texts(db_t *db, const viewer_t *v, const report_t *r, int based_on, const char *lessons,
                                  const char *changes, const char *continuation, arena_t *a, char **err);
write_result_t reports_save_line(db_t *db, const viewer_t *v, const report_t *r, int based_on,
                                 const report_line_t *line, arena_t *a, char **err);
/* submit (refused while report_missing names something; the case's due item is handed
 * in), accept (read-only from then on), return (with a comment; the due item is open
 * again). */
bool reports_flow(db_t *db, const viewer_t *v, const report_t *r, const char *action, const char *comment, arena_t *a,
                  char **err);
extern const char *const report_flow_actions[]; /* submit, accept, return */

/* Whether the case's final report is accepted (what lets the case close). */
bool reports_final_accepted(db_t *db, int64_t case_id);

/* The report's submissions, oldest first, each with the decision on it. */
size_t reports_submissions(db_t *db, const report_t *r, arena_t *a, doc_submission_t **out);
/* The due item's key of a report, as its comment thread's subject ("report:2026VT"). */
const char *report_subject(const report_t *r, arena_t *a);

/* The report as frozen at a submission (JSON), for the document and its history. */
char *reports_snapshot(const report_t *r, arena_t *a);

#endif
