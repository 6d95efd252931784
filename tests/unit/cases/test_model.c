/* test_model.c — the case's phase rules and its planned end. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "cases/cases.h"
#include <stdio.h>
#include <string.h>

static const case_facts_t ready = {.units = 2, .supporters = 2, .ok1_signed = true, .analysis_done = true,
                                   .plan_done = true, .ok2_signed = true, .final_report = true,
                                   .support_decided = true};

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

static void ok1_waits_for_the_decision_on_support_and_a_pilot_needs_no_unit(void **state)
{
    (void)state;
    char why[300];
    case_facts_t f = ready;
    f.support_decided = false;
    assert_false(case_move_allowed(PHASE_ACCEPTED, PHASE_OK1, &f, false, why, sizeof why));
    assert_string_equal(why, "Ärendet kan inte gå till ÖK1: Skolverkets beslut om stöd är inte registrerat.");
    f = ready;
    f.units = 0;
    assert_false(case_move_allowed(PHASE_ACCEPTED, PHASE_OK1, &f, false, why, sizeof why));
    assert_string_equal(why, "Ärendet kan inte gå till ÖK1: ärendet har ingen vald enhet.");
    f.organiser_level_only = true;
    assert_true(case_move_allowed(PHASE_ACCEPTED, PHASE_OK1, &f, false, why, sizeof why));
}

static void the_analysis_and_plan_parts_name_what_is_missing(void **state)
{
    (void)state;
    char why[300];
    case_facts_t f = ready;
    f.analysis_done = false;
    snprintf(f.analysis_missing, sizeof f.analysis_missing, "godkänd nulägesanalys saknas för Centralskolan");
    assert_false(case_move_allowed(PHASE_ANALYSIS, PHASE_PLAN, &f, false, why, sizeof why));
    assert_string_equal(why, "Ärendet kan inte gå till Åtgärdsplan: godkänd nulägesanalys saknas för Centralskolan.");
    f = ready;
    f.plan_done = false;
    assert_false(case_move_allowed(PHASE_PLAN, PHASE_OK2, &f, false, why, sizeof why));
    assert_string_equal(why, "Ärendet kan inte gå till ÖK2: åtgärdsplanen är inte klar.");
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
        cmocka_unit_test(ok1_waits_for_the_decision_on_support_and_a_pilot_needs_no_unit),
        cmocka_unit_test(the_analysis_and_plan_parts_name_what_is_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
