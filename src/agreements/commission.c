/* commission.c — what a university agreement commissions: the university (one of the
 * case's, from the register) and the named interventions of the case's plans that it
 * carries out. Chosen while the agreement is a draft; shown on it and in its PDF. */
#include "parts.h"
#include "../http/layout.h"
#include "../plans/plans.h"
#include "../universities/universities.h"
#include <string.h>

void agreements_commission_section(request_t *req, const case_row_t *c, const agreement_t *g)
{
    if (g->kind != AGR_UNIVERSITY)
        return;
    buf_t *o = &req->body;
    const char *university;
    commissioned_t *x;
    size_t n = agreements_commission(req->db, g, &req->arena, &university, &x);
    html_printf(o, "<h2 id=\"uppdrag\">Uppdrag</h2><p>Lärosäte: <strong>%s</strong></p>",
                *university ? university : "inte valt än");
    if (!n)
        html_lit(o, "<p class=\"empty\">Inga insatser angivna.</p>");
    else
        html_lit(o, "<ul>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li><a href=\"/interventions/%lld\">%s</a> (%s, %s – %s)</li>", (long long)x[i].id, x[i].title,
                    x[i].plan, x[i].start_date, x[i].end_date);
    if (n)
        html_lit(o, "</ul>");
    if (!access_may(&req->viewer, CAP_AGREEMENT_WRITE) || g->state != AGS_DRAFT)
        return;
    /* The choices: the case's universities, and its interventions carried out by one. */
    university_t *further;
    size_t nf = universities_of_case(req->db, c, &req->arena, &further);
    funded_intervention_t *iv;
    size_t ni = plans_by_university(req->db, c, &req->arena, &iv);
    html_printf(o, "<form method=\"post\" action=\"/agreements/%lld/commission\" class=\"card form\">", (long long)g->id);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-commission-university\">Lärosäte</label>");
    widget_field_error(req, "university");
    html_lit(o, "<select id=\"f-commission-university\" name=\"university\">");
    if (*c->university)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", c->university,
                    strcmp(c->university, university) == 0 ? " selected" : "", c->university);
    for (size_t i = 0; i < nf; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", further[i].name,
                    strcmp(further[i].name, university) == 0 ? " selected" : "", further[i].name);
    html_lit(o, "</select></div><fieldset class=\"field\"><legend>Insatser som lärosätet genomför</legend>");
    if (!ni)
        html_lit(o, "<p class=\"empty\">Ingen insats i ärendets planer genomförs av ett lärosäte.</p>");
    for (size_t i = 0; i < ni; i++) {
        bool on = false;
        for (size_t k = 0; k < n && !on; k++)
            on = x[k].id == iv[i].iv.id;
        html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"interventions\" value=\"%lld\"%s> %s (%s, "
                       "%s)</label>",
                    (long long)iv[i].iv.id, on ? " checked" : "", iv[i].iv.title, iv[i].plan_name, iv[i].iv.provider_name);
    }
    html_lit(o, "</fieldset><button type=\"submit\" class=\"button\">Spara uppdraget</button></form>\n");
}

void agreements_plan_changes_section(request_t *req, const case_row_t *c, const agreement_t *g)
{
    if (g->kind != AGR_SUPPLEMENTARY || !access_may(&req->viewer, CAP_PLAN_READ))
        return;
    buf_t *o = &req->body;
    plan_t *p;
    size_t n = plans_of_case(req->db, &req->viewer, c, &req->arena, &p);
    html_lit(o, "<h2 id=\"planandringar\">Ändringar i åtgärdsplanerna</h2>");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        /* A plan changed after its first approval: opened again, or approved anew. */
        bool changed = p[i].version > 1 || (p[i].version == 1 && strcmp(p[i].state, "approved") != 0);
        if (!changed)
            continue;
        if (!shown++)
            html_lit(o, "<ul class=\"links\">");
        html_printf(o, "<li><a href=\"/plans/%lld/versions\">%s: %s</a></li>", (long long)p[i].id,
                    p[i].unit_id ? p[i].unit_name : "Huvudmannanivå",
                    strcmp(p[i].state, "approved") == 0 ? arena_printf(&req->arena, "version %d, skillnaden mot version %d",
                                                                        p[i].version, p[i].version - 1)
                                                        : arena_printf(&req->arena, "ändras nu, skillnaden mot version %d",
                                                                        p[i].version));
    }
    if (shown)
        html_lit(o, "</ul>");
    else
        html_lit(o, "<p class=\"empty\">Ingen åtgärdsplan har ändrats sedan den godkändes. Öppna planen för en ny "
                    "version för att ändra eller lägga till insatser; skillnaden visas här.</p>");
}
