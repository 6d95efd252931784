/* test_model.c — the start and end mappings compared by hand: aspects in the start's
 * order, one asked only at the end after them, unanswered as 0, and the means. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "capacity/capacity.h"
#include <math.h>

static void test_compare_and_mean(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    capacity_answer_t s[] = {{1, "Struktur", "Mål", "", 2, ""}, {2, "Struktur", "Tid", "", 0, ""},
                             {3, "Kultur", "Mod", "", 3, ""}};
    capacity_answer_t e[] = {{3, "Kultur", "Mod", "", 4, ""}, {1, "Struktur", "Mål", "", 4, ""},
                             {4, "Kultur", "Tillit", "", 2, ""}};
    capacity_mapping_t start = {.moment = "start", .answers = s, .n = 3};
    capacity_mapping_t end = {.moment = "end", .answers = e, .n = 3};
    capacity_change_t *c;
    size_t n = capacity_compare(&start, &end, &a, &c);
    assert_int_equal(n, 4);
    assert_string_equal(c[0].name, "Mål");
    assert_int_equal(c[0].start, 2);
    assert_int_equal(c[0].end, 4);
    assert_int_equal(c[1].end, 0); /* Tid: not answered at the end */
    assert_int_equal(c[2].start, 3);
    assert_int_equal(c[2].end, 4);
    assert_string_equal(c[3].name, "Tillit");
    assert_int_equal(c[3].start, 0);
    assert_true(capacity_mean(&start) == 2.5); /* the unanswered aspect does not count */
    assert_true(fabs(capacity_mean(&end) - 10.0 / 3.0) < 1e-9);
    assert_int_equal(capacity_unanswered(&start), 1);
    capacity_mapping_t none = {.moment = "end"};
    assert_true(isnan(capacity_mean(&none)));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_compare_and_mean)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
