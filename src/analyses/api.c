/* api.c — analyses as JSON, and their writes through the API (a JSON body or a form, with
 * the same fields, rules and scope as the pages), each answered with the analysis. */
#include "parts.h"
#include "../http/api.h"
#include <string.h>

#define NOT_FOUND "Analysen finns inte, eller så har du inte tillgång till den."

static json_t *summary_json(const analysis_t *an)
{
    return json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:s, s:i, s:o, s:o, s:o}", "id", (json_int_t)an->id, "case_id",
                     (json_int_t)an->case_id, "level", an->level, "unit_id", api_ref(an->unit_id), "unit_code",
                     api_text(an->unit_code), "unit_name", api_text(an->unit_name), "state", an->state,
                     "approved_versions", an->version, "approved_by", api_text(an->approved_by), "approved_at",
                     api_time(an->approved_at), "updated_at", api_time(an->updated_at));
}

static json_t *analysis_json(request_t *req, const analysis_t *an)
{
    json_t *j = summary_json(an);
    analysis_section_t *s;
    size_t ns = analyses_sections(req->db, an, &req->arena, &s);
    json_t *sections = json_array();
    for (size_t i = 0; i < ns; i++)
        json_array_append_new(sections, json_pack("{s:I, s:s, s:s, s:s, s:i}", "id", (json_int_t)s[i].id, "kind",
                                                  s[i].kind, "title", s[i].title, "body", s[i].body, "version",
                                                  s[i].version));
    analysis_problem_t *p;
    size_t np = analyses_problems(req->db, an, &req->arena, &p);
    analysis_cause_t *k;
    size_t nk = analyses_causes(req->db, an, &req->arena, &k);
    json_t *problems = json_array();
    for (size_t i = 0; i < np; i++) {
        json_t *causes = json_array();
        for (size_t c = 0; c < nk; c++)
            if (k[c].problem_id == p[i].id)
                json_array_append_new(causes, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)k[c].id, "kind", k[c].kind,
                                                        "text", k[c].text));
        json_array_append_new(problems, json_pack("{s:I, s:s, s:s, s:s, s:o, s:i, s:o}", "id", (json_int_t)p[i].id,
                                                  "title", p[i].title, "result", p[i].result, "evidence", p[i].evidence,
                                                  "variable", api_text(p[i].variable), "version", p[i].version,
                                                  "causes", causes));
    }
    analysis_comment_t *m;
    size_t nm = analyses_comments(req->db, an, &req->arena, &m);
    json_t *comments = json_array();
    for (size_t i = 0; i < nm; i++)
        json_array_append_new(comments, json_pack("{s:I, s:o, s:s, s:s, s:o}", "id", (json_int_t)m[i].id, "section_id",
                                                  api_ref(m[i].section_id), "author", m[i].author, "body", m[i].body,
                                                  "at", api_time(m[i].at)));
    analysis_document_t *d;
    size_t nd = analyses_documents(req->db, an, &req->arena, &d);
    json_t *docs = json_array();
    for (size_t i = 0; i < nd; i++)
        json_array_append_new(docs, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s}", "id", (json_int_t)d[i].id, "filename",
                                              d[i].filename, "media_type", d[i].media_type, "bytes",
                                              (json_int_t)d[i].bytes, "sha256", d[i].sha256, "url",
                                              arena_printf(&req->arena, "/analyses/%lld/documents/%lld",
                                                           (long long)an->id, (long long)d[i].id)));
    json_object_set_new(j, "sections", sections);
    json_object_set_new(j, "problems", problems);
    json_object_set_new(j, "comments", comments);
    json_object_set_new(j, "documents", docs);
    return j;
}

static int api_list(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    analysis_t *an;
    size_t n = analyses_of_case(req->db, &req->viewer, c, &req->arena, &an);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, summary_json(&an[i]));
    return api_send_list(req, items, (long long)n, 1, (long long)(n ? n : 1));
}

/* Answers with the analysis as it is after a write. */
static int answer(request_t *req, int64_t id, int status)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, id, &req->arena, NULL);
    if (!an)
        return respond_error(req, 404, NOT_FOUND);
    return api_send(req, status, analysis_json(req, an));
}

static int api_start(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return respond_error_field(req, 400, req->errors[0].message, req->errors[0].field);
    char *err = NULL;
    int64_t id = analyses_start(req->db, &req->viewer, c, req_param_int(req, "unit", 0), &req->arena, &err);
    return id ? answer(req, id, 201) : respond_error(req, 409, err);
}

static int api_get(request_t *req)
{
    return answer(req, req_param_int(req, "id", 0), 200);
}

/* The analysis a write names, or an answer already sent (404, 400). */
static analysis_t *target(request_t *req, int *status)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!an)
        *status = respond_error(req, 404, NOT_FOUND);
    else if (req->nerrors)
        *status = respond_error_field(req, 400, req->errors[0].message, req->errors[0].field);
    return an && !req->nerrors ? an : NULL;
}

static int stale(request_t *req)
{
    return respond_error_field(req, 409, arena_printf(&req->arena, "Version %lld är inte den senaste: någon annan har "
                                                      "sparat en nyare. Hämta analysen igen; inget skrevs över.",
                                                      req_param_int(req, "version", 0)),
                               "version");
}

static int api_section(request_t *req)
{
    int status = 0;
    analysis_t *an = target(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    switch (analyses_save_section(req->db, &req->viewer, an, req_param_int(req, "section", 0),
                                  (int)req_param_int(req, "version", 0), req_param(req, "body"), &req->arena, &err)) {
    case WRITE_OK: return answer(req, an->id, 200);
    case WRITE_STALE: return stale(req);
    default: return respond_error(req, 409, err);
    }
}

static int api_problem(request_t *req)
{
    int status = 0;
    analysis_t *an = target(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    if (!analyses_add_problem(req->db, &req->viewer, an, req_param(req, "title"), req_param(req, "result"),
                              req_param(req, "evidence"), req_param(req, "variable"), &req->arena, &err))
        return respond_error(req, 409, err);
    return answer(req, an->id, 201);
}

static int api_cause(request_t *req)
{
    int status = 0;
    analysis_t *an = target(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    if (!analyses_add_cause(req->db, &req->viewer, an, req_param_int(req, "problem", 0), req_param(req, "kind"),
                            req_param(req, "text"), &req->arena, &err))
        return respond_error(req, 409, err);
    return answer(req, an->id, 201);
}

static int api_comment(request_t *req)
{
    int status = 0;
    analysis_t *an = target(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    if (!analyses_add_comment(req->db, &req->viewer, an, req_param_int(req, "section", 0), req_param(req, "body"),
                              &req->arena, &err))
        return respond_error(req, 409, err);
    return answer(req, an->id, 201);
}

static int api_flow(request_t *req)
{
    int status = 0;
    analysis_t *an = target(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    if (!analyses_flow(req->db, &req->viewer, an, req_param(req, "action"), req_param(req, "reason"), &req->arena,
                       &err))
        return respond_error(req, 409, err);
    return answer(req, an->id, 200);
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_start[] = {PARAM_ID, {"unit", P_INT, 0, "Enhet", 0, 1000000000, NULL}, PARAM_END};
static const param_spec_t p_section[] = {PARAM_ID, {"section", P_INT, PARAM_PATH, "Rubrik", 1, 1000000000, NULL},
                                         PARAM_VERSION, {"body", P_MULTILINE, 0, "Text", 0, 100000, NULL}, PARAM_END};
static const param_spec_t p_problem[] = {PARAM_ID, {"title", P_TEXT, PARAM_REQUIRED, "Problem", 0, 300, NULL},
                                         {"result", P_MULTILINE, 0, "Hur syns det i resultaten", 0, 10000, NULL},
                                         {"evidence", P_MULTILINE, 0, "Vilket underlag visar det", 0, 10000, NULL},
                                         {"variable", P_TEXT, 0, "Statistik", 0, 40, NULL}, PARAM_END};
static const param_spec_t p_cause[] = {PARAM_ID, {"problem", P_INT, PARAM_PATH, "Problem", 1, 1000000000, NULL},
                                       {"kind", P_CHOICE, PARAM_REQUIRED, "Slag av orsak", 0, 0, analysis_cause_keys},
                                       {"text", P_MULTILINE, PARAM_REQUIRED, "Orsak", 0, 5000, NULL}, PARAM_END};
static const param_spec_t p_comment[] = {PARAM_ID, {"section", P_INT, 0, "Rubrik", 0, 1000000000, NULL},
                                         {"body", P_MULTILINE, PARAM_REQUIRED, "Kommentar", 0, 10000, NULL},
                                         PARAM_END};
static const param_spec_t p_flow[] = {PARAM_ID, {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, analysis_flow_actions},
                                      {"reason", P_MULTILINE, 0, "Kommentar", 0, 10000, NULL}, PARAM_END};

#define API_WRITE (ROUTE_API | ROUTE_FORM)
const route_t analyses_api_routes[] = {
    {"GET", "/api/v1/cases/{id}/analyses", api_list, CAP_ANALYSIS_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {"POST", "/api/v1/cases/{id}/analyses", api_start, CAP_ANALYSIS_WRITE, API_WRITE, p_start},
    {"GET", "/api/v1/analyses/{id}", api_get, CAP_ANALYSIS_READ, ROUTE_API | ROUTE_KEPT, p_id},
    {"POST", "/api/v1/analyses/{id}/sections/{section}", api_section, CAP_ANALYSIS_WRITE, API_WRITE, p_section},
    {"POST", "/api/v1/analyses/{id}/problems", api_problem, CAP_ANALYSIS_WRITE, API_WRITE, p_problem},
    {"POST", "/api/v1/analyses/{id}/problems/{problem}/causes", api_cause, CAP_ANALYSIS_WRITE, API_WRITE, p_cause},
    {"POST", "/api/v1/analyses/{id}/comments", api_comment, CAP_ANALYSIS_READ, API_WRITE, p_comment},
    {"POST", "/api/v1/analyses/{id}/flow", api_flow, CAP_ANALYSIS_READ, API_WRITE, p_flow},
    {NULL, NULL, NULL, 0, 0, NULL},
};
