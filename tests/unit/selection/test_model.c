/* test_selection.c — the selection methods against values worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "selection/selection.h"
#include <math.h>
#include <string.h>

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* A: 1, 2, 3 (higher is harder) → μ 2, σ √(2/3), z = ∓1.224744871; B constant → z 0. */
static void index_with_a_constant_variable_and_a_missing_value(void **state)
{
    (void)state;
    const double v1[] = {1, 10}, v2[] = {2, 10}, v3[] = {3, 10}, v4[] = {NAN, 10};
    const sel_unit_t units[] = {{"100000", v1}, {"200000", v2}, {"300000", v3}, {"050000", v4}};
    const sel_variable_t vars[] = {{"a", +1, 1}, {"b", -1, 1}};
    sel_index_row_t rows[4];
    double z[4][2], c[4][2], p[4][2];
    for (int i = 0; i < 4; i++)
        rows[i] = (sel_index_row_t){.z = z[i], .contribution = c[i], .percentile = p[i]};
    sel_variable_stats_t st[2];
    selection_index(units, 4, vars, 2, rows, st);
    double zs = 1 / sqrt(2.0 / 3.0);
    assert_int_equal(st[0].n, 3);
    NEAR(st[0].mean, 2);
    NEAR(st[0].sd, sqrt(2.0 / 3.0));
    NEAR(st[1].sd, 0);
    /* Ranked: 300000 (index zs/2), 200000 (0), 100000 (-zs/2); then 050000 unranked. */
    assert_string_equal(units[rows[0].unit].code, "300000");
    assert_int_equal(rows[0].rank, 1);
    NEAR(rows[0].index, zs / 2);
    NEAR(rows[0].z[0], zs);
    NEAR(rows[0].z[1], 0);
    NEAR(rows[0].contribution[0], zs / 2);
    NEAR(rows[0].percentile[0], 100);
    assert_string_equal(units[rows[1].unit].code, "200000");
    NEAR(rows[1].index, 0);
    NEAR(rows[1].percentile[0], 200.0 / 3);
    assert_string_equal(units[rows[2].unit].code, "100000");
    NEAR(rows[2].index, -zs / 2);
    assert_int_equal(rows[2].rank, 3);
    assert_string_equal(units[rows[3].unit].code, "050000");
    assert_false(rows[3].ranked);
    assert_int_equal(rows[3].rank, 0);
    assert_true(isnan(rows[3].z[0]));
    assert_true(isnan(rows[3].percentile[0]));
    NEAR(rows[3].percentile[1], 100); /* the value it has still gets its percentile */
}

/* Weights 3:1, B lower-is-harder: B 4, 2, 0 → z −1.2247, 0, 1.2247 (sign −1). */
static void index_weights_and_orientation(void **state)
{
    (void)state;
    const double v1[] = {1, 4}, v2[] = {2, 2}, v3[] = {3, 0};
    const sel_unit_t units[] = {{"1", v1}, {"2", v2}, {"3", v3}};
    const sel_variable_t vars[] = {{"a", +1, 3}, {"b", -1, 1}};
    sel_index_row_t rows[3] = {{0}};
    sel_variable_stats_t st[2];
    selection_index(units, 3, vars, 2, rows, st);
    double zs = 1 / sqrt(2.0 / 3.0);
    assert_string_equal(units[rows[0].unit].code, "3");
    NEAR(rows[0].index, (3 * zs + zs) / 4);
    NEAR(rows[2].index, -(3 * zs + zs) / 4);
}

static void index_ties_go_to_the_lower_code(void **state)
{
    (void)state;
    const double same[] = {5}, low[] = {1};
    const sel_unit_t units[] = {{"20000000", same}, {"10000000", same}, {"999999", same}, {"30000000", low}};
    const sel_variable_t vars[] = {{"a", +1, 1}};
    sel_index_row_t rows[4] = {{0}};
    sel_variable_stats_t st[1];
    selection_index(units, 4, vars, 1, rows, st);
    assert_string_equal(units[rows[0].unit].code, "999999"); /* a 6-digit id is the lower number */
    assert_string_equal(units[rows[1].unit].code, "10000000");
    assert_string_equal(units[rows[2].unit].code, "20000000");
    assert_string_equal(units[rows[3].unit].code, "30000000");
    assert_int_equal(rows[1].rank, 2);
}

static void ols_exact_line(void **state)
{
    (void)state;
    const double y[] = {1, 3, 5, 7}, x0[] = {0, 1, 2, 3};
    const double *x[] = {x0};
    double coef[2], e[4], r[4];
    sel_ols_t fit;
    assert_true(selection_ols(y, x, 1, 4, coef, e, r, &fit));
    assert_int_equal(fit.n, 4);
    NEAR(coef[0], 1);
    NEAR(coef[1], 2);
    NEAR(fit.r2, 1);
    NEAR(r[3], 0);
}

/* x 1, 2, 3; y 1, 2, 2: b = Sxy/Sxx = 1/2, a = 5/3 − 1 = 2/3, R² = 1 − (1/6)/(2/3) = 0.75.
 * A unit with a missing y is left out and gets no residual. */
static void ols_by_hand_with_a_missing_value(void **state)
{
    (void)state;
    const double y[] = {1, 2, NAN, 2}, x0[] = {1, 2, 9, 3};
    const double *x[] = {x0};
    double coef[2], e[4], r[4];
    sel_ols_t fit;
    assert_true(selection_ols(y, x, 1, 4, coef, e, r, &fit));
    assert_int_equal(fit.n, 3);
    NEAR(coef[0], 2.0 / 3);
    NEAR(coef[1], 0.5);
    NEAR(fit.r2, 0.75);
    NEAR(e[0], 7.0 / 6);
    NEAR(r[0], -1.0 / 6);
    NEAR(r[1], 1.0 / 3);
    assert_true(isnan(e[2]) && isnan(r[2]));
    NEAR(r[3], -1.0 / 6);
}

static void ols_refuses_collinear_and_too_few(void **state)
{
    (void)state;
    const double y[] = {1, 2, 3, 5}, a[] = {1, 2, 3, 4}, b[] = {2, 4, 6, 8};
    const double *x[] = {a, b};
    double coef[3], e[4], r[4];
    sel_ols_t fit;
    assert_false(selection_ols(y, x, 2, 4, coef, e, r, &fit));
    assert_true(fit.singular);
    assert_true(isnan(coef[1]));
    assert_true(isnan(r[0]));
    const double *one[] = {a};
    assert_false(selection_ols(y, one, 1, 1, coef, e, r, &fit)); /* one unit, two parameters */
    assert_false(fit.singular);
}

static void inspection_priority(void **state)
{
    (void)state;
    const sel_inspection_t items[] = {
        {"40000000", true, 2, 3}, {"50000000", false, 5, 5}, {"30000000", true, 2, 4}, {"20000000", true, 2, 4},
        {"10000000", false, 5, 6},
    };
    size_t order[5];
    selection_inspection_order(items, 5, order);
    const char *want[] = {"20000000", "30000000", "40000000", "10000000", "50000000"};
    for (int i = 0; i < 5; i++)
        assert_string_equal(items[order[i]].code, want[i]);
}

/* merit17, lower is worse, must be ≤ 200: 180 → 100, 200 → 66.7; 220 fails; missing is out. */
static void criteria_score_with_threshold(void **state)
{
    (void)state;
    const double a[] = {180}, b[] = {220}, c[] = {200}, d[] = {NAN};
    const sel_unit_t units[] = {{"a", a}, {"b", b}, {"c", c}, {"d", d}};
    const sel_criterion_t crit[] = {{"merit17", -1, 1, 200}};
    double pct[4][1];
    sel_score_row_t rows[4] = {{.percentile = pct[0]}, {.percentile = pct[1]}, {.percentile = pct[2]}, {.percentile = pct[3]}};
    selection_criteria_score(units, 4, crit, 1, rows);
    assert_string_equal(units[rows[0].unit].code, "a");
    NEAR(rows[0].score, 100);
    NEAR(rows[0].percentile[0], 100); /* the oriented percentile is kept for the explanation */
    assert_true(isnan(rows[3].percentile[0]));
    assert_int_equal(rows[0].rank, 1);
    assert_string_equal(units[rows[1].unit].code, "c");
    NEAR(rows[1].score, 200.0 / 3);
    assert_false(rows[2].eligible);
    assert_false(rows[3].eligible);
    assert_int_equal(rows[3].rank, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(index_with_a_constant_variable_and_a_missing_value),
        cmocka_unit_test(index_weights_and_orientation),
        cmocka_unit_test(index_ties_go_to_the_lower_code),
        cmocka_unit_test(ols_exact_line),
        cmocka_unit_test(ols_by_hand_with_a_missing_value),
        cmocka_unit_test(ols_refuses_collinear_and_too_few),
        cmocka_unit_test(inspection_priority),
        cmocka_unit_test(criteria_score_with_threshold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
