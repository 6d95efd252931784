/* comment_pages.c — a document's comment thread on its page, with the form to add one. */
#include "cases.h"
#include "../base/fmt.h"
#include "../http/layout.h"

void cases_comment_thread(request_t *req, const case_row_t *c, const char *subject, const char *action,
                          bool may_comment)
{
    buf_t *o = &req->body;
    case_comment_t *m;
    size_t n = cases_comments(req->db, c, subject, &req->arena, &m);
    html_lit(o, "<section id=\"kommentarer\"><h2>Kommentarer</h2>");
    if (!n)
        html_lit(o, "<p class=\"empty\">Inga kommentarer än.</p>");
    else
        html_lit(o, "<ol class=\"thread\" aria-label=\"Kommentarer\">");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li><p class=\"meta\">%s, %s</p><p class=\"prose\">%s</p></li>", m[i].author,
                    fmt_datetime_in(&req->arena, m[i].at), m[i].body);
    if (n)
        html_lit(o, "</ol>");
    if (may_comment) {
        html_printf(o, "<form method=\"post\" action=\"%s\" class=\"form\" novalidate>", action);
        widget_csrf(req);
        html_lit(o, "<div class=\"field\"><label for=\"f-body\">Kommentar</label>");
        widget_field_error(req, "body");
        html_lit(o, "<textarea id=\"f-body\" name=\"body\" rows=\"3\"");
        widget_described_by(req, "body", false);
        html_lit(o, "></textarea></div><button type=\"submit\" class=\"button\">Skicka kommentaren</button></form>");
    }
    html_lit(o, "</section>");
}
