/* test_model.c — an agreement's content checks and its JSON form. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "agreements/agreements.h"
#include <stdlib.h>
#include <string.h>

static void agreement_content_is_checked(void **state)
{
    (void)state;
    agreement_content_t c = {.period_from = "2025-06-01", .period_to = "2026-06-30", .amount_ore = 120000000,
                             .npayouts = 2};
    c.payouts[0].date = "2025-07-01";
    c.payouts[0].amount_ore = 60000000;
    c.payouts[1].date = "2026-01-15";
    c.payouts[1].amount_ore = 60000000;
    const char *field = NULL;
    char why[300];
    assert_true(agreement_content_check(AGR_OK1, &c, &field, why, sizeof why));
    c.payouts[1].amount_ore = 50000000;
    assert_false(agreement_content_check(AGR_OK1, &c, &field, why, sizeof why));
    assert_string_equal(field, "amount");
    c.payouts[1].amount_ore = 60000000;
    c.payouts[1].date = "2026-07-01"; /* after the period */
    assert_false(agreement_content_check(AGR_OK1, &c, &field, why, sizeof why));
    assert_non_null(strstr(why, "Utbetalning 2"));
    c.payouts[1].date = "2026-01-15";
    c.period_to = "2025-05-31";
    assert_false(agreement_content_check(AGR_OK1, &c, &field, why, sizeof why));
    assert_string_equal(field, "period_to");
}

static void agreement_content_round_trips_through_json(void **state)
{
    (void)state;
    agreement_content_t c = {.period_from = "2025-06-01", .period_to = "2026-06-30", .amount_ore = 5000, .npayouts = 1};
    c.payouts[0].date = "2025-07-01";
    c.payouts[0].amount_ore = 5000;
    size_t n;
    agreement_sections(AGR_OK2, &n);
    for (size_t i = 0; i < n; i++)
        c.sections[i] = i == 1 ? "Läslyftet för F-3, \"två\" terminer" : "";
    char *json = agreement_content_json(AGR_OK2, &c);
    arena_t a = ARENA_INIT;
    agreement_content_t back;
    assert_true(agreement_content_parse(AGR_OK2, json, &a, &back));
    assert_string_equal(back.period_to, "2026-06-30");
    assert_int_equal(back.payouts[0].amount_ore, 5000);
    assert_string_equal(back.sections[1], "Läslyftet för F-3, \"två\" terminer");
    assert_false(agreement_content_parse(AGR_OK2, "inte json", &a, &back));
    free(json);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agreement_content_is_checked),
        cmocka_unit_test(agreement_content_round_trips_through_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
