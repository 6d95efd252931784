/* api.c — selection rounds, their rankings and offers as JSON, from the same store and
 * with the same access rules as the pages (rounds and rankings: admin and analyst; offers:
 * also the organiser they are made to). */
#include "parts.h"
#include "rounds.h"
#include "organisers_view.h"
#include "../http/api.h"
#include "../register/register.h"

static json_t *counts_json(db_t *db, int64_t id)
{
    round_counts_t c;
    rounds_counts(db, id, &c);
    json_t *forms = json_object();
    for (int f = 0; f < SCHOOL_FORM_COUNT; f++)
        if (c.by_form[f])
            json_object_set_new(forms, register_form_key(f), json_integer(c.by_form[f]));
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "offered", (json_int_t)c.offered, "accepted",
                     (json_int_t)c.accepted, "declined", (json_int_t)c.declined, "pending", (json_int_t)c.pending,
                     "units", (json_int_t)c.units, "supplementary", (json_int_t)c.supplementary, "units_by_form", forms);
}

static json_t *round_json(db_t *db, const round_t *r)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)r->id, "name", r->name, "planned_date",
                          r->planned_date, "status", r->status, "decision_date", api_text(r->decision_date), "frozen_at",
                          api_time(r->frozen_at));
    json_t *in = json_null();
    if (r->frozen_at)
        in = json_pack("{s:i, s:i, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o}", "results_year", r->results_year,
                       "background_year", r->background_year, "preschool_year", r->preschool_year, "inspection_from",
                       api_text(r->inspection_from), "inspection_to", api_text(r->inspection_to), "preschool_vars",
                       api_split(r->preschool_vars, ","), "preschool_weights", api_split(r->preschool_weights, ","),
                       "result_var", api_text(r->result_var), "background_vars", api_split(r->background_vars, ","),
                       "prefer_coordinated", (int)r->prefer_coordinated, "criteria_set",
                       r->criteria_name ? json_pack("{s:I, s:s, s:i}", "id", (json_int_t)r->criteria_set_id, "name",
                                                    r->criteria_name, "version", r->criteria_version)
                                        : json_null());
    json_object_set_new(j, "inputs", in);
    json_object_set_new(j, "counts", counts_json(db, r->id));
    return j;
}

static json_t *offer_json(const offer_t *f)
{
    return json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)f->id, "round_id",
                     (json_int_t)f->round_id, "round_name", f->round_name, "decision_date", api_text(f->decision_date),
                     "organiser_orgnr", f->orgnr, "organiser_name", f->organiser, "status", f->status, "reason",
                     api_text(f->reason), "answered_by", api_text(f->answered_by), "answered_at",
                     api_time(f->answered_at), "answer_by", api_text(f->answer_by));
}

/* A whole list of n built items as one page. */
static int send_all(request_t *req, json_t *all)
{
    api_page_t pg = api_page(req, json_array_size(all));
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append(items, json_array_get(all, i));
    json_decref(all);
    return api_send_page(req, items, &pg);
}

static int api_rounds(request_t *req)
{
    round_t *r;
    size_t n = rounds_list(req->db, &req->arena, &r);
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(all, round_json(req->db, &r[i]));
    return send_all(req, all);
}

static int api_round(request_t *req)
{
    round_t *r = rounds_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    json_t *j = round_json(req->db, r);
    round_choice_t *c;
    size_t n = rounds_choices(req->db, r->id, &req->arena, &c);
    json_t *choices = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(choices, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "code", c[i].code,
                                                 "name", c[i].name, "organiser_orgnr", c[i].orgnr, "organiser_name",
                                                 c[i].organiser, "ranking", c[i].ranking, "reason", c[i].reason,
                                                 "public_reason", c[i].public_reason ? c[i].public_reason : "",
                                                 "decision", c[i].decision, "decision_date",
                                                 api_text(c[i].decision_date)));
    json_object_set_new(j, "choices", choices);
    offer_t *f;
    n = offers_list(req->db, &req->viewer, r->id, &req->arena, &f);
    json_t *offers = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(offers, offer_json(&f[i]));
    json_object_set_new(j, "offers", offers);
    return api_send(req, 200, j);
}

static int api_ranking(request_t *req)
{
    round_t *r = rounds_get(req->db, req_param_int(req, "id", 0), &req->arena);
    int m = ranking_method_from_key(req_param(req, "method"));
    if (!r || m < 0)
        return respond_error(req, 404, "Rangordningen finns inte.");
    ranking_t rk;
    char *err = NULL;
    if (!rounds_ranking(req->db, r, (rank_method_t)m, &req->arena, &rk, &err))
        return respond_error(req, 409, err);
    /* Paged like the other lists: a national preschool ranking is thousands of rows. */
    api_page_t pg = api_page(req, rk.nrows);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append_new(items, ranking_json_row(&rk, i));
    /* The ranking's figures beside the envelope. */
    json_t *j = api_list_json(req, items, (long long)rk.nrows, pg.page, pg.per_page);
    json_t *meta = ranking_json_meta(&rk);
    json_object_set_new(meta, "round_id", json_integer(r->id));
    json_object_set_new(j, "ranking", meta);
    return api_send(req, 200, j);
}

static int api_offers(request_t *req)
{
    offer_t *f;
    size_t n = offers_list(req->db, &req->viewer, 0, &req->arena, &f);
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(all, offer_json(&f[i]));
    return send_all(req, all);
}

static int api_organisers(request_t *req)
{
    round_t *r = rounds_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    org_candidate_t *c;
    char *err = NULL;
    size_t n = organisers_view(req->db, r, &req->arena, &c, &err);
    if (n == (size_t)-1)
        return respond_error(req, 409, err);
    json_t *all = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(all, json_pack("{s:i, s:s, s:I, s:I, s:o, s:b, s:I, s:I, s:s}", "rank", c[i].rank,
                                             "organiser_name", c[i].organiser, "inspection_units",
                                             (json_int_t)c[i].inspection_units, "with_fine", (json_int_t)c[i].with_fine,
                                             "best_inspection_rank",
                                             c[i].best_inspection ? json_integer(c[i].best_inspection) : json_null(),
                                             "preschool_injunction", (int)c[i].preschool_injunction,
                                             "difficult_preschools", (json_int_t)c[i].difficult_preschools, "chosen",
                                             (json_int_t)c[i].chosen, "explanation",
                                             organisers_view_explain(&c[i], &req->arena)));
    return send_all(req, all);
}

#define PAGING PARAM_PAGE, PARAM_PER_PAGE(API_MAX_PER_PAGE)
static const param_spec_t p_list[] = {PAGING, PARAM_END};
static const param_spec_t p_round[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_round_list[] = {PARAM_ID, PAGING, PARAM_END};
static const param_spec_t p_ranking[] = {PARAM_ID,
                                         {"method", P_CHOICE, PARAM_PATH, "Rangordning", 0, 0, selection_method_keys},
                                         PARAM_PAGE, PARAM_PER_PAGE(10000), PARAM_END};

const route_t selection_api_routes[] = {
    {"GET", "/api/v1/rounds", api_rounds, CAP_ROUND_MANAGE, ROUTE_API | ROUTE_KEPT, p_list},
    {"GET", "/api/v1/rounds/{id}", api_round, CAP_ROUND_MANAGE, ROUTE_API | ROUTE_KEPT, p_round},
    {"GET", "/api/v1/rounds/{id}/rankings/{method}", api_ranking, CAP_ROUND_MANAGE, ROUTE_API | ROUTE_KEPT, p_ranking},
    {"GET", "/api/v1/rounds/{id}/organisers", api_organisers, CAP_ROUND_MANAGE, ROUTE_API | ROUTE_KEPT, p_round_list},
    {"GET", "/api/v1/offers", api_offers, CAP_OFFER_READ, ROUTE_API, p_list},
    {NULL, NULL, NULL, 0, 0, NULL},
};
