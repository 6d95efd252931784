/* api.c — an agreement as JSON, and a new version written through the API (a JSON body or
 * a form, with the same fields and checks as the page), answered with the agreement. */
#include "parts.h"
#include "../http/api.h"

static json_t *content_json(agreement_kind_t k, const agreement_content_t *c)
{
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    json_t *sections = json_object(), *payouts = json_array();
    for (size_t i = 0; i < n; i++)
        json_object_set_new(sections, s[i].key, api_text(c->sections[i]));
    for (size_t i = 0; i < c->npayouts; i++)
        json_array_append_new(payouts, json_pack("{s:s, s:I}", "date", c->payouts[i].date, "amount_ore",
                                                 (json_int_t)c->payouts[i].amount_ore));
    /* Who may not see the money gets null for it, not a zero that looks like a fact. */
    if (c->money_hidden) {
        json_decref(payouts);
        payouts = json_null();
    }
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:b}", "period_from", api_text(c->period_from), "period_to",
                     api_text(c->period_to), "amount_ore",
                     c->money_hidden ? json_null() : json_integer((json_int_t)c->amount_ore), "payouts", payouts,
                     "sections", sections, "money_hidden", c->money_hidden);
}

static json_t *agreement_json(const agreement_t *g, const agreement_content_t *c)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)g->id,
                     "case_id", (json_int_t)g->case_id, "kind", agreement_kind_keys[g->kind], "registry_number",
                     g->registry_number, "state", agreement_state_keys[g->state], "version", g->version,
                     "supersedes_id", api_ref(g->supersedes_id), "supersedes_number", api_text(g->supersedes_number),
                     "agency_approved_by", api_text(g->agency_approved_by), "agency_approved_at",
                     api_time(g->agency_approved_at), "counterpart_approved_by", api_text(g->counterpart_approved_by),
                     "counterpart_approved_at", api_time(g->counterpart_approved_at), "updated_at",
                     api_time(g->updated_at), "content", content_json(g->kind, c));
}

#define NOT_FOUND "Överenskommelsen finns inte, eller så har du inte tillgång till den."

static int api_get(request_t *req)
{
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    agreement_content_t c;
    if (!g || !agreements_content(req->db, &req->viewer, g, 0, &req->arena, &c, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    return api_send(req, 200, agreement_json(g, &c));
}

static int api_update(request_t *req)
{
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!g)
        return respond_error(req, 404, NOT_FOUND);
    if (g->state == AGS_SIGNED || g->state == AGS_CLOSED)
        return respond_error(req, 409, "En undertecknad överenskommelse kan inte ändras; gör en tilläggsöverenskommelse.");
    agreement_content_t c;
    if (!agreements_read_form(req, g->kind, &c))
        return respond_error_field(req, 400, req->errors[0].message, req->errors[0].field);
    char *err = NULL;
    int based_on = (int)req_param_int(req, "version", 0);
    switch (agreements_save(req->db, &req->viewer, g, based_on, &c, &req->arena, &err)) {
    case WRITE_OK:
        break;
    case WRITE_STALE:
        return respond_error_field(req, 409, arena_printf(&req->arena, "Version %d är inte den senaste: någon annan har "
                                                          "sparat en nyare version. Hämta överenskommelsen igen och "
                                                          "gör ändringen på den; inget skrevs över.", based_on),
                                   "version");
    default:
        return respond_error(req, 409, err);
    }
    g = agreements_get(req->db, &req->viewer, g->id, &req->arena, NULL);
    if (!g || !agreements_content(req->db, &req->viewer, g, 0, &req->arena, &c, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    return api_send(req, 200, agreement_json(g, &c));
}

static const param_spec_t p_get[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_update[] = {PARAM_ID, AGREEMENT_FIELDS, PARAM_VERSION, PARAM_END};

const route_t agreements_api_routes[] = {
    {"GET", "/api/v1/agreements/{id}", api_get, CAP_AGREEMENT_READ, ROUTE_API | ROUTE_KEPT, p_get},
    {"POST", "/api/v1/agreements/{id}", api_update, CAP_AGREEMENT_WRITE, ROUTE_API | ROUTE_FORM, p_update},
    {NULL, NULL, NULL, 0, 0, NULL},
};
