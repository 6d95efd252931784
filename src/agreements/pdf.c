/* agreement_pdf.c — an agreement as an A4 PDF for the archive: the agency's header, the
 * registry number, the parties, the period and money, each section, and the approvals
 * (written by pdf_doc.h). */
#include "parts.h"
#include "../base/fmt.h"
#include "../io/pdf_doc.h"
#include "../plans/plans.h"
#include <stdlib.h>
#include <string.h>

bool agreement_pdf(db_t *db, const case_row_t *c, const agreement_t *g, const agreement_content_t *content,
                   buf_t *out)
{
    buf_t b = BUF_INIT;
    buf_printf(&b, "Samverkan för bästa skola · Dnr %s", g->registry_number);
    pdf_doc_t *p = pdf_doc_begin(out, agreement_kind_label(g->kind), buf_cstr(&b));
    if (!p) {
        buf_free(&b);
        return false;
    }
    pdf_doc_text(p, PDF_TITLE, agreement_kind_label(g->kind), 8);
    buf_reset(&b);
    buf_printf(&b, "Parter: Statens skolverk och %s (%s)%s%s.", c->organiser, c->orgnr,
               g->kind == AGR_UNIVERSITY ? " med " : "", g->kind == AGR_UNIVERSITY ? c->university : "");
    pdf_doc_text(p, PDF_BODY, buf_cstr(&b), 4);
    buf_reset(&b);
    buf_printf(&b, "Urvalsomgång: %s (beslut %s). Period: %s – %s.", c->round_name, c->decision_date,
               content->period_from, content->period_to);
    if (g->supersedes_number)
        buf_printf(&b, " Ändrar överenskommelse %s.", g->supersedes_number);
    pdf_doc_text(p, PDF_BODY, buf_cstr(&b), 4);
    if (content->money_hidden)
        pdf_doc_text(p, PDF_BODY, "Belopp och utbetalningar visas inte för din roll.", 4);
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
        pdf_doc_text(p, PDF_BODY, buf_cstr(&b), 4);
    }
    pdf_doc_space(p, 8);
    size_t n;
    const agreement_section_t *sec = agreement_sections(g->kind, &n);
    for (size_t i = 0; i < n; i++) {
        buf_reset(&b);
        buf_printf(&b, "%zu. %s", i + 1, sec[i].label);
        pdf_doc_text(p, PDF_HEADING, buf_cstr(&b), 3);
        pdf_doc_text(p, PDF_BODY, content->sections[i], 10);
    }
    pdf_doc_space(p, 10);
    pdf_doc_text(p, PDF_HEADING, "Godkännanden", 3);
    buf_reset(&b);
    buf_printf(&b, "För Skolverket: %s", g->agency_approved_by ? g->agency_approved_by : "ej godkänt");
    if (g->agency_approved_at) {
        buf_puts(&b, ", ");
        fmt_datetime(&b, g->agency_approved_at);
    }
    pdf_doc_text(p, PDF_BODY, buf_cstr(&b), 2);
    buf_reset(&b);
    buf_printf(&b, "För %s: %s", g->kind == AGR_UNIVERSITY ? "lärosätet" : "huvudmannen",
               g->counterpart_approved_by ? g->counterpart_approved_by : "ej godkänt");
    if (g->counterpart_approved_at) {
        buf_puts(&b, ", ");
        fmt_datetime(&b, g->counterpart_approved_at);
    }
    pdf_doc_text(p, PDF_BODY, buf_cstr(&b), 2);
    buf_reset(&b);
    buf_printf(&b, "Status: %s, version %d.", agreement_state_label(g->state), g->version);
    pdf_doc_text(p, PDF_SMALL, buf_cstr(&b), 0);
    buf_free(&b);
    if (db && g->kind == AGR_UNIVERSITY) {
        arena_t a = ARENA_INIT;
        const char *university;
        commissioned_t *x;
        size_t nx = agreements_commission(db, g, &a, &university, &x);
        pdf_doc_space(p, 8);
        pdf_doc_text(p, PDF_HEADING, "Uppdrag", 3);
        pdf_doc_text(p, PDF_BODY, arena_printf(&a, "Lärosäte: %s.", *university ? university : "inte valt"), 2);
        for (size_t i = 0; i < nx; i++)
            pdf_doc_text(p, PDF_BODY, arena_printf(&a, "%zu. %s (%s), %s – %s.", i + 1, x[i].title, x[i].plan,
                                                   x[i].start_date, x[i].end_date), 2);
        arena_free(&a);
    }
    if (db && g->kind == AGR_OK2) {
        arena_t a = ARENA_INIT;
        plans_pdf_pages(db, c, p, &a);
        arena_free(&a);
    }
    return pdf_doc_end(p);
}
