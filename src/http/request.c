/* request.c — accessors for a request's validated parameters, errors, headers, cookies. */
#include "request.h"
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

const char *req_param(const request_t *req, const char *name)
{
    for (size_t i = 0; i < req->nparams; i++)
        if (strcmp(req->params[i].name, name) == 0)
            return req->params[i].value;
    return "";
}

bool req_has_param(const request_t *req, const char *name)
{
    return *req_param(req, name) != '\0';
}

long long req_param_int(const request_t *req, const char *name, long long dflt)
{
    const char *v = req_param(req, name);
    return *v ? strtoll(v, NULL, 10) : dflt;
}

void req_add_error(request_t *req, const char *field, const char *message)
{
    if (req->nerrors < REQ_MAX_ERRORS) {
        req->errors[req->nerrors].field = field;
        req->errors[req->nerrors].message = message;
        req->nerrors++;
    }
}

void req_add_header(request_t *req, const char *name, const char *value)
{
    if (req->nheaders < REQ_MAX_HEADERS) {
        req->headers[req->nheaders][0] = name;
        req->headers[req->nheaders][1] = value;
        req->nheaders++;
    }
}

void req_set_cookie(request_t *req, const char *name, const char *value, int max_age)
{
    /* max_age < 0: a browser-session cookie; 0: delete it. */
    char *c = arena_printf(&req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value,
                           req->secure ? "; Secure" : "",
                           max_age == 0 ? "; Max-Age=0" : "");
    req_add_header(req, "Set-Cookie", c);
}


const char *req_header(const request_t *req, const char *name)
{
    return req->conn ? MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name) : NULL;
}
