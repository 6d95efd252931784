/* api.c — cases as JSON, from the same store and with the same scope as the pages. */
#include "cases.h"
#include <jansson.h>

static json_t *case_json(const case_row_t *c)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)c->id,
                     "organiser_orgnr", c->orgnr, "organiser", c->organiser, "round", c->round_name, "decision_date",
                     c->decision_date, "start_date", c->start_date, "planned_end", c->planned_end, "phase",
                     case_phase_key(c->phase), "phase_label", case_phase_label(c->phase), "university", c->university,
                     "supporters", c->supporters, "units", (json_int_t)c->units);
}

static int send(request_t *req, json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return respond_json_text(req, 200, text);
}

int cases_api_list(request_t *req)
{
    case_filter_t f = cases_filter_from(req);
    case_row_t *rows;
    size_t n = cases_list_filtered(req, &f, &rows);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, case_json(&rows[i]));
    return send(req, json_pack("{s:I, s:o}", "total", (json_int_t)n, "cases", items));
}

int cases_api_case(request_t *req)
{
    case_row_t *c = cases_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, "Ärendet finns inte.");
    json_t *j = case_json(c);
    json_object_set_new(j, "team_leader", json_string(c->team_leader));
    json_object_set_new(j, "education_leaders", json_string(c->education_leaders));
    case_unit_t *u;
    size_t n = cases_units(req->db, c->id, &req->arena, &u);
    json_t *units = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(units, json_pack("{s:s, s:s, s:s, s:s}", "code", u[i].code, "name", u[i].name, "decision",
                                               u[i].decision, "decision_date", u[i].decision_date));
    json_object_set_new(j, "selected_units", units);
    case_person_t *p;
    n = cases_people(req->db, c->id, &req->arena, &p);
    json_t *people = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(people, json_pack("{s:s, s:s, s:s}", "role", p[i].role, "name", p[i].name, "email",
                                                p[i].email));
    json_object_set_new(j, "people", people);
    case_event_t *e;
    n = cases_events(req->db, c->id, &req->arena, &e);
    json_t *events = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(events, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "kind", e[i].kind, "from",
                                                e[i].from_phase, "to", e[i].to_phase, "note", e[i].note, "actor",
                                                e[i].actor, "at", (json_int_t)e[i].at));
    json_object_set_new(j, "timeline", events);
    return send(req, j);
}
