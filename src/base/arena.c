/* arena.c — region allocator: blocks of at least 16 KiB, freed together. */
#include "arena.h"
#include "alloc.h"
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block_t *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
};

enum { ARENA_BLOCK = 16384 };

struct arena_cleanup {
    arena_cleanup_t *next;
    void (*fn)(void *ctx);
    void *ctx;
};

void arena_defer(arena_t *a, void (*fn)(void *ctx), void *ctx)
{
    arena_cleanup_t *c = arena_alloc(a, sizeof *c);
    c->fn = fn;
    c->ctx = ctx;
    c->next = a->cleanups;
    a->cleanups = c;
}

static void run_cleanups(arena_t *a)
{
    arena_cleanup_t *c = a->cleanups;
    a->cleanups = NULL;
    for (; c; c = c->next)
        c->fn(c->ctx);
}

void *arena_alloc(arena_t *a, size_t n)
{
    size_t align = alignof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    arena_block_t *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = xmalloc(sizeof *b + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena_t *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void *arena_realloc_array(arena_t *a, void *old, size_t n_old, size_t n_new, size_t size)
{
    void *p = arena_alloc(a, n_new * size);
    if (old && n_old)
        memcpy(p, old, (n_old < n_new ? n_old : n_new) * size);
    return p;
}

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *d = arena_alloc(a, (size_t)(n > 0 ? n : 0) + 1);
    if (n > 0)
        vsnprintf(d, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return d;
}

void arena_free(arena_t *a)
{
    run_cleanups(a);
    arena_block_t *b = a->head;
    while (b) {
        arena_block_t *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void arena_reset(arena_t *a)
{
    run_cleanups(a);
    arena_block_t *keep = a->head;
    if (!keep)
        return;
    arena_block_t *b = keep->next;
    while (b) {
        arena_block_t *next = b->next;
        free(b);
        b = next;
    }
    keep->next = NULL;
    keep->used = 0;
}

size_t arena_bytes(const arena_t *a)
{
    size_t n = 0;
    for (const arena_block_t *b = a->head; b; b = b->next)
        n += b->size;
    return n;
}
