/* pages.c — Mitt konto: who I am, my password (with the offer to revoke my API tokens),
 * my API tokens (made, listed, revoked), the calendar address; and the required change
 * of a temporary password at the first login. */
#include "parts.h"
#include "../http/auth.h"
#include "../http/throttle.h"
#include "../base/validate.h"
#include <string.h>

static void password_fields(request_t *req, bool with_current)
{
    static const struct { const char *name, *label, *ac; } f[] = {
        {"current", "Nuvarande lösenord", "current-password"},
        {"password", "Nytt lösenord (minst 12 tecken)", "new-password"},
        {"confirm", "Upprepa det nya lösenordet", "new-password"},
    };
    for (size_t i = with_current ? 0 : 1; i < 3; i++)
        widget_input(req, f[i].name, f[i].label, "password", NULL, NULL, f[i].ac);
}

static void tokens_section(request_t *req, const char *new_token)
{
    buf_t *o = &req->body;
    api_token_t *t;
    size_t n = accounts_tokens(req->db, req->viewer.user_id, &req->arena, &t);
    html_lit(o, "<h2 id=\"nycklar\">API-nycklar</h2>\n<p>En API-nyckel låter ett program läsa och skriva i Samverkan "
                "med dina behörigheter. Den gäller till sitt slutdatum eller tills du återkallar den.</p>\n");
    if (new_token)
        html_printf(o, "<div class=\"notice success\" role=\"status\"><p>Din nya API-nyckel visas bara nu; kopiera den "
                       "till programmet som ska använda den:</p><p><code class=\"token\">%s</code></p></div>\n",
                    new_token);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Du har inga API-nycklar.</p>\n");
    } else {
        html_lit(o, TABLE_OPEN("Dina API-nycklar") "<thead><tr><th scope=\"col\">Namn</th><th scope=\"col\">Skapad</th>"
                    "<th scope=\"col\">Gäller till</th><th scope=\"col\">Senast använd</th>"
                    "<th scope=\"col\"><span class=\"visually-hidden\">Återkalla</span></th></tr></thead><tbody>\n");
        int64_t now = (int64_t)time(NULL);
        for (size_t i = 0; i < n; i++) {
            const char *label = *t[i].label ? t[i].label : "API-nyckel";
            html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s%s</td><td>%s</td><td>"
                           "<form method=\"post\" action=\"/account/tokens/%lld/revoke\" class=\"inline\">",
                        label, accounts_when(&req->arena, t[i].created_at), accounts_when(&req->arena, t[i].expires_at),
                        t[i].expires_at && t[i].expires_at <= now ? " (utgången)" : "",
                        accounts_when(&req->arena, t[i].last_used), (long long)t[i].id);
            widget_csrf(req);
            html_printf(o, "<button type=\"submit\" class=\"button secondary\">Återkalla<span class=\"visually-hidden\"> "
                           "%s, skapad %s</span></button></form></td></tr>\n",
                        label, accounts_when(&req->arena, t[i].created_at));
        }
        html_lit(o, "</tbody>" TABLE_CLOSE "\n");
    }
    html_lit(o, "<form method=\"post\" action=\"/account/tokens\" class=\"card form narrow\" novalidate>"
                "<h3>Ny API-nyckel</h3>");
    widget_csrf(req);
    widget_input(req, "label", "Namn på nyckeln", "text", req_param(req, "label"),
                 "Vad nyckeln används till, till exempel Kommunens rapportverktyg.", "off");
    widget_input(req, "days", "Giltig i antal dagar", "number",
                 req_has_param(req, "days") ? req_param(req, "days") : "365", "Högst 1095 dagar (tre år).", "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Skapa API-nyckel</button></form>\n");
}

/* The whole page; notice is a success message, new_token one just made (shown once). */
static int account_view(request_t *req, int status, const char *notice, const char *new_token)
{
    layout_begin(req, "Mitt konto");
    buf_t *o = &req->body;
    if (notice)
        widget_notice(req, "success", notice);
    widget_error_summary(req);
    html_printf(o, "<dl class=\"facts\"><dt>Namn</dt><dd>%s</dd><dt>E-post</dt><dd>%s</dd>"
                   "<dt>Roll</dt><dd>%s</dd></dl>\n",
                req->viewer.name, req->viewer.email, role_label(req->viewer.role));
    html_lit(o, "<h2>Byt lösenord</h2>\n<form method=\"post\" action=\"/account/password\" class=\"card form narrow\" "
                "novalidate>\n");
    widget_csrf(req);
    password_fields(req, true);
    api_token_t *t;
    size_t ntokens = accounts_tokens(req->db, req->viewer.user_id, &req->arena, &t);
    if (ntokens)
        html_printf(o, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"revoke_tokens\" "
                       "value=\"1\"%s> Återkalla också mina %zu API-nycklar</label><p class=\"hint\">Ett nytt lösenord "
                       "stänger inte av API-nycklarna. Återkalla dem om någon annan kan ha fått tag på dem.</p></div>\n",
                    req_has_param(req, "revoke_tokens") ? " checked" : "", ntokens);
    html_lit(o, "<button type=\"submit\" class=\"button\">Byt lösenord</button>\n</form>\n");
    tokens_section(req, new_token);
    html_lit(o, "<h2>Kalender</h2><p>Era möten och datum att hålla som en kalender att prenumerera på "
                "(iCalendar).</p>");
    html_lit(o, "<form method=\"post\" action=\"/account/calendar\" class=\"card form narrow\">");
    widget_csrf(req);
    html_lit(o, "<button type=\"submit\" class=\"button\">Skapa kalenderadress</button></form>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int account_page(request_t *req)
{
    const char *done = req_param(req, "klart");
    const char *notice = NULL;
    if (strcmp(done, "1") == 0)
        notice = "Lösenordet är bytt.";
    else if (strcmp(done, "2") == 0)
        notice = "Lösenordet är bytt och dina API-nycklar är återkallade.";
    else if (strcmp(done, "3") == 0)
        notice = "Lösenordet är bytt. Dina API-nycklar fungerar som förut; återkalla dem nedan om de kan ha kommit "
                 "i orätta händer.";
    else if (strcmp(done, "4") == 0)
        notice = "API-nyckeln är återkallad.";
    return account_view(req, 200, notice, NULL);
}

/* The new password twice, checked; false with the errors added. */
static bool new_password_ok(request_t *req)
{
    const char *pw = req_param(req, "password");
    if (!req->nerrors && !validate_password(pw))
        req_add_error(req, "password", "Det nya lösenordet ska ha minst 12 tecken.");
    if (!req->nerrors && strcmp(pw, req_param(req, "confirm")) != 0)
        req_add_error(req, "confirm", "Lösenorden är inte lika.");
    return !req->nerrors;
}

static int account_password_submit(request_t *req)
{
    if (!new_password_ok(req))
        return account_view(req, 400, NULL, NULL);
    /* The current password is guessed no faster here than at the login. */
    throttle_t t = {0};
    throttle_keys(&t, arena_printf(&req->arena, "password:%lld", (long long)req->viewer.user_id), req->client_addr);
    if (!req->waited) {
        int ms = throttle_wait_ms(req->db, &t);
        if (ms > 0) {
            if (!throttle_enter(&t)) {
                req_add_error(req, "current", "Ett byte av lösenord pågår redan; vänta några sekunder och försök igen.");
                return account_view(req, 429, NULL, NULL);
            }
            return respond_later(req, ms);
        }
    } else {
        throttle_leave(&t);
    }
    const char *hash = users_password_hash(req->db, req->viewer.user_id, &req->arena);
    if (!hash || !auth_verify_password(hash, req_param(req, "current"))) {
        throttle_failed(req->db, &t);
        req_add_error(req, "current", "Det nuvarande lösenordet stämmer inte.");
        return account_view(req, 400, NULL, NULL);
    }
    throttle_succeeded(req->db, &t);
    char newhash[crypto_pwhash_STRBYTES];
    if (!auth_hash_password(req_param(req, "password"), newhash))
        return -1;
    bool revoke = strcmp(req_param(req, "revoke_tokens"), "1") == 0;
    api_token_t *tokens;
    bool had_tokens = accounts_tokens(req->db, req->viewer.user_id, &req->arena, &tokens) > 0;
    char *err = NULL;
    if (!accounts_set_password(req->db, &req->viewer, newhash, req->session_raw, revoke, &req->arena, &err)) {
        req_add_error(req, "password", err);
        return account_view(req, 409, NULL, NULL);
    }
    return respond_redirect(req, revoke ? "/account?klart=2" : had_tokens ? "/account?klart=3" : "/account?klart=1");
}

static int account_token_submit(request_t *req)
{
    if (req->nerrors)
        return account_view(req, 400, NULL, NULL);
    char *err = NULL;
    const char *token = accounts_token_create(req->db, &req->viewer, req->viewer.user_id, req_param(req, "label"),
                                              (int)req_param_int(req, "days", TOKEN_DAYS_DEFAULT), &req->arena, &err);
    if (!token) {
        req_add_error(req, "days", err);
        return account_view(req, 422, NULL, NULL);
    }
    /* Shown on this answer only: the token is not kept in a form anyone can reload. */
    req->nerrors = 0;
    return account_view(req, 200, "API-nyckeln är skapad.", token);
}

static int account_token_revoke_submit(request_t *req)
{
    char *err = NULL;
    if (!accounts_token_revoke(req->db, &req->viewer, req_param_int(req, "id", 0), req->viewer.user_id, &req->arena,
                               &err))
        return respond_error(req, 404, err);
    return respond_redirect(req, "/account?klart=4#nycklar");
}

/* ---- a temporary password is changed at the first login ---- */

static int first_view(request_t *req, int status)
{
    layout_begin(req, "Välj ett eget lösenord");
    buf_t *o = &req->body;
    html_lit(o, "<p class=\"lead\">Du loggade in med ett tillfälligt lösenord. Välj ett eget innan du fortsätter; "
                "det tillfälliga slutar då att gälla.</p>\n");
    widget_error_summary(req);
    html_lit(o, "<form method=\"post\" action=\"/account/first-password\" class=\"card form narrow\" novalidate>\n");
    widget_csrf(req);
    password_fields(req, false);
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara lösenordet</button>\n</form>\n");
    layout_end(req);
    return respond_html(req, status);
}

static int first_page(request_t *req)
{
    if (!req->must_change_password)
        return respond_redirect(req, "/");
    return first_view(req, 200);
}

static int first_submit(request_t *req)
{
    if (!req->must_change_password)
        return respond_redirect(req, "/");
    if (!new_password_ok(req))
        return first_view(req, 400);
    const char *hash = users_password_hash(req->db, req->viewer.user_id, &req->arena);
    if (hash && auth_verify_password(hash, req_param(req, "password"))) {
        req_add_error(req, "password", "Välj ett annat lösenord än det tillfälliga.");
        return first_view(req, 400);
    }
    char newhash[crypto_pwhash_STRBYTES];
    if (!auth_hash_password(req_param(req, "password"), newhash))
        return -1;
    char *err = NULL;
    if (!accounts_set_password(req->db, &req->viewer, newhash, req->session_raw, false, &req->arena, &err)) {
        req_add_error(req, "password", err);
        return first_view(req, 409);
    }
    return respond_redirect(req, "/");
}

static const param_spec_t p_account[] = {{"klart", P_INT, 0, "Klart", 0, 4, NULL}, PARAM_END};
static const param_spec_t p_password[] = {{"current", P_SECRET, PARAM_REQUIRED, "Nuvarande lösenord", 0, 0, NULL},
                                          {"password", P_SECRET, PARAM_REQUIRED, "Nytt lösenord", 0, 0, NULL},
                                          {"confirm", P_SECRET, PARAM_REQUIRED, "Upprepa lösenordet", 0, 0, NULL},
                                          {"revoke_tokens", P_CHOICE, 0, "Återkalla API-nycklar", 0, 0,
                                           routes_flag_choices},
                                          PARAM_END};
static const param_spec_t p_first[] = {{"password", P_SECRET, PARAM_REQUIRED, "Nytt lösenord", 0, 0, NULL},
                                       {"confirm", P_SECRET, PARAM_REQUIRED, "Upprepa lösenordet", 0, 0, NULL},
                                       PARAM_END};
static const param_spec_t p_token[] = {{"label", P_TEXT, PARAM_REQUIRED, "Namn på nyckeln", 0, 100, NULL},
                                       {"days", P_INT, PARAM_REQUIRED, "Giltig i antal dagar", 1, 1095, NULL},
                                       PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_none[] = {PARAM_END};

const route_t accounts_page_routes[] = {
    {"GET", "/account", account_page, CAP_SIGNED_IN, 0, p_account},
    {"POST", "/account/password", account_password_submit, CAP_SIGNED_IN, ROUTE_FORM, p_password},
    {"POST", "/account/tokens", account_token_submit, CAP_SIGNED_IN, ROUTE_FORM, p_token},
    {"POST", "/account/tokens/{id}/revoke", account_token_revoke_submit, CAP_SIGNED_IN, 0, p_id},
    {"GET", "/account/first-password", first_page, CAP_SIGNED_IN, ROUTE_FIRST_PASSWORD, p_none},
    {"POST", "/account/first-password", first_submit, CAP_SIGNED_IN, ROUTE_FORM | ROUTE_FIRST_PASSWORD, p_first},
    {NULL, NULL, NULL, 0, 0, NULL},
};
