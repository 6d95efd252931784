/* pages.c — the case list (with filters and export) and one case: where it stands, then
 * each case part's section in order (its own: the units, the phase move, the people, the
 * university team, the timeline; other areas': agreements, dates, meetings, …). */
#include "cases.h"
#include "parts.h"
#include "../access/access.h"
#include "../base/fmt.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include "../register/register.h"
#include <stdlib.h>
#include <string.h>

PLUGIN_SET(case_parts);

case_filter_t cases_filter_from(request_t *req)
{
    return (case_filter_t){req_param(req, "phase"), req_param(req, "round"), req_param(req, "county"), req_param(req, "q"),
                           req_param_int(req, "supporter", 0), strcmp(req_param(req, "overdue"), "1") == 0};
}

/* The list the filter gives, the overdue filter included. */
static size_t filtered(request_t *req, const case_filter_t *f, case_row_t **rows)
{
    size_t n = cases_list(req->db, &req->viewer, f, &req->arena, rows);
    if (!f->overdue)
        return n;
    char today[11];
    fmt_today(today, 0);
    return cases_keep_overdue(req->db, &req->viewer, *rows, n, today);
}

case_row_t *cases_from_request(request_t *req)
{
    return cases_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
}

static void select_field(request_t *req, const char *name, const char *label, const case_choice_t *c, size_t n)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">"
                   "<option value=\"\">Alla</option>",
                name, label, name, name);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", c[i].value,
                    strcmp(c[i].value, req_param(req, name)) == 0 ? " selected" : "", c[i].label);
    html_lit(o, "</select></div>\n");
}

static void filters(request_t *req)
{
    buf_t *o = &req->body;
    arena_t *a = &req->arena;
    html_lit(o, "<form method=\"get\" action=\"/cases\" class=\"search card\" role=\"search\">\n");
    widget_input(req, "q", "Huvudman", "search", req_param(req, "q"), NULL, "off");
    case_choice_t phases[PHASE_COUNT];
    for (int p = 0; p < PHASE_COUNT; p++)
        phases[p] = (case_choice_t){case_phase_key((case_phase_t)p), case_phase_label((case_phase_t)p)};
    select_field(req, "phase", "Fas", phases, PHASE_COUNT);
    case_choice_t *c;
    size_t n = cases_round_choices(req->db, &req->viewer, a, &c);
    select_field(req, "round", "Urvalsomgång", c, n);
    if (access_may(&req->viewer, CAP_CASE_FILTER_SUPPORTER)) {
        n = cases_supporter_choices(req->db, &req->viewer, a, &c);
        select_field(req, "supporter", "Processtödjare", c, n);
    }
    const char **codes, **names;
    n = register_list_counties(req->db, a, &codes, &names);
    c = arena_alloc(a, (n ? n : 1) * sizeof *c);
    for (size_t i = 0; i < n; i++)
        c[i] = (case_choice_t){codes[i], names[i]};
    select_field(req, "county", "Län", c, n);
    html_printf(o, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"%s>"
                   " Bara med något försenat</label></div>",
                strcmp(req_param(req, "overdue"), "1") == 0 ? " checked" : "");
    html_lit(o, "<div class=\"field actions\"><button type=\"submit\" class=\"button\">Visa</button></div></form>\n");
}

/* The agency's form for a collaboration at organiser level only (the pilot's shape). */
static void organiser_level_form(request_t *req)
{
    if (!access_may(&req->viewer, CAP_CASE_DECIDE))
        return;
    buf_t *o = &req->body;
    html_lit(o, "<details class=\"card\"><summary>Ny samverkan på huvudmannanivå (utan enheter)</summary>"
                "<form method=\"post\" action=\"/cases/organiser-level\" class=\"form narrow\" novalidate>");
    widget_csrf(req);
    widget_input(req, "orgnr", "Huvudmannens organisationsnummer", "text", req_param(req, "orgnr"), NULL, "off");
    widget_input(req, "date", "Beslutsdatum", "date", req_param(req, "date"), NULL, "off");
    widget_input(req, "months", "Period i månader", "number", *req_param(req, "months") ? req_param(req, "months") : "18",
                 "Kortare än de tre åren för en samverkan med enheter.", "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Starta samverkan</button></form></details>\n");
}

static int list_view(request_t *req, int status)
{
    case_filter_t f = cases_filter_from(req);
    case_row_t *rows;
    size_t n = filtered(req, &f, &rows);
    layout_begin(req, access_may(&req->viewer, CAP_CASE_ASSIGNED) ? "Mina ärenden" : "Ärenden");
    buf_t *o = &req->body;
    widget_error_summary(req);
    filters(req);
    organiser_level_form(req);
    html_printf(o, "<div class=\"result-bar\"><p>%lld %s</p><p class=\"exports\">Ladda ner: "
                   "<a href=\"/cases.csv?%s\">CSV</a> · <a href=\"/cases.xlsx?%s\">Excel</a></p></div>\n",
                (long long)n, n == 1 ? "ärende" : "ärenden", req->query ? req->query : "", req->query ? req->query : "");
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga ärenden matchar.</p>\n");
    } else {
        html_lit(o, TABLE_OPEN("Ärenden") "<thead><tr><th scope=\"col\">Huvudman</th><th scope=\"col\">Omgång</th>"
                    "<th scope=\"col\">Fas</th><th scope=\"col\" class=\"num\">Enheter</th>"
                    "<th scope=\"col\">Processtödjare</th><th scope=\"col\">Lärosäte</th><th scope=\"col\">Län</th>"
                    "<th scope=\"col\">Planerat slut</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < n; i++) {
            const case_row_t *c = &rows[i];
            html_printf(o, "<tr><td><a href=\"/cases/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">",
                        (long long)c->id, c->organiser, c->round_name, case_phase_label(c->phase));
            html_int(o, c->units);
            html_printf(o, "</td><td>%s</td><td>%s</td><td>%s</td><td class=\"nowrap\">%s</td></tr>\n", c->supporters,
                        c->university, c->county, c->planned_end);
        }
        html_lit(o, "</tbody></table></div>\n");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int cases_list_page(request_t *req)
{
    return list_view(req, 200);
}

static int cases_organiser_level_submit(request_t *req)
{
    if (req->nerrors)
        return list_view(req, 400);
    char *err = NULL;
    int64_t id = cases_start_organiser_level(req->db, &req->viewer, req_param(req, "orgnr"), req_param(req, "date"),
                                             (int)req_param_int(req, "months", 0), &req->arena, &err);
    if (!id) {
        req_add_error(req, "orgnr", err);
        return list_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1", (long long)id));
}

static int cases_export(request_t *req)
{
    case_filter_t f = cases_filter_from(req);
    case_row_t *rows;
    size_t n = filtered(req, &f, &rows);
    static const char *headers[] = {"Organisationsnummer", "Huvudman", "Omgång", "Beslutsdatum", "Fas", "Enheter",
                                    "Processtödjare", "Lärosäte", "Län", "Start", "Planerat slut"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_INT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Ärenden", 11, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        export_cell_t *c = export_add_row(&t);
        c[0].text = rows[i].orgnr;
        c[1].text = rows[i].organiser;
        c[2].text = rows[i].round_name;
        c[3].text = rows[i].decision_date;
        c[4].text = case_phase_label(rows[i].phase);
        export_number(&c[5], (double)rows[i].units);
        c[6].text = rows[i].supporters;
        c[7].text = rows[i].university;
        c[8].text = rows[i].county;
        c[9].text = rows[i].start_date;
        c[10].text = rows[i].planned_end;
    }
    return export_respond(req, &t, "arenden");
}

void cases_phase_steps(buf_t *o, case_phase_t current)
{
    html_lit(o, "<ol class=\"phases\" aria-label=\"Faser\">");
    for (int p = 0; p < PHASE_COUNT; p++) {
        if (p < (int)current)
            html_lit(o, "<li class=\"done\">");
        else if (p == (int)current)
            html_lit(o, "<li class=\"current\" aria-current=\"step\">");
        else
            html_lit(o, "<li>");
        html_text(o, case_phase_label((case_phase_t)p));
        html_lit(o, "</li>");
    }
    html_lit(o, "</ol>\n");
}

static int by_order(const void *x, const void *y)
{
    int a = (*(const case_part_t *const *)x)->order, b = (*(const case_part_t *const *)y)->order;
    return (a > b) - (a < b);
}

int cases_page_view(request_t *req, case_row_t *c, int status)
{
    layout_begin(req, c->organiser);
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    cases_phase_steps(o, c->phase);
    html_printf(o, "<dl class=\"facts\"><dt>Huvudman</dt><dd><a href=\"/organisers/%s\">%s</a></dd><dt>Omgång</dt>"
                   "<dd>%s</dd><dt>Fas</dt><dd>%s</dd><dt>Start</dt><dd>%s</dd><dt>Planerat slut</dt><dd>%s</dd>"
                   "<dt>Processtödjare</dt><dd>%s</dd></dl>\n",
                c->orgnr, c->organiser, c->round_name, case_phase_label(c->phase), c->start_date, c->planned_end,
                *c->supporters ? c->supporters : "Inga tilldelade än");
    /* Every part's section, in order. */
    size_t n = PLUGIN_COUNT(case_parts);
    const case_part_t **parts = arena_alloc(&req->arena, (n ? n : 1) * sizeof *parts);
    for (size_t i = 0; i < n; i++)
        parts[i] = PLUGIN_AT(case_parts, i);
    qsort(parts, n, sizeof *parts, by_order);
    for (size_t i = 0; i < n; i++)
        if (parts[i]->section)
            parts[i]->section(req, c);
    layout_end(req);
    return respond_html(req, status);
}

static int cases_case_page(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    return c ? cases_page_view(req, c, 200) : respond_error(req, 404, CASES_NOT_FOUND);
}

/* After a change: on success back to the case, on refusal the case with the message. */
static int after(request_t *req, case_row_t *c, bool ok, const char *field, const char *err, const char *anchor)
{
    if (ok)
        return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1#%s", (long long)c->id, anchor));
    req_add_error(req, field, err);
    return cases_page_view(req, c, 422);
}

static int cases_support_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return cases_page_view(req, c, 400);
    char *err = NULL;
    bool ok = cases_record_support(req->db, &req->viewer, c, req_param(req, "date"), req_param(req, "registry_number"),
                                   &req->arena, &err);
    return after(req, c, ok, "date", err, "stod");
}

static int cases_move_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return cases_page_view(req, c, 400);
    char *err = NULL;
    bool ok = cases_move(req->db, &req->viewer, c, req_param(req, "phase"), req_param(req, "note"), &req->arena, &err);
    return after(req, c, ok, "phase", err, "tidslinje");
}

static int cases_supporter_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return cases_page_view(req, c, 400);
    char *err = NULL;
    bool ok = cases_assign_supporter(req->db, &req->viewer, c, req_param_int(req, "user", 0), &req->arena, &err);
    return after(req, c, ok, "user", err, "personer");
}

static int cases_contact_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return cases_page_view(req, c, 400);
    char *err = NULL;
    bool ok = cases_add_contact(req->db, &req->viewer, c, req_param(req, "name"), req_param(req, "email"), &req->arena,
                                &err);
    return after(req, c, ok, "name", err, "personer");
}

static int cases_remove_person_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    char *err = NULL;
    bool ok = cases_remove_person(req->db, &req->viewer, c, req_param_int(req, "person", 0), &req->arena, &err);
    return after(req, c, ok, "user", err, "personer");
}


#define CASE_FILTER_PARAMS \
    {"q", P_SEARCH, 0, "Huvudman", 0, 100, NULL}, \
    {"phase", P_CHOICE, 0, "Fas", 0, 0, case_phase_keys}, \
    {"round", P_TEXT, 0, "Urvalsomgång", 0, 120, NULL}, \
    {"county", P_TEXT, 0, "Län", 0, 2, NULL}, \
    {"supporter", P_INT, 0, "Processtödjare", 1, 1000000000, NULL}, \
    {"overdue", P_CHOICE, 0, "Försenat", 0, 0, routes_flag_choices}

static const param_spec_t p_cases[] = {CASE_FILTER_PARAMS, PARAM_END};
static const param_spec_t p_case[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_move[] = {PARAM_ID, {"phase", P_CHOICE, PARAM_REQUIRED, "Ny fas", 0, 0, case_phase_keys},
                                      {"note", P_TEXT, 0, "Anteckning", 0, 500, NULL}, PARAM_END};
static const param_spec_t p_supporter[] = {PARAM_ID,
                                           {"user", P_INT, PARAM_REQUIRED, "Processtödjare", 1, 1000000000, NULL},
                                           PARAM_END};
static const param_spec_t p_contact[] = {PARAM_ID,
                                         {"name", P_TEXT, PARAM_REQUIRED, "Kontaktperson hos huvudmannen", 0, 200, NULL},
                                         {"email", P_EMAIL, 0, "E-postadress", 0, 254, NULL}, PARAM_END};
static const param_spec_t p_person[] = {PARAM_ID, {"person", P_INT, PARAM_PATH, "Person", 1, 1000000000, NULL},
                                        PARAM_END};

static const param_spec_t p_support[] = {PARAM_ID, {"date", P_DATE, PARAM_REQUIRED, "Beslutsdatum", 0, 0, NULL},
                                         {"registry_number", P_TEXT, PARAM_REQUIRED, "Diarienummer", 0, 40, NULL},
                                         PARAM_END};
static const param_spec_t p_organiser_level[] = {
    {"orgnr", P_ORGNR, PARAM_REQUIRED, "Huvudmannens organisationsnummer", 0, 0, NULL},
    {"date", P_DATE, PARAM_REQUIRED, "Beslutsdatum", 0, 0, NULL},
    {"months", P_INT, PARAM_REQUIRED, "Period i månader", 1, 36, NULL}, PARAM_END};

const route_t cases_page_routes[] = {
    {"POST", "/cases/organiser-level", cases_organiser_level_submit, CAP_CASE_DECIDE, ROUTE_FORM, p_organiser_level},
    {"POST", "/cases/{id}/support", cases_support_submit, CAP_CASE_DECIDE, ROUTE_FORM, p_support},
    {"GET", "/cases", cases_list_page, CAP_CASE_PAGE, ROUTE_KEPT, p_cases},
    {"GET", "/cases.csv", cases_export, CAP_CASE_PAGE, ROUTE_KEPT, p_cases},
    {"GET", "/cases.xlsx", cases_export, CAP_CASE_PAGE, ROUTE_KEPT, p_cases},
    {"GET", "/cases/{id}", cases_case_page, CAP_CASE_PAGE, ROUTE_KEPT, p_case},
    {"POST", "/cases/{id}/phase", cases_move_submit, CAP_CASE_MOVE, ROUTE_FORM, p_move},
    {"POST", "/cases/{id}/supporters", cases_supporter_submit, CAP_CASE_STAFF, ROUTE_FORM, p_supporter},
    {"POST", "/cases/{id}/contacts", cases_contact_submit, CAP_CASE_CONTACTS, ROUTE_FORM, p_contact},
    {"POST", "/cases/{id}/people/{person}/remove", cases_remove_person_submit, CAP_CASE_CONTACTS, ROUTE_FORM, p_person},
    {NULL, NULL, NULL, 0, 0, NULL},
};
