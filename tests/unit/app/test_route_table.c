/* test_route_table.c — the whole route table as the areas build it: every route's method,
 * path and the roles that may call it, held against the committed golden file
 * tests/unit/app/routes.golden (so any change of access is one diff in review; run with
 * UPDATE_GOLDEN=1 to write it anew), and the table's own rules: no route twice, no route
 * declaring more parameters than a request holds, every API route described, every menu
 * entry leading to a page its roles may open. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "app/area.h"
#include "app/openapi.h"
#include "base/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN "tests/unit/app/routes.golden"

static void table_text(buf_t *out)
{
    buf_puts(out, "# Every route: method, path, and who may call it (public: anyone). Written by\n"
                  "# tests/unit/app/test_route_table.c; a change here is a change of access.\n");
    for (const route_t *r = areas_routes(); r->method; r++) {
        buf_printf(out, "%-4s %-48s", r->method, r->pattern);
        if (r->flags & ROUTE_PUBLIC) {
            buf_puts(out, " public");
        } else {
            for (int role = ROLE_ADMIN; role < ROLE_COUNT; role++)
                if (access_roles(r->cap) & ROLE_BIT(role))
                    buf_printf(out, " %s", role_key((role_t)role));
        }
        buf_putc(out, '\n');
    }
}

static void the_table_matches_the_golden_file(void **state)
{
    (void)state;
    buf_t now = BUF_INIT, golden = BUF_INIT;
    table_text(&now);
    if (getenv("UPDATE_GOLDEN")) {
        FILE *f = fopen(GOLDEN, "w");
        assert_non_null(f);
        fputs(buf_cstr(&now), f);
        fclose(f);
    }
    FILE *f = fopen(GOLDEN, "r");
    assert_non_null(f);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&golden, chunk, n);
    fclose(f);
    if (strcmp(buf_cstr(&now), buf_cstr(&golden)) != 0)
        fprintf(stderr, "Rutttabellen skiljer sig från %s. Så här ser den ut nu:\n%s", GOLDEN, buf_cstr(&now));
    assert_string_equal(buf_cstr(&now), buf_cstr(&golden));
    buf_free(&now);
    buf_free(&golden);
}

static void no_route_twice_and_none_declares_too_much(void **state)
{
    (void)state;
    const route_t *t = areas_routes();
    size_t total = 0;
    for (const route_t *r = t; r->method; r++, total++) {
        for (const route_t *s = r + 1; s->method; s++)
            if (strcmp(r->method, s->method) == 0 && strcmp(r->pattern, s->pattern) == 0)
                fail_msg("%s %s finns två gånger", r->method, r->pattern);
        size_t np = 0;
        for (const param_spec_t *p = r->params; p && p->name; p++)
            np++;
        if (np > REQ_MAX_PARAMS)
            fail_msg("%s %s deklarerar %zu parametrar (högst %d)", r->method, r->pattern, np, REQ_MAX_PARAMS);
        if (!(r->flags & ROUTE_PUBLIC) && (r->cap == CAP_NONE || !access_roles(r->cap)))
            fail_msg("%s %s kräver inloggning men ingen roll får anropa den", r->method, r->pattern);
        if ((r->flags & ROUTE_PUBLIC) && r->cap != CAP_NONE)
            fail_msg("%s %s är öppen men anger en förmåga", r->method, r->pattern);
    }
    assert_true(total > 50);
}

static void every_api_route_is_described(void **state)
{
    (void)state;
    char *missing = openapi_missing();
    if (missing)
        fprintf(stderr, "API-rutter utan beskrivning i något områdes openapi.json:\n%s", missing);
    assert_null(missing);
}

static void every_menu_entry_opens_for_its_roles(void **state)
{
    (void)state;
    size_t n;
    const nav_entry_t *nav = areas_nav(&n);
    assert_true(n >= 10);
    for (size_t i = 0; i < n; i++) {
        const route_t *page = NULL;
        for (const route_t *r = areas_routes(); r->method && !page; r++)
            if (strcmp(r->method, "GET") == 0 && strcmp(r->pattern, nav[i].href) == 0)
                page = r;
        if (!page)
            fail_msg("menyvalet %s pekar på %s, som inte är en sida", nav[i].label, nav[i].href);
        unsigned shown = access_roles(nav[i].cap), allowed = access_roles(page->cap);
        if ((shown & allowed) != shown)
            fail_msg("menyvalet %s visas för roller som inte får öppna %s", nav[i].label, nav[i].href);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_table_matches_the_golden_file),
        cmocka_unit_test(no_route_twice_and_none_declares_too_much),
        cmocka_unit_test(every_api_route_is_described),
        cmocka_unit_test(every_menu_entry_opens_for_its_roles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
