/* test_model.c — a commitment stays open until the latest report says it is done, and a
 * member's missing levels are named in order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "networks/networks.h"
#include <string.h>

static void a_commitment_is_carried_until_done(void **state)
{
    (void)state;
    assert_true(network_commitment_open(NULL, 0));
    const char *partly[] = {"partly"};
    assert_true(network_commitment_open(partly, 1));
    const char *then_done[] = {"not", "partly", "done"};
    assert_false(network_commitment_open(then_done, 3));
    const char *done_then_not[] = {"done", "not"};
    assert_true(network_commitment_open(done_then_not, 2));
}

static void the_levels_a_member_lacks(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    const char *two[] = {"teachers", "politics", "teachers"};
    assert_string_equal(network_levels_missing(two, 3, &a), "Förvaltningsledning, Rektorer");
    const char *all[] = {"principals", "administration", "teachers", "politics"};
    assert_string_equal(network_levels_missing(all, 4, &a), "");
    assert_string_equal(network_levels_missing(NULL, 0, &a), "Politik, Förvaltningsledning, Rektorer, Lärare");
    assert_string_equal(network_aspect_label("routines"), "Gemensamma rutiner");
    assert_string_equal(network_outcome_label("partly"), "Delvis genomfört");
    assert_string_equal(network_level_label("nope"), "");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_commitment_is_carried_until_done),
        cmocka_unit_test(the_levels_a_member_lacks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
