/* model.c — the selection methods: arithmetic only, no I/O. */
#include "selection.h"
#include "../base/alloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

int selection_code_cmp(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la != lb)
        return la < lb ? -1 : 1;
    return strcmp(a, b);
}

static int double_cmp(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* Number of values in sorted[0..n) that are ≤ x (binary search for the upper bound). */
static size_t count_le(const double *sorted, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Rows are ordered ranked-first by index descending; ties and the unranked by code.
 * The units travel as qsort_r's context, so concurrent rankings share nothing. */
static int index_cmp(const void *pa, const void *pb, void *ctx)
{
    const sel_index_row_t *a = pa, *b = pb;
    const sel_unit_t *sort_units = ctx;
    if (a->ranked != b->ranked)
        return a->ranked ? -1 : 1;
    if (a->ranked && a->index != b->index)
        return a->index > b->index ? -1 : 1;
    return selection_code_cmp(sort_units[a->unit].code, sort_units[b->unit].code);
}

void selection_index(const sel_unit_t *units, size_t n, const sel_variable_t *vars, size_t nvars,
                     sel_index_row_t *rows, sel_variable_stats_t *stats)
{
    double *column = xmalloc((n ? n : 1) * sizeof *column);
    double wsum = 0;
    for (size_t v = 0; v < nvars; v++) {
        wsum += vars[v].weight;
        double sum = 0;
        size_t have = 0;
        for (size_t i = 0; i < n; i++) {
            double x = units[i].values[v];
            if (!isnan(x)) {
                sum += x;
                have++;
            }
        }
        double mean = have ? sum / (double)have : NAN, ss = 0;
        for (size_t i = 0; i < n; i++) {
            double x = units[i].values[v];
            if (!isnan(x))
                ss += (x - mean) * (x - mean);
        }
        stats[v].n = have;
        stats[v].mean = mean;
        stats[v].sd = have ? sqrt(ss / (double)have) : NAN;
    }
    for (size_t i = 0; i < n; i++) {
        sel_index_row_t *r = &rows[i];
        r->unit = i;
        r->ranked = true;
        r->index = 0;
        for (size_t v = 0; v < nvars; v++) {
            double x = units[i].values[v];
            /* A constant variable (σ = 0) says nothing about differences: z = 0. */
            double z = isnan(x) ? NAN : stats[v].sd > 0 ? vars[v].sign * (x - stats[v].mean) / stats[v].sd : 0;
            double c = isnan(z) ? NAN : vars[v].weight * z / wsum;
            if (isnan(x))
                r->ranked = false;
            else
                r->index += c;
            if (r->z)
                r->z[v] = z;
            if (r->contribution)
                r->contribution[v] = c;
        }
        if (!r->ranked)
            r->index = NAN;
    }
    for (size_t v = 0; v < nvars && n; v++) {
        /* Percentiles from one sorted copy of the values that exist: O(n log n). */
        size_t have = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(units[i].values[v]))
                column[have++] = units[i].values[v];
        qsort(column, have, sizeof *column, double_cmp);
        for (size_t i = 0; i < n; i++) {
            double x = units[i].values[v];
            if (rows[i].percentile)
                rows[i].percentile[v] = isnan(x) ? NAN : 100.0 * (double)count_le(column, have, x) / (double)have;
        }
    }
    free(column);
    qsort_r(rows, n, sizeof *rows, index_cmp, (void *)units);
    int rank = 0;
    for (size_t i = 0; i < n; i++)
        rows[i].rank = rows[i].ranked ? ++rank : 0;
}

/* Solves the (k+1)×(k+1) system a·b = r in place by Gaussian elimination with partial
 * pivoting; false when a pivot is negligible against the matrix's scale (collinear). */
static bool solve(double *a, double *r, size_t m)
{
    double scale = 0;
    for (size_t i = 0; i < m * m; i++)
        scale = fmax(scale, fabs(a[i]));
    for (size_t col = 0; col < m; col++) {
        size_t p = col;
        for (size_t i = col + 1; i < m; i++)
            if (fabs(a[i * m + col]) > fabs(a[p * m + col]))
                p = i;
        if (fabs(a[p * m + col]) <= 1e-10 * (scale > 0 ? scale : 1))
            return false;
        if (p != col) {
            for (size_t j = 0; j < m; j++) {
                double t = a[col * m + j];
                a[col * m + j] = a[p * m + j];
                a[p * m + j] = t;
            }
            double t = r[col];
            r[col] = r[p];
            r[p] = t;
        }
        for (size_t i = col + 1; i < m; i++) {
            double f = a[i * m + col] / a[col * m + col];
            for (size_t j = col; j < m; j++)
                a[i * m + j] -= f * a[col * m + j];
            r[i] -= f * r[col];
        }
    }
    for (size_t i = m; i-- > 0;) {
        double s = r[i];
        for (size_t j = i + 1; j < m; j++)
            s -= a[i * m + j] * r[j];
        r[i] = s / a[i * m + i];
    }
    return true;
}

bool selection_ols(const double *y, const double *const *x, size_t k, size_t n, double *coef, double *expected,
                   double *residual, sel_ols_t *fit)
{
    size_t m = k + 1;
    double *a = xcalloc(m * m, sizeof *a), *r = xcalloc(m, sizeof *r), *row = xmalloc(m * sizeof *row);
    bool *use = xcalloc(n ? n : 1, sizeof *use);
    memset(fit, 0, sizeof *fit);
    for (size_t i = 0; i < n; i++) {
        use[i] = !isnan(y[i]);
        for (size_t j = 0; j < k && use[i]; j++)
            use[i] = !isnan(x[j][i]);
        if (!use[i])
            continue;
        fit->n++;
        row[0] = 1;
        for (size_t j = 0; j < k; j++)
            row[j + 1] = x[j][i];
        for (size_t p = 0; p < m; p++) {
            r[p] += row[p] * y[i];
            for (size_t q = 0; q < m; q++)
                a[p * m + q] += row[p] * row[q];
        }
    }
    bool ok = fit->n >= m && solve(a, r, m);
    fit->singular = fit->n >= m && !ok;
    double ybar = 0, ss_tot = 0, ss_res = 0;
    for (size_t i = 0; i < n; i++)
        if (use[i])
            ybar += y[i] / (double)fit->n;
    for (size_t i = 0; i < n; i++) {
        double e = NAN;
        if (ok && use[i]) {
            e = r[0];
            for (size_t j = 0; j < k; j++)
                e += r[j + 1] * x[j][i];
            ss_res += (y[i] - e) * (y[i] - e);
            ss_tot += (y[i] - ybar) * (y[i] - ybar);
        }
        if (expected)
            expected[i] = e;
        if (residual)
            residual[i] = ok && use[i] ? y[i] - e : NAN;
    }
    for (size_t j = 0; j < m; j++)
        coef[j] = ok ? r[j] : NAN;
    fit->r2 = ok ? (ss_tot > 0 ? 1 - ss_res / ss_tot : 1) : NAN;
    free(a);
    free(r);
    free(row);
    free(use);
    return ok;
}

static int inspection_cmp(const void *pa, const void *pb, void *ctx)
{
    const sel_inspection_t *items = ctx;
    const sel_inspection_t *a = &items[*(const size_t *)pa], *b = &items[*(const size_t *)pb];
    if (a->fine != b->fine)
        return a->fine ? -1 : 1;
    if (a->work_areas != b->work_areas)
        return a->work_areas > b->work_areas ? -1 : 1;
    if (a->critical_factors != b->critical_factors)
        return a->critical_factors > b->critical_factors ? -1 : 1;
    return selection_code_cmp(a->code, b->code);
}

void selection_inspection_order(const sel_inspection_t *items, size_t n, size_t *order)
{
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof *order, inspection_cmp, (void *)items);
}

static int score_cmp(const void *pa, const void *pb, void *ctx)
{
    const sel_score_row_t *a = pa, *b = pb;
    const sel_unit_t *score_units = ctx;
    if (a->eligible != b->eligible)
        return a->eligible ? -1 : 1;
    if (a->eligible && a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return selection_code_cmp(score_units[a->unit].code, score_units[b->unit].code);
}

void selection_criteria_score(const sel_unit_t *units, size_t n, const sel_criterion_t *crit, size_t ncrit,
                              sel_score_row_t *rows)
{
    double *column = xmalloc((n ? n : 1) * sizeof *column);
    double wsum = 0;
    for (size_t c = 0; c < ncrit; c++)
        wsum += crit[c].weight;
    for (size_t i = 0; i < n; i++) {
        double *pct = rows[i].percentile; /* the caller's, or NULL */
        rows[i] = (sel_score_row_t){i, true, 0, 0, pct};
    }
    for (size_t c = 0; c < ncrit; c++) {
        /* Orient so that "worse" is "higher", then 100 = the worst value. */
        size_t have = 0;
        for (size_t i = 0; i < n; i++)
            if (!isnan(units[i].values[c]))
                column[have++] = units[i].values[c] * crit[c].direction;
        qsort(column, have, sizeof *column, double_cmp);
        for (size_t i = 0; i < n; i++) {
            double x = units[i].values[c];
            if (rows[i].percentile)
                rows[i].percentile[c] = NAN;
            if (isnan(x)) {
                rows[i].eligible = false;
                continue;
            }
            if (!isnan(crit[c].threshold) && x * crit[c].direction < crit[c].threshold * crit[c].direction)
                rows[i].eligible = false;
            double pct = 100.0 * (double)count_le(column, have, x * crit[c].direction) / (double)have;
            rows[i].score += crit[c].weight * pct / wsum;
            if (rows[i].percentile)
                rows[i].percentile[c] = pct;
        }
    }
    free(column);
    for (size_t i = 0; i < n; i++)
        if (!rows[i].eligible)
            rows[i].score = NAN;
    qsort_r(rows, n, sizeof *rows, score_cmp, (void *)units);
    int rank = 0;
    for (size_t i = 0; i < n; i++)
        rows[i].rank = rows[i].eligible ? ++rank : 0;
}
