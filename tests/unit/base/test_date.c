/* test_date.c — civil date arithmetic: weekdays, days and years added. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "base/date.h"
#include <string.h>

static void weekdays_and_day_arithmetic(void **state)
{
    (void)state;
    assert_int_equal(date_weekday("2026-11-22"), 6); /* a Sunday */
    assert_int_equal(date_weekday("2017-11-02"), 3); /* a Thursday */
    assert_int_equal(date_weekday("1969-12-31"), 2);
    assert_int_equal(date_weekday("nej"), -1);
    char out[11];
    assert_true(date_add_days("2024-02-28", 1, out));
    assert_string_equal(out, "2024-02-29");
    assert_true(date_add_days("2025-03-01", -1, out));
    assert_string_equal(out, "2025-02-28");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(weekdays_and_day_arithmetic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
