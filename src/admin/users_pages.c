/* users_pages.c — the administrator's list of users and the form that adds one. */
#include "parts.h"
#include <string.h>

static int users_form(request_t *req, int status, const char *notice)
{
    layout_begin(req, "Användare");
    buf_t *o = &req->body;
    if (notice)
        widget_notice(req, "success", notice);
    widget_error_summary(req);
    admin_user_row_t *u;
    size_t n = admin_users_list(req->db, &req->arena, &u);
    html_lit(o, TABLE_OPEN("Användare") "<thead><tr><th scope=\"col\">Namn</th>"
                "<th scope=\"col\">E-post</th><th scope=\"col\">Roll</th><th scope=\"col\">Knuten till</th>"
                "<th scope=\"col\">Status</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", u[i].name, u[i].email,
                    role_label(role_from_key(u[i].role)), u[i].tied_to ? u[i].tied_to : "",
                    u[i].active ? "Aktiv" : "Avstängd");
    html_lit(o, "</tbody></table></div>\n<h2>Lägg till användare</h2>\n"
                "<form method=\"post\" action=\"/admin/users\" class=\"card form\" novalidate>\n");
    widget_csrf(req);
    static const struct { const char *name, *label, *type, *hint; } f[] = {
        {"name", "Namn", "text", NULL},
        {"email", "E-postadress", "email", NULL},
        {"organiser", "Huvudmannens organisationsnummer", "text", "För rollen Huvudman."},
        {"unit", "Enhetskod", "text", "För rollerna Rektor och Analysgrupp."},
        {"university", "Lärosäte", "text", "För rollen Lärosäte, till exempel Karlstads universitet."},
        {"password", "Tillfälligt lösenord (minst 12 tecken)", "password", NULL},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        widget_input(req, f[i].name, f[i].label, f[i].type, req_param(req, f[i].name), f[i].hint,
                     strcmp(f[i].type, "password") == 0 ? "new-password" : NULL);
        if (i == 1) {
            html_lit(o, "<div class=\"field\"><label for=\"f-role\">Roll</label>");
            widget_field_error(req, "role");
            html_lit(o, "<select id=\"f-role\" name=\"role\"");
            widget_field_invalid(req, "role");
            html_lit(o, ">");
            for (int r = ROLE_ADMIN; r < ROLE_COUNT; r++)
                html_printf(o, "<option value=\"%s\"%s>%s</option>", role_key((role_t)r),
                            strcmp(role_key((role_t)r), req_param(req, "role")) == 0 ? " selected" : "",
                            role_label((role_t)r));
            html_lit(o, "</select></div>\n");
        }
    }
    html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till</button>\n</form>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int users_page(request_t *req)
{
    return users_form(req, 200, strcmp(req_param(req, "klart"), "1") == 0 ? "Användaren är tillagd." : NULL);
}

static int users_submit(request_t *req)
{
    if (!req->nerrors) {
        admin_new_user_t u = {req_param(req, "email"), req_param(req, "name"), req_param(req, "role"),
                              req_param(req, "organiser"), req_param(req, "unit"), req_param(req, "university"),
                              req_param(req, "password")};
        char *err;
        const char *field;
        if (admin_user_create(req->db, &req->viewer, &u, &req->arena, &err, &field))
            return respond_redirect(req, "/admin/users?klart=1");
        req_add_error(req, field, err);
    }
    return users_form(req, 400, NULL);
}

static const param_spec_t p_users[] = {PARAM_SAVED, PARAM_END};
static const param_spec_t p_user_add[] = {{"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL},
                                          {"email", P_EMAIL, PARAM_REQUIRED, "E-postadress", 0, 254, NULL},
                                          {"role", P_CHOICE, PARAM_REQUIRED, "Roll", 0, 0, role_keys},
                                          {"organiser", P_TEXT, 0, "Organisationsnummer", 0, 20, NULL},
                                          {"unit", P_TEXT, 0, "Enhetskod", 0, 8, NULL},
                                          {"university", P_TEXT, 0, "Lärosäte", 0, 200, NULL},
                                          {"password", P_SECRET, PARAM_REQUIRED, "Lösenord", 0, 0, NULL},
                                          PARAM_END};

const route_t admin_user_routes[] = {
    {"GET", "/admin/users", users_page, CAP_ADMIN, 0, p_users},
    {"POST", "/admin/users", users_submit, CAP_ADMIN, ROUTE_FORM, p_user_add},
    {NULL, NULL, NULL, 0, 0, NULL},
};
