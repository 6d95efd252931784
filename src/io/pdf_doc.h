/* pdf_doc.h — an A4 document as PDF for the archive: the agency's header, then text
 * written line after line in the fonts the caller names, broken across pages as needed,
 * with page numbers. Text is laid out by pango (DejaVu, from fonts-dejavu-core) and
 * drawn by cairo. At most two documents are rendered at a time, so a burst of downloads
 * cannot take every worker thread. */
#ifndef SV_IO_PDF_DOC_H
#define SV_IO_PDF_DOC_H
#include "../base/buf.h"
#include <stdbool.h>

typedef struct pdf_doc pdf_doc_t;

#define PDF_TITLE "DejaVu Sans Bold 14"
#define PDF_HEADING "DejaVu Sans Bold 11"
#define PDF_BODY "DejaVu Serif 10.5"
#define PDF_SMALL "DejaVu Sans 9"

/* Starts a document written to out: the agency's name, a line under it (subline, e.g.
 * "Samverkan för bästa skola · Dnr 2026:12") and a rule. */
pdf_doc_t *pdf_doc_begin(buf_t *out, const char *title, const char *subline);
/* Writes text ("–" when empty) and leaves space_after points below it. */
void pdf_doc_text(pdf_doc_t *d, const char *font, const char *text, double space_after);
/* Leaves empty space. */
void pdf_doc_space(pdf_doc_t *d, double points);
/* Starts a new page (a document attached after the main one begins on its own page). */
void pdf_doc_page_break(pdf_doc_t *d);
/* Ends the document; false when cairo could not write it. */
bool pdf_doc_end(pdf_doc_t *d);

#endif
