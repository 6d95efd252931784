/* import_spec.h — the file kinds the register imports: their columns and statistics.
 * Internal to the register area (import.c and import_apply.c). */
#ifndef SV_REGISTER_IMPORT_SPEC_H
#define SV_REGISTER_IMPORT_SPEC_H
#include "register.h"
#include "../io/csv.h"

typedef enum stat_domain {
    DOM_SHARE,   /* a percentage 0–100 */
    DOM_COUNT,   /* a whole number ≥ 0 */
    DOM_AMOUNT,  /* a decimal ≥ 0 */
    DOM_MERIT,   /* merit value 0–340 */
    DOM_RATIO,   /* children per staff: ≥ 0, above 20 kept but flagged */
} stat_domain_t;

/* A statistic read from the file column whose key equals the variable. */
typedef struct stat_column {
    const char *variable;
    stat_domain_t domain;
} stat_column_t;

typedef enum import_shape {
    SHAPE_ORGANISERS,
    SHAPE_UNITS,
    SHAPE_MUNICIPALITIES,
    SHAPE_INSPECTION,           /* Skolinspektionen's decisions per school unit */
    SHAPE_PRESCHOOL_INSPECTION, /* decisions on an organiser's preschools */
} import_shape_t;

typedef struct import_spec {
    const char *kind;
    const char *label;
    import_shape_t shape;
    const csv_column_t *columns; /* columns[0] is the key */
    size_t ncolumns;
    const stat_column_t *stats;
    size_t nstats;
    bool needs_year;             /* statistics are stored per year */
    unsigned forms;              /* school forms every unit in the file has */
    const char *placeholder_org; /* how to name an organiser the file only gives a number for */
    bool one_row_per_key;        /* a repeated key is an error even when the rows are equal */
} import_spec_t;

const import_spec_t *import_spec_find(const char *kind);

/* One validated unit row, ready to apply. */
typedef struct unit_row {
    size_t line;
    const char *code, *name, *orgnr, *organiser, *organiser_kind;
    const char *municipality_code, *municipality, *county_code;
    const char *address, *postal_town, *grades;
    unsigned forms;
    long long pupils;            /* -1: the file has none */
    double latitude, longitude;
    bool has_position;
    size_t nstats;
    struct {
        const char *variable;
        double value;
        const char *flag;
    } stats[12];
} unit_row_t;

typedef struct organiser_row {
    size_t line;
    const char *orgnr, *name, *kind, *legal_form, *postal_town;
    unsigned forms;
} organiser_row_t;

typedef struct municipality_row {
    size_t line;
    const char *code, *name, *county_code;
} municipality_row_t;

/* Skolinspektionen's decision on a school unit. */
typedef struct inspection_row {
    size_t line;
    const char *code, *orgnr, *decision_date;
    bool fine;
    long long work_areas, critical_factors;
    int64_t unit_id;
} inspection_row_t;

/* A decision on an organiser's preschools; at least one of the two areas. */
typedef struct preschool_inspection_row {
    size_t line;
    const char *orgnr, *decision_date;
    bool conditions, development;
    int64_t organiser_id;
} preschool_inspection_row_t;

/* Reading one file's rows: the spec, the table and where a message goes. */
typedef struct import_reader {
    const import_spec_t *spec;
    const csv_table_t *t;
    arena_t *a;                  /* the import's: messages and what outlives a row */
    arena_t *row;                /* released after each row */
    char **err;
    db_t *db;
    const char *counties;        /* the municipality file's: ",01,03,…,", the counties the database has */
} import_reader_t;

/* The field of a column by key ("" when absent), and the header it was found under. */
const char *import_field(const import_reader_t *r, const csv_row_t *row, const char *key);
const char *import_header_of(const import_reader_t *r, const char *key);
/* Sets the error for one cell: "fil.csv: rad 17, kolumn "X": …". Returns false. */
bool import_cell_error(const import_reader_t *r, const csv_row_t *row, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool import_read_orgnr(const import_reader_t *r, const csv_row_t *row, const char **out);
/* Sets the error for a statement the database refused ("fil.csv: importen kunde inte
 * sparas: …", in plain Swedish). Returns false. */
bool import_db_failed(const import_reader_t *r);

/* Reading and writing Skolinspektionen's decisions (import_decisions.c). */
bool import_read_inspection_row(const import_reader_t *r, const csv_row_t *row, inspection_row_t *out);
bool import_read_preschool_inspection_row(const import_reader_t *r, const csv_row_t *row,
                                          preschool_inspection_row_t *out);

/* Applies validated rows inside the caller's write transaction (import_apply.c). */
typedef struct import_apply {
    db_t *db;
    const viewer_t *viewer;
    const import_spec_t *spec;
    arena_t *arena;              /* the import's: the organiser cache */
    arena_t *scratch;            /* released after each row */
    int year;
    reg_import_result_t *result;
    char **err;
    struct org_cache *orgs;
    struct unit_cache *units;      /* the units and this year's statistics as they were */
    struct import_writes *writes;  /* the rows to write (import_writes.h) */
} import_apply_t;

bool import_apply_begin(import_apply_t *ap);
/* Writes what the rows queued; the import calls it before it records itself. */
bool import_apply_finish(import_apply_t *ap);
bool import_apply_unit(import_apply_t *ap, const unit_row_t *row);
bool import_apply_organiser(import_apply_t *ap, const organiser_row_t *row);
bool import_apply_municipality(import_apply_t *ap, const municipality_row_t *row);
bool import_apply_inspection(import_apply_t *ap, const inspection_row_t *row);
bool import_apply_preschool_inspection(import_apply_t *ap, const preschool_inspection_row_t *row);

#endif
