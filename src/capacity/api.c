/* api.c — a case's mapping of improvement capacity through the API: both moments with
 * every aspect's level and comment, and the change per aspect. */
#include "parts.h"
#include "../http/api.h"
#include <jansson.h>
#include <math.h>

static json_t *mapping_json(const capacity_mapping_t *m)
{
    json_t *answers = json_array();
    for (size_t i = 0; i < m->n; i++) {
        const capacity_answer_t *x = &m->answers[i];
        json_array_append_new(answers, json_pack("{s:I, s:s, s:s, s:o, s:s}", "aspect_id", (json_int_t)x->aspect_id,
                                                 "group", x->grp, "aspect", x->name, "level",
                                                 x->level ? json_integer(x->level) : json_null(), "comment", x->comment));
    }
    double mean = capacity_mean(m);
    return json_pack("{s:s, s:b, s:s, s:o, s:o}", "moment", m->moment, "done", m->done, "history", m->history, "mean",
                     isnan(mean) ? json_null() : json_real(mean), "answers", answers);
}

static int api_capacity(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    capacity_mapping_t *start, *end;
    capacity_get_both(req->db, c, &req->arena, &start, &end);
    capacity_change_t *ch;
    size_t n = capacity_compare(start, end, &req->arena, &ch);
    json_t *changes = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(changes, json_pack("{s:I, s:s, s:o, s:o}", "aspect_id", (json_int_t)ch[i].aspect_id,
                                                 "aspect", ch[i].name, "start",
                                                 ch[i].start ? json_integer(ch[i].start) : json_null(), "end",
                                                 ch[i].end ? json_integer(ch[i].end) : json_null()));
    return api_send(req, 200, json_pack("{s:I, s:o, s:o, s:o}", "case_id", (json_int_t)c->id, "start",
                                        mapping_json(start), "end", mapping_json(end), "changes", changes));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t capacity_api_routes[] = {
    {"GET", "/api/v1/cases/{id}/capacity", api_capacity, CAP_CAPACITY_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
