/* problems.c — the problems of an analysis, each tied to results or goal attainment and
 * to the evidence that shows it, with its causes of the four kinds: the section on the
 * analysis page, a problem's own page for corrections, and their forms. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include "../register/register.h"
#include <string.h>

#define NOT_FOUND "Analysen finns inte, eller så har du inte tillgång till den."

static void variable_select(request_t *req, const char *id, const char *selected)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"%s\">Statistik som visar problemet</label><select id=\"%s\" "
                   "name=\"variable\"><option value=\"\">Ingen särskild</option>",
                id, id);
    for (const reg_variable_t *v = register_variables; v->key; v++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", v->key, strcmp(v->key, selected) == 0 ? " selected" : "",
                    v->label);
    html_lit(o, "</select></div>");
}

static void problem_fields(request_t *req, const char *title, const char *result, const char *evidence,
                           const char *variable)
{
    widget_input(req, "title", "Problem", "text", title, "Kort: vad är det som inte fungerar?", "off");
    buf_t *o = &req->body;
    html_lit(o, "<div class=\"field\"><label for=\"f-result\">Hur syns det i resultaten eller måluppfyllelsen?</label>");
    widget_field_error(req, "result");
    html_printf(o, "<textarea id=\"f-result\" name=\"result\" rows=\"3\">%s</textarea></div>", result);
    html_lit(o, "<div class=\"field\"><label for=\"f-evidence\">Vilket underlag visar det?</label>");
    widget_field_error(req, "evidence");
    html_printf(o, "<textarea id=\"f-evidence\" name=\"evidence\" rows=\"3\">%s</textarea></div>", evidence);
    variable_select(req, "f-variable", variable);
}

void analyses_problems_section(request_t *req, const analysis_t *an, bool writer)
{
    buf_t *o = &req->body;
    analysis_problem_t *p;
    size_t np = analyses_problems(req->db, an, &req->arena, &p);
    analysis_cause_t *k;
    size_t nk = analyses_causes(req->db, an, &req->arena, &k);
    html_lit(o, "<h2 id=\"problem\">Problem och orsaker</h2>\n");
    if (!np)
        html_lit(o, "<p class=\"empty\">Inga problem beskrivna än.</p>");
    for (size_t i = 0; i < np; i++) {
        html_printf(o, "<article class=\"problem card\" id=\"problem-%lld\"><h3>%s</h3><dl class=\"facts\">"
                       "<dt>I resultaten</dt><dd class=\"prose\">%s</dd><dt>Underlag</dt><dd class=\"prose\">%s</dd>",
                    (long long)p[i].id, p[i].title, *p[i].result ? p[i].result : "–",
                    *p[i].evidence ? p[i].evidence : "–");
        const reg_variable_t *var = *p[i].variable ? register_variable(p[i].variable) : NULL;
        if (var)
            html_printf(o, "<dt>Statistik</dt><dd>%s</dd>", var->label);
        html_lit(o, "</dl><h4>Orsaker</h4>");
        size_t shown = 0;
        for (size_t j = 0; j < nk; j++) {
            if (k[j].problem_id != p[i].id)
                continue;
            if (!shown++)
                html_lit(o, "<ul class=\"causes\">");
            html_printf(o, "<li><strong>%s:</strong> %s", analysis_cause_label(k[j].kind), k[j].text);
            if (writer) {
                html_printf(o, " <form method=\"post\" action=\"/analyses/%lld/causes/%lld/remove\" class=\"inline\">",
                            (long long)an->id, (long long)k[j].id);
                widget_csrf(req);
                html_printf(o, "<button type=\"submit\" class=\"link\" aria-label=\"Ta bort orsaken %s\">Ta bort</button>"
                               "</form>",
                            k[j].text);
            }
            html_lit(o, "</li>");
        }
        if (shown)
            html_lit(o, "</ul>");
        else
            html_lit(o, "<p class=\"empty\">Ingen orsak angiven.</p>");
        if (writer) {
            html_printf(o, "<form method=\"post\" action=\"/analyses/%lld/problems/%lld/causes\" class=\"form narrow\">",
                        (long long)an->id, (long long)p[i].id);
            widget_csrf(req);
            html_printf(o, "<div class=\"field\"><label for=\"k-%lld\">Slag av orsak</label><select id=\"k-%lld\" "
                           "name=\"kind\">",
                        (long long)p[i].id, (long long)p[i].id);
            for (const char *const *kk = analysis_cause_keys; *kk; kk++)
                html_printf(o, "<option value=\"%s\">%s</option>", *kk, analysis_cause_label(*kk));
            html_printf(o, "</select></div><div class=\"field\"><label for=\"kt-%lld\">Orsak</label><textarea "
                           "id=\"kt-%lld\" name=\"text\" rows=\"2\"></textarea></div><button type=\"submit\" "
                           "class=\"button small\">Lägg till orsaken</button></form>",
                        (long long)p[i].id, (long long)p[i].id);
            html_printf(o, "<p><a href=\"/analyses/%lld/problems/%lld\">Ändra eller ta bort problemet</a></p>",
                        (long long)an->id, (long long)p[i].id);
        }
        html_lit(o, "</article>\n");
    }
    if (!writer)
        return;
    html_printf(o, "<form method=\"post\" action=\"/analyses/%lld/problems\" class=\"card form\" novalidate>"
                   "<h3>Nytt problem</h3>",
                (long long)an->id);
    widget_csrf(req);
    bool adding = strstr(req->path, "/problems") != NULL && !req_has_param(req, "version");
    problem_fields(req, adding ? req_param(req, "title") : "", adding ? req_param(req, "result") : "",
                   adding ? req_param(req, "evidence") : "", adding ? req_param(req, "variable") : "");
    html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till problemet</button></form>\n");
}

static int analyses_problem_add_submit(request_t *req)
{
    int status = 0;
    analysis_t *an = analyses_of_form(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    int64_t id = analyses_add_problem(req->db, &req->viewer, an, req_param(req, "title"), req_param(req, "result"),
                                      req_param(req, "evidence"), req_param(req, "variable"), &req->arena, &err);
    if (!id)
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld#problem-%lld", (long long)an->id,
                                              (long long)id));
}

static analysis_problem_t *find_problem(request_t *req, const analysis_t *an)
{
    analysis_problem_t *p;
    size_t n = analyses_problems(req->db, an, &req->arena, &p);
    int64_t id = req_param_int(req, "problem", 0);
    for (size_t i = 0; i < n; i++)
        if (p[i].id == id)
            return &p[i];
    return NULL;
}

static int problem_view(request_t *req, int status, bool stale)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    analysis_problem_t *p = an ? find_problem(req, an) : NULL;
    if (!p)
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "Problem: %s", p->title));
    buf_t *o = &req->body;
    widget_error_summary(req);
    bool posted = req_has_param(req, "version");
    if (stale) {
        stale_field_t f[] = {{"Problem", p->title, req_param(req, "title")},
                             {"I resultaten", p->result, req_param(req, "result")},
                             {"Underlag", p->evidence, req_param(req, "evidence")}};
        widget_stale(req, p->saved_by, p->saved_at, f, 3);
    }
    html_printf(o, "<p><a href=\"/analyses/%lld#problem-%lld\">Tillbaka till analysen</a></p>", (long long)an->id,
                (long long)p->id);
    if (!analyses_may_write(req->db, &req->viewer, an)) {
        html_printf(o, "<p class=\"prose\">%s</p><p class=\"prose\">%s</p>", p->result, p->evidence);
        layout_end(req);
        return respond_html(req, status);
    }
    html_printf(o, "<form method=\"post\" action=\"/analyses/%lld/problems/%lld\" class=\"card form\" novalidate>",
                (long long)an->id, (long long)p->id);
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\">", p->version);
    problem_fields(req, posted ? req_param(req, "title") : p->title, posted ? req_param(req, "result") : p->result,
                   posted ? req_param(req, "evidence") : p->evidence, posted ? req_param(req, "variable") : p->variable);
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara problemet</button></form>\n");
    html_printf(o, "<form method=\"post\" action=\"/analyses/%lld/problems/%lld/remove\" class=\"inline\">",
                (long long)an->id, (long long)p->id);
    widget_csrf(req);
    html_lit(o, "<button type=\"submit\" class=\"button danger\">Ta bort problemet och dess orsaker</button></form>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int analyses_problem_page(request_t *req)
{
    return problem_view(req, 200, false);
}

static int analyses_problem_edit_submit(request_t *req)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    analysis_problem_t *p = an ? find_problem(req, an) : NULL;
    if (!p)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return problem_view(req, 400, false);
    char *err = NULL;
    switch (analyses_edit_problem(req->db, &req->viewer, an, p->id, (int)req_param_int(req, "version", 0),
                                  req_param(req, "title"), req_param(req, "result"), req_param(req, "evidence"),
                                  req_param(req, "variable"), &req->arena, &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld?klart=1#problem-%lld", (long long)an->id,
                                                  (long long)p->id));
    case WRITE_STALE:
        return problem_view(req, 409, true);
    default:
        return respond_error(req, 409, err);
    }
}

static int analyses_problem_remove_submit(request_t *req)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!an)
        return respond_error(req, 404, NOT_FOUND);
    char *err = NULL;
    if (!analyses_remove_problem(req->db, &req->viewer, an, req_param_int(req, "problem", 0), &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld?klart=1#problem", (long long)an->id));
}

static int analyses_cause_add_submit(request_t *req)
{
    int status = 0;
    analysis_t *an = analyses_of_form(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    int64_t problem = req_param_int(req, "problem", 0);
    if (!analyses_add_cause(req->db, &req->viewer, an, problem, req_param(req, "kind"), req_param(req, "text"),
                            &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld#problem-%lld", (long long)an->id,
                                              (long long)problem));
}

static int analyses_cause_remove_submit(request_t *req)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!an)
        return respond_error(req, 404, NOT_FOUND);
    char *err = NULL;
    if (!analyses_remove_cause(req->db, &req->viewer, an, req_param_int(req, "cause", 0), &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld?klart=1#problem", (long long)an->id));
}

#define PROBLEM_FIELDS                                                                      \
    {"title", P_TEXT, PARAM_REQUIRED, "Problem", 0, 300, NULL},                             \
    {"result", P_MULTILINE, 0, "Hur syns det i resultaten", 0, 10000, NULL},                \
    {"evidence", P_MULTILINE, 0, "Vilket underlag visar det", 0, 10000, NULL},              \
    {"variable", P_TEXT, 0, "Statistik som visar problemet", 0, 40, NULL}
#define PARAM_PROBLEM {"problem", P_INT, PARAM_PATH, "Problem", 1, 1000000000, NULL}
static const param_spec_t p_problem_add[] = {PARAM_ID, PROBLEM_FIELDS, PARAM_END};
static const param_spec_t p_problem[] = {PARAM_ID, PARAM_PROBLEM, PARAM_END};
static const param_spec_t p_problem_edit[] = {PARAM_ID, PARAM_PROBLEM, PARAM_VERSION, PROBLEM_FIELDS, PARAM_END};
static const param_spec_t p_cause_add[] = {PARAM_ID, PARAM_PROBLEM,
                                           {"kind", P_CHOICE, PARAM_REQUIRED, "Slag av orsak", 0, 0, analysis_cause_keys},
                                           {"text", P_MULTILINE, PARAM_REQUIRED, "Orsak", 0, 5000, NULL}, PARAM_END};
static const param_spec_t p_cause[] = {PARAM_ID, {"cause", P_INT, PARAM_PATH, "Orsak", 1, 1000000000, NULL},
                                       PARAM_END};

const route_t analyses_problem_routes[] = {
    {"POST", "/analyses/{id}/problems", analyses_problem_add_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_problem_add},
    {"GET", "/analyses/{id}/problems/{problem}", analyses_problem_page, CAP_ANALYSIS_READ, ROUTE_KEPT, p_problem},
    {"POST", "/analyses/{id}/problems/{problem}", analyses_problem_edit_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM,
     p_problem_edit},
    {"POST", "/analyses/{id}/problems/{problem}/remove", analyses_problem_remove_submit, CAP_ANALYSIS_WRITE,
     ROUTE_FORM, p_problem},
    {"POST", "/analyses/{id}/problems/{problem}/causes", analyses_cause_add_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM,
     p_cause_add},
    {"POST", "/analyses/{id}/causes/{cause}/remove", analyses_cause_remove_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM,
     p_cause},
    {NULL, NULL, NULL, 0, 0, NULL},
};
