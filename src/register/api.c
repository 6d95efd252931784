/* api.c — the register's JSON API: the same store and access rules as the pages. */
#include "pages_common.h"
#include <jansson.h>
#include <math.h>

static json_t *organiser_json(const reg_organiser_t *o)
{
    return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:I}", "orgnr", o->orgnr, "name", o->name,
                     "kind", o->kind, "legal_form", o->legal_form, "municipality_code", o->municipality_code,
                     "municipality", o->municipality, "county", o->county, "school_forms", o->school_forms,
                     "units", (json_int_t)o->units);
}

static json_t *forms_json(const char *text)
{
    json_t *a = json_array();
    unsigned forms = register_forms_parse(text);
    for (int i = 0; i < SCHOOL_FORM_COUNT; i++)
        if (forms & (1u << i))
            json_array_append_new(a, json_string(register_form_key(i)));
    return a;
}

static json_t *unit_json(const reg_unit_t *u)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:o, s:s?}", "code", u->code, "name", u->name,
                          "organiser_orgnr", u->orgnr, "organiser", u->organiser, "municipality_code",
                          u->municipality_code, "municipality", u->municipality, "school_forms",
                          forms_json(u->school_forms), "grades", u->grades && *u->grades ? u->grades : NULL);
    json_object_set_new(j, "pupils", u->pupils >= 0 ? json_integer(u->pupils) : json_null());
    if (u->has_position) {
        json_object_set_new(j, "latitude", json_real(u->latitude));
        json_object_set_new(j, "longitude", json_real(u->longitude));
    }
    return j;
}

static json_t *stat_json(const reg_stat_t *s)
{
    return json_pack("{s:i, s:s, s:o, s:s}", "year", s->year, "variable", s->variable, "value",
                     isnan(s->value) ? json_null() : json_real(s->value), "flag", s->flag);
}

static int send(request_t *req, json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return respond_json_text(req, 200, text);
}

int register_api_organisers(request_t *req)
{
    long long per_page = req_param_int(req, "per_page", REGISTER_PER_PAGE);
    reg_filter_t f = register_filter_from(req, per_page);
    reg_organiser_t *rows;
    long long total;
    size_t n = register_list_organisers(req->db, &req->viewer, &f, &req->arena, &rows, &total);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, organiser_json(&rows[i]));
    return send(req, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "page",
                               (json_int_t)(f.page > 0 ? f.page : 1), "per_page", (json_int_t)per_page));
}

int register_api_organiser(request_t *req)
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
    json_object_set_new(j, "unit_list", list);
    return send(req, j);
}

int register_api_unit(request_t *req)
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
    return send(req, j);
}
