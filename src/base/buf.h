/* buf.h — a growable byte buffer that carries its length (always NUL-terminated).
 * The buffer owns its memory; buf_free releases it, buf_steal hands it over. */
#ifndef SV_BUF_H
#define SV_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
} buf_t;

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(buf_t *b, size_t extra);
void buf_append(buf_t *b, const char *s, size_t n);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf_t *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_reset(buf_t *b);
void buf_free(buf_t *b);
/* Returns the data (malloc'd, caller frees) and leaves b empty. Never NULL. */
char *buf_steal(buf_t *b, size_t *len);
/* The contents as a C string; "" for an empty buffer. Valid until the next write. */
const char *buf_cstr(const buf_t *b);

#endif
