/* html.h — HTML output with escaping done by the function that writes.
 * html_printf escapes every %s argument for text and quoted attributes; numbers are
 * written as numbers. Markup that is not escaped can only be a string literal of the
 * program: html_lit(o, "<p>") compiles, html_lit(o, variable) does not. */
#ifndef SV_HTML_H
#define SV_HTML_H
#include "../base/buf.h"
#include <stdarg.h>
#include <stdint.h>

/* Escapes & < > " ' — safe for element text and for double- or single-quoted attributes. */
void html_text(buf_t *o, const char *s);
void html_text_n(buf_t *o, const char *s, size_t n);
#define html_attr html_text
/* Percent-encodes s as one URL component (query value or path segment). */
void html_url(buf_t *o, const char *s);
/* Writes markup as it is; the macro accepts string literals only (see the head). */
void html_lit_(buf_t *o, const char *markup);
#define html_lit(o, s) html_lit_((o), "" s "")
/* printf with escaping: %s (with width and precision as printf has them, a precision
 * never cutting a UTF-8 character) is escaped; d i u x c f g with their flags, width,
 * precision and length modifiers are formatted as printf does. */
void html_printf(buf_t *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vprintf(buf_t *o, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* A whole number in Swedish grouping: 112 362 506 */
void html_int(buf_t *o, int64_t v);
/* A decimal with a decimal comma: 47,5 */
void html_decimal(buf_t *o, double v, int decimals);
/* Escapes s as the inside of a JavaScript string literal (for data attributes' consumers). */
void html_js_string(buf_t *o, const char *s);

#endif
