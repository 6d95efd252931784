/* templates.c — the administrator's page of the analysis templates: per level (förskola,
 * skola, huvudman) the headings in order with their guidance; a heading can be renamed,
 * moved, given new guidance, retired or added. An analysis copies its level's headings
 * when it is started, so a change applies to the analyses started after it. */
#include "parts.h"
#include "../http/layout.h"
#include <string.h>

static const char *kind_label(const char *kind)
{
    return strcmp(kind, "evidence") == 0 ? "Underlag (statistik och dokument visas)"
           : strcmp(kind, "views") == 0  ? "Barnens och elevernas röster"
                                         : "Fritext";
}

static const char *const heading_kinds[] = {"text", "views", "evidence", NULL};

static void kind_select(request_t *req, const char *id, const char *selected)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"%s\">Slag</label><select id=\"%s\" name=\"kind\">", id, id);
    for (const char *const *k = heading_kinds; *k; k++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", *k, strcmp(*k, selected) == 0 ? " selected" : "",
                    kind_label(*k));
    html_lit(o, "</select></div>");
}

static int templates_view(request_t *req, int status)
{
    analysis_heading_t *h;
    size_t n = analyses_headings(req->db, &req->arena, &h);
    layout_begin(req, "Mallar för nulägesanalys");
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    html_lit(o, "<p>Rubrikerna i varje mall. En ändring gäller analyser som påbörjas efter den; påbörjade analyser "
                "behåller sina rubriker.</p>");
    for (const char *const *level = analysis_level_keys; *level; level++) {
        html_printf(o, "<h2>%s</h2>", analysis_level_label(*level));
        for (size_t i = 0; i < n; i++) {
            if (strcmp(h[i].level, *level) != 0)
                continue;
            html_printf(o, "<form method=\"post\" action=\"/admin/analysis-templates/%lld\" class=\"card form\">",
                        (long long)h[i].id);
            widget_csrf(req);
            html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\">", h[i].version);
            html_printf(o, "<div class=\"field\"><label for=\"t%lld\">Rubrik</label><input id=\"t%lld\" name=\"title\" "
                           "value=\"%s\"></div>",
                        (long long)h[i].id, (long long)h[i].id, h[i].title);
            html_printf(o, "<div class=\"field\"><label for=\"g%lld\">Vägledning</label><textarea id=\"g%lld\" "
                           "name=\"guidance\" rows=\"2\">%s</textarea></div>",
                        (long long)h[i].id, (long long)h[i].id, h[i].guidance);
            kind_select(req, arena_printf(&req->arena, "k%lld", (long long)h[i].id), h[i].kind);
            html_printf(o, "<div class=\"field\"><label for=\"p%lld\">Ordning</label><input id=\"p%lld\" name=\"position\" "
                           "type=\"number\" value=\"%d\"></div><label class=\"check\"><input type=\"checkbox\" "
                           "name=\"active\" value=\"1\"%s> Används</label><button type=\"submit\" class=\"button\">"
                           "Spara rubriken</button></form>",
                        (long long)h[i].id, (long long)h[i].id, h[i].position, h[i].active ? " checked" : "");
        }
    }
    html_lit(o, "<h2>Ny rubrik</h2><form method=\"post\" action=\"/admin/analysis-templates\" class=\"card form\" "
                "novalidate>");
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-level\">Mall</label><select id=\"f-level\" name=\"level\">");
    for (const char *const *level = analysis_level_keys; *level; level++)
        html_printf(o, "<option value=\"%s\">%s</option>", *level, analysis_level_label(*level));
    html_lit(o, "</select></div>");
    widget_input(req, "title", "Rubrik", "text", req_param(req, "title"), NULL, "off");
    widget_input(req, "guidance", "Vägledning", "text", req_param(req, "guidance"), NULL, "off");
    kind_select(req, "f-kind", "text");
    widget_input(req, "position", "Ordning", "number", req_param(req, "position")[0] ? req_param(req, "position") : "99",
                 NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till rubriken</button></form>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int analyses_templates_page(request_t *req)
{
    return templates_view(req, 200);
}

static int analyses_template_add_submit(request_t *req)
{
    if (req->nerrors)
        return templates_view(req, 400);
    char *err = NULL;
    if (!analyses_add_heading(req->db, &req->viewer, req_param(req, "level"), (int)req_param_int(req, "position", 99),
                              req_param(req, "kind"), req_param(req, "title"), req_param(req, "guidance"), &req->arena,
                              &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, "/admin/analysis-templates?klart=1");
}

static int analyses_template_edit_submit(request_t *req)
{
    if (req->nerrors)
        return templates_view(req, 400);
    char *err = NULL;
    switch (analyses_edit_heading(req->db, &req->viewer, req_param_int(req, "id", 0),
                                  (int)req_param_int(req, "version", 0), req_param(req, "title"),
                                  req_param(req, "guidance"), req_param(req, "kind"),
                                  (int)req_param_int(req, "position", 1), req_param_int(req, "active", 0) == 1,
                                  &req->arena, &err)) {
    case WRITE_OK:
        break;
    case WRITE_STALE:
        return respond_error(req, 409, "Någon annan har ändrat rubriken medan du skrev; ladda om sidan och försök igen.");
    default:
        return respond_error(req, 404, err);
    }
    return respond_redirect(req, "/admin/analysis-templates?klart=1");
}

static const param_spec_t p_none[] = {PARAM_SAVED, PARAM_END};
#define HEADING_FIELDS                                                                   \
    {"title", P_TEXT, PARAM_REQUIRED, "Rubrik", 0, 200, NULL},                           \
    {"guidance", P_MULTILINE, 0, "Vägledning", 0, 2000, NULL},                           \
    {"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, heading_kinds},                     \
    {"position", P_INT, PARAM_REQUIRED, "Ordning", 1, 1000, NULL}
static const param_spec_t p_add[] = {{"level", P_CHOICE, PARAM_REQUIRED, "Mall", 0, 0, analysis_level_keys},
                                     HEADING_FIELDS, PARAM_END};
static const param_spec_t p_edit[] = {PARAM_ID, PARAM_VERSION, HEADING_FIELDS,
                                      {"active", P_INT, 0, "Används", 0, 1, NULL}, PARAM_END};

const route_t analyses_template_routes[] = {
    {"GET", "/admin/analysis-templates", analyses_templates_page, CAP_TEMPLATE_MANAGE, 0, p_none},
    {"POST", "/admin/analysis-templates", analyses_template_add_submit, CAP_TEMPLATE_MANAGE, ROUTE_FORM, p_add},
    {"POST", "/admin/analysis-templates/{id}", analyses_template_edit_submit, CAP_TEMPLATE_MANAGE, ROUTE_FORM,
     p_edit},
    {NULL, NULL, NULL, 0, 0, NULL},
};
