/* history.c — a report's submissions, each with the agency's decision, the difference
 * between any two of them (or the latest and what is being written now), and the comment
 * thread on the report. */
#include "parts.h"
#include "../base/fmt.h"
#include "../base/vec.h"
#include "../html/diff.h"
#include "../http/layout.h"
#include <jansson.h>
#include <string.h>

#define NOT_FOUND "Redovisningen finns inte, eller så har du inte tillgång till den."

static report_t *target(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    return c ? reports_get(req->db, &req->viewer, c, req_param(req, "term"), &req->arena) : NULL;
}

static const char *js(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A frozen report as headings with text: each intervention (its state, what was done, the
 * money used), then the report's own texts. */
static size_t parts_of(request_t *req, const char *content, diff_part_t **out)
{
    arena_t *a = &req->arena;
    json_t *doc = json_loads(content ? content : "{}", 0, NULL);
    size_t n = 0, cap = 0;
    *out = NULL;
    json_t *lines = json_object_get(doc, "interventions");
    for (size_t i = 0; i < json_array_size(lines); i++) {
        json_t *l = json_array_get(lines, i);
        json_t *used = json_object_get(l, "used");
        diff_part_t *p = ARENA_PUSH(a, *out, n, cap);
        p->title = arena_printf(a, "Insats: %s", js(l, "title"));
        p->text = arena_printf(a, "Läge: %s\nVad har gjorts: %s\nAnvända medel: %s\n",
                               *js(l, "state") ? intervention_state_label(js(l, "state")) : "inte angivet", js(l, "done"),
                               json_is_integer(used) ? fmt_kronor_in(a, (int64_t)json_integer_value(used)) : "–");
    }
    static const char *const texts[][2] = {
        {"lessons", "Lärdomar"}, {"changes", "Förändringar"}, {"continuation", "Vad fortsätter"}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (!json_object_get(doc, texts[i][0]))
            continue;
        diff_part_t *p = ARENA_PUSH(a, *out, n, cap);
        p->title = texts[i][1];
        p->text = arena_strdup(a, js(doc, texts[i][0]));
    }
    json_decref(doc);
    return n;
}

static int history_page(request_t *req)
{
    report_t *r = target(req);
    if (!r)
        return respond_error(req, 404, NOT_FOUND);
    doc_submission_t *s;
    size_t n = reports_submissions(req->db, r, &req->arena, &s);
    layout_begin(req, arena_printf(&req->arena, "Inlämningar: %s, %s", r->period.label, r->c->organiser));
    html_printf(&req->body, "<p><a href=\"/cases/%lld/reports/%s\">Tillbaka till redovisningen</a></p>",
                (long long)r->c->id, r->period.term);
    widget_submissions(req, s, n, reports_snapshot(r, &req->arena), parts_of);
    layout_end(req);
    return respond_html(req, 200);
}

static int comment_submit(request_t *req)
{
    report_t *r = target(req);
    if (!r)
        return respond_error(req, 404, NOT_FOUND);
    const char *back = arena_printf(&req->arena, "/cases/%lld/reports/%s", (long long)r->c->id, r->period.term);
    if (req->nerrors)
        return reports_view(req, 400, NULL);
    comment_notice_t notice = {.title = r->period.label, .link = back, .writers = "organiser",
                               .from_writer = access_may(&req->viewer, CAP_ANALYSIS_WRITE)};
    char *err = NULL;
    if (!cases_add_comment(req->db, &req->viewer, r->c, report_subject(r, &req->arena), req_param(req, "body"), &notice,
                           &req->arena, &err))
        return reports_view(req, 422, err);
    return respond_redirect(req, arena_printf(&req->arena, "%s#kommentarer", back));
}

#define P_TERM {"term", P_TEXT, PARAM_PATH, "Redovisning", 0, 6, NULL}
static const param_spec_t p_history[] = {PARAM_ID, P_TERM, {"from", P_INT, 0, "Från inlämning", 0, 100000, NULL},
                                         {"to", P_INT, 0, "Till", 0, 100000, NULL}, PARAM_END};
static const param_spec_t p_comment[] = {PARAM_ID, P_TERM,
                                         {"body", P_MULTILINE, PARAM_REQUIRED, "Kommentar", 0, 10000, NULL}, PARAM_END};

const route_t reports_history_routes[] = {
    {"GET", "/cases/{id}/reports/{term}/submissions", history_page, CAP_PLAN_READ, ROUTE_KEPT, p_history},
    {"POST", "/cases/{id}/reports/{term}/comments", comment_submit, CAP_DOCUMENT_COMMENT, ROUTE_FORM, p_comment},
    {NULL, NULL, NULL, 0, 0, NULL},
};
