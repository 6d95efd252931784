/* admin_pages.c — the administrator's aspects and scale of the capacity mapping. */
#include "parts.h"
#include "../http/layout.h"
#include <string.h>

static int admin_view(request_t *req, int status, const char *err)
{
    layout_begin(req, "Förbättringskapacitet: aspekter och skala");
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (err)
        widget_notice(req, "error", err);
    widget_error_summary(req);
    html_lit(o, "<p>Ändringar gäller kartläggningar som inte är avslutade; ett svar behåller aspektens namn som det "
                "ställdes.</p><h2>Skalan</h2>");
    capacity_level_t *l;
    size_t nl = capacity_levels(req->db, &req->arena, &l);
    for (size_t i = 0; i < nl; i++) {
        html_printf(o, "<form method=\"post\" action=\"/admin/capacity/levels/%d\" class=\"inline form\">", l[i].value);
        widget_csrf(req);
        html_printf(o, "<label for=\"f-level-%d\">Nivå %d</label> <input id=\"f-level-%d\" name=\"label\" value=\"%s\"> "
                       "<button type=\"submit\" class=\"button secondary small\">Spara <span class=\"visually-hidden\">"
                       "nivå %d</span></button></form>", l[i].value, l[i].value, l[i].value, l[i].label, l[i].value);
    }
    html_lit(o, "<h2>Aspekterna</h2>");
    capacity_aspect_t *x;
    size_t n = capacity_aspects(req->db, &req->arena, &x);
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<form method=\"post\" action=\"/admin/capacity/aspects/%lld\" class=\"card form\">"
                       "<p class=\"muted\">%s</p>", (long long)x[i].id, x[i].grp);
        widget_csrf(req);
        html_printf(o, "<div class=\"field\"><label for=\"f-name-%lld\">Aspekt</label><input id=\"f-name-%lld\" name=\"name\""
                       " value=\"%s\"></div><div class=\"field\"><label for=\"f-guidance-%lld\">Vägledning</label>"
                       "<input id=\"f-guidance-%lld\" name=\"guidance\" value=\"%s\"></div><label class=\"check\">"
                       "<input type=\"checkbox\" name=\"active\" value=\"1\"%s> Används</label> <button type=\"submit\" "
                       "class=\"button secondary small\">Spara <span class=\"visually-hidden\">%s</span></button></form>",
                    (long long)x[i].id, (long long)x[i].id, x[i].name, (long long)x[i].id, (long long)x[i].id,
                    x[i].guidance, x[i].active ? " checked" : "", x[i].name);
    }
    html_lit(o, "<form method=\"post\" action=\"/admin/capacity/aspects\" class=\"card form narrow\" novalidate>"
                "<h2>Ny aspekt</h2>");
    widget_csrf(req);
    widget_input(req, "grp", "Område", "text", req_param(req, "grp"), "Till exempel Struktur eller Kultur.", "off");
    widget_input(req, "name", "Aspekt", "text", req_param(req, "name"), NULL, "off");
    widget_input(req, "guidance", "Vägledning", "text", req_param(req, "guidance"), NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till</button></form>");
    layout_end(req);
    return respond_html(req, status);
}

static int admin_page(request_t *req)
{
    return admin_view(req, 200, NULL);
}

static int done(request_t *req, bool ok, const char *err)
{
    return ok ? respond_redirect(req, "/admin/capacity?klart=1") : admin_view(req, 409, err);
}

static int aspect_add(request_t *req)
{
    if (req->nerrors)
        return admin_view(req, 400, NULL);
    char *err = NULL;
    return done(req, capacity_aspect_add(req->db, &req->viewer, req_param(req, "grp"), req_param(req, "name"),
                                         req_param(req, "guidance"), &req->arena, &err), err);
}

static int aspect_edit(request_t *req)
{
    if (req->nerrors)
        return admin_view(req, 400, NULL);
    char *err = NULL;
    return done(req, capacity_aspect_edit(req->db, &req->viewer, req_param_int(req, "aspect", 0), req_param(req, "name"),
                                          req_param(req, "guidance"), req_param_int(req, "active", 0) == 1, &req->arena,
                                          &err), err);
}

static int level_edit(request_t *req)
{
    if (req->nerrors)
        return admin_view(req, 400, NULL);
    char *err = NULL;
    return done(req, capacity_level_edit(req->db, &req->viewer, (int)req_param_int(req, "level", 0),
                                         req_param(req, "label"), &req->arena, &err), err);
}

static const param_spec_t p_none[] = {PARAM_SAVED, PARAM_END};
static const param_spec_t p_add[] = {{"grp", P_TEXT, PARAM_REQUIRED, "Område", 0, 100, NULL},
                                     {"name", P_TEXT, PARAM_REQUIRED, "Aspekt", 0, 200, NULL},
                                     {"guidance", P_TEXT, 0, "Vägledning", 0, 500, NULL}, PARAM_END};
static const param_spec_t p_edit[] = {{"aspect", P_INT, PARAM_PATH, "Aspekt", 1, 1000000000, NULL},
                                      {"name", P_TEXT, PARAM_REQUIRED, "Aspekt", 0, 200, NULL},
                                      {"guidance", P_TEXT, 0, "Vägledning", 0, 500, NULL},
                                      {"active", P_INT, 0, "Används", 0, 1, NULL}, PARAM_END};
static const param_spec_t p_level[] = {{"level", P_INT, PARAM_PATH, "Nivå", 1, 100, NULL},
                                       {"label", P_TEXT, PARAM_REQUIRED, "Benämning", 0, 100, NULL}, PARAM_END};

const route_t capacity_admin_routes[] = {
    {"GET", "/admin/capacity", admin_page, CAP_TEMPLATE_MANAGE, ROUTE_KEPT, p_none},
    {"POST", "/admin/capacity/aspects", aspect_add, CAP_TEMPLATE_MANAGE, ROUTE_FORM, p_add},
    {"POST", "/admin/capacity/aspects/{aspect}", aspect_edit, CAP_TEMPLATE_MANAGE, ROUTE_FORM, p_edit},
    {"POST", "/admin/capacity/levels/{level}", level_edit, CAP_TEMPLATE_MANAGE, ROUTE_FORM, p_level},
    {NULL, NULL, NULL, 0, 0, NULL},
};
