/* api.c — the surveys through the API: the questionnaires within reach, one with its
 * sections and questions, and its results aggregated with the small groups hidden (a
 * hidden group carries no figures, only "hidden": true). No answer leaves this way. */
#include "parts.h"
#include "../http/api.h"
#include <jansson.h>
#include <math.h>
#include <string.h>

static json_t *survey_json(const survey_t *s)
{
    return json_pack("{s:I, s:s, s:i, s:s, s:b, s:i}", "id", (json_int_t)s->id, "title", s->title, "year", s->year,
                     "state", s->state, "anonymous", s->anonymous, "questions", s->items);
}

static int api_list(request_t *req)
{
    survey_t *s;
    size_t n = surveys_list(req->db, &req->viewer, &req->arena, &s);
    api_page_t pg = api_page(req, n);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append_new(items, survey_json(&s[i]));
    return api_send_page(req, items, &pg);
}

static json_t *options_json(const char *const *options, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++)
        json_array_append_new(a, json_string(options[k]));
    return a;
}

static int api_get(request_t *req)
{
    survey_t *s = surveys_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!s)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    survey_section_t *x;
    size_t nx = surveys_sections(req->db, s, &req->arena, &x);
    survey_item_t *it;
    size_t ni = surveys_items(req->db, s, &req->arena, &it);
    json_t *j = survey_json(s), *sections = json_array();
    json_object_set_new(j, "intro", json_string(s->intro));
    for (size_t k = 0; k < nx; k++) {
        json_t *questions = json_array();
        for (size_t i = 0; i < ni; i++) {
            if (it[i].section_id != x[k].id)
                continue;
            const char **options;
            size_t no = survey_options(&it[i].q, &req->arena, &options);
            json_array_append_new(questions, json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:b}", "item_id",
                                                       (json_int_t)it[i].id, "question_id", (json_int_t)it[i].q.id,
                                                       "kind", it[i].q.kind, "text", it[i].q.text, "options",
                                                       options_json(options, no), "min",
                                                       it[i].q.has_range ? json_integer(it[i].q.min) : json_null(),
                                                       "max", it[i].q.has_range ? json_integer(it[i].q.max) : json_null(),
                                                       "required", it[i].required));
        }
        json_array_append_new(sections, json_pack("{s:s, s:o}", "title", x[k].title, "questions", questions));
    }
    json_object_set_new(j, "sections", sections);
    return api_send(req, 200, j);
}

/* A distribution as it may leave: figures only when shown. */
static json_t *dist_json(const survey_dist_t *d, size_t noptions)
{
    if (d->hidden)
        return json_pack("{s:b, s:n, s:n, s:n}", "hidden", 1, "answered", "counts", "mean");
    json_t *counts = json_null();
    if (noptions) {
        counts = json_array();
        for (size_t k = 0; k < noptions; k++)
            json_array_append_new(counts, json_integer(d->counts[k]));
    }
    return json_pack("{s:b, s:i, s:o, s:o}", "hidden", 0, "answered", d->answered, "counts", counts, "mean",
                     isnan(d->mean) ? json_null() : json_real(round(d->mean * 100) / 100));
}

static json_t *results_json(const survey_t *s, const survey_results_t *x)
{
    json_t *groups = json_array(), *organisers = json_array(), *questions = json_array();
    for (size_t g = 0; g < x->ngroups; g++)
        if (x->groups[g].invited)
            json_array_append_new(groups, json_pack("{s:s, s:s, s:i, s:o, s:b}", "group", x->groups[g].key, "label",
                                                    x->groups[g].label, "invited", x->groups[g].invited, "complete",
                                                    x->groups[g].hidden ? json_null() : json_integer(x->groups[g].complete),
                                                    "hidden", x->groups[g].hidden));
    for (size_t i = 0; i < x->norganisers; i++)
        json_array_append_new(organisers, json_pack("{s:I, s:s, s:i, s:i, s:b}", "id", (json_int_t)x->organisers[i].id,
                                                    "name", x->organisers[i].name, "invited", x->organisers[i].invited,
                                                    "complete", x->organisers[i].complete, "principal_level",
                                                    x->organisers[i].principal));
    for (size_t i = 0; i < x->nitems; i++) {
        const survey_result_t *r = &x->results[i];
        json_t *by_group = json_array(), *years = json_array();
        for (size_t g = 0; g < x->ngroups; g++)
            if (r->groups[g].hidden || r->groups[g].answered) {
                json_t *d = dist_json(&r->groups[g], r->noptions);
                json_object_set_new(d, "group", json_string(x->groups[g].key));
                json_array_append_new(by_group, d);
            }
        for (size_t k = 0; k < r->nyears; k++) {
            json_t *d = dist_json(&r->years[k].total, r->noptions);
            json_object_set_new(d, "year", json_integer(r->years[k].year));
            json_object_set_new(d, "survey_id", json_integer(r->years[k].survey_id));
            json_array_append_new(years, d);
        }
        json_array_append_new(questions, json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "item_id",
                                                   (json_int_t)r->item->id, "question_id", (json_int_t)r->item->q.id,
                                                   "kind", r->item->q.kind, "text", r->item->q.text, "options",
                                                   options_json(r->options, r->noptions), "total",
                                                   dist_json(&r->total, r->noptions), "groups", by_group,
                                                   "other_years", years));
    }
    return json_pack("{s:I, s:i, s:o, s:i, s:o, s:o, s:o, s:o, s:o}", "survey_id", (json_int_t)s->id, "year", s->year,
                     "organiser_id", x->organiser_id ? json_integer(x->organiser_id) : json_null(), "invited",
                     x->invited, "complete", x->total_shown ? json_integer(x->complete) : json_null(), "groups", groups,
                     "organisers", organisers, "principal_level_organisers",
                     x->organiser_id ? json_null() : json_integer(x->covered), "questions", questions);
}

static int api_results(request_t *req)
{
    survey_t *s = surveys_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    survey_results_t *x = s ? surveys_results(req->db, &req->viewer, s, req_param_int(req, "organiser", 0), &req->arena)
                            : NULL;
    if (!x)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    return api_send(req, 200, results_json(s, x));
}

static const param_spec_t p_list[] = {PARAM_PAGE, PARAM_PER_PAGE(API_MAX_PER_PAGE), PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_results[] = {PARAM_ID, {"organiser", P_INT, 0, "Huvudman", 1, 1000000000, NULL}, PARAM_END};

const route_t surveys_api_routes[] = {
    {"GET", "/api/v1/surveys", api_list, CAP_SURVEY_RESULTS, ROUTE_API | ROUTE_KEPT, p_list},
    {"GET", "/api/v1/surveys/{id}", api_get, CAP_SURVEY_RESULTS, ROUTE_API | ROUTE_KEPT, p_id},
    {"GET", "/api/v1/surveys/{id}/results", api_results, CAP_SURVEY_RESULTS, ROUTE_API | ROUTE_KEPT, p_results},
    {NULL, NULL, NULL, 0, 0, NULL},
};
