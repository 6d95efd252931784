/* pages.c — the plans on the case page (one line per analysed unit and the organiser
 * level), and a plan's page: its state and flow, what is missing before it can be sent,
 * the interventions with their funding decisions, and the problems it leaves unanswered
 * with the reason. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include <string.h>

#define NOT_FOUND "Planen finns inte, eller så har du inte tillgång till den."

const char *plans_name(const plan_t *p)
{
    return p->unit_id ? p->unit_name : "Huvudmannanivå";
}

void plans_case_section(request_t *req, const case_row_t *c)
{
    if (!access_may(&req->viewer, CAP_PLAN_READ))
        return;
    buf_t *o = &req->body;
    plan_t *p;
    size_t np = plans_of_case(req->db, &req->viewer, c, &req->arena, &p);
    const analysis_t *an = NULL;
    size_t na = access_may(&req->viewer, CAP_ANALYSIS_READ) ? analyses_of_case_seen(req, c, &an)
                                                            : 0;
    html_lit(o, "<h2 id=\"planer\">Åtgärdsplaner</h2>\n");
    if (!np && !na) {
        html_lit(o, "<p class=\"empty\">Planerna tas fram när nulägesanalyserna är godkända.</p>");
        return;
    }
    html_lit(o, TABLE_OPEN("Åtgärdsplaner") "<thead><tr><th scope=\"col\">Enhet eller nivå</th><th scope=\"col\">Läge</th>"
                "<th scope=\"col\">Godkända versioner</th></tr></thead><tbody>");
    for (size_t i = 0; i < np; i++) {
        html_printf(o, "<tr><th scope=\"row\"><a href=\"/plans/%lld\">%s</a></th><td>%s</td><td class=\"num\">",
                    (long long)p[i].id, plans_name(&p[i]), analysis_state_label(p[i].state));
        html_int(o, p[i].version);
        html_lit(o, "</td></tr>");
    }
    /* Approved analyses without a plan yet: a start button for the writers. */
    analysis_writers_t writers = analyses_writers(req->db, &req->viewer, c->id, &req->arena);
    for (size_t k = 0; k < na; k++) {
        bool has = false;
        for (size_t i = 0; i < np && !has; i++)
            has = p[i].analysis_id == an[k].id;
        if (has)
            continue;
        const char *name = an[k].unit_id ? an[k].unit_name : "Huvudmannanivå";
        html_printf(o, "<tr><th scope=\"row\">%s</th><td>", name);
        if (an[k].version && analyses_writers_include(&writers, an[k].unit_id)) {
            html_printf(o, "<form method=\"post\" action=\"/cases/%lld/plans\" class=\"inline\">", (long long)c->id);
            widget_csrf(req);
            html_printf(o, "<input type=\"hidden\" name=\"unit\" value=\"%lld\"><button type=\"submit\" class=\"button "
                           "small\" aria-label=\"Påbörja åtgärdsplanen för %s\">Påbörja</button></form>",
                        (long long)an[k].unit_id, name);
        } else {
            if (an[k].version)
                html_lit(o, "Inte påbörjad");
            else
                html_lit(o, "Väntar på godkänd analys");
        }
        html_lit(o, "</td><td class=\"num\">–</td></tr>");
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
    html_printf(o, "<p class=\"exports\"><a href=\"/cases/%lld/traceability\">Spårbarhet: problem → orsak → insats → mål → "
                   "indikator</a></p>\n",
                (long long)c->id);
}

static int plans_start_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    char *err = NULL;
    int64_t id = plans_start(req->db, &req->viewer, c, req_param_int(req, "unit", 0), &req->arena, &err);
    if (!id)
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/plans/%lld", (long long)id));
}

static void funding_form(request_t *req, const plan_t *p, const intervention_t *x)
{
    buf_t *o = &req->body;
    html_printf(o, "<form method=\"post\" action=\"/plans/%lld/funding\" class=\"funding\">", (long long)p->id);
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"intervention\" value=\"%lld\"><fieldset><legend class=\"visually-hidden\">"
                   "Finansiering av %s</legend><label class=\"check\"><input type=\"radio\" name=\"funding\" "
                   "value=\"funded\"%s> Finansieras</label><label class=\"check\"><input type=\"radio\" name=\"funding\" "
                   "value=\"declined\"%s> Finansieras inte</label></fieldset><label for=\"r-%lld\">Motivering</label>"
                   "<input id=\"r-%lld\" name=\"reason\" value=\"%s\"><button type=\"submit\" class=\"button small\">"
                   "Besluta</button></form>",
                (long long)x->id, x->title, strcmp(x->funding, "funded") == 0 ? " checked" : "",
                strcmp(x->funding, "declined") == 0 ? " checked" : "", (long long)x->id, (long long)x->id,
                x->funding_reason);
}

static void interventions_table(request_t *req, const plan_t *p, const plan_facts_t *f, bool fund)
{
    buf_t *o = &req->body;
    if (!f->ninterventions) {
        html_lit(o, "<p class=\"empty\">Inga insatser än.</p>");
        return;
    }
    html_lit(o, TABLE_OPEN("Insatser") "<thead><tr><th scope=\"col\">Insats</th><th scope=\"col\">Utvecklingsområde</th>"
                "<th scope=\"col\">Utförare</th><th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Kostnad</th>"
                "<th scope=\"col\">Finansiering</th></tr></thead><tbody>");
    int64_t total = 0;
    for (size_t i = 0; i < f->ninterventions; i++) {
        const intervention_t *x = &f->interventions[i];
        total += x->cost > 0 ? x->cost : 0;
        html_printf(o, "<tr><th scope=\"row\"><a href=\"/interventions/%lld\">%s</a></th><td>%s</td><td>%s%s%s</td>"
                       "<td class=\"nowrap\">%s – %s</td><td class=\"num nowrap\">%s</td><td>%s%s%s",
                    (long long)x->id, x->title, *x->area ? x->area : "–", plan_provider_label(x->provider),
                    *x->provider_name || *x->programme ? ": " : "",
                    strcmp(x->provider, "programme") == 0 ? x->programme : x->provider_name, x->start_date, x->end_date,
                    x->cost >= 0 ? fmt_kronor_in(&req->arena, x->cost) : "saknas", plan_funding_label(x->funding),
                    *x->funding_reason ? ": " : "", x->funding_reason);
        if (fund)
            funding_form(req, p, x);
        html_lit(o, "</td></tr>");
    }
    html_printf(o, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"4\">Summa</th><td class=\"num nowrap\">%s</td><td></td></tr>"
                   "</tfoot>" TABLE_CLOSE, fmt_kronor_in(&req->arena, total));
}

static void unanswered(request_t *req, const plan_t *p, const plan_facts_t *f, bool writer)
{
    buf_t *o = &req->body;
    size_t shown = 0;
    for (size_t i = 0; i < f->nproblems; i++) {
        bool answered = false;
        for (size_t l = 0; l < f->nlinks && !answered; l++)
            answered = f->links[l].problem_id == f->problems[i].id;
        if (answered)
            continue;
        if (!shown++)
            html_lit(o, "<h2>Problem som ingen insats svarar mot</h2>");
        html_printf(o, "<div class=\"card\"><h3>%s</h3>", f->problems[i].title);
        if (!writer) {
            html_printf(o, "<p>%s</p></div>", *f->problems[i].unanswered_reason ? f->problems[i].unanswered_reason
                                                                                 : "Ingen motivering.");
            continue;
        }
        html_printf(o, "<form method=\"post\" action=\"/plans/%lld/unanswered\" class=\"form\">", (long long)p->id);
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"problem\" value=\"%lld\"><div class=\"field\"><label for=\"u-%lld\">"
                       "Varför svarar ingen insats mot problemet?</label><textarea id=\"u-%lld\" name=\"reason\" "
                       "rows=\"2\">%s</textarea></div><button type=\"submit\" class=\"button small\">Spara motiveringen"
                       "</button></form></div>",
                    (long long)f->problems[i].id, (long long)f->problems[i].id, (long long)f->problems[i].id,
                    f->problems[i].unanswered_reason);
    }
}

int plans_view(request_t *req, int status)
{
    case_row_t *c;
    plan_t *p = plans_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!p)
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, p->unit_id ? arena_printf(&req->arena, "Åtgärdsplan: %s", p->unit_name)
                                 : arena_printf(&req->arena, "Åtgärdsplan: %s, huvudmannanivå", p->organiser));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    /* One of the plan's writers (whatever its state); writing needs a draft too. */
    bool member = analyses_writes_for(req->db, &req->viewer, p->case_id, p->unit_id);
    bool writer = member && strcmp(p->state, "draft") == 0;
    html_printf(o, "<p><a href=\"/cases/%lld#planer\">%s · %s</a> · <a href=\"/analyses/%lld\">Nulägesanalysen</a></p>",
                (long long)c->id, c->organiser, c->round_name, (long long)p->analysis_id);
    html_printf(o, "<dl class=\"facts\"><dt>Läge</dt><dd>%s</dd>", analysis_state_label(p->state));
    if (p->version)
        html_printf(o, "<dt>Senast godkänd</dt><dd>version %d av %s, %s</dd>", p->version, p->approved_by,
                    fmt_datetime_in(&req->arena, p->approved_at));
    html_lit(o, "</dl>");
    html_printf(o, "<p class=\"exports\"><a href=\"/plans/%lld/document.pdf\">PDF</a> · <a href=\"/plans/%lld/versions\">Versioner "
                   "och skillnader</a> · <a href=\"/cases/%lld/traceability\">Spårbarhet</a></p>\n",
                (long long)p->id, (long long)p->id, (long long)c->id);
    plan_facts_t f;
    plans_facts(req->db, p, &req->arena, &f);
    if (strcmp(p->state, "draft") == 0) {
        const char **missing;
        size_t n = plan_missing(&f, &req->arena, &missing);
        if (n) {
            html_lit(o, "<div class=\"notice\" role=\"status\"><h2>Innan planen kan skickas för godkännande</h2><ul>");
            for (size_t i = 0; i < n; i++)
                html_printf(o, "<li>%s</li>", missing[i]);
            html_lit(o, "</ul></div>");
        } else {
            html_lit(o, "<p class=\"notice success\">Planen är komplett och kan skickas för godkännande.</p>");
        }
    }
    analyses_flow_forms(req, arena_printf(&req->arena, "/plans/%lld/flow", (long long)p->id), p->state, member,
                        plans_may_approve(&req->viewer, p), "Godkänn planen");
    html_lit(o, "<h2>Insatser</h2>");
    interventions_table(req, p, &f, access_may(&req->viewer, CAP_PLAN_FUND) && strcmp(p->state, "approved") == 0);
    if (writer) {
        html_printf(o, "<form method=\"post\" action=\"/plans/%lld/interventions\" class=\"card form narrow\" novalidate>"
                       "<h3>Ny insats</h3>", (long long)p->id);
        widget_csrf(req);
        widget_input(req, "title", "Vad ska göras?", "text", req_param(req, "title"), NULL, "off");
        plan_choice_t *areas;
        size_t na = plans_development_areas(req->db, true, &req->arena, &areas);
        html_lit(o, "<div class=\"field\"><label for=\"f-area\">Utvecklingsområde</label><select id=\"f-area\" name=\"area\">");
        for (size_t i = 0; i < na; i++)
            html_printf(o, "<option value=\"%lld\">%s</option>", (long long)areas[i].id, areas[i].name);
        html_lit(o, "</select></div><button type=\"submit\" class=\"button\">Lägg till insatsen</button></form>\n");
    }
    unanswered(req, p, &f, writer);
    layout_end(req);
    return respond_html(req, status);
}

static int plans_page(request_t *req)
{
    return plans_view(req, 200);
}

/* The plan a form names, or NULL with the answer sent in *status. */
static plan_t *plan_of(request_t *req, int *status)
{
    plan_t *p = plans_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!p)
        *status = respond_error(req, 404, NOT_FOUND);
    else if (req->nerrors)
        *status = plans_view(req, 400);
    return p && !req->nerrors ? p : NULL;
}

static int plans_intervention_add_submit(request_t *req)
{
    int status = 0;
    plan_t *p = plan_of(req, &status);
    if (!p)
        return status;
    char *err = NULL;
    int64_t id = plans_add_intervention(req->db, &req->viewer, p, req_param(req, "title"), req_param_int(req, "area", 0),
                                        &req->arena, &err);
    if (!id)
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/interventions/%lld", (long long)id));
}

static int plans_flow_submit(request_t *req)
{
    int status = 0;
    plan_t *p = plan_of(req, &status);
    if (!p)
        return status;
    char *err = NULL;
    if (!plans_flow(req->db, &req->viewer, p, req_param(req, "action"), req_param(req, "reason"), &req->arena, &err)) {
        req_add_error(req, strcmp(req_param(req, "action"), "return") == 0 ? "reason" : "action", err);
        return plans_view(req, 409);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/plans/%lld?klart=1", (long long)p->id));
}

static int plans_unanswered_submit(request_t *req)
{
    int status = 0;
    plan_t *p = plan_of(req, &status);
    if (!p)
        return status;
    char *err = NULL;
    if (!plans_set_unanswered(req->db, &req->viewer, p, req_param_int(req, "problem", 0), req_param(req, "reason"),
                              &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/plans/%lld?klart=1", (long long)p->id));
}

static int plans_funding_submit(request_t *req)
{
    int status = 0;
    plan_t *p = plan_of(req, &status);
    if (!p)
        return status;
    char *err = NULL;
    if (!plans_decide_funding(req->db, &req->viewer, p, req_param_int(req, "intervention", 0), req_param(req, "funding"),
                              req_param(req, "reason"), &req->arena, &err)) {
        req_add_error(req, "reason", err);
        return plans_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/plans/%lld?klart=1", (long long)p->id));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_start[] = {PARAM_ID, {"unit", P_INT, 0, "Enhet", 0, 1000000000, NULL}, PARAM_END};
static const param_spec_t p_add[] = {PARAM_ID, {"title", P_TEXT, PARAM_REQUIRED, "Vad ska göras?", 0, 300, NULL},
                                     {"area", P_INT, 0, "Utvecklingsområde", 0, 1000000000, NULL}, PARAM_END};
static const param_spec_t p_flow[] = {PARAM_ID, {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, analysis_flow_actions},
                                      {"reason", P_MULTILINE, 0, "Kommentar", 0, 10000, NULL}, PARAM_END};
static const param_spec_t p_unanswered[] = {PARAM_ID, {"problem", P_INT, PARAM_REQUIRED, "Problem", 1, 1000000000, NULL},
                                            {"reason", P_MULTILINE, 0, "Motivering", 0, 5000, NULL}, PARAM_END};
static const param_spec_t p_funding[] = {PARAM_ID,
                                         {"intervention", P_INT, PARAM_REQUIRED, "Insats", 1, 1000000000, NULL},
                                         {"funding", P_CHOICE, PARAM_REQUIRED, "Finansiering", 0, 0, plan_funding_keys},
                                         {"reason", P_TEXT, 0, "Motivering", 0, 2000, NULL}, PARAM_END};

const route_t plans_page_routes[] = {
    {"POST", "/cases/{id}/plans", plans_start_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_start},
    {"GET", "/plans/{id}", plans_page, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {"POST", "/plans/{id}/interventions", plans_intervention_add_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_add},
    {"POST", "/plans/{id}/flow", plans_flow_submit, CAP_PLAN_READ, ROUTE_FORM, p_flow},
    {"POST", "/plans/{id}/unanswered", plans_unanswered_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_unanswered},
    {"POST", "/plans/{id}/funding", plans_funding_submit, CAP_PLAN_FUND, ROUTE_FORM, p_funding},
    {NULL, NULL, NULL, 0, 0, NULL},
};
