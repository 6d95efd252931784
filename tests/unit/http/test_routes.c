/* test_routes.c — the route table: matching, 405, and declared-parameter validation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "http/routes.h"
#include <string.h>

static int dummy(request_t *req) { (void)req; return 200; }

static const char *const kinds[] = {"kommunal", "enskild", NULL};
static const param_spec_t p_list[] = {
    {"q", P_SEARCH, 0, "Sök", 0, 10, NULL},
    {"kind", P_CHOICE, 0, "Typ", 0, 0, kinds},
    {"page", P_INT, 0, "Sida", 1, 100, NULL},
    {NULL, 0, 0, NULL, 0, 0, NULL},
};
static const param_spec_t p_org[] = {{"orgnr", P_ORGNR, PARAM_PATH, "Organisationsnummer", 0, 0, NULL},
                                     {NULL, 0, 0, NULL, 0, 0, NULL}};
static const param_spec_t p_form[] = {{"email", P_EMAIL, PARAM_REQUIRED, "E-postadress", 0, 254, NULL},
                                      {"date", P_DATE, 0, "Datum", 0, 0, NULL},
                                      {NULL, 0, 0, NULL, 0, 0, NULL}};
static const route_t table[] = {
    {"GET", "/organisers", dummy, 0, 0, p_list},
    {"GET", "/organisers/{orgnr}", dummy, 0, 0, p_org},
    {"POST", "/form", dummy, 0, ROUTE_FORM, p_form},
    {NULL, NULL, NULL, 0, 0, NULL},
};

static void matches_paths_and_methods(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    const route_t *r;
    const char *args[REQ_MAX_PATH_ARGS];
    assert_int_equal(routes_match(table, "GET", "/organisers/2120001561", &a, &r, args), ROUTE_FOUND);
    assert_ptr_equal(r, &table[1]);
    assert_string_equal(args[0], "2120001561");
    assert_int_equal(routes_match(table, "HEAD", "/organisers", &a, &r, args), ROUTE_FOUND);
    assert_int_equal(routes_match(table, "POST", "/organisers", &a, &r, args), ROUTE_BAD_METHOD);
    assert_int_equal(routes_match(table, "GET", "/organisers/2120001561/x", &a, &r, args), ROUTE_NOT_FOUND);
    assert_int_equal(routes_match(table, "GET", "/organisers/", &a, &r, args), ROUTE_NOT_FOUND);
    assert_int_equal(routes_match(table, "GET", "/nope", &a, &r, args), ROUTE_NOT_FOUND);
    arena_free(&a);
}

static void undeclared_parameters_are_dropped(void **state)
{
    (void)state;
    request_t req;
    memset(&req, 0, sizeof req);
    raw_param_t raw[] = {{"q", "  Borås  "}, {"admin", "1"}, {"kind", "enskild"}, {"page", "3"}};
    assert_true(routes_validate(&req, &table[0], raw, 4));
    assert_int_equal(req.nerrors, 0);
    assert_string_equal(req_param(&req, "q"), "Borås");
    assert_string_equal(req_param(&req, "kind"), "enskild");
    assert_int_equal(req_param_int(&req, "page", 1), 3);
    assert_string_equal(req_param(&req, "admin"), "");
    for (size_t i = 0; i < req.nparams; i++)
        assert_string_not_equal(req.params[i].name, "admin");
    arena_free(&req.arena);
}

static void invalid_values_become_errors(void **state)
{
    (void)state;
    request_t req;
    memset(&req, 0, sizeof req);
    raw_param_t raw[] = {{"q", "far too long text"}, {"kind", "privat"}, {"page", "0"}};
    assert_true(routes_validate(&req, &table[0], raw, 3));
    assert_int_equal(req.nerrors, 3);
    assert_string_equal(req.errors[0].field, "q");
    assert_string_equal(req.errors[0].message, "Sök får vara högst 10 tecken.");
    assert_string_equal(req.errors[1].message, "Välj ett av alternativen för Typ.");
    assert_string_equal(req.errors[2].message, "Sida ska vara ett heltal mellan 1 och 100.");
    assert_string_equal(req_param(&req, "kind"), "privat"); /* kept for re-display; nerrors > 0 */
    arena_free(&req.arena);
}

static void path_parameters_are_validated(void **state)
{
    (void)state;
    request_t req;
    memset(&req, 0, sizeof req);
    req.path_args[0] = "212000-1561";
    assert_true(routes_validate(&req, &table[1], NULL, 0));
    assert_string_equal(req_param(&req, "orgnr"), "2120001561");
    arena_free(&req.arena);
    memset(&req, 0, sizeof req);
    req.path_args[0] = "2120001562"; /* bad check digit: the page does not exist */
    assert_false(routes_validate(&req, &table[1], NULL, 0));
    arena_free(&req.arena);
}

static void required_and_typed_form_fields(void **state)
{
    (void)state;
    request_t req;
    memset(&req, 0, sizeof req);
    raw_param_t raw[] = {{"date", "2017-02-30"}, {"email", "   "}};
    assert_true(routes_validate(&req, &table[2], raw, 2));
    assert_int_equal(req.nerrors, 2);
    assert_string_equal(req.errors[0].field, "email");
    assert_string_equal(req.errors[0].message, "E-postadress måste fyllas i.");
    assert_string_equal(req.errors[1].message, "Datum ska vara ett datum som 2017-11-02.");
    arena_free(&req.arena);
    memset(&req, 0, sizeof req);
    raw_param_t ctrl[] = {{"email", "a\x01@b.se"}};
    assert_true(routes_validate(&req, &table[2], ctrl, 1));
    assert_int_equal(req.nerrors, 1);
    assert_string_equal(req.errors[0].message, "E-postadress innehåller otillåtna tecken.");
    arena_free(&req.arena);
}

/* "/cases/new" is not "/cases/{id}", whichever comes first in the table. */
static void the_most_specific_pattern_wins(void **state)
{
    (void)state;
    static const route_t both[] = {
        {"GET", "/cases/{id}", dummy, 0, 0, NULL},
        {"GET", "/cases/new", dummy, 0, 0, NULL},
        {"GET", "/cases/{id}/{part}", dummy, 0, 0, NULL},
        {"GET", "/cases/{id}/people", dummy, 0, 0, NULL},
        {NULL, NULL, NULL, 0, 0, NULL},
    };
    arena_t a = ARENA_INIT;
    const route_t *r;
    const char *args[REQ_MAX_PATH_ARGS];
    assert_int_equal(routes_match(both, "GET", "/cases/new", &a, &r, args), ROUTE_FOUND);
    assert_ptr_equal(r, &both[1]);
    assert_int_equal(routes_match(both, "GET", "/cases/12", &a, &r, args), ROUTE_FOUND);
    assert_ptr_equal(r, &both[0]);
    assert_string_equal(args[0], "12");
    assert_int_equal(routes_match(both, "GET", "/cases/12/people", &a, &r, args), ROUTE_FOUND);
    assert_ptr_equal(r, &both[3]);
    assert_string_equal(args[0], "12");
    assert_int_equal(routes_match(both, "GET", "/cases/12/units", &a, &r, args), ROUTE_FOUND);
    assert_ptr_equal(r, &both[2]);
    assert_string_equal(args[1], "units");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(matches_paths_and_methods),
        cmocka_unit_test(undeclared_parameters_are_dropped),
        cmocka_unit_test(invalid_values_become_errors),
        cmocka_unit_test(path_parameters_are_validated),
        cmocka_unit_test(required_and_typed_form_fields),
        cmocka_unit_test(the_most_specific_pattern_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
