/* test_arena.c — the region allocator: cleared memory where it promises it, copies that
 * keep what they copy, and a reset that empties the arena but keeps its blocks (up to a
 * bound) for the next batch. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "base/arena.h"
#include <stdbool.h>
#include <string.h>

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static void alloc_is_cleared_even_in_a_reused_block(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    unsigned char *p = arena_alloc(&a, 1000);
    assert_true(all_zero(p, 1000));
    memset(p, 0xAB, 1000);
    arena_reset(&a);
    unsigned char *q = arena_alloc(&a, 1000);
    assert_ptr_equal(p, q); /* the same block, emptied */
    assert_true(all_zero(q, 1000));
    arena_free(&a);
}

static void realloc_keeps_the_old_part_and_clears_the_new(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    int *v = arena_realloc_array(&a, NULL, 0, 4, sizeof *v);
    assert_true(all_zero((unsigned char *)v, 4 * sizeof *v));
    for (int i = 0; i < 4; i++)
        v[i] = i + 1;
    arena_reset(&a); /* a dirty block comes back below */
    v = arena_realloc_array(&a, NULL, 0, 4, sizeof *v);
    for (int i = 0; i < 4; i++)
        v[i] = 10 * (i + 1);
    int *w = arena_realloc_array(&a, v, 4, 100000, sizeof *w);
    for (int i = 0; i < 4; i++)
        assert_int_equal(w[i], 10 * (i + 1));
    assert_true(all_zero((unsigned char *)(w + 4), (100000 - 4) * sizeof *w));
    int *shorter = arena_realloc_array(&a, w, 100000, 2, sizeof *w);
    assert_int_equal(shorter[0], 10);
    assert_int_equal(shorter[1], 20);
    arena_free(&a);
}

static void strings_are_copied_whole(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    assert_null(arena_strdup(&a, NULL));
    assert_string_equal(arena_strdup(&a, "Åhusgatans förskola"), "Åhusgatans förskola");
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    assert_string_equal(arena_printf(&a, "%s rad %d", "fil.csv", 12), "fil.csv rad 12");
    assert_string_equal(arena_printf(&a, "%s", ""), "");
    arena_free(&a);
}

static int cleanups_run;
static void count_cleanup(void *ctx)
{
    (void)ctx;
    cleanups_run++;
}

static void reset_runs_cleanups_and_keeps_at_most_a_mebibyte(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    cleanups_run = 0;
    for (int round = 0; round < 20; round++) {
        arena_defer(&a, count_cleanup, NULL);
        for (int i = 0; i < 200; i++)
            memset(arena_alloc(&a, 4000), 1, 4000); /* 800 kB a round */
        arena_alloc(&a, 3u << 20);                /* and one large block */
        arena_reset(&a);
        assert_int_equal(cleanups_run, round + 1);
        assert_true(arena_bytes(&a) <= ((size_t)1 << 20));
    }
    /* What is kept is used: a round after the first takes no more than it holds. */
    size_t held = arena_bytes(&a);
    for (int i = 0; i < 200; i++)
        arena_alloc(&a, 4000);
    assert_true(arena_bytes(&a) <= held + ((size_t)1 << 20));
    arena_free(&a);
    assert_int_equal(arena_bytes(&a), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alloc_is_cleared_even_in_a_reused_block),
        cmocka_unit_test(realloc_keeps_the_old_part_and_clears_the_new),
        cmocka_unit_test(strings_are_copied_whole),
        cmocka_unit_test(reset_runs_cleanups_and_keeps_at_most_a_mebibyte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
