/* trace_pages.c — the traceability of a case: for every plan the viewer may read, each
 * problem of its analysis through its causes and the interventions that answer them to
 * the goals and indicators they are followed up by, with the gaps marked; as a page and
 * as CSV/XLSX. */
#include "parts.h"
#include "../http/export_response.h"
#include "../http/layout.h"

typedef struct traced {
    const plan_t *plan;
    trace_row_t *rows;
    size_t n;
} traced_t;

static size_t trace_case(request_t *req, const case_row_t *c, traced_t **out)
{
    plan_t *p;
    size_t np = plans_of_case(req->db, &req->viewer, c, &req->arena, &p);
    traced_t *t = arena_alloc(&req->arena, (np ? np : 1) * sizeof *t);
    for (size_t i = 0; i < np; i++) {
        plan_facts_t f;
        plans_facts(req->db, &p[i], &req->arena, &f);
        t[i].plan = &p[i];
        t[i].n = plan_trace(&f, &req->arena, &t[i].rows);
    }
    *out = t;
    return np;
}

static int plans_trace_page(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    traced_t *t;
    size_t n = trace_case(req, c, &t);
    layout_begin(req, arena_printf(&req->arena, "Spårbarhet: %s", c->organiser));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/cases/%lld#planer\">%s · %s</a></p><p class=\"hint\">Varje rad följer ett problem från "
                   "nulägesanalysen genom en orsak och insatsen som svarar mot den till målet och indikatorn den följs "
                   "upp med. Luckor är markerade.</p>",
                (long long)c->id, c->organiser, c->round_name);
    html_printf(o, "<p class=\"exports\"><a href=\"/cases/%lld/traceability.csv\">CSV</a> · "
                   "<a href=\"/cases/%lld/traceability.xlsx\">Excel</a></p>",
                (long long)c->id, (long long)c->id);
    if (!n)
        html_lit(o, "<p class=\"empty\">Ärendet har ingen åtgärdsplan än.</p>");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<h2><a href=\"/plans/%lld\">%s</a></h2>", (long long)t[i].plan->id, plans_name(t[i].plan));
        if (!t[i].n) {
            html_lit(o, "<p class=\"empty\">Analysen har inga problem.</p>");
            continue;
        }
        html_lit(o, TABLE_OPEN("Spårbarhet") "<thead><tr><th scope=\"col\">Problem</th><th scope=\"col\">Orsak</th>"
                    "<th scope=\"col\">Insats</th><th scope=\"col\">Mål</th><th scope=\"col\">Indikator</th>"
                    "<th scope=\"col\">Lucka</th></tr></thead><tbody>");
        for (size_t r = 0; r < t[i].n; r++) {
            const trace_row_t *x = &t[i].rows[r];
            html_printf(o, "<tr%s><td>%s</td><td>%s%s%s</td><td>", *x->gap ? " class=\"gap\"" : "", x->problem,
                        *x->cause_kind ? analysis_cause_label(x->cause_kind) : "", *x->cause_kind ? ": " : "", x->cause);
            if (x->intervention_id)
                html_printf(o, "<a href=\"/interventions/%lld\">%s</a>", (long long)x->intervention_id, x->intervention);
            html_printf(o, "</td><td>%s</td><td>%s</td><td>%s</td></tr>", x->goal, x->indicator,
                        *x->gap ? x->gap : "–");
        }
        html_lit(o, "</tbody>" TABLE_CLOSE);
    }
    layout_end(req);
    return respond_html(req, 200);
}

static int plans_trace_export(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    traced_t *t;
    size_t n = trace_case(req, c, &t);
    static const char *headers[] = {"Plan", "Problem", "Slag av orsak", "Orsak", "Insats", "Mål", "Indikator", "Lucka"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t e;
    export_init(&e, &req->arena, "Spårbarhet", 8, headers, kinds);
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < t[i].n; r++) {
            const trace_row_t *x = &t[i].rows[r];
            export_cell_t *cell = export_add_row(&e);
            cell[0].text = plans_name(t[i].plan);
            cell[1].text = x->problem;
            cell[2].text = *x->cause_kind ? analysis_cause_label(x->cause_kind) : "";
            cell[3].text = x->cause;
            cell[4].text = x->intervention;
            cell[5].text = x->goal;
            cell[6].text = x->indicator;
            cell[7].text = x->gap;
        }
    return export_respond(req, &e, arena_printf(&req->arena, "sparbarhet-%s", c->orgnr));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t plans_trace_routes[] = {
    {"GET", "/cases/{id}/traceability", plans_trace_page, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {"GET", "/cases/{id}/traceability.csv", plans_trace_export, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {"GET", "/cases/{id}/traceability.xlsx", plans_trace_export, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
