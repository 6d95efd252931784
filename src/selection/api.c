/* api.c — selection rounds, their rankings and offers as JSON, from the same store and
 * with the same access rules as the pages (rounds and rankings: admin and analyst; offers:
 * also the organiser they are made to). */
#include "selection_pages.h"
#include "rounds.h"
#include "organisers_view.h"
#include "../register/register.h"
#include <jansson.h>
#include <stdlib.h>

static int send(request_t *req, json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return respond_json_text(req, 200, text);
}

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
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s?}", "id", (json_int_t)r->id, "name", r->name, "planned_date",
                          r->planned_date, "status", r->status, "decision_date", r->decision_date);
    if (r->frozen_at) {
        json_t *in = json_pack("{s:i, s:i, s:i, s:s?, s:s?, s:s, s:s, s:s, s:s, s:b}", "results_year", r->results_year,
                               "background_year", r->background_year, "preschool_year", r->preschool_year,
                               "inspection_from", r->inspection_from, "inspection_to", r->inspection_to,
                               "preschool_vars", r->preschool_vars, "preschool_weights", r->preschool_weights,
                               "result_var", r->result_var, "background_vars", r->background_vars,
                               "prefer_coordinated", (int)r->prefer_coordinated);
        if (r->criteria_name)
            json_object_set_new(in, "criteria_set", json_pack("{s:I, s:s, s:i}", "id", (json_int_t)r->criteria_set_id,
                                                              "name", r->criteria_name, "version", r->criteria_version));
        json_object_set_new(j, "inputs", in);
    }
    json_object_set_new(j, "counts", counts_json(db, r->id));
    return j;
}

static json_t *offer_json(const offer_t *f)
{
    return json_pack("{s:I, s:I, s:s, s:s?, s:s, s:s, s:s, s:s}", "id", (json_int_t)f->id, "round", (json_int_t)f->round_id,
                     "round_name", f->round_name, "decision_date", f->decision_date, "organiser_orgnr", f->orgnr,
                     "organiser", f->organiser, "status", f->status, "reason", f->reason);
}

int selection_api_rounds(request_t *req)
{
    round_t *r;
    size_t n = rounds_list(req->db, &req->arena, &r);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, round_json(req->db, &r[i]));
    return send(req, json_pack("{s:o}", "rounds", items));
}

int selection_api_round(request_t *req)
{
    round_t *r = rounds_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    json_t *j = round_json(req->db, r);
    round_choice_t *c;
    size_t n = rounds_choices(req->db, r->id, &req->arena, &c);
    json_t *choices = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(choices, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?}", "code", c[i].code, "name",
                                                 c[i].name, "organiser_orgnr", c[i].orgnr, "organiser", c[i].organiser,
                                                 "ranking", c[i].ranking, "reason", c[i].reason, "decision",
                                                 c[i].decision, "decision_date", c[i].decision_date));
    json_object_set_new(j, "choices", choices);
    offer_t *f;
    n = offers_list(req->db, &req->viewer, r->id, &req->arena, &f);
    json_t *offers = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(offers, offer_json(&f[i]));
    json_object_set_new(j, "offers", offers);
    return send(req, j);
}

int selection_api_ranking(request_t *req)
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
    long long page = req_param_int(req, "page", 1), per_page = req_param_int(req, "per_page", 500);
    json_t *j = ranking_json(&rk, (size_t)((page - 1) * per_page), (size_t)per_page);
    json_object_set_new(j, "round", json_integer(r->id));
    json_object_set_new(j, "page", json_integer(page));
    json_object_set_new(j, "per_page", json_integer(per_page));
    json_object_set_new(j, "total", json_integer((json_int_t)rk.nrows));
    return send(req, j);
}

int selection_api_offers(request_t *req)
{
    offer_t *f;
    size_t n = offers_list(req->db, &req->viewer, 0, &req->arena, &f);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, offer_json(&f[i]));
    return send(req, json_pack("{s:o}", "offers", items));
}

int selection_api_organisers(request_t *req)
{
    round_t *r = rounds_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    org_candidate_t *c;
    char *err = NULL;
    size_t n = organisers_view(req->db, r, &req->arena, &c, &err);
    if (n == (size_t)-1)
        return respond_error(req, 409, err);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_pack("{s:i, s:s, s:I, s:I, s:b, s:I, s:I, s:s}", "rank", c[i].rank, "organiser", c[i].organiser,
                              "inspection_units", (json_int_t)c[i].inspection_units, "with_fine",
                              (json_int_t)c[i].with_fine, "preschool_injunction", (int)c[i].preschool_injunction,
                              "difficult_preschools", (json_int_t)c[i].difficult_preschools, "chosen",
                              (json_int_t)c[i].chosen, "explanation", organisers_view_explain(&c[i], &req->arena));
        json_object_set_new(o, "best_inspection_rank", c[i].best_inspection ? json_integer(c[i].best_inspection)
                                                                             : json_null());
        json_array_append_new(items, o);
    }
    return send(req, json_pack("{s:I, s:o}", "round", (json_int_t)r->id, "organisers", items));
}
