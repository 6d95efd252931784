/* pdf.c — an analysis as a PDF: the unit or level, its state and approvals, every heading
 * with its text, the problems with their causes, and the documents it rests on. */
#include "parts.h"
#include "../base/fmt.h"
#include "../io/pdf_doc.h"
#include "../register/register.h"
#include <string.h>

bool analyses_pdf(db_t *db, const analysis_t *an, arena_t *a, buf_t *out)
{
    const char *subject = an->unit_id ? arena_printf(a, "%s, %s", an->unit_name, an->organiser)
                                      : arena_printf(a, "%s, huvudmannanivå", an->organiser);
    pdf_doc_t *p = pdf_doc_begin(out, "Nulägesanalys", "Samverkan för bästa skola · Nulägesanalys");
    if (!p)
        return false;
    pdf_doc_text(p, PDF_TITLE, arena_printf(a, "Nulägesanalys: %s", subject), 6);
    const char *state = an->version ? arena_printf(a, "%s. Godkänd version %d av %s, %s.", analysis_state_label(an->state),
                                                   an->version, an->approved_by, fmt_datetime_in(a, an->approved_at))
                                    : arena_printf(a, "%s. Inte godkänd än.", analysis_state_label(an->state));
    pdf_doc_text(p, PDF_SMALL, arena_printf(a, "Mall: %s. %s", analysis_level_label(an->level), state), 10);
    analysis_section_t *s;
    size_t ns = analyses_sections(db, an, a, &s);
    for (size_t i = 0; i < ns; i++) {
        pdf_doc_text(p, PDF_HEADING, s[i].title, 3);
        pdf_doc_text(p, PDF_BODY, s[i].body, 10);
    }
    analysis_problem_t *pr;
    size_t np = analyses_problems(db, an, a, &pr);
    analysis_cause_t *k;
    size_t nk = analyses_causes(db, an, a, &k);
    pdf_doc_text(p, PDF_HEADING, "Problem och orsaker", 4);
    if (!np)
        pdf_doc_text(p, PDF_BODY, "Inga problem beskrivna.", 8);
    for (size_t i = 0; i < np; i++) {
        pdf_doc_text(p, PDF_HEADING, arena_printf(a, "%zu. %s", i + 1, pr[i].title), 2);
        pdf_doc_text(p, PDF_BODY, arena_printf(a, "I resultaten: %s", pr[i].result), 2);
        const reg_variable_t *var = *pr[i].variable ? register_variable(pr[i].variable) : NULL;
        pdf_doc_text(p, PDF_BODY, arena_printf(a, "Underlag: %s%s%s", pr[i].evidence, var ? " Statistik: " : "",
                                               var ? var->label : ""), 2);
        for (size_t j = 0; j < nk; j++)
            if (k[j].problem_id == pr[i].id)
                pdf_doc_text(p, PDF_BODY, arena_printf(a, "Orsak – %s: %s", analysis_cause_label(k[j].kind), k[j].text),
                             2);
        pdf_doc_space(p, 8);
    }
    analysis_document_t *d;
    size_t nd = analyses_documents(db, an, a, &d);
    if (nd) {
        pdf_doc_text(p, PDF_HEADING, "Dokument", 3);
        for (size_t i = 0; i < nd; i++)
            pdf_doc_text(p, PDF_SMALL, arena_printf(a, "%s (SHA-256 %s)", d[i].filename, d[i].sha256), 2);
    }
    return pdf_doc_end(p);
}

/* The file name of an analysis's PDF: nulagesanalys-<unit code or orgnr-less id>.pdf */
const char *analyses_pdf_name(const analysis_t *an, arena_t *a)
{
    return an->unit_id ? arena_printf(a, "nulagesanalys-%s.pdf", an->unit_code)
                       : arena_printf(a, "nulagesanalys-huvudman-%lld.pdf", (long long)an->id);
}
