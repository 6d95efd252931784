/* test_model.c — the plan's completeness check and the chain from problem to indicator,
 * on a plan worked by hand:
 *
 *   Problem 1 "Låga resultat i matematik" with causes 11 (teaching) and 12 (follow_up);
 *   problem 2 "Oro i korridorerna" with cause 21 (organisation);
 *   problem 3 "Hög frånvaro" with no cause, left unanswered with a reason.
 *   Intervention 100 "Matematiklyftet" answers cause 11, has goals and two indicators,
 *   costs 240 000 kr. Intervention 200 "Rastvärdar" answers cause 21, has goals but no
 *   indicator and no cost. Intervention 300 "Studiedag" answers nothing and has no goals.
 *
 * What is missing: 200's goal without indicator and its cost; 300 without a cause,
 * without goals, without a cost. Problem 1 is answered (through 11) although 12 is not;
 * problem 3 has its reason. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "plans/plans.h"
#include <string.h>

static const plan_problem_t problems[] = {
    {1, "Låga resultat i matematik", ""},
    {2, "Oro i korridorerna", ""},
    {3, "Hög frånvaro", "Kommunens elevhälsoplan tar hand om frånvaron."},
};
static const plan_cause_t causes[] = {
    {11, 1, "teaching", "Lite återkoppling i undervisningen"},
    {12, 1, "follow_up", "Resultaten analyseras inte i arbetslagen"},
    {21, 2, "organisation", "Ingen vuxen i korridorerna under raster"},
};
static const intervention_t interventions[] = {
    {.id = 100, .title = "Matematiklyftet", .goals = "Fler elever når godtagbara kunskaper.", .cost = 240000},
    {.id = 200, .title = "Rastvärdar", .goals = "Lugnare raster.", .cost = -1},
    {.id = 300, .title = "Studiedag", .goals = "  ", .cost = -1},
};
static const plan_link_t links[] = {{100, 1, 11}, {200, 2, 21}};
static const indicator_t indicators[] = {
    {1, 100, "Andel elever med godtagbara kunskaper i matematik åk 6", "62 %", "75 %", "juni 2026, juni 2027", "", "", "", "", 0},
    {2, 100, "Andel elever som får återkoppling varje lektion", "30 %", "80 %", "varje termin", "", "", "", "", 0},
};

static plan_facts_t facts(void)
{
    return (plan_facts_t){problems, 3, causes, 3, interventions, 3, links, 2, indicators, 2};
}

static void the_completeness_check_names_each_gap_once(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    plan_facts_t f = facts();
    const char **m;
    size_t n = plan_missing(&f, &a, &m);
    assert_int_equal(n, 5);
    assert_string_equal(m[0], "Målen för insatsen \"Rastvärdar\" har ingen indikator.");
    assert_string_equal(m[1], "Insatsen \"Rastvärdar\" saknar kostnad.");
    assert_string_equal(m[2], "Insatsen \"Studiedag\" svarar inte mot någon orsak.");
    assert_string_equal(m[3], "Insatsen \"Studiedag\" har inga mål.");
    assert_string_equal(m[4], "Insatsen \"Studiedag\" saknar kostnad.");
    arena_free(&a);
}

static void a_problem_without_intervention_or_reason_is_missing_and_an_empty_plan_says_so(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    plan_problem_t p[] = {{1, "Låga resultat i matematik", ""}, {3, "Hög frånvaro", " "}};
    plan_facts_t f = {p, 2, causes, 3, NULL, 0, NULL, 0, NULL, 0};
    const char **m;
    size_t n = plan_missing(&f, &a, &m);
    assert_int_equal(n, 3);
    assert_string_equal(m[0], "Planen har inga insatser.");
    assert_string_equal(m[1], "Ingen insats svarar mot problemet \"Låga resultat i matematik\"; lägg till en insats "
                              "eller skriv varför.");
    assert_string_equal(m[2], "Ingen insats svarar mot problemet \"Hög frånvaro\"; lägg till en insats eller skriv "
                              "varför.");
    arena_free(&a);
}

static void a_complete_plan_has_nothing_missing_and_a_cost_of_zero_is_a_cost(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    intervention_t iv[] = {{.id = 100, .title = "Matematiklyftet", .goals = "Mål", .cost = 0}};
    plan_facts_t f = {problems, 1, causes, 2, iv, 1, links, 1, indicators, 1};
    const char **m;
    assert_int_equal(plan_missing(&f, &a, &m), 0);
    arena_free(&a);
}

static void the_chain_runs_from_each_problem_to_each_indicator_with_the_gaps_marked(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    plan_facts_t f = facts();
    trace_row_t *r;
    size_t n = plan_trace(&f, &a, &r);
    /* 1→11→100→two indicators; 1→12 unanswered; 2→21→200 without indicator; 3 without
     * cause, left unanswered on purpose. */
    assert_int_equal(n, 5);
    assert_string_equal(r[0].problem, "Låga resultat i matematik");
    assert_string_equal(r[0].cause, "Lite återkoppling i undervisningen");
    assert_string_equal(r[0].intervention, "Matematiklyftet");
    assert_string_equal(r[0].goal, "Fler elever når godtagbara kunskaper.");
    assert_string_equal(r[0].indicator, "Andel elever med godtagbara kunskaper i matematik åk 6");
    assert_string_equal(r[0].gap, "");
    assert_string_equal(r[1].indicator, "Andel elever som får återkoppling varje lektion");
    assert_int_equal(r[1].intervention_id, 100);
    assert_string_equal(r[2].cause, "Resultaten analyseras inte i arbetslagen");
    assert_string_equal(r[2].intervention, "");
    assert_string_equal(r[2].gap, "Ingen insats");
    assert_string_equal(r[3].intervention, "Rastvärdar");
    assert_string_equal(r[3].gap, "Indikator saknas");
    assert_string_equal(r[4].problem, "Hög frånvaro");
    assert_string_equal(r[4].cause, "");
    assert_string_equal(r[4].gap, "Medvetet obesvarat: Kommunens elevhälsoplan tar hand om frånvaron.");
    arena_free(&a);
}

static void an_intervention_without_goals_shows_that_gap_first(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    plan_link_t l[] = {{300, 2, 21}};
    plan_facts_t f = {problems + 1, 1, causes + 2, 1, interventions + 2, 1, l, 1, NULL, 0};
    trace_row_t *r;
    assert_int_equal(plan_trace(&f, &a, &r), 1);
    assert_string_equal(r[0].intervention, "Studiedag");
    assert_string_equal(r[0].gap, "Mål saknas");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_completeness_check_names_each_gap_once),
        cmocka_unit_test(a_problem_without_intervention_or_reason_is_missing_and_an_empty_plan_says_so),
        cmocka_unit_test(a_complete_plan_has_nothing_missing_and_a_cost_of_zero_is_a_cost),
        cmocka_unit_test(the_chain_runs_from_each_problem_to_each_indicator_with_the_gaps_marked),
        cmocka_unit_test(an_intervention_without_goals_shows_that_gap_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
