/* register.h — the register of school organisers (huvudmän) and units, their statistics
 * per year, the imports that fill them, and the pages and API that show them.
 * Every read takes the viewer and returns only what that viewer may see. */
#ifndef SV_REGISTER_H
#define SV_REGISTER_H
#include <stdio.h>
#include "../base/arena.h"
#include "../base/plugin.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include "../http/request.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- model (model.c): the register's vocabulary ---- */

typedef enum school_form {
    FORM_FORSKOLA = 1 << 0,
    FORM_FORSKOLEKLASS = 1 << 1,
    FORM_FRITIDSHEM = 1 << 2,
    FORM_GRUNDSKOLA = 1 << 3,
    FORM_ANPASSAD_GRUNDSKOLA = 1 << 4,
    FORM_GYMNASIESKOLA = 1 << 5,
    FORM_ANPASSAD_GYMNASIESKOLA = 1 << 6,
} school_form_t;

enum { SCHOOL_FORM_COUNT = 7 };

/* Keys and Swedish names of the school forms, in display order. */
const char *register_form_key(int index);
const char *register_form_label_by_key(const char *key);
extern const char *const register_form_keys[]; /* NULL-terminated, for P_CHOICE */
/* ",grundskola,forskoleklass," from a bit set. */
char *register_forms_text(arena_t *a, unsigned forms);
unsigned register_forms_parse(const char *text);
/* "Grundskola, förskoleklass" from the stored form text. */
char *register_forms_label(arena_t *a, const char *text);

extern const char *const register_kind_keys[]; /* kommunal, enskild, statlig, region */
const char *register_kind_label(const char *kind);   /* "Kommunal" */
/* Maps a file's organiser type ("Kommunal", "Enskild", "Statlig", "Region",
 * "Landsting") to a kind key; NULL if unknown. */
const char *register_kind_from_text(const char *text);

typedef struct reg_variable {
    const char *key;      /* merit17 */
    const char *label;    /* Genomsnittligt meritvärde (17 ämnen) */
    const char *unit;     /* "%", "" */
    int decimals;
} reg_variable_t;
const reg_variable_t *register_variable(const char *key);
extern const reg_variable_t register_variables[]; /* terminated by key NULL */
/* "212000-1561" */
char *register_orgnr_display(arena_t *a, const char *orgnr);

/* ---- store (store.c) ---- */

typedef struct reg_organiser {
    int64_t id;
    const char *orgnr, *name, *kind, *legal_form, *postal_town;
    const char *municipality_code, *municipality, *county_code, *county;
    const char *school_forms;
    int64_t units;
} reg_organiser_t;

typedef struct reg_unit {
    int64_t id;
    const char *code, *name, *orgnr, *organiser, *organiser_kind;
    const char *municipality_code, *municipality, *county;
    const char *school_forms, *grades, *address, *postal_town;
    int64_t pupils;       /* -1 when unknown */
    double latitude, longitude;
    bool has_position;
} reg_unit_t;

typedef struct reg_stat {
    int64_t unit_id;
    int year;
    const char *variable;
    double value;         /* NAN when missing or suppressed */
    const char *flag;     /* "", missing, suppressed, rounded, implausible */
} reg_stat_t;
/* Writes a statistic's value for a table cell (flags in words: "för få", "saknas"). */
void register_stat_cell(buf_t *o, const reg_stat_t *s);

typedef struct reg_filter {
    const char *q;        /* name, organisation number / unit code, municipality */
    const char *kind;
    const char *county;
    const char *form;
    long long page;       /* from 1 */
    long long per_page;   /* 0: all (exports) */
} reg_filter_t;

/* Lists the organisers the viewer may see; *total counts all matches. */
size_t register_list_organisers(db_t *db, const viewer_t *v, const reg_filter_t *f, arena_t *a,
                                reg_organiser_t **out, long long *total);
/* One organiser by organisation number, or NULL when absent or out of the viewer's reach. */
reg_organiser_t *register_get_organiser(db_t *db, const viewer_t *v, const char *orgnr, arena_t *a);
size_t register_list_units(db_t *db, const viewer_t *v, const reg_filter_t *f, arena_t *a,
                           reg_unit_t **out, long long *total);
/* The units of an organiser the caller has already obtained through register_get_organiser. */
size_t register_organiser_units(db_t *db, const reg_organiser_t *o, arena_t *a, reg_unit_t **out);
reg_unit_t *register_get_unit(db_t *db, const viewer_t *v, const char *code, arena_t *a);
/* All statistics of a unit the caller obtained through register_get_unit, newest first. */
size_t register_unit_stats(db_t *db, const reg_unit_t *u, arena_t *a, reg_stat_t **out);
/* The newest value of each variable for every unit of an organiser (obtained as above). */
size_t register_organiser_latest_stats(db_t *db, const reg_organiser_t *o, arena_t *a, reg_stat_t **out);
/* Finds a unit's latest value of a variable in a list from the call above; NULL if none. */
const reg_stat_t *register_find_stat(const reg_stat_t *stats, size_t n, int64_t unit_id, const char *variable);

/* The national figure of a variable and year: the mean over every unit with a value
 * (kept up to date by the imports). */
typedef struct reg_national {
    const char *variable;
    int year;
    double value;
    int64_t units;
} reg_national_t;
size_t register_national_stats(db_t *db, arena_t *a, reg_national_t **out);

/* Ids by the codes people type, for other areas resolving what they are given (not
 * scoped: the caller decides who may know). */
int64_t register_organiser_id(db_t *db, const char *orgnr);
bool register_unit_ids(db_t *db, const char *code, int64_t *unit_id, int64_t *organiser_id);
/* The code of an organiser's first school unit (a given code first if it has it). */
const char *register_first_unit_code(db_t *db, const char *orgnr, const char *prefer, arena_t *a);

typedef struct reg_counts {
    int64_t organisers, units, school_units, preschools, municipalities;
} reg_counts_t;
/* Recomputes the register's kept counts (register_counts, organisers.units_count); every import
 * calls it inside its transaction. */
bool register_recount(db_t *db);
/* National totals (no per-organiser data): safe for every role. */
void register_counts(db_t *db, reg_counts_t *c);
/* The 21 counties by name (codes[i], names[i]). */
size_t register_list_counties(db_t *db, arena_t *a, const char ***codes, const char ***names);
/* Municipal organisers and units per county, for the reader's overview. */
size_t register_counts_by_county(db_t *db, arena_t *a, const char ***names, int64_t **organisers, int64_t **units);

/* ---- import (import.c) ---- */

typedef struct reg_import_result {
    const char *kind, *filename;
    int year;
    long long rows_read, added, changed, unchanged, skipped;
    long long organisers_added, organisers_changed;
    long long implausible;
    const char *skip_reasons[8];
    long long skip_counts[8];
    size_t nskip_reasons;
} reg_import_result_t;

extern const char *const register_import_kinds[]; /* NULL-terminated */
const char *register_import_kind_label(const char *kind);
/* Reads one file of the given kind and applies it in one transaction: all or nothing.
 * year is 0 when the caller gave none. On failure returns false and sets *err to a
 * Swedish message naming the file, row and column (allocated in a). */
bool register_import(db_t *db, const viewer_t *v, const char *kind, const char *filename, FILE *f, int year,
                     arena_t *a, reg_import_result_t *r, char **err);
/* The same for a file already in memory. */
bool register_import_data(db_t *db, const viewer_t *v, const char *kind, const char *filename, const char *data,
                          size_t len, int year, arena_t *a, reg_import_result_t *r, char **err);
/* Writes the summary lines of a result ("rader lästa: …") as plain text. */
void register_import_summary(const reg_import_result_t *r, buf_t *out);

typedef struct reg_import_log {
    int64_t at;
    const char *kind, *filename, *actor;
    int year;                 /* 0 when the file had none */
    long long rows_read, added, changed, unchanged, skipped;
} reg_import_log_t;
/* The latest imports, newest first. */
size_t register_recent_imports(db_t *db, size_t limit, arena_t *a, reg_import_log_t **out);

/* ---- parts of the unit page that other areas add ---- */

typedef struct unit_part {
    int order;
    /* Writes this part's section of a unit's page (the unit read through the viewer's
     * scope). */
    void (*section)(request_t *req, const reg_unit_t *u);
} unit_part_t;
#define UNIT_PART(descriptor) PLUGIN_ADD(unit_parts, descriptor)
/* Every other area's section of a unit's page, in order. */
void register_unit_parts(request_t *req, const reg_unit_t *u);
/* A unit's statistics as a table, years as columns; with national figures (nn > 0) each
 * variable's row is followed by the country's. */
void register_stats_table(request_t *req, const reg_stat_t *stats, size_t n, const reg_national_t *nat, size_t nn);

#endif
