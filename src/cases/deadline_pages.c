/* deadline_pages.c — due dates on the case page and the start page, reports marked as
 * handed in, the due list as JSON, the calendar feed, and the outbox for the admin. */
#include "deadlines.h"
#include "../base/fmt.h"
#include "../html/layout.h"
#include "../http/session.h"
#include <jansson.h>
#include <microhttpd.h>
#include <string.h>

static const char *today(request_t *req)
{
    char *day = arena_alloc(&req->arena, 11);
    fmt_today(day, 0);
    return day;
}

static bool is_report(const char *key)
{
    return strncmp(key, "interim:", 8) == 0 || strcmp(key, "final") == 0;
}

void deadlines_case_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    due_item_t *d;
    const char *now = today(req);
    size_t n = deadlines_for_case(req->db, c, now, &req->arena, &d);
    bool may_submit = req->viewer.role == ROLE_ORGANISER || req->viewer.role == ROLE_SUPPORTER ||
                      req->viewer.role == ROLE_ADMIN || req->viewer.role == ROLE_ANALYST;
    html_raw(o, "<h2 id=\"datum\">Datum att hålla</h2>\n" TABLE_OPEN("Datum att hålla") "<thead><tr><th scope=\"col\">"
                "Datum</th><th scope=\"col\">Vad</th><th scope=\"col\">Status</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<tr%s><td class=\"nowrap\">%s</td><td>%s</td><td>", d[i].overdue ? " class=\"overdue\"" : "",
                    d[i].date, d[i].label);
        if (d[i].done)
            html_raw(o, "Inlämnad");
        else if (d[i].overdue)
            html_raw(o, "<strong>Försenad</strong>");
        else
            html_raw(o, "–");
        if (!d[i].done && is_report(d[i].key) && may_submit) {
            html_printf(o, " <form method=\"post\" action=\"/cases/%lld/submissions\" class=\"inline\">", (long long)c->id);
            widget_csrf(req);
            html_printf(o, "<input type=\"hidden\" name=\"key\" value=\"%s\"><button type=\"submit\" class=\"button secondary "
                           "small\">Markera inlämnad <span class=\"visually-hidden\">%s</span></button></form>",
                        d[i].key, d[i].label);
        }
        html_raw(o, "</td></tr>");
    }
    html_raw(o, "</tbody>" TABLE_CLOSE);
}

void deadlines_start_section(request_t *req)
{
    buf_t *o = &req->body;
    due_item_t *d;
    size_t n = deadlines_for_viewer(req->db, &req->viewer, today(req), 30, &req->arena, &d);
    size_t late = 0;
    for (size_t i = 0; i < n; i++)
        late += d[i].overdue;
    html_raw(o, "<h2 id=\"att-gora\">Att göra</h2>\n");
    if (!n) {
        html_raw(o, "<p class=\"empty\">Inget förfaller de närmaste 30 dagarna.</p>\n");
        return;
    }
    if (late) {
        html_raw(o, "<p class=\"notice notice-error\">");
        html_int(o, (int64_t)late);
        html_raw(o, late == 1 ? " datum har passerats utan att vara klart.</p>" : " datum har passerats utan att vara klara.</p>");
    }
    html_raw(o, "<ul class=\"due\">");
    for (size_t i = 0; i < n && i < 50; i++)
        html_printf(o, "<li%s><time>%s</time> <a href=\"/cases/%lld#datum\">%s</a> – %s%s</li>",
                    d[i].overdue ? " class=\"overdue\"" : "", d[i].date, (long long)d[i].case_id, d[i].organiser,
                    d[i].label, d[i].overdue ? " (försenad)" : "");
    html_raw(o, "</ul>\n");
}

int deadlines_submit_form(request_t *req)
{
    char *err = NULL;
    int64_t id = req_param_int(req, "id", 0);
    if (req->nerrors)
        return respond_error(req, 400, req->errors[0].message);
    if (!deadlines_submit(req->db, &req->viewer, id, req_param(req, "key"), &req->arena, &err))
        return respond_error(req, strstr(err, "finns inte") ? 404 : 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1#datum", (long long)id));
}

int deadlines_api_due(request_t *req)
{
    due_item_t *d;
    size_t n = deadlines_for_viewer(req->db, &req->viewer, today(req), (int)req_param_int(req, "days", 30), &req->arena, &d);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s, s:b}", "case", (json_int_t)d[i].case_id,
                                               "organiser", d[i].organiser, "key", d[i].key, "label", d[i].label, "date",
                                               d[i].date, "overdue", (int)d[i].overdue));
    json_t *j = json_pack("{s:o}", "due", items);
    char *text = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return respond_json_text(req, 200, text);
}

int calendar_feed(request_t *req)
{
    int64_t user = calendar_user(req->db, req_param(req, "token"));
    if (!user || !session_load_user(req, user))
        return respond_error(req, 404, "Kalendern finns inte.");
    calendar_ics(req->db, &req->viewer, today(req), &req->arena, &req->body);
    req->content_type = "text/calendar; charset=utf-8";
    return req->status = 200;
}

int calendar_token_submit(request_t *req)
{
    const char *token = calendar_new_token(req->db, req->viewer.user_id, &req->arena);
    if (!token)
        return respond_error(req, 500, "Kalenderadressen kunde inte skapas; försök igen.");
    const char *host = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Host");
    layout_begin(req, "Kalender");
    html_printf(&req->body, "<p>Prenumerera på den här adressen i ert kalenderprogram. Den visas bara nu; skapa en ny om "
                            "den kommer bort (den gamla slutar då att fungera).</p><p><code class=\"secret\">%s%s/calendar/%s"
                            "</code></p><p><a href=\"/account\">Tillbaka till mitt konto</a></p>",
                req->secure ? "https://" : "http://", host ? host : "", token);
    layout_end(req);
    return respond_html(req, 200);
}

int admin_outbox_page(request_t *req)
{
    layout_begin(req, "Utkorg för påminnelser");
    buf_t *o = &req->body;
    html_raw(o, "<p class=\"lead\">Påminnelser före och efter ett datum, en gång var. Utan SMTP-server (se "
                "<code>samverkan serve --help</code>) skickas de inte, men står kvar här.</p>\n");
    db_stmt_t *st = db_prepare(req->db, "SELECT created_at, recipient, subject, sent_at, attempts, last_error FROM outbox"
                                        " ORDER BY id DESC LIMIT 200");
    html_raw(o, TABLE_OPEN("Utkorg") "<thead><tr><th scope=\"col\">Skapad</th><th scope=\"col\">Till</th>"
                "<th scope=\"col\">Ämne</th><th scope=\"col\">Skickad</th><th scope=\"col\">Fel</th></tr></thead><tbody>");
    while (db_step(st) == DB_ROW) {
        buf_t created = BUF_INIT, sent = BUF_INIT;
        fmt_datetime(&created, db_col_int(st, 0));
        if (!db_col_is_null(st, 3))
            fmt_datetime(&sent, db_col_int(st, 3));
        html_printf(o, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td></tr>",
                    buf_cstr(&created), db_col_text(st, 1), db_col_text(st, 2), sent.len ? buf_cstr(&sent) : "–",
                    db_col_text(st, 5) ? db_col_text(st, 5) : "");
        buf_free(&created);
        buf_free(&sent);
    }
    db_done(st);
    html_raw(o, "</tbody>" TABLE_CLOSE);
    layout_end(req);
    return respond_html(req, 200);
}
