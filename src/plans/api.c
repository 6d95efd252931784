/* api.c — plans and interventions as JSON, and their writes through the API (a JSON body
 * or a form, the same fields, rules and scope as the pages), each answered with what was
 * written as it now is. */
#include "parts.h"
#include "../http/api.h"
#include <string.h>

#define PLAN_NOT_FOUND "Planen finns inte, eller så har du inte tillgång till den."
#define INTERVENTION_NOT_FOUND "Insatsen finns inte, eller så har du inte tillgång till den."

static json_t *intervention_json(const intervention_t *x, const plan_facts_t *f)
{
    json_t *causes = json_array(), *ind = json_array();
    for (size_t i = 0; i < f->nlinks; i++)
        if (f->links[i].intervention_id == x->id)
            json_array_append_new(causes, json_integer((json_int_t)f->links[i].cause_id));
    for (size_t i = 0; i < f->nindicators; i++)
        if (f->indicators[i].intervention_id == x->id)
            json_array_append_new(ind, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)f->indicators[i].id,
                                                 "measure", f->indicators[i].measure, "baseline", f->indicators[i].baseline,
                                                 "target", f->indicators[i].target, "read_dates",
                                                 f->indicators[i].read_dates, "variable",
                                                 api_text(f->indicators[i].variable)));
    json_t *j = json_pack("{s:I, s:I, s:I, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)x->id,
                          "plan_id", (json_int_t)x->plan_id, "case_id", (json_int_t)x->case_id, "area_id",
                          api_ref(x->area_id), "area", api_text(x->area), "title", x->title, "description",
                          x->description, "target_group", x->target_group, "responsible", x->responsible, "provider",
                          x->provider, "provider_name", api_text(x->provider_name), "programme_id",
                          api_ref(x->programme_id), "programme", api_text(x->programme));
    json_object_set_new(j, "start_date", api_text(x->start_date));
    json_object_set_new(j, "end_date", api_text(x->end_date));
    json_object_set_new(j, "cost", x->cost >= 0 ? json_integer((json_int_t)x->cost) : json_null());
    json_object_set_new(j, "goals", json_string(x->goals));
    json_object_set_new(j, "national_goals", json_string(x->national_goals));
    json_object_set_new(j, "follow_up", json_string(x->follow_up));
    json_object_set_new(j, "state", json_string(x->state));
    json_object_set_new(j, "funding", api_text(x->funding));
    json_object_set_new(j, "funding_reason", api_text(x->funding_reason));
    json_object_set_new(j, "version", json_integer(x->version));
    json_object_set_new(j, "causes", causes);
    json_object_set_new(j, "indicators", ind);
    return j;
}

static json_t *plan_json(request_t *req, const plan_t *p)
{
    plan_facts_t f;
    plans_facts(req->db, p, &req->arena, &f);
    json_t *ivs = json_array();
    for (size_t i = 0; i < f.ninterventions; i++)
        json_array_append_new(ivs, intervention_json(&f.interventions[i], &f));
    const char **missing;
    size_t nm = plan_missing(&f, &req->arena, &missing);
    json_t *miss = json_array();
    for (size_t i = 0; i < nm; i++)
        json_array_append_new(miss, json_string(missing[i]));
    return json_pack("{s:I, s:I, s:I, s:s, s:o, s:o, s:s, s:i, s:o, s:o, s:o, s:o}", "id", (json_int_t)p->id, "case_id",
                     (json_int_t)p->case_id, "analysis_id", (json_int_t)p->analysis_id, "level", p->level, "unit_id",
                     api_ref(p->unit_id), "unit_name", api_text(p->unit_name), "state", p->state, "approved_versions",
                     p->version, "approved_by", api_text(p->approved_by), "approved_at", api_time(p->approved_at),
                     "missing", miss, "interventions", ivs);
}

static int api_list(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    plan_t *p;
    size_t n = plans_of_case(req->db, &req->viewer, c, &req->arena, &p);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, plan_json(req, &p[i]));
    return api_send_list(req, items, (long long)n, 1, (long long)(n ? n : 1));
}

static int answer_plan(request_t *req, int64_t id, int status)
{
    plan_t *p = plans_get(req->db, &req->viewer, id, &req->arena, NULL);
    return p ? api_send(req, status, plan_json(req, p)) : respond_error(req, 404, PLAN_NOT_FOUND);
}

static int answer_intervention(request_t *req, int64_t id, int status)
{
    plan_t *p;
    intervention_t *x = plans_intervention(req->db, &req->viewer, id, &req->arena, &p);
    if (!x)
        return respond_error(req, 404, INTERVENTION_NOT_FOUND);
    plan_facts_t f;
    plans_facts(req->db, p, &req->arena, &f);
    return api_send(req, status, intervention_json(x, &f));
}

static int bad_request(request_t *req)
{
    return respond_error_field(req, 400, req->errors[0].message, req->errors[0].field);
}

static int api_start(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return bad_request(req);
    char *err = NULL;
    int64_t id = plans_start(req->db, &req->viewer, c, req_param_int(req, "unit", 0), &req->arena, &err);
    return id ? answer_plan(req, id, 201) : respond_error(req, 409, err);
}

static int api_get_plan(request_t *req)
{
    return answer_plan(req, req_param_int(req, "id", 0), 200);
}

static plan_t *target_plan(request_t *req, int *status)
{
    plan_t *p = plans_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!p)
        *status = respond_error(req, 404, PLAN_NOT_FOUND);
    else if (req->nerrors)
        *status = bad_request(req);
    return p && !req->nerrors ? p : NULL;
}

static int api_add_intervention(request_t *req)
{
    int status = 0;
    plan_t *p = target_plan(req, &status);
    if (!p)
        return status;
    char *err = NULL;
    int64_t id = plans_add_intervention(req->db, &req->viewer, p, req_param(req, "title"), req_param_int(req, "area", 0),
                                        &req->arena, &err);
    return id ? answer_intervention(req, id, 201) : respond_error(req, 409, err);
}

static int api_flow(request_t *req)
{
    int status = 0;
    plan_t *p = target_plan(req, &status);
    if (!p)
        return status;
    char *err = NULL;
    if (!plans_flow(req->db, &req->viewer, p, req_param(req, "action"), req_param(req, "reason"), &req->arena, &err))
        return respond_error(req, 409, err);
    return answer_plan(req, p->id, 200);
}

static int api_funding(request_t *req)
{
    int status = 0;
    plan_t *p = target_plan(req, &status);
    if (!p)
        return status;
    char *err = NULL;
    if (!plans_decide_funding(req->db, &req->viewer, p, req_param_int(req, "intervention", 0), req_param(req, "funding"),
                              req_param(req, "reason"), &req->arena, &err))
        return respond_error(req, 409, err);
    return answer_plan(req, p->id, 200);
}

static int api_get_intervention(request_t *req)
{
    return answer_intervention(req, req_param_int(req, "id", 0), 200);
}

static int api_save_intervention(request_t *req)
{
    plan_t *p;
    intervention_t *x = plans_intervention(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &p);
    if (!x)
        return respond_error(req, 404, INTERVENTION_NOT_FOUND);
    if (req->nerrors)
        return bad_request(req);
    int64_t causes[PLANS_MAX_CAUSES];
    size_t nc = plans_causes_from_form(req, causes);
    intervention_t next = plans_intervention_from_form(req, x);
    char *err = NULL;
    int based_on = (int)req_param_int(req, "version", 0);
    switch (plans_save_intervention(req->db, &req->viewer, p, &next, based_on, causes, nc, &req->arena, &err)) {
    case WRITE_OK:
        return answer_intervention(req, x->id, 200);
    case WRITE_STALE:
        return respond_error_field(req, 409, arena_printf(&req->arena, "Version %d är inte den senaste: någon annan har "
                                                          "sparat insatsen. Hämta den igen; inget skrevs över.", based_on),
                                   "version");
    default:
        return respond_error(req, 409, err);
    }
}

static int api_add_indicator(request_t *req)
{
    plan_t *p;
    intervention_t *x = plans_intervention(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &p);
    if (!x)
        return respond_error(req, 404, INTERVENTION_NOT_FOUND);
    if (req->nerrors)
        return bad_request(req);
    indicator_t ind = {.measure = req_param(req, "measure"), .baseline = req_param(req, "baseline"),
                       .target = req_param(req, "target"), .read_dates = req_param(req, "read_dates"),
                       .variable = req_param(req, "variable"), .min_value = req_param(req, "min_value"),
                       .max_value = req_param(req, "max_value"), .groups = req_param(req, "groups"),
                       .quality_item_id = req_param_int(req, "quality_item", 0)};
    char *err = NULL;
    if (!plans_add_indicator(req->db, &req->viewer, p, x->id, &ind, &req->arena, &err))
        return respond_error(req, 409, err);
    return answer_intervention(req, x->id, 201);
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_start[] = {PARAM_ID, {"unit", P_INT, 0, "Enhet", 0, 1000000000, NULL}, PARAM_END};
static const param_spec_t p_add[] = {PARAM_ID, {"title", P_TEXT, PARAM_REQUIRED, "Vad ska göras?", 0, 300, NULL},
                                     {"area", P_INT, 0, "Utvecklingsområde", 0, 1000000000, NULL}, PARAM_END};
static const param_spec_t p_flow[] = {PARAM_ID, {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, analysis_flow_actions},
                                      {"reason", P_MULTILINE, 0, "Kommentar", 0, 10000, NULL}, PARAM_END};
static const param_spec_t p_funding[] = {PARAM_ID,
                                         {"intervention", P_INT, PARAM_REQUIRED, "Insats", 1, 1000000000, NULL},
                                         {"funding", P_CHOICE, PARAM_REQUIRED, "Finansiering", 0, 0, plan_funding_keys},
                                         {"reason", P_TEXT, 0, "Motivering", 0, 2000, NULL}, PARAM_END};
static const param_spec_t p_save[] = {PARAM_ID, PARAM_VERSION, INTERVENTION_FIELDS, PARAM_END};
static const param_spec_t p_indicator[] = {PARAM_ID, INDICATOR_FIELDS, PARAM_END};

#define API_WRITE (ROUTE_API | ROUTE_FORM)
const route_t plans_api_routes[] = {
    {"GET", "/api/v1/cases/{id}/plans", api_list, CAP_PLAN_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {"POST", "/api/v1/cases/{id}/plans", api_start, CAP_ANALYSIS_WRITE, API_WRITE, p_start},
    {"GET", "/api/v1/plans/{id}", api_get_plan, CAP_PLAN_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {"POST", "/api/v1/plans/{id}/interventions", api_add_intervention, CAP_ANALYSIS_WRITE, API_WRITE, p_add},
    {"POST", "/api/v1/plans/{id}/flow", api_flow, CAP_PLAN_READ, API_WRITE, p_flow},
    {"POST", "/api/v1/plans/{id}/funding", api_funding, CAP_PLAN_FUND, API_WRITE, p_funding},
    {"GET", "/api/v1/interventions/{id}", api_get_intervention, CAP_PLAN_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {"POST", "/api/v1/interventions/{id}", api_save_intervention, CAP_ANALYSIS_WRITE, API_WRITE, p_save},
    {"POST", "/api/v1/interventions/{id}/indicators", api_add_indicator, CAP_ANALYSIS_WRITE, API_WRITE, p_indicator},
    {NULL, NULL, NULL, 0, 0, NULL},
};
