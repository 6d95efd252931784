/* diff.h — a readable word-level difference of two texts. */
#ifndef SV_HTML_DIFF_H
#define SV_HTML_DIFF_H
#include "../base/buf.h"

/* Writes after as HTML with the words removed from before in <del> and the words added
 * in <ins>; both texts escaped. Very long texts are shown whole, before then after. */
void html_diff_words(buf_t *out, const char *before, const char *after);

#endif
