/* pdf_doc.c — the A4 PDF writer the agreements, analyses and plans share (pdf_doc.h). */
#include "pdf_doc.h"
#include "pdf_lib.h"
#include <pthread.h>
#include <stdlib.h>

/* A4 in points; margins of 2 cm. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN 56.7

/* The drawing functions, opened by the first document (under the render lock). */
static const pdf_lib_t *lib;

struct pdf_doc {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoContext *ctx;
    PangoLayout *layout;
    double y;
    int page;
};

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
    buf_append(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static void footer(pdf_doc_t *p)
{
    char text[64];
    snprintf(text, sizeof text, "Sida %d", p->page);
    PangoLayout *l = lib->pango_layout_new(p->ctx);
    PangoFontDescription *fd = lib->pango_font_description_from_string("DejaVu Sans 8");
    lib->pango_layout_set_font_description(l, fd);
    lib->pango_layout_set_text(l, text, -1);
    lib->cairo_move_to(p->cr, MARGIN, PAGE_H - MARGIN / 2);
    lib->pango_cairo_show_layout(p->cr, l);
    lib->pango_font_description_free(fd);
    lib->g_object_unref(l);
}

void pdf_doc_page_break(pdf_doc_t *p)
{
    footer(p);
    lib->cairo_show_page(p->cr);
    p->page++;
    p->y = MARGIN;
}

void pdf_doc_text(pdf_doc_t *p, const char *font, const char *s, double space_after)
{
    PangoFontDescription *fd = lib->pango_font_description_from_string(font);
    lib->pango_layout_set_font_description(p->layout, fd);
    lib->pango_font_description_free(fd);
    lib->pango_layout_set_width(p->layout, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
    lib->pango_layout_set_wrap(p->layout, PANGO_WRAP_WORD_CHAR);
    lib->pango_layout_set_text(p->layout, s && *s ? s : "–", -1);
    PangoLayoutIter *it = lib->pango_layout_get_iter(p->layout);
    double base_y = -1;
    do {
        PangoRectangle logical;
        lib->pango_layout_iter_get_line_extents(it, NULL, &logical);
        double top = (double)logical.y / PANGO_SCALE, h = (double)logical.height / PANGO_SCALE;
        if (base_y < 0)
            base_y = p->y - top;
        if (base_y + top + h > PAGE_H - MARGIN) {
            pdf_doc_page_break(p);
            base_y = p->y - top;
        }
        int baseline = lib->pango_layout_iter_get_baseline(it);
        lib->cairo_move_to(p->cr, MARGIN + (double)logical.x / PANGO_SCALE, base_y + (double)baseline / PANGO_SCALE);
        lib->pango_cairo_show_layout_line(p->cr, lib->pango_layout_iter_get_line_readonly(it));
        p->y = base_y + top + h;
    } while (lib->pango_layout_iter_next_line(it));
    lib->pango_layout_iter_free(it);
    p->y += space_after;
}

void pdf_doc_space(pdf_doc_t *p, double points)
{
    p->y += points;
}

static PangoFontMap *fontmap;
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

static void release_fonts(void)
{
    if (fontmap)
        lib->g_object_unref(fontmap);
    fontmap = NULL;
    lib->cairo_debug_reset_static_data();
    lib->FcFini();
}

pdf_doc_t *pdf_doc_begin(buf_t *out, const char *title, const char *subline)
{
    pthread_mutex_lock(&render_lock);
    if (!lib)
        lib = pdf_lib();
    if (!lib) {
        pthread_mutex_unlock(&render_lock);
        return NULL;
    }
    if (!fontmap) {
        fontmap = lib->pango_cairo_font_map_new();
        atexit(release_fonts);
    }
    pdf_doc_t *p = calloc(1, sizeof *p);
    if (!p) {
        pthread_mutex_unlock(&render_lock);
        return NULL;
    }
    p->surface = lib->cairo_pdf_surface_create_for_stream(write_buf, out, PAGE_W, PAGE_H);
    lib->cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
    lib->cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, "Skolverket");
    p->cr = lib->cairo_create(p->surface);
    p->ctx = lib->pango_font_map_create_context(fontmap);
    lib->pango_cairo_update_context(p->cr, p->ctx);
    p->layout = lib->pango_layout_new(p->ctx);
    p->y = MARGIN;
    p->page = 1;
    /* The agency's header: name, the line under it, a rule. */
    pdf_doc_text(p, "DejaVu Sans Bold 16", "Skolverket", 2);
    pdf_doc_text(p, PDF_SMALL, subline, 6);
    lib->cairo_set_line_width(p->cr, 0.8);
    lib->cairo_move_to(p->cr, MARGIN, p->y);
    lib->cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
    lib->cairo_stroke(p->cr);
    p->y += 14;
    return p;
}

bool pdf_doc_end(pdf_doc_t *p)
{
    if (!p)
        return false;
    footer(p);
    lib->g_object_unref(p->layout);
    lib->g_object_unref(p->ctx);
    lib->cairo_destroy(p->cr);
    lib->cairo_surface_finish(p->surface);
    bool ok = lib->cairo_surface_status(p->surface) == CAIRO_STATUS_SUCCESS;
    lib->cairo_surface_destroy(p->surface);
    free(p);
    pthread_mutex_unlock(&render_lock);
    return ok;
}
