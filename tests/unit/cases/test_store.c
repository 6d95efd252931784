/* test_store.c — the cases store against a seeded database: who sees which case, the
 * list's filter choices drawn from the cases the viewer may see only, the supporters'
 * names on each row, and the phase move refused by the rules and by a change made
 * meanwhile. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "../support/seed.h"
#include "cases/cases.h"

static db_t *db;

static int setup(void **state)
{
    (void)state;
    db = seed_open();
    return db ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    seed_close(db);
    return 0;
}

static size_t visible(const char *email, arena_t *a, case_row_t **rows)
{
    viewer_t v = seed_viewer(db, email, a);
    case_filter_t f = {0};
    return cases_list(db, &v, &f, a, rows);
}

static bool lists(const case_row_t *rows, size_t n, const char *orgnr)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(rows[i].orgnr, orgnr) == 0)
            return true;
    return false;
}

/* The demo: Borås (Karlstads universitet) and Ale with the demo's supporter, Kiruna
 * (Umeå universitet) without. */
static void each_role_sees_its_cases(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    case_row_t *rows;
    size_t n = visible("admin@exempel.se", &a, &rows);
    assert_int_equal(n, 3);
    assert_int_equal(visible("ekonomi@exempel.se", &a, &rows), 3);
    n = visible("processtod@exempel.se", &a, &rows);
    assert_int_equal(n, 2);
    assert_true(lists(rows, n, BORAS) && lists(rows, n, ALE) && !lists(rows, n, KIRUNA));
    for (const char *const *e = (const char *const[]){"huvudman@exempel.se", "rektor@exempel.se",
                                                      "analysgrupp@exempel.se", "larosate@exempel.se", NULL};
         *e; e++) {
        n = visible(*e, &a, &rows);
        assert_int_equal(n, 1);
        assert_string_equal(rows[0].orgnr, BORAS);
    }
    assert_int_equal(visible("lasare@exempel.se", &a, &rows), 0);
    /* One case by id: out of reach is absent. */
    viewer_t org = seed_viewer(db, "huvudman@exempel.se", &a);
    assert_non_null(cases_get(db, &org, seed_case_of(db, BORAS), &a));
    assert_null(cases_get(db, &org, seed_case_of(db, ALE), &a));
    viewer_t uni = seed_viewer(db, "larosate@exempel.se", &a);
    assert_null(cases_get(db, &uni, seed_case_of(db, KIRUNA), &a));
    arena_free(&a);
}

static void each_row_names_its_supporters(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    case_row_t *rows;
    size_t n = visible("admin@exempel.se", &a, &rows);
    /* The demo gives each case its two; Kiruna has others than Borås and Ale. */
    for (size_t i = 0; i < n; i++)
        assert_string_equal(rows[i].supporters, strcmp(rows[i].orgnr, KIRUNA) == 0 ? "Anders Lindqvist, Eva Sundin"
                                                                                  : "Anders Lindqvist, Maria Holmqvist");
    viewer_t admin = seed_viewer(db, "admin@exempel.se", &a);
    case_row_t *one = cases_get(db, &admin, seed_case_of(db, ALE), &a);
    assert_string_equal(one->supporters, "Anders Lindqvist, Maria Holmqvist");
    assert_int_equal(one->units, 1);
    arena_free(&a);
}

/* The filters offer only what the viewer's own cases hold: an organiser's user sees
 * neither another round's name nor another organiser's supporters. */
static void filter_choices_come_from_the_viewers_cases(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    viewer_t admin = seed_viewer(db, "admin@exempel.se", &a), org = seed_viewer(db, "huvudman@exempel.se", &a);
    case_choice_t *c;
    assert_int_equal(cases_round_choices(db, &admin, &a, &c), 2);
    size_t n = cases_round_choices(db, &org, &a, &c);
    assert_int_equal(n, 1);
    assert_string_equal(c[0].value, "Urval 2025-05-05");
    /* Kiruna's second supporter works only there: Borås's user does not see her. */
    n = cases_supporter_choices(db, &org, &a, &c);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].label, "Anders Lindqvist");
    assert_string_equal(c[1].label, "Maria Holmqvist");
    assert_int_equal(cases_supporter_choices(db, &admin, &a, &c), 3);
    arena_free(&a);
}

static void a_move_follows_the_rules_and_the_phase_it_was_read_in(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    viewer_t sup = seed_viewer(db, "processtod@exempel.se", &a), org = seed_viewer(db, "huvudman@exempel.se", &a);
    case_row_t *ale = cases_get(db, &sup, seed_case_of(db, ALE), &a); /* in ÖK1, no agreement */
    assert_int_equal(ale->phase, PHASE_OK1);
    char *err = NULL;
    assert_false(cases_move(db, &sup, ale, "nulagesanalys", "", &a, &err));
    assert_non_null(strstr(err, "ÖK1 är inte undertecknad"));
    assert_false(cases_move(db, &org, ale, "accepterad", "", &a, &err));
    /* Borås: ÖK1 signed in the demo, so the analysis phase holds; a copy read before a
     * move made meanwhile cannot move it again. */
    case_row_t *boras = cases_get(db, &sup, seed_case_of(db, BORAS), &a);
    case_facts_t f;
    cases_facts(db, boras, &f);
    assert_true(f.ok1_signed);
    case_row_t stale = *boras;
    stale.phase = PHASE_OK1;
    assert_false(cases_move(db, &sup, &stale, "nulagesanalys", "", &a, &err));
    assert_non_null(strstr(err, "någon annan"));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_role_sees_its_cases),
        cmocka_unit_test(each_row_names_its_supporters),
        cmocka_unit_test(filter_choices_come_from_the_viewers_cases),
        cmocka_unit_test(a_move_follows_the_rules_and_the_phase_it_was_read_in),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
