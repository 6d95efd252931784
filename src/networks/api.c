/* api.c — the networks within reach through the API: the list, and one network whole
 * (members with their representatives, meetings, commitments with their reports). */
#include "parts.h"
#include "../http/api.h"
#include <jansson.h>

static json_t *network_json(const network_t *n)
{
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:I, s:I}", "id", (json_int_t)n->id, "name", n->name, "kind", n->kind,
                     "convener", api_text(n->convener), "description", api_text(n->description), "members",
                     (json_int_t)n->members, "meetings", (json_int_t)n->meetings);
}

static int api_list(request_t *req)
{
    network_t *n;
    size_t k = networks_list(req->db, &req->viewer, &req->arena, &n);
    api_page_t pg = api_page(req, k);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append_new(items, network_json(&n[i]));
    return api_send_page(req, items, &pg);
}

static int api_get(request_t *req)
{
    network_t *n = networks_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!n)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    network_member_t *m;
    size_t nm = networks_members(req->db, n, &req->arena, &m);
    network_rep_t *r;
    size_t nr = networks_reps(req->db, n, &req->arena, &r);
    network_meeting_t *g;
    size_t ng = networks_meetings(req->db, n, &req->arena, &g);
    commitment_report_t *x;
    size_t nx = networks_reports(req->db, n, &req->arena, &x);
    commitment_t *c;
    size_t nc = networks_commitments(req->db, n, x, nx, &req->arena, &c);
    json_t *members = json_array(), *meetings = json_array(), *commitments = json_array();
    for (size_t i = 0; i < nm; i++) {
        json_t *reps = json_array();
        for (size_t k = 0; k < nr; k++)
            if (r[k].member_id == m[i].id)
                json_array_append_new(reps, json_pack("{s:s, s:s}", "level", r[k].level, "name", r[k].name));
        json_array_append_new(members, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)m[i].id, "orgnr", m[i].orgnr,
                                                 "organiser", m[i].organiser, "representatives", reps));
    }
    for (size_t i = 0; i < ng; i++)
        json_array_append_new(meetings, json_pack("{s:I, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)g[i].id, "date",
                                                  g[i].held_on, "place", api_text(g[i].place), "notes",
                                                  api_text(g[i].notes), "checkin", api_text(g[i].checkin), "checkout",
                                                  api_text(g[i].checkout)));
    for (size_t i = 0; i < nc; i++) {
        json_t *reports = json_array();
        for (size_t k = 0; k < nx; k++)
            if (x[k].commitment_id == c[i].id)
                json_array_append_new(reports, json_pack("{s:I, s:s, s:s}", "meeting_id", (json_int_t)x[k].meeting_id,
                                                         "outcome", x[k].outcome, "text", x[k].text));
        json_array_append_new(commitments, json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:b, s:o}", "id", (json_int_t)c[i].id,
                                                     "member_id", (json_int_t)c[i].member_id, "meeting_id",
                                                     (json_int_t)c[i].meeting_id, "aspect", c[i].aspect, "goal", c[i].goal,
                                                     "action", c[i].action, "open", c[i].open, "reports", reports));
    }
    json_t *j = network_json(n);
    json_object_set_new(j, "member_list", members);
    json_object_set_new(j, "meeting_list", meetings);
    json_object_set_new(j, "commitments", commitments);
    return api_send(req, 200, j);
}

static const param_spec_t p_list[] = {PARAM_PAGE, PARAM_PER_PAGE(API_MAX_PER_PAGE), PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t networks_api_routes[] = {
    {"GET", "/api/v1/networks", api_list, CAP_NETWORK_READ, ROUTE_API | ROUTE_KEPT, p_list},
    {"GET", "/api/v1/networks/{id}", api_get, CAP_NETWORK_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
