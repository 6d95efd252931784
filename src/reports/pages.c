/* pages.c — a report's page: prefilled from the approved plans and the period's figures,
 * written intervention by intervention and in its own texts by the organiser, submitted,
 * accepted or returned with a comment by the agency; read-only once submitted, and as PDF. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include "../io/pdf_doc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND "Redovisningen finns inte, eller så har du inte tillgång till den."

static report_t *target(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    return c ? reports_get(req->db, &req->viewer, c, req_param(req, "term"), &req->arena) : NULL;
}

static const char *kronor(request_t *req, int64_t v)
{
    return v >= 0 ? fmt_kronor_in(&req->arena, v) : "–";
}

static void indicators_of(request_t *req, const report_t *r, int64_t intervention)
{
    buf_t *o = &req->body;
    size_t shown = 0;
    for (size_t i = 0; i < r->nindicators; i++) {
        const report_indicator_t *x = &r->indicators[i];
        if (x->intervention_id != intervention)
            continue;
        if (!shown++)
            html_lit(o, TABLE_OPEN("Indikatorer") "<thead><tr><th scope=\"col\">Indikator</th><th scope=\"col\">"
                        "Utgångsvärde</th><th scope=\"col\">Mål</th><th scope=\"col\">Under perioden</th>"
                        "<th scope=\"col\">Läge</th></tr></thead><tbody>");
        html_printf(o, "<tr><th scope=\"row\"><a href=\"/indicators/%lld\">%s</a></th><td>%s</td><td>%s</td><td>%s%s%s%s"
                       "</td><td>%s</td></tr>", (long long)x->id, x->measure, x->baseline, x->target,
                    isnan(x->value) ? "Inte avläst" : fmt_number_in(&req->arena, x->value), *x->period ? " (" : "",
                    x->period, *x->period ? ")" : "", indicator_status_label(x->status));
    }
    if (shown)
        html_lit(o, "</tbody>" TABLE_CLOSE);
}

static void line_form(request_t *req, const report_t *r, const report_line_t *l, bool posted_here)
{
    buf_t *o = &req->body;
    html_printf(o, "<form method=\"post\" action=\"/cases/%lld/reports/%s/interventions/%lld\" class=\"form\" novalidate>",
                (long long)r->c->id, r->period.term, (long long)l->intervention_id);
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\">", r->version);
    const char *state = posted_here ? req_param(req, "state") : l->state;
    html_printf(o, "<div class=\"field\"><label for=\"f-state-%lld\">Läge under perioden</label>",
                (long long)l->intervention_id);
    if (posted_here)
        widget_field_error(req, "state");
    html_printf(o, "<select id=\"f-state-%lld\" name=\"state\"><option value=\"\">Välj</option>", (long long)l->intervention_id);
    for (const char *const *k = intervention_state_keys; *k; k++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", *k, strcmp(state, *k) == 0 ? " selected" : "",
                    intervention_state_label(*k));
    html_printf(o, "</select></div><div class=\"field\"><label for=\"f-done-%lld\">Vad har gjorts?</label>"
                   "<textarea id=\"f-done-%lld\" name=\"done\" rows=\"3\">%s</textarea></div>",
                (long long)l->intervention_id, (long long)l->intervention_id, posted_here ? req_param(req, "done") : l->done);
    html_printf(o, "<div class=\"field\"><label for=\"f-used-%lld\">Använda medel hittills (hela kronor)</label>"
                   "<p class=\"hint\" id=\"h-used-%lld\">Beräknad kostnad i planen: %s.</p>",
                (long long)l->intervention_id, (long long)l->intervention_id, kronor(req, l->cost));
    if (posted_here)
        widget_field_error(req, "used");
    html_printf(o, "<input type=\"number\" min=\"0\" id=\"f-used-%lld\" name=\"used\" value=\"%s\""
                   " aria-describedby=\"h-used-%lld\"></div>",
                (long long)l->intervention_id,
                posted_here ? req_param(req, "used") : l->used >= 0 ? arena_printf(&req->arena, "%lld", (long long)l->used) : "",
                (long long)l->intervention_id);
    html_printf(o, "<button type=\"submit\" class=\"button secondary\">Spara insatsen <span class=\"visually-hidden\">%s"
                   "</span></button></form>", l->title);
}

static void texts_form(request_t *req, const report_t *r, bool posted_here)
{
    buf_t *o = &req->body;
    html_printf(o, "<form method=\"post\" action=\"/cases/%lld/reports/%s\" class=\"card form\" novalidate>"
                   "<h2>Lärdomar och förändringar</h2>", (long long)r->c->id, r->period.term);
    widget_csrf(req);
    html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\">", r->version);
    html_printf(o, "<div class=\"field\"><label for=\"f-lessons\">Lärdomar</label><textarea id=\"f-lessons\" "
                   "name=\"lessons\" rows=\"5\">%s</textarea></div>", posted_here ? req_param(req, "lessons") : r->lessons);
    html_printf(o, "<div class=\"field\"><label for=\"f-changes\">Förändringar i planen</label><p class=\"hint\">Till "
                   "exempel insatser som ändrats eller avbrutits, och varför; större ändringar görs i en ny version av "
                   "planen.</p><textarea id=\"f-changes\" name=\"changes\" rows=\"4\">%s</textarea></div>",
                posted_here ? req_param(req, "changes") : r->changes);
    if (r->period.final)
        html_printf(o, "<div class=\"field\"><label for=\"f-continuation\">Vad fortsätter efter samverkan, och hur?"
                       "</label><textarea id=\"f-continuation\" name=\"continuation\" rows=\"5\">%s</textarea></div>",
                    posted_here ? req_param(req, "continuation") : r->continuation);
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara texterna</button></form>");
}

static void flow_forms(request_t *req, const report_t *r, bool writer)
{
    const char *url = arena_printf(&req->arena, "/cases/%lld/reports/%s/flow", (long long)r->c->id, r->period.term);
    if (writer && r->id)
        widget_flow_submit(req, url, "Lämna in redovisningen");
    if (reports_may_decide(&req->viewer, r))
        widget_flow_decision(req, url);
}

int reports_view(request_t *req, int status, const char *notice)
{
    report_t *r = target(req);
    if (!r)
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "%s: %s", r->period.label, r->c->organiser));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (notice)
        widget_notice(req, "error", notice);
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld#datum\">Till ärendet</a> · <a href=\"/cases/%lld/reports/%s/document.pdf\">"
                   "PDF</a> · <a href=\"/cases/%lld/reports/%s/submissions\">Inlämningar och skillnader (%d)</a></p>",
                (long long)r->c->id, (long long)r->c->id, r->period.term, (long long)r->c->id, r->period.term,
                r->submissions);
    html_printf(o, "<dl class=\"facts\"><dt>Period</dt><dd>%s – %s</dd><dt>Läge</dt><dd>%s</dd>", r->period.from,
                r->period.to, report_state_label(r->state));
    if (*r->saved_by)
        html_printf(o, "<dt>Senast sparad</dt><dd>%s, %s</dd>", r->saved_by, fmt_datetime_in(&req->arena, r->saved_at));
    if (*r->decided_by)
        html_printf(o, "<dt>Beslut</dt><dd>%s, %s</dd>", r->decided_by, fmt_datetime_in(&req->arena, r->decided_at));
    html_lit(o, "</dl>");
    if (*r->return_comment)
        html_printf(o, "<div class=\"notice notice-error\" role=\"status\"><h2>Skolverket har skickat tillbaka "
                       "redovisningen</h2><p>%s</p></div>", r->return_comment);
    bool writer = reports_may_write(req->db, &req->viewer, r);
    if (writer) {
        const char **missing;
        size_t nm = report_missing(r->lines, r->nlines, r->lessons, r->period.final, r->continuation, &req->arena,
                                   &missing);
        if (nm) {
            html_lit(o, "<div class=\"notice\"><h2>Innan redovisningen kan lämnas in</h2><ul>");
            for (size_t i = 0; i < nm; i++)
                html_printf(o, "<li>%s</li>", missing[i]);
            html_lit(o, "</ul></div>");
        }
    }
    int64_t posted = req_param_int(req, "intervention", 0);
    html_lit(o, "<h2>Insatserna</h2>");
    if (!r->nlines)
        html_lit(o, "<p class=\"empty\">Ärendet har inga godkända åtgärdsplaner med insatser än.</p>");
    for (size_t i = 0; i < r->nlines; i++) {
        const report_line_t *l = &r->lines[i];
        html_printf(o, "<section class=\"card\"><h3>%s</h3><p class=\"muted\">%s · beräknad kostnad %s</p>", l->title,
                    l->plan, kronor(req, l->cost));
        if (writer) {
            line_form(req, r, l, posted == l->intervention_id);
        } else {
            html_printf(o, "<dl class=\"facts\"><dt>Läge</dt><dd>%s</dd><dt>Vad har gjorts</dt><dd class=\"prose\">%s</dd>"
                           "<dt>Använda medel</dt><dd>%s</dd></dl>", *l->state ? intervention_state_label(l->state) : "–",
                        l->done, kronor(req, l->used));
        }
        indicators_of(req, r, l->intervention_id);
        html_lit(o, "</section>");
    }
    if (writer) {
        texts_form(req, r, posted == 0 && strcmp(req->method, "POST") == 0);
    } else {
        html_printf(o, "<h2>Lärdomar</h2><p class=\"prose\">%s</p><h2>Förändringar</h2><p class=\"prose\">%s</p>",
                    *r->lessons ? r->lessons : "–", *r->changes ? r->changes : "–");
        if (r->period.final)
            html_printf(o, "<h2>Vad fortsätter</h2><p class=\"prose\">%s</p>", *r->continuation ? r->continuation : "–");
    }
    flow_forms(req, r, writer);
    if (r->id)
        cases_comment_thread(req, r->c, report_subject(r, &req->arena),
                             arena_printf(&req->arena, "/cases/%lld/reports/%s/comments", (long long)r->c->id,
                                          r->period.term),
                             access_may(&req->viewer, CAP_DOCUMENT_COMMENT));
    layout_end(req);
    return respond_html(req, status);
}

static int report_page(request_t *req)
{
    return reports_view(req, 200, NULL);
}

static int saved(request_t *req, const report_t *r, write_result_t w, const char *err)
{
    if (w == WRITE_OK)
        return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld/reports/%s?klart=1", (long long)r->c->id,
                                                  r->period.term));
    if (w == WRITE_STALE)
        return reports_view(req, 409, "Någon annan har sparat redovisningen sedan du öppnade den. Sidan visar nu det "
                                     "som är sparat; skriv in din ändring igen.");
    return reports_view(req, 409, err);
}

static int texts_submit(request_t *req)
{
    report_t *r = target(req);
    if (!r)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return reports_view(req, 400, NULL);
    char *err = NULL;
    write_result_t w = reports_save_texts(req->db, &req->viewer, r, (int)req_param_int(req, "version", 0),
                                          req_param(req, "lessons"), req_param(req, "changes"),
                                          req_param(req, "continuation"), &req->arena, &err);
    return saved(req, r, w, err);
}

static int line_submit(request_t *req)
{
    report_t *r = target(req);
    if (!r)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return reports_view(req, 400, NULL);
    report_line_t line = {.intervention_id = req_param_int(req, "intervention", 0), .state = req_param(req, "state"),
                          .done = req_param(req, "done"),
                          .used = *req_param(req, "used") ? req_param_int(req, "used", -1) : -1};
    char *err = NULL;
    write_result_t w = reports_save_line(req->db, &req->viewer, r, (int)req_param_int(req, "version", 0), &line,
                                         &req->arena, &err);
    return saved(req, r, w, err);
}

static int flow_submit(request_t *req)
{
    report_t *r = target(req);
    if (!r)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return reports_view(req, 400, NULL);
    char *err = NULL;
    if (!reports_flow(req->db, &req->viewer, r, req_param(req, "action"), req_param(req, "comment"), &req->arena, &err)) {
        if (strcmp(req_param(req, "action"), "return") == 0 && !*req_param(req, "comment")) {
            req_add_error(req, "comment", err);
            return reports_view(req, 422, NULL);
        }
        return reports_view(req, 409, err);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld/reports/%s?klart=1", (long long)r->c->id,
                                              r->period.term));
}

static int report_pdf(request_t *req)
{
    report_t *r = target(req);
    if (!r)
        return respond_error(req, 404, NOT_FOUND);
    buf_t out = BUF_INIT;
    arena_t *a = &req->arena;
    pdf_doc_t *d = pdf_doc_begin(&out, r->period.label, "Samverkan för bästa skola · Redovisning till Skolverket");
    if (!d)
        return respond_error(req, 500, "PDF:en kunde inte skapas.");
    pdf_doc_text(d, PDF_TITLE, arena_printf(a, "%s: %s", r->period.label, r->c->organiser), 6);
    pdf_doc_text(d, PDF_SMALL, arena_printf(a, "Period %s – %s · %s", r->period.from, r->period.to,
                                            report_state_label(r->state)), 12);
    for (size_t i = 0; i < r->nlines; i++) {
        const report_line_t *l = &r->lines[i];
        pdf_doc_text(d, PDF_HEADING, arena_printf(a, "%s (%s)", l->title, l->plan), 3);
        pdf_doc_text(d, PDF_BODY, arena_printf(a, "Läge: %s. Använda medel: %s av beräknade %s.",
                                               *l->state ? intervention_state_label(l->state) : "inte angivet",
                                               kronor(req, l->used), kronor(req, l->cost)), 3);
        if (*l->done)
            pdf_doc_text(d, PDF_BODY, l->done, 3);
        for (size_t k = 0; k < r->nindicators; k++) {
            const report_indicator_t *x = &r->indicators[k];
            if (x->intervention_id == l->intervention_id)
                pdf_doc_text(d, PDF_SMALL, arena_printf(a, "%s: utgångsvärde %s, mål %s, under perioden %s. %s.", x->measure,
                                                        x->baseline, x->target,
                                                        isnan(x->value) ? "inte avläst" : fmt_number_in(a, x->value),
                                                        indicator_status_label(x->status)), 2);
        }
        pdf_doc_space(d, 8);
    }
    pdf_doc_text(d, PDF_HEADING, "Lärdomar", 3);
    pdf_doc_text(d, PDF_BODY, *r->lessons ? r->lessons : "–", 8);
    pdf_doc_text(d, PDF_HEADING, "Förändringar", 3);
    pdf_doc_text(d, PDF_BODY, *r->changes ? r->changes : "–", 8);
    if (r->period.final) {
        pdf_doc_text(d, PDF_HEADING, "Vad fortsätter efter samverkan", 3);
        pdf_doc_text(d, PDF_BODY, *r->continuation ? r->continuation : "–", 8);
    }
    if (!pdf_doc_end(d)) {
        buf_free(&out);
        return respond_error(req, 500, "PDF:en kunde inte skapas.");
    }
    int rc = respond_file(req, "application/pdf", arena_printf(a, "redovisning-%s-%s.pdf", r->c->orgnr, r->period.term),
                          &out);
    buf_free(&out);
    return rc;
}

#define P_TERM {"term", P_TEXT, PARAM_PATH, "Redovisning", 0, 6, NULL}
static const param_spec_t p_page[] = {PARAM_ID, P_TERM, PARAM_SAVED, PARAM_END};
static const param_spec_t p_pdf[] = {PARAM_ID, P_TERM, PARAM_END};
static const param_spec_t p_texts[] = {PARAM_ID, P_TERM, PARAM_VERSION,
                                       {"lessons", P_MULTILINE, 0, "Lärdomar", 0, 20000, NULL},
                                       {"changes", P_MULTILINE, 0, "Förändringar", 0, 20000, NULL},
                                       {"continuation", P_MULTILINE, 0, "Vad fortsätter", 0, 20000, NULL}, PARAM_END};
static const char *const line_states[] = {"", "planned", "running", "done", "changed", "dropped", NULL};
static const param_spec_t p_line[] = {PARAM_ID, P_TERM, PARAM_VERSION,
                                      {"intervention", P_INT, PARAM_PATH, "Insats", 1, 1000000000, NULL},
                                      {"state", P_CHOICE, 0, "Läge", 0, 0, line_states},
                                      {"done", P_MULTILINE, 0, "Vad har gjorts", 0, 20000, NULL},
                                      {"used", P_INT, 0, "Använda medel", 0, 10000000000LL, NULL}, PARAM_END};
static const param_spec_t p_flow[] = {PARAM_ID, P_TERM,
                                      {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, report_flow_actions},
                                      {"comment", P_MULTILINE, 0, "Kommentar", 0, 10000, NULL}, PARAM_END};

const route_t reports_routes[] = {
    {"GET", "/cases/{id}/reports/{term}", report_page, CAP_PLAN_READ, ROUTE_KEPT, p_page},
    {"POST", "/cases/{id}/reports/{term}", texts_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_texts},
    {"POST", "/cases/{id}/reports/{term}/interventions/{intervention}", line_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM,
     p_line},
    {"POST", "/cases/{id}/reports/{term}/flow", flow_submit, CAP_PLAN_READ, ROUTE_FORM, p_flow},
    {"GET", "/cases/{id}/reports/{term}/document.pdf", report_pdf, CAP_PLAN_READ, ROUTE_KEPT, p_pdf},
    {NULL, NULL, NULL, 0, 0, NULL},
};

