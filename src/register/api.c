/* api.c — the register's JSON API: the same store and access rules as the pages. */
#include "parts.h"
#include "../http/api.h"
#include <math.h>

static json_t *forms_json(const char *text)
{
    json_t *a = json_array();
    unsigned forms = register_forms_parse(text);
    for (int i = 0; i < SCHOOL_FORM_COUNT; i++)
        if (forms & (1u << i))
            json_array_append_new(a, json_string(register_form_key(i)));
    return a;
}

static json_t *organiser_json(const reg_organiser_t *o)
{
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:I}", "orgnr", o->orgnr, "name", o->name, "kind",
                     o->kind, "legal_form", api_text(o->legal_form), "municipality_code", api_text(o->municipality_code),
                     "municipality", api_text(o->municipality), "county_code", api_text(o->county_code), "county",
                     api_text(o->county), "school_forms", forms_json(o->school_forms), "unit_count",
                     (json_int_t)o->units);
}

static json_t *unit_json(const reg_unit_t *u)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "code", u->code, "name", u->name,
                          "organiser_orgnr", u->orgnr, "organiser_name", u->organiser, "municipality_code",
                          api_text(u->municipality_code), "municipality", api_text(u->municipality), "county",
                          api_text(u->county), "school_forms", forms_json(u->school_forms), "grades",
                          api_text(u->grades));
    json_object_set_new(j, "pupils", u->pupils >= 0 ? json_integer(u->pupils) : json_null());
    json_object_set_new(j, "latitude", u->has_position ? json_real(u->latitude) : json_null());
    json_object_set_new(j, "longitude", u->has_position ? json_real(u->longitude) : json_null());
    return j;
}

static json_t *stat_json(const reg_stat_t *s)
{
    return json_pack("{s:o, s:s, s:o, s:o}", "year", s->year ? json_integer(s->year) : json_null(), "variable",
                     s->variable, "value", api_real(s->value), "flag", api_text(s->flag));
}

static int api_organisers(request_t *req)
{
    long long page, per_page;
    api_paging(req, &page, &per_page);
    reg_filter_t f = register_filter_from(req, per_page);
    f.page = page;
    reg_organiser_t *rows;
    long long total;
    size_t n = register_list_organisers(req->db, &req->viewer, &f, &req->arena, &rows, &total);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, organiser_json(&rows[i]));
    return api_send_list(req, items, total, page, per_page);
}

static int api_organiser(request_t *req)
{
    reg_organiser_t *o = register_get_organiser(req->db, &req->viewer, req_param(req, "orgnr"), &req->arena);
    if (!o)
        return respond_error(req, 404, "Huvudmannen finns inte.");
    reg_unit_t *units;
    size_t n = register_organiser_units(req->db, o, &req->arena, &units);
    json_t *j = organiser_json(o), *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s, s:s, s:o}", "code", units[i].code, "name", units[i].name,
                                              "school_forms", forms_json(units[i].school_forms)));
    json_object_set_new(j, "units", list);
    return api_send(req, 200, j);
}

static int api_unit(request_t *req)
{
    reg_unit_t *u = register_get_unit(req->db, &req->viewer, req_param(req, "code"), &req->arena);
    if (!u)
        return respond_error(req, 404, "Enheten finns inte.");
    reg_stat_t *stats;
    size_t n = register_unit_stats(req->db, u, &req->arena, &stats);
    json_t *j = unit_json(u), *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, stat_json(&stats[i]));
    json_object_set_new(j, "statistics", list);
    return api_send(req, 200, j);
}

static const param_spec_t p_list[] = {REGISTER_FILTER_PARAMS, PARAM_PER_PAGE(API_MAX_PER_PAGE), PARAM_END};
static const param_spec_t p_orgnr[] = {{"orgnr", P_ORGNR, PARAM_PATH, "Organisationsnummer", 0, 0, NULL}, PARAM_END};
static const param_spec_t p_code[] = {{"code", P_UNIT_CODE, PARAM_PATH, "Enhetskod", 0, 0, NULL}, PARAM_END};

const route_t register_api_routes[] = {
    {"GET", "/api/v1/organisers", api_organisers, CAP_REGISTER_READ, ROUTE_API | ROUTE_KEPT, p_list},
    {"GET", "/api/v1/organisers/{orgnr}", api_organiser, CAP_REGISTER_READ, ROUTE_API | ROUTE_KEPT, p_orgnr},
    {"GET", "/api/v1/units/{code}", api_unit, CAP_REGISTER_READ, ROUTE_API | ROUTE_KEPT, p_code},
    {NULL, NULL, NULL, 0, 0, NULL},
};
