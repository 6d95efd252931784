/* svg_shares.c — shares of a whole per row as 100 % bars (svg_chart.h). */
#include "svg_chart.h"
#include "../html/html.h"
#include <string.h>

/* Blues to reds for a scale from most to least, grey last for "don't know"; enough apart
 * to tell, and each segment is also named in the legend and the text alternative. */
static const char *const colours[] = {"#1f5f8b", "#5b9bc8", "#e8a87c", "#b3261e", "#8a8a8a",
                                      "#2e7d32", "#6a1b9a", "#f9a825", "#00838f", "#4e342e"};
enum { NCOLOURS = sizeof colours / sizeof colours[0], LABEL_W = 170, BAR_W = 360, ROW_H = 24 };

static int row_total(const int *counts, size_t ncols)
{
    int t = 0;
    for (size_t c = 0; c < ncols; c++)
        t += counts[c];
    return t;
}

static int percent(int part, int whole)
{
    return whole > 0 ? (part * 100 + whole / 2) / whole : 0;
}

void svg_shares(buf_t *o, const char *title, const char *const *rows, size_t nrows, const char *const *columns,
                size_t ncols, const int *counts, const char *empty_text)
{
    if (!nrows || !ncols)
        return;
    buf_t alt = BUF_INIT;
    buf_printf(&alt, "%s.", title);
    for (size_t r = 0; r < nrows; r++) {
        const int *row = counts + r * ncols;
        int total = row_total(row, ncols);
        buf_printf(&alt, " %s: ", rows[r]);
        if (!total)
            buf_printf(&alt, "%s.", empty_text);
        for (size_t c = 0; c < ncols && total; c++)
            buf_printf(&alt, "%s %d %%%s", columns[c], percent(row[c], total), c + 1 < ncols ? ", " : ".");
    }
    int legend_rows = (int)(ncols + 1) / 2, height = (int)nrows * ROW_H + 8 + legend_rows * 20,
        width = LABEL_W + BAR_W + 10;
    html_printf(o, "<figure class=\"shares\"><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                   "aria-label=\"%s\">", width, height, width, height, buf_cstr(&alt));
    for (size_t r = 0; r < nrows; r++) {
        const int *row = counts + r * ncols;
        int total = row_total(row, ncols), y = (int)r * ROW_H + 2;
        html_printf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b2733\">%s</text>",
                    LABEL_W - 8, y + 15, rows[r]);
        if (!total) {
            html_printf(o, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#5a5a5a\">%s</text>", LABEL_W, y + 15,
                        empty_text);
            continue;
        }
        /* Each segment starts where the sum so far ends, so rounding never leaves a gap. */
        int sum = 0;
        for (size_t c = 0; c < ncols; c++) {
            double x0 = (double)sum / total * BAR_W, x1 = (double)(sum + row[c]) / total * BAR_W;
            sum += row[c];
            if (x1 - x0 <= 0)
                continue;
            html_printf(o, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>", LABEL_W + x0, y + 2,
                        x1 - x0, colours[c % NCOLOURS]);
            if (x1 - x0 >= 28)
                html_printf(o, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#ffffff\">"
                               "%d %%</text>", LABEL_W + (x0 + x1) / 2, y + 15, percent(row[c], total));
        }
    }
    int ly = (int)nrows * ROW_H + 10;
    for (size_t c = 0; c < ncols; c++) {
        int lx = c % 2 ? LABEL_W + BAR_W / 2 : LABEL_W, yy = ly + (int)(c / 2) * 20;
        html_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
                       "font-size=\"11\" fill=\"#1b2733\">%s</text>", lx, yy, colours[c % NCOLOURS], lx + 16, yy + 10,
                    columns[c]);
    }
    html_lit(o, "</svg></figure>");
    buf_free(&alt);
}
