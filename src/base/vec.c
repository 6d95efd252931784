/* vec.c — growth of arrays by doubling (vec.h). */
#include "vec.h"
#include "alloc.h"

void *arena_grow(arena_t *a, void *array, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return array;
    size_t want = *cap ? *cap * 2 : 16;
    void *p = arena_realloc_array(a, array, n, want, size);
    *cap = want;
    return p;
}

void *heap_grow(void *array, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return array;
    size_t want = *cap ? *cap * 2 : 16;
    void *p = xrealloc(array, want * size);
    *cap = want;
    return p;
}
