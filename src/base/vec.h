/* vec.h — arrays that grow by doubling, in an arena or on the heap, so that no list
 * reader writes its own growth loop.
 *
 *   case_row_t *rows = NULL; size_t n = 0, cap = 0;
 *   while (…) { case_row_t *c = ARENA_PUSH(a, rows, n, cap); … }
 *
 * The element pointer is valid until the next push. */
#ifndef SV_VEC_H
#define SV_VEC_H
#include "arena.h"
#include <stddef.h>

/* Grows an arena array of n elements to at least n + 1 (doubling *cap); returns it. */
void *arena_grow(arena_t *a, void *array, size_t n, size_t *cap, size_t size);
/* The same on the heap (aborts on OOM, like xrealloc). */
void *heap_grow(void *array, size_t n, size_t *cap, size_t size);

#define ARENA_PUSH(a, arr, n, cap) \
    ((n) == (cap) ? (void)((arr) = arena_grow((a), (arr), (n), &(cap), sizeof *(arr))) : (void)0, &(arr)[(n)++])
#define HEAP_PUSH(arr, n, cap) \
    ((n) == (cap) ? (void)((arr) = heap_grow((arr), (n), &(cap), sizeof *(arr))) : (void)0, &(arr)[(n)++])

#endif
