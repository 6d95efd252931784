/* test_model.c — the university's documents: their kinds and headings, a term's name and
 * what is missing before a submission, worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "commission/commission.h"
#include <string.h>

static void every_kind_has_its_headings(void **state)
{
    (void)state;
    for (int i = 0; commission_kind_keys[i]; i++) {
        const commission_kind_t *k = commission_kind(commission_kind_keys[i]);
        assert_non_null(k);
        assert_true(k->nheadings >= 3 && k->nheadings <= COMMISSION_MAX_HEADINGS);
        for (size_t h = 0; h < k->nheadings; h++)
            assert_true(*k->headings[h] && *k->titles[h] && *k->hints[h]);
    }
    assert_null(commission_kind("uppsats"));
    assert_null(commission_kind(NULL));
    assert_true(commission_kind("interim")->per_term);
    assert_false(commission_kind("final")->per_term);
    assert_string_equal(commission_kind("effort_plan")->label, "Insatsplan");
    assert_string_equal(commission_kind("lessons")->label, "Lärdomar från insatser");
}

static void terms_and_titles(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    assert_true(commission_term_valid("2026VT"));
    assert_true(commission_term_valid("2027HT"));
    assert_false(commission_term_valid("2026vt"));
    assert_false(commission_term_valid("26VT"));
    assert_false(commission_term_valid("2026XT"));
    assert_false(commission_term_valid("0026VT"));
    assert_false(commission_term_valid(""));
    assert_false(commission_term_valid(NULL));
    assert_string_equal(commission_title(commission_kind("interim"), "2026HT", &a), "Delrapport HT 2026");
    assert_string_equal(commission_title(commission_kind("final"), "", &a), "Slutrapport");
    arena_free(&a);
}

static void missing_names_each_empty_heading(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    const commission_kind_t *k = commission_kind("lessons");
    const char *texts[COMMISSION_MAX_HEADINGS] = {"Tydliga mål.", "  \n ", NULL};
    const char **missing;
    assert_int_equal(commission_missing(k, texts, &a, &missing), 2);
    assert_string_equal(missing[0], "Rubriken ”Svårigheter och hur de hanterades” är tom.");
    assert_string_equal(missing[1], "Rubriken ”Att ta med till nästa samverkan” är tom.");
    texts[1] = "Tiden räckte inte.";
    texts[2] = "Börja tidigare.";
    assert_int_equal(commission_missing(k, texts, &a, &missing), 0);
    assert_string_equal(commission_state_label("returned"), "Återsänd för komplettering");
    assert_string_equal(commission_state_label("draft"), "Utkast");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_kind_has_its_headings),
        cmocka_unit_test(terms_and_titles),
        cmocka_unit_test(missing_names_each_empty_heading),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
