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

enum { ARENA_BLOCK = 16384, ARENA_SPARE_MAX = 1 << 20 };

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

/* A block with room for n bytes: a spare one that fits, or a new one. */
static arena_block_t *new_block(arena_t *a, size_t n)
{
    for (arena_block_t **p = &a->spare; *p; p = &(*p)->next) {
        if ((*p)->size >= n) {
            arena_block_t *b = *p;
            *p = b->next;
            b->used = 0;
            return b;
        }
    }
    size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    arena_block_t *b = xmalloc(sizeof *b + size);
    b->size = size;
    b->used = 0;
    return b;
}

/* n bytes, aligned, not cleared: for callers that write every byte at once. */
static void *alloc_raw(arena_t *a, size_t n)
{
    size_t align = alignof(max_align_t);
    n = (n + align - 1) & ~(align - 1);
    arena_block_t *b = a->head;
    if (!b || b->size - b->used < n) {
        b = new_block(a, n);
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += n;
    return p;
}

void *arena_alloc(arena_t *a, size_t n)
{
    void *p = alloc_raw(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = alloc_raw(a, n + 1);
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
    unsigned char *p = alloc_raw(a, n_new * size);
    size_t kept = old ? (n_old < n_new ? n_old : n_new) * size : 0;
    if (kept)
        memcpy(p, old, kept);
    memset(p + kept, 0, n_new * size - kept);
    return p;
}

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *d = alloc_raw(a, (size_t)(n > 0 ? n : 0) + 1);
    *d = '\0';
    if (n > 0)
        vsnprintf(d, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return d;
}

static void free_blocks(arena_block_t *b)
{
    while (b) {
        arena_block_t *next = b->next;
        free(b);
        b = next;
    }
}

void arena_free(arena_t *a)
{
    run_cleanups(a);
    free_blocks(a->head);
    free_blocks(a->spare);
    a->head = a->spare = NULL;
}

void arena_reset(arena_t *a)
{
    run_cleanups(a);
    /* Keeping the blocks spares the allocator handing memory back to the system and the
     * page faults of taking it again at the next row or batch. */
    size_t kept = 0;
    for (arena_block_t *b = a->spare; b; b = b->next)
        kept += b->size;
    arena_block_t *b = a->head;
    a->head = NULL;
    while (b) {
        arena_block_t *next = b->next;
        if (kept + b->size <= ARENA_SPARE_MAX) {
            kept += b->size;
            b->next = a->spare;
            a->spare = b;
        } else {
            free(b);
        }
        b = next;
    }
}

size_t arena_bytes(const arena_t *a)
{
    size_t n = 0;
    for (const arena_block_t *b = a->head; b; b = b->next)
        n += b->size;
    for (const arena_block_t *b = a->spare; b; b = b->next)
        n += b->size;
    return n;
}
