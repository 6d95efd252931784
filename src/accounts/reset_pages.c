/* reset_pages.c — a forgotten password: ask for a link by e-mail address (the answer is
 * the same whether or not the address has an account), then choose a new password with
 * the link, which works once and for an hour. */
#include "parts.h"
#include "../http/auth.h"
#include "../http/server.h"
#include "../base/validate.h"
#include "../db/settings.h"
#include <string.h>

static int forgot_view(request_t *req, int status, bool sent)
{
    const char *saved = req->csrf;
    req->csrf = auth_form_token(req);
    layout_begin(req, "Glömt lösenordet");
    buf_t *o = &req->body;
    if (sent)
        widget_notice(req, "success", "Om adressen hör till ett konto i Samverkan har vi skickat ett mejl med en länk "
                                      "för att välja ett nytt lösenord. Länken gäller en timme och fungerar en gång.");
    widget_error_summary(req);
    html_lit(o, "<p class=\"lead\">Skriv e-postadressen du loggar in med, så skickar vi en länk där du väljer ett nytt "
                "lösenord.</p>\n<form method=\"post\" action=\"/losenord/glomt\" class=\"card form narrow\" novalidate>\n");
    widget_csrf(req);
    widget_input(req, "email", "E-postadress", "email", sent ? "" : req_param(req, "email"), NULL, "username");
    html_lit(o, "<button type=\"submit\" class=\"button\">Skicka länken</button>\n</form>\n"
                "<p><a href=\"/login\">Tillbaka till inloggningen</a></p>\n");
    layout_end(req);
    req->csrf = saved;
    return respond_html(req, status);
}

static int forgot_page(request_t *req)
{
    return forgot_view(req, 200, false);
}

static int forgot_submit(request_t *req)
{
    if (req->nerrors)
        return forgot_view(req, 400, false);
    /* At most RESETS_PER_HOUR mails an hour go to one account, however often this is asked. */
    if (!accounts_reset_request(req->db, req_param(req, "email"), req->client_addr, server_public_url(req), &req->arena))
        return -1;
    return forgot_view(req, 200, true);
}

static int reset_view(request_t *req, int status, const char *problem)
{
    const char *saved = req->csrf;
    req->csrf = auth_form_token(req);
    layout_begin(req, "Välj ett nytt lösenord");
    buf_t *o = &req->body;
    if (problem) {
        widget_notice(req, "error", problem);
        html_lit(o, "<p><a href=\"/losenord/glomt\">Be om en ny länk</a></p>\n");
    } else {
        widget_error_summary(req);
        html_lit(o, "<form method=\"post\" action=\"/losenord/nytt\" class=\"card form narrow\" novalidate>\n");
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"t\" value=\"%s\">", req_param(req, "t"));
        widget_input(req, "password", "Nytt lösenord (minst 12 tecken)", "password", NULL, NULL, "new-password");
        widget_input(req, "confirm", "Upprepa det nya lösenordet", "password", NULL, NULL, "new-password");
        html_lit(o, "<button type=\"submit\" class=\"button\">Spara lösenordet</button>\n</form>\n");
    }
    layout_end(req);
    req->csrf = saved;
    return respond_html(req, status);
}

#define LINK_GONE "Länken har redan använts eller gått ut (den gäller en timme och fungerar en gång)."

static int reset_page(request_t *req)
{
    if (!accounts_reset_account(req->db, req_param(req, "t")))
        return reset_view(req, 410, LINK_GONE);
    return reset_view(req, 200, NULL);
}

static int reset_submit(request_t *req)
{
    const char *pw = req_param(req, "password");
    if (!req->nerrors && !validate_password(pw))
        req_add_error(req, "password", "Det nya lösenordet ska ha minst 12 tecken.");
    if (!req->nerrors && strcmp(pw, req_param(req, "confirm")) != 0)
        req_add_error(req, "confirm", "Lösenorden är inte lika.");
    if (!accounts_reset_account(req->db, req_param(req, "t")))
        return reset_view(req, 410, LINK_GONE);
    if (req->nerrors)
        return reset_view(req, 400, NULL);
    char hash[crypto_pwhash_STRBYTES];
    if (!auth_hash_password(pw, hash))
        return -1;
    char *err = NULL;
    if (!accounts_reset_use(req->db, req_param(req, "t"), hash, &req->arena, &err))
        return reset_view(req, 410, err);
    return respond_redirect(req, "/login?nytt=1");
}

static const param_spec_t p_forgot_page[] = {PARAM_END};
static const param_spec_t p_forgot[] = {{"email", P_EMAIL, PARAM_REQUIRED, "E-postadress", 0, 254, NULL}, PARAM_END};
static const param_spec_t p_reset_page[] = {{"t", P_TEXT, 0, "Länk", 0, 64, NULL}, PARAM_END};
static const param_spec_t p_reset[] = {{"t", P_TEXT, PARAM_REQUIRED, "Länk", 0, 64, NULL},
                                       {"password", P_SECRET, PARAM_REQUIRED, "Nytt lösenord", 0, 0, NULL},
                                       {"confirm", P_SECRET, PARAM_REQUIRED, "Upprepa lösenordet", 0, 0, NULL},
                                       PARAM_END};

const route_t accounts_reset_routes[] = {
    {"GET", "/losenord/glomt", forgot_page, CAP_NONE, ROUTE_PUBLIC, p_forgot_page},
    {"POST", "/losenord/glomt", forgot_submit, CAP_NONE, ROUTE_PUBLIC | ROUTE_FORM | ROUTE_NO_CSRF, p_forgot},
    {"GET", "/losenord/nytt", reset_page, CAP_NONE, ROUTE_PUBLIC, p_reset_page},
    {"POST", "/losenord/nytt", reset_submit, CAP_NONE, ROUTE_PUBLIC | ROUTE_FORM | ROUTE_NO_CSRF, p_reset},
    {NULL, NULL, NULL, 0, 0, NULL},
};
