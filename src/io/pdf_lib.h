/* pdf_lib.h — cairo, pango and fontconfig, opened when the first PDF is drawn instead of
 * when the program starts (dynlib.h). Together with the libraries they pull in (glib,
 * harfbuzz, freetype, pixman, the X client libraries: about thirty) they made up a third
 * of every command's start, and most runs (an import, a page) draw no PDF at all.
 *
 * Each function is called through the table pdf_lib() fills, under the same name, and
 * with the type its own header declares. */
#ifndef SV_IO_PDF_LIB_H
#define SV_IO_PDF_LIB_H
#include "dynlib.h"
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

/* The libraries, by the names their packages install (the runtime packages the -dev
 * packages depend on), and what is called in each. */
#define PDF_LIB_CAIRO "libcairo.so.2"
#define PDF_LIB_PANGO "libpango-1.0.so.0"
#define PDF_LIB_PANGOCAIRO "libpangocairo-1.0.so.0"
#define PDF_LIB_GOBJECT "libgobject-2.0.so.0"
#define PDF_LIB_FONTCONFIG "libfontconfig.so.1"

#define PDF_LIB_FUNCTIONS(X)                                                                         \
    X(PDF_LIB_CAIRO, cairo_create)                                                                   \
    X(PDF_LIB_CAIRO, cairo_destroy)                                                                  \
    X(PDF_LIB_CAIRO, cairo_move_to)                                                                  \
    X(PDF_LIB_CAIRO, cairo_line_to)                                                                  \
    X(PDF_LIB_CAIRO, cairo_stroke)                                                                   \
    X(PDF_LIB_CAIRO, cairo_set_line_width)                                                           \
    X(PDF_LIB_CAIRO, cairo_show_page)                                                                \
    X(PDF_LIB_CAIRO, cairo_surface_status)                                                           \
    X(PDF_LIB_CAIRO, cairo_surface_finish)                                                           \
    X(PDF_LIB_CAIRO, cairo_surface_destroy)                                                          \
    X(PDF_LIB_CAIRO, cairo_pdf_surface_create_for_stream)                                            \
    X(PDF_LIB_CAIRO, cairo_pdf_surface_set_metadata)                                                 \
    X(PDF_LIB_CAIRO, cairo_debug_reset_static_data)                                                  \
    X(PDF_LIB_PANGO, pango_layout_new)                                                               \
    X(PDF_LIB_PANGO, pango_layout_set_text)                                                          \
    X(PDF_LIB_PANGO, pango_layout_set_font_description)                                              \
    X(PDF_LIB_PANGO, pango_layout_set_width)                                                         \
    X(PDF_LIB_PANGO, pango_layout_set_wrap)                                                          \
    X(PDF_LIB_PANGO, pango_layout_get_iter)                                                          \
    X(PDF_LIB_PANGO, pango_layout_iter_next_line)                                                    \
    X(PDF_LIB_PANGO, pango_layout_iter_get_line_readonly)                                            \
    X(PDF_LIB_PANGO, pango_layout_iter_get_line_extents)                                             \
    X(PDF_LIB_PANGO, pango_layout_iter_get_baseline)                                                 \
    X(PDF_LIB_PANGO, pango_layout_iter_free)                                                         \
    X(PDF_LIB_PANGO, pango_font_description_from_string)                                             \
    X(PDF_LIB_PANGO, pango_font_description_free)                                                    \
    X(PDF_LIB_PANGO, pango_font_map_create_context)                                                  \
    X(PDF_LIB_PANGOCAIRO, pango_cairo_font_map_new)                                                  \
    X(PDF_LIB_PANGOCAIRO, pango_cairo_update_context)                                                \
    X(PDF_LIB_PANGOCAIRO, pango_cairo_show_layout)                                                   \
    X(PDF_LIB_PANGOCAIRO, pango_cairo_show_layout_line)                                              \
    X(PDF_LIB_GOBJECT, g_object_unref)                                                               \
    X(PDF_LIB_FONTCONFIG, FcFini)

typedef struct pdf_lib {
    PDF_LIB_FUNCTIONS(DYNLIB_FIELD)
} pdf_lib_t;

/* The table, filled on the first call; NULL, with the reason logged, when a library or a
 * function in it cannot be found (no PDF can then be drawn, everything else works). The
 * caller serialises the first call (pdf_doc.c's render lock). */
const pdf_lib_t *pdf_lib(void);

#endif
