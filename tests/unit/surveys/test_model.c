/* test_model.c — response rates and the suppression of small groups, worked by hand:
 * seed 003's 243 of 318 is 76 per cent; a group of 4 is hidden, and so is the smallest
 * other group when the 4 could be found by subtracting the rest from the total (and as
 * many as it takes when the hidden groups together are still fewer than five). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "surveys/surveys.h"
#include <string.h>

static void response_rates_count_complete_answers(void **state)
{
    (void)state;
    assert_int_equal(survey_rate(243, 318), 76);
    assert_int_equal(survey_rate(1, 8), 13);  /* 12.5 rounds up */
    assert_int_equal(survey_rate(0, 30), 0);
    assert_int_equal(survey_rate(0, 0), -1);
    char text[80];
    survey_rate_text(243, 318, text, sizeof text);
    assert_string_equal(text, "76 procent (243 personer av 318)");
    survey_rate_text(1, 2, text, sizeof text);
    assert_string_equal(text, "50 procent (1 person av 2)");
}

/* Principals 12, teachers 4, first teachers 9, directors 6; total 31 shown. The teachers'
 * 4 are hidden, and since 31 − 12 − 9 − 6 = 4 would give them away, the smallest shown
 * group (directors, 6) is hidden too. */
static void a_group_of_four_is_hidden_also_from_the_total(void **state)
{
    (void)state;
    int answers[] = {12, 4, 9, 6};
    bool hidden[4];
    assert_true(survey_suppress(answers, 4, true, SURVEY_MIN_GROUP, hidden));
    assert_false(hidden[0]);
    assert_true(hidden[1]);
    assert_false(hidden[2]);
    assert_true(hidden[3]);
    /* Without the total shown, the 4 alone is hidden. */
    assert_true(survey_suppress(answers, 4, false, SURVEY_MIN_GROUP, hidden));
    assert_false(hidden[3]);
    /* Two small groups hide each other: no one more is needed. */
    int two[] = {12, 4, 3, 9};
    assert_true(survey_suppress(two, 4, true, SURVEY_MIN_GROUP, hidden));
    assert_true(hidden[1] && hidden[2]);
    assert_false(hidden[0] || hidden[3]);
    /* Two small groups of 2 and 1 would still give away their 3 together: the smallest
     * shown group (9) is hidden with them. */
    int three[] = {12, 2, 1, 9};
    assert_true(survey_suppress(three, 4, true, SURVEY_MIN_GROUP, hidden));
    assert_true(hidden[1] && hidden[2] && hidden[3]);
    assert_false(hidden[0]);
    /* An empty group has nothing to hide. */
    int empty[] = {7, 0, 8};
    assert_true(survey_suppress(empty, 3, true, SURVEY_MIN_GROUP, hidden));
    assert_false(hidden[0] || hidden[1] || hidden[2]);
}

static void too_few_altogether_hides_the_total(void **state)
{
    (void)state;
    bool hidden[3];
    int few[] = {2, 1, 0};
    assert_false(survey_suppress(few, 3, true, SURVEY_MIN_GROUP, hidden));
    assert_true(hidden[0] && hidden[1]);
    assert_false(hidden[2]);
    /* One group only, of 4: hidden, and the total with it. */
    int one[] = {4};
    assert_false(survey_suppress(one, 1, true, SURVEY_MIN_GROUP, hidden));
    assert_true(hidden[0]);
    /* A single group of 7 with a group of 3: both hidden, the total may stay (it is
     * neither group's size). */
    int pair[] = {7, 3};
    assert_true(survey_suppress(pair, 2, true, SURVEY_MIN_GROUP, hidden));
    assert_true(hidden[0] && hidden[1]);
}

/* A stored choice: "1,3" is options 1 and 3; anything else is no such list. */
static void chosen_options_are_read_strictly(void **state)
{
    (void)state;
    int x[4];
    assert_int_equal(survey_choices("1,3", x, 4), 2);
    assert_int_equal(x[0], 1);
    assert_int_equal(x[1], 3);
    assert_int_equal(survey_choices("", x, 4), 0);
    assert_int_equal(survey_choices("2", x, 4), 1);
    assert_int_equal(survey_choices("0", x, 4), -1);
    assert_int_equal(survey_choices("1,", x, 4), -1);
    assert_int_equal(survey_choices(",1", x, 4), -1);
    assert_int_equal(survey_choices("1;2", x, 4), -1);
    assert_int_equal(survey_choices("-1", x, 4), -1);
    assert_int_equal(survey_choices("1,2,3,4,5", x, 4), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(response_rates_count_complete_answers),
        cmocka_unit_test(a_group_of_four_is_hidden_also_from_the_total),
        cmocka_unit_test(too_few_altogether_hides_the_total),
        cmocka_unit_test(chosen_options_are_read_strictly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
