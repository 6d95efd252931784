/* test_model.c — where a registration goes, and when a conference's personal data are
 * past keeping, worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "conferences/conferences.h"
#include <string.h>

static void places_then_the_waiting_list(void **state)
{
    (void)state;
    assert_string_equal(conference_place(2, 0), "registered");
    assert_string_equal(conference_place(2, 1), "registered");
    assert_string_equal(conference_place(2, 2), "waiting");
    assert_string_equal(conference_place(70, 90), "waiting");
    assert_string_equal(conference_status_label("waiting"), "På väntelistan");
    assert_string_equal(conference_kind_label("kickoff"), "Upptaktskonferens");
    assert_string_equal(conference_role_label("ceo"), "VD för enskild huvudman");
}

static void personal_data_are_kept_the_set_days_after(void **state)
{
    (void)state;
    assert_false(conference_past_keeping("2026-11-20", 30, "2026-12-20"));
    assert_true(conference_past_keeping("2026-11-20", 30, "2026-12-21"));
    assert_true(conference_past_keeping("2026-11-20", 0, "2026-11-21"));
    assert_false(conference_past_keeping("2026-11-20", 0, "2026-11-20"));
    assert_false(conference_past_keeping("inte ett datum", 0, "2026-11-20"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(places_then_the_waiting_list),
        cmocka_unit_test(personal_data_are_kept_the_set_days_after),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
