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

/* The party a case person's role asks to a meeting as. */
static const char *party_of(const char *role)
{
    return strcmp(role, "supporter") == 0 ? "agency" : "organiser";
}

static int party_rank(const char *party)
{
    for (int i = 0; meeting_party_keys[i]; i++)
        if (strcmp(party, meeting_party_keys[i]) == 0)
            return i;
    return -1;
}

static bool asked(const meeting_participant_t *p, size_t n, const case_person_t *who)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].name, who->name) == 0 && strcmp(p[i].party, party_of(who->role)) == 0)
            return true;
    return false;
}

/* The meeting of a kind and purpose booked last in the case (a case-level one). */
static meeting_t *last_booked(const case_row_t *c, const char *kind, const char *purpose, arena_t *a)
{
    meeting_t *m, *found = NULL;
    size_t n = meetings_list(db, c, 0, a, &m);
    for (size_t i = 0; i < n; i++)
        if (strcmp(m[i].kind, kind) == 0 && strcmp(m[i].purpose, purpose) == 0 && (!found || m[i].id > found->id))
            found = &m[i];
    return found;
}

/* A quality meeting asks the case's supporters, its contacts and the university; a talk
 * the supporters and the university only. Recording marks each person present or not
 * and may add a guest of a named party; a guest without a party is refused. */
static void case_meetings_record_attendance_per_person(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    viewer_t org = seed_viewer(db, "huvudman@exempel.se", &a), admin = seed_viewer(db, "admin@exempel.se", &a);
    case_row_t *c = cases_get(db, &org, seed_case_of(db, BORAS), &a);
    char *err = NULL;
    assert_true(cases_add_contact(db, &admin, c, "Karin Ek", "karin.ek@exempel.se", &a, &err));
    assert_int_equal(meetings_plan_series(db, &org, c, 0, "quality", "", "2026-02-02", "09:00", 1, 30, 120, "", &a, &err), 1);
    meeting_t *q = last_booked(c, "quality", "", &a);
    assert_non_null(q);
    case_person_t *people;
    size_t npeople = cases_people(db, c, &a, &people);
    meeting_participant_t *p;
    size_t n = meetings_participants(db, q->id, &a, &p);
    assert_true(npeople >= 2 && n >= npeople);
    for (size_t i = 0; i < npeople; i++)
        assert_true(asked(p, n, &people[i]));
    for (size_t i = 1; i < n; i++) /* agency, organiser, university, other */
        assert_true(party_rank(p[i - 1].party) <= party_rank(p[i].party));
    for (size_t i = 0; i < n; i++)
        assert_false(p[i].present);
    /* The first is present, a guest from the region came too. */
    int64_t here[] = {p[0].id};
    meeting_guest_t guest = {"Eva Gäst", "other"}, no_party = {"Per Utan", "ingen"};
    assert_int_equal(meetings_record(db, &org, q, q->version, here, 1, "Genomgång av delredovisningen.", NULL, 0, &no_party,
                                     &a, &err), WRITE_REFUSED);
    assert_non_null(strstr(err, "part"));
    assert_int_equal(meetings_record(db, &org, q, q->version, here, 1, "Genomgång av delredovisningen.", NULL, 0, &guest, &a,
                                     &err), WRITE_OK);
    meeting_participant_t *after;
    assert_int_equal(meetings_participants(db, q->id, &a, &after), n + 1);
    for (size_t i = 0; i < n + 1; i++) {
        bool expected = after[i].id == p[0].id || strcmp(after[i].name, "Eva Gäst") == 0;
        assert_int_equal(after[i].present, expected);
    }
    assert_string_equal(after[n].party, "other");
    /* A talk between the team leader and the supporters does not ask the organiser. */
    assert_int_equal(meetings_plan_series(db, &admin, c, 0, "visit", "talk", "2026-02-09", "10:00", 1, 30, 60, "", &a, &err), 1);
    meeting_t *talk = last_booked(c, "visit", "talk", &a);
    n = meetings_participants(db, talk->id, &a, &p);
    for (size_t i = 0; i < n; i++)
        assert_string_not_equal(p[i].party, "organiser");
    meeting_participant_row_t *rows;
    size_t nrows = meetings_participants_of_case(db, c, &a, &rows);
    assert_true(nrows >= n + npeople + 1);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(group_scope_narrows_the_case),
        cmocka_unit_test(case_meetings_record_attendance_per_person),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
