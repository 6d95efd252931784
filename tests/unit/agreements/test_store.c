/* test_store.c — agreements against a seeded database: read through their case, the
 * demo's ÖK1 signed by both sides, a signed one refused a new version, a stale copy of a
 * draft refused, and the signature a fact of the case. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "../support/seed.h"
#include "agreements/agreements.h"

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

static void a_signed_agreement_is_read_through_its_case_and_never_changed(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    viewer_t sup = seed_viewer(db, "processtod@exempel.se", &a), uni = seed_viewer(db, "larosate@exempel.se", &a);
    case_row_t *c = cases_get(db, &sup, seed_case_of(db, BORAS), &a);
    agreement_t *g;
    assert_int_equal(agreements_of_case(db, &sup, c, &a, &g), 1);
    assert_int_equal(g[0].kind, AGR_OK1);
    assert_int_equal(g[0].state, AGS_SIGNED);
    assert_int_equal(agreements_signed_kinds(db, c->id), 1u << AGR_OK1); /* ÖK1 signed, no ÖK2 */
    /* Karlstads universitet works in Borås's case but is not party to its ÖK1: it reads the
     * case, not the organiser's agreement (nor its money). */
    assert_non_null(cases_get(db, &uni, c->id, &a));
    assert_null(agreements_get(db, &uni, g[0].id, &a, NULL));
    agreement_t *none;
    assert_int_equal(agreements_of_case(db, &uni, c, &a, &none), 0);
    agreement_content_t content;
    assert_true(agreements_content(db, &sup, &g[0], 0, &a, &content, NULL, NULL));
    char *err = NULL;
    assert_int_equal(agreements_save(db, &sup, &g[0], g[0].version, &content, &a, &err), WRITE_REFUSED);
    assert_non_null(strstr(err, "undertecknad"));
    arena_free(&a);
}

static void a_draft_saved_from_a_stale_copy_is_refused(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    viewer_t sup = seed_viewer(db, "processtod@exempel.se", &a);
    case_row_t *ale = cases_get(db, &sup, seed_case_of(db, ALE), &a);
    agreement_content_t content = {.period_from = "2025-06-01", .period_to = "2026-06-30"};
    size_t n;
    agreement_sections(AGR_OK1, &n);
    for (size_t i = 0; i < n; i++)
        content.sections[i] = "";
    char *err = NULL;
    int64_t id = agreements_create(db, &sup, ale, AGR_OK1, 0, &content, &a, &err);
    assert_true(id > 0);
    agreement_t *first = agreements_get(db, &sup, id, &a, NULL);
    assert_int_equal(agreements_save(db, &sup, first, 1, &content, &a, &err), WRITE_OK);
    /* Another form still based on version 1: refused as stale, nothing written. */
    agreement_t *now = agreements_get(db, &sup, id, &a, NULL);
    assert_int_equal(agreements_save(db, &sup, now, 1, &content, &a, &err), WRITE_STALE);
    assert_non_null(strstr(err, "nyare version"));
    assert_int_equal(agreements_get(db, &sup, id, &a, NULL)->version, 2);
    assert_int_equal(agreements_save(db, &sup, now, 2, &content, &a, &err), WRITE_OK);
    assert_int_equal(agreements_get(db, &sup, id, &a, NULL)->version, 3);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_signed_agreement_is_read_through_its_case_and_never_changed),
        cmocka_unit_test(a_draft_saved_from_a_stale_copy_is_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
