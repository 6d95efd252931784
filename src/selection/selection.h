/* selection.h — the selection methods of SPEC.md §4, as pure functions over arrays
 * (no I/O): the preschool index, expected results (OLS), the inspection priority and
 * the agency's criteria score. Every figure a rank rests on is returned, so the rank
 * can be explained. */
#ifndef SV_SELECTION_H
#define SV_SELECTION_H
#include <stdbool.h>
#include <stddef.h>

/* One unit's values for the configured variables; NAN marks a missing value. */
typedef struct sel_unit {
    const char *code;
    const double *values;     /* nvars values */
} sel_unit_t;

typedef struct sel_variable {
    const char *key;
    int sign;                 /* +1: a higher value means more difficult conditions; -1: lower */
    double weight;            /* > 0 */
} sel_variable_t;

typedef struct sel_variable_stats {
    size_t n;                 /* units with a value */
    double mean, sd;          /* population standard deviation; 0 for a constant variable */
} sel_variable_stats_t;

typedef struct sel_index_row {
    size_t unit;              /* index into the units given */
    bool ranked;              /* false when a configured variable is missing */
    int rank;                 /* 1 = highest index (most difficult); 0 when not ranked */
    double index;
    double *z, *contribution, *percentile; /* per variable (percentile NAN when missing) */
} sel_index_row_t;

/* Computes the index for n units over nvars variables. rows (n of them) receive the
 * result in rank order (ranked units first, then the unranked by code); their per-variable
 * arrays are allocated by the caller as rows[i].z etc. with nvars slots each, or may be
 * left NULL. The percentile of a value is 100 · (values ≤ it) / (values that exist).
 * stats (nvars) receives each variable's mean, sd and n. */
void selection_index(const sel_unit_t *units, size_t n, const sel_variable_t *vars, size_t nvars,
                     sel_index_row_t *rows, sel_variable_stats_t *stats);

/* Ordinary least squares of y on k predictors with an intercept, over the units where y and
 * every predictor exist. coef receives k+1 values (intercept first); expected and residual
 * (n each) receive NAN for units left out. Returns false (and leaves coef NAN) when fewer
 * units than parameters remain or the predictors are collinear. */
typedef struct sel_ols {
    size_t n;                 /* units used */
    double r2;
    bool singular;
} sel_ols_t;
bool selection_ols(const double *y, const double *const *x, size_t k, size_t n, double *coef, double *expected,
                   double *residual, sel_ols_t *fit);

/* Skolinspektionen's delivery: fine before injunction, then more work areas, then more
 * critical factors, then the lower unit code. */
typedef struct sel_inspection {
    const char *code;
    bool fine;                /* föreläggande vid vite */
    int work_areas, critical_factors;
} sel_inspection_t;
/* Writes the order (indexes into items) to order[n]. */
void selection_inspection_order(const sel_inspection_t *items, size_t n, size_t *order);

/* The agency's criteria: each a variable with a direction (+1: higher is worse), a weight
 * and an optional threshold (NAN for none) a unit must reach in the worse direction. */
typedef struct sel_criterion {
    const char *key;
    int direction;
    double weight;
    double threshold;
} sel_criterion_t;
typedef struct sel_score_row {
    size_t unit;
    bool eligible;            /* has every value and passes every threshold */
    double score;             /* weighted mean of the oriented percentiles, 100 = worst */
    int rank;                 /* 1 = worst; 0 when not eligible */
    double *percentile;       /* optional (ncrit, set by the caller): each criterion's oriented
                                 percentile, 100 = the worst; NAN when the value is missing */
} sel_score_row_t;
/* rows[i].percentile is read before the rows are filled: set it (or NULL) for every row. */
void selection_criteria_score(const sel_unit_t *units, size_t n, const sel_criterion_t *crit, size_t ncrit,
                              sel_score_row_t *rows);

/* Compares unit codes as numbers (a 6-digit id before an 8-digit code); for ties. */
int selection_code_cmp(const char *a, const char *b);

#endif
