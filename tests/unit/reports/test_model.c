/* test_model.c — a report's period, its value of a series and what is missing before it
 * can be submitted, worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "reports/reports.h"
#include <string.h>

static void test_periods(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    report_period_t p;
    assert_true(report_period_of("2026VT", "2025-05-05", "2028-05-05", &a, &p));
    assert_string_equal(p.from, "2026-01");
    assert_string_equal(p.to, "2026-06");
    assert_string_equal(p.label, "Delredovisning VT 2026");
    assert_string_equal(report_item_key(&p, &a), "interim:2026VT");
    assert_false(p.final);
    assert_true(report_period_of("2026HT", "2025-05-05", "2028-05-05", &a, &p));
    assert_string_equal(p.from, "2026-07");
    assert_string_equal(p.to, "2026-12");
    assert_true(report_period_of("final", "2025-05-05", "2028-05-05", &a, &p));
    assert_string_equal(p.from, "2025-05");
    assert_string_equal(p.to, "2028-05");
    assert_string_equal(report_item_key(&p, &a), "final");
    assert_true(p.final);
    assert_false(report_period_of("2026XT", "2025-05-05", "2028-05-05", &a, &p));
    assert_false(report_period_of("26VT", "2025-05-05", "2028-05-05", &a, &p));
    assert_false(report_period_of("final", "", "", &a, &p));
    arena_free(&a);
}

/* The period's value is the last reading inside it, not one before or after. */
static void test_value_in(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    report_period_t p;
    report_period_of("2026VT", "2025-05-05", "2028-05-05", &a, &p);
    const char *periods[] = {"2025-12", "2026-02", "2026-06", "2026-07"};
    double values[] = {10, 20, 30, 40}, v = 0;
    const char *at = NULL;
    assert_true(report_value_in(periods, values, 4, &p, &v, &at));
    assert_true(v == 30);
    assert_string_equal(at, "2026-06");
    assert_false(report_value_in(periods, values, 1, &p, &v, &at));
    arena_free(&a);
}

static void test_missing(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    report_line_t lines[] = {{1, "Läslyftet", "Enhet", "running", "", -1, -1}, {2, "Årshjulet", "Enhet", "", "", -1, -1}};
    const char **m;
    assert_int_equal(report_missing(lines, 2, "", false, "", &a, &m), 2);
    assert_string_equal(m[0], "Insatsen ”Årshjulet” saknar sitt läge.");
    assert_string_equal(m[1], "Lärdomarna saknas.");
    lines[1].state = "dropped";
    assert_int_equal(report_missing(lines, 2, "Mycket.", false, "", &a, &m), 0);
    assert_int_equal(report_missing(lines, 2, "Mycket.", true, "", &a, &m), 1);
    assert_int_equal(report_missing(lines, 2, "Mycket.", true, "Årshjulet fortsätter.", &a, &m), 0);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_periods), cmocka_unit_test(test_value_in),
                                       cmocka_unit_test(test_missing)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
