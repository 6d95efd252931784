/* versions.c — the approved versions of an analysis and a readable difference between
 * any two of them, or between the latest approved and the text being written now: each
 * heading and each problem with its causes, word by word. */
#include "parts.h"
#include "../base/fmt.h"
#include "../html/diff.h"
#include "../http/layout.h"
#include <jansson.h>
#include <string.h>

#define NOT_FOUND "Analysen finns inte, eller så har du inte tillgång till den."

typedef diff_part_t part_t;

static const char *js(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A version's content as headings with their text; problems as one part each. */
static size_t parts_of(request_t *req, const char *content, part_t **out)
{
    json_t *doc = json_loads(content ? content : "{}", 0, NULL);
    size_t n = 0, cap = 0;
    *out = NULL;
    json_t *x;
    size_t i;
    json_t *sections = json_object_get(doc, "sections");
    for (i = 0; i < json_array_size(sections); i++) {
        x = json_array_get(sections, i);
        part_t *p = ARENA_PUSH(&req->arena, *out, n, cap);
        p->title = arena_strdup(&req->arena, js(x, "title"));
        p->text = arena_strdup(&req->arena, js(x, "body"));
    }
    json_t *problems = json_object_get(doc, "problems");
    for (i = 0; i < json_array_size(problems); i++) {
        x = json_array_get(problems, i);
        buf_t b = BUF_INIT;
        buf_printf(&b, "I resultaten: %s\nUnderlag: %s\n", js(x, "result"),
                   js(x, "evidence"));
        json_t *k;
        size_t j;
        json_t *causes = json_object_get(x, "causes");
        for (j = 0; j < json_array_size(causes); j++) {
            k = json_array_get(causes, j);
            buf_printf(&b, "Orsak (%s): %s\n", analysis_cause_label(js(k, "kind")),
                       js(k, "text"));
        }
        part_t *p = ARENA_PUSH(&req->arena, *out, n, cap);
        p->title = arena_printf(&req->arena, "Problem: %s", js(x, "title"));
        p->text = arena_strdup(&req->arena, buf_cstr(&b));
        buf_free(&b);
    }
    json_decref(doc);
    return n;
}

static void difference(request_t *req, const char *before, const char *after)
{
    part_t *a, *b;
    size_t na = parts_of(req, before, &a), nb = parts_of(req, after, &b);
    html_diff_parts(&req->body, a, na, b, nb);
}

static int analyses_versions_page(request_t *req)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!an)
        return respond_error(req, 404, NOT_FOUND);
    analysis_version_t *v;
    size_t n = analyses_versions(req->db, an, &req->arena, &v);
    layout_begin(req, an->unit_id ? arena_printf(&req->arena, "Versioner: %s", an->unit_name)
                                  : arena_printf(&req->arena, "Versioner: %s, huvudmannanivå", an->organiser));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/analyses/%lld\">Tillbaka till analysen</a></p>", (long long)an->id);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Analysen har ingen godkänd version än.</p>");
        layout_end(req);
        return respond_html(req, 200);
    }
    html_lit(o, "<ul>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li>Version %d, godkänd av %s %s</li>", v[i].version, v[i].approved_by,
                    fmt_datetime_in(&req->arena, v[i].approved_at));
    html_lit(o, "</ul>");
    /* Default: the latest approved against what is written now when it differs, else the
     * two latest approved. 0 as "to" means the text being written now. */
    int to = (int)req_param_int(req, "to", strcmp(an->state, "approved") == 0 ? v[n - 1].version : 0);
    int from = (int)req_param_int(req, "from", to ? to - 1 : v[n - 1].version);
    const char *before = NULL, *after = NULL;
    for (size_t i = 0; i < n; i++) {
        if (v[i].version == from)
            before = v[i].content;
        if (v[i].version == to)
            after = v[i].content;
    }
    if (!to)
        after = analyses_snapshot(req->db, an, &req->arena);
    html_printf(o, "<form method=\"get\" class=\"filters\"><div class=\"field\"><label for=\"f-from\">Från version"
                   "</label><select id=\"f-from\" name=\"from\">");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<option value=\"%d\"%s>%d</option>", v[i].version, v[i].version == from ? " selected" : "",
                    v[i].version);
    html_lit(o, "</select></div><div class=\"field\"><label for=\"f-to\">Till version</label><select id=\"f-to\" name=\"to\">");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<option value=\"%d\"%s>%d</option>", v[i].version, v[i].version == to ? " selected" : "",
                    v[i].version);
    html_printf(o, "<option value=\"0\"%s>Pågående arbete</option></select></div><button type=\"submit\" "
                   "class=\"button\">Jämför</button></form>", to ? "" : " selected");
    html_printf(o, "<h2>Skillnad mellan version %d och %s</h2>", from,
                to ? arena_printf(&req->arena, "version %d", to) : "det pågående arbetet");
    if (!before && from)
        html_lit(o, "<p class=\"empty\">Den versionen finns inte.</p>");
    else
        difference(req, before ? before : "{}", after ? after : "{}");
    layout_end(req);
    return respond_html(req, 200);
}

static const param_spec_t p_versions[] = {PARAM_ID, {"from", P_INT, 0, "Från version", 0, 100000, NULL},
                                          {"to", P_INT, 0, "Till version", 0, 100000, NULL}, PARAM_END};

const route_t analyses_version_routes[] = {
    {"GET", "/analyses/{id}/versions", analyses_versions_page, CAP_ANALYSIS_READ, ROUTE_KEPT, p_versions},
    {NULL, NULL, NULL, 0, 0, NULL},
};
