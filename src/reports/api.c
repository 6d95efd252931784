/* api.c — a report through the API: the same content the page shows, read in the case's
 * scope, with its state and who decided. */
#include "parts.h"
#include "../http/api.h"
#include <jansson.h>

static int api_report(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    report_t *r = c ? reports_get(req->db, &req->viewer, c, req_param(req, "term"), &req->arena) : NULL;
    if (!r)
        return respond_error(req, 404, "Redovisningen finns inte, eller så har du inte tillgång till den.");
    json_t *j = json_loads(reports_snapshot(r, &req->arena), 0, NULL);
    if (!j)
        return respond_error(req, 500, "Redovisningen kunde inte läsas.");
    json_object_set_new(j, "case_id", json_integer((json_int_t)c->id));
    json_object_set_new(j, "state", json_string(r->state));
    json_object_set_new(j, "submissions", json_integer(r->submissions));
    json_object_set_new(j, "return_comment", api_text(r->return_comment));
    json_object_set_new(j, "decided_by", api_text(r->decided_by));
    json_object_set_new(j, "decided_at", api_time(r->decided_at));
    return api_send(req, 200, j);
}

static const param_spec_t p_report[] = {PARAM_ID, {"term", P_TEXT, PARAM_PATH, "Redovisning", 0, 6, NULL}, PARAM_END};

const route_t reports_api_routes[] = {
    {"GET", "/api/v1/cases/{id}/reports/{term}", api_report, CAP_PLAN_READ, ROUTE_API | ROUTE_KEPT, p_report},
    {NULL, NULL, NULL, 0, 0, NULL},
};
