/* cli.c — `samverkan index preschool|results`: the rankings over the imported statistics,
 * printed as CSV (rank,code,name,organiser,value, then per-variable columns) or JSON. */
#include "selection.h"
#include "selection_cli.h"
#include "../base/alloc.h"
#include "../base/arena.h"
#include "../base/buf.h"
#include "../io/export.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_VARS = 8 };

typedef struct unit_data {
    int64_t id;
    const char *code, *name, *organiser;
    double values[MAX_VARS];
} unit_data_t;

typedef struct dataset {
    unit_data_t *units;
    size_t n, cap;
} dataset_t;

/* Finds a unit by id (binary search: the data set is kept ordered by id), adding it when
 * add is set. Rows arrive ordered by id, so an addition is almost always at the end. */
static unit_data_t *find_or_add(dataset_t *d, arena_t *a, int64_t id, const char *code, const char *name,
                                const char *org, bool add)
{
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
        d->units = xrealloc(d->units, d->cap * sizeof *d->units);
    }
    memmove(&d->units[lo + 1], &d->units[lo], (d->n - lo) * sizeof *d->units);
    d->n++;
    unit_data_t *u = &d->units[lo];
    u->id = id;
    u->code = arena_strdup(a, code);
    u->name = arena_strdup(a, name);
    u->organiser = arena_strdup(a, org);
    for (int k = 0; k < MAX_VARS; k++)
        u->values[k] = NAN;
    return u;
}

/* Loads variable slot k for a year; add: units not yet seen join the data set. */
static void load_variable(db_t *db, dataset_t *d, arena_t *a, int slot, const char *variable, int year, bool add)
{
    db_stmt_t *st = db_prepare(db, "SELECT u.id, u.code, u.name, o.name, s.value FROM unit_stats s"
                                   " JOIN units u ON u.id = s.unit_id JOIN organisers o ON o.id = u.organiser_id"
                                   " WHERE s.year = ? AND s.variable = ? ORDER BY u.id");
    db_bind_int(st, 1, year);
    db_bind_text(st, 2, variable);
    while (st && db_step(st) == DB_ROW) {
        unit_data_t *u = find_or_add(d, a, db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2),
                                     db_col_text(st, 3), add);
        if (u && !db_col_is_null(st, 4))
            u->values[slot] = db_col_double(st, 4);
    }
    db_done(st);
}

static size_t split(char *list, const char **out, size_t max)
{
    size_t n = 0;
    for (char *tok = strtok(list, ","); tok && n < max; tok = strtok(NULL, ","))
        out[n++] = tok;
    return n;
}

static void csv_num(buf_t *o, double v)
{
    if (!isnan(v))
        buf_printf(o, "%.6f", v);
}

static void csv_text(buf_t *o, const char *s)
{
    buf_putc(o, '"');
    if (export_needs_neutralising(s))
        buf_putc(o, '\'');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(o, '"');
        buf_putc(o, *s);
    }
    buf_putc(o, '"');
}

/* Appends j as indented JSON with a final newline and releases it. */
static void emit_json(buf_t *o, json_t *j)
{
    char *text = json_dumps(j, JSON_INDENT(1));
    buf_puts(o, text);
    buf_putc(o, '\n');
    free(text);
    json_decref(j);
}

/* Orientation of the preschool variables (SPEC §4): degree share −1, the others +1. */
static int preschool_sign(const char *key)
{
    return strcmp(key, "degree_share") == 0 ? -1 : 1;
}

static int index_preschool(db_t *db, int year, const char *vars_arg, const char *weights_arg, bool json, arena_t *a)
{
    char *vlist = arena_strdup(a, vars_arg ? vars_arg : "degree_share,no_ped_share,children_per_staff,foreign_bg,parents_compulsory");
    const char *keys[MAX_VARS];
    size_t nv = split(vlist, keys, MAX_VARS);
    sel_variable_t vars[MAX_VARS];
    double weights[MAX_VARS];
    for (size_t k = 0; k < nv; k++)
        weights[k] = 1;
    if (weights_arg) {
        char *wlist = arena_strdup(a, weights_arg);
        const char *w[MAX_VARS];
        if (split(wlist, w, MAX_VARS) != nv) {
            fprintf(stderr, "samverkan: --weights ska ha en vikt per variabel (%zu)\n", nv);
            return 2;
        }
        for (size_t k = 0; k < nv; k++) {
            char *end;
            weights[k] = strtod(w[k], &end);
            if (*end || !(weights[k] > 0)) {
                fprintf(stderr, "samverkan: vikten \"%s\" ska vara ett tal större än 0\n", w[k]);
                return 2;
            }
        }
    }
    dataset_t d = {0};
    for (size_t k = 0; k < nv; k++) {
        vars[k] = (sel_variable_t){keys[k], preschool_sign(keys[k]), weights[k]};
        load_variable(db, &d, a, (int)k, keys[k], year, true);
    }
    sel_unit_t *units = arena_alloc(a, (d.n ? d.n : 1) * sizeof *units);
    sel_index_row_t *rows = arena_alloc(a, (d.n ? d.n : 1) * sizeof *rows);
    for (size_t i = 0; i < d.n; i++) {
        units[i] = (sel_unit_t){d.units[i].code, d.units[i].values};
        rows[i].z = arena_alloc(a, nv * sizeof(double));
        rows[i].contribution = arena_alloc(a, nv * sizeof(double));
        rows[i].percentile = arena_alloc(a, nv * sizeof(double));
    }
    sel_variable_stats_t stats[MAX_VARS];
    selection_index(units, d.n, vars, nv, rows, stats);
    buf_t o = BUF_INIT;
    if (json) {
        json_t *j = json_pack("{s:s, s:i}", "method", "preschool_index", "year", year), *jv = json_array(), *jr = json_array();
        for (size_t k = 0; k < nv; k++)
            json_array_append_new(jv, json_pack("{s:s, s:i, s:f, s:I, s:o, s:o}", "key", keys[k], "sign", vars[k].sign,
                                                "weight", vars[k].weight, "n", (json_int_t)stats[k].n, "mean",
                                                isnan(stats[k].mean) ? json_null() : json_real(stats[k].mean), "sd",
                                                isnan(stats[k].sd) ? json_null() : json_real(stats[k].sd)));
        for (size_t i = 0; i < d.n; i++) {
            const unit_data_t *u = &d.units[rows[i].unit];
            json_t *r = json_pack("{s:s, s:s, s:s}", "code", u->code, "name", u->name, "organiser", u->organiser);
            json_object_set_new(r, "rank", rows[i].ranked ? json_integer(rows[i].rank) : json_null());
            json_object_set_new(r, "index", rows[i].ranked ? json_real(rows[i].index) : json_null());
            json_t *per = json_object(), *missing = json_array();
            for (size_t k = 0; k < nv; k++) {
                double x = u->values[k];
                if (isnan(x)) {
                    json_array_append_new(missing, json_string(keys[k]));
                    continue;
                }
                json_object_set_new(per, keys[k], json_pack("{s:f, s:f, s:f, s:f}", "value", x, "z", rows[i].z[k],
                                                            "percentile", rows[i].percentile[k], "contribution",
                                                            rows[i].contribution[k]));
            }
            json_object_set_new(r, "variables", per);
            json_object_set_new(r, "missing", missing);
            json_array_append_new(jr, r);
        }
        json_object_set_new(j, "variables", jv);
        json_object_set_new(j, "rows", jr);
        emit_json(&o, j);
    } else {
        buf_puts(&o, "rank,code,name,organiser,value");
        for (size_t k = 0; k < nv; k++)
            buf_printf(&o, ",%s,%s_z,%s_percentile,%s_contribution", keys[k], keys[k], keys[k], keys[k]);
        buf_puts(&o, ",missing\n");
        for (size_t i = 0; i < d.n; i++) {
            const unit_data_t *u = &d.units[rows[i].unit];
            if (rows[i].ranked)
                buf_printf(&o, "%d", rows[i].rank);
            buf_printf(&o, ",%s,", u->code);
            csv_text(&o, u->name);
            buf_putc(&o, ',');
            csv_text(&o, u->organiser);
            buf_putc(&o, ',');
            csv_num(&o, rows[i].ranked ? rows[i].index : NAN);
            buf_t missing = BUF_INIT;
            for (size_t k = 0; k < nv; k++) {
                buf_putc(&o, ',');
                csv_num(&o, u->values[k]);
                buf_putc(&o, ',');
                csv_num(&o, rows[i].z[k]);
                buf_putc(&o, ',');
                csv_num(&o, rows[i].percentile[k]);
                buf_putc(&o, ',');
                csv_num(&o, rows[i].contribution[k]);
                if (isnan(u->values[k]))
                    buf_printf(&missing, "%s%s", missing.len ? " " : "", keys[k]);
            }
            buf_printf(&o, ",%s\n", buf_cstr(&missing));
            buf_free(&missing);
        }
    }
    fputs(buf_cstr(&o), stdout);
    buf_free(&o);
    free(d.units);
    return 0;
}

static int index_results(db_t *db, int year, const char *result, const char *bg_arg, int bg_year, bool json, arena_t *a)
{
    char *blist = arena_strdup(a, bg_arg ? bg_arg : "foreign_bg,parents_post_sec");
    const char *bg[MAX_VARS - 1];
    size_t k = split(blist, bg, MAX_VARS - 1);
    dataset_t d = {0};
    load_variable(db, &d, a, 0, result, year, true);
    for (size_t j = 0; j < k; j++)
        load_variable(db, &d, a, (int)j + 1, bg[j], bg_year ? bg_year : year, false);
    size_t n = d.n;
    double *y = arena_alloc(a, (n ? n : 1) * sizeof *y), *e = arena_alloc(a, (n ? n : 1) * sizeof *e);
    double *r = arena_alloc(a, (n ? n : 1) * sizeof *r), coef[MAX_VARS];
    const double *x[MAX_VARS];
    for (size_t j = 0; j < k; j++) {
        double *col = arena_alloc(a, (n ? n : 1) * sizeof *col);
        for (size_t i = 0; i < n; i++)
            col[i] = d.units[i].values[j + 1];
        x[j] = col;
    }
    for (size_t i = 0; i < n; i++)
        y[i] = d.units[i].values[0];
    sel_ols_t fit;
    if (!selection_ols(y, x, k, n, coef, e, r, &fit)) {
        fprintf(stderr, "samverkan: modellen kan inte skattas: %s (n = %zu)\n",
                fit.singular ? "bakgrundsvariablerna är linjärt beroende" : "för få enheter med alla värden", fit.n);
        free(d.units);
        return 1;
    }
    /* Rank by residual, lowest first (results furthest below what the background predicts);
     * the units without every value follow, by code. */
    sel_unit_t *units = arena_alloc(a, (n ? n : 1) * sizeof *units);
    sel_index_row_t *rows = arena_alloc(a, (n ? n : 1) * sizeof *rows);
    double *neg = arena_alloc(a, (n ? n : 1) * sizeof *neg);
    for (size_t i = 0; i < n; i++) {
        neg[i] = -r[i];
        units[i] = (sel_unit_t){d.units[i].code, &neg[i]};
    }
    const sel_variable_t by_residual = {"residual", 1, 1};
    sel_variable_stats_t st;
    selection_index(units, n, &by_residual, 1, rows, &st); /* rank only: z is not used */
    buf_t o = BUF_INIT;
    if (json) {
        json_t *j = json_pack("{s:s, s:i, s:s, s:I, s:f}", "method", "expected_results", "year", year, "result", result,
                              "n", (json_int_t)fit.n, "r2", fit.r2), *jc = json_object(), *jr = json_array();
        json_object_set_new(jc, "intercept", json_real(coef[0]));
        for (size_t jj = 0; jj < k; jj++)
            json_object_set_new(jc, bg[jj], json_real(coef[jj + 1]));
        for (size_t i = 0; i < n; i++) {
            size_t u = rows[i].unit;
            json_t *row = json_pack("{s:s, s:s, s:s}", "code", d.units[u].code, "name", d.units[u].name, "organiser",
                                    d.units[u].organiser);
            json_object_set_new(row, "rank", rows[i].ranked ? json_integer(rows[i].rank) : json_null());
            json_object_set_new(row, "actual", isnan(y[u]) ? json_null() : json_real(y[u]));
            json_object_set_new(row, "expected", isnan(e[u]) ? json_null() : json_real(e[u]));
            json_object_set_new(row, "residual", isnan(r[u]) ? json_null() : json_real(r[u]));
            json_array_append_new(jr, row);
        }
        json_object_set_new(j, "coefficients", jc);
        json_object_set_new(j, "rows", jr);
        emit_json(&o, j);
    } else {
        buf_printf(&o, "rank,code,name,organiser,value,%s,expected", result);
        for (size_t jj = 0; jj < k; jj++)
            buf_printf(&o, ",%s", bg[jj]);
        buf_puts(&o, "\n");
        for (size_t i = 0; i < n; i++) {
            size_t u = rows[i].unit;
            if (rows[i].ranked)
                buf_printf(&o, "%d", rows[i].rank);
            buf_printf(&o, ",%s,", d.units[u].code);
            csv_text(&o, d.units[u].name);
            buf_putc(&o, ',');
            csv_text(&o, d.units[u].organiser);
            buf_putc(&o, ',');
            csv_num(&o, r[u]);
            buf_putc(&o, ',');
            csv_num(&o, y[u]);
            buf_putc(&o, ',');
            csv_num(&o, e[u]);
            for (size_t jj = 0; jj < k; jj++) {
                buf_putc(&o, ',');
                csv_num(&o, x[jj][u]);
            }
            buf_putc(&o, '\n');
        }
        fprintf(stderr, "n = %zu, R² = %.4f, intercept = %.6f", fit.n, fit.r2, coef[0]);
        for (size_t jj = 0; jj < k; jj++)
            fprintf(stderr, ", %s = %.6f", bg[jj], coef[jj + 1]);
        fputc('\n', stderr);
    }
    fputs(buf_cstr(&o), stdout);
    buf_free(&o);
    free(d.units);
    return 0;
}

int selection_cli_index(db_t *db, const char *method, int year, const char *vars, const char *weights,
                        const char *result, const char *background, int background_year, const char *format)
{
    bool json = format && strcmp(format, "json") == 0;
    if (format && !json && strcmp(format, "csv") != 0) {
        fprintf(stderr, "samverkan: --format ska vara csv eller json\n");
        return 2;
    }
    arena_t a = ARENA_INIT;
    int rc;
    if (strcmp(method, "preschool") == 0)
        rc = index_preschool(db, year, vars, weights, json, &a);
    else if (strcmp(method, "results") == 0)
        rc = index_results(db, year, result ? result : "merit17", background, background_year, json, &a);
    else {
        fprintf(stderr, "samverkan: okänd metod \"%s\" (preschool eller results)\n", method);
        rc = 2;
    }
    arena_free(&a);
    return rc;
}
