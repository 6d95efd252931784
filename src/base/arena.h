/* arena.h — a region allocator: everything a request (or an import) allocates
 * comes from one arena and is released at once by arena_free. */
#ifndef SV_ARENA_H
#define SV_ARENA_H
#include <stdarg.h>
#include <stddef.h>

typedef struct arena_block arena_block_t;
typedef struct arena_cleanup arena_cleanup_t;
typedef struct arena {
    arena_block_t *head;
    arena_cleanup_t *cleanups;
    arena_block_t *spare; /* emptied by arena_reset, used again before malloc */
} arena_t;

#define ARENA_INIT {NULL, NULL, NULL}

void *arena_alloc(arena_t *a, size_t n);   /* zeroed, aligned for any type */
char *arena_strdup(arena_t *a, const char *s); /* NULL stays NULL */
/* A larger array in the arena holding the first n_old elements of old (which stays
 * allocated until arena_free; grow by doubling so the waste stays bounded). */
void *arena_realloc_array(arena_t *a, void *old, size_t n_old, size_t n_new, size_t size);
char *arena_strndup(arena_t *a, const char *s, size_t n);
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(arena_t *a);
/* Calls fn(ctx) when the arena is freed or reset (newest first): how something shared
 * outside the arena (a cached ranking) is held exactly as long as what points into it. */
void arena_defer(arena_t *a, void (*fn)(void *ctx), void *ctx);
/* Empties the arena and keeps up to 1 MiB of its blocks for reuse: the per-row scratch
 * of a streaming reader, the queued rows of an import between two writes. */
void arena_reset(arena_t *a);
/* The memory the arena holds, in bytes. */
size_t arena_bytes(const arena_t *a);

#endif
