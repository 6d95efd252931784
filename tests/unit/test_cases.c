/* test_cases.c — the case's phase rules and its planned end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "cases/cases.h"
#include "cases/agreements.h"
#include "cases/meetings.h"
#include "cases/deadlines.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const case_facts_t ready = {.units = 2, .supporters = 2, .ok1_signed = true, .analysis_done = true,
                                   .plan_done = true, .ok2_signed = true, .final_report = true};

static void every_forward_step_is_allowed_when_its_requirement_is_met(void **state)
{
    (void)state;
    char why[300];
    for (int p = 0; p + 1 < PHASE_COUNT; p++)
        assert_true(case_move_allowed((case_phase_t)p, (case_phase_t)(p + 1), &ready, false, why, sizeof why));
}

static void a_skip_is_refused_naming_the_skipped_step_and_what_it_waits_for(void **state)
{
    (void)state;
    char why[300];
    case_facts_t f = ready;
    f.ok1_signed = false;
    assert_false(case_move_allowed(PHASE_OK1, PHASE_PLAN, &f, true, why, sizeof why));
    assert_string_equal(why, "Ärendet kan inte hoppa över Nulägesanalys: ÖK1 är inte undertecknad.");
    assert_false(case_move_allowed(PHASE_ACCEPTED, PHASE_ANALYSIS, &ready, true, why, sizeof why));
    assert_string_equal(why, "Ärendet kan inte hoppa över ÖK1.");
}

static void each_requirement_gives_its_reason(void **state)
{
    (void)state;
    char why[300];
    case_facts_t f = ready;
    f.supporters = 1;
    assert_false(case_move_allowed(PHASE_ACCEPTED, PHASE_OK1, &f, false, why, sizeof why));
    assert_non_null(strstr(why, "två processtödjare"));
    f = ready;
    f.units = 0;
    assert_false(case_move_allowed(PHASE_ACCEPTED, PHASE_OK1, &f, false, why, sizeof why));
    assert_non_null(strstr(why, "ingen vald enhet"));
    f = ready;
    f.ok1_signed = false;
    assert_false(case_move_allowed(PHASE_OK1, PHASE_ANALYSIS, &f, false, why, sizeof why));
    assert_string_equal(why, "Ärendet kan inte gå till Nulägesanalys: ÖK1 är inte undertecknad.");
    f = ready;
    f.ok2_signed = false;
    assert_false(case_move_allowed(PHASE_OK2, PHASE_DELIVERY, &f, false, why, sizeof why));
    assert_non_null(strstr(why, "ÖK2 är inte undertecknad"));
    f = ready;
    f.final_report = false;
    assert_false(case_move_allowed(PHASE_FINAL_REPORT, PHASE_CLOSED, &f, false, why, sizeof why));
    assert_non_null(strstr(why, "slutredovisningen"));
}

static void back_one_step_only_for_those_allowed(void **state)
{
    (void)state;
    char why[300];
    assert_true(case_move_allowed(PHASE_ANALYSIS, PHASE_OK1, &ready, true, why, sizeof why));
    assert_false(case_move_allowed(PHASE_ANALYSIS, PHASE_OK1, &ready, false, why, sizeof why));
    assert_false(case_move_allowed(PHASE_ANALYSIS, PHASE_ACCEPTED, &ready, true, why, sizeof why));
    assert_non_null(strstr(why, "ett steg"));
    assert_false(case_move_allowed(PHASE_OK1, PHASE_OK1, &ready, true, why, sizeof why));
    assert_false(case_move_allowed(PHASE_OK1, PHASE_COUNT, &ready, true, why, sizeof why));
}

static void phase_keys_round_trip(void **state)
{
    (void)state;
    for (int p = 0; p < PHASE_COUNT; p++)
        assert_int_equal(case_phase_from_key(case_phase_key((case_phase_t)p)), p);
    assert_int_equal(case_phase_from_key("Nulägesanalys"), PHASE_COUNT);
    assert_string_equal(case_phase_label(PHASE_OK2), "ÖK2");
}

static void planned_end_is_three_years_on(void **state)
{
    (void)state;
    char end[11];
    assert_true(case_planned_end("2017-11-02", end));
    assert_string_equal(end, "2020-11-02");
    assert_true(case_planned_end("2024-02-29", end)); /* 2027 has no 29 February */
    assert_string_equal(end, "2027-02-28");
    assert_true(case_planned_end("2025-02-28", end));
    assert_string_equal(end, "2028-02-28");
    assert_false(case_planned_end("2025-13-01", end));
    assert_false(case_planned_end("", end));
    assert_false(case_planned_end(NULL, end));
}

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

static void diff_marks_removed_and_added_words(void **state)
{
    (void)state;
    buf_t o = BUF_INIT;
    agreement_diff_html(&o, "Skolverket ger processtöd med två processtödjare.",
                        "Skolverket ger processtöd och bekostar resor.");
    assert_string_equal(buf_cstr(&o), "Skolverket ger processtöd <del>med </del><del>två </del>"
                                      "<del>processtödjare.</del><ins>och </ins><ins>bekostar </ins><ins>resor.</ins>");
    buf_reset(&o);
    agreement_diff_html(&o, "a <b>", "a <b>");
    assert_string_equal(buf_cstr(&o), "a &lt;b&gt;"); /* unchanged, and escaped */
    buf_reset(&o);
    agreement_diff_html(&o, "", "ny");
    assert_string_equal(buf_cstr(&o), "<ins>ny</ins>");
    buf_free(&o);
}

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
    deadline_working_day("2026-11-22", w); /* a Sunday */
    assert_string_equal(w, "2026-11-23");
    assert_int_equal(deadline_reports("inte", "2020-01-01", &r, &a, d, 16), 0);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_forward_step_is_allowed_when_its_requirement_is_met),
        cmocka_unit_test(a_skip_is_refused_naming_the_skipped_step_and_what_it_waits_for),
        cmocka_unit_test(each_requirement_gives_its_reason),
        cmocka_unit_test(back_one_step_only_for_those_allowed),
        cmocka_unit_test(phase_keys_round_trip),
        cmocka_unit_test(planned_end_is_three_years_on),
        cmocka_unit_test(agreement_content_is_checked),
        cmocka_unit_test(agreement_content_round_trips_through_json),
        cmocka_unit_test(diff_marks_removed_and_added_words),
        cmocka_unit_test(a_meeting_series_skips_weekends),
        cmocka_unit_test(weekdays_and_day_arithmetic),
        cmocka_unit_test(report_dates_follow_terms_and_weekdays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
