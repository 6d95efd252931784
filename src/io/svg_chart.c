/* svg_chart.c — a value against a national distribution, as inline SVG. Colours come
 * from presentation attributes, which the page's style policy allows. */
#include "svg_chart.h"
#include "../base/fmt.h"
#include "../html/html.h"
#include <math.h>
#include <string.h>

enum { WIDTH = 320, HEIGHT = 44, PAD = 10 };

static double quantile(const double *sorted, size_t n, double q)
{
    double pos = q * (double)(n - 1);
    size_t lo = (size_t)floor(pos), hi = lo + 1 < n ? lo + 1 : lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - (double)lo);
}

void svg_distribution(buf_t *o, const char *label, const double *sorted, size_t n, double value,
                      const char *value_text)
{
    if (n == 0 || isnan(value))
        return;
    double lo = sorted[0], hi = sorted[n - 1];
    if (value < lo)
        lo = value;
    if (value > hi)
        hi = value;
    double span = hi > lo ? hi - lo : 1;
#define X(v) (PAD + ((v) - lo) / span * (WIDTH - 2 * PAD))
    double q1 = quantile(sorted, n, 0.25), med = quantile(sorted, n, 0.5), q3 = quantile(sorted, n, 0.75);
    buf_t alt = BUF_INIT;
    buf_printf(&alt, "%s: enhetens värde ", label);
    buf_puts(&alt, value_text);
    buf_puts(&alt, ". Hälften av landets enheter ligger mellan ");
    fmt_decimal_sv(&alt, q1, 1);
    buf_puts(&alt, " och ");
    fmt_decimal_sv(&alt, q3, 1);
    buf_puts(&alt, ", medianen är ");
    fmt_decimal_sv(&alt, med, 1);
    buf_puts(&alt, ".");
    html_lit(o, "<figure class=\"dist\"><svg viewBox=\"0 0 320 44\" width=\"320\" height=\"44\" role=\"img\" aria-label=\"");
    html_text(o, buf_cstr(&alt));
    html_lit(o, "\">");
    html_printf(o, "<line x1=\"%d\" y1=\"22\" x2=\"%d\" y2=\"22\" stroke=\"#8a8a8a\" stroke-width=\"2\"/>", PAD,
                WIDTH - PAD);
    html_printf(o, "<rect x=\"%.1f\" y=\"12\" width=\"%.1f\" height=\"20\" fill=\"#cfe3f3\" stroke=\"#1f5f8b\"/>", X(q1),
                X(q3) - X(q1) > 1 ? X(q3) - X(q1) : 1);
    html_printf(o, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"34\" stroke=\"#1f5f8b\" stroke-width=\"2\"/>", X(med),
                X(med));
    html_printf(o, "<circle cx=\"%.1f\" cy=\"22\" r=\"7\" fill=\"#b3261e\" stroke=\"#ffffff\" stroke-width=\"2\"/>",
                X(value));
    html_lit(o, "</svg><figcaption>");
    html_text(o, buf_cstr(&alt));
    html_lit(o, "</figcaption></figure>");
#undef X
    buf_free(&alt);
}

/* Characters in a UTF-8 text (for the width a label needs). */
static size_t chars_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void svg_bars(buf_t *o, const char *title, const char *const *labels, const long long *values, size_t n)
{
    long long max = 1;
    size_t longest = 0;
    for (size_t i = 0; i < n; i++) {
        if (values[i] > max)
            max = values[i];
        if (chars_of(labels[i]) > longest)
            longest = chars_of(labels[i]);
    }
    buf_t alt = BUF_INIT;
    buf_printf(&alt, "%s: ", title);
    for (size_t i = 0; i < n; i++)
        buf_printf(&alt, "%s%s %lld", i ? ", " : "", labels[i], values[i]);
    /* The labels as wide as the longest needs (about 7 px a character at 13 px), the
     * values in Swedish style after the bars. */
    int row = 26, height = (int)n * row + 4, label_w = (int)longest * 7 + 14, bar_w = 220, value_w = 120;
    if (label_w < 130)
        label_w = 130;
    int width = label_w + bar_w + value_w;
    html_printf(o, "<figure class=\"bars\"><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
                   "aria-label=\"%s\">", width, height, width, height, buf_cstr(&alt));
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * row + 2;
        double w = (double)values[i] / (double)max * bar_w;
        html_printf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"13\" fill=\"#1b2733\">%s</text>",
                    label_w - 8, y + 16, labels[i]);
        html_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"#1f5f8b\"/>", label_w, y + 3,
                    w > 0 ? w : 0.0);
        buf_t v = BUF_INIT;
        fmt_int_sv(&v, values[i]);
        html_printf(o, "<text x=\"%.1f\" y=\"%d\" font-size=\"13\" fill=\"#1b2733\">%s</text>",
                    label_w + (w > 0 ? w : 0.0) + 6, y + 16, buf_cstr(&v));
        buf_free(&v);
    }
    html_lit(o, "</svg></figure>");
    buf_free(&alt);
}

enum { RUN_W = 640, RUN_H = 260, RUN_LEFT = 56, RUN_RIGHT = 36, RUN_TOP = 14, RUN_BOTTOM = 40 };

static void widen(double v, double *lo, double *hi)
{
    if (isnan(v))
        return;
    if (v < *lo)
        *lo = v;
    if (v > *hi)
        *hi = v;
}

/* A horizontal line across the plot, its label at the right end, or at the left (left)
 * so that two lines at the same height keep their labels apart. */
static void level_line(buf_t *o, double y, const char *colour, const char *dash, const char *label, bool left)
{
    html_printf(o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\""
                   " stroke-dasharray=\"%s\"/>", RUN_LEFT, y, RUN_W - RUN_RIGHT, y, colour, dash);
    html_printf(o, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\" fill=\"%s\">%s</text>",
                left ? RUN_LEFT + 4 : RUN_W - RUN_RIGHT, y - 3, left ? "start" : "end", colour, label);
}

void svg_run_chart(buf_t *o, const char *title, const char *const *labels, const double *values, size_t n,
                   double median, double baseline, double target, const unsigned *marked)
{
    if (n == 0)
        return;
    double lo = values[0], hi = values[0];
    for (size_t i = 1; i < n; i++)
        widen(values[i], &lo, &hi);
    widen(baseline, &lo, &hi);
    widen(target, &lo, &hi);
    double pad = hi > lo ? (hi - lo) * 0.1 : fabs(hi) * 0.1 + 1;
    lo -= pad;
    hi += pad;
    double plot_w = RUN_W - RUN_LEFT - RUN_RIGHT, plot_h = RUN_H - RUN_TOP - RUN_BOTTOM;
#define RX(i) (RUN_LEFT + (n > 1 ? (double)(i) / (double)(n - 1) * plot_w : plot_w / 2))
#define RY(v) (RUN_TOP + (hi - (v)) / (hi - lo) * plot_h)
    buf_t alt = BUF_INIT;
    buf_printf(&alt, "Körschema för %s: ", title);
    for (size_t i = 0; i < n; i++) {
        buf_printf(&alt, "%s%s ", i ? ", " : "", labels[i]);
        fmt_decimal_sv(&alt, values[i], 1);
        if (marked && marked[i])
            buf_puts(&alt, " (i en verklig förändring)");
    }
    buf_puts(&alt, ". Median ");
    fmt_decimal_sv(&alt, median, 1);
    buf_puts(&alt, ".");
    html_printf(o, "<figure class=\"runchart\"><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                   " aria-label=\"", RUN_W, RUN_H, RUN_W, RUN_H);
    html_text(o, buf_cstr(&alt));
    html_lit(o, "\">");
    buf_free(&alt);
    /* The value axis: the lowest and highest shown, and the frame. */
    html_printf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8a8a8a\"/>", RUN_LEFT, RUN_TOP, RUN_LEFT,
                RUN_H - RUN_BOTTOM);
    html_printf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8a8a8a\"/>", RUN_LEFT,
                RUN_H - RUN_BOTTOM, RUN_W - RUN_RIGHT, RUN_H - RUN_BOTTOM);
    double ticks[] = {hi - pad, lo + pad};
    for (size_t t = 0; t < 2; t++) {
        buf_t label = BUF_INIT;
        fmt_decimal_sv(&label, ticks[t], 1);
        html_printf(o, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">%s</text>",
                    RUN_LEFT - 10, RY(ticks[t]) + 4, buf_cstr(&label));
        buf_free(&label);
    }
    if (!isnan(target))
        level_line(o, RY(target), "#1b7f3b", "none", "mål", false);
    if (!isnan(baseline))
        level_line(o, RY(baseline), "#6b4c9a", "2 3", "utgångsvärde", false);
    level_line(o, RY(median), "#1f5f8b", "6 4", "median", true);
    html_lit(o, "<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" points=\"");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "%s%.1f,%.1f", i ? " " : "", RX(i), RY(values[i]));
    html_lit(o, "\"/>");
    size_t every = n > 8 ? (n + 7) / 8 : 1; /* at most eight period labels, counted from the last */
    for (size_t i = 0; i < n; i++) {
        bool hit = marked && marked[i];
        html_printf(o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
                    RX(i), RY(values[i]), hit ? 6 : 4, hit ? "#b3261e" : "#333");
        if ((n - 1 - i) % every == 0)
            html_printf(o, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">%s</text>",
                        RX(i), RUN_H - RUN_BOTTOM + 16, labels[i]);
    }
#undef RX
#undef RY
    html_lit(o, "</svg></figure>");
}

enum { PAIR_W = 640, PAIR_LABEL = 280, PAIR_ROW = 24, PAIR_TOP = 26, PAIR_RIGHT = 24 };

void svg_pairs(buf_t *o, const char *title, const char *first_name, const char *second_name,
               const char *const *labels, const int *first, const int *second, size_t n, int max)
{
    if (n == 0 || max < 2)
        return;
    int height = PAIR_TOP + (int)n * PAIR_ROW + 8;
    double span = PAIR_W - PAIR_LABEL - PAIR_RIGHT;
#define PX(v) (PAIR_LABEL + ((double)(v) - 1) / (double)(max - 1) * span)
    buf_t alt = BUF_INIT;
    buf_printf(&alt, "%s, %s och %s på en skala 1–%d: ", title, first_name, second_name, max);
    for (size_t i = 0; i < n; i++)
        buf_printf(&alt, "%s%s %d till %d", i ? "; " : "", labels[i], first[i], second[i]);
    buf_puts(&alt, " (0 = inte besvarat).");
    html_printf(o, "<figure class=\"pairs\"><svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                   " aria-label=\"", PAIR_W, height, PAIR_W, height);
    html_text(o, buf_cstr(&alt));
    html_lit(o, "\">");
    buf_free(&alt);
    for (int v = 1; v <= max; v++)
        html_printf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d0d0d0\"/>"
                       "<text x=\"%.1f\" y=\"14\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">%d</text>",
                    PX(v), PAIR_TOP - 6, PX(v), height - 4, PX(v), v);
    for (size_t i = 0; i < n; i++) {
        int y = PAIR_TOP + (int)i * PAIR_ROW + PAIR_ROW / 2;
        /* A long name is cut (the text alternative and the table beside have it whole). */
        bool long_name = strlen(labels[i]) > 40;
        html_printf(o, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\" fill=\"#222\">%.38s%s</text>",
                    PAIR_LABEL - 10, y + 4, labels[i], long_name ? "…" : "");
        if (first[i] > 0 && second[i] > 0)
            html_printf(o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1f5f8b\" stroke-width=\"3\"/>",
                        PX(first[i]), y, PX(second[i]), y);
        if (first[i] > 0)
            html_printf(o, "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"#ffffff\" stroke=\"#1f5f8b\" stroke-width=\"2\"/>",
                        PX(first[i]), y);
        if (second[i] > 0)
            html_printf(o, "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"#1f5f8b\"/>", PX(second[i]), y);
    }
#undef PX
    html_printf(o, "</svg><figcaption>Ring: %s. Fylld punkt: %s.</figcaption></figure>", first_name, second_name);
}
