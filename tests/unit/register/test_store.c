/* test_store.c — the register's store against a seeded database: the organisers and
 * units each role may read, through lists, searches and single objects. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "../support/seed.h"
#include "register/register.h"

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

static long long organisers(const char *email, const char *q, arena_t *a)
{
    viewer_t v = seed_viewer(db, email, a);
    reg_filter_t f = {.q = q, .page = 1, .per_page = 50};
    reg_organiser_t *rows;
    long long total;
    register_list_organisers(db, &v, &f, a, &rows, &total);
    return total;
}

static void each_role_reads_its_organisers(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    for (const char *const *e = (const char *const[]){"admin@exempel.se", "analytiker@exempel.se",
                                                      "processtod@exempel.se", "ekonomi@exempel.se", NULL};
         *e; e++)
        assert_int_equal(organisers(*e, "", &a), 4); /* the four built-in organisers */
    /* The organiser's side, and Karlstads universitet (Borås's case), see Borås only. */
    for (const char *const *e = (const char *const[]){"huvudman@exempel.se", "rektor@exempel.se",
                                                      "analysgrupp@exempel.se", "larosate@exempel.se", NULL};
         *e; e++) {
        assert_int_equal(organisers(*e, "", &a), 1);
        assert_int_equal(organisers(*e, "ale", &a), 0);
    }
    assert_int_equal(organisers("lasare@exempel.se", "", &a), 0);
    viewer_t org = seed_viewer(db, "huvudman@exempel.se", &a);
    assert_non_null(register_get_organiser(db, &org, BORAS, &a));
    assert_null(register_get_organiser(db, &org, ALE, &a));
    assert_non_null(register_get_unit(db, &org, "13746989", &a));
    assert_null(register_get_unit(db, &org, "11043800", &a)); /* Bohusskolan, Ale */
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_role_reads_its_organisers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
