/* pages.c — due dates on the case page, in its timeline and on the start page, reports
 * marked as handed in, and the due list as JSON. */
#include "parts.h"
#include "../http/api.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include <string.h>

static const char *today(request_t *req)
{
    char *day = arena_alloc(&req->arena, 11);
    fmt_today(day, 0);
    return day;
}

/* A case's items as of a day. Its page shows them twice (the dates to keep, and the
 * timeline as of the end of time), so they are read once per request and copied. */
static size_t case_deadlines(request_t *req, const case_row_t *c, const char *day, due_item_t **out)
{
    static const char key = 0;
    size_t n = 0;
    const due_item_t *read = req_memo_get(req, &key, c->id, &n);
    if (!read) {
        due_item_t *d;
        n = deadlines_for_case(req->db, c, day, &req->arena, &d);
        req_memo_keep(req, &key, c->id, d, n);
        read = d;
    }
    *out = arena_alloc(&req->arena, (n ? n : 1) * sizeof **out);
    if (n)
        memcpy(*out, read, n * sizeof **out);
    deadlines_as_of(*out, n, day);
    return n;
}

void deadlines_case_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    due_item_t *d;
    const char *now = today(req);
    size_t n = case_deadlines(req, c, now, &d);
    bool may_submit = access_may(&req->viewer, CAP_REPORT_SUBMIT);
    html_lit(o, "<h2 id=\"datum\">Datum att hålla</h2>\n" TABLE_OPEN("Datum att hålla") "<thead><tr><th scope=\"col\">"
                "Datum</th><th scope=\"col\">Vad</th><th scope=\"col\">Status</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        if (d[i].overdue)
            html_lit(o, "<tr class=\"overdue\">");
        else
            html_lit(o, "<tr>");
        bool written = strncmp(d[i].key, "interim:", 8) == 0 || strcmp(d[i].key, "final") == 0;
        if (written) /* the report itself, written in the reports area */
            html_printf(o, "<td class=\"nowrap\">%s</td><td><a href=\"/cases/%lld/reports/%s\">%s</a></td><td>",
                        d[i].date, (long long)c->id, strncmp(d[i].key, "interim:", 8) == 0 ? d[i].key + 8 : "final",
                        d[i].label);
        else
            html_printf(o, "<td class=\"nowrap\">%s</td><td>%s</td><td>", d[i].date, d[i].label);
        if (d[i].done && written)
            html_lit(o, "Inlämnad");
        else if (d[i].done)
            html_lit(o, "Gjord");
        else if (d[i].overdue)
            html_lit(o, "<strong>Försenad</strong>");
        else
            html_lit(o, "–");
        if (!d[i].done && d[i].report && may_submit) {
            html_printf(o, " <form method=\"post\" action=\"/cases/%lld/submissions\" class=\"inline\">", (long long)c->id);
            widget_csrf(req);
            html_printf(o, "<input type=\"hidden\" name=\"key\" value=\"%s\"><button type=\"submit\" class=\"button secondary "
                           "small\">%s <span class=\"visually-hidden\">%s</span></button></form>",
                        d[i].key, written ? "Markera inlämnad" : "Markera gjord", d[i].label);
        }
        html_lit(o, "</td></tr>");
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

void deadlines_start_section(request_t *req)
{
    if (!access_may(&req->viewer, CAP_DUE_LIST))
        return;
    buf_t *o = &req->body;
    due_item_t *d;
    const case_row_t *cases;
    size_t nc = cases_of_viewer(req, &cases);
    size_t n = deadlines_in_cases(req->db, &req->viewer, cases, nc, today(req), 30, &req->arena, &d);
    size_t late = 0;
    for (size_t i = 0; i < n; i++)
        late += d[i].overdue;
    html_lit(o, "<h2 id=\"att-gora\">Att göra</h2>\n");
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inget förfaller de närmaste 30 dagarna.</p>\n");
        return;
    }
    if (late) {
        html_lit(o, "<p class=\"notice notice-error\">");
        html_int(o, (int64_t)late);
        if (late == 1)
            html_lit(o, " datum har passerats utan att vara klart.</p>");
        else
            html_lit(o, " datum har passerats utan att vara klara.</p>");
    }
    html_lit(o, "<ul class=\"due\">");
    for (size_t i = 0; i < n && i < 50; i++) {
        if (d[i].overdue)
            html_lit(o, "<li class=\"overdue\">");
        else
            html_lit(o, "<li>");
        html_printf(o, "<time>%s</time> <a href=\"/cases/%lld#datum\">%s</a> – %s%s</li>", d[i].date,
                    (long long)d[i].case_id, d[i].organiser, d[i].label, d[i].overdue ? " (försenad)" : "");
    }
    html_lit(o, "</ul>\n");
}

static int submit_form(request_t *req)
{
    char *err = NULL;
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return respond_error(req, 400, req->errors[0].message);
    if (!deadlines_submit(req->db, &req->viewer, c, req_param(req, "key"), &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1#datum", (long long)c->id));
}

static int api_due(request_t *req)
{
    due_item_t *d;
    size_t n = deadlines_for_viewer(req->db, &req->viewer, today(req), (int)req_param_int(req, "days", 30), &req->arena, &d);
    api_page_t pg = api_page(req, n);
    json_t *items = json_array();
    for (size_t i = pg.from; i < pg.to; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b, s:b}", "case_id", (json_int_t)d[i].case_id,
                                               "organiser_name", d[i].organiser, "key", d[i].key, "label", d[i].label,
                                               "date", d[i].date, "overdue", (int)d[i].overdue, "report",
                                               (int)d[i].report));
    return api_send_page(req, items, &pg);
}

/* The report dates and the planned end in the case's timeline. */
void deadlines_timeline(request_t *req, const case_row_t *c, case_timeline_t *t)
{
    due_item_t *d;
    size_t n = case_deadlines(req, c, "9999-12-31", &d);
    for (size_t i = 0; i < n; i++)
        if (d[i].report || strcmp(d[i].key, "end") == 0)
            case_timeline_add(t, d[i].date, arena_printf(&req->arena, "%s%s", d[i].label, d[i].done ? " (inlämnad)" : ""),
                              false);
}

static const param_spec_t p_submission[] = {PARAM_ID, {"key", P_TEXT, PARAM_REQUIRED, "Redovisning", 0, 40, NULL},
                                            PARAM_END};
static const param_spec_t p_due[] = {{"days", P_INT, 0, "Dagar", 0, 1100, NULL}, PARAM_PAGE,
                                     PARAM_PER_PAGE(API_MAX_PER_PAGE), PARAM_END};

const route_t deadlines_routes[] = {
    {"POST", "/cases/{id}/submissions", submit_form, CAP_REPORT_SUBMIT, ROUTE_FORM, p_submission},
    {"GET", "/api/v1/due", api_due, CAP_CASE_READ, ROUTE_API | ROUTE_KEPT, p_due},
    {NULL, NULL, NULL, 0, 0, NULL},
};
