/* followup.h — the follow-up of a plan's indicators over time: readings per period (a
 * month), for the whole or one group the indicator is split by, with who entered them
 * and when; the latest reading of a period counts. A run chart shows each indicator's
 * series against its median, baseline and target, and the run rules tell a real change
 * from noise.
 *
 * The rules (runchart.c) take plain numbers, so they can be worked by hand: a shift is
 * six or more points in a row on the same side of the median (points on the median
 * neither break nor count), a trend five or more points in a row each higher (or each
 * lower) than the one before (a repeated value neither breaks nor counts). */
#ifndef SV_FOLLOWUP_H
#define SV_FOLLOWUP_H
#include "../base/arena.h"
#include "../plans/plans.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- rules (runchart.c) ---- */

enum {
    RUN_SHIFT_UP = 1,   /* in a run of six or more above the median */
    RUN_SHIFT_DOWN = 2, /* … below it */
    RUN_TREND_UP = 4,   /* in a run of five or more rising points */
    RUN_TREND_DOWN = 8, /* … falling ones */
    RUN_SHIFT_LENGTH = 6,
    RUN_TREND_LENGTH = 5,
};

typedef struct run_analysis {
    double median;
    unsigned *signals; /* per point: the RUN_ flags of the runs it belongs to */
    unsigned found;    /* every flag of any point */
} run_analysis_t;

/* The median of n values (NaN for none). */
double run_median(const double *values, size_t n);
/* The run rules over a series in time order. */
void run_analyse(const double *values, size_t n, arena_t *a, run_analysis_t *out);

/* Where an indicator stands, from its baseline and target as written (numbers, or text
 * the rule cannot compare) and its latest reading. */
typedef enum indicator_status {
    IND_UNREAD,   /* no reading yet */
    IND_UNKNOWN,  /* baseline or target is no number: nothing to compare */
    IND_REACHED,  /* the latest reading reaches the target */
    IND_TOWARD,   /* better than the baseline, not yet at the target */
    IND_OFF,      /* no better than the baseline, or a run away from the target */
} indicator_status_t;
indicator_status_t indicator_status(const char *baseline, const char *target, const double *series, size_t n,
                                    const run_analysis_t *runs);
const char *indicator_status_label(indicator_status_t s);
const char *indicator_status_key(indicator_status_t s); /* "unread" … "off", as stored and in the API */
indicator_status_t indicator_status_of_key(const char *key); /* IND_UNREAD for an unknown key */

/* A period as the form gives it ('YYYY-MM'); false unless a real month. */
bool followup_parse_period(const char *s, int *year, int *month);

/* ---- store (store.c) ---- */

typedef struct reading {
    int64_t id, indicator_id;
    const char *period, *grp, *note, *entered_by;
    double value;
    int64_t entered_at;
} reading_t;

/* An indicator read through its plan in the viewer's scope. */
typedef struct followed {
    indicator_t ind;
    double min_value, max_value; /* NaN where open */
    const char *const *groups;   /* NULL-terminated; empty when not split */
    intervention_t *iv;
    plan_t *plan;
    case_row_t *c;
} followed_t;

followed_t *followup_get(db_t *db, const viewer_t *v, int64_t indicator_id, arena_t *a);
/* Every reading of the indicator, by period and then as entered. */
size_t followup_readings(db_t *db, int64_t indicator_id, arena_t *a, reading_t **out);
/* The series of one group ("" for the whole): the latest reading of each period. */
size_t followup_series(const reading_t *r, size_t n, const char *grp, arena_t *a, const char ***periods,
                       double **values);
/* Where the indicator is a statistic the register imports (its variable) and the plan is
 * a unit's: the register's value for each year beside the organiser's own reading of the
 * same year (the latest period in it), and whether the two differ (seed 002: the figures
 * have not always agreed). */
typedef struct register_point {
    int year;
    double value;          /* NaN: the register has the year but no figure (flag says why) */
    const char *flag;
    double own;            /* NaN: no own reading that year */
    const char *own_period;
    bool differs;          /* both are there and differ by 0.05 or more */
} register_point_t;
size_t followup_register_series(db_t *db, const followed_t *f, const reading_t *r, size_t n, arena_t *a,
                                register_point_t **out);
/* Two figures differ when they disagree at the first decimal, as both are shown. */
bool followup_figures_differ(double own, double registered);

/* Whether the viewer records readings for the indicator's plan (its analysis group). */
bool followup_may_record(db_t *db, const viewer_t *v, const followed_t *f);

/* A reading as the form sends it; field names the field a refusal is about. */
typedef struct reading_input {
    const char *period, *grp, *value, *note;
} reading_input_t;
int64_t followup_record(db_t *db, const viewer_t *v, const followed_t *f, const reading_input_t *in, arena_t *a,
                        const char **field, char **err);
/* The checks of a reading against its indicator and the case, without writing. */
bool followup_valid_reading(const followed_t *f, const reading_input_t *in, double *value, arena_t *a,
                            const char **field, char **err);

/* A file of readings for a case (CSV or XLSX; the columns the case's download has), read
 * whole: every row is checked as the form checks one reading, for an indicator of the
 * case that the viewer records readings for. Either every row is written or none; a
 * refusal names the file, row and column. */
bool followup_import(db_t *db, const viewer_t *v, const case_row_t *c, const char *filename, const char *data,
                     size_t len, arena_t *a, size_t *imported, char **err);
/* Every reading of the case's indicators the viewer may read, by indicator and period. */
typedef struct case_reading {
    reading_t r;
    const char *measure, *plan;
} case_reading_t;
size_t followup_case_readings(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, case_reading_t **out);

/* Works out where the indicator stands from its readings and keeps it on the indicator
 * (in the caller's transaction): every write of a reading calls it. */
bool followup_settle(db_t *db, int64_t indicator_id, arena_t *a);

/* The indicators of the plans a viewer may read in a case, or of every case the viewer
 * reaches (c NULL), each with where it stands as last kept: one statement, one row per
 * indicator, by organiser; only those off target when only_off, at most limit. */
typedef struct indicator_state {
    int64_t id, case_id, plan_id, unit_id;
    const char *measure, *intervention, *plan, *organiser, *baseline, *target, *groups;
    size_t nreadings;     /* periods read, for the whole */
    double latest;
    const char *latest_period;
    indicator_status_t status;
    unsigned signals; /* the run flags of the latest point */
} indicator_state_t;
size_t followup_states(db_t *db, const viewer_t *v, const case_row_t *c, bool only_off, size_t limit, arena_t *a,
                       indicator_state_t **out);
/* How many indicators the viewer reaches in all cases, and how many of them are off. */
void followup_counts(db_t *db, const viewer_t *v, size_t *off, size_t *total);

#endif
