/* agreement_pages.c — agreements in the browser and the API: the form for a new one or a
 * new version, the document itself with its state, approvals and versions, a readable
 * difference between two versions, and the PDF. A signed agreement offers no edit, and an
 * edit sent anyway (page or API) is refused by the store. */
#include "agreements.h"
#include "../base/fmt.h"
#include "../base/money.h"
#include "../html/layout.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND "Överenskommelsen finns inte, eller så har du inte tillgång till den."

static bool is_agency(const request_t *req)
{
    return req->viewer.role == ROLE_ADMIN || req->viewer.role == ROLE_ANALYST || req->viewer.role == ROLE_SUPPORTER;
}

/* Reads the form into a content; false (with form errors) when it is not valid. */
static bool read_form(request_t *req, agreement_kind_t k, agreement_content_t *c)
{
    memset(c, 0, sizeof *c);
    c->period_from = req_param(req, "period_from");
    c->period_to = req_param(req, "period_to");
    const char *amount = req_param(req, "amount");
    if (*amount && !money_parse_sv(amount, &c->amount_ore))
        req_add_error(req, "amount", "Skriv beloppet i kronor, till exempel 1 250 000.");
    for (int i = 1; i <= AGREEMENT_MAX_PAYOUTS; i++) {
        char date[32], sum[32];
        snprintf(date, sizeof date, "payout_date%d", i);
        snprintf(sum, sizeof sum, "payout_amount%d", i);
        if (!req_param(req, date)[0] && !req_param(req, sum)[0])
            continue;
        int64_t ore = 0;
        if (!money_parse_sv(req_param(req, sum), &ore))
            req_add_error(req, arena_strdup(&req->arena, sum), "Skriv utbetalningens belopp i kronor.");
        c->payouts[c->npayouts].date = req_param(req, date);
        c->payouts[c->npayouts++].amount_ore = ore;
    }
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    for (size_t i = 0; i < n; i++)
        c->sections[i] = req_param(req, arena_printf(&req->arena, "s_%s", s[i].key));
    const char *field;
    char why[300];
    if (!req->nerrors && !agreement_content_check(k, c, &field, why, sizeof why))
        req_add_error(req, field, arena_strdup(&req->arena, why));
    return req->nerrors == 0;
}

static void content_form(request_t *req, agreement_kind_t k, const agreement_content_t *c, const char *action,
                         const char *button, const char *hidden)
{
    buf_t *o = &req->body;
    bool posted = req_has_param(req, "period_from");
    html_printf(o, "<form method=\"post\" action=\"%s\" class=\"card form\" novalidate>", action);
    widget_csrf(req);
    if (hidden)
        html_raw(o, hidden);
    widget_input(req, "period_from", "Periodens första dag", "date", posted ? req_param(req, "period_from") : c->period_from,
                 NULL, "off");
    widget_input(req, "period_to", "Periodens sista dag", "date", posted ? req_param(req, "period_to") : c->period_to,
                 NULL, "off");
    buf_t amount = BUF_INIT;
    if (c->amount_ore)
        buf_printf(&amount, "%lld", (long long)(c->amount_ore / 100));
    widget_input(req, "amount", "Skolverkets medel (kronor)", "text", posted ? req_param(req, "amount") : buf_cstr(&amount),
                 "Summan av utbetalningarna nedan.", "off");
    buf_free(&amount);
    html_raw(o, "<fieldset><legend>Utbetalningsplan</legend>");
    for (int i = 1; i <= AGREEMENT_MAX_PAYOUTS; i++) {
        const char *d = i <= (int)c->npayouts ? c->payouts[i - 1].date : "";
        char *sum = i <= (int)c->npayouts ? arena_printf(&req->arena, "%lld", (long long)(c->payouts[i - 1].amount_ore / 100))
                                          : "";
        char *dn = arena_printf(&req->arena, "payout_date%d", i), *an = arena_printf(&req->arena, "payout_amount%d", i);
        html_raw(o, "<div class=\"pair\">");
        widget_input(req, dn, arena_printf(&req->arena, "Utbetalning %d, datum", i), "date",
                     posted ? req_param(req, dn) : d, NULL, "off");
        widget_input(req, an, arena_printf(&req->arena, "Utbetalning %d, belopp (kr)", i), "text",
                     posted ? req_param(req, an) : sum, NULL, "off");
        html_raw(o, "</div>");
    }
    html_raw(o, "</fieldset>");
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    for (size_t i = 0; i < n; i++) {
        char *name = arena_printf(&req->arena, "s_%s", s[i].key);
        html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, s[i].label);
        if (s[i].hint)
            html_printf(o, "<p class=\"hint\">%s</p>", s[i].hint);
        widget_field_error(req, name);
        html_printf(o, "<textarea id=\"f-%s\" name=\"%s\" rows=\"5\">%s</textarea></div>", name, name,
                    posted ? req_param(req, name) : c->sections[i] ? c->sections[i] : "");
    }
    html_printf(o, "<button type=\"submit\" class=\"button\">%s</button></form>\n", button);
}

static int new_view(request_t *req, int status)
{
    case_row_t *c = cases_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    agreement_kind_t k = agreement_kind_from_key(req_param(req, "kind"));
    if (!c || k == AGR_KIND_COUNT)
        return respond_error(req, 404, "Ärendet finns inte, eller så har du inte tillgång till det.");
    layout_begin(req, arena_printf(&req->arena, "Ny %s", agreement_kind_label(k)));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/cases/%lld\">%s</a> · %s</p>\n", (long long)c->id, c->organiser, c->round_name);
    widget_error_summary(req);
    agreement_content_t empty = {.period_from = c->start_date, .period_to = ""};
    char *hidden = arena_printf(&req->arena, "<input type=\"hidden\" name=\"kind\" value=\"%s\">"
                                             "<input type=\"hidden\" name=\"supersedes\" value=\"%lld\">",
                                agreement_kind_keys[k], req_param_int(req, "supersedes", 0));
    content_form(req, k, &empty, arena_printf(&req->arena, "/cases/%lld/agreements", (long long)c->id),
                 "Spara utkastet", hidden);
    layout_end(req);
    return respond_html(req, status);
}

int agreements_new_page(request_t *req)
{
    return new_view(req, 200);
}

int agreements_create_submit(request_t *req)
{
    agreement_kind_t k = agreement_kind_from_key(req_param(req, "kind"));
    agreement_content_t content;
    if (k == AGR_KIND_COUNT || !read_form(req, k, &content))
        return new_view(req, 400);
    char *err = NULL;
    int64_t id = agreements_create(req->db, &req->viewer, req_param_int(req, "id", 0), k,
                                   req_param_int(req, "supersedes", 0), &content, &req->arena, &err);
    if (!id) {
        req_add_error(req, "period_from", err);
        return new_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/agreements/%lld?klart=1", (long long)id));
}

static void document_html(request_t *req, const case_row_t *c, const agreement_t *g, const agreement_content_t *ct)
{
    buf_t *o = &req->body;
    html_raw(o, "<article class=\"agreement\">");
    html_printf(o, "<p class=\"agency\">Skolverket · Samverkan för bästa skola · Dnr %s</p><h2>%s</h2>",
                g->registry_number, agreement_kind_label(g->kind));
    html_printf(o, "<p>Parter: Statens skolverk och %s (%s)%s%s.</p>", c->organiser, c->orgnr,
                g->kind == AGR_UNIVERSITY ? " med " : "", g->kind == AGR_UNIVERSITY ? c->university : "");
    html_printf(o, "<p>Period: %s – %s.", ct->period_from, ct->period_to);
    if (g->supersedes_number)
        html_printf(o, " Ändrar överenskommelse <a href=\"/agreements/%lld\">%s</a>.", (long long)g->supersedes_id,
                    g->supersedes_number);
    html_raw(o, "</p>");
    if (ct->amount_ore) {
        buf_t m = BUF_INIT;
        fmt_money_sv(&m, ct->amount_ore);
        html_printf(o, "<p>Skolverkets medel: %s.</p>", buf_cstr(&m));
        buf_free(&m);
        if (ct->npayouts) {
            html_raw(o, TABLE_OPEN("Utbetalningsplan") "<thead><tr><th scope=\"col\">Datum</th><th scope=\"col\" "
                        "class=\"num\">Belopp</th></tr></thead><tbody>");
            for (size_t i = 0; i < ct->npayouts; i++) {
                buf_t p = BUF_INIT;
                fmt_money_sv(&p, ct->payouts[i].amount_ore);
                html_printf(o, "<tr><td>%s</td><td class=\"num\">%s</td></tr>", ct->payouts[i].date, buf_cstr(&p));
                buf_free(&p);
            }
            html_raw(o, "</tbody>" TABLE_CLOSE);
        }
    }
    size_t n;
    const agreement_section_t *s = agreement_sections(g->kind, &n);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<h3>%zu. %s</h3><p class=\"prose\">%s</p>", i + 1, s[i].label,
                    *ct->sections[i] ? ct->sections[i] : "–");
    html_raw(o, "</article>\n");
}

static void actions(request_t *req, const agreement_t *g)
{
    buf_t *o = &req->body;
    bool agency = is_agency(req);
    bool counterpart = g->kind == AGR_UNIVERSITY ? req->viewer.role == ROLE_UNIVERSITY
                                                 : req->viewer.role == ROLE_ORGANISER;
    const char *action = NULL, *label = NULL;
    if (g->state == AGS_DRAFT && agency)
        action = "send", label = "Skicka för underskrift";
    else if (g->state == AGS_FOR_SIGNATURE && ((agency && !g->agency_approved_by) ||
                                               (counterpart && !g->counterpart_approved_by)))
        action = "approve", label = agency ? "Godkänn för Skolverket" : "Godkänn för er sida";
    else if (g->state == AGS_SIGNED && agency)
        action = "close", label = "Avsluta överenskommelsen";
    html_raw(o, "<div class=\"actions\">");
    if (action) {
        html_printf(o, "<form method=\"post\" action=\"/agreements/%lld/actions\" class=\"inline\">", (long long)g->id);
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"action\" value=\"%s\"><button type=\"submit\" class=\"button\">%s"
                       "</button></form>",
                    action, label);
    }
    if (agency && (g->state == AGS_DRAFT || g->state == AGS_FOR_SIGNATURE))
        html_printf(o, "<a class=\"button secondary\" href=\"/agreements/%lld/edit\">Ändra</a>", (long long)g->id);
    if (agency && g->state == AGS_SIGNED)
        html_printf(o, "<a class=\"button secondary\" href=\"/cases/%lld/agreements/new?kind=supplementary&amp;"
                       "supersedes=%lld\">Ny tilläggsöverenskommelse</a>",
                    (long long)g->case_id, (long long)g->id);
    html_printf(o, "<a class=\"button secondary\" href=\"/agreements/%lld/document.pdf\">PDF</a></div>\n",
                (long long)g->id);
}

static void versions(request_t *req, const agreement_t *g)
{
    buf_t *o = &req->body;
    html_raw(o, "<h2>Versioner</h2><ol class=\"versions\">");
    for (int v = 1; v <= g->version; v++) {
        agreement_content_t c;
        const char *by = NULL;
        int64_t at = 0;
        if (!agreements_content(req->db, g, v, &req->arena, &c, &by, &at))
            continue;
        buf_t when = BUF_INIT;
        fmt_datetime(&when, at);
        html_printf(o, "<li>Version %d, sparad %s av %s", v, buf_cstr(&when), by ? by : "");
        if (v > 1)
            html_printf(o, " · <a href=\"/agreements/%lld/diff?from=%d&amp;to=%d\">Skillnad mot version %d</a>",
                        (long long)g->id, v - 1, v, v - 1);
        html_raw(o, "</li>");
        buf_free(&when);
    }
    html_raw(o, "</ol>\n");
}

static int agreement_view(request_t *req, int status)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    agreement_content_t content;
    if (!g || !agreements_content(req->db, g, 0, &req->arena, &content, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "%s %s", agreement_kind_label(g->kind), g->registry_number));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld\">%s</a> · %s</p>\n", (long long)c->id, c->organiser, c->round_name);
    html_printf(o, "<dl class=\"facts\"><dt>Diarienummer</dt><dd>%s</dd><dt>Status</dt><dd>%s</dd><dt>Version</dt><dd>%d</dd>"
                   "<dt>Godkänd av Skolverket</dt><dd>%s</dd><dt>Godkänd av %s</dt><dd>%s</dd></dl>\n",
                g->registry_number, agreement_state_label(g->state), g->version,
                g->agency_approved_by ? g->agency_approved_by : "–", g->kind == AGR_UNIVERSITY ? "lärosätet" : "huvudmannen",
                g->counterpart_approved_by ? g->counterpart_approved_by : "–");
    if (g->state == AGS_SIGNED || g->state == AGS_CLOSED)
        html_raw(o, "<p class=\"notice\">Överenskommelsen är undertecknad och kan inte ändras. Ändringar görs med en "
                    "tilläggsöverenskommelse.</p>\n");
    actions(req, g);
    document_html(req, c, g, &content);
    versions(req, g);
    layout_end(req);
    return respond_html(req, status);
}

int agreements_page(request_t *req)
{
    return agreement_view(req, 200);
}

static int edit_view(request_t *req, int status)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    agreement_content_t content;
    if (!g || !agreements_content(req->db, g, 0, &req->arena, &content, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    if (g->state == AGS_SIGNED || g->state == AGS_CLOSED)
        return respond_error(req, 409, "En undertecknad överenskommelse kan inte ändras; gör en tilläggsöverenskommelse.");
    layout_begin(req, arena_printf(&req->arena, "Ändra %s %s", agreement_kind_label(g->kind), g->registry_number));
    widget_error_summary(req);
    if (g->state == AGS_FOR_SIGNATURE)
        widget_notice(req, "info", "Överenskommelsen är skickad för underskrift. En ändring gör den till ett utkast igen, "
                                   "och godkännandena måste göras om.");
    content_form(req, g->kind, &content, arena_printf(&req->arena, "/agreements/%lld", (long long)g->id),
                 "Spara en ny version", NULL);
    layout_end(req);
    return respond_html(req, status);
}

int agreements_edit_page(request_t *req)
{
    return edit_view(req, 200);
}

int agreements_save_submit(request_t *req)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!g)
        return respond_error(req, 404, NOT_FOUND);
    agreement_content_t content;
    if (!read_form(req, g->kind, &content))
        return edit_view(req, 400);
    char *err = NULL;
    if (!agreements_save(req->db, &req->viewer, g->id, &content, &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/agreements/%lld?klart=1", (long long)g->id));
}

int agreements_act_submit(request_t *req)
{
    char *err = NULL;
    int64_t id = req_param_int(req, "id", 0);
    if (!agreements_get(req->db, &req->viewer, id, &req->arena, NULL))
        return respond_error(req, 404, NOT_FOUND);
    if (!agreements_act(req->db, &req->viewer, id, req_param(req, "action"), &req->arena, &err)) {
        req_add_error(req, "action", err);
        return agreement_view(req, 409);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/agreements/%lld?klart=1", (long long)id));
}

int agreements_diff_page(request_t *req)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    long long from = req_param_int(req, "from", 1), to = req_param_int(req, "to", 2);
    agreement_content_t a, b;
    if (!g || !agreements_content(req->db, g, (int)from, &req->arena, &a, NULL, NULL) ||
        !agreements_content(req->db, g, (int)to, &req->arena, &b, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "%s: version %lld mot %lld", g->registry_number, from, to));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/agreements/%lld\">Tillbaka till överenskommelsen</a></p><p class=\"hint\">"
                   "<del>Struket</del> fanns i version %lld; <ins>understruket</ins> är nytt i version %lld.</p>",
                (long long)g->id, from, to);
    html_raw(o, "<div class=\"diff\"><h3>Period</h3><p>");
    agreement_diff_html(o, arena_printf(&req->arena, "%s – %s", a.period_from, a.period_to),
                        arena_printf(&req->arena, "%s – %s", b.period_from, b.period_to));
    html_raw(o, "</p><h3>Medel</h3><p>");
    agreement_diff_html(o, arena_printf(&req->arena, "%lld kr", (long long)(a.amount_ore / 100)),
                        arena_printf(&req->arena, "%lld kr", (long long)(b.amount_ore / 100)));
    html_raw(o, "</p>");
    size_t n;
    const agreement_section_t *s = agreement_sections(g->kind, &n);
    for (size_t i = 0; i < n; i++) {
        bool same = strcmp(a.sections[i], b.sections[i]) == 0;
        html_printf(o, "<h3>%s%s</h3><p class=\"prose\">", s[i].label, same ? " (oförändrad)" : "");
        agreement_diff_html(o, a.sections[i], b.sections[i]);
        html_raw(o, "</p>");
    }
    html_raw(o, "</div>");
    layout_end(req);
    return respond_html(req, 200);
}

int agreements_pdf_download(request_t *req)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    agreement_content_t content;
    if (!g || !agreements_content(req->db, g, 0, &req->arena, &content, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    buf_t pdf = BUF_INIT;
    if (!agreement_pdf(c, g, &content, &pdf)) {
        buf_free(&pdf);
        return respond_error(req, 500, "PDF-filen kunde inte skapas.");
    }
    char *name = arena_printf(&req->arena, "overenskommelse-%s.pdf", g->registry_number);
    for (char *p = name; *p; p++)
        if (*p == ':')
            *p = '-';
    return respond_file(req, "application/pdf", name, &pdf);
}

static json_t *agreement_json(request_t *req, const agreement_t *g, const agreement_content_t *c)
{
    char *content = agreement_content_json(g->kind, c);
    json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s, s:i, s:s?, s:s?, s:o}", "id", (json_int_t)g->id, "case",
                          (json_int_t)g->case_id, "kind", agreement_kind_keys[g->kind], "registry_number",
                          g->registry_number, "state", agreement_state_keys[g->state], "version", g->version,
                          "agency_approved_by", g->agency_approved_by, "counterpart_approved_by",
                          g->counterpart_approved_by, "content", json_loads(content, 0, NULL));
    free(content);
    (void)req;
    return j;
}

static int send_json(request_t *req, int status, json_t *j)
{
    char *text = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return respond_json_text(req, status, text);
}

int agreements_api_get(request_t *req)
{
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    agreement_content_t c;
    if (!g || !agreements_content(req->db, g, 0, &req->arena, &c, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    return send_json(req, 200, agreement_json(req, g, &c));
}

/* A new version through the API, with the same fields as the form. */
int agreements_api_update(request_t *req)
{
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!g)
        return respond_error(req, 404, NOT_FOUND);
    agreement_content_t c;
    if (!read_form(req, g->kind, &c))
        return send_json(req, 400, json_pack("{s:s, s:s}", "error", req->errors[0].message, "field", req->errors[0].field));
    char *err = NULL;
    if (!agreements_save(req->db, &req->viewer, g->id, &c, &req->arena, &err))
        return send_json(req, 409, json_pack("{s:s}", "error", err));
    g = agreements_get(req->db, &req->viewer, g->id, &req->arena, NULL);
    return send_json(req, 200, agreement_json(req, g, &c));
}
