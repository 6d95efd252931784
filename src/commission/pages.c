/* pages.c — a case's university documents: the list with their states, the form that
 * starts one (for the university working on the case), and the case page's section. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include <string.h>

static void list_table(request_t *req, const commission_doc_t *d, size_t n)
{
    buf_t *o = &req->body;
    if (!n) {
        html_lit(o, "<p class=\"empty\">Lärosätet har inte påbörjat några planer eller rapporter än.</p>");
        return;
    }
    html_lit(o, TABLE_OPEN("Lärosätets planer och rapporter") "<thead><tr><th scope=\"col\">Dokument</th>"
                "<th scope=\"col\">Lärosäte</th><th scope=\"col\">Läge</th><th scope=\"col\">Senast sparad</th></tr>"
                "</thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td><a href=\"/commission/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    (long long)d[i].id, d[i].title, d[i].university, commission_state_label(d[i].state),
                    d[i].saved_at ? fmt_datetime_in(&req->arena, d[i].saved_at) : "–");
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

static int list_view(request_t *req, case_row_t *c, int status, const char *error)
{
    commission_doc_t *d;
    size_t n = commission_list(req->db, c, &req->arena, &d);
    layout_begin(req, arena_printf(&req->arena, "Lärosätets planer och rapporter: %s", c->organiser));
    buf_t *o = &req->body;
    if (error)
        widget_notice(req, "error", error);
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld\">Till ärendet</a></p>", (long long)c->id);
    html_lit(o, "<p class=\"lead\">Insatsplanen och uppdragsplanen bygger på åtgärdsplanen. Lärosätet rapporterar "
                "varje termin och i en slutrapport, och samlar lärdomarna från insatserna.</p>");
    list_table(req, d, n);
    if (commission_university_of(req->db, &req->viewer, c)) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/commission\" class=\"card form narrow\" novalidate>"
                       "<h2>Påbörja ett dokument</h2>", (long long)c->id);
        widget_csrf(req);
        html_lit(o, "<div class=\"field\"><label for=\"f-kind\">Dokument</label>");
        widget_field_error(req, "kind");
        html_lit(o, "<select id=\"f-kind\" name=\"kind\">");
        for (int i = 0; commission_kind_keys[i]; i++)
            html_printf(o, "<option value=\"%s\"%s>%s</option>", commission_kind_keys[i],
                        strcmp(req_param(req, "kind"), commission_kind_keys[i]) == 0 ? " selected" : "",
                        commission_kind(commission_kind_keys[i])->label);
        html_lit(o, "</select></div>");
        widget_input(req, "term", "Termin (för en delrapport)", "text", req_param(req, "term"),
                     "Till exempel 2026VT eller 2026HT.", "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Påbörja</button></form>");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int list_page(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    return list_view(req, c, 200, NULL);
}

static int create_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return list_view(req, c, 400, NULL);
    char *err = NULL;
    int64_t id = commission_create(req->db, &req->viewer, c, req_param(req, "kind"), req_param(req, "term"),
                                   &req->arena, &err);
    if (!id) {
        req_add_error(req, strstr(err, "termin") ? "term" : "kind", err);
        return list_view(req, c, 422, NULL);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/commission/%lld", (long long)id));
}

void commission_case_section(request_t *req, const case_row_t *c)
{
    if (!access_may(&req->viewer, CAP_COMMISSION_READ))
        return;
    commission_doc_t *d;
    size_t n = commission_list(req->db, c, &req->arena, &d);
    html_printf(&req->body, "<h2 id=\"larosatets-dokument\">Lärosätets planer och rapporter</h2><p><a href=\"/cases/%lld/"
                            "commission\">Alla lärosätets dokument</a></p>", (long long)c->id);
    list_table(req, d, n);
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_create[] = {PARAM_ID, {"kind", P_CHOICE, PARAM_REQUIRED, "Dokument", 0, 0, commission_kind_keys},
                                        {"term", P_TEXT, 0, "Termin", 0, 6, NULL}, PARAM_END};

const route_t commission_routes[] = {
    {"GET", "/cases/{id}/commission", list_page, CAP_COMMISSION_READ, ROUTE_KEPT, p_id},
    {"POST", "/cases/{id}/commission", create_submit, CAP_COMMISSION_WRITE, ROUTE_FORM, p_create},
    {NULL, NULL, NULL, 0, 0, NULL},
};
