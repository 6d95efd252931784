/* home.c — the start page, built from every area's start sections in order (each shows
 * what the viewer's capabilities ask for), and the health check. */
#include "area.h"
#include "../http/api.h"

static int home_page(request_t *req)
{
    layout_begin(req, "Start");
    html_printf(&req->body, "<p class=\"lead\">Välkommen, %s. Du är inloggad som %s.</p>\n", req->viewer.name,
                role_label(req->viewer.role));
    areas_start_page(req);
    layout_end(req);
    return respond_html(req, 200);
}

static int health(request_t *req)
{
    int v = db_schema_version(req->db);
    return api_send(req, v > 0 ? 200 : 503, json_pack("{s:s}", "status", v > 0 ? "ok" : "db"));
}

static const param_spec_t p_none[] = {PARAM_END};

const route_t app_home_routes[] = {
    {"GET", "/", home_page, CAP_SIGNED_IN, ROUTE_KEPT, p_none},
    {"GET", "/healthz", health, CAP_NONE, ROUTE_PUBLIC, p_none},
    {NULL, NULL, NULL, 0, 0, NULL},
};
