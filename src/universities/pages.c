/* pages.c — the register of universities: the list with how many cases and users each
 * has, a new university, and a university's page with its team, users and cases. */
#include "parts.h"
#include "../http/layout.h"
#include <string.h>

#define NOT_FOUND "Lärosätet finns inte i registret."

static int list_view(request_t *req, int status)
{
    university_t *u;
    size_t n = universities_list(req->db, &req->arena, &u);
    layout_begin(req, "Lärosäten");
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    html_lit(o, "<p>Varje lärosäte finns en gång i registret. Ärenden, användare, insatser och överenskommelser väljer "
                "lärosäte härifrån.</p>");
    html_lit(o, TABLE_OPEN("Lärosäten") "<thead><tr><th scope=\"col\">Lärosäte</th><th scope=\"col\">Teamledare</th>"
                "<th scope=\"col\" class=\"num\">Ärenden</th><th scope=\"col\" class=\"num\">Användare</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<tr><th scope=\"row\"><a href=\"/universities/%lld\">%s</a></th><td>%s</td><td class=\"num\">",
                    (long long)u[i].id, u[i].name, *u[i].team_leader ? u[i].team_leader : "–");
        html_int(o, u[i].cases);
        html_lit(o, "</td><td class=\"num\">");
        html_int(o, u[i].users);
        html_lit(o, "</td></tr>");
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
    if (access_may(&req->viewer, CAP_UNIVERSITY_MANAGE)) {
        html_lit(o, "<form method=\"post\" action=\"/universities\" class=\"card form narrow\" novalidate>"
                    "<h2>Nytt lärosäte</h2>");
        widget_csrf(req);
        widget_input(req, "name", "Namn", "text", req_param(req, "name"), "Som lärosätet själv skriver det.", "off");
        widget_input(req, "team_leader", "Teamledare", "text", req_param(req, "team_leader"), NULL, "off");
        widget_input(req, "education_leaders", "Utbildningsledare", "text", req_param(req, "education_leaders"),
                     "Namn med komma emellan.", "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till</button></form>\n");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int universities_list_page(request_t *req)
{
    return list_view(req, 200);
}

static int universities_add_submit(request_t *req)
{
    if (req->nerrors)
        return list_view(req, 400);
    char *err = NULL;
    int64_t id = universities_add(req->db, &req->viewer, req_param(req, "name"), req_param(req, "team_leader"),
                                  req_param(req, "education_leaders"), &req->arena, &err);
    if (!id) {
        req_add_error(req, "name", err);
        return list_view(req, 409);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/universities/%lld?klart=1", (long long)id));
}

static int university_view(request_t *req, int status, bool stale)
{
    university_t *u = universities_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!u)
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, u->name);
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    bool posted = req_has_param(req, "version");
    if (stale) {
        stale_field_t f[] = {{"Namn", u->name, req_param(req, "name")},
                             {"Teamledare", u->team_leader, req_param(req, "team_leader")},
                             {"Utbildningsledare", u->education_leaders, req_param(req, "education_leaders")}};
        widget_stale(req, NULL, 0, f, 3);
    }
    widget_error_summary(req);
    html_lit(o, "<p><a href=\"/universities\">Alla lärosäten</a></p>");
    if (access_may(&req->viewer, CAP_UNIVERSITY_MANAGE)) {
        html_printf(o, "<form method=\"post\" action=\"/universities/%lld\" class=\"card form narrow\" novalidate>",
                    (long long)u->id);
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\">", u->version);
        widget_input(req, "name", "Namn", "text", posted ? req_param(req, "name") : u->name,
                     "Ett nytt namn följer med till ärendena och användarna.", "off");
        widget_input(req, "team_leader", "Teamledare", "text", posted ? req_param(req, "team_leader") : u->team_leader,
                     NULL, "off");
        widget_input(req, "education_leaders", "Utbildningsledare", "text",
                     posted ? req_param(req, "education_leaders") : u->education_leaders, "Namn med komma emellan.",
                     "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Spara</button></form>\n");
    } else {
        html_printf(o, "<dl class=\"facts\"><dt>Teamledare</dt><dd>%s</dd><dt>Utbildningsledare</dt><dd>%s</dd></dl>",
                    *u->team_leader ? u->team_leader : "–", *u->education_leaders ? u->education_leaders : "–");
    }
    university_user_t *us;
    size_t nu = universities_users(req->db, u, &req->arena, &us);
    html_lit(o, "<h2>Användare</h2>");
    if (!nu)
        html_lit(o, "<p class=\"empty\">Inga användare.</p>");
    else
        html_lit(o, "<ul class=\"people\">");
    for (size_t i = 0; i < nu; i++)
        html_printf(o, "<li>%s, %s</li>", us[i].name, us[i].email);
    if (nu)
        html_lit(o, "</ul>");
    university_case_t *c;
    size_t nc = universities_cases(req->db, &req->viewer, u, &req->arena, &c);
    html_lit(o, "<h2>Ärenden</h2>");
    if (!nc)
        html_lit(o, "<p class=\"empty\">Inga ärenden.</p>");
    else
        html_lit(o, "<ul class=\"links\">");
    for (size_t i = 0; i < nc; i++)
        html_printf(o, "<li><a href=\"/cases/%lld\">%s, %s</a> <span class=\"muted\">(%s%s)</span></li>",
                    (long long)c[i].id, c[i].organiser, c[i].round_name, case_phase_label(c[i].phase),
                    c[i].further ? ", ytterligare lärosäte" : "");
    if (nc)
        html_lit(o, "</ul>");
    layout_end(req);
    return respond_html(req, status);
}

static int universities_page(request_t *req)
{
    return university_view(req, 200, false);
}

static int universities_edit_submit(request_t *req)
{
    university_t *u = universities_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!u)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return university_view(req, 400, false);
    char *err = NULL;
    switch (universities_edit(req->db, &req->viewer, u, (int)req_param_int(req, "version", 0), req_param(req, "name"),
                              req_param(req, "team_leader"), req_param(req, "education_leaders"), &req->arena, &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/universities/%lld?klart=1", (long long)u->id));
    case WRITE_STALE:
        return university_view(req, 409, true);
    default:
        req_add_error(req, "name", err);
        return university_view(req, 409, false);
    }
}

#define UNIVERSITY_FIELDS                                                            \
    {"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL},                          \
    {"team_leader", P_TEXT, 0, "Teamledare", 0, 200, NULL},                          \
    {"education_leaders", P_TEXT, 0, "Utbildningsledare", 0, 500, NULL}
static const param_spec_t p_list[] = {PARAM_SAVED, PARAM_END};
static const param_spec_t p_add[] = {UNIVERSITY_FIELDS, PARAM_END};
static const param_spec_t p_one[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_edit[] = {PARAM_ID, PARAM_VERSION, UNIVERSITY_FIELDS, PARAM_END};

const route_t universities_page_routes[] = {
    {"GET", "/universities", universities_list_page, CAP_UNIVERSITY_REGISTER, ROUTE_KEPT, p_list},
    {"POST", "/universities", universities_add_submit, CAP_UNIVERSITY_MANAGE, ROUTE_FORM, p_add},
    {"GET", "/universities/{id}", universities_page, CAP_UNIVERSITY_REGISTER, ROUTE_KEPT, p_one},
    {"POST", "/universities/{id}", universities_edit_submit, CAP_UNIVERSITY_MANAGE, ROUTE_FORM, p_edit},
    {NULL, NULL, NULL, 0, 0, NULL},
};
