/* pages.c — the agency's conferences: the list and the form for a new one; a
 * conference's page with its programme, the invitation of a round's organisers (or of
 * chosen cases) in one step, the registrations with their needs and the waiting list,
 * attendance marked at the door, the counts by role and organiser; registrations as
 * CSV/XLSX; the evaluation survey sent to those who came. */
#include "parts.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include "../http/server.h"
#include "../surveys/surveys.h"
#include <stdlib.h>
#include <string.h>

static int list_view(request_t *req, int status)
{
    conference_t *c;
    size_t n = conferences_list(req->db, &req->viewer, &req->arena, &c);
    layout_begin(req, "Konferenser");
    buf_t *o = &req->body;
    widget_error_summary(req);
    if (!n)
        html_lit(o, "<p class=\"empty\">Inga konferenser.</p>");
    else
        html_lit(o, TABLE_OPEN("Konferenser") "<thead><tr><th scope=\"col\">Dag</th><th scope=\"col\">Konferens</th>"
                    "<th scope=\"col\">Slag</th><th scope=\"col\" class=\"num\">Inbjudna</th><th scope=\"col\" class=\"num\">"
                    "Anmälda</th><th scope=\"col\" class=\"num\">Väntelista</th><th scope=\"col\" class=\"num\">Deltog</th>"
                    "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td>%s</td><td><a href=\"/conferences/%lld\">%s</a></td><td>%s</td><td class=\"num\">%d</td>"
                       "<td class=\"num\">%d av %d</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>",
                    c[i].held_on, (long long)c[i].id, c[i].title, conference_kind_label(c[i].kind), c[i].invited,
                    c[i].registered, c[i].capacity, c[i].waiting, c[i].attended);
    if (n)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    if (access_may(&req->viewer, CAP_CONFERENCE_KEEP)) {
        html_lit(o, "<form method=\"post\" action=\"/conferences\" class=\"card form narrow\" novalidate>"
                    "<h2>Ny konferens</h2>");
        widget_csrf(req);
        html_lit(o, "<div class=\"field\"><label for=\"f-kind\">Slag</label><select id=\"f-kind\" name=\"kind\">");
        for (int k = 0; conference_kind_keys[k]; k++)
            html_printf(o, "<option value=\"%s\"%s>%s</option>", conference_kind_keys[k],
                        strcmp(req_param(req, "kind"), conference_kind_keys[k]) == 0 ? " selected" : "",
                        conference_kind_label(conference_kind_keys[k]));
        html_lit(o, "</select></div>");
        widget_input(req, "title", "Rubrik", "text", req_param(req, "title"), NULL, "off");
        widget_input(req, "held_on", "Dag", "date", req_param(req, "held_on"), NULL, "off");
        widget_input(req, "place", "Plats eller länk", "text", req_param(req, "place"), NULL, "off");
        widget_input(req, "capacity", "Antal platser", "number", req_param(req, "capacity"), NULL, "off");
        widget_input(req, "keep_days", "Dagar efter konferensen som anmälningarnas personuppgifter sparas", "number",
                     *req_param(req, "keep_days") ? req_param(req, "keep_days") : "90", NULL, "off");
        html_printf(o, "<div class=\"field\"><label for=\"f-programme\">Program</label><textarea id=\"f-programme\" "
                       "name=\"programme\" rows=\"6\">%s</textarea></div><button type=\"submit\" class=\"button\">"
                       "Skapa konferensen</button></form>", req_param(req, "programme"));
    }
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
    conference_input_t in = {req_param(req, "kind"), req_param(req, "title"), req_param(req, "held_on"),
                             req_param(req, "place"), req_param(req, "programme"),
                             (int)req_param_int(req, "capacity", 0), (int)req_param_int(req, "keep_days", 90)};
    const char *field;
    char *err = NULL;
    int64_t id = conferences_create(req->db, &req->viewer, &in, &req->arena, &field, &err);
    if (!id) {
        req_add_error(req, field ? field : "title", err);
        return list_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/conferences/%lld", (long long)id));
}

static void counts(request_t *req, const char *heading, const conference_count_t *x, size_t n)
{
    buf_t *o = &req->body;
    html_printf(o, "<h2>%s</h2>", heading);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga anmälningar än.</p>");
        return;
    }
    html_printf(o, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table class=\"data\">"
                   "<thead><tr><th scope=\"col\"></th><th scope=\"col\" class=\"num\">Anmälda</th>"
                   "<th scope=\"col\" class=\"num\">Deltog</th></tr></thead><tbody>", heading);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>", x[i].label,
                    x[i].registered, x[i].attended);
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

/* The evaluation survey: where it was sent, and sending an open survey to those who came. */
static void evaluation(request_t *req, const conference_t *c)
{
    buf_t *o = &req->body;
    html_lit(o, "<h2>Utvärdering</h2>");
    survey_t *sent = c->evaluation_survey_id ? surveys_get(req->db, &req->viewer, c->evaluation_survey_id, &req->arena)
                                             : NULL;
    if (sent)
        html_printf(o, "<p>Utvärderingen <a href=\"/surveys/%lld/results\">%s %d</a> är skickad till %d som deltog.</p>",
                    (long long)sent->id, sent->title, sent->year, c->evaluation_sent);
    else
        html_lit(o, "<p class=\"empty\">Ingen utvärdering skickad än.</p>");
    if (!access_may(&req->viewer, CAP_SURVEY_BUILD) || !c->attended)
        return;
    survey_t *s;
    size_t n = surveys_list(req->db, &req->viewer, &req->arena, &s), open = 0;
    for (size_t i = 0; i < n; i++)
        open += strcmp(s[i].state, "open") == 0;
    if (!open) {
        html_lit(o, "<p class=\"hint\">Öppna en enkät för utvärderingen under Enkäter, så kan den skickas härifrån.</p>");
        return;
    }
    html_printf(o, "<form method=\"post\" action=\"/conferences/%lld/evaluation\" class=\"card form narrow\" novalidate>"
                   "<p class=\"hint\">Var och en som deltog och lämnade en e-postadress får en personlig länk; rollen blir "
                   "svarsgruppen.</p>", (long long)c->id);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-survey\">Enkät</label>");
    widget_field_error(req, "survey");
    html_lit(o, "<select id=\"f-survey\" name=\"survey\"");
    widget_described_by(req, "survey", false);
    html_lit(o, ">");
    for (size_t i = 0; i < n; i++)
        if (strcmp(s[i].state, "open") == 0)
            html_printf(o, "<option value=\"%lld\"%s>%s %d</option>", (long long)s[i].id,
                        s[i].id == c->evaluation_survey_id ? " selected" : "", s[i].title, s[i].year);
    html_lit(o, "</select></div><button type=\"submit\" class=\"button\">Skicka utvärderingen till dem som deltog"
                "</button></form>");
}

static int conference_view(request_t *req, int status, const char *notice, const char *done)
{
    conference_t *c = conferences_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, CONFERENCE_NOT_FOUND);
    registration_t *r;
    size_t nr = conferences_registrations(req->db, c, &req->arena, &r);
    bool keep = access_may(&req->viewer, CAP_CONFERENCE_KEEP);
    layout_begin(req, arena_printf(&req->arena, "%s %s", c->title, c->held_on));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (done)
        widget_notice(req, "success", done);
    if (notice)
        widget_notice(req, "error", notice);
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/conferences\">Alla konferenser</a> · <a href=\"/conferences/%lld/registrations.xlsx\">"
                   "Anmälningarna (XLSX)</a></p><dl class=\"facts\"><dt>Slag</dt><dd>%s</dd><dt>Dag</dt><dd>%s</dd>"
                   "<dt>Plats</dt><dd>%s</dd><dt>Platser</dt><dd>%d anmälda av %d, %d på väntelistan</dd><dt>Inbjudna</dt>"
                   "<dd>%d</dd><dt>Personuppgifter sparas</dt><dd>till %d dagar efter konferensen</dd></dl>",
                (long long)c->id, conference_kind_label(c->kind), c->held_on, *c->place ? c->place : "–", c->registered,
                c->capacity, c->waiting, c->invited, c->keep_days);
    html_printf(o, "<h2>Program</h2><p class=\"prose\">%s</p>", *c->programme ? c->programme : "–");
    if (keep) {
        html_printf(o, "<form method=\"post\" action=\"/conferences/%lld/invitations\" class=\"card form narrow\" "
                       "novalidate><h2>Bjud in</h2><p class=\"hint\">Huvudmännen i en urvalsomgång, eller ärendenas "
                       "nummer med kommatecken. Var och en får en personlig länk; den som redan är inbjuden får ingen ny."
                       "</p>", (long long)c->id);
        widget_csrf(req);
        widget_input(req, "round", "Urvalsomgångens nummer", "number", req_param(req, "round"), NULL, "off");
        widget_input(req, "cases", "Ärendenas nummer", "text", req_param(req, "cases"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Skicka inbjudningarna</button></form>");
    }
    conference_count_t *x;
    size_t nx = conferences_by_role(req->db, c, &req->arena, &x);
    counts(req, "Per roll", x, nx);
    nx = conferences_by_organiser(req->db, c, &req->arena, &x);
    counts(req, "Per huvudman", x, nx);
    html_lit(o, "<h2>Anmälningar och närvaro</h2>");
    if (!nr)
        html_lit(o, "<p class=\"empty\">Inga anmälningar än.</p>");
    if (nr && keep) {
        html_printf(o, "<form method=\"post\" action=\"/conferences/%lld/attendance\" class=\"form\">", (long long)c->id);
        widget_csrf(req);
    }
    if (nr)
        html_lit(o, TABLE_OPEN("Anmälningar") "<thead><tr><th scope=\"col\">Namn</th><th scope=\"col\">Huvudman</th>"
                    "<th scope=\"col\">Roll</th><th scope=\"col\">Behov</th><th scope=\"col\">Läge</th>"
                    "<th scope=\"col\">Deltog</th></tr></thead><tbody>");
    for (size_t i = 0; i < nr; i++) {
        html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
                    r[i].anonymised ? "(borttaget)" : r[i].name, r[i].organiser, conference_role_label(r[i].role),
                    r[i].needs, conference_status_label(r[i].status));
        if (keep && strcmp(r[i].status, "registered") == 0)
            html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"attended\" value=\"%lld\"%s> "
                           "<span class=\"visually-hidden\">%s deltog</span></label>",
                        (long long)r[i].id, r[i].attended ? " checked" : "", r[i].anonymised ? "" : r[i].name);
        else if (r[i].attended)
            html_lit(o, "Ja");
        else
            html_lit(o, "–");
        html_lit(o, "</td></tr>");
    }
    if (nr)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    if (nr && keep)
        html_lit(o, "<button type=\"submit\" class=\"button\">Spara närvaron</button></form>");
    evaluation(req, c);
    layout_end(req);
    return respond_html(req, status);
}

static int conference_page(request_t *req)
{
    return conference_view(req, 200, NULL, NULL);
}

/* "3, 7,12" into ids (at most max); false at anything else. */
static bool id_list(const char *s, int64_t *out, size_t max, size_t *n)
{
    *n = 0;
    while (*s) {
        while (*s == ' ' || *s == ',')
            s++;
        if (!*s)
            break;
        char *end;
        long long v = strtoll(s, &end, 10);
        if (end == s || v <= 0 || *n >= max)
            return false;
        out[(*n)++] = v;
        s = end;
    }
    return true;
}

static int invite_submit(request_t *req)
{
    conference_t *c = conferences_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, CONFERENCE_NOT_FOUND);
    if (req->nerrors)
        return conference_view(req, 400, NULL, NULL);
    int64_t cases[200];
    size_t ncases;
    if (!id_list(req_param(req, "cases"), cases, 200, &ncases)) {
        req_add_error(req, "cases", "Skriv ärendenas nummer åtskilda med kommatecken.");
        return conference_view(req, 400, NULL, NULL);
    }
    int64_t round = req_param_int(req, "round", 0);
    if (!round && !ncases) {
        req_add_error(req, "round", "Ange en urvalsomgång eller ärenden.");
        return conference_view(req, 400, NULL, NULL);
    }
    char *err = NULL;
    int added = conferences_invite(req->db, &req->viewer, c, round, cases, ncases, server_public_url(req), &req->arena,
                                   &err);
    if (added < 0)
        return conference_view(req, 422, err, NULL);
    return conference_view(req, 200, NULL, arena_printf(&req->arena, "%d nya inbjudningar skickade.", added));
}

static int attendance_submit(request_t *req)
{
    conference_t *c = conferences_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, CONFERENCE_NOT_FOUND);
    if (req->nerrors)
        return conference_view(req, 400, NULL, NULL);
    int64_t ids[2000];
    size_t n;
    if (!id_list(req_param(req, "attended"), ids, 2000, &n))
        n = 0;
    char *err = NULL;
    if (!conferences_mark(req->db, &req->viewer, c, ids, n, &req->arena, &err))
        return conference_view(req, 409, err, NULL);
    return respond_redirect(req, arena_printf(&req->arena, "/conferences/%lld?klart=1", (long long)c->id));
}

static int evaluation_submit(request_t *req)
{
    conference_t *c = conferences_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, CONFERENCE_NOT_FOUND);
    if (req->nerrors)
        return conference_view(req, 400, NULL, NULL);
    survey_t *s = surveys_get(req->db, &req->viewer, req_param_int(req, "survey", 0), &req->arena);
    char *err = NULL;
    int sent = s ? conferences_evaluate(req->db, &req->viewer, c, s, server_public_url(req), &req->arena, &err) : -1;
    if (sent < 0) {
        req_add_error(req, "survey", s ? err : "Enkäten finns inte.");
        return conference_view(req, 422, NULL, NULL);
    }
    return conference_view(req, 200, NULL,
                           arena_printf(&req->arena, "Utvärderingen skickades till %d som deltog.", sent));
}

static int registrations_export(request_t *req)
{
    conference_t *c = conferences_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, CONFERENCE_NOT_FOUND);
    registration_t *r;
    size_t n = conferences_registrations(req->db, c, &req->arena, &r);
    static const char *headers[] = {"Namn", "E-post", "Huvudman", "Roll", "Behov", "Läge", "Deltog"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Anmälningar", 7, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        export_cell_t *x = export_add_row(&t);
        x[0].text = r[i].name;
        x[1].text = r[i].email;
        x[2].text = r[i].organiser;
        x[3].text = conference_role_label(r[i].role);
        x[4].text = r[i].needs;
        x[5].text = conference_status_label(r[i].status);
        x[6].text = r[i].attended ? "Ja" : "Nej";
    }
    return export_respond(req, &t, arena_printf(&req->arena, "anmalningar-%s", c->held_on));
}

static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_page[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_create[] = {{"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, conference_kind_keys},
                                        {"title", P_TEXT, PARAM_REQUIRED, "Rubrik", 0, 200, NULL},
                                        {"held_on", P_DATE, PARAM_REQUIRED, "Dag", 0, 0, NULL},
                                        {"place", P_TEXT, 0, "Plats eller länk", 0, 300, NULL},
                                        {"capacity", P_INT, PARAM_REQUIRED, "Antal platser", 1, 100000, NULL},
                                        {"keep_days", P_INT, 0, "Dagar personuppgifterna sparas", 0, 3650, NULL},
                                        {"programme", P_MULTILINE, 0, "Program", 0, 20000, NULL}, PARAM_END};
static const param_spec_t p_invite[] = {PARAM_ID, {"round", P_INT, 0, "Urvalsomgångens nummer", 0, 1000000000, NULL},
                                        {"cases", P_TEXT, 0, "Ärendenas nummer", 0, 4000, NULL}, PARAM_END};
static const param_spec_t p_evaluation[] = {PARAM_ID, {"survey", P_INT, PARAM_REQUIRED, "Enkät", 1, 1000000000, NULL},
                                            PARAM_END};
static const param_spec_t p_attendance[] = {PARAM_ID, {"attended", P_INT, PARAM_MULTI, "Deltog", 1, 1000000000, NULL},
                                            PARAM_END};

const route_t conferences_routes[] = {
    {"GET", "/conferences", list_page, CAP_CONFERENCE_READ, ROUTE_KEPT, p_none},
    {"POST", "/conferences", create_submit, CAP_CONFERENCE_KEEP, ROUTE_FORM, p_create},
    {"GET", "/conferences/{id}", conference_page, CAP_CONFERENCE_READ, ROUTE_KEPT, p_page},
    {"POST", "/conferences/{id}/invitations", invite_submit, CAP_CONFERENCE_KEEP, ROUTE_FORM, p_invite},
    {"POST", "/conferences/{id}/attendance", attendance_submit, CAP_CONFERENCE_KEEP, ROUTE_FORM, p_attendance},
    {"POST", "/conferences/{id}/evaluation", evaluation_submit, CAP_SURVEY_BUILD, ROUTE_FORM, p_evaluation},
    {"GET", "/conferences/{id}/registrations.csv", registrations_export, CAP_CONFERENCE_READ, ROUTE_KEPT, p_id},
    {"GET", "/conferences/{id}/registrations.xlsx", registrations_export, CAP_CONFERENCE_READ, ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
