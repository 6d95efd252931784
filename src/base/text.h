/* text.h — UTF-8 helpers: validation, Windows-1252 conversion, search folding, trimming. */
#ifndef SV_TEXT_H
#define SV_TEXT_H
#include "buf.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool text_utf8_valid(const char *s, size_t n);
/* Appends the Windows-1252 bytes s[0..n) to out as UTF-8. */
void text_cp1252_to_utf8(buf_t *out, const char *s, size_t n);
/* Appends s lower-cased for searching (ASCII and Latin-1 letters such as Å Ä Ö É),
 * with runs of white space folded to one space and ends trimmed. */
void text_fold(buf_t *out, const char *s);
/* Returns s with leading and trailing ASCII white space and NBSP removed, in place. */
char *text_trim(char *s);
bool text_is_digits(const char *s, size_t n);
/* Case-insensitive (ASCII and Latin-1 letters) equality after folding. */
bool text_equal_folded(const char *a, const char *b);
/* FNV-1a of the string's bytes: the key of the product's hash tables. */
uint64_t text_hash(const char *s);

#endif
