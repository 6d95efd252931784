/* ranking.c — loads a ranking's inputs (live or frozen) and computes it with the pure
 * methods of model.c. Rows of the live register and of a round's copy have the same
 * shape, so everything after loading is shared. */
#include "ranking.h"
#include "selection.h"
#include "../base/alloc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_VARS = 8 };

static const char *const method_keys[RANK_METHOD_COUNT] = {"inspection", "results", "preschool", "criteria"};
static const char *const method_labels[RANK_METHOD_COUNT] = {
    "Skolinspektionens underlag", "Förväntade resultat", "Förskoleindex", "Myndighetens kriterier"};

const char *ranking_method_key(rank_method_t m) { return m < RANK_METHOD_COUNT ? method_keys[m] : ""; }
const char *ranking_method_label(rank_method_t m) { return m < RANK_METHOD_COUNT ? method_labels[m] : ""; }

int ranking_method_from_key(const char *key)
{
    for (int i = 0; key && i < RANK_METHOD_COUNT; i++)
        if (strcmp(method_keys[i], key) == 0)
            return i;
    return -1;
}

/* ---- loading ---- */

typedef struct unit_data {
    int64_t id, organiser_id;
    const char *code, *name, *organiser, *forms;
    double values[MAX_VARS];
    const char *flags[MAX_VARS];
} unit_data_t;

typedef struct dataset {
    unit_data_t *units;
    size_t n, cap;
} dataset_t;

/* Finds a unit by id (binary search: the set is kept ordered by id), adding it when add
 * is set. Rows arrive ordered by id, so an addition is almost always at the end. */
static unit_data_t *find_or_add(dataset_t *d, arena_t *a, db_stmt_t *st, bool add)
{
    int64_t id = db_col_int(st, 0);
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->units[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < d->n && d->units[lo].id == id)
        return &d->units[lo];
    if (!add)
        return NULL;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 1024;
        d->units = arena_realloc_array(a, d->units, d->n, d->cap, sizeof *d->units);
    }
    memmove(&d->units[lo + 1], &d->units[lo], (d->n - lo) * sizeof *d->units);
    d->n++;
    unit_data_t *u = &d->units[lo];
    memset(u, 0, sizeof *u);
    u->id = id;
    u->code = arena_strdup(a, db_col_text(st, 1));
    u->name = arena_strdup(a, db_col_text(st, 2));
    u->organiser_id = db_col_int(st, 3);
    u->organiser = arena_strdup(a, db_col_text(st, 4));
    u->forms = arena_strdup(a, db_col_text(st, 5));
    for (int k = 0; k < MAX_VARS; k++)
        u->values[k] = NAN;
    return u;
}

/* The same six leading columns from the register and from a round's copy. */
static const sql_t live_values_sql = SQL_CONST(
    "SELECT u.id, u.code, u.name, o.id, o.name, u.school_forms, s.value, s.flag FROM unit_stats s"
    " JOIN units u ON u.id = s.unit_id JOIN organisers o ON o.id = u.organiser_id"
    " WHERE s.year = ? AND s.variable = ? ORDER BY u.id");
static const sql_t round_values_sql = SQL_CONST(
    "SELECT unit_id, code, name, organiser_id, organiser, school_forms, value, flag FROM round_values"
    " WHERE year = ? AND variable = ? AND round_id = ? ORDER BY unit_id");

static void load_variable(db_t *db, const rank_params_t *p, dataset_t *d, arena_t *a, int slot,
                          const char *variable, int year, bool add)
{
    db_stmt_t *st = db_prepare_sql(db, p->round_id ? round_values_sql : live_values_sql);
    db_bind_int(st, 1, year);
    db_bind_text(st, 2, variable);
    if (p->round_id)
        db_bind_int(st, 3, p->round_id);
    while (st && db_step(st) == DB_ROW) {
        unit_data_t *u = find_or_add(d, a, st, add);
        if (!u)
            continue;
        if (!db_col_is_null(st, 6))
            u->values[slot] = db_col_double(st, 6);
        const char *flag = db_col_text(st, 7);
        if (flag && strcmp(flag, "implausible") == 0)
            u->flags[slot] = "implausible";
    }
    db_done(st);
}

static size_t split(arena_t *a, const char *list, const char **out, size_t max)
{
    size_t n = 0;
    char *copy = arena_strdup(a, list), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && n < max; tok = strtok_r(NULL, ",", &save))
        out[n++] = tok;
    return n;
}

/* Background variables come from the background file's year; the rest from the year. */
static bool is_background(const char *key)
{
    return strcmp(key, "foreign_bg") == 0 || strcmp(key, "parents_post_sec") == 0 ||
           strcmp(key, "pupils_1_9") == 0 || strcmp(key, "pupils_fk") == 0;
}

static void init_rows(ranking_t *r, arena_t *a, size_t n, size_t ncols)
{
    r->nrows = n;
    r->rows = arena_alloc(a, (n ? n : 1) * sizeof *r->rows);
    r->ncols = ncols;
    r->cols = arena_alloc(a, (ncols ? ncols : 1) * sizeof *r->cols);
    for (size_t i = 0; i < n; i++) {
        r->rows[i].cols = arena_alloc(a, (ncols ? ncols : 1) * sizeof(double));
        for (size_t c = 0; c < ncols; c++)
            r->rows[i].cols[c] = NAN;
        r->rows[i].value = NAN;
    }
}

/* Room for the per-variable figures of the index and the criteria. */
static void alloc_vars(ranking_t *r, arena_t *a, size_t n)
{
    r->nvars = n;
    r->vars = arena_alloc(a, n * sizeof *r->vars);
    r->weights = arena_alloc(a, n * sizeof(double));
    r->means = arena_alloc(a, n * sizeof(double));
    r->sds = arena_alloc(a, n * sizeof(double));
    r->signs = arena_alloc(a, n * sizeof(int));
}

static void row_from_unit(rank_row_t *row, const unit_data_t *u)
{
    row->unit_id = u->id;
    row->organiser_id = u->organiser_id;
    row->code = u->code;
    row->name = u->name;
    row->organiser = u->organiser;
    row->school_forms = u->forms;
}

static bool known_variable(const char *key, char **err, arena_t *a)
{
    static const char *const known[] = {"merit17", "pass_all", "eligible_voc", "foreign_bg", "parents_post_sec",
                                        "degree_share", "no_ped_share", "children_per_staff", "parents_compulsory",
                                        "licensed_share", "children", "fte_staff", "pupils_grade9", NULL};
    for (const char *const *k = known; *k; k++)
        if (strcmp(*k, key) == 0)
            return true;
    *err = arena_printf(a, "okänd variabel \"%s\"", key);
    return false;
}

/* Names the missing variables of a unit and any implausible value. */
static const char *unit_note(arena_t *a, const unit_data_t *u, const char **keys, size_t nv, bool *flagged)
{
    buf_t b = BUF_INIT;
    *flagged = false;
    for (size_t k = 0; k < nv; k++)
        if (isnan(u->values[k]))
            buf_printf(&b, "%s%s", b.len ? " " : "saknar ", keys[k]);
    for (size_t k = 0; k < nv; k++)
        if (u->flags[k]) {
            buf_printf(&b, "%sorimligt värde: %s", b.len ? "; " : "", keys[k]);
            *flagged = true;
        }
    const char *s = b.len ? arena_strdup(a, buf_cstr(&b)) : "";
    buf_free(&b);
    return s;
}

/* ---- the four methods ---- */

static bool compute_preschool(db_t *db, const rank_params_t *p, arena_t *a, ranking_t *r, char **err)
{
    const char *keys[MAX_VARS];
    size_t nv = split(a, p->vars ? p->vars : "degree_share,children_per_staff", keys, MAX_VARS);
    if (nv == 0) {
        *err = arena_strdup(a, "ange minst en variabel");
        return false;
    }
    double weights[MAX_VARS];
    for (size_t k = 0; k < nv; k++) {
        weights[k] = 1;
        if (!known_variable(keys[k], err, a))
            return false;
    }
    if (p->weights && *p->weights) {
        const char *w[MAX_VARS];
        if (split(a, p->weights, w, MAX_VARS) != nv) {
            *err = arena_printf(a, "ange en vikt per variabel (%zu)", nv);
            return false;
        }
        for (size_t k = 0; k < nv; k++) {
            char *end;
            weights[k] = strtod(w[k], &end);
            if (*end || !(weights[k] > 0) || weights[k] > 1000) {
                *err = arena_printf(a, "vikten \"%s\" ska vara ett tal större än 0", w[k]);
                return false;
            }
        }
    }
    dataset_t d = {0};
    sel_variable_t vars[MAX_VARS];
    for (size_t k = 0; k < nv; k++) {
        vars[k] = (sel_variable_t){keys[k], strcmp(keys[k], "degree_share") == 0 ? -1 : 1, weights[k]};
        load_variable(db, p, &d, a, (int)k, keys[k], p->year, true);
    }
    sel_unit_t *units = arena_alloc(a, (d.n ? d.n : 1) * sizeof *units);
    sel_index_row_t *ir = arena_alloc(a, (d.n ? d.n : 1) * sizeof *ir);
    for (size_t i = 0; i < d.n; i++) {
        units[i] = (sel_unit_t){d.units[i].code, d.units[i].values};
        ir[i].z = arena_alloc(a, nv * sizeof(double));
        ir[i].contribution = arena_alloc(a, nv * sizeof(double));
        ir[i].percentile = arena_alloc(a, nv * sizeof(double));
    }
    sel_variable_stats_t stats[MAX_VARS];
    selection_index(units, d.n, vars, nv, ir, stats);
    init_rows(r, a, d.n, nv * 4);
    static const char *const what[4] = {"value", "z", "percentile", "contribution"};
    for (size_t k = 0; k < nv; k++)
        for (int w = 0; w < 4; w++)
            r->cols[k * 4 + (size_t)w] = (rank_column_t){w ? arena_printf(a, "%s_%s", keys[k], what[w]) : keys[k],
                                                         keys[k], what[w]};
    r->value_key = "index";
    alloc_vars(r, a, nv);
    for (size_t k = 0; k < nv; k++) {
        r->vars[k] = keys[k];
        r->weights[k] = weights[k];
        r->means[k] = stats[k].mean;
        r->sds[k] = stats[k].sd;
        r->signs[k] = vars[k].sign;
    }
    for (size_t i = 0; i < d.n; i++) {
        const unit_data_t *u = &d.units[ir[i].unit];
        rank_row_t *row = &r->rows[i];
        row_from_unit(row, u);
        row->rank = ir[i].rank;
        row->value = ir[i].ranked ? ir[i].index : NAN;
        r->ranked += ir[i].ranked;
        for (size_t k = 0; k < nv; k++) {
            row->cols[k * 4] = u->values[k];
            row->cols[k * 4 + 1] = ir[i].z[k];
            row->cols[k * 4 + 2] = ir[i].percentile[k];
            row->cols[k * 4 + 3] = ir[i].contribution[k];
        }
        row->note = unit_note(a, u, keys, nv, &row->flagged);
    }
    return true;
}

static bool compute_results(db_t *db, const rank_params_t *p, arena_t *a, ranking_t *r, char **err)
{
    const char *result = p->result && *p->result ? p->result : "merit17";
    const char *bg[MAX_VARS - 1];
    size_t k = split(a, p->background && *p->background ? p->background : "foreign_bg,parents_post_sec", bg,
                     MAX_VARS - 1);
    if (!known_variable(result, err, a))
        return false;
    for (size_t j = 0; j < k; j++)
        if (!known_variable(bg[j], err, a))
            return false;
    dataset_t d = {0};
    load_variable(db, p, &d, a, 0, result, p->year, true);
    int bg_year = p->background_year ? p->background_year : p->year;
    for (size_t j = 0; j < k; j++)
        load_variable(db, p, &d, a, (int)j + 1, bg[j], bg_year, false);
    size_t n = d.n;
    double *y = arena_alloc(a, (n ? n : 1) * sizeof *y), *e = arena_alloc(a, (n ? n : 1) * sizeof *e);
    double *res = arena_alloc(a, (n ? n : 1) * sizeof *res);
    const double *x[MAX_VARS];
    for (size_t j = 0; j < k; j++) {
        double *col = arena_alloc(a, (n ? n : 1) * sizeof *col);
        for (size_t i = 0; i < n; i++)
            col[i] = d.units[i].values[j + 1];
        x[j] = col;
    }
    for (size_t i = 0; i < n; i++)
        y[i] = d.units[i].values[0];
    r->coef = arena_alloc(a, (k + 1) * sizeof(double));
    sel_ols_t fit;
    if (!selection_ols(y, x, k, n, r->coef, e, res, &fit)) {
        *err = arena_printf(a, "modellen kan inte skattas: %s (n = %zu)",
                            fit.singular ? "bakgrundsvariablerna är linjärt beroende" : "för få enheter med alla värden",
                            fit.n);
        return false;
    }
    r->n = fit.n;
    r->r2 = fit.r2;
    r->coef_keys = arena_alloc(a, (k + 1) * sizeof *r->coef_keys);
    r->coef_keys[0] = "intercept";
    for (size_t j = 0; j < k; j++)
        r->coef_keys[j + 1] = bg[j];
    /* Rank by residual, lowest first (results furthest below what the background
     * predicts); the units without every value follow, by code. */
    sel_unit_t *units = arena_alloc(a, (n ? n : 1) * sizeof *units);
    sel_index_row_t *ir = arena_alloc(a, (n ? n : 1) * sizeof *ir);
    double *neg = arena_alloc(a, (n ? n : 1) * sizeof *neg);
    for (size_t i = 0; i < n; i++) {
        neg[i] = -res[i];
        units[i] = (sel_unit_t){d.units[i].code, &neg[i]};
    }
    const sel_variable_t by_residual = {"residual", 1, 1};
    sel_variable_stats_t st;
    selection_index(units, n, &by_residual, 1, ir, &st);
    init_rows(r, a, n, k + 2);
    r->value_key = "residual";
    r->cols[0] = (rank_column_t){result, result, "value"};
    r->cols[1] = (rank_column_t){"expected", result, "expected"};
    for (size_t j = 0; j < k; j++)
        r->cols[j + 2] = (rank_column_t){bg[j], bg[j], "value"};
    const char *keys[MAX_VARS];
    keys[0] = result;
    for (size_t j = 0; j < k; j++)
        keys[j + 1] = bg[j];
    for (size_t i = 0; i < n; i++) {
        size_t u = ir[i].unit;
        rank_row_t *row = &r->rows[i];
        row_from_unit(row, &d.units[u]);
        row->rank = ir[i].rank;
        row->value = res[u];
        r->ranked += ir[i].ranked;
        row->cols[0] = y[u];
        row->cols[1] = e[u];
        for (size_t j = 0; j < k; j++)
            row->cols[j + 2] = x[j][u];
        row->note = unit_note(a, &d.units[u], keys, k + 1, &row->flagged);
    }
    return true;
}

static bool compute_inspection(db_t *db, const rank_params_t *p, arena_t *a, ranking_t *r, char **err)
{
    (void)err;
    /* Each unit's latest decision within the dates; the round keeps exactly those. */
    db_stmt_t *st = db_prepare_sql(
        db, p->round_id
                ? SQL("SELECT unit_id, code, name, organiser_id, organiser, school_forms, decision_date, fine,"
                      " work_areas, critical_factors FROM round_inspections WHERE round_id = ? ORDER BY unit_id")
                : SQL("SELECT u.id, u.code, u.name, o.id, o.name, u.school_forms, d.decision_date, d.fine, d.work_areas,"
                      " d.critical_factors FROM inspection_decisions d JOIN units u ON u.id = d.unit_id"
                      " JOIN organisers o ON o.id = u.organiser_id WHERE d.decision_date >= ? AND d.decision_date <= ?"
                      " ORDER BY u.id, d.decision_date DESC"));
    if (p->round_id) {
        db_bind_int(st, 1, p->round_id);
    } else {
        db_bind_text(st, 1, p->since && *p->since ? p->since : "0000-00-00");
        db_bind_text(st, 2, p->until && *p->until ? p->until : "9999-99-99");
    }
    size_t n = 0, cap = 64;
    rank_row_t *rows = arena_alloc(a, cap * sizeof *rows);
    sel_inspection_t *items = arena_alloc(a, cap * sizeof *items);
    while (st && db_step(st) == DB_ROW) {
        if (n && rows[n - 1].unit_id == db_col_int(st, 0))
            continue; /* an older decision on the same unit */
        if (n == cap) {
            rows = arena_realloc_array(a, rows, n, cap * 2, sizeof *rows);
            items = arena_realloc_array(a, items, n, cap * 2, sizeof *items);
            cap *= 2;
        }
        rank_row_t *row = &rows[n];
        memset(row, 0, sizeof *row);
        row->unit_id = db_col_int(st, 0);
        row->code = arena_strdup(a, db_col_text(st, 1));
        row->name = arena_strdup(a, db_col_text(st, 2));
        row->organiser_id = db_col_int(st, 3);
        row->organiser = arena_strdup(a, db_col_text(st, 4));
        row->school_forms = arena_strdup(a, db_col_text(st, 5));
        row->decision_date = arena_strdup(a, db_col_text(st, 6));
        row->fine = db_col_int(st, 7) != 0;
        items[n] = (sel_inspection_t){row->code, row->fine, (int)db_col_int(st, 8), (int)db_col_int(st, 9)};
        n++;
    }
    db_done(st);
    size_t *order = arena_alloc(a, (n ? n : 1) * sizeof *order);
    selection_inspection_order(items, n, order);
    init_rows(r, a, n, 3);
    r->value_key = "priority";
    r->cols[0] = (rank_column_t){"fine", "fine", "value"};
    r->cols[1] = (rank_column_t){"work_areas", "work_areas", "value"};
    r->cols[2] = (rank_column_t){"critical_factors", "critical_factors", "value"};
    for (size_t i = 0; i < n; i++) {
        const sel_inspection_t *it = &items[order[i]];
        double *cols = r->rows[i].cols;
        r->rows[i] = rows[order[i]];
        r->rows[i].cols = cols;
        r->rows[i].rank = (int)i + 1;
        /* The priority key sorts like the rule: fine, then work areas, then factors. */
        r->rows[i].value = (it->fine ? 10000 : 0) + it->work_areas * 100 + it->critical_factors;
        cols[0] = it->fine;
        cols[1] = it->work_areas;
        cols[2] = it->critical_factors;
        r->rows[i].note = "";
    }
    r->ranked = n;
    return true;
}

static bool compute_criteria(db_t *db, const rank_params_t *p, arena_t *a, ranking_t *r, char **err)
{
    db_stmt_t *st = db_prepare(db, "SELECT name, version FROM criteria_sets WHERE id = ?");
    db_bind_int(st, 1, p->criteria_set_id);
    bool found = st && db_step(st) == DB_ROW;
    if (found) {
        r->criteria_name = arena_strdup(a, db_col_text(st, 0));
        r->criteria_version = (int)db_col_int(st, 1);
    }
    db_done(st);
    if (!found) {
        *err = arena_strdup(a, "kriterieuppsättningen finns inte");
        return false;
    }
    sel_criterion_t crit[MAX_VARS];
    const char *keys[MAX_VARS];
    size_t nc = 0;
    st = db_prepare(db, "SELECT variable, direction, weight, threshold FROM criteria WHERE set_id = ? ORDER BY position");
    db_bind_int(st, 1, p->criteria_set_id);
    while (st && db_step(st) == DB_ROW && nc < MAX_VARS) {
        keys[nc] = arena_strdup(a, db_col_text(st, 0));
        crit[nc] = (sel_criterion_t){keys[nc], (int)db_col_int(st, 1), db_col_double(st, 2),
                                     db_col_is_null(st, 3) ? NAN : db_col_double(st, 3)};
        nc++;
    }
    db_done(st);
    if (nc == 0) {
        *err = arena_strdup(a, "kriterieuppsättningen har inga kriterier");
        return false;
    }
    dataset_t d = {0};
    int bg_year = p->background_year ? p->background_year : p->year;
    for (size_t c = 0; c < nc; c++)
        load_variable(db, p, &d, a, (int)c, keys[c], is_background(keys[c]) ? bg_year : p->year, true);
    sel_unit_t *units = arena_alloc(a, (d.n ? d.n : 1) * sizeof *units);
    sel_score_row_t *sr = arena_alloc(a, (d.n ? d.n : 1) * sizeof *sr);
    for (size_t i = 0; i < d.n; i++) {
        units[i] = (sel_unit_t){d.units[i].code, d.units[i].values};
        sr[i].percentile = arena_alloc(a, nc * sizeof(double));
    }
    selection_criteria_score(units, d.n, crit, nc, sr);
    init_rows(r, a, d.n, nc * 2);
    r->value_key = "score";
    alloc_vars(r, a, nc);
    for (size_t c = 0; c < nc; c++) {
        r->vars[c] = keys[c];
        r->weights[c] = crit[c].weight;
        r->signs[c] = crit[c].direction;
        r->means[c] = crit[c].threshold; /* for the criteria, the threshold (NAN: none) */
        r->sds[c] = NAN;
        r->cols[c * 2] = (rank_column_t){keys[c], keys[c], "value"};
        r->cols[c * 2 + 1] = (rank_column_t){arena_printf(a, "%s_percentile", keys[c]), keys[c], "percentile"};
    }
    for (size_t i = 0; i < d.n; i++) {
        const unit_data_t *u = &d.units[sr[i].unit];
        rank_row_t *row = &r->rows[i];
        row_from_unit(row, u);
        row->rank = sr[i].rank;
        row->value = sr[i].eligible ? sr[i].score : NAN;
        r->ranked += sr[i].eligible;
        for (size_t c = 0; c < nc; c++) {
            row->cols[c * 2] = u->values[c];
            row->cols[c * 2 + 1] = sr[i].percentile[c];
        }
        row->note = unit_note(a, u, keys, nc, &row->flagged);
        if (!sr[i].eligible && !*row->note) {
            buf_t b = BUF_INIT;
            for (size_t c = 0; c < nc; c++)
                if (!isnan(crit[c].threshold) && u->values[c] * crit[c].direction < crit[c].threshold * crit[c].direction)
                    buf_printf(&b, "%s%s når inte gränsen", b.len ? "; " : "", keys[c]);
            row->note = arena_strdup(a, buf_cstr(&b));
            buf_free(&b);
        }
    }
    return true;
}

bool ranking_compute(db_t *db, const rank_params_t *p, arena_t *a, ranking_t *r, char **err)
{
    memset(r, 0, sizeof *r);
    r->method = p->method;
    *err = NULL;
    switch (p->method) {
    case RANK_INSPECTION: return compute_inspection(db, p, a, r, err);
    case RANK_RESULTS: return compute_results(db, p, a, r, err);
    case RANK_PRESCHOOL: return compute_preschool(db, p, a, r, err);
    case RANK_CRITERIA: return compute_criteria(db, p, a, r, err);
    case RANK_METHOD_COUNT: break;
    }
    *err = arena_strdup(a, "okänd metod");
    return false;
}

static bool in_sorted(const int64_t *ids, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ids[mid] == id)
            return true;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

void ranking_mark_coordinated(ranking_t *r, const int64_t *organisers, size_t n, bool prefer)
{
    for (size_t i = 0; i < r->nrows; i++)
        r->rows[i].coordinated = in_sorted(organisers, n, r->rows[i].organiser_id);
    if (!prefer)
        return;
    /* A stable partition of the ranked rows: coordinated first, rank order kept. */
    rank_row_t *tmp = xmalloc((r->ranked ? r->ranked : 1) * sizeof *tmp);
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < r->ranked; i++)
            if (r->rows[i].coordinated == (pass == 0))
                tmp[k++] = r->rows[i];
    memcpy(r->rows, tmp, r->ranked * sizeof *tmp);
    free(tmp);
}

const rank_row_t *ranking_find(const ranking_t *r, const char *code)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (strcmp(r->rows[i].code, code) == 0)
            return &r->rows[i];
    return NULL;
}
