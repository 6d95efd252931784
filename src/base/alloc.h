/* alloc.h — allocation that aborts on out-of-memory, so callers never test for NULL. */
#ifndef SV_ALLOC_H
#define SV_ALLOC_H
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Returns a malloc'd copy of s (caller frees); NULL stays NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
