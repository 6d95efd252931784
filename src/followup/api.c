/* api.c — an indicator's readings through the API: read in the plan's scope, written by
 * the analysis group with the page's fields and rules. */
#include "parts.h"
#include "../http/api.h"
#include <math.h>

#define NOT_FOUND "Indikatorn finns inte, eller så har du inte tillgång till den."

static json_t *indicator_json(request_t *req, const followed_t *f)
{
    reading_t *r;
    size_t n = followup_readings(req->db, f->ind.id, &req->arena, &r);
    json_t *readings = json_array(), *groups = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(readings, json_pack("{s:I, s:s, s:o, s:f, s:s, s:s, s:o}", "id", (json_int_t)r[i].id,
                                                  "period", r[i].period, "group", api_text(r[i].grp), "value",
                                                  r[i].value, "note", r[i].note, "entered_by", r[i].entered_by,
                                                  "entered_at", api_time(r[i].entered_at)));
    for (size_t i = 0; f->groups[i]; i++)
        json_array_append_new(groups, json_string(f->groups[i]));
    const char **periods;
    double *values;
    size_t m = followup_series(r, n, "", &req->arena, &periods, &values);
    run_analysis_t runs;
    run_analyse(values, m, &req->arena, &runs);
    indicator_status_t s = indicator_status(f->ind.baseline, f->ind.target, values, m, &runs);
    json_t *j = json_pack("{s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)f->ind.id,
                          "intervention_id", (json_int_t)f->iv->id, "plan_id", (json_int_t)f->plan->id, "case_id",
                          (json_int_t)f->c->id, "measure", f->ind.measure, "baseline", f->ind.baseline, "target",
                          f->ind.target, "read_dates", f->ind.read_dates, "min_value",
                          isnan(f->min_value) ? json_null() : json_real(f->min_value), "max_value",
                          isnan(f->max_value) ? json_null() : json_real(f->max_value), "groups", groups, "readings",
                          readings);
    json_object_set_new(j, "status", json_string(indicator_status_key(s)));
    register_point_t *p;
    size_t np = followup_register_series(req->db, f, r, n, &req->arena, &p);
    json_t *reg = json_array();
    for (size_t i = 0; i < np; i++)
        json_array_append_new(reg, json_pack("{s:i, s:o, s:s, s:o, s:o, s:b}", "year", p[i].year, "value",
                                             isnan(p[i].value) ? json_null() : json_real(p[i].value), "flag",
                                             p[i].flag, "own", isnan(p[i].own) ? json_null() : json_real(p[i].own),
                                             "own_period", api_text(p[i].own_period), "differs", p[i].differs));
    json_object_set_new(j, "register", reg);
    json_object_set_new(j, "median", m ? json_real(runs.median) : json_null());
    json_object_set_new(j, "shift", json_boolean(runs.found & (RUN_SHIFT_UP | RUN_SHIFT_DOWN)));
    json_object_set_new(j, "trend", json_boolean(runs.found & (RUN_TREND_UP | RUN_TREND_DOWN)));
    return j;
}

static int api_get(request_t *req)
{
    followed_t *f = followup_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    return f ? api_send(req, 200, indicator_json(req, f)) : respond_error(req, 404, NOT_FOUND);
}

static int api_record(request_t *req)
{
    followed_t *f = followup_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!f)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return respond_error_field(req, 400, req->errors[0].message, req->errors[0].field);
    reading_input_t in = {req_param(req, "period"), req_param(req, "grp"), req_param(req, "value"),
                          req_param(req, "note")};
    const char *field;
    char *err = NULL;
    if (!followup_record(req->db, &req->viewer, f, &in, &req->arena, &field, &err))
        return field ? respond_error_field(req, 422, err, field) : respond_error(req, 409, err);
    return api_send(req, 201, indicator_json(req, f));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_reading[] = {PARAM_ID, READING_FIELDS, PARAM_END};

const route_t followup_api_routes[] = {
    {"GET", "/api/v1/indicators/{id}", api_get, CAP_PLAN_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {"POST", "/api/v1/indicators/{id}/readings", api_record, CAP_ANALYSIS_WRITE, ROUTE_API | ROUTE_FORM, p_reading},
    {NULL, NULL, NULL, 0, 0, NULL},
};
