/* test_runchart.c — the run rules and an indicator's standing on series worked by hand:
 * a shift, a trend, noise that is neither, points on the median and repeated values that
 * neither count nor break a run, and the latest reading against baseline and target. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "followup/followup.h"
#include <math.h>

static unsigned analyse(const double *v, size_t n, run_analysis_t *r, arena_t *a)
{
    run_analyse(v, n, a, r);
    return r->found;
}

static void test_median(void **state)
{
    (void)state;
    double odd[] = {5, 1, 3}, even[] = {4, 1, 3, 2};
    assert_true(run_median(odd, 3) == 3);
    assert_true(run_median(even, 4) == 2.5);
    assert_true(isnan(run_median(odd, 0)));
}

/* 12 points, median 55: the last six all above it make a shift upwards. */
static void test_shift(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    double v[] = {50, 52, 49, 51, 50, 52, 60, 58, 61, 59, 62, 60};
    run_analysis_t r;
    unsigned found = analyse(v, 12, &r, &a);
    assert_true(r.median == 55);
    assert_true(found & RUN_SHIFT_UP);
    /* The first six are below it: a shift down as well, of exactly six. */
    assert_true(r.signals[0] & RUN_SHIFT_DOWN);
    assert_true(r.signals[11] & RUN_SHIFT_UP);
    assert_false(found & (RUN_TREND_UP | RUN_TREND_DOWN));
    arena_free(&a);
}

/* Six below the median, then six above it with one point on it in between: the point on
 * the median neither breaks the run nor counts, so the six above make a shift. */
static void test_points_on_the_median_are_skipped(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    double v[] = {5, 6, 4, 5, 6, 5, 12, 13, 10, 14, 12, 13, 11}; /* sorted, the seventh is 10 */
    run_analysis_t r;
    analyse(v, 13, &r, &a);
    assert_true(r.median == 10);
    assert_true(r.signals[12] & RUN_SHIFT_UP);
    assert_true(r.signals[6] & RUN_SHIFT_UP);
    assert_false(r.signals[8] & (RUN_SHIFT_UP | RUN_SHIFT_DOWN)); /* on the median: in no shift */
    assert_true(r.signals[0] & RUN_SHIFT_DOWN);
    arena_free(&a);
}

/* Five rising points make a trend; four do not. */
static void test_trend(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    double up[] = {40, 41, 43, 44, 47}, four[] = {40, 41, 43, 44, 42};
    run_analysis_t r;
    assert_true(analyse(up, 5, &r, &a) & RUN_TREND_UP);
    for (size_t i = 0; i < 5; i++)
        assert_true(r.signals[i] & RUN_TREND_UP);
    assert_false(analyse(four, 5, &r, &a) & (RUN_TREND_UP | RUN_TREND_DOWN));
    /* A repeated value neither counts nor breaks: 40 41 41 43 44 is four steps? No:
     * the repeat is skipped, so 40 41 43 44 are four points and no trend; one more
     * rising point makes it five. */
    double repeat[] = {40, 41, 41, 43, 44}, repeat5[] = {40, 41, 41, 43, 44, 45};
    assert_false(analyse(repeat, 5, &r, &a) & RUN_TREND_UP);
    assert_true(analyse(repeat5, 6, &r, &a) & RUN_TREND_UP);
    /* Falling: 30 28 27 25 20. */
    double down[] = {30, 28, 27, 25, 20};
    assert_true(analyse(down, 5, &r, &a) & RUN_TREND_DOWN);
    arena_free(&a);
}

/* Noise around a level: neither a shift nor a trend. */
static void test_noise_is_neither(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    double v[] = {50, 53, 49, 52, 48, 51, 50, 54, 47, 52, 49, 53};
    run_analysis_t r;
    assert_int_equal(analyse(v, 12, &r, &a), 0);
    arena_free(&a);
}

static void test_status(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    run_analysis_t r;
    double none[1] = {0};
    assert_int_equal(indicator_status("40", "60", none, 0, NULL), IND_UNREAD);
    double toward[] = {40, 45, 48};
    analyse(toward, 3, &r, &a);
    assert_int_equal(indicator_status("40", "60", toward, 3, &r), IND_TOWARD);
    assert_int_equal(indicator_status("40 %", "60 %", toward, 3, &r), IND_TOWARD);
    double reached[] = {40, 55, 61};
    analyse(reached, 3, &r, &a);
    assert_int_equal(indicator_status("40", "60", reached, 3, &r), IND_REACHED);
    double worse[] = {40, 42, 39};
    analyse(worse, 3, &r, &a);
    assert_int_equal(indicator_status("40", "60", worse, 3, &r), IND_OFF);
    /* Lower is better when the target is below the baseline (absence, say). */
    double absence[] = {12, 10, 9};
    analyse(absence, 3, &r, &a);
    assert_int_equal(indicator_status("12,5", "8", absence, 3, &r), IND_TOWARD);
    assert_int_equal(indicator_status("fler elever", "alla", absence, 3, &r), IND_UNKNOWN);
    /* Above the baseline, but in a run of five falling points: moving away. */
    double falling[] = {58, 56, 53, 50, 47};
    analyse(falling, 5, &r, &a);
    assert_int_equal(indicator_status("40", "60", falling, 5, &r), IND_OFF);
    arena_free(&a);
}

static void test_period(void **state)
{
    (void)state;
    int y, m;
    assert_true(followup_parse_period("2026-05", &y, &m));
    assert_int_equal(y, 2026);
    assert_int_equal(m, 5);
    assert_false(followup_parse_period("2026-13", &y, &m));
    assert_false(followup_parse_period("2026-5", &y, &m));
    assert_false(followup_parse_period("26-05-01", &y, &m));
    assert_false(followup_parse_period("", &y, &m));
}

/* The organiser's figure against the register's: equal at the first decimal agree. */
static void test_figures_differ(void **state)
{
    (void)state;
    assert_false(followup_figures_differ(64.3, 64.3));
    assert_false(followup_figures_differ(64.34, 64.26)); /* both 64,3 as shown */
    assert_true(followup_figures_differ(66, 64.3));
    assert_true(followup_figures_differ(64.4, 64.3));
    assert_false(followup_figures_differ(NAN, 64.3));
    assert_false(followup_figures_differ(64.3, NAN));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_median),  cmocka_unit_test(test_shift), cmocka_unit_test(test_points_on_the_median_are_skipped),
        cmocka_unit_test(test_trend),   cmocka_unit_test(test_noise_is_neither), cmocka_unit_test(test_status),
        cmocka_unit_test(test_period),  cmocka_unit_test(test_figures_differ),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
