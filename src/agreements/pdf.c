/* agreement_pdf.c — an agreement as an A4 PDF for the archive: the agency's header, the
 * registry number, the parties, the period and money, each section, and the approvals.
 * Text is laid out by pango (DejaVu, from fonts-dejavu-core) and drawn by cairo, line by
 * line so that a long section breaks across pages. At most two documents are rendered at
 * a time, so a burst of downloads cannot take every worker thread. */
#include "agreements.h"
#include "../base/fmt.h"
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* A4 in points; margins of 2 cm. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.7

typedef struct pdf {
    cairo_t *cr;
    PangoContext *ctx;
    PangoLayout *layout;
    double y;
    int page;
} pdf_t;

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static void footer(pdf_t *p)
{
    char text[64];
    snprintf(text, sizeof text, "Sida %d", p->page);
    PangoLayout *l = pango_layout_new(p->ctx);
    PangoFontDescription *fd = pango_font_description_from_string("DejaVu Sans 8");
    pango_layout_set_font_description(l, fd);
    pango_layout_set_text(l, text, -1);
    cairo_move_to(p->cr, MARGIN, PAGE_H - MARGIN / 2);
    pango_cairo_show_layout(p->cr, l);
    pango_font_description_free(fd);
    g_object_unref(l);
}

static void new_page(pdf_t *p)
{
    footer(p);
    cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN;
}

/* Writes text in the given font, breaking lines to the page width and pages as needed. */
static void text(pdf_t *p, const char *font, const char *s, double space_after)
{
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(p->layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(p->layout, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
    pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(p->layout, s && *s ? s : "–", -1);
    PangoLayoutIter *it = pango_layout_get_iter(p->layout);
    double base_y = -1;
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double top = (double)logical.y / PANGO_SCALE, h = (double)logical.height / PANGO_SCALE;
        if (base_y < 0)
            base_y = p->y - top;
        if (base_y + top + h > PAGE_H - MARGIN) {
            new_page(p);
            base_y = p->y - top;
        }
        int baseline = pango_layout_iter_get_baseline(it);
        cairo_move_to(p->cr, MARGIN + (double)logical.x / PANGO_SCALE, base_y + (double)baseline / PANGO_SCALE);
        pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
        p->y = base_y + top + h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    p->y += space_after;
}

static PangoFontMap *fontmap;
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

static void release_fonts(void)
{
    if (fontmap)
        g_object_unref(fontmap);
    fontmap = NULL;
    cairo_debug_reset_static_data();
    FcFini();
}

bool agreement_pdf(const case_row_t *c, const agreement_t *g, const agreement_content_t *content, buf_t *out)
{
    pthread_mutex_lock(&render_lock);
    if (!fontmap) {
        fontmap = pango_cairo_font_map_new();
        atexit(release_fonts);
    }
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, agreement_kind_label(g->kind));
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, "Skolverket");
    cairo_t *cr = cairo_create(s);
    PangoContext *ctx = pango_font_map_create_context(fontmap);
    pango_cairo_update_context(cr, ctx);
    pdf_t p = {cr, ctx, pango_layout_new(ctx), MARGIN, 1};
    buf_t b = BUF_INIT;

    /* The agency's header: name, a rule, the registry number to the right. */
    text(&p, "DejaVu Sans Bold 16", "Skolverket", 2);
    buf_printf(&b, "Samverkan för bästa skola · Dnr %s", g->registry_number);
    text(&p, "DejaVu Sans 9", buf_cstr(&b), 6);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, MARGIN, p.y);
    cairo_line_to(cr, PAGE_W - MARGIN, p.y);
    cairo_stroke(cr);
    p.y += 14;

    text(&p, "DejaVu Sans Bold 14", agreement_kind_label(g->kind), 8);
    buf_reset(&b);
    buf_printf(&b, "Parter: Statens skolverk och %s (%s)%s%s.", c->organiser, c->orgnr,
               g->kind == AGR_UNIVERSITY ? " med " : "", g->kind == AGR_UNIVERSITY ? c->university : "");
    text(&p, "DejaVu Serif 10.5", buf_cstr(&b), 4);
    buf_reset(&b);
    buf_printf(&b, "Urvalsomgång: %s (beslut %s). Period: %s – %s.", c->round_name, c->decision_date,
               content->period_from, content->period_to);
    if (g->supersedes_number)
        buf_printf(&b, " Ändrar överenskommelse %s.", g->supersedes_number);
    text(&p, "DejaVu Serif 10.5", buf_cstr(&b), 4);
    if (content->money_hidden)
        text(&p, "DejaVu Serif 10.5", "Belopp och utbetalningar visas inte för din roll.", 4);
    if (content->amount_ore) {
        buf_reset(&b);
        buf_puts(&b, "Skolverkets medel: ");
        fmt_money_sv(&b, content->amount_ore);
        if (content->npayouts) {
            buf_puts(&b, ", utbetalas ");
            for (size_t i = 0; i < content->npayouts; i++) {
                buf_printf(&b, "%s%s: ", i ? (i + 1 == content->npayouts ? " och " : ", ") : "", content->payouts[i].date);
                fmt_money_sv(&b, content->payouts[i].amount_ore);
            }
        }
        buf_puts(&b, ".");
        text(&p, "DejaVu Serif 10.5", buf_cstr(&b), 4);
    }
    p.y += 8;
    size_t n;
    const agreement_section_t *sec = agreement_sections(g->kind, &n);
    for (size_t i = 0; i < n; i++) {
        buf_reset(&b);
        buf_printf(&b, "%zu. %s", i + 1, sec[i].label);
        text(&p, "DejaVu Sans Bold 11", buf_cstr(&b), 3);
        text(&p, "DejaVu Serif 10.5", content->sections[i], 10);
    }
    p.y += 10;
    text(&p, "DejaVu Sans Bold 11", "Godkännanden", 3);
    buf_reset(&b);
    buf_printf(&b, "För Skolverket: %s", g->agency_approved_by ? g->agency_approved_by : "ej godkänt");
    if (g->agency_approved_at) {
        buf_puts(&b, ", ");
        fmt_datetime(&b, g->agency_approved_at);
    }
    text(&p, "DejaVu Serif 10.5", buf_cstr(&b), 2);
    buf_reset(&b);
    buf_printf(&b, "För %s: %s", g->kind == AGR_UNIVERSITY ? "lärosätet" : "huvudmannen",
               g->counterpart_approved_by ? g->counterpart_approved_by : "ej godkänt");
    if (g->counterpart_approved_at) {
        buf_puts(&b, ", ");
        fmt_datetime(&b, g->counterpart_approved_at);
    }
    text(&p, "DejaVu Serif 10.5", buf_cstr(&b), 2);
    buf_reset(&b);
    buf_printf(&b, "Status: %s, version %d.", agreement_state_label(g->state), g->version);
    text(&p, "DejaVu Sans 9", buf_cstr(&b), 0);
    footer(&p);
    buf_free(&b);
    g_object_unref(p.layout);
    g_object_unref(ctx);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    bool ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    pthread_mutex_unlock(&render_lock);
    return ok;
}
