/* versions.c — a document's submissions and the difference between any two of them, or
 * between the latest and the text being written now, and the forms of its flow: hand in,
 * accept or return (layout.h). */
#include "layout.h"
#include "../base/fmt.h"
#include "../html/diff.h"
#include <string.h>

static const char *decision_words(const char *decision)
{
    if (strcmp(decision, "accepted") == 0)
        return "godkänd";
    if (strcmp(decision, "returned") == 0)
        return "återsänd för komplettering";
    return "väntar på beslut";
}

static void choice(buf_t *o, const char *name, const char *label, const doc_submission_t *s, size_t n, int chosen,
                   bool with_current)
{
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">", name, label,
                name, name);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<option value=\"%d\"%s>%d</option>", s[i].number, s[i].number == chosen ? " selected" : "",
                    s[i].number);
    if (with_current)
        html_printf(o, "<option value=\"0\"%s>Pågående arbete</option>", chosen ? "" : " selected");
    html_lit(o, "</select></div>");
}

void widget_submissions(request_t *req, const doc_submission_t *s, size_t n, const char *current, doc_parts_fn parts)
{
    buf_t *o = &req->body;
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inget är inlämnat än.</p>");
        return;
    }
    html_lit(o, TABLE_OPEN("Inlämningar") "<thead><tr><th scope=\"col\">Inlämning</th><th scope=\"col\">Lämnad av</th>"
                "<th scope=\"col\">Beslut</th><th scope=\"col\">Kommentar</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<tr><td>%d</td><td>%s, %s</td><td>%s", s[i].number, s[i].by, fmt_datetime_in(&req->arena, s[i].at),
                    decision_words(s[i].decision));
        if (*s[i].decided_by)
            html_printf(o, " (%s, %s)", s[i].decided_by, fmt_datetime_in(&req->arena, s[i].decided_at));
        html_printf(o, "</td><td class=\"prose\">%s</td></tr>", s[i].comment);
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
    /* Default: the latest against the one before, or against the text now when only one. */
    int last = s[n - 1].number;
    int to = (int)req_param_int(req, "to", n > 1 ? last : 0);
    int from = (int)req_param_int(req, "from", to ? to - 1 : last);
    const char *before = NULL, *after = to ? NULL : current;
    for (size_t i = 0; i < n; i++) {
        if (s[i].number == from)
            before = s[i].content;
        if (s[i].number == to)
            after = s[i].content;
    }
    html_lit(o, "<form method=\"get\" class=\"filters\">");
    choice(o, "from", "Från inlämning", s, n, from, false);
    choice(o, "to", "Till", s, n, to, true);
    html_lit(o, "<button type=\"submit\" class=\"button\">Jämför</button></form>");
    html_printf(o, "<h2>Skillnad mellan inlämning %d och %s</h2>", from,
                to ? arena_printf(&req->arena, "inlämning %d", to) : "det pågående arbetet");
    if (!before || !after) {
        html_lit(o, "<p class=\"empty\">Den inlämningen finns inte.</p>");
        return;
    }
    diff_part_t *a, *b;
    size_t na = parts(req, before, &a), nb = parts(req, after, &b);
    html_diff_parts(o, a, na, b, nb);
}

void widget_flow_submit(request_t *req, const char *action_url, const char *label)
{
    html_printf(&req->body, "<form method=\"post\" action=\"%s\" class=\"inline\">", action_url);
    widget_csrf(req);
    html_printf(&req->body, "<input type=\"hidden\" name=\"action\" value=\"submit\"><button type=\"submit\" "
                            "class=\"button\">%s</button></form>", label);
}

void widget_flow_decision(request_t *req, const char *action_url)
{
    buf_t *o = &req->body;
    html_printf(o, "<form method=\"post\" action=\"%s\" class=\"card form narrow\" novalidate><h2>Skolverkets beslut</h2>",
                action_url);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-comment\">Kommentar (krävs för att skicka tillbaka)</label>");
    widget_field_error(req, "comment");
    html_lit(o, "<textarea id=\"f-comment\" name=\"comment\" rows=\"3\"");
    widget_described_by(req, "comment", false);
    html_lit(o, "></textarea></div><button type=\"submit\" name=\"action\" value=\"accept\" class=\"button\">Godkänn</button> "
                "<button type=\"submit\" name=\"action\" value=\"return\" class=\"button secondary\">"
                "Skicka tillbaka för komplettering</button></form>");
}
