/* versions.c — a plan's approved versions, the difference between the latest two (or
 * between the latest approved and the plan being changed now), and the plan's PDF. A
 * supplementary agreement after follow-up changes the plan: this is where it shows. */
#include "parts.h"
#include "../base/fmt.h"
#include "../html/diff.h"
#include "../http/layout.h"
#include <jansson.h>
#include <string.h>

#define NOT_FOUND "Planen finns inte, eller så har du inte tillgång till den."

static const char *js(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A version's content as one part per intervention and per problem left unanswered. */
static size_t parts_of(request_t *req, const char *content, diff_part_t **out)
{
    json_t *doc = json_loads(content ? content : "{}", 0, NULL), *x;
    size_t n = 0, cap = 0, i;
    *out = NULL;
    json_t *interventions = json_object_get(doc, "interventions");
    for (i = 0; i < json_array_size(interventions); i++) {
        x = json_array_get(interventions, i);
        json_int_t cost = json_integer_value(json_object_get(x, "cost"));
        buf_t b = BUF_INIT;
        buf_printf(&b, "Utvecklingsområde: %s\nMålgrupp: %s\nAnsvarig: %s\nUtförare: %s %s\nPeriod: %s – %s\n"
                       "Kostnad: %s\nBeskrivning: %s\nMål: %s\nNationella mål: %s\nUppföljning: %s\n",
                   js(x, "area"), js(x, "target_group"), js(x, "responsible"), js(x, "provider"), js(x, "provider_name"),
                   js(x, "start_date"), js(x, "end_date"), cost >= 0 ? fmt_kronor_in(&req->arena, cost) : "saknas",
                   js(x, "description"), js(x, "goals"), js(x, "national_goals"), js(x, "follow_up"));
        json_t *ind;
        size_t k;
        json_t *indicators = json_object_get(x, "indicators");
        for (k = 0; k < json_array_size(indicators); k++) {
            ind = json_array_get(indicators, k);
            buf_printf(&b, "Indikator: %s, från %s till %s, avläses %s\n", js(ind, "measure"), js(ind, "baseline"),
                       js(ind, "target"), js(ind, "read_dates"));
        }
        diff_part_t *p = ARENA_PUSH(&req->arena, *out, n, cap);
        p->title = arena_printf(&req->arena, "Insats: %s", js(x, "title"));
        p->text = arena_strdup(&req->arena, buf_cstr(&b));
        buf_free(&b);
    }
    json_t *unanswered = json_object_get(doc, "unanswered");
    for (i = 0; i < json_array_size(unanswered); i++) {
        x = json_array_get(unanswered, i);
        diff_part_t *p = ARENA_PUSH(&req->arena, *out, n, cap);
        p->title = arena_printf(&req->arena, "Obesvarat problem: %s", js(x, "problem"));
        p->text = arena_strdup(&req->arena, js(x, "reason"));
    }
    json_decref(doc);
    return n;
}

static int plans_versions_page(request_t *req)
{
    plan_t *p = plans_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!p)
        return respond_error(req, 404, NOT_FOUND);
    analysis_version_t *v;
    size_t n = plans_versions(req->db, p, &req->arena, &v);
    layout_begin(req, arena_printf(&req->arena, "Versioner av åtgärdsplanen: %s", plans_name(p)));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/plans/%lld\">Tillbaka till planen</a></p>", (long long)p->id);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Planen har ingen godkänd version än.</p>");
        layout_end(req);
        return respond_html(req, 200);
    }
    html_lit(o, "<ul>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li>Version %d, godkänd av %s %s</li>", v[i].version, v[i].approved_by,
                    fmt_datetime_in(&req->arena, v[i].approved_at));
    html_lit(o, "</ul>");
    /* The plan being changed now against the latest approved; else the latest two. */
    bool working = strcmp(p->state, "approved") != 0;
    const char *before = working ? v[n - 1].content : n > 1 ? v[n - 2].content : "{}";
    const char *after = working ? plans_snapshot(req->db, p, &req->arena) : v[n - 1].content;
    html_printf(o, "<h2>%s</h2>", working ? arena_printf(&req->arena, "Ändringar sedan version %d", v[n - 1].version)
                                          : arena_printf(&req->arena, "Ändringar i version %d", v[n - 1].version));
    diff_part_t *a, *b;
    size_t na = parts_of(req, before, &a), nb = parts_of(req, after, &b);
    html_diff_parts(o, a, na, b, nb);
    layout_end(req);
    return respond_html(req, 200);
}

static int plans_pdf_download(request_t *req)
{
    plan_t *p = plans_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!p)
        return respond_error(req, 404, NOT_FOUND);
    buf_t b = BUF_INIT;
    if (!plans_pdf(req->db, p, &req->arena, &b)) {
        buf_free(&b);
        return respond_error(req, 500, "PDF-filen kunde inte skapas.");
    }
    return respond_file(req, "application/pdf", arena_printf(&req->arena, "atgardsplan-%lld.pdf", (long long)p->id), &b);
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t plans_version_routes[] = {
    {"GET", "/plans/{id}/versions", plans_versions_page, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {"GET", "/plans/{id}/document.pdf", plans_pdf_download, CAP_PLAN_READ, 0, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
