/* pdf.c — a plan as PDF, and the approved plans of a case as pages after another
 * document (the ÖK2 carries them as its attachment): each intervention with what it
 * answers, who does it, when, what it costs, its goals and indicators. */
#include "parts.h"
#include "../base/fmt.h"
#include "../io/pdf_doc.h"
#include <string.h>

static void plan_pages(db_t *db, const plan_t *p, pdf_doc_t *d, arena_t *a)
{
    pdf_doc_text(d, PDF_TITLE, p->unit_id ? arena_printf(a, "Åtgärdsplan: %s, %s", p->unit_name, p->organiser)
                                          : arena_printf(a, "Åtgärdsplan: %s, huvudmannanivå", p->organiser), 6);
    pdf_doc_text(d, PDF_SMALL, p->version ? arena_printf(a, "%s. Godkänd version %d av %s, %s.",
                                                         analysis_state_label(p->state), p->version, p->approved_by,
                                                         fmt_datetime_in(a, p->approved_at))
                                          : arena_printf(a, "%s. Inte godkänd än.", analysis_state_label(p->state)), 10);
    plan_facts_t f;
    plans_facts(db, p, a, &f);
    int64_t total = 0;
    for (size_t i = 0; i < f.ninterventions; i++) {
        const intervention_t *x = &f.interventions[i];
        total += x->cost > 0 ? x->cost : 0;
        pdf_doc_text(d, PDF_HEADING, arena_printf(a, "%zu. %s", i + 1, x->title), 2);
        pdf_doc_text(d, PDF_BODY, arena_printf(a, "Utvecklingsområde: %s. Målgrupp: %s. Ansvarig: %s.", x->area,
                                               x->target_group, x->responsible), 2);
        pdf_doc_text(d, PDF_BODY, arena_printf(a, "Utförare: %s%s%s. Period: %s – %s. Kostnad: %s. Finansiering: %s.",
                                               plan_provider_label(x->provider),
                                               *x->provider_name || *x->programme ? ", " : "",
                                               strcmp(x->provider, "programme") == 0 ? x->programme : x->provider_name,
                                               x->start_date, x->end_date,
                                               x->cost >= 0 ? fmt_kronor_in(a, x->cost) : "saknas",
                                               plan_funding_label(x->funding)), 2);
        if (*x->description)
            pdf_doc_text(d, PDF_BODY, x->description, 2);
        for (size_t k = 0; k < f.nlinks; k++)
            if (f.links[k].intervention_id == x->id)
                for (size_t c = 0; c < f.ncauses; c++)
                    if (f.causes[c].id == f.links[k].cause_id)
                        pdf_doc_text(d, PDF_BODY, arena_printf(a, "Svarar mot orsaken (%s): %s",
                                                               analysis_cause_label(f.causes[c].kind), f.causes[c].text),
                                     2);
        pdf_doc_text(d, PDF_BODY, arena_printf(a, "Mål: %s Nationella mål: %s", x->goals, x->national_goals), 2);
        pdf_doc_text(d, PDF_BODY, arena_printf(a, "Uppföljning: %s", x->follow_up), 2);
        for (size_t k = 0; k < f.nindicators; k++)
            if (f.indicators[k].intervention_id == x->id)
                pdf_doc_text(d, PDF_BODY, arena_printf(a, "Indikator: %s, från %s till %s, avläses %s.",
                                                       f.indicators[k].measure, f.indicators[k].baseline,
                                                       f.indicators[k].target, f.indicators[k].read_dates), 2);
        pdf_doc_space(d, 8);
    }
    pdf_doc_text(d, PDF_HEADING, arena_printf(a, "Summa beräknad kostnad: %s", fmt_kronor_in(a, total)), 8);
}

bool plans_pdf(db_t *db, const plan_t *p, arena_t *a, buf_t *out)
{
    pdf_doc_t *d = pdf_doc_begin(out, "Åtgärdsplan", "Samverkan för bästa skola · Åtgärdsplan");
    if (!d)
        return false;
    plan_pages(db, p, d, a);
    return pdf_doc_end(d);
}

void plans_pdf_pages(db_t *db, const case_row_t *c, pdf_doc_t *doc, arena_t *a)
{
    plan_t *p;
    size_t n = plans_of_case(db, &viewer_cli, c, a, &p); /* the caller has read the case in scope */
    for (size_t i = 0; i < n; i++) {
        if (!p[i].version)
            continue;
        pdf_doc_page_break(doc);
        pdf_doc_text(doc, PDF_SMALL, "Bilaga: godkänd åtgärdsplan", 4);
        plan_pages(db, &p[i], doc, a);
    }
}
