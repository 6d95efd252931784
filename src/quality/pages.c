/* pages.c — the catalogue of the national quality system (and every case's indicators
 * under one of its items), the administrator's editing of it, and an organiser's annual
 * cycle as a twelve-month strip, through its case. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include <math.h>
#include <string.h>

static const char *const months[] = {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
                                     "september", "oktober", "november", "december"};

static int catalogue_page(request_t *req)
{
    layout_begin(req, "Nationellt kvalitetssystem");
    buf_t *o = &req->body;
    html_lit(o, "<p>Nationella målsättningar, delmål, indikatorer och framgångsfaktorer. Planernas indikatorer kan "
                "knytas till ett delmål eller en indikator här, så att alla ärendens indikatorer under samma delmål "
                "syns tillsammans.</p>");
    quality_item_t *x;
    size_t n = quality_catalogue(req->db, true, &req->arena, &x);
    if (!n)
        html_lit(o, "<p class=\"empty\">Katalogen är tom: administratören lägger in kvalitetssystemet.</p>");
    for (size_t i = 0; i < n; i++) {
        if (strcmp(x[i].kind, "goal") == 0) {
            html_printf(o, "<h2>%s</h2>", x[i].name);
            if (*x[i].description)
                html_printf(o, "<p>%s</p>", x[i].description);
        } else {
            html_printf(o, "<p class=\"%s\"><span class=\"muted\">%s:</span> <a href=\"/quality/%lld\">%s</a></p>",
                        strcmp(x[i].kind, "subgoal") == 0 ? "group" : "indent", quality_kind_label(x[i].kind),
                        (long long)x[i].id, x[i].name);
        }
    }
    layout_end(req);
    return respond_html(req, 200);
}

static int item_page(request_t *req)
{
    quality_item_t *x = quality_get(req->db, req_param_int(req, "item", 0), &req->arena);
    if (!x)
        return respond_error(req, 404, "Det finns inget sådant i katalogen.");
    layout_begin(req, arena_printf(&req->arena, "%s: %s", quality_kind_label(x->kind), x->name));
    buf_t *o = &req->body;
    html_lit(o, "<p><a href=\"/quality\">Hela katalogen</a></p>");
    if (*x->description)
        html_printf(o, "<p class=\"prose\">%s</p>", x->description);
    quality_follower_t *f;
    size_t n = quality_followers(req->db, &req->viewer, x->id, &req->arena, &f);
    html_printf(o, "<h2>Ärendenas indikatorer</h2><p>%zu indikatorer följer detta.</p>", n);
    if (n) {
        html_lit(o, TABLE_OPEN("Ärendenas indikatorer") "<thead><tr><th scope=\"col\">Huvudman</th><th scope=\"col\">"
                    "Indikator</th><th scope=\"col\">Senast</th><th scope=\"col\">Läge</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            indicator_status_t s = indicator_status_of_key(f[i].status);
            html_printf(o, "<tr%s><td><a href=\"/cases/%lld#indikatorer\">%s</a></td><th scope=\"row\"><a href=\""
                           "/indicators/%lld\">%s</a></th><td>%s%s%s%s</td><td>%s</td></tr>",
                        s == IND_OFF ? " class=\"flag\"" : "", (long long)f[i].case_id, f[i].organiser,
                        (long long)f[i].indicator_id, f[i].measure,
                        isnan(f[i].latest) ? "–" : fmt_number_in(&req->arena, f[i].latest), *f[i].latest_period ? " (" : "",
                        f[i].latest_period, *f[i].latest_period ? ")" : "", indicator_status_label(s));
        }
        html_lit(o, "</tbody>" TABLE_CLOSE);
    }
    layout_end(req);
    return respond_html(req, 200);
}

static int admin_view(request_t *req, int status, const char *err)
{
    layout_begin(req, "Kvalitetssystemets katalog");
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (err)
        widget_notice(req, "error", err);
    widget_error_summary(req);
    quality_item_t *x;
    size_t n = quality_catalogue(req->db, false, &req->arena, &x);
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<form method=\"post\" action=\"/admin/quality/%lld\" class=\"card form\"><p class=\"muted\">%s</p>",
                    (long long)x[i].id, quality_kind_label(x[i].kind));
        widget_csrf(req);
        html_printf(o, "<div class=\"field\"><label for=\"f-name-%lld\">Namn</label><input id=\"f-name-%lld\" name=\"name\""
                       " value=\"%s\"></div><div class=\"field\"><label for=\"f-description-%lld\">Beskrivning</label>"
                       "<textarea id=\"f-description-%lld\" name=\"description\" rows=\"2\">%s</textarea></div>"
                       "<label class=\"check\"><input type=\"checkbox\" name=\"active\" value=\"1\"%s> Används</label> "
                       "<button type=\"submit\" class=\"button secondary small\">Spara <span class=\"visually-hidden\">%s"
                       "</span></button></form>", (long long)x[i].id, (long long)x[i].id, x[i].name, (long long)x[i].id,
                    (long long)x[i].id, x[i].description, x[i].active ? " checked" : "", x[i].name);
    }
    html_lit(o, "<form method=\"post\" action=\"/admin/quality\" class=\"card form narrow\" novalidate><h2>Nytt i katalogen"
                "</h2>");
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-parent\">Under</label><select id=\"f-parent\" name=\"parent\">"
                "<option value=\"0\">Överst (en nationell målsättning)</option>");
    for (size_t i = 0; i < n; i++)
        if (strcmp(x[i].kind, "goal") == 0 || strcmp(x[i].kind, "subgoal") == 0)
            html_printf(o, "<option value=\"%lld\">%s: %s</option>", (long long)x[i].id, quality_kind_label(x[i].kind),
                        x[i].name);
    html_lit(o, "</select></div><div class=\"field\"><label for=\"f-kind\">Slag</label>");
    widget_field_error(req, "kind");
    html_lit(o, "<select id=\"f-kind\" name=\"kind\">");
    for (const char *const *k = quality_kinds; *k; k++)
        html_printf(o, "<option value=\"%s\">%s</option>", *k, quality_kind_label(*k));
    html_lit(o, "</select></div>");
    widget_input(req, "name", "Namn", "text", req_param(req, "name"), NULL, "off");
    html_lit(o, "<div class=\"field\"><label for=\"f-description\">Beskrivning</label><textarea id=\"f-description\" "
                "name=\"description\" rows=\"2\"></textarea></div><button type=\"submit\" class=\"button\">Lägg till</button>"
                "</form>");
    layout_end(req);
    return respond_html(req, status);
}

static int admin_page(request_t *req)
{
    return admin_view(req, 200, NULL);
}

static int admin_add(request_t *req)
{
    if (req->nerrors)
        return admin_view(req, 400, NULL);
    char *err = NULL;
    if (!quality_add(req->db, &req->viewer, req_param_int(req, "parent", 0), req_param(req, "kind"),
                     req_param(req, "name"), req_param(req, "description"), &req->arena, &err))
        return admin_view(req, 422, err);
    return respond_redirect(req, "/admin/quality?klart=1");
}

static int admin_edit(request_t *req)
{
    if (req->nerrors)
        return admin_view(req, 400, NULL);
    char *err = NULL;
    if (!quality_edit(req->db, &req->viewer, req_param_int(req, "item", 0), req_param(req, "name"),
                      req_param(req, "description"), req_param_int(req, "active", 0) == 1, &req->arena, &err))
        return admin_view(req, 409, err);
    return respond_redirect(req, "/admin/quality?klart=1");
}

static int wheel_view(request_t *req, int status, const char *err)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "Årshjul: %s", c->organiser));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (err)
        widget_notice(req, "error", err);
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld#datum\">Till ärendet</a>. Varje aktivitet återkommer samma dag varje år "
                   "och blir ett datum att hålla, med påminnelser, under samverkan.</p>", (long long)c->id);
    wheel_activity_t *w;
    size_t n = quality_wheel(req->db, c->organiser_id, &req->arena, &w);
    bool writer = quality_wheel_may_write(req->db, &req->viewer, c);
    html_lit(o, "<ol class=\"yearwheel\">");
    for (int m = 1; m <= 12; m++) {
        html_printf(o, "<li><h2>%s</h2>", months[m - 1]);
        size_t shown = 0;
        for (size_t i = 0; i < n; i++) {
            if (w[i].month != m)
                continue;
            if (!shown++)
                html_lit(o, "<ul>");
            html_printf(o, "<li><strong>%d %s:</strong> %s%s%s", w[i].day, months[m - 1], w[i].name,
                        *w[i].description ? " – " : "", w[i].description);
            if (writer) {
                html_printf(o, " <form method=\"post\" action=\"/cases/%lld/yearwheel/%lld/remove\" class=\"inline\">",
                            (long long)c->id, (long long)w[i].id);
                widget_csrf(req);
                html_printf(o, "<button type=\"submit\" class=\"link\">Ta bort <span class=\"visually-hidden\">%s</span>"
                               "</button></form>", w[i].name);
            }
            html_lit(o, "</li>");
        }
        if (shown)
            html_lit(o, "</ul>");
        html_lit(o, "</li>");
    }
    html_lit(o, "</ol>");
    if (writer) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/yearwheel\" class=\"card form narrow\" novalidate>"
                       "<h2>Ny aktivitet</h2>", (long long)c->id);
        widget_csrf(req);
        widget_input(req, "name", "Aktivitet", "text", req_param(req, "name"),
                     "Till exempel resultatanalys, enkät eller kvalitetsrapport.", "off");
        html_lit(o, "<div class=\"field\"><label for=\"f-month\">Månad</label><select id=\"f-month\" name=\"month\">");
        for (int m = 1; m <= 12; m++)
            html_printf(o, "<option value=\"%d\"%s>%s</option>", m, req_param_int(req, "month", 0) == m ? " selected" : "",
                        months[m - 1]);
        html_lit(o, "</select></div>");
        widget_input(req, "day", "Dag (1–28)", "number", req_param(req, "day"), NULL, "off");
        widget_input(req, "description", "Beskrivning", "text", req_param(req, "description"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till i årshjulet</button></form>");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int wheel_page(request_t *req)
{
    return wheel_view(req, 200, NULL);
}

static int wheel_add(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return wheel_view(req, 400, NULL);
    char *err = NULL;
    if (!quality_wheel_add(req->db, &req->viewer, c, (int)req_param_int(req, "month", 1), (int)req_param_int(req, "day", 1),
                           req_param(req, "name"), req_param(req, "description"), &req->arena, &err))
        return wheel_view(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld/yearwheel?klart=1", (long long)c->id));
}

static int wheel_remove(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    char *err = NULL;
    if (!quality_wheel_remove(req->db, &req->viewer, c, req_param_int(req, "activity", 0), &req->arena, &err))
        return wheel_view(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld/yearwheel?klart=1", (long long)c->id));
}

static const param_spec_t p_none[] = {PARAM_SAVED, PARAM_END};
static const param_spec_t p_item[] = {{"item", P_INT, PARAM_PATH, "Katalogen", 1, 1000000000, NULL}, PARAM_END};
static const param_spec_t p_add[] = {{"parent", P_INT, 0, "Under", 0, 1000000000, NULL},
                                     {"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, quality_kinds},
                                     {"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 300, NULL},
                                     {"description", P_MULTILINE, 0, "Beskrivning", 0, 5000, NULL}, PARAM_END};
static const param_spec_t p_edit[] = {{"item", P_INT, PARAM_PATH, "Katalogen", 1, 1000000000, NULL},
                                      {"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 300, NULL},
                                      {"description", P_MULTILINE, 0, "Beskrivning", 0, 5000, NULL},
                                      {"active", P_INT, 0, "Används", 0, 1, NULL}, PARAM_END};
static const param_spec_t p_case[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_wheel[] = {PARAM_ID, {"name", P_TEXT, PARAM_REQUIRED, "Aktivitet", 0, 200, NULL},
                                       {"month", P_INT, PARAM_REQUIRED, "Månad", 1, 12, NULL},
                                       {"day", P_INT, PARAM_REQUIRED, "Dag", 1, 28, NULL},
                                       {"description", P_TEXT, 0, "Beskrivning", 0, 500, NULL}, PARAM_END};
static const param_spec_t p_remove[] = {PARAM_ID, {"activity", P_INT, PARAM_PATH, "Aktivitet", 1, 1000000000, NULL},
                                        PARAM_END};

const route_t quality_routes[] = {
    {"GET", "/quality", catalogue_page, CAP_PLAN_READ, ROUTE_KEPT, p_none},
    {"GET", "/quality/{item}", item_page, CAP_PLAN_READ, ROUTE_KEPT, p_item},
    {"GET", "/admin/quality", admin_page, CAP_TEMPLATE_MANAGE, ROUTE_KEPT, p_none},
    {"POST", "/admin/quality", admin_add, CAP_TEMPLATE_MANAGE, ROUTE_FORM, p_add},
    {"POST", "/admin/quality/{item}", admin_edit, CAP_TEMPLATE_MANAGE, ROUTE_FORM, p_edit},
    {"GET", "/cases/{id}/yearwheel", wheel_page, CAP_PLAN_READ, ROUTE_KEPT, p_case},
    {"POST", "/cases/{id}/yearwheel", wheel_add, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_wheel},
    {"POST", "/cases/{id}/yearwheel/{activity}/remove", wheel_remove, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_remove},
    {NULL, NULL, NULL, 0, 0, NULL},
};
