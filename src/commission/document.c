/* document.c — one of the university's documents: its headings, written by the
 * university while it is a draft or returned (a save that crossed another shows the
 * difference), submitted, accepted or returned by the agency; read-only once submitted;
 * its submissions and their differences, its comment thread, and the document as PDF. */
#include "parts.h"
#include "../base/fmt.h"
#include "../base/vec.h"
#include "../html/diff.h"
#include "../http/layout.h"
#include "../io/pdf_doc.h"
#include <jansson.h>
#include <string.h>

static commission_doc_t *target(request_t *req)
{
    return commission_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
}

static const char *doc_url(request_t *req, const commission_doc_t *d, const char *rest)
{
    return arena_printf(&req->arena, "/commission/%lld%s", (long long)d->id, rest);
}

static void facts(request_t *req, const commission_doc_t *d)
{
    buf_t *o = &req->body;
    html_printf(o, "<dl class=\"facts\"><dt>Lärosäte</dt><dd>%s</dd><dt>Läge</dt><dd>%s</dd><dt>Påbörjad</dt>"
                   "<dd>%s, %s</dd>", d->university, commission_state_label(d->state), d->created_by,
                fmt_datetime_in(&req->arena, d->created_at));
    if (*d->saved_by)
        html_printf(o, "<dt>Senast sparad</dt><dd>%s, %s</dd>", d->saved_by, fmt_datetime_in(&req->arena, d->saved_at));
    if (*d->decided_by)
        html_printf(o, "<dt>Beslut</dt><dd>%s, %s</dd>", d->decided_by, fmt_datetime_in(&req->arena, d->decided_at));
    html_lit(o, "</dl>");
}

/* The headings as a form for the writer (with what was sent after a failed post), or as
 * text for everyone else. */
static void headings(request_t *req, const commission_doc_t *d, bool writer, bool posted, int based_on)
{
    buf_t *o = &req->body;
    const commission_kind_t *k = d->kind;
    if (!writer) {
        for (size_t i = 0; i < k->nheadings; i++)
            html_printf(o, "<h2>%s</h2><p class=\"prose\">%s</p>", k->titles[i], *d->texts[i] ? d->texts[i] : "–");
        return;
    }
    html_printf(o, "<form method=\"post\" action=\"%s\" class=\"card form\" novalidate><input type=\"hidden\" "
                   "name=\"version\" value=\"%d\">", doc_url(req, d, ""), based_on);
    widget_csrf(req);
    for (size_t i = 0; i < k->nheadings; i++)
        html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label><p class=\"hint\" id=\"h-%s\">%s</p>"
                       "<textarea id=\"f-%s\" name=\"%s\" rows=\"6\" aria-describedby=\"h-%s\">%s</textarea></div>",
                    k->headings[i], k->titles[i], k->headings[i], k->hints[i], k->headings[i], k->headings[i],
                    k->headings[i], posted ? req_param(req, k->headings[i]) : d->texts[i]);
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara</button></form>");
}

static void flow_forms(request_t *req, const commission_doc_t *d, bool writer)
{
    if (writer)
        widget_flow_submit(req, doc_url(req, d, "/flow"), "Lämna in till Skolverket");
    if (commission_may_decide(&req->viewer, d))
        widget_flow_decision(req, doc_url(req, d, "/flow"));
}

/* The page; stale: a save crossed another (the difference is shown, the form keeps what
 * was sent, based on the version saved now). */
static int doc_view(request_t *req, commission_doc_t *d, int status, const char *notice, bool stale)
{
    layout_begin(req, arena_printf(&req->arena, "%s: %s", d->title, d->c->organiser));
    buf_t *o = &req->body;
    bool writer = commission_may_write(req->db, &req->viewer, d);
    if (stale) {
        stale_field_t f[COMMISSION_MAX_HEADINGS];
        for (size_t i = 0; i < d->kind->nheadings; i++)
            f[i] = (stale_field_t){d->kind->titles[i], d->texts[i], req_param(req, d->kind->headings[i])};
        widget_stale(req, d->saved_by, d->saved_at, f, d->kind->nheadings);
    }
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (notice)
        widget_notice(req, "error", notice);
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld/commission\">Lärosätets dokument i ärendet</a> · <a href=\"%s\">PDF</a> · "
                   "<a href=\"%s\">Inlämningar och skillnader (%d)</a></p>", (long long)d->case_id,
                doc_url(req, d, "/document.pdf"), doc_url(req, d, "/submissions"), d->submissions);
    facts(req, d);
    if (*d->return_comment)
        html_printf(o, "<div class=\"notice notice-error\" role=\"status\"><h2>Skolverket har skickat tillbaka "
                       "dokumentet</h2><p class=\"prose\">%s</p></div>", d->return_comment);
    if (writer) {
        const char **missing;
        size_t nm = commission_missing(d->kind, d->texts, &req->arena, &missing);
        if (nm) {
            html_lit(o, "<div class=\"notice\"><h2>Innan dokumentet kan lämnas in</h2><ul>");
            for (size_t i = 0; i < nm; i++)
                html_printf(o, "<li>%s</li>", missing[i]);
            html_lit(o, "</ul></div>");
        }
    }
    bool posted = strcmp(req->method, "POST") == 0 && req_has_param(req, "version");
    headings(req, d, writer, posted, posted && !stale ? (int)req_param_int(req, "version", d->version) : d->version);
    flow_forms(req, d, writer);
    cases_comment_thread(req, d->c, commission_subject(d, &req->arena), doc_url(req, d, "/comments"),
                         access_may(&req->viewer, CAP_DOCUMENT_COMMENT));
    layout_end(req);
    return respond_html(req, status);
}

static int doc_page(request_t *req)
{
    commission_doc_t *d = target(req);
    if (!d)
        return respond_error(req, 404, COMMISSION_NOT_FOUND);
    return doc_view(req, d, 200, NULL, false);
}

static int save_submit(request_t *req)
{
    commission_doc_t *d = target(req);
    if (!d)
        return respond_error(req, 404, COMMISSION_NOT_FOUND);
    if (req->nerrors)
        return doc_view(req, d, 400, NULL, false);
    const char *texts[COMMISSION_MAX_HEADINGS] = {0};
    for (size_t i = 0; i < d->kind->nheadings; i++)
        texts[i] = req_param(req, d->kind->headings[i]);
    char *err = NULL;
    switch (commission_save(req->db, &req->viewer, d, (int)req_param_int(req, "version", 0), texts, &req->arena, &err)) {
    case WRITE_OK:
        return respond_redirect(req, doc_url(req, d, "?klart=1"));
    case WRITE_STALE:
        return doc_view(req, target(req), 409, NULL, true);
    default:
        return doc_view(req, d, 409, err, false);
    }
}

static int flow_submit(request_t *req)
{
    commission_doc_t *d = target(req);
    if (!d)
        return respond_error(req, 404, COMMISSION_NOT_FOUND);
    if (req->nerrors)
        return doc_view(req, d, 400, NULL, false);
    char *err = NULL;
    if (!commission_flow(req->db, &req->viewer, d, req_param(req, "action"), req_param(req, "comment"), &req->arena,
                         &err)) {
        if (strcmp(req_param(req, "action"), "return") == 0 && !*req_param(req, "comment")) {
            req_add_error(req, "comment", err);
            return doc_view(req, d, 422, NULL, false);
        }
        return doc_view(req, target(req), 409, err, false);
    }
    return respond_redirect(req, doc_url(req, d, "?klart=1"));
}

static const char *js(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* A frozen document as its headings with their texts. */
static size_t parts_of(request_t *req, const char *content, diff_part_t **out)
{
    json_t *doc = json_loads(content ? content : "{}", 0, NULL);
    json_t *h = json_object_get(doc, "headings");
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < json_array_size(h); i++) {
        diff_part_t *p = ARENA_PUSH(&req->arena, *out, n, cap);
        p->title = arena_strdup(&req->arena, js(json_array_get(h, i), "title"));
        p->text = arena_strdup(&req->arena, js(json_array_get(h, i), "text"));
    }
    json_decref(doc);
    return n;
}

static int submissions_page(request_t *req)
{
    commission_doc_t *d = target(req);
    if (!d)
        return respond_error(req, 404, COMMISSION_NOT_FOUND);
    doc_submission_t *s;
    size_t n = commission_submissions(req->db, d, &req->arena, &s);
    layout_begin(req, arena_printf(&req->arena, "Inlämningar: %s, %s", d->title, d->c->organiser));
    html_printf(&req->body, "<p><a href=\"%s\">Tillbaka till dokumentet</a></p>", doc_url(req, d, ""));
    widget_submissions(req, s, n, commission_snapshot(d, &req->arena), parts_of);
    layout_end(req);
    return respond_html(req, 200);
}

static int comment_submit(request_t *req)
{
    commission_doc_t *d = target(req);
    if (!d)
        return respond_error(req, 404, COMMISSION_NOT_FOUND);
    if (req->nerrors)
        return doc_view(req, d, 400, NULL, false);
    comment_notice_t notice = {.title = arena_printf(&req->arena, "%s (%s)", d->title, d->university),
                               .link = doc_url(req, d, ""), .writers = "university", .university = d->university,
                               .from_writer = access_may(&req->viewer, CAP_COMMISSION_WRITE)};
    char *err = NULL;
    if (!cases_add_comment(req->db, &req->viewer, d->c, commission_subject(d, &req->arena), req_param(req, "body"),
                           &notice, &req->arena, &err))
        return doc_view(req, d, 422, err, false);
    return respond_redirect(req, doc_url(req, d, "#kommentarer"));
}

static int doc_pdf(request_t *req)
{
    commission_doc_t *d = target(req);
    if (!d)
        return respond_error(req, 404, COMMISSION_NOT_FOUND);
    buf_t out = BUF_INIT;
    arena_t *a = &req->arena;
    pdf_doc_t *p = pdf_doc_begin(&out, d->title, "Samverkan för bästa skola · Lärosätets uppdrag");
    if (!p)
        return respond_error(req, 500, "PDF:en kunde inte skapas.");
    pdf_doc_text(p, PDF_TITLE, arena_printf(a, "%s: %s", d->title, d->c->organiser), 6);
    pdf_doc_text(p, PDF_SMALL, arena_printf(a, "%s · %s", d->university, commission_state_label(d->state)), 12);
    for (size_t i = 0; i < d->kind->nheadings; i++) {
        pdf_doc_text(p, PDF_HEADING, d->kind->titles[i], 3);
        pdf_doc_text(p, PDF_BODY, *d->texts[i] ? d->texts[i] : "–", 8);
    }
    if (!pdf_doc_end(p)) {
        buf_free(&out);
        return respond_error(req, 500, "PDF:en kunde inte skapas.");
    }
    int rc = respond_file(req, "application/pdf",
                          arena_printf(a, "%s-%s%s%s.pdf", d->kind->key, d->c->orgnr, *d->term ? "-" : "", d->term), &out);
    buf_free(&out);
    return rc;
}

#define P_HEADING(key) {key, P_MULTILINE, 0, "Text", 0, 30000, NULL}
static const param_spec_t p_page[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
/* Every heading of every kind; a document reads only its own. */
static const param_spec_t p_save[] = {
    PARAM_ID, PARAM_VERSION, P_HEADING("basis"), P_HEADING("goals"), P_HEADING("content"), P_HEADING("schedule"),
    P_HEADING("followup"), P_HEADING("commission"), P_HEADING("efforts"), P_HEADING("team"), P_HEADING("reporting"),
    P_HEADING("done"), P_HEADING("results"), P_HEADING("changes"), P_HEADING("next"), P_HEADING("outcome"),
    P_HEADING("capacity"), P_HEADING("lessons"), P_HEADING("recommendations"), P_HEADING("worked"),
    P_HEADING("difficulties"), P_HEADING("next_time"), PARAM_END};
static const param_spec_t p_flow[] = {PARAM_ID,
                                      {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, commission_flow_actions},
                                      {"comment", P_MULTILINE, 0, "Kommentar", 0, 10000, NULL}, PARAM_END};
static const param_spec_t p_submissions[] = {PARAM_ID, {"from", P_INT, 0, "Från inlämning", 0, 100000, NULL},
                                             {"to", P_INT, 0, "Till", 0, 100000, NULL}, PARAM_END};
static const param_spec_t p_comment[] = {PARAM_ID, {"body", P_MULTILINE, PARAM_REQUIRED, "Kommentar", 0, 10000, NULL},
                                         PARAM_END};

const route_t commission_doc_routes[] = {
    {"GET", "/commission/{id}", doc_page, CAP_COMMISSION_READ, ROUTE_KEPT, p_page},
    {"POST", "/commission/{id}", save_submit, CAP_COMMISSION_WRITE, ROUTE_FORM, p_save},
    {"POST", "/commission/{id}/flow", flow_submit, CAP_COMMISSION_READ, ROUTE_FORM, p_flow},
    {"GET", "/commission/{id}/submissions", submissions_page, CAP_COMMISSION_READ, ROUTE_KEPT, p_submissions},
    {"POST", "/commission/{id}/comments", comment_submit, CAP_DOCUMENT_COMMENT, ROUTE_FORM, p_comment},
    {"GET", "/commission/{id}/document.pdf", doc_pdf, CAP_COMMISSION_READ, ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
