/* test_model.c — the dates of a meeting series. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "meetings/meetings.h"
#include <string.h>

/* Every three weeks from Monday 2025-09-01; 2025-12-13 would be a Saturday. */
static void a_meeting_series_skips_weekends(void **state)
{
    (void)state;
    char d[6][11];
    assert_true(meeting_series("2025-09-01", 4, 21, d));
    assert_string_equal(d[0], "2025-09-01");
    assert_string_equal(d[1], "2025-09-22");
    assert_string_equal(d[3], "2025-11-03");
    assert_true(meeting_series("2025-11-22", 3, 7, d)); /* Saturdays */
    assert_string_equal(d[0], "2025-11-24");
    assert_string_equal(d[1], "2025-12-01");
    assert_true(meeting_series("2024-02-25", 2, 4, d)); /* Sunday, then Thursday 29 February */
    assert_string_equal(d[0], "2024-02-26");
    assert_string_equal(d[1], "2024-02-29");
    assert_true(meeting_series("2025-12-29", 2, 7, d)); /* over the new year */
    assert_string_equal(d[1], "2026-01-05");
    assert_false(meeting_series("2025-02-30", 2, 7, d));
    assert_false(meeting_series("2025-09-01", 0, 7, d));
    assert_false(meeting_series("2025-09-01", 2, 0, d));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_meeting_series_skips_weekends),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
