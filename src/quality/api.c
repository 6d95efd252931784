/* api.c — the quality system's catalogue and an organiser's annual cycle through the API. */
#include "parts.h"
#include "../http/api.h"
#include <jansson.h>

static int api_catalogue(request_t *req)
{
    quality_item_t *x;
    size_t n = quality_catalogue(req->db, true, &req->arena, &x);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:o, s:s, s:s, s:s}", "id", (json_int_t)x[i].id, "parent_id",
                                               api_ref(x[i].parent_id), "kind", x[i].kind, "name", x[i].name,
                                               "description", x[i].description));
    return api_send_list(req, items, (long long)n, 1, (long long)(n ? n : 1));
}

static int api_wheel(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    wheel_activity_t *w;
    size_t n = quality_wheel(req->db, c->organiser_id, &req->arena, &w);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:i, s:i, s:s, s:s}", "id", (json_int_t)w[i].id, "month",
                                               w[i].month, "day", w[i].day, "name", w[i].name, "description",
                                               w[i].description));
    return api_send_list(req, items, (long long)n, 1, (long long)(n ? n : 1));
}

static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t quality_api_routes[] = {
    {"GET", "/api/v1/quality", api_catalogue, CAP_PLAN_READ, ROUTE_API | ROUTE_KEPT, p_none},
    {"GET", "/api/v1/cases/{id}/yearwheel", api_wheel, CAP_PLAN_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
