/* pages.c — the analyses on the case page (one line per selected unit and the organiser
 * level), and an analysis's own page: its state and flow, the evidence, each heading with
 * its text and comment thread, the problems with their causes. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include <string.h>

#define NOT_FOUND "Analysen finns inte, eller så har du inte tillgång till den."

void analyses_case_section(request_t *req, const case_row_t *c)
{
    if (!access_may(&req->viewer, CAP_ANALYSIS_READ))
        return;
    buf_t *o = &req->body;
    analysis_reach_t r;
    analyses_reach(req->db, &req->viewer, c->id, &req->arena, &r);
    analysis_slot_t *s;
    size_t n = analyses_slots(req, c, &r, &s);
    html_lit(o, "<h2 id=\"analyser\">Nulägesanalyser</h2>\n" TABLE_OPEN("Nulägesanalyser")
                "<thead><tr><th scope=\"col\">Enhet eller nivå</th><th scope=\"col\">Mall</th>"
                "<th scope=\"col\">Läge</th><th scope=\"col\">Godkända versioner</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        if (!s[i].visible)
            continue;
        const analysis_t *an = s[i].analysis;
        if (an)
            html_printf(o, "<tr><th scope=\"row\"><a href=\"/analyses/%lld\">%s</a></th>", (long long)an->id, s[i].name);
        else
            html_printf(o, "<tr><th scope=\"row\">%s</th>", s[i].name);
        html_printf(o, "<td>%s</td><td>", analysis_level_label(s[i].level));
        if (an) {
            html_printf(o, "%s</td><td class=\"num\">", analysis_state_label(an->state));
            html_int(o, an->version);
        } else if (analyses_reach_writes(&req->viewer, &r, s[i].unit_id)) {
            html_printf(o, "<form method=\"post\" action=\"/cases/%lld/analyses\" class=\"inline\">", (long long)c->id);
            widget_csrf(req);
            html_printf(o, "<input type=\"hidden\" name=\"unit\" value=\"%lld\"><button type=\"submit\" "
                           "class=\"button small\" aria-label=\"Påbörja analysen för %s\">Påbörja</button></form>"
                           "</td><td class=\"num\">–",
                        (long long)s[i].unit_id, s[i].name);
        } else {
            html_lit(o, "Inte påbörjad</td><td class=\"num\">–");
        }
        html_lit(o, "</td></tr>");
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

static int analyses_start_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    char *err = NULL;
    int64_t id = analyses_start(req->db, &req->viewer, c, req_param_int(req, "unit", 0), &req->arena, &err);
    if (!id)
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld", (long long)id));
}

/* The thread of comments on a section (0: the analysis as a whole), with a form. */
static void thread(request_t *req, const analysis_t *an, const analysis_comment_t *m, size_t nm, int64_t section_id,
                   bool may_comment)
{
    buf_t *o = &req->body;
    size_t shown = 0;
    for (size_t i = 0; i < nm; i++) {
        if (m[i].section_id != section_id)
            continue;
        if (!shown++)
            html_lit(o, "<ol class=\"thread\" aria-label=\"Kommentarer\">");
        html_printf(o, "<li><p class=\"meta\">%s, %s</p><p class=\"prose\">%s</p></li>", m[i].author,
                    fmt_datetime_in(&req->arena, m[i].at), m[i].body);
    }
    if (shown)
        html_lit(o, "</ol>");
    if (!may_comment)
        return;
    html_printf(o, "<details class=\"comment\"><summary>Kommentera</summary><form method=\"post\" "
                   "action=\"/analyses/%lld/comments\" class=\"form\">",
                (long long)an->id);
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"section\" value=\"%lld\"><div class=\"field\"><label for=\"c-%lld\">"
                   "Kommentar</label><textarea id=\"c-%lld\" name=\"body\" rows=\"3\"></textarea></div>"
                   "<button type=\"submit\" class=\"button\">Skicka kommentaren</button></form></details>",
                (long long)section_id, (long long)section_id, (long long)section_id);
}

static void flow_button(request_t *req, const char *action, const char *key, const char *label, const char *cls)
{
    html_printf(&req->body, "<form method=\"post\" action=\"%s\" class=\"inline\">", action);
    widget_csrf(req);
    html_printf(&req->body, "<input type=\"hidden\" name=\"action\" value=\"%s\"><button type=\"submit\" "
                            "class=\"%s\">%s</button></form>\n", key, cls, label);
}

void analyses_flow_forms(request_t *req, const char *action, const char *state, bool member, bool approver,
                         const char *approve_label)
{
    buf_t *o = &req->body;
    if (strcmp(state, "draft") == 0 && member)
        flow_button(req, action, "submit", "Skicka för godkännande", "button");
    if (strcmp(state, "submitted") == 0 && approver) {
        flow_button(req, action, "approve", approve_label, "button");
        html_printf(o, "<form method=\"post\" action=\"%s\" class=\"card form narrow\">", action);
        widget_csrf(req);
        html_lit(o, "<input type=\"hidden\" name=\"action\" value=\"return\">");
        html_lit(o, "<div class=\"field\"><label for=\"f-reason\">Skicka tillbaka med kommentar</label>");
        widget_field_error(req, "reason");
        html_printf(o, "<textarea id=\"f-reason\" name=\"reason\" rows=\"3\"%s>%s</textarea></div>"
                       "<button type=\"submit\" class=\"button secondary\">Skicka tillbaka</button></form>\n",
                    req->nerrors ? " aria-invalid=\"true\" aria-describedby=\"e-reason\"" : "", req_param(req, "reason"));
    }
    if (strcmp(state, "approved") == 0 && (approver || member))
        flow_button(req, action, "reopen", "Öppna för en ny version", "button secondary");
}

static void documents(request_t *req, const analysis_t *an, bool writer)
{
    buf_t *o = &req->body;
    analysis_document_t *d;
    size_t n = analyses_documents(req->db, an, &req->arena, &d);
    html_lit(o, "<h3>Dokument</h3>");
    if (!n)
        html_lit(o, "<p class=\"empty\">Inga dokument uppladdade.</p>");
    else
        html_lit(o, "<ul class=\"links\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<li><a href=\"/analyses/%lld/documents/%lld\">%s</a> <span class=\"muted\">(",
                    (long long)an->id, (long long)d[i].id, d[i].filename);
        html_int(o, (d[i].bytes + 1023) / 1024);
        html_printf(o, " kB, %s, %s)</span></li>", d[i].uploaded_by, fmt_datetime_in(&req->arena, d[i].uploaded_at));
    }
    if (n)
        html_lit(o, "</ul>");
    if (!writer)
        return;
    html_printf(o, "<form method=\"post\" action=\"/analyses/%lld/documents\" enctype=\"multipart/form-data\" "
                   "class=\"card form narrow\">",
                (long long)an->id);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-file\">Ladda upp ett underlag</label>"
                "<p class=\"hint\" id=\"h-file\">PDF, Word (DOCX), Excel (XLSX) eller bild (PNG, JPEG), högst 20 MB.</p>");
    widget_field_error(req, "file");
    html_lit(o, "<input type=\"file\" id=\"f-file\" name=\"file\" accept=\".pdf,.docx,.xlsx,.png,.jpg,.jpeg\"");
    widget_described_by(req, "file", true);
    html_lit(o, "></div><button type=\"submit\" class=\"button\">Ladda upp</button></form>\n");
}

/* The text of a section: a form for a writer (with what was sent after a crossing save),
 * else the text. */
static void section_body(request_t *req, const analysis_t *an, const analysis_section_t *s, bool writer)
{
    buf_t *o = &req->body;
    const char *form = arena_printf(&req->arena, "s%lld", (long long)s->id);
    bool stale = req->stale_form && strcmp(req->stale_form, form) == 0;
    if (stale) {
        stale_field_t f = {s->title, s->body, req_param(req, "body")};
        widget_stale(req, s->saved_by, s->saved_at, &f, 1);
    }
    if (!writer) {
        html_printf(o, "<div class=\"prose\">%s</div>", *s->body ? s->body : "–");
        return;
    }
    html_printf(o, "<form method=\"post\" action=\"/analyses/%lld/sections/%lld\" class=\"form\">", (long long)an->id,
                (long long)s->id);
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\"><div class=\"field\"><label for=\"t-%lld\" "
                   "class=\"visually-hidden\">%s</label><textarea id=\"t-%lld\" name=\"body\" rows=\"8\">%s</textarea>"
                   "</div><button type=\"submit\" class=\"button\">Spara</button>",
                s->version, (long long)s->id, s->title, (long long)s->id, stale ? req_param(req, "body") : s->body);
    if (s->saved_at)
        html_printf(o, " <span class=\"muted\">Sparat av %s %s</span>", s->saved_by,
                    fmt_datetime_in(&req->arena, s->saved_at));
    html_lit(o, "</form>");
}

int analyses_view(request_t *req, int status)
{
    case_row_t *c;
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!an)
        return respond_error(req, 404, NOT_FOUND);
    const char *title = an->unit_id ? arena_printf(&req->arena, "Nulägesanalys: %s", an->unit_name)
                                    : arena_printf(&req->arena, "Nulägesanalys: %s, huvudmannanivå", an->organiser);
    layout_begin(req, title);
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    /* One of the analysis's writers (whatever its state); writing needs a draft too. */
    bool member = analyses_writer_of(req->db, &req->viewer, an);
    bool writer = member && strcmp(an->state, "draft") == 0;
    bool may_comment = analyses_may_comment(&req->viewer) && (!access_may(&req->viewer, CAP_ANALYSIS_WRITE) || member);
    html_printf(o, "<p><a href=\"/cases/%lld#analyser\">%s · %s</a></p>\n", (long long)c->id, c->organiser,
                c->round_name);
    html_printf(o, "<dl class=\"facts\"><dt>Mall</dt><dd>%s</dd><dt>Läge</dt><dd>%s</dd>",
                analysis_level_label(an->level), analysis_state_label(an->state));
    if (an->version)
        html_printf(o, "<dt>Senast godkänd</dt><dd>version %d av %s, %s</dd>", an->version, an->approved_by,
                    fmt_datetime_in(&req->arena, an->approved_at));
    html_lit(o, "</dl>\n");
    html_printf(o, "<p class=\"exports\"><a href=\"/analyses/%lld/document.pdf\">PDF</a> · <a href=\"/analyses/%lld/versions\">"
                   "Versioner och skillnader</a>%s",
                (long long)an->id, (long long)an->id, "");
    if (access_may(&req->viewer, CAP_PLAN_READ) && an->version)
        html_printf(o, " · <a href=\"/cases/%lld#planer\">Åtgärdsplan</a>", (long long)c->id);
    html_lit(o, "</p>\n");
    if (strcmp(an->state, "approved") == 0)
        html_lit(o, "<p class=\"notice\">Analysen är godkänd och kan inte ändras. En ny version öppnas med knappen "
                    "nedan; den godkända versionen finns kvar.</p>");
    analyses_flow_forms(req, arena_printf(&req->arena, "/analyses/%lld/flow", (long long)an->id), an->state, member,
                        analyses_may_approve(&req->viewer, an), "Godkänn analysen");

    analysis_section_t *s;
    size_t ns = analyses_sections(req->db, an, &req->arena, &s);
    analysis_comment_t *m;
    size_t nm = analyses_comments(req->db, an, &req->arena, &m);
    bool evidence_shown = false;
    for (size_t i = 0; i < ns; i++) {
        html_printf(o, "<section class=\"analysis-section\" id=\"avsnitt-%lld\"><h2>%s</h2>", (long long)s[i].id,
                    s[i].title);
        if (*s[i].guidance)
            html_printf(o, "<p class=\"hint\">%s</p>", s[i].guidance);
        if (strcmp(s[i].kind, "evidence") == 0 && !evidence_shown) {
            evidence_shown = true;
            analyses_evidence_table(req, an);
            documents(req, an, writer);
            html_lit(o, "<h3>Analysgruppens beskrivning av underlagen</h3>");
        }
        section_body(req, an, &s[i], writer);
        thread(req, an, m, nm, s[i].id, may_comment);
        html_lit(o, "</section>\n");
    }
    if (!evidence_shown) {
        html_lit(o, "<h2>Underlag</h2>");
        analyses_evidence_table(req, an);
        documents(req, an, writer);
    }
    analyses_problems_section(req, an, writer);
    html_lit(o, "<h2 id=\"kommentarer\">Kommentarer till hela analysen</h2>");
    thread(req, an, m, nm, 0, may_comment);
    layout_end(req);
    return respond_html(req, status);
}

analysis_t *analyses_of_form(request_t *req, int *status)
{
    analysis_t *an = analyses_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!an)
        *status = respond_error(req, 404, NOT_FOUND);
    else if (req->nerrors)
        *status = analyses_view(req, 400);
    return an && !req->nerrors ? an : NULL;
}

static int analyses_page(request_t *req)
{
    return analyses_view(req, 200);
}

static int analyses_section_submit(request_t *req)
{
    int status = 0;
    analysis_t *an = analyses_of_form(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    int64_t section = req_param_int(req, "section", 0);
    switch (analyses_save_section(req->db, &req->viewer, an, section, (int)req_param_int(req, "version", 0),
                                  req_param(req, "body"), &req->arena, &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld?klart=1#avsnitt-%lld", (long long)an->id,
                                                  (long long)section));
    case WRITE_STALE:
        req->stale_form = arena_printf(&req->arena, "s%lld", (long long)section);
        return analyses_view(req, 409);
    default:
        return respond_error(req, 409, err);
    }
}

static int analyses_comment_submit(request_t *req)
{
    int status = 0;
    analysis_t *an = analyses_of_form(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    int64_t section = req_param_int(req, "section", 0);
    if (!analyses_add_comment(req->db, &req->viewer, an, section, req_param(req, "body"), &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, section ? arena_printf(&req->arena, "/analyses/%lld#avsnitt-%lld", (long long)an->id,
                                                        (long long)section)
                                         : arena_printf(&req->arena, "/analyses/%lld#kommentarer", (long long)an->id));
}

static int analyses_flow_submit(request_t *req)
{
    int status = 0;
    analysis_t *an = analyses_of_form(req, &status);
    if (!an)
        return status;
    char *err = NULL;
    if (!analyses_flow(req->db, &req->viewer, an, req_param(req, "action"), req_param(req, "reason"), &req->arena,
                       &err)) {
        if (strcmp(req_param(req, "action"), "return") == 0 && !*req_param(req, "reason")) {
            req_add_error(req, "reason", err);
            return analyses_view(req, 422);
        }
        return respond_error(req, 409, err);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/analyses/%lld?klart=1", (long long)an->id));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_start[] = {PARAM_ID, {"unit", P_INT, 0, "Enhet", 0, 1000000000, NULL}, PARAM_END};
static const param_spec_t p_section[] = {PARAM_ID, {"section", P_INT, PARAM_PATH, "Rubrik", 1, 1000000000, NULL},
                                         PARAM_VERSION, {"body", P_MULTILINE, 0, "Text", 0, 100000, NULL}, PARAM_END};
static const param_spec_t p_comment[] = {PARAM_ID, {"section", P_INT, 0, "Rubrik", 0, 1000000000, NULL},
                                         {"body", P_MULTILINE, PARAM_REQUIRED, "Kommentar", 0, 10000, NULL},
                                         PARAM_END};
static const param_spec_t p_flow[] = {PARAM_ID, {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, analysis_flow_actions},
                                      {"reason", P_MULTILINE, 0, "Kommentar", 0, 10000, NULL}, PARAM_END};

const route_t analyses_page_routes[] = {
    {"POST", "/cases/{id}/analyses", analyses_start_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_start},
    {"GET", "/analyses/{id}", analyses_page, CAP_ANALYSIS_READ, ROUTE_KEPT, p_id},
    {"POST", "/analyses/{id}/sections/{section}", analyses_section_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_section},
    {"POST", "/analyses/{id}/comments", analyses_comment_submit, CAP_ANALYSIS_READ, ROUTE_FORM, p_comment},
    {"POST", "/analyses/{id}/flow", analyses_flow_submit, CAP_ANALYSIS_READ, ROUTE_FORM, p_flow},
    {NULL, NULL, NULL, 0, 0, NULL},
};
