/* test_model.c — the report dates of a case: terms, weekends, a November start. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "deadlines/deadlines.h"
#include "base/date.h"
#include <stdio.h>
#include <string.h>

/* Started 2 November 2017: the autumn term is too short to report on; the first interim
 * report is in the spring. Weekend dates fall due on the Monday. */
static void report_dates_follow_terms_and_weekdays(void **state)
{
    (void)state;
    deadline_rules_t r;
    deadline_rules_default(&r);
    arena_t a = ARENA_INIT;
    due_item_t d[16];
    size_t n = deadline_reports("2017-11-02", "2020-11-02", &r, &a, d, 16);
    assert_int_equal(n, 6);
    const char *keys[] = {"interim:2018VT", "interim:2018HT", "interim:2019VT", "interim:2019HT", "interim:2020VT", "final"};
    const char *dates[] = {"2018-06-15", "2018-12-17", "2019-06-17", "2019-12-16", "2020-06-15", "2021-01-01"};
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(d[i].key, keys[i]);
        assert_string_equal(d[i].date, dates[i]);
    }
    assert_string_equal(d[1].label, "Delredovisning HT 2018");
    /* A case started in May reports already in the autumn; other dates by setting. */
    snprintf(r.ht, sizeof r.ht, "12-01");
    n = deadline_reports("2025-05-05", "2028-05-05", &r, &a, d, 16);
    assert_string_equal(d[0].key, "interim:2025HT");
    assert_string_equal(d[0].date, "2025-12-01");
    assert_string_equal(d[n - 1].key, "final");
    char w[11];
    date_working_day("2026-11-22", w); /* a Sunday */
    assert_string_equal(w, "2026-11-23");
    assert_int_equal(deadline_reports("inte", "2020-01-01", &r, &a, d, 16), 0);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(report_dates_follow_terms_and_weekdays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
