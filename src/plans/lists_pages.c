/* lists_pages.c — every intervention across the cases as CSV/XLSX for the agency, and the
 * administrator's page of the lists the plans choose from: development areas and the
 * agency's national school-development programmes. */
#include "parts.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include <string.h>

static int plans_interventions_export(request_t *req)
{
    listed_intervention_t *x;
    size_t n = plans_all_interventions(req->db, &req->viewer, &req->arena, &x);
    static const char *headers[] = {"Huvudman", "Organisationsnummer", "Plan", "Utvecklingsområde", "Insats",
                                    "Utförare", "Utförarens namn", "Målgrupp", "Startar", "Slutar", "Kostnad (kr)",
                                    "Läge", "Finansiering", "Planens läge"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_INT,  EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Insatser", 14, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        export_cell_t *c = export_add_row(&t);
        c[0].text = x[i].organiser;
        c[1].text = x[i].orgnr;
        c[2].text = x[i].plan;
        c[3].text = x[i].area;
        c[4].text = x[i].title;
        c[5].text = plan_provider_label(x[i].provider);
        c[6].text = x[i].provider_name;
        c[7].text = x[i].target_group;
        c[8].text = x[i].start_date;
        c[9].text = x[i].end_date;
        if (x[i].cost >= 0)
            export_number(&c[10], (double)x[i].cost);
        c[11].text = intervention_state_label(x[i].state);
        c[12].text = plan_funding_label(x[i].funding);
        c[13].text = analysis_state_label(x[i].plan_state);
    }
    return export_respond(req, &t, "insatser");
}

static void list_section(request_t *req, bool programme)
{
    buf_t *o = &req->body;
    plan_choice_t *all, *active;
    size_t n = programme ? plans_programmes(req->db, false, &req->arena, &all)
                         : plans_development_areas(req->db, false, &req->arena, &all);
    size_t na = programme ? plans_programmes(req->db, true, &req->arena, &active)
                          : plans_development_areas(req->db, true, &req->arena, &active);
    const char *kind = programme ? "programme" : "area";
    html_printf(o, "<h2>%s</h2>", programme ? "Skolverkets nationella skolutvecklingsprogram" : "Utvecklingsområden");
    for (size_t i = 0; i < n; i++) {
        bool on = false;
        for (size_t k = 0; k < na && !on; k++)
            on = active[k].id == all[i].id;
        html_printf(o, "<form method=\"post\" action=\"/admin/plan-lists/%lld\" class=\"form row\">", (long long)all[i].id);
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><label for=\"n-%s-%lld\" class=\"visually-hidden\">"
                       "Namn</label><input id=\"n-%s-%lld\" name=\"name\" value=\"%s\"><label class=\"check\"><input "
                       "type=\"checkbox\" name=\"active\" value=\"1\"%s> Används</label><button type=\"submit\" "
                       "class=\"button small\">Spara</button></form>",
                    kind, kind, (long long)all[i].id, kind, (long long)all[i].id, all[i].name, on ? " checked" : "");
    }
    html_lit(o, "<form method=\"post\" action=\"/admin/plan-lists\" class=\"form row\">");
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><label for=\"new-%s\">Nytt</label><input "
                   "id=\"new-%s\" name=\"name\"><button type=\"submit\" class=\"button small\">Lägg till</button></form>",
                kind, kind, kind);
}

static int lists_view(request_t *req, int status)
{
    layout_begin(req, "Listor för åtgärdsplaner");
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    html_lit(&req->body, "<p>Det insatserna väljer bland. En rad som inte längre används finns kvar i de planer som "
                         "redan använder den.</p>");
    list_section(req, false);
    list_section(req, true);
    layout_end(req);
    return respond_html(req, status);
}

static int plans_lists_page(request_t *req)
{
    return lists_view(req, 200);
}

static int plans_list_add_submit(request_t *req)
{
    if (req->nerrors)
        return lists_view(req, 400);
    char *err = NULL;
    if (!plans_list_add(req->db, &req->viewer, strcmp(req_param(req, "kind"), "programme") == 0,
                        req_param(req, "name"), &req->arena, &err)) {
        req_add_error(req, "name", err);
        return lists_view(req, 409);
    }
    return respond_redirect(req, "/admin/plan-lists?klart=1");
}

static int plans_list_edit_submit(request_t *req)
{
    if (req->nerrors)
        return lists_view(req, 400);
    char *err = NULL;
    if (!plans_list_edit(req->db, &req->viewer, strcmp(req_param(req, "kind"), "programme") == 0,
                         req_param_int(req, "id", 0), req_param(req, "name"), req_param_int(req, "active", 0) == 1,
                         &req->arena, &err)) {
        req_add_error(req, "name", err);
        return lists_view(req, 409);
    }
    return respond_redirect(req, "/admin/plan-lists?klart=1");
}

static const char *const list_kinds[] = {"area", "programme", NULL};
static const param_spec_t p_none[] = {PARAM_SAVED, PARAM_END};
static const param_spec_t p_add[] = {{"kind", P_CHOICE, PARAM_REQUIRED, "Lista", 0, 0, list_kinds},
                                     {"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL}, PARAM_END};
static const param_spec_t p_edit[] = {PARAM_ID, {"kind", P_CHOICE, PARAM_REQUIRED, "Lista", 0, 0, list_kinds},
                                      {"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL},
                                      {"active", P_INT, 0, "Används", 0, 1, NULL}, PARAM_END};

const route_t plans_list_routes[] = {
    {"GET", "/interventions.csv", plans_interventions_export, CAP_INTERVENTION_EXPORT, ROUTE_KEPT, p_none},
    {"GET", "/interventions.xlsx", plans_interventions_export, CAP_INTERVENTION_EXPORT, ROUTE_KEPT, p_none},
    {"GET", "/admin/plan-lists", plans_lists_page, CAP_TEMPLATE_MANAGE, 0, p_none},
    {"POST", "/admin/plan-lists", plans_list_add_submit, CAP_TEMPLATE_MANAGE, ROUTE_FORM, p_add},
    {"POST", "/admin/plan-lists/{id}", plans_list_edit_submit, CAP_TEMPLATE_MANAGE, ROUTE_FORM, p_edit},
    {NULL, NULL, NULL, 0, 0, NULL},
};
