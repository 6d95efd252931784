/* api.c — a case's university documents through the API: each with its state, its
 * headings' texts and its submissions with the decisions on them. */
#include "parts.h"
#include "../http/api.h"
#include <jansson.h>

static json_t *doc_json(const commission_doc_t *d, const doc_submission_t *s, size_t n)
{
    json_t *headings = json_array();
    for (size_t i = 0; i < d->kind->nheadings; i++)
        json_array_append_new(headings, json_pack("{s:s, s:s, s:s}", "key", d->kind->headings[i], "title",
                                                  d->kind->titles[i], "text", d->texts[i]));
    json_t *subs = json_array();
    for (size_t i = 0; i < n; i++)
        if (s[i].document_id == d->id)
            json_array_append_new(subs, json_pack("{s:i, s:s, s:I, s:o, s:s}", "number", s[i].number, "submitted_by", s[i].by,
                                              "submitted_at", (json_int_t)s[i].at, "decision", api_text(s[i].decision),
                                              "comment", s[i].comment));
    return json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:i, s:o, s:o}", "id", (json_int_t)d->id, "kind", d->kind->key,
                     "term", api_text(d->term), "title", d->title, "university", d->university, "state", d->state,
                     "version", d->version, "headings", headings, "submissions", subs);
}

static int api_list(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    commission_doc_t *d;
    size_t n = commission_list(req->db, c, &req->arena, &d);
    doc_submission_t *s;
    size_t ns = commission_submissions_of_case(req->db, c, &req->arena, &s);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, doc_json(&d[i], s, ns));
    return api_send(req, 200, json_pack("{s:I, s:o}", "case_id", (json_int_t)c->id, "items", items));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t commission_api_routes[] = {
    {"GET", "/api/v1/cases/{id}/commission", api_list, CAP_COMMISSION_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
