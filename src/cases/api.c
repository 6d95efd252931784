/* api.c — cases as JSON, from the same store and with the same scope as the pages. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/api.h"
#include <string.h>

static json_t *case_json(const case_row_t *c)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:I, s:o, s:o}", "id",
                          (json_int_t)c->id, "organiser_orgnr", c->orgnr, "organiser_name", c->organiser, "round_id",
                          api_ref(c->round_id), "round_name", c->round_name, "decision_date", api_text(c->decision_date),
                          "start_date", api_text(c->start_date), "planned_end", api_text(c->planned_end), "phase",
                          case_phase_key(c->phase), "phase_label", case_phase_label(c->phase), "university",
                          api_text(c->university), "supporters", api_split(c->supporters, ","), "unit_count",
                          (json_int_t)c->units, "county", api_text(c->county), "updated_at", api_time(c->updated_at));
    return j;
}

static int api_list(request_t *req)
{
    case_filter_t f = cases_filter_from(req);
    case_row_t *rows;
    size_t n = cases_list(req->db, &req->viewer, &f, &req->arena, &rows);
    if (f.overdue) {
        char today[11];
        fmt_today(today, 0);
        n = cases_keep_overdue(req->db, &req->viewer, rows, n, today);
    }
    api_page_t pg = api_page(req, n);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append_new(items, case_json(&rows[i]));
    return api_send_page(req, items, &pg);
}

static int api_case(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    json_t *j = case_json(c);
    json_object_set_new(j, "team_leader", api_text(c->team_leader));
    json_object_set_new(j, "education_leaders", api_split(c->education_leaders, ","));
    case_unit_t *u;
    size_t n = cases_units(req->db, c, &req->arena, &u);
    json_t *units = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(units, json_pack("{s:s, s:s, s:s, s:o}", "code", u[i].code, "name", u[i].name, "decision",
                                               u[i].decision, "decision_date", api_text(u[i].decision_date)));
    json_object_set_new(j, "units", units);
    case_person_t *p;
    n = cases_people(req->db, c, &req->arena, &p);
    json_t *people = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(people, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)p[i].id, "role", p[i].role,
                                                "name", p[i].name, "email", api_text(p[i].email)));
    json_object_set_new(j, "people", people);
    case_event_t *e;
    n = cases_events(req->db, c, &req->arena, &e);
    json_t *events = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(events, json_pack("{s:s, s:o, s:o, s:o, s:s, s:o}", "kind", e[i].kind, "from_phase",
                                                api_text(e[i].from_phase), "to_phase", api_text(e[i].to_phase), "note",
                                                api_text(e[i].note), "actor", e[i].actor, "at", api_time(e[i].at)));
    json_object_set_new(j, "timeline", events);
    return api_send(req, 200, j);
}

static const param_spec_t p_list[] = {
    {"q", P_SEARCH, 0, "Huvudman", 0, 100, NULL},
    {"phase", P_CHOICE, 0, "Fas", 0, 0, case_phase_keys},
    {"round", P_TEXT, 0, "Urvalsomgång", 0, 120, NULL},
    {"county", P_TEXT, 0, "Län", 0, 2, NULL},
    {"supporter", P_INT, 0, "Processtödjare", 1, 1000000000, NULL},
    {"overdue", P_CHOICE, 0, "Försenat", 0, 0, routes_flag_choices},
    PARAM_PAGE,
    PARAM_PER_PAGE(API_MAX_PER_PAGE),
    PARAM_END,
};
static const param_spec_t p_case[] = {PARAM_ID, PARAM_END};

const route_t cases_api_routes[] = {
    {"GET", "/api/v1/cases", api_list, CAP_CASE_PAGE, ROUTE_API | ROUTE_KEPT, p_list},
    {"GET", "/api/v1/cases/{id}", api_case, CAP_CASE_PAGE, ROUTE_API | ROUTE_KEPT, p_case},
    {NULL, NULL, NULL, 0, 0, NULL},
};
