/* diff.c — a word-level difference of two texts as HTML (the longest common subsequence
 * over whitespace-separated words), for agreement versions and edits that crossed. */
#include "diff.h"
#include "html.h"
#include "../base/alloc.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct tokens {
    const char **start;
    size_t *len, n;
} tokens_t;

/* Splits into words, each with the whitespace after it, so joining them gives the text back. */
static tokens_t tokenize(const char *s)
{
    tokens_t t = {0};
    size_t cap = 0;
    while (*s) {
        const char *b = s;
        while (*s && *s != ' ' && *s != '\n' && *s != '\t')
            s++;
        while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
            s++;
        if (t.n == cap) {
            cap = cap ? cap * 2 : 64;
            t.start = xrealloc(t.start, cap * sizeof *t.start);
            t.len = xrealloc(t.len, cap * sizeof *t.len);
        }
        t.start[t.n] = b;
        t.len[t.n++] = (size_t)(s - b);
    }
    return t;
}

/* Compares two words ignoring the whitespace after them. */
static bool same_word(const tokens_t *a, size_t i, const tokens_t *b, size_t j)
{
    size_t la = a->len[i], lb = b->len[j];
    while (la && strchr(" \n\t\r", a->start[i][la - 1]))
        la--;
    while (lb && strchr(" \n\t\r", b->start[j][lb - 1]))
        lb--;
    return la == lb && memcmp(a->start[i], b->start[j], la) == 0;
}

/* Writes word i of t inside tag (NULL: unchanged), joining a run of words with the same
 * tag into one element: "<del>three words gone</del>". *open is the tag now open. */
static void emit(buf_t *out, const char *tag, const tokens_t *t, size_t i, const char **open)
{
    if (*open != tag) {
        if (*open)
            buf_printf(out, "</%s>", *open);
        if (tag)
            buf_printf(out, "<%s>", tag);
        *open = tag;
    }
    html_text_n(out, t->start[i], t->len[i]);
}

enum { DIFF_MAX_WORDS = 3000 };

void html_diff_words(buf_t *out, const char *before, const char *after)
{
    tokens_t a = tokenize(before ? before : ""), b = tokenize(after ? after : "");
    if (a.n > DIFF_MAX_WORDS || b.n > DIFF_MAX_WORDS) {
        /* Too long to compare word by word within bounds: show both whole. */
        buf_puts(out, "<del>");
        html_text(out, before ? before : "");
        buf_puts(out, "</del><ins>");
        html_text(out, after ? after : "");
        buf_puts(out, "</ins>");
    } else {
        /* lcs[i][j] = length of the common subsequence of a[i..] and b[j..]. */
        size_t w = b.n + 1;
        unsigned short *lcs = xcalloc((a.n + 1) * w, sizeof *lcs);
        for (size_t i = a.n; i-- > 0;)
            for (size_t j = b.n; j-- > 0;)
                lcs[i * w + j] = same_word(&a, i, &b, j) ? (unsigned short)(lcs[(i + 1) * w + j + 1] + 1)
                                 : lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] ? lcs[(i + 1) * w + j]
                                                                             : lcs[i * w + j + 1];
        size_t i = 0, j = 0;
        const char *open = NULL;
        while (i < a.n || j < b.n) {
            if (i < a.n && j < b.n && same_word(&a, i, &b, j)) {
                emit(out, NULL, &b, j, &open);
                i++, j++;
            } else if (i < a.n && (j == b.n || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) {
                emit(out, "del", &a, i++, &open); /* what went comes before what came */
            } else {
                emit(out, "ins", &b, j++, &open);
            }
        }
        if (open)
            buf_printf(out, "</%s>", open);
        free(lcs);
    }
    free(a.start);
    free(a.len);
    free(b.start);
    free(b.len);
}

static const char *text_of(const diff_part_t *p, size_t n, const char *title)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].title, title) == 0)
            return p[i].text;
    return NULL;
}

void html_diff_parts(buf_t *o, const diff_part_t *a, size_t na, const diff_part_t *b, size_t nb)
{
    size_t changed = 0;
    html_lit(o, "<p class=\"hint\"><del>Struket</del> fanns i den tidigare versionen; <ins>understruket</ins> är nytt."
                "</p><div class=\"diff\">");
    for (size_t i = 0; i < nb; i++) {
        const char *old = text_of(a, na, b[i].title);
        if (old && strcmp(old, b[i].text) == 0)
            continue;
        changed++;
        html_printf(o, "<h3>%s%s</h3><p class=\"prose\">", b[i].title, old ? "" : " (ny)");
        html_diff_words(o, old ? old : "", b[i].text);
        html_lit(o, "</p>");
    }
    for (size_t i = 0; i < na; i++) {
        if (text_of(b, nb, a[i].title))
            continue;
        changed++;
        html_printf(o, "<h3>%s (borttaget)</h3><p class=\"prose\"><del>%s</del></p>", a[i].title, a[i].text);
    }
    if (!changed)
        html_lit(o, "<p>Versionerna har samma innehåll.</p>");
    html_lit(o, "</div>\n");
}
