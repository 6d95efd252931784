/* svg_chart.h — small inline SVG charts for pages (no script, no external files). */
#ifndef SV_SVG_CHART_H
#define SV_SVG_CHART_H
#include "../base/buf.h"
#include <stdbool.h>
#include <stddef.h>

/* One value against the national distribution of the same variable: a strip from the
 * lowest to the highest value, the middle half (25th–75th percentile) as a box, the
 * median as a line and the unit's value as a marked dot. sorted holds the n national
 * values in ascending order. label names the variable; value_text is the unit's value
 * as shown in the text. The chart carries its own text alternative. */
void svg_distribution(buf_t *o, const char *label, const double *sorted, size_t n, double value,
                      const char *value_text);

/* Horizontal bars, one per label, with the value at the end of each bar; the figure's
 * text alternative lists every label and value. */
void svg_bars(buf_t *o, const char *title, const char *const *labels, const long long *values, size_t n);

/* A run chart: the points of a series in time order joined by a line, its median as a
 * dashed line, and the baseline and target where they are numbers (NaN: not drawn).
 * Points with a nonzero flag in marked belong to a run the rules call a real change and
 * are drawn larger and dark. labels name each point (periods); the figure's text
 * alternative lists them with their values. */
void svg_run_chart(buf_t *o, const char *title, const char *const *labels, const double *values, size_t n,
                   double median, double baseline, double target, const unsigned *marked);

/* Two values per label on a scale from 1 to max (a dumbbell per row): the first as a hollow
 * dot, the second as a filled one, joined by a line; 0 is "not given" and not drawn. The
 * figure's text alternative lists each label with both values. */
void svg_pairs(buf_t *o, const char *title, const char *first_name, const char *second_name,
               const char *const *labels, const int *first, const int *second, size_t n, int max);

/* Shares of a whole per row (a 100 % bar per row, split by column), for answers on a scale
 * or among choices: counts holds nrows × ncols (row-major). A row whose counts are all
 * zero is drawn as the text empty_text instead of a bar (a hidden or empty group). The
 * columns' colours are explained in a legend, and the text alternative gives every row's
 * shares in whole percent. */
void svg_shares(buf_t *o, const char *title, const char *const *rows, size_t nrows, const char *const *columns,
                size_t ncols, const int *counts, const char *empty_text);

#endif
