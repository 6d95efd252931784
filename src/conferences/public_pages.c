/* public_pages.c — the page a personal link opens, without an account: the conference and
 * its programme, the registration form (name, role, needs), and once registered what was
 * sent with a way to cancel. An unknown link, or one of a conference already held, answers
 * 404 without saying which. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/auth.h"
#include "../http/layout.h"
#include <string.h>

#define LINK_GONE "Länken gäller inte. Den kan vara fel inskriven, eller så har konferensen redan hållits."

static invitation_t *target(request_t *req)
{
    char today[11];
    fmt_today(today, 0);
    return conferences_invitation(req->db, req_param(req, "token"), today, &req->arena);
}

static int view(request_t *req, invitation_t *inv, int status, const char *done)
{
    const char *saved = req->csrf;
    req->csrf = auth_form_token(req);
    layout_begin(req, arena_printf(&req->arena, "Anmälan: %s", inv->conf.title));
    buf_t *o = &req->body;
    if (done)
        widget_notice(req, "success", done);
    widget_error_summary(req);
    html_printf(o, "<dl class=\"facts\"><dt>Konferens</dt><dd>%s</dd><dt>Dag</dt><dd>%s</dd><dt>Plats</dt><dd>%s</dd>"
                   "<dt>Inbjuden</dt><dd>%s, %s</dd></dl><h2>Program</h2><p class=\"prose\">%s</p>",
                conference_kind_label(inv->conf.kind), inv->conf.held_on, *inv->conf.place ? inv->conf.place : "–",
                inv->email, inv->organiser, *inv->conf.programme ? inv->conf.programme : "–");
    const char *token = req_param(req, "token");
    registration_t *r = inv->reg;
    bool active = r && strcmp(r->status, "cancelled") != 0;
    if (active)
        html_printf(o, "<div class=\"card\"><h2>Din anmälan</h2><p><strong>%s</strong></p><p>%s, %s%s%s</p>",
                    conference_status_label(r->status), r->name, conference_role_label(r->role), *r->needs ? ". Behov: " : "",
                    r->needs);
    else
        html_lit(o, "<div class=\"card\"><h2>Anmäl dig</h2>");
    html_printf(o, "<form method=\"post\" action=\"/anmalan/%s\" class=\"form\" novalidate>", token);
    widget_csrf(req);
    bool posted = strcmp(req->method, "POST") == 0;
    widget_input(req, "name", "Namn", "text", posted ? req_param(req, "name") : r ? r->name : "", NULL, "name");
    html_lit(o, "<div class=\"field\"><label for=\"f-role\">Roll</label>");
    widget_field_error(req, "role");
    html_lit(o, "<select id=\"f-role\" name=\"role\"");
    widget_described_by(req, "role", false);
    html_lit(o, "><option value=\"\">Välj</option>");
    const char *role = posted ? req_param(req, "role") : r ? r->role : "";
    for (int k = 0; conference_role_keys[k]; k++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", conference_role_keys[k],
                    strcmp(role, conference_role_keys[k]) == 0 ? " selected" : "",
                    conference_role_label(conference_role_keys[k]));
    html_lit(o, "</select></div>");
    widget_input(req, "needs", "Kost eller tillgänglighet (valfritt)", "text",
                 posted ? req_param(req, "needs") : r ? r->needs : "",
                 "Till exempel vegetarisk kost eller hörslinga. Uppgifterna tas bort efter konferensen.", "off");
    html_printf(o, "<button type=\"submit\" class=\"button\">%s</button></form>", active ? "Ändra anmälan" : "Anmäl mig");
    if (active) {
        html_printf(o, "<form method=\"post\" action=\"/anmalan/%s/cancel\" class=\"inline\">", token);
        widget_csrf(req);
        html_lit(o, "<button type=\"submit\" class=\"button secondary\">Avanmäl mig</button></form>");
    }
    html_lit(o, "</div>");
    layout_end(req);
    req->csrf = saved;
    return respond_html(req, status);
}

static int page(request_t *req)
{
    invitation_t *inv = target(req);
    if (!inv)
        return respond_error(req, 404, LINK_GONE);
    return view(req, inv, 200, NULL);
}

static int submit(request_t *req)
{
    invitation_t *inv = target(req);
    if (!inv)
        return respond_error(req, 404, LINK_GONE);
    if (req->nerrors)
        return view(req, inv, 400, NULL);
    const char *field;
    char *err = NULL;
    if (!conferences_register(req->db, inv, req_param(req, "name"), req_param(req, "role"), req_param(req, "needs"),
                              &req->arena, &field, &err)) {
        req_add_error(req, field ? field : "name", err);
        return view(req, inv, 422, NULL);
    }
    inv = target(req);
    return view(req, inv, 200, strcmp(inv->reg->status, "waiting") == 0
                                   ? "Konferensen är full; du står på väntelistan och får en plats om någon avanmäler sig."
                                   : "Du är anmäld.");
}

static int cancel(request_t *req)
{
    invitation_t *inv = target(req);
    if (!inv)
        return respond_error(req, 404, LINK_GONE);
    char *err = NULL;
    if (!conferences_cancel(req->db, inv, &req->arena, &err))
        return respond_error(req, 409, err);
    return view(req, target(req), 200, "Du är avanmäld.");
}

#define P_TOKEN {"token", P_SECRET, PARAM_PATH, "Länk", 0, 0, NULL}
static const param_spec_t p_page[] = {P_TOKEN, PARAM_END};
static const param_spec_t p_submit[] = {P_TOKEN, {"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL},
                                        {"role", P_TEXT, PARAM_REQUIRED, "Roll", 0, 40, NULL},
                                        {"needs", P_TEXT, 0, "Kost eller tillgänglighet", 0, 500, NULL}, PARAM_END};

const route_t conferences_public_routes[] = {
    {"GET", "/anmalan/{token}", page, CAP_NONE, ROUTE_PUBLIC, p_page},
    {"POST", "/anmalan/{token}", submit, CAP_NONE, ROUTE_PUBLIC | ROUTE_FORM | ROUTE_NO_CSRF, p_submit},
    {"POST", "/anmalan/{token}/cancel", cancel, CAP_NONE, ROUTE_PUBLIC | ROUTE_FORM | ROUTE_NO_CSRF, p_page},
    {NULL, NULL, NULL, 0, 0, NULL},
};
