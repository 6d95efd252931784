/* api.c — the money through the API, for finance and the administrator: grants with
 * their balances, one grant whole (lines, payouts, use, claims), the unpaid claims and a
 * year's cost table. Amounts are öre, as integers. */
#include "parts.h"
#include "../http/api.h"
#include <jansson.h>
#include <string.h>

static json_t *balance_json(const money_balance_t *b)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "granted_ore", (json_int_t)b->granted,
                     "planned_ore", (json_int_t)b->planned, "paid_ore", (json_int_t)b->paid, "pending_ore",
                     (json_int_t)b->pending, "used_ore", (json_int_t)b->used, "unused_ore", (json_int_t)b->unused,
                     "claimed_ore", (json_int_t)b->claimed, "repaid_ore", (json_int_t)b->repaid, "open_claims_ore",
                     (json_int_t)b->open);
}

static json_t *grant_json(const grant_t *g)
{
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:s, s:s, s:b, s:o, s:s, s:o, s:I, s:o}", "id", (json_int_t)g->id, "orgnr",
                     g->orgnr, "organiser", g->organiser, "case_id", api_ref(g->case_id), "agreement",
                     api_text(g->agreement_number), "kind", g->kind, "appropriation", g->appropriation, "ordinance",
                     g->ordinance, "registry_number", api_text(g->registry_number), "decision_date", g->decision_date,
                     "applied_ore", g->applied >= 0 ? json_integer((json_int_t)g->applied) : json_null(), "granted_ore",
                     (json_int_t)g->granted, "balance", balance_json(&g->balance));
}

static json_t *claim_json(const claim_t *c)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)c->id, "grant_id",
                     (json_int_t)c->grant_id, "kind", c->kind, "reason", c->reason, "amount_ore", (json_int_t)c->amount,
                     "registry_number", c->registry_number, "decision_date", c->decision_date, "due_date", c->due_date,
                     "state", c->state, "settled_date", api_text(c->settled_date));
}

static int api_grants(request_t *req)
{
    grant_t *g;
    size_t n = money_grants(req->db, &req->viewer, 0, &req->arena, &g);
    api_page_t pg = api_page(req, n);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append_new(items, grant_json(&g[i]));
    return api_send_page(req, items, &pg);
}

static int api_grant(request_t *req)
{
    grant_t *g = money_grant_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!g)
        return respond_error(req, 404, MONEY_NOT_FOUND);
    json_t *j = grant_json(g);
    grant_use_t *u;
    size_t nu = money_uses(req->db, g, &req->arena, &u);
    grant_line_t *l;
    size_t nl = money_lines(req->db, g, u, nu, &req->arena, &l);
    json_t *lines = json_array();
    for (size_t i = 0; i < nl; i++)
        json_array_append_new(lines, json_pack("{s:I, s:o, s:s, s:I, s:o}", "id", (json_int_t)l[i].id, "intervention_id",
                                               api_ref(l[i].intervention_id), "title", l[i].title, "amount_ore",
                                               (json_int_t)l[i].amount, "used_ore",
                                               l[i].used >= 0 ? json_integer((json_int_t)l[i].used) : json_null()));
    payout_t *p;
    size_t np = money_payouts(req->db, g, &req->arena, &p);
    json_t *payouts = json_array();
    for (size_t i = 0; i < np; i++)
        json_array_append_new(payouts, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)p[i].id, "date",
                                                 p[i].paid_date, "amount_ore", (json_int_t)p[i].amount, "reference",
                                                 p[i].reference, "state", p[i].state, "registered_by", p[i].registered_by,
                                                 "approved_by", api_text(p[i].approved_by)));
    json_t *uses = json_array();
    for (size_t i = 0; i < nu; i++)
        json_array_append_new(uses, json_pack("{s:o, s:s, s:s, s:I}", "line_id", api_ref(u[i].line_id), "as_of", u[i].as_of,
                                              "source", u[i].source, "amount_ore", (json_int_t)u[i].amount));
    claim_t *c;
    size_t nc = money_claims(req->db, g, &req->arena, &c);
    json_t *claims = json_array();
    for (size_t i = 0; i < nc; i++)
        json_array_append_new(claims, claim_json(&c[i]));
    json_object_set_new(j, "lines", lines);
    json_object_set_new(j, "payouts", payouts);
    json_object_set_new(j, "uses", uses);
    json_object_set_new(j, "claims", claims);
    return api_send(req, 200, j);
}

static int api_claims(request_t *req)
{
    claim_t *c;
    size_t n = money_open_claims(req->db, &req->viewer, &req->arena, &c);
    api_page_t pg = api_page(req, n);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append_new(items, claim_json(&c[i]));
    return api_send_page(req, items, &pg);
}

static int api_ledger(request_t *req)
{
    int year = (int)req_param_int(req, "year", 0);
    if (!money_year_known(req->db, year))
        return respond_error(req, 404, "Året har inga kostnader, prognoser eller utbetalningar.");
    money_cost_table_t t;
    money_year_costs(req->db, year, &req->arena, &t);
    json_t *rows = json_array();
    for (int k = 0; k < MONEY_CATEGORIES; k++) {
        const money_cost_row_t *r = &t.rows[k];
        json_t *subs = json_array();
        for (size_t s = 0; s < r->nsublines; s++)
            json_array_append_new(subs, json_pack("{s:s, s:I}", "label", r->sublines[s]->subline, "outcome_ore",
                                                  (json_int_t)r->sublines[s]->amount));
        json_array_append_new(rows, json_pack("{s:s, s:s, s:I, s:o, s:o}", "category", r->category, "label", r->label,
                                              "outcome_ore", (json_int_t)r->outcome, "forecast_ore",
                                              r->forecast >= 0 ? json_integer((json_int_t)r->forecast) : json_null(),
                                              "sublines", subs));
    }
    return api_send(req, 200, json_pack("{s:i, s:o, s:I}", "year", t.year, "categories", rows, "total_ore",
                                        (json_int_t)t.total));
}

static const param_spec_t p_list[] = {PARAM_PAGE, PARAM_PER_PAGE(API_MAX_PER_PAGE), PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_year[] = {{"year", P_INT, PARAM_PATH, "År", 2000, 2100, NULL}, PARAM_END};

const route_t money_api_routes[] = {
    {"GET", "/api/v1/grants", api_grants, CAP_LEDGER, ROUTE_API | ROUTE_KEPT, p_list},
    {"GET", "/api/v1/grants/{id}", api_grant, CAP_LEDGER, ROUTE_API | ROUTE_KEPT, p_id},
    {"GET", "/api/v1/claims", api_claims, CAP_LEDGER, ROUTE_API | ROUTE_KEPT, p_list},
    {"GET", "/api/v1/ledger/{year}", api_ledger, CAP_LEDGER, ROUTE_API | ROUTE_KEPT, p_year},
    {NULL, NULL, NULL, 0, 0, NULL},
};
