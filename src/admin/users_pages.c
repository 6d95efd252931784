/* users_pages.c — the administrator's users: the list (with status and last login), the
 * form that adds one with a temporary password, and one user's page where name, role and
 * ties are changed (with the version the form was based on) and the account is
 * deactivated or reactivated. */
#include "parts.h"
#include "../accounts/accounts.h"
#include <string.h>

/* The role select and the fields for ties, filled from the request or from u. */
static void user_fields(request_t *req, const account_t *u, bool with_email)
{
    buf_t *o = &req->body;
    bool posted = req_has_param(req, "name");
#define VALUE(field, saved) (posted ? req_param(req, field) : (u && (saved) ? (saved) : ""))
    widget_input(req, "name", "Namn", "text", VALUE("name", u ? u->name : NULL), NULL, "off");
    if (with_email)
        widget_input(req, "email", "E-postadress", "email", req_param(req, "email"), NULL, "off");
    const char *role = VALUE("role", u ? u->role : NULL);
    html_lit(o, "<div class=\"field\"><label for=\"f-role\">Roll</label>");
    widget_field_error(req, "role");
    html_lit(o, "<select id=\"f-role\" name=\"role\"");
    widget_field_invalid(req, "role");
    html_lit(o, ">");
    for (int r = ROLE_ADMIN; r < ROLE_COUNT; r++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", role_key((role_t)r),
                    strcmp(role_key((role_t)r), role) == 0 ? " selected" : "", role_label((role_t)r));
    html_lit(o, "</select></div>\n");
    widget_input(req, "organiser", "Huvudmannens organisationsnummer", "text", VALUE("organiser", u ? u->orgnr : NULL),
                 "För rollen Huvudman.", "off");
    widget_input(req, "unit", "Enhetskod", "text", VALUE("unit", u ? u->unit_code : NULL),
                 "För rollerna Rektor och Analysgrupp.", "off");
    widget_input(req, "university", "Lärosäte", "text", VALUE("university", u ? u->university : NULL),
                 "För rollen Lärosäte, till exempel Karlstads universitet.", "off");
#undef VALUE
}

static int users_form(request_t *req, int status, const char *notice)
{
    layout_begin(req, "Användare");
    buf_t *o = &req->body;
    if (notice)
        widget_notice(req, "success", notice);
    widget_error_summary(req);
    account_t *u;
    size_t n = accounts_list(req->db, &req->arena, &u);
    html_lit(o, TABLE_OPEN("Användare") "<thead><tr><th scope=\"col\">Namn</th>"
                "<th scope=\"col\">E-post</th><th scope=\"col\">Roll</th><th scope=\"col\">Knuten till</th>"
                "<th scope=\"col\">Status</th><th scope=\"col\">Senast inloggad</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const char *tied = u[i].unit ? u[i].unit : u[i].organiser ? u[i].organiser : u[i].university;
        html_printf(o, "<tr><td><a href=\"/admin/users/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                       "<td>%s</td></tr>\n",
                    (long long)u[i].id, u[i].name, u[i].email, role_label(role_from_key(u[i].role)), tied ? tied : "",
                    !u[i].active ? "Avstängd" : u[i].must_change_password ? "Aktiv (tillfälligt lösenord)" : "Aktiv",
                    accounts_when(&req->arena, u[i].last_login_at));
    }
    html_lit(o, "</tbody>" TABLE_CLOSE "\n<h2>Lägg till användare</h2>\n<p>Den nya användaren loggar in med det "
                "tillfälliga lösenordet och väljer då ett eget.</p>\n"
                "<form method=\"post\" action=\"/admin/users\" class=\"card form\" novalidate>\n");
    widget_csrf(req);
    user_fields(req, NULL, true);
    widget_input(req, "password", "Tillfälligt lösenord (minst 12 tecken)", "password", NULL, NULL, "new-password");
    html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till</button>\n</form>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int users_page(request_t *req)
{
    return users_form(req, 200, strcmp(req_param(req, "klart"), "1") == 0 ? "Användaren är tillagd." : NULL);
}

static account_edit_t edit_from(request_t *req)
{
    return (account_edit_t){req_param(req, "email"), req_param(req, "name"), req_param(req, "role"),
                            req_param(req, "organiser"), req_param(req, "unit"), req_param(req, "university"),
                            req_param(req, "password")};
}

static int users_submit(request_t *req)
{
    if (!req->nerrors) {
        account_edit_t e = edit_from(req);
        char *err;
        const char *field;
        if (accounts_create(req->db, &req->viewer, &e, true, &req->arena, &err, &field))
            return respond_redirect(req, "/admin/users?klart=1");
        req_add_error(req, field, err);
    }
    return users_form(req, 400, NULL);
}

/* One user: the facts, the change form, activation and the user's API tokens. */
static int user_view(request_t *req, int status, bool stale)
{
    account_t *u = accounts_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!u)
        return respond_error(req, 404, "Användaren finns inte.");
    layout_begin(req, u->name);
    buf_t *o = &req->body;
    const char *done = req_param(req, "klart");
    if (*done)
        widget_notice(req, "success", strcmp(done, "1") == 0   ? "Ändringen är sparad."
                                      : strcmp(done, "2") == 0 ? "Kontot är avstängt; användarens sessioner och "
                                                                 "API-nycklar slutade gälla direkt."
                                                               : "Kontot är aktivt igen.");
    if (stale) {
        stale_field_t f[] = {{"Namn", u->name, req_param(req, "name")},
                             {"Roll", role_label(role_from_key(u->role)), role_label(role_from_key(req_param(req, "role")))},
                             {"Organisationsnummer", u->orgnr, req_param(req, "organiser")},
                             {"Enhetskod", u->unit_code, req_param(req, "unit")},
                             {"Lärosäte", u->university, req_param(req, "university")}};
        widget_stale(req, NULL, 0, f, sizeof f / sizeof f[0]);
    }
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/admin/users\">Alla användare</a></p><dl class=\"facts\"><dt>E-post</dt><dd>%s</dd>"
                   "<dt>Status</dt><dd>%s</dd><dt>Skapad</dt><dd>%s</dd><dt>Senast inloggad</dt><dd>%s</dd></dl>\n",
                u->email,
                u->active ? (u->must_change_password ? "Aktiv, har inte bytt sitt tillfälliga lösenord" : "Aktiv")
                          : arena_printf(&req->arena, "Avstängd sedan %s", accounts_when(&req->arena, u->deactivated_at)),
                accounts_when(&req->arena, u->created_at), accounts_when(&req->arena, u->last_login_at));
    long long based_on = !stale && req_has_param(req, "version") ? req_param_int(req, "version", u->version)
                                                                : (long long)u->version;
    html_printf(o, "<h2>Ändra</h2><form method=\"post\" action=\"/admin/users/%lld\" class=\"card form\" novalidate>"
                   "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                (long long)u->id, based_on);
    widget_csrf(req);
    user_fields(req, u, false);
    html_lit(o, "<p class=\"hint\">En ny roll eller en ny koppling gäller direkt: användaren loggas ut och ser "
                "sedan det den nya rollen ger.</p><button type=\"submit\" class=\"button\">Spara</button></form>\n");
    html_printf(o, "<h2>Konto</h2><form method=\"post\" action=\"/admin/users/%lld/active\" class=\"card form narrow\">"
                   "<input type=\"hidden\" name=\"active\" value=\"%d\">",
                (long long)u->id, u->active ? 0 : 1);
    widget_csrf(req);
    html_printf(o, "<p>%s</p><button type=\"submit\" class=\"button%s\">%s</button></form>\n",
                u->active ? "Ett avstängt konto kan inte logga in, och dess sessioner och API-nycklar slutar gälla "
                            "direkt. Det som användaren har gjort finns kvar."
                          : "Ett återaktiverat konto loggar in med sitt gamla lösenord.",
                u->active ? " danger" : "", u->active ? "Stäng av kontot" : "Aktivera kontot igen");
    api_token_t *t;
    size_t n = accounts_tokens(req->db, u->id, &req->arena, &t);
    html_lit(o, "<h2>API-nycklar</h2>");
    if (!n)
        html_lit(o, "<p class=\"empty\">Inga API-nycklar.</p>");
    else {
        html_lit(o, TABLE_OPEN("API-nycklar") "<thead><tr><th scope=\"col\">Nummer</th><th scope=\"col\">Namn</th>"
                    "<th scope=\"col\">Skapad</th><th scope=\"col\">Gäller till</th><th scope=\"col\">Senast använd</th>"
                    "</tr></thead><tbody>");
        for (size_t i = 0; i < n; i++)
            html_printf(o, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", (long long)t[i].id,
                        t[i].label, accounts_when(&req->arena, t[i].created_at),
                        accounts_when(&req->arena, t[i].expires_at), accounts_when(&req->arena, t[i].last_used));
        html_lit(o, "</tbody>" TABLE_CLOSE "<p class=\"hint\">Användaren återkallar sina nycklar under Mitt konto; "
                    "en administratör med <code>samverkan token revoke NUMMER</code>.</p>");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int user_page(request_t *req)
{
    return user_view(req, 200, false);
}

static int user_submit(request_t *req)
{
    account_t *u = accounts_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!u)
        return respond_error(req, 404, "Användaren finns inte.");
    if (req->nerrors)
        return user_view(req, 400, false);
    account_edit_t e = edit_from(req);
    e.email = NULL;
    char *err = NULL;
    const char *field = "name";
    switch (accounts_update(req->db, &req->viewer, u, req_param_int(req, "version", 0), &e, &req->arena, &err,
                            &field)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/admin/users/%lld?klart=1", (long long)u->id));
    case WRITE_STALE:
        return user_view(req, 409, true);
    default:
        req_add_error(req, field, err);
        return user_view(req, 422, false);
    }
}

static int user_active_submit(request_t *req)
{
    account_t *u = accounts_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!u)
        return respond_error(req, 404, "Användaren finns inte.");
    bool active = strcmp(req_param(req, "active"), "1") == 0;
    char *err = NULL;
    if (!accounts_set_active(req->db, &req->viewer, u, active, &req->arena, &err)) {
        req_add_error(req, "active", err);
        return user_view(req, 409, false);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/admin/users/%lld?klart=%d", (long long)u->id,
                                              active ? 3 : 2));
}

#define USER_FIELDS                                                                                                \
    {"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL}, {"role", P_CHOICE, PARAM_REQUIRED, "Roll", 0, 0, role_keys}, \
    {"organiser", P_TEXT, 0, "Organisationsnummer", 0, 20, NULL}, {"unit", P_TEXT, 0, "Enhetskod", 0, 8, NULL},      \
    {"university", P_TEXT, 0, "Lärosäte", 0, 200, NULL}

static const char *const active_choices[] = {"0", "1", NULL};
static const param_spec_t p_users[] = {PARAM_SAVED, PARAM_END};
static const param_spec_t p_user_add[] = {USER_FIELDS, {"email", P_EMAIL, PARAM_REQUIRED, "E-postadress", 0, 254, NULL},
                                          {"password", P_SECRET, PARAM_REQUIRED, "Lösenord", 0, 0, NULL}, PARAM_END};
static const param_spec_t p_user[] = {PARAM_ID, {"klart", P_INT, 0, "Klart", 0, 3, NULL}, PARAM_END};
static const param_spec_t p_user_save[] = {PARAM_ID, USER_FIELDS, PARAM_VERSION, PARAM_END};
static const param_spec_t p_user_active[] = {PARAM_ID, {"active", P_CHOICE, PARAM_REQUIRED, "Status", 0, 0,
                                                        active_choices}, PARAM_END};

const route_t admin_user_routes[] = {
    {"GET", "/admin/users", users_page, CAP_ADMIN, 0, p_users},
    {"POST", "/admin/users", users_submit, CAP_ADMIN, ROUTE_FORM, p_user_add},
    {"GET", "/admin/users/{id}", user_page, CAP_ADMIN, 0, p_user},
    {"POST", "/admin/users/{id}", user_submit, CAP_ADMIN, ROUTE_FORM, p_user_save},
    {"POST", "/admin/users/{id}/active", user_active_submit, CAP_ADMIN, 0, p_user_active},
    {NULL, NULL, NULL, 0, 0, NULL},
};
