/* test_ranking_cache.c — a cached ranking is shared, not copied, and outlives its
 * eviction for as long as a reader's arena holds it (run under the sanitizers, a read
 * after the entry was freed would fail here); a refrozen round misses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "selection/ranking_cache.h"
#include <math.h>
#include <string.h>

/* A ranking of n rows with one value column ("value" of variable v): row i has value
 * n - i, and the last row's value is missing. */
static void make(ranking_t *r, arena_t *a, size_t n, const char *code_prefix)
{
    memset(r, 0, sizeof *r);
    r->method = RANK_PRESCHOOL;
    r->value_key = "index";
    r->ncols = 1;
    r->cols = arena_alloc(a, sizeof *r->cols);
    r->cols[0] = (rank_column_t){"degree_share", "degree_share", "value"};
    r->nrows = n;
    r->rows = arena_alloc(a, n * sizeof *r->rows);
    for (size_t i = 0; i < n; i++) {
        rank_row_t *row = &r->rows[i];
        row->rank = (int)i + 1;
        row->code = arena_printf(a, "%s%03zu", code_prefix, i);
        row->name = "Förskolan";
        row->organiser = "Kommunen";
        row->school_forms = ",forskola,";
        row->note = "";
        row->cols = arena_alloc(a, sizeof(double));
        row->cols[0] = i + 1 == n ? NAN : (double)(n - i);
    }
    r->ranked = n;
}

static void a_reader_keeps_an_evicted_entry_until_its_arena_is_freed(void **state)
{
    (void)state;
    arena_t build = ARENA_INIT, reader = ARENA_INIT;
    ranking_t r;
    make(&r, &build, 5, "A");
    ranking_cache_put(1, 1, RANK_PRESCHOOL, &r);
    arena_free(&build); /* the cache holds its own copy */

    ranking_t got;
    assert_true(ranking_cache_get(1, 1, RANK_PRESCHOOL, &reader, &got));
    assert_int_equal(got.nrows, 5);
    assert_string_equal(got.rows[0].code, "A000");
    /* The value column's values, sorted, with the missing one left out. */
    assert_non_null(got.sorted);
    assert_int_equal(got.nsorted[0], 4);
    assert_true(got.sorted[0][0] == 2 && got.sorted[0][3] == 5);

    /* Nine other rankings push it out of the cache... */
    for (int64_t round = 2; round <= 10; round++) {
        arena_t a = ARENA_INIT;
        ranking_t other;
        make(&other, &a, 3, "B");
        ranking_cache_put(round, 1, RANK_PRESCHOOL, &other);
        arena_free(&a);
    }
    arena_t probe = ARENA_INIT;
    ranking_t again;
    assert_false(ranking_cache_get(1, 1, RANK_PRESCHOOL, &probe, &again));
    arena_free(&probe);
    /* ...but the reader still reads what it was given. */
    assert_string_equal(got.rows[4].code, "A004");
    assert_true(isnan(got.rows[4].cols[0]));
    arena_free(&reader); /* the last holder lets go: the entry is freed (the sanitizers check) */
}

static void a_refrozen_round_misses_and_replaces_the_older_version(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    ranking_t r, got;
    make(&r, &a, 3, "C");
    ranking_cache_put(20, 1, RANK_PRESCHOOL, &r);
    assert_false(ranking_cache_get(20, 2, RANK_PRESCHOOL, &a, &got));
    make(&r, &a, 4, "D");
    ranking_cache_put(20, 2, RANK_PRESCHOOL, &r);
    assert_true(ranking_cache_get(20, 2, RANK_PRESCHOOL, &a, &got));
    assert_int_equal(got.nrows, 4);
    assert_false(ranking_cache_get(20, 1, RANK_PRESCHOOL, &a, &got));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_reader_keeps_an_evicted_entry_until_its_arena_is_freed),
        cmocka_unit_test(a_refrozen_round_misses_and_replaces_the_older_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
