/* ranking.h — the rankings of SPEC.md §4 computed over stored inputs: either the live
 * register or the frozen copy a selection round keeps. One result shape serves the
 * command line, the round pages, the exports and the API, so each ranking is computed
 * one way and printed many. */
#ifndef SV_SELECTION_RANKING_H
#define SV_SELECTION_RANKING_H
#include "../base/arena.h"
#include "../base/buf.h"
#include "../db/db.h"
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

typedef enum rank_method {
    RANK_INSPECTION, /* Skolinspektionen's priority list */
    RANK_RESULTS,    /* expected results: residual of an OLS on background */
    RANK_PRESCHOOL,  /* the preschool index */
    RANK_CRITERIA,   /* the agency's criteria set */
    RANK_METHOD_COUNT
} rank_method_t;

/* "inspection", "results", "preschool", "criteria" and back; -1 when unknown. */
const char *ranking_method_key(rank_method_t m);
int ranking_method_from_key(const char *key);
/* "Skolinspektionens underlag", … */
const char *ranking_method_label(rank_method_t m);

typedef struct rank_params {
    rank_method_t method;
    int64_t round_id;          /* 0: the live register; else the round's frozen inputs */
    int year;                  /* results or preschool year */
    int background_year;       /* 0: the same as year */
    const char *vars;          /* preschool variables, "degree_share,children_per_staff" */
    const char *weights;       /* "1,2" or NULL for equal weights */
    const char *result;        /* merit17 */
    const char *background;    /* "foreign_bg,parents_post_sec" */
    const char *since, *until; /* inspection decisions within these dates (NULL: any) */
    int64_t criteria_set_id;
} rank_params_t;

typedef struct rank_row {
    int rank;                  /* 1 = first candidate; 0 = not ranked */
    int64_t unit_id, organiser_id;
    const char *code, *name, *organiser, *school_forms;
    double value;              /* index, residual, priority key or score; NAN when not ranked */
    double *cols;              /* ncols values, NAN when missing */
    const char *note;          /* what is missing, or an implausible value */
    bool flagged;              /* a value is implausible (kept, but look at it) */
    bool coordinated;          /* preschool at an organiser that is also a school candidate */
    bool organiser_injunction; /* preschool at an organiser with a preschool injunction */
    bool fine;                 /* inspection: föreläggande vid vite */
    const char *decision_date; /* inspection */
} rank_row_t;

typedef struct rank_column {
    const char *key;           /* CSV/JSON name: degree_share_percentile */
    const char *variable;      /* the variable it shows (for labels) */
    const char *what;          /* "value", "z", "percentile", "contribution", "expected" */
} rank_column_t;

typedef struct ranking {
    rank_method_t method;
    const char *value_key;     /* "index", "residual", "priority", "score" */
    size_t ncols;
    rank_column_t *cols;
    size_t nrows;
    rank_row_t *rows;          /* ranked rows first in rank order, then the unranked by code */
    size_t ranked;
    /* The preschool and criteria variables, with their national mean and sd. */
    size_t nvars;
    const char **vars;
    double *weights, *means, *sds;
    int *signs;
    /* Expected results. */
    size_t n;
    double r2;
    double *coef;              /* intercept first, then one per background variable */
    const char **coef_keys;
    const char *criteria_name;
    int criteria_version;
    /* For a ranking from the cache: per column, its non-missing values in ascending order
     * (nsorted[c] of them; NULL for a column that is not a value); otherwise NULL. */
    double **sorted;
    size_t *nsorted;
} ranking_t;

/* Computes a ranking. Returns false with *err (Swedish) when it cannot be computed:
 * unknown variables, a singular model, a criteria set that does not exist. */
bool ranking_compute(db_t *db, const rank_params_t *p, arena_t *a, ranking_t *r, char **err);

/* Marks preschool rows whose organiser is in the given set (sorted ids) as coordinated,
 * and, when prefer is set, lists those rows first (rank order kept within each part). */
void ranking_mark_coordinated(ranking_t *r, const int64_t *organisers, size_t n, bool prefer);

/* CSV: rank,code,name,organiser,value, then the method's columns, then note. */
void ranking_csv(const ranking_t *r, buf_t *out);
/* The ranking as JSON: the model figures and count rows from row from (in list order). */
/* The rows from..from+count of a ranking with its figures, as the command line prints it. */
json_t *ranking_json(const ranking_t *r, size_t from, size_t count);
/* The ranking's method, figures and variables (without rows), and one row, as JSON: the
 * API pages through the rows, the command line prints them all. */
json_t *ranking_json_meta(const ranking_t *r);
json_t *ranking_json_row(const ranking_t *r, size_t i);
/* One row's explanation, in words for a principal: "Plats 3 av 7 950. …". */
char *ranking_explain(const ranking_t *r, const rank_row_t *row, arena_t *a);
/* The row of a unit, or NULL. */
const rank_row_t *ranking_find(const ranking_t *r, const char *code);

#endif
