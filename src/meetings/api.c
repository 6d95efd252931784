/* api.c — a case's meetings as JSON (the same scope as the pages), with their actions. */
#include "parts.h"
#include "../http/api.h"

static int api_list(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    meeting_t *m;
    size_t n = meetings_of_case(req->db, &req->viewer, c, &req->arena, &m);
    meeting_action_t *x;
    size_t nx = meetings_actions_of_case(req->db, c, &req->arena, &x);
    meeting_participant_row_t *p;
    size_t np = meetings_participants_of_case(req->db, c, &req->arena, &p);
    api_page_t pg = api_page(req, n);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++) {
        json_t *j = json_pack("{s:I, s:I, s:s, s:o, s:o, s:s, s:i, s:o, s:b, s:o}", "id", (json_int_t)m[i].id,
                              "case_id", (json_int_t)m[i].case_id, "kind", m[i].kind, "group_id", api_ref(m[i].group_id),
                              "group_name", api_text(m[i].group_name), "starts_at", m[i].starts_at, "minutes",
                              m[i].minutes, "place", api_text(m[i].place), "held", (int)m[i].held, "notes",
                              api_text(m[i].notes));
        json_t *acts = json_array();
        for (size_t k = 0; k < nx; k++)
            if (x[k].meeting_id == m[i].id)
                json_array_append_new(acts, json_pack("{s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)x[k].id, "text",
                                                      x[k].text, "owner", x[k].owner, "due", api_text(x[k].due_date),
                                                      "done", (int)x[k].done));
        json_object_set_new(j, "actions", acts);
        json_object_set_new(j, "purpose", api_text(m[i].purpose));
        /* A case-level meeting's participants; a group's meeting has its members. */
        json_t *people = json_array();
        for (size_t k = 0; k < np; k++)
            if (p[k].meeting_id == m[i].id)
                json_array_append_new(people, json_pack("{s:s, s:s, s:b}", "name", p[k].p.name, "party", p[k].p.party,
                                                        "present", (int)p[k].p.present));
        json_object_set_new(j, "participants", people);
        json_array_append_new(items, j);
    }
    return api_send_page(req, items, &pg);
}

static const param_spec_t p_list[] = {PARAM_ID, PARAM_PAGE, PARAM_PER_PAGE(API_MAX_PER_PAGE), PARAM_END};

const route_t meetings_api_routes[] = {
    {"GET", "/api/v1/cases/{id}/meetings", api_list, CAP_CASE_PAGE, ROUTE_API, p_list},
    {NULL, NULL, NULL, 0, 0, NULL},
};
