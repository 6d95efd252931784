/* api.c — the conferences through the API: each with its counts, and one with its
 * registrations counted by role and organiser (no personal data leave this way). */
#include "parts.h"
#include "../http/api.h"
#include <jansson.h>

static json_t *conference_json(const conference_t *c)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:i, s:i, s:i, s:i, s:i}", "id", (json_int_t)c->id, "kind", c->kind,
                     "title", c->title, "date", c->held_on, "place", api_text(c->place), "capacity", c->capacity,
                     "invited", c->invited, "registered", c->registered, "waiting", c->waiting, "attended", c->attended);
}

static json_t *counts_json(const conference_count_t *x, size_t n, const char *key)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:s, s:i, s:i}", key, x[i].key, "registered", x[i].registered, "attended",
                                           x[i].attended));
    return a;
}

static int api_list(request_t *req)
{
    conference_t *c;
    size_t n = conferences_list(req->db, &req->viewer, &req->arena, &c);
    api_page_t pg = api_page(req, n);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append_new(items, conference_json(&c[i]));
    return api_send_page(req, items, &pg);
}

static int api_get(request_t *req)
{
    conference_t *c = conferences_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, CONFERENCE_NOT_FOUND);
    conference_count_t *x;
    json_t *j = conference_json(c);
    size_t n = conferences_by_role(req->db, c, &req->arena, &x);
    json_object_set_new(j, "by_role", counts_json(x, n, "role"));
    n = conferences_by_organiser(req->db, c, &req->arena, &x);
    json_object_set_new(j, "by_organiser", counts_json(x, n, "organiser"));
    return api_send(req, 200, j);
}

static const param_spec_t p_list[] = {PARAM_PAGE, PARAM_PER_PAGE(API_MAX_PER_PAGE), PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t conferences_api_routes[] = {
    {"GET", "/api/v1/conferences", api_list, CAP_CONFERENCE_READ, ROUTE_API | ROUTE_KEPT, p_list},
    {"GET", "/api/v1/conferences/{id}", api_get, CAP_CONFERENCE_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
