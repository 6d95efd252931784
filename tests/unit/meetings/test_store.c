/* test_store.c — analysis groups and meetings against a seeded database: a group member
 * sees only their own group and its meetings, a head also the own unit's group, others
 * every group of a case they may see; the case's own meetings are not a member's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "../support/seed.h"
#include "meetings/meetings.h"

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

static void group_scope_narrows_the_case(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    viewer_t org = seed_viewer(db, "huvudman@exempel.se", &a), head = seed_viewer(db, "rektor@exempel.se", &a),
             member = seed_viewer(db, "analysgrupp@exempel.se", &a);
    case_row_t *c = cases_get(db, &org, seed_case_of(db, BORAS), &a);
    char *err = NULL;
    int64_t admin_group = meetings_create_group(db, &org, c, "administration", 0, &a, &err);
    int64_t unit_group = meetings_create_group(db, &head, c, "unit", head.unit_id, &a, &err);
    assert_true(admin_group > 0 && unit_group > 0);
    assert_int_equal(meetings_create_group(db, &head, c, "administration", 0, &a, &err), 0);
    assert_non_null(strstr(err, "förvaltningen"));
    assert_true(meetings_plan_series(db, &org, c, admin_group, "analysis", "", "2025-09-01", "13:00", 2, 21, 180, "", &a,
                                     &err) == 2);
    assert_true(meetings_plan_series(db, &org, c, 0, "quality", "", "2025-10-01", "09:00", 1, 30, 120, "", &a, &err) == 1);
    analysis_group_t *g;
    assert_int_equal(meetings_groups(db, &org, c, &a, &g), 2);
    assert_int_equal(meetings_groups(db, &head, c, &a, &g), 1);
    assert_int_equal(g[0].id, unit_group);
    /* The group member belongs to no group yet: nothing, not even the case's meetings. */
    case_row_t *seen = cases_get(db, &member, c->id, &a);
    assert_non_null(seen);
    assert_int_equal(meetings_groups(db, &member, seen, &a, &g), 0);
    meeting_t *m;
    assert_int_equal(meetings_of_case(db, &member, seen, &a, &m), 0);
    assert_int_equal(meetings_of_case(db, &org, c, &a, &m), 3);
    /* A head works in the own unit's group (no meetings yet), not at the case's own meetings. */
    assert_int_equal(meetings_of_case(db, &head, c, &a, &m), 0);
    assert_int_equal(meetings_plan_series(db, &head, c, 0, "quality", "", "2025-11-01", "09:00", 1, 30, 120, "", &a,
                                          &err), 0);
    /* The university plans its own visits (an inception meeting here), not quality meetings. */
    viewer_t uni = seed_viewer(db, "larosate@exempel.se", &a);
    assert_int_equal(meetings_plan_series(db, &uni, c, 0, "quality", "", "2025-11-03", "09:00", 1, 30, 120, "", &a,
                                          &err), 0);
    assert_non_null(strstr(err, "Lärosätet"));
    assert_int_equal(meetings_plan_series(db, &uni, c, 0, "visit", "inception", "2025-11-03", "09:00", 1, 30, 120, "",
                                          &a, &err), 1);
    /* Added to the administration's group by e-mail, the member sees it and its meetings. */
    analysis_group_t *ag = meetings_group(db, &org, admin_group, &a, NULL);
    assert_true(meetings_add_member(db, &org, ag, 0, member.name, member.email, &a, &err));
    assert_int_equal(meetings_groups(db, &member, seen, &a, &g), 1);
    assert_int_equal(meetings_of_case(db, &member, seen, &a, &m), 2);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(group_scope_narrows_the_case),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
