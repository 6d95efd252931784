/* case_section.c — the universities on a case's page: the case's university, chosen from
 * the register, with its team leader and education leaders (the register's team as the
 * default), and the further universities the case works with. */
#include "parts.h"
#include "../http/layout.h"
#include <string.h>

static void university_select(request_t *req, const char *name, const char *label, const university_t *u, size_t n,
                              const char *selected, const char *none)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
    widget_field_error(req, name);
    html_printf(o, "<select id=\"f-%s\" name=\"%s\"", name, name);
    widget_field_invalid(req, name);
    html_printf(o, "><option value=\"\">%s</option>", none);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", u[i].name, strcmp(u[i].name, selected) == 0 ? " selected" : "",
                    u[i].name);
    html_lit(o, "</select></div>");
}

void universities_case_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    university_t *further;
    size_t nf = universities_of_case(req->db, c, &req->arena, &further);
    html_lit(o, "<h2 id=\"larosate\">Lärosäte</h2>\n<dl class=\"facts\">");
    html_printf(o, "<dt>Lärosäte</dt><dd>%s</dd><dt>Teamledare</dt><dd>%s</dd><dt>Utbildningsledare</dt><dd>%s</dd>",
                *c->university ? c->university : "Inget än", *c->team_leader ? c->team_leader : "–",
                *c->education_leaders ? c->education_leaders : "–");
    if (nf) {
        html_lit(o, "<dt>Ytterligare lärosäten</dt><dd>");
        for (size_t i = 0; i < nf; i++)
            html_printf(o, "%s%s", i ? ", " : "", further[i].name);
        html_lit(o, "</dd>");
    }
    html_lit(o, "</dl>\n");
    if (!access_may(&req->viewer, CAP_CASE_UNIVERSITY))
        return;
    university_t *all;
    size_t n = universities_choices(req->db, &req->arena, &all);
    bool stale = req->stale_form && strcmp(req->stale_form, "university") == 0;
    if (stale) {
        stale_field_t f[] = {{"Lärosäte", c->university, req_param(req, "university")},
                             {"Teamledare", c->team_leader, req_param(req, "team_leader")},
                             {"Utbildningsledare", c->education_leaders, req_param(req, "education_leaders")}};
        widget_stale(req, c->team_saved_by, c->team_saved_at, f, 3);
    }
    /* Based on the version shown, or after a mistake on the one the user started from. */
    long long based_on = !stale && req_has_param(req, "version") ? req_param_int(req, "version", c->team_version)
                                                                : c->team_version;
    bool posted = req_has_param(req, "team_leader");
    html_printf(o, "<form method=\"post\" action=\"/cases/%lld/university\" class=\"card form narrow\">"
                   "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                (long long)c->id, based_on);
    widget_csrf(req);
    university_select(req, "university", "Lärosäte", all, n, posted ? req_param(req, "university") : c->university,
                      "Inget valt");
    widget_input(req, "team_leader", "Teamledare", "text", posted ? req_param(req, "team_leader") : c->team_leader,
                 "Tomt: lärosätets teamledare enligt registret.", "off");
    widget_input(req, "education_leaders", "Utbildningsledare", "text",
                 posted ? req_param(req, "education_leaders") : c->education_leaders,
                 "Namn med komma emellan. Tomt: enligt registret.", "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara</button></form>\n");
    for (size_t i = 0; i < nf; i++) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/universities/%lld/remove\" class=\"inline\">",
                    (long long)c->id, (long long)further[i].id);
        widget_csrf(req);
        html_printf(o, "<button type=\"submit\" class=\"button secondary small\">Ta bort <span class=\"visually-hidden\">"
                       "%s</span></button></form> ", further[i].name);
    }
    html_printf(o, "<form method=\"post\" action=\"/cases/%lld/universities\" class=\"card form narrow\">",
                (long long)c->id);
    widget_csrf(req);
    university_select(req, "further", "Ytterligare lärosäte", all, n, "", "Välj");
    html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till lärosätet</button></form>\n");
}

static int universities_case_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return cases_page_view(req, c, 400);
    const char *name = req_param(req, "university");
    int64_t id = universities_id(req->db, name);
    if (*name && !id) {
        req_add_error(req, "university", arena_printf(&req->arena, "%s finns inte i registret över lärosäten.", name));
        return cases_page_view(req, c, 422);
    }
    /* An empty team takes the register's. */
    university_t *u = id ? universities_get(req->db, id, &req->arena) : NULL;
    const char *leader = req_param(req, "team_leader"), *leaders = req_param(req, "education_leaders");
    if (u && !*leader)
        leader = u->team_leader;
    if (u && !*leaders)
        leaders = u->education_leaders;
    char *err = NULL;
    write_result_t r = cases_set_university(req->db, &req->viewer, c, (int)req_param_int(req, "version", 0), name,
                                            leader, leaders, &req->arena, &err);
    if (r == WRITE_STALE) {
        req->stale_form = "university";
        return cases_page_view(req, c, 409);
    }
    if (r != WRITE_OK) {
        req_add_error(req, "university", err);
        return cases_page_view(req, c, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1#larosate", (long long)c->id));
}

static int universities_further_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return cases_page_view(req, c, 400);
    char *err = NULL;
    int64_t id = universities_id(req->db, req_param(req, "further"));
    if (!universities_add_to_case(req->db, &req->viewer, c, id, &req->arena, &err)) {
        req_add_error(req, "further", err);
        return cases_page_view(req, c, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1#larosate", (long long)c->id));
}

static int universities_further_remove_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    char *err = NULL;
    if (!universities_remove_from_case(req->db, &req->viewer, c, req_param_int(req, "university", 0), &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1#larosate", (long long)c->id));
}

static const param_spec_t p_university[] = {PARAM_ID, {"university", P_TEXT, 0, "Lärosäte", 0, 200, NULL},
                                            {"team_leader", P_TEXT, 0, "Teamledare", 0, 200, NULL},
                                            {"education_leaders", P_TEXT, 0, "Utbildningsledare", 0, 500, NULL},
                                            PARAM_VERSION, PARAM_END};
static const param_spec_t p_further[] = {PARAM_ID, {"further", P_TEXT, PARAM_REQUIRED, "Ytterligare lärosäte", 0, 200,
                                                    NULL}, PARAM_END};
static const param_spec_t p_remove[] = {PARAM_ID, {"university", P_INT, PARAM_PATH, "Lärosäte", 1, 1000000000, NULL},
                                        PARAM_END};

const route_t universities_case_routes[] = {
    {"POST", "/cases/{id}/university", universities_case_submit, CAP_CASE_UNIVERSITY, ROUTE_FORM, p_university},
    {"POST", "/cases/{id}/universities", universities_further_submit, CAP_CASE_UNIVERSITY, ROUTE_FORM, p_further},
    {"POST", "/cases/{id}/universities/{university}/remove", universities_further_remove_submit, CAP_CASE_UNIVERSITY,
     ROUTE_FORM, p_remove},
    {NULL, NULL, NULL, 0, 0, NULL},
};
