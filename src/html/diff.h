/* diff.h — a readable word-level difference of two texts. */
#ifndef SV_HTML_DIFF_H
#define SV_HTML_DIFF_H
#include "../base/buf.h"
#include <stddef.h>

/* Writes after as HTML with the words removed from before in <del> and the words added
 * in <ins>; both texts escaped. Very long texts are shown whole, before then after. */
void html_diff_words(buf_t *out, const char *before, const char *after);

/* A document's parts (a heading and its text) before and after, each part that changed
 * under its heading with the words' difference, new and removed parts marked. */
typedef struct diff_part {
    const char *title, *text;
} diff_part_t;
void html_diff_parts(buf_t *out, const diff_part_t *before, size_t nbefore, const diff_part_t *after, size_t nafter);

#endif
