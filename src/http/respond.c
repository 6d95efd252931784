/* respond.c — the response helpers, including the one error renderer (an HTML page,
 * or a JSON error object for the API). */
#include "request.h"
#include "routes.h"
#include "server.h"
#include "api.h"
#include "layout.h"
#include "form.h"
#include "../html/html.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

bool req_is_api(const request_t *req)
{
    return (req->route && (req->route->flags & ROUTE_API)) || strncmp(req->path, "/api/", 5) == 0;
}

int respond_later(request_t *req, int ms)
{
    req->wait_ms = ms;
    return RESPOND_LATER;
}

int respond_html(request_t *req, int status)
{
    req->status = status;
    req->content_type = "text/html; charset=utf-8";
    return status;
}

int respond_redirect(request_t *req, const char *location)
{
    buf_reset(&req->body);
    req->status = 303;
    req_add_header(req, "Location", location);
    req->content_type = "text/plain; charset=utf-8";
    return 303;
}

int respond_file(request_t *req, const char *content_type, const char *filename, buf_t *data)
{
    buf_free(&req->body);
    req->body = *data;
    *data = (buf_t)BUF_INIT;
    req->status = 200;
    req->content_type = content_type;
    req_add_header(req, "Content-Disposition", arena_printf(&req->arena, "attachment; filename=\"%s\"", filename));
    return 200;
}

static const char *error_code(int status)
{
    switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 422: return "unprocessable";
    case 413: return "payload_too_large";
    case 429: return "too_many_requests";
    case 503: return "unavailable";
    case 507: return "insufficient_storage";
    default: return "internal_error";
    }
}

static const char *error_title(int status)
{
    switch (status) {
    case 400: return "Felaktig förfrågan";
    case 401: return "Inloggning krävs";
    case 403: return "Åtkomst nekad";
    case 404: return "Sidan finns inte";
    case 405: return "Metoden är inte tillåten";
    case 409: return "Det gick inte att genomföra";
    case 422: return "Det gick inte att genomföra";
    case 413: return "För stor förfrågan";
    case 429: return "För många försök";
    case 503: return "Tillfälligt otillgänglig";
    case 507: return "Disken är full";
    default: return "Något gick fel";
    }
}

int respond_error_field(request_t *req, int status, const char *message, const char *field)
{
    buf_reset(&req->body);
    req->status = status;
    if (req_is_api(req))
        return api_send(req, status, json_pack("{s:{s:s, s:s, s:o}}", "error", "code", error_code(status), "message",
                                               message, "field", api_text(field)));
    layout_begin(req, error_title(status));
    html_printf(&req->body, "<p class=\"lead\">%s</p>\n", message);
    if (!access_may(&req->viewer, CAP_SIGNED_IN) && status != 404)
        html_lit(&req->body, "<p><a href=\"/login\">Till inloggningen</a></p>\n");
    else
        html_lit(&req->body, "<p><a href=\"/\">Till startsidan</a></p>\n");
    layout_end(req);
    return respond_html(req, status);
}

int respond_error(request_t *req, int status, const char *message)
{
    return respond_error_field(req, status, message, NULL);
}

/* The database is away: 503 with a Retry-After. A form that was posted comes back with
 * everything typed in it (secrets and files excepted), ready to send again. */
void respond_unavailable(request_t *req, const raw_param_t *params, size_t nparams)
{
    req_add_header(req, "Retry-After", "5");
    respond_form_back(req, 503, "Tillfälligt otillgänglig",
                      "Databasen svarar inte just nu, så inget sparades. Försök igen om en stund.", params, nparams);
}

void respond_form_back(request_t *req, int status, const char *title, const char *msg, const raw_param_t *params,
                       size_t nparams)
{
    if (req_is_api(req) || strcmp(req->method, "POST") != 0 || !nparams) {
        respond_error(req, status, msg);
        return;
    }
    buf_reset(&req->body);
    req->nerrors = 0;
    layout_begin(req, title);
    buf_t *o = &req->body;
    html_printf(o, "<p class=\"lead\">%s Det du skrev finns kvar nedan; skicka det igen.</p>\n"
                   "<form method=\"post\" action=\"%s\" class=\"card form\">\n", msg, req->path);
    const param_spec_t *specs = req->route ? req->route->params : NULL;
    for (size_t i = 0; i < nparams; i++) {
        const char *name = params[i].name;
        bool secret = false;
        for (const param_spec_t *p = specs; p && p->name && !secret; p++)
            secret = strcmp(p->name, name) == 0 && p->type == P_SECRET;
        if (secret)
            continue;
        if (strcmp(name, "csrf") == 0 || !*params[i].value) {
            html_printf(o, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", name, params[i].value);
            continue;
        }
        html_printf(o, "<div class=\"field\"><label for=\"k-%zu\">%s</label><textarea id=\"k-%zu\" name=\"%s\" rows=\"3\">"
                       "%s</textarea></div>\n", i, name, i, name, params[i].value);
    }
    html_lit(o, "<button type=\"submit\" class=\"button\">Skicka igen</button></form>\n");
    layout_end(req);
    respond_html(req, status);
}
