/* pages.c — the questionnaires the agency builds: the list and a new one; a
 * questionnaire's sections with their questions as the respondent will see them; new
 * questions into the bank and bank questions into a section; the bank with the years each
 * question was asked. */
#include "parts.h"
#include "../http/layout.h"
#include "../http/server.h"
#include <stdio.h>
#include <string.h>

static const char *state_label(const char *state)
{
    return strcmp(state, "draft") == 0 ? "Utkast" : strcmp(state, "open") == 0 ? "Öppen" : "Stängd";
}

/* Those who build see every survey and make new ones; the rest read the results of the
 * opened ones within reach. */
static int list_view(request_t *req, int status)
{
    survey_t *s;
    size_t n = surveys_list(req->db, &req->viewer, &req->arena, &s);
    bool build = access_may(&req->viewer, CAP_SURVEY_BUILD);
    layout_begin(req, "Enkäter");
    buf_t *o = &req->body;
    widget_error_summary(req);
    if (build)
        html_lit(o, "<p><a href=\"/surveys/bank\">Frågebanken</a></p>");
    if (!n)
        html_lit(o, "<p class=\"empty\">Inga enkäter.</p>");
    else
        html_lit(o, TABLE_OPEN("Enkäter") "<thead><tr><th scope=\"col\">År</th><th scope=\"col\">Enkät</th>"
                    "<th scope=\"col\">Läge</th><th scope=\"col\">Anonym</th><th scope=\"col\" class=\"num\">Frågor"
                    "</th><th scope=\"col\">Resultat</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        bool opened = strcmp(s[i].state, "draft") != 0;
        html_printf(o, "<tr><td>%d</td><td>", s[i].year);
        if (build)
            html_printf(o, "<a href=\"/surveys/%lld\">%s</a>", (long long)s[i].id, s[i].title);
        else
            html_printf(o, "%s", s[i].title);
        html_printf(o, "</td><td>%s</td><td>%s</td><td class=\"num\">%d</td><td>", state_label(s[i].state),
                    s[i].anonymous ? "Ja" : "Nej", s[i].items);
        if (opened)
            html_printf(o, "<a href=\"/surveys/%lld/results\">Resultatet</a>", (long long)s[i].id);
        html_lit(o, "</td></tr>");
    }
    if (n)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    if (!build) {
        layout_end(req);
        return respond_html(req, status);
    }
    html_lit(o, "<form method=\"post\" action=\"/surveys\" class=\"card form narrow\" novalidate><h2>Ny enkät</h2>");
    widget_csrf(req);
    widget_input(req, "title", "Rubrik", "text", req_param(req, "title"), NULL, "off");
    widget_input(req, "year", "År", "number", req_param(req, "year"), NULL, "off");
    html_lit(o, "<label class=\"check\"><input type=\"checkbox\" name=\"anonymous\" value=\"1\" checked> Anonym: svaren "
                "kopplas inte till inbjudan när de har skickats in</label>");
    html_printf(o, "<div class=\"field\"><label for=\"f-intro\">Inledning till den som svarar</label><textarea id=\"f-intro\" "
                   "name=\"intro\" rows=\"4\">%s</textarea></div><button type=\"submit\" class=\"button\">Skapa enkäten"
                   "</button></form>", req_param(req, "intro"));
    layout_end(req);
    return respond_html(req, status);
}

static int list_page(request_t *req)
{
    return list_view(req, 200);
}

static int create_submit(request_t *req)
{
    if (req->nerrors)
        return list_view(req, 400);
    const char *field;
    char *err = NULL;
    int64_t id = surveys_create(req->db, &req->viewer, req_param(req, "title"), (int)req_param_int(req, "year", 0),
                                req_param_int(req, "anonymous", 0) == 1, req_param(req, "intro"), &req->arena, &field,
                                &err);
    if (!id) {
        req_add_error(req, field ? field : "title", err);
        return list_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/surveys/%lld", (long long)id));
}

/* A question as the respondent will see it (the inputs shown, not sent). */
static void preview(request_t *req, const survey_item_t *it)
{
    buf_t *o = &req->body;
    const question_t *q = &it->q;
    html_printf(o, "<fieldset class=\"question\"><legend>%s%s</legend><p class=\"muted\">%s</p>", q->text,
                it->required ? "" : " (valfri)", survey_kind_label(q->kind));
    if (strcmp(q->kind, "likert") == 0) {
        html_lit(o, "<ul>");
        for (int k = 0; survey_likert[k]; k++)
            html_printf(o, "<li>%s</li>", survey_likert[k]);
        html_lit(o, "</ul>");
    } else if (strcmp(q->kind, "number") == 0) {
        html_printf(o, "<p>Ett tal från %d till %d.</p>", q->min, q->max);
    } else if (*q->options) {
        html_printf(o, "<p class=\"prose\">%s</p>", q->options);
    }
    html_lit(o, "</fieldset>");
}

static void bank_select(request_t *req, const question_t *b, size_t nb)
{
    buf_t *o = &req->body;
    html_lit(o, "<div class=\"field\"><label for=\"f-question\">Fråga ur banken</label>");
    widget_field_error(req, "question");
    html_lit(o, "<select id=\"f-question\" name=\"question\">");
    for (size_t i = 0; i < nb; i++)
        html_printf(o, "<option value=\"%lld\">%s (%s)%s%s</option>", (long long)b[i].id, b[i].text,
                    survey_kind_label(b[i].kind), *b[i].years ? ", ställd " : "", b[i].years);
    html_lit(o, "</select></div>");
}

/* An open survey: who is invited and has answered per group (small groups hidden), the
 * invitation of more people and a reminder to those who have not answered. */
static void answering(request_t *req, const survey_t *s)
{
    buf_t *o = &req->body;
    survey_group_rate_t *g;
    int invited, complete;
    bool total_shown;
    size_t n = surveys_rates(req->db, s, 0, &req->arena, &g, &invited, &complete, &total_shown);
    html_printf(o, "<h2>Svarsfrekvens</h2><p><a href=\"/surveys/%lld/results\">Resultatet</a></p>", (long long)s->id);
    surveys_rate_table(req, g, n, invited, complete, total_shown);
    html_printf(o, "<form method=\"post\" action=\"/surveys/%lld/invitations\" class=\"card form narrow\" novalidate>"
                   "<h2>Bjud in</h2>", (long long)s->id);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-people\">En person per rad: adress;grupp;organisationsnummer</label>"
                "<p class=\"hint\" id=\"h-people\">Grupperna: principal, teacher, lead_teacher, director, officer, politician, "
                "ceo. Organisationsnumret är valfritt.</p>");
    widget_field_error(req, "people");
    html_printf(o, "<textarea id=\"f-people\" name=\"people\" rows=\"6\" aria-describedby=\"h-people\">%s</textarea></div>"
                   "<button type=\"submit\" class=\"button\">Skicka inbjudningarna</button></form>", req_param(req, "people"));
    html_printf(o, "<form method=\"post\" action=\"/surveys/%lld/reminders\" class=\"inline\">", (long long)s->id);
    widget_csrf(req);
    html_lit(o, "<button type=\"submit\" class=\"button secondary\">Påminn dem som inte svarat</button></form>");
    html_printf(o, "<form method=\"post\" action=\"/surveys/%lld/close\" class=\"inline\">", (long long)s->id);
    widget_csrf(req);
    html_lit(o, "<button type=\"submit\" class=\"button secondary\">Stäng enkäten</button></form>");
}

static int survey_view(request_t *req, int status)
{
    survey_t *s = surveys_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!s)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    survey_section_t *x;
    size_t nx = surveys_sections(req->db, s, &req->arena, &x);
    survey_item_t *it;
    size_t ni = surveys_items(req->db, s, &req->arena, &it);
    question_t *b;
    size_t nb = surveys_bank(req->db, &req->viewer, &req->arena, &b);
    layout_begin(req, arena_printf(&req->arena, "%s %d", s->title, s->year));
    buf_t *o = &req->body;
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/surveys\">Alla enkäter</a> · <a href=\"/surveys/bank\">Frågebanken</a></p>"
                   "<dl class=\"facts\"><dt>År</dt><dd>%d</dd><dt>Anonym</dt><dd>%s</dd></dl><p class=\"prose\">%s</p>",
                s->year, s->anonymous ? "Ja: svaren kopplas inte till inbjudan när de har skickats in" : "Nej", s->intro);
    for (size_t i = 0; i < nx; i++) {
        html_printf(o, "<section class=\"card\"><h2>%zu. %s</h2>", i + 1, x[i].title);
        size_t shown = 0;
        for (size_t k = 0; k < ni; k++)
            if (it[k].section_id == x[i].id) {
                preview(req, &it[k]);
                shown++;
            }
        if (!shown)
            html_lit(o, "<p class=\"empty\">Inga frågor i avsnittet än.</p>");
        html_lit(o, "</section>");
    }
    bool draft = strcmp(s->state, "draft") == 0;
    if (draft && ni) {
        html_printf(o, "<form method=\"post\" action=\"/surveys/%lld/open\" class=\"inline\">", (long long)s->id);
        widget_csrf(req);
        html_lit(o, "<button type=\"submit\" class=\"button\">Öppna enkäten för svar</button></form>");
    }
    if (strcmp(s->state, "open") == 0)
        answering(req, s);
    if (strcmp(s->state, "closed") == 0)
        html_printf(o, "<p>Enkäten är stängd: länkarna gäller inte längre. <a href=\"/surveys/%lld/results\">Resultatet"
                       "</a></p>", (long long)s->id);
    if (draft) {
        html_printf(o, "<form method=\"post\" action=\"/surveys/%lld/sections\" class=\"card form narrow\" novalidate>"
                       "<h2>Nytt avsnitt</h2>", (long long)s->id);
        widget_csrf(req);
        widget_input(req, "section_title", "Rubrik", "text", req_param(req, "section_title"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till avsnittet</button></form>");
    }
    if (draft && nx) {
        html_printf(o, "<form method=\"post\" action=\"/surveys/%lld/items\" class=\"card form narrow\" novalidate>"
                       "<h2>Fråga ur banken</h2><p class=\"hint\">Samma fråga som tidigare år går att jämföra mellan åren."
                       "</p>", (long long)s->id);
        widget_csrf(req);
        html_lit(o, "<div class=\"field\"><label for=\"f-section\">Avsnitt</label><select id=\"f-section\" name=\"section\">");
        for (size_t i = 0; i < nx; i++)
            html_printf(o, "<option value=\"%lld\">%s</option>", (long long)x[i].id, x[i].title);
        html_lit(o, "</select></div>");
        bank_select(req, b, nb);
        html_lit(o, "<label class=\"check\"><input type=\"checkbox\" name=\"required\" value=\"1\" checked> Måste besvaras"
                    "</label><button type=\"submit\" class=\"button\">Lägg till frågan</button></form>");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int survey_page(request_t *req)
{
    return survey_view(req, 200);
}

static survey_t *target(request_t *req)
{
    return surveys_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
}

/* A form on the survey's page is written: back to the page, or the page again with the
 * error at its field. */
static int form_done(request_t *req, const survey_t *s, bool ok, const char *field, const char *err)
{
    if (ok)
        return respond_redirect(req, arena_printf(&req->arena, "/surveys/%lld", (long long)s->id));
    req_add_error(req, field, err);
    return survey_view(req, 422);
}

/* A button on the survey's page is pressed: on to next, or why it could not be done. */
static int action_done(request_t *req, const survey_t *s, bool ok, const char *err, const char *next)
{
    if (!ok)
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/surveys/%lld%s", (long long)s->id, next));
}

static int section_submit(request_t *req)
{
    survey_t *s = target(req);
    if (!s || req->nerrors)
        return s ? survey_view(req, 400) : respond_error(req, 404, SURVEY_NOT_FOUND);
    char *err = NULL;
    bool ok = surveys_add_section(req->db, &req->viewer, s, req_param(req, "section_title"), &req->arena, &err);
    return form_done(req, s, ok, "section_title", err);
}

static int item_submit(request_t *req)
{
    survey_t *s = target(req);
    if (!s || req->nerrors)
        return s ? survey_view(req, 400) : respond_error(req, 404, SURVEY_NOT_FOUND);
    const char *field = NULL;
    char *err = NULL;
    bool ok = surveys_add_item(req->db, &req->viewer, s, req_param_int(req, "section", 0),
                               req_param_int(req, "question", 0), req_param_int(req, "required", 0) == 1, &req->arena,
                               &field, &err);
    return form_done(req, s, ok, field ? field : "question", err);
}

static int invite_submit(request_t *req)
{
    survey_t *s = target(req);
    if (!s || req->nerrors)
        return s ? survey_view(req, 400) : respond_error(req, 404, SURVEY_NOT_FOUND);
    char *err = NULL;
    bool ok = surveys_invite(req->db, &req->viewer, s, req_param(req, "people"), server_public_url(req), &req->arena,
                             &err) >= 0;
    return form_done(req, s, ok, "people", err);
}

static int open_submit(request_t *req)
{
    survey_t *s = target(req);
    if (!s)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    char *err = NULL;
    return action_done(req, s, surveys_open(req->db, &req->viewer, s, &req->arena, &err), err, "");
}

static int close_submit(request_t *req)
{
    survey_t *s = target(req);
    if (!s)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    char *err = NULL;
    return action_done(req, s, surveys_close(req->db, &req->viewer, s, &req->arena, &err), err, "/results");
}

static int remind_submit(request_t *req)
{
    survey_t *s = target(req);
    if (!s)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    char *err = NULL;
    bool ok = surveys_remind(req->db, &req->viewer, s, server_public_url(req), &req->arena, &err) >= 0;
    return action_done(req, s, ok, err, "");
}

static int bank_view(request_t *req, int status)
{
    question_t *b;
    size_t n = surveys_bank(req->db, &req->viewer, &req->arena, &b);
    layout_begin(req, "Frågebanken");
    buf_t *o = &req->body;
    widget_error_summary(req);
    html_lit(o, "<p><a href=\"/surveys\">Alla enkäter</a></p>");
    if (!n)
        html_lit(o, "<p class=\"empty\">Banken är tom.</p>");
    else
        html_lit(o, TABLE_OPEN("Frågebanken") "<thead><tr><th scope=\"col\">Fråga</th><th scope=\"col\">Slag</th>"
                    "<th scope=\"col\">Ställd</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>", b[i].text, survey_kind_label(b[i].kind),
                    *b[i].years ? b[i].years : "–");
    if (n)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    html_lit(o, "<form method=\"post\" action=\"/surveys/bank\" class=\"card form narrow\" novalidate><h2>Ny fråga</h2>");
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-kind\">Slag</label><select id=\"f-kind\" name=\"kind\">");
    for (int k = 0; survey_kind_keys[k]; k++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", survey_kind_keys[k],
                    strcmp(req_param(req, "kind"), survey_kind_keys[k]) == 0 ? " selected" : "",
                    survey_kind_label(survey_kind_keys[k]));
    html_lit(o, "</select></div>");
    widget_input(req, "text", "Fråga", "text", req_param(req, "text"), NULL, "off");
    html_lit(o, "<div class=\"field\"><label for=\"f-options\">Svarsalternativ (för val), ett per rad</label>");
    widget_field_error(req, "options");
    html_printf(o, "<textarea id=\"f-options\" name=\"options\" rows=\"4\"");
    widget_described_by(req, "options", false);
    html_printf(o, ">%s</textarea></div>", req_param(req, "options"));
    widget_input(req, "min", "Lägsta tal (för tal)", "number", req_param(req, "min"), NULL, "off");
    widget_input(req, "max", "Högsta tal (för tal)", "number", req_param(req, "max"), NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Lägg frågan i banken</button></form>");
    layout_end(req);
    return respond_html(req, status);
}

static int bank_page(request_t *req)
{
    return bank_view(req, 200);
}

static int bank_submit(request_t *req)
{
    if (req->nerrors)
        return bank_view(req, 400);
    const char *field;
    char *err = NULL;
    if (!surveys_bank_add(req->db, &req->viewer, req_param(req, "kind"), req_param(req, "text"), req_param(req, "options"),
                          req_param(req, "min"), req_param(req, "max"), &req->arena, &field, &err)) {
        req_add_error(req, field ? field : "text", err);
        return bank_view(req, 422);
    }
    return respond_redirect(req, "/surveys/bank");
}

static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_create[] = {{"title", P_TEXT, PARAM_REQUIRED, "Rubrik", 0, 200, NULL},
                                        {"year", P_INT, PARAM_REQUIRED, "År", 2015, 2100, NULL},
                                        {"anonymous", P_INT, 0, "Anonym", 0, 1, NULL},
                                        {"intro", P_MULTILINE, 0, "Inledning", 0, 5000, NULL}, PARAM_END};
static const param_spec_t p_section[] = {PARAM_ID, {"section_title", P_TEXT, PARAM_REQUIRED, "Rubrik", 0, 200, NULL},
                                         PARAM_END};
static const param_spec_t p_item[] = {PARAM_ID, {"section", P_INT, PARAM_REQUIRED, "Avsnitt", 1, 1000000000, NULL},
                                      {"question", P_INT, PARAM_REQUIRED, "Fråga ur banken", 1, 1000000000, NULL},
                                      {"required", P_INT, 0, "Måste besvaras", 0, 1, NULL}, PARAM_END};
static const param_spec_t p_people[] = {PARAM_ID, {"people", P_MULTILINE, PARAM_REQUIRED, "Inbjudna", 0, 200000, NULL},
                                        PARAM_END};
static const param_spec_t p_bank[] = {{"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, survey_kind_keys},
                                      {"text", P_TEXT, PARAM_REQUIRED, "Fråga", 0, 500, NULL},
                                      {"options", P_MULTILINE, 0, "Svarsalternativ", 0, 5000, NULL},
                                      {"min", P_TEXT, 0, "Lägsta tal", 0, 12, NULL},
                                      {"max", P_TEXT, 0, "Högsta tal", 0, 12, NULL}, PARAM_END};

const route_t surveys_routes[] = {
    {"GET", "/surveys", list_page, CAP_SURVEY_RESULTS, ROUTE_KEPT, p_none},
    {"POST", "/surveys", create_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_create},
    {"GET", "/surveys/bank", bank_page, CAP_SURVEY_BUILD, ROUTE_KEPT, p_none},
    {"POST", "/surveys/bank", bank_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_bank},
    {"GET", "/surveys/{id}", survey_page, CAP_SURVEY_BUILD, ROUTE_KEPT, p_id},
    {"POST", "/surveys/{id}/sections", section_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_section},
    {"POST", "/surveys/{id}/items", item_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_item},
    {"POST", "/surveys/{id}/open", open_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_id},
    {"POST", "/surveys/{id}/close", close_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_id},
    {"POST", "/surveys/{id}/invitations", invite_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_people},
    {"POST", "/surveys/{id}/reminders", remind_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
