/* ranking_out.c — a ranking as CSV, as JSON and as plain Swedish sentences. Numbers in
 * CSV and JSON have a fixed form, so the same inputs give the same bytes. */
#include "ranking.h"
#include "../base/fmt.h"
#include "../io/export.h"
#include "../register/register.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

void ranking_csv(const ranking_t *r, buf_t *o)
{
    buf_puts(o, "rank,code,name,organiser,value");
    for (size_t c = 0; c < r->ncols; c++)
        buf_printf(o, ",%s", r->cols[c].key);
    if (r->method == RANK_INSPECTION)
        buf_puts(o, ",decision_date");
    if (r->method == RANK_PRESCHOOL)
        buf_puts(o, ",coordinated");
    buf_puts(o, ",note\n");
    for (size_t i = 0; i < r->nrows; i++) {
        const rank_row_t *row = &r->rows[i];
        if (row->rank)
            buf_printf(o, "%d", row->rank);
        buf_printf(o, ",%s,", row->code);
        csv_text(o, row->name);
        buf_putc(o, ',');
        csv_text(o, row->organiser);
        buf_putc(o, ',');
        csv_num(o, row->value);
        for (size_t c = 0; c < r->ncols; c++) {
            buf_putc(o, ',');
            csv_num(o, row->cols[c]);
        }
        if (r->method == RANK_INSPECTION)
            buf_printf(o, ",%s", row->decision_date ? row->decision_date : "");
        if (r->method == RANK_PRESCHOOL)
            buf_printf(o, ",%d", row->coordinated);
        buf_putc(o, ',');
        csv_text(o, row->note ? row->note : "");
        buf_putc(o, '\n');
    }
}

static json_t *num_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

json_t *ranking_json_meta(const ranking_t *r)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:I}", "method", ranking_method_key(r->method), "label",
                          ranking_method_label(r->method), "value_key", r->value_key, "ranked", (json_int_t)r->ranked);
    json_t *coef = json_object();
    if (r->method == RANK_RESULTS)
        for (size_t k = 0; k < r->ncols - 1; k++)
            json_object_set_new(coef, r->coef_keys[k], json_real(r->coef[k]));
    json_object_set_new(j, "n", r->method == RANK_RESULTS ? json_integer((json_int_t)r->n) : json_null());
    json_object_set_new(j, "r2", r->method == RANK_RESULTS ? json_real(r->r2) : json_null());
    json_object_set_new(j, "coefficients", coef);
    json_t *vars = json_array();
    for (size_t k = 0; k < r->nvars; k++) {
        bool crit = r->method == RANK_CRITERIA;
        json_array_append_new(vars, json_pack("{s:s, s:i, s:f, s:o, s:o, s:o}", "key", r->vars[k], "direction",
                                              r->signs[k], "weight", r->weights[k], "threshold",
                                              crit ? num_or_null(r->means[k]) : json_null(), "mean",
                                              crit ? json_null() : num_or_null(r->means[k]), "sd",
                                              crit ? json_null() : num_or_null(r->sds[k])));
    }
    json_object_set_new(j, "variables", vars);
    json_object_set_new(j, "criteria_set", r->criteria_name ? json_pack("{s:s, s:i}", "name", r->criteria_name,
                                                                        "version", r->criteria_version)
                                                            : json_null());
    return j;
}

json_t *ranking_json_row(const ranking_t *r, size_t i)
{
    const rank_row_t *row = &r->rows[i];
    json_t *values = json_object();
    for (size_t c = 0; c < r->ncols; c++)
        json_object_set_new(values, r->cols[c].key, num_or_null(row->cols[c]));
    bool pre = r->method == RANK_PRESCHOOL;
    return json_pack("{s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:o, s:o, s:o}", "rank",
                     row->rank ? json_integer(row->rank) : json_null(), "code", row->code, "name", row->name,
                     "organiser_name", row->organiser, "value", num_or_null(row->value), "values", values, "note",
                     row->note && *row->note ? json_string(row->note) : json_null(), "flagged", (int)row->flagged,
                     "coordinated", pre ? json_boolean(row->coordinated) : json_null(), "organiser_injunction",
                     pre ? json_boolean(row->organiser_injunction) : json_null(), "decision_date",
                     row->decision_date ? json_string(row->decision_date) : json_null());
}

json_t *ranking_json(const ranking_t *r, size_t from, size_t count)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:I}", "method", ranking_method_key(r->method), "label",
                          ranking_method_label(r->method), "value_key", r->value_key, "ranked", (json_int_t)r->ranked,
                          "rows_total", (json_int_t)r->nrows);
    if (r->method == RANK_RESULTS) {
        json_t *coef = json_object();
        for (size_t k = 0; k < r->ncols - 1; k++)
            json_object_set_new(coef, r->coef_keys[k], json_real(r->coef[k]));
        json_object_set_new(j, "n", json_integer((json_int_t)r->n));
        json_object_set_new(j, "r2", json_real(r->r2));
        json_object_set_new(j, "coefficients", coef);
    }
    if (r->nvars) {
        json_t *vars = json_array();
        for (size_t k = 0; k < r->nvars; k++) {
            json_t *v = json_pack("{s:s, s:i, s:f}", "key", r->vars[k], r->method == RANK_CRITERIA ? "direction" : "sign",
                                  r->signs[k], "weight", r->weights[k]);
            if (r->method == RANK_CRITERIA) {
                json_object_set_new(v, "threshold", num_or_null(r->means[k]));
            } else {
                json_object_set_new(v, "mean", num_or_null(r->means[k]));
                json_object_set_new(v, "sd", num_or_null(r->sds[k]));
            }
            json_array_append_new(vars, v);
        }
        json_object_set_new(j, r->method == RANK_CRITERIA ? "criteria" : "variables", vars);
    }
    if (r->criteria_name)
        json_object_set_new(j, "criteria_set", json_pack("{s:s, s:i}", "name", r->criteria_name, "version",
                                                         r->criteria_version));
    json_t *rows = json_array();
    size_t to = from < r->nrows ? (count < r->nrows - from ? from + count : r->nrows) : from;
    for (size_t i = from; i < to; i++) {
        const rank_row_t *row = &r->rows[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "code", row->code, "name", row->name, "organiser", row->organiser,
                              "note", row->note ? row->note : "");
        json_object_set_new(o, "rank", row->rank ? json_integer(row->rank) : json_null());
        json_object_set_new(o, "value", num_or_null(row->value));
        json_object_set_new(o, r->value_key, num_or_null(row->value));
        for (size_t c = 0; c < r->ncols; c++)
            json_object_set_new(o, strcmp(r->cols[c].what, "value") == 0 && r->method == RANK_RESULTS && c == 0
                                       ? "actual" : r->cols[c].key,
                                num_or_null(row->cols[c]));
        if (row->flagged)
            json_object_set_new(o, "flagged", json_true());
        if (r->method == RANK_PRESCHOOL) {
            json_object_set_new(o, "coordinated", json_boolean(row->coordinated));
            json_object_set_new(o, "organiser_injunction", json_boolean(row->organiser_injunction));
        }
        if (row->decision_date)
            json_object_set_new(o, "decision_date", json_string(row->decision_date));
        json_array_append_new(rows, o);
    }
    json_object_set_new(j, "rows", rows);
    return j;
}

/* ---- explanations ---- */

static void dec(buf_t *b, double v, int decimals)
{
    fmt_decimal_sv(b, v, decimals);
}

/* A variable's name and value as a principal reads them: "Barn per heltidstjänst 6,2". */
static void variable_value(buf_t *b, const char *key, double v)
{
    const reg_variable_t *var = register_variable(key);
    buf_printf(b, "%s ", var ? var->label : key);
    if (var && strcmp(var->unit, "%") == 0) {
        dec(b, v, 1);
        buf_puts(b, FMT_NBSP "%");
    } else {
        dec(b, v, 1);
    }
}

static void place(buf_t *b, const ranking_t *r, const rank_row_t *row, const char *what)
{
    buf_printf(b, "Plats %d av ", row->rank);
    fmt_int_sv(b, (int64_t)r->ranked);
    buf_printf(b, " %s. ", what);
}

static void explain_unranked(buf_t *b, const ranking_t *r, const rank_row_t *row)
{
    buf_puts(b, "Ingen plats i rangordningen: ");
    size_t missing = 0;
    for (size_t c = 0; c < r->ncols; c++) {
        if (strcmp(r->cols[c].what, "value") != 0 || !isnan(row->cols[c]))
            continue;
        const reg_variable_t *v = register_variable(r->cols[c].variable);
        buf_printf(b, "%s%s", missing++ ? ", " : "värde saknas för ", v ? v->label : r->cols[c].variable);
    }
    if (missing)
        buf_puts(b, " (uppgiften saknas eller avser för få för att redovisas)");
    else
        buf_puts(b, row->note && *row->note ? row->note : "enheten når inte kriteriernas gränser");
    buf_puts(b, ". Enheten räknas inte bort i tysthet; den står sist i listan med skälet.");
}

char *ranking_explain(const ranking_t *r, const rank_row_t *row, arena_t *a)
{
    buf_t b = BUF_INIT;
    if (!row->rank) {
        explain_unranked(&b, r, row);
    } else if (r->method == RANK_INSPECTION) {
        place(&b, r, row, "i Skolinspektionens underlag");
        buf_printf(&b, "Beslut %s: %s, %d arbetsområden med brister och %d kritiska faktorer. ", row->decision_date,
                   row->fine ? "föreläggande vid vite" : "föreläggande (utan vite)", (int)row->cols[1],
                   (int)row->cols[2]);
        buf_puts(&b, "Enheter med vite kommer först, sedan de med flest arbetsområden och därefter flest kritiska "
                     "faktorer; vid lika går den lägre skolenhetskoden först.");
    } else if (r->method == RANK_RESULTS) {
        place(&b, r, row, "skolor, räknat från den som ligger längst under sitt förväntade resultat");
        double resid = row->value;
        variable_value(&b, r->cols[0].key, row->cols[0]);
        buf_puts(&b, " är ");
        dec(&b, fabs(resid), 1);
        buf_printf(&b, " %s vad elevernas bakgrund ger anledning att vänta (", resid < 0 ? "under" : "över");
        dec(&b, row->cols[1], 1);
        buf_puts(&b, "). Förväntat värde kommer från en regression över ");
        fmt_int_sv(&b, (int64_t)r->n);
        buf_puts(&b, " skolor (R² = ");
        dec(&b, r->r2, 2);
        buf_puts(&b, ") med ");
        for (size_t k = 2; k < r->ncols; k++) {
            const reg_variable_t *v = register_variable(r->cols[k].key);
            buf_printf(&b, "%s%s", k > 2 ? (k + 1 == r->ncols ? " och " : ", ") : "", v ? v->label : r->cols[k].key);
        }
        buf_puts(&b, " som bakgrund.");
    } else if (r->method == RANK_PRESCHOOL) {
        place(&b, r, row, "förskolor, räknat från de svåraste förutsättningarna");
        buf_puts(&b, "Indexet ");
        dec(&b, row->value, 2);
        buf_puts(&b, " väger samman: ");
        size_t top = 0;
        for (size_t k = 0; k < r->nvars; k++) {
            if (row->cols[k * 4 + 3] > row->cols[top * 4 + 3])
                top = k;
            variable_value(&b, r->vars[k], row->cols[k * 4]);
            buf_puts(&b, " (");
            dec(&b, row->cols[k * 4 + 2], 0);
            buf_printf(&b, "%s" "%% av landets förskolor har samma eller lägre värde; %s är svårare)%s", FMT_NBSP,
                       r->signs[k] < 0 ? "lägre" : "högre", k + 1 < r->nvars ? "; " : ". ");
        }
        const reg_variable_t *v = register_variable(r->vars[top]);
        buf_printf(&b, "Mest bidrar %s.", v ? v->label : r->vars[top]);
        if (row->flagged)
            buf_puts(&b, " Obs: ett värde är orimligt högt eller lågt och bör kontrolleras med huvudmannen.");
    } else if (r->method == RANK_CRITERIA) {
        place(&b, r, row, "enligt myndighetens kriterier");
        buf_puts(&b, "Poängen ");
        dec(&b, row->value, 1);
        buf_puts(&b, " av 100 (100 = svårast läge) är ett vägt medel av: ");
        for (size_t k = 0; k < r->nvars; k++) {
            variable_value(&b, r->vars[k], row->cols[k * 2]);
            buf_puts(&b, " (");
            dec(&b, row->cols[k * 2 + 1], 0);
            buf_printf(&b, "%s" "%% av skolorna har samma eller bättre värde)%s", FMT_NBSP, k + 1 < r->nvars ? "; " : ".");
        }
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}
