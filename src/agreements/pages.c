/* pages.c — agreements in the browser and the API: the form for a new one or a
 * new version, the document itself with its state, approvals and versions, a readable
 * difference between two versions, and the PDF. A signed agreement offers no edit, and an
 * edit sent anyway (page or API) is refused by the store. */
#include "parts.h"
#include "../access/access.h"
#include "../base/fmt.h"
#include "../base/money.h"
#include "../html/diff.h"
#include "../http/layout.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND "Överenskommelsen finns inte, eller så har du inte tillgång till den."

/* Reads the form into a content; false (with form errors) when it is not valid. */
bool agreements_read_form(request_t *req, agreement_kind_t k, agreement_content_t *c)
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

/* The form for a content; kind and supersedes (>= 0) go along as hidden fields when
 * with_kind is set (a new agreement). */
/* The agreement's fields; an edit carries the version it is based on (0 for a new one). */
static void content_form(request_t *req, agreement_kind_t k, const agreement_content_t *c, const char *action,
                         const char *button, bool with_kind, long long supersedes, int version)
{
    buf_t *o = &req->body;
    bool posted = req_has_param(req, "period_from");
    html_printf(o, "<form method=\"post\" action=\"%s\" class=\"card form\" novalidate>", action);
    widget_csrf(req);
    if (version)
        html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%d\">", version);
    if (with_kind)
        html_printf(o, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><input type=\"hidden\" name=\"supersedes\" "
                       "value=\"%lld\">",
                    agreement_kind_keys[k], supersedes);
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
    html_lit(o, "<fieldset><legend>Utbetalningsplan</legend>");
    for (int i = 1; i <= AGREEMENT_MAX_PAYOUTS; i++) {
        const char *d = i <= (int)c->npayouts ? c->payouts[i - 1].date : "";
        char *sum = i <= (int)c->npayouts ? arena_printf(&req->arena, "%lld", (long long)(c->payouts[i - 1].amount_ore / 100))
                                          : "";
        char *dn = arena_printf(&req->arena, "payout_date%d", i), *an = arena_printf(&req->arena, "payout_amount%d", i);
        html_lit(o, "<div class=\"pair\">");
        widget_input(req, dn, arena_printf(&req->arena, "Utbetalning %d, datum", i), "date",
                     posted ? req_param(req, dn) : d, NULL, "off");
        widget_input(req, an, arena_printf(&req->arena, "Utbetalning %d, belopp (kr)", i), "text",
                     posted ? req_param(req, an) : sum, NULL, "off");
        html_lit(o, "</div>");
    }
    html_lit(o, "</fieldset>");
    size_t n;
    const agreement_section_t *s = agreement_sections(k, &n);
    for (size_t i = 0; i < n; i++) {
        char *name = arena_printf(&req->arena, "s_%s", s[i].key);
        html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s%s</label>", name, s[i].label,
                    s[i].required ? " (fylls i före underskrift)" : "");
        if (s[i].hint)
            html_printf(o, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, s[i].hint);
        widget_field_error(req, name);
        html_printf(o, "<textarea id=\"f-%s\" name=\"%s\" rows=\"5\"", name, name);
        widget_described_by(req, name, s[i].hint != NULL);
        html_printf(o, ">%s</textarea></div>", posted ? req_param(req, name) : c->sections[i] ? c->sections[i] : "");
    }
    html_printf(o, "<button type=\"submit\" class=\"button\">%s</button></form>\n", button);
}

static int new_view(request_t *req, int status)
{
    case_row_t *c = cases_from_request(req);
    agreement_kind_t k = agreement_kind_from_key(req_param(req, "kind"));
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (k == AGR_KIND_COUNT)
        return respond_error_field(req, 400, "Välj vilket slag av överenskommelse som ska tas fram.", "kind");
    layout_begin(req, arena_printf(&req->arena, "Ny %s", agreement_kind_label(k)));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/cases/%lld\">%s</a> · %s</p>\n", (long long)c->id, c->organiser, c->round_name);
    widget_error_summary(req);
    /* A new agreement starts from the agency's standard text in each section. */
    agreement_content_t empty = {.period_from = c->start_date, .period_to = ""};
    agreement_texts_t standard;
    if (agreement_texts_get(req->db, k, 0, &req->arena, &standard)) {
        for (size_t i = 0; i < sizeof empty.sections / sizeof empty.sections[0]; i++)
            empty.sections[i] = standard.sections[i];
        html_printf(o, "<p class=\"hint\">Avsnitten börjar med Skolverkets standardtexter (version %d). Fyll i det "
                       "som gäller just det här ärendet.</p>", standard.version);
    }
    content_form(req, k, &empty, arena_printf(&req->arena, "/cases/%lld/agreements", (long long)c->id),
                 "Spara utkastet", true, req_param_int(req, "supersedes", 0), 0);
    layout_end(req);
    return respond_html(req, status);
}

static int agreements_new_page(request_t *req)
{
    return new_view(req, 200);
}

static int agreements_create_submit(request_t *req)
{
    agreement_kind_t k = agreement_kind_from_key(req_param(req, "kind"));
    agreement_content_t content;
    if (k == AGR_KIND_COUNT || !agreements_read_form(req, k, &content))
        return new_view(req, 400);
    char *err = NULL;
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    int64_t id = agreements_create(req->db, &req->viewer, c, k, req_param_int(req, "supersedes", 0), &content,
                                   &req->arena, &err);
    if (!id) {
        req_add_error(req, "period_from", err);
        return new_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/agreements/%lld?klart=1", (long long)id));
}

static void document_html(request_t *req, const case_row_t *c, const agreement_t *g, const agreement_content_t *ct)
{
    buf_t *o = &req->body;
    html_lit(o, "<article class=\"agreement\">");
    html_printf(o, "<p class=\"agency\">Skolverket · Samverkan för bästa skola · Dnr %s</p><h2>%s</h2>",
                g->registry_number, agreement_kind_label(g->kind));
    html_printf(o, "<p>Parter: Statens skolverk och %s (%s)%s%s.</p>", c->organiser, c->orgnr,
                g->kind == AGR_UNIVERSITY ? " med " : "", g->kind == AGR_UNIVERSITY ? c->university : "");
    html_printf(o, "<p>Period: %s – %s.", ct->period_from, ct->period_to);
    if (g->supersedes_number)
        html_printf(o, " Ändrar överenskommelse <a href=\"/agreements/%lld\">%s</a>.", (long long)g->supersedes_id,
                    g->supersedes_number);
    html_lit(o, "</p>");
    if (ct->money_hidden)
        html_lit(o, "<p class=\"hint\">Belopp och utbetalningar visas inte för din roll.</p>");
    if (ct->amount_ore) {
        buf_t m = BUF_INIT;
        fmt_money_sv(&m, ct->amount_ore);
        html_printf(o, "<p>Skolverkets medel: %s.</p>", buf_cstr(&m));
        buf_free(&m);
        if (ct->npayouts) {
            html_lit(o, TABLE_OPEN("Utbetalningsplan") "<thead><tr><th scope=\"col\">Datum</th><th scope=\"col\" "
                        "class=\"num\">Belopp</th></tr></thead><tbody>");
            for (size_t i = 0; i < ct->npayouts; i++) {
                buf_t p = BUF_INIT;
                fmt_money_sv(&p, ct->payouts[i].amount_ore);
                html_printf(o, "<tr><td>%s</td><td class=\"num\">%s</td></tr>", ct->payouts[i].date, buf_cstr(&p));
                buf_free(&p);
            }
            html_lit(o, "</tbody>" TABLE_CLOSE);
        }
    }
    size_t n;
    const agreement_section_t *s = agreement_sections(g->kind, &n);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<h3>%zu. %s</h3><p class=\"prose\">%s</p>", i + 1, s[i].label,
                    *ct->sections[i] ? ct->sections[i] : "–");
    html_lit(o, "</article>\n");
}

static void actions(request_t *req, const agreement_t *g)
{
    buf_t *o = &req->body;
    bool agency = access_may(&req->viewer, CAP_AGREEMENT_WRITE);
    bool counterpart = access_may(&req->viewer, g->kind == AGR_UNIVERSITY ? CAP_AGREEMENT_SIGN_UNIVERSITY
                                                                          : CAP_AGREEMENT_SIGN_ORGANISER);
    const char *action = NULL, *label = NULL;
    if (g->state == AGS_DRAFT && agency)
        action = "send", label = "Skicka för underskrift";
    else if (g->state == AGS_FOR_SIGNATURE && ((agency && !g->agency_approved_by) ||
                                               (counterpart && !g->counterpart_approved_by)))
        action = "approve", label = agency ? "Godkänn för Skolverket" : "Godkänn för er sida";
    else if (g->state == AGS_SIGNED && agency)
        action = "close", label = "Avsluta överenskommelsen";
    html_lit(o, "<div class=\"actions\">");
    if (action) {
        html_printf(o, "<form method=\"post\" action=\"/agreements/%lld/actions\" class=\"%s\">", (long long)g->id,
                    strcmp(action, "approve") == 0 ? "card form narrow confirm" : "inline");
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"action\" value=\"%s\">", action);
        /* Signing is a commitment: it takes a checked box saying the whole text was read. */
        if (strcmp(action, "approve") == 0) {
            html_lit(o, "<div class=\"field\">");
            widget_field_error(req, "confirm");
            html_lit(o, "<label class=\"check\"><input id=\"f-confirm\" type=\"checkbox\" name=\"confirm\" value=\"1\"");
            widget_described_by(req, "confirm", true);
            html_printf(o, "> Jag har läst hela överenskommelsen och godkänner den för %s</label><p class=\"hint\" "
                           "id=\"h-confirm\">Godkännandet kan inte tas tillbaka. När båda parter har godkänt är "
                           "överenskommelsen undertecknad.</p></div>",
                        agency ? "Skolverket" : g->kind == AGR_UNIVERSITY ? "lärosätet" : "huvudmannen");
        }
        html_printf(o, "<button type=\"submit\" class=\"button\">%s</button></form>", label);
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
    html_lit(o, "<h2>Versioner</h2><ol class=\"versions\">");
    for (int v = 1; v <= g->version; v++) {
        agreement_content_t c;
        const char *by = NULL;
        int64_t at = 0;
        if (!agreements_content(req->db, &req->viewer, g, v, &req->arena, &c, &by, &at))
            continue;
        buf_t when = BUF_INIT;
        fmt_datetime(&when, at);
        html_printf(o, "<li>Version %d, sparad %s av %s", v, buf_cstr(&when), by ? by : "");
        if (v > 1)
            html_printf(o, " · <a href=\"/agreements/%lld/diff?from=%d&amp;to=%d\">Skillnad mot version %d</a>",
                        (long long)g->id, v - 1, v, v - 1);
        html_lit(o, "</li>");
        buf_free(&when);
    }
    html_lit(o, "</ol>\n");
}

static int agreement_view(request_t *req, int status)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    agreement_content_t content;
    if (!g || !agreements_content(req->db, &req->viewer, g, 0, &req->arena, &content, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "%s %s", agreement_kind_label(g->kind), g->registry_number));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld\">%s</a> · %s</p>\n", (long long)c->id, c->organiser, c->round_name);
    html_printf(o, "<dl class=\"facts\"><dt>Diarienummer</dt><dd>%s</dd><dt>Status</dt><dd>%s</dd><dt>Version</dt><dd>%d</dd>"
                   "<dt>Godkänd av Skolverket</dt><dd>%s</dd><dt>Godkänd av %s</dt><dd>%s</dd>",
                g->registry_number, agreement_state_label(g->state), g->version,
                g->agency_approved_by ? g->agency_approved_by : "–", g->kind == AGR_UNIVERSITY ? "lärosätet" : "huvudmannen",
                g->counterpart_approved_by ? g->counterpart_approved_by : "–");
    if (g->standard_version)
        html_printf(o, "<dt>Standardtexter</dt><dd>Utgick från version %d</dd>", g->standard_version);
    html_lit(o, "</dl>\n");
    if (g->state == AGS_SIGNED || g->state == AGS_CLOSED)
        html_lit(o, "<p class=\"notice\">Överenskommelsen är undertecknad och kan inte ändras. Ändringar görs med en "
                    "tilläggsöverenskommelse.</p>\n");
    actions(req, g);
    document_html(req, c, g, &content);
    agreements_commission_section(req, c, g);
    agreements_plan_changes_section(req, c, g);
    versions(req, g);
    layout_end(req);
    return respond_html(req, status);
}

static int agreements_page(request_t *req)
{
    return agreement_view(req, 200);
}

/* The fields of two contents that can differ, for a save that crossed another. */
static size_t stale_fields(request_t *req, agreement_kind_t k, const agreement_content_t *saved,
                           const agreement_content_t *mine, stale_field_t *out, size_t max)
{
    arena_t *a = &req->arena;
    size_t n = 0, ns;
    out[n++] = (stale_field_t){"Period", arena_printf(a, "%s – %s", saved->period_from, saved->period_to),
                               arena_printf(a, "%s – %s", mine->period_from, mine->period_to)};
    out[n++] = (stale_field_t){"Skolverkets medel", arena_printf(a, "%lld kr", (long long)(saved->amount_ore / 100)),
                               arena_printf(a, "%lld kr", (long long)(mine->amount_ore / 100))};
    buf_t ps = BUF_INIT, pm = BUF_INIT;
    for (size_t i = 0; i < saved->npayouts; i++)
        buf_printf(&ps, "%s: %lld kr\n", saved->payouts[i].date, (long long)(saved->payouts[i].amount_ore / 100));
    for (size_t i = 0; i < mine->npayouts; i++)
        buf_printf(&pm, "%s: %lld kr\n", mine->payouts[i].date, (long long)(mine->payouts[i].amount_ore / 100));
    out[n++] = (stale_field_t){"Utbetalningsplan", arena_strdup(a, buf_cstr(&ps)), arena_strdup(a, buf_cstr(&pm))};
    buf_free(&ps);
    buf_free(&pm);
    const agreement_section_t *s = agreement_sections(k, &ns);
    for (size_t i = 0; i < ns && n < max; i++)
        out[n++] = (stale_field_t){s[i].label, saved->sections[i], mine->sections[i]};
    return n;
}

/* The edit form: fresh (based on the saved version), again after a mistake (still based
 * on the version the user started from), or after a save that crossed another (mine: what
 * the user sent; the form is then based on the version saved now). */
static int edit_view(request_t *req, int status, const agreement_content_t *mine)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    agreement_content_t content;
    const char *saved_by = NULL;
    int64_t saved_at = 0;
    if (!g || !agreements_content(req->db, &req->viewer, g, 0, &req->arena, &content, &saved_by, &saved_at))
        return respond_error(req, 404, NOT_FOUND);
    if (g->state == AGS_SIGNED || g->state == AGS_CLOSED)
        return respond_error(req, 409, "En undertecknad överenskommelse kan inte ändras; gör en tilläggsöverenskommelse.");
    layout_begin(req, arena_printf(&req->arena, "Ändra %s %s", agreement_kind_label(g->kind), g->registry_number));
    int based_on = g->version;
    if (mine) {
        stale_field_t fields[sizeof content.sections / sizeof content.sections[0] + 3];
        size_t n = stale_fields(req, g->kind, &content, mine, fields, sizeof fields / sizeof fields[0]);
        widget_stale(req, saved_by, saved_at, fields, n);
    } else if (req_has_param(req, "version")) {
        based_on = (int)req_param_int(req, "version", g->version);
    }
    widget_error_summary(req);
    if (g->state == AGS_FOR_SIGNATURE)
        widget_notice(req, "info", "Överenskommelsen är skickad för underskrift. En ändring gör den till ett utkast igen, "
                                   "och godkännandena måste göras om.");
    content_form(req, g->kind, &content, arena_printf(&req->arena, "/agreements/%lld", (long long)g->id),
                 "Spara en ny version", false, 0, based_on);
    layout_end(req);
    return respond_html(req, status);
}

static int agreements_edit_page(request_t *req)
{
    return edit_view(req, 200, NULL);
}

static int agreements_save_submit(request_t *req)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!g)
        return respond_error(req, 404, NOT_FOUND);
    agreement_content_t content;
    if (!agreements_read_form(req, g->kind, &content) || req->nerrors)
        return edit_view(req, 400, NULL);
    char *err = NULL;
    switch (agreements_save(req->db, &req->viewer, g, (int)req_param_int(req, "version", 0), &content, &req->arena,
                            &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/agreements/%lld?klart=1", (long long)g->id));
    case WRITE_STALE:
        return edit_view(req, 409, &content);
    default:
        return respond_error(req, 409, err);
    }
}

static int agreements_act_submit(request_t *req)
{
    char *err = NULL;
    int64_t id = req_param_int(req, "id", 0);
    agreement_t *g = agreements_get(req->db, &req->viewer, id, &req->arena, NULL);
    if (!g)
        return respond_error(req, 404, NOT_FOUND);
    bool confirmed = strcmp(req_param(req, "confirm"), "1") == 0;
    if (!agreements_act(req->db, &req->viewer, g, req_param(req, "action"), confirmed, &req->arena, &err)) {
        req_add_error(req, strcmp(req_param(req, "action"), "approve") == 0 && !confirmed ? "confirm" : "action", err);
        return agreement_view(req, 409);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/agreements/%lld?klart=1", (long long)id));
}

static int agreements_diff_page(request_t *req)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!g)
        return respond_error(req, 404, NOT_FOUND);
    /* By default the latest version against the one before it. */
    long long to = req_param_int(req, "to", g->version), from = req_param_int(req, "from", to > 1 ? to - 1 : to);
    agreement_content_t a, b;
    if (!agreements_content(req->db, &req->viewer, g, (int)from, &req->arena, &a, NULL, NULL) ||
        !agreements_content(req->db, &req->viewer, g, (int)to, &req->arena, &b, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "%s: version %lld mot %lld", g->registry_number, from, to));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/agreements/%lld\">Tillbaka till överenskommelsen</a></p><p class=\"hint\">"
                   "<del>Struket</del> fanns i version %lld; <ins>understruket</ins> är nytt i version %lld.</p>",
                (long long)g->id, from, to);
    html_lit(o, "<div class=\"diff\"><h3>Period</h3><p>");
    html_diff_words(o, arena_printf(&req->arena, "%s – %s", a.period_from, a.period_to),
                        arena_printf(&req->arena, "%s – %s", b.period_from, b.period_to));
    html_lit(o, "</p>");
    if (!a.money_hidden) {
        html_lit(o, "<h3>Medel</h3><p>");
        html_diff_words(o, arena_printf(&req->arena, "%lld kr", (long long)(a.amount_ore / 100)),
                            arena_printf(&req->arena, "%lld kr", (long long)(b.amount_ore / 100)));
        html_lit(o, "</p>");
    }
    size_t n;
    const agreement_section_t *s = agreement_sections(g->kind, &n);
    for (size_t i = 0; i < n; i++) {
        bool same = strcmp(a.sections[i], b.sections[i]) == 0;
        html_printf(o, "<h3>%s%s</h3><p class=\"prose\">", s[i].label, same ? " (oförändrad)" : "");
        html_diff_words(o, a.sections[i], b.sections[i]);
        html_lit(o, "</p>");
    }
    html_lit(o, "</div>");
    layout_end(req);
    return respond_html(req, 200);
}

static int agreements_pdf_download(request_t *req)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    agreement_content_t content;
    if (!g || !agreements_content(req->db, &req->viewer, g, 0, &req->arena, &content, NULL, NULL))
        return respond_error(req, 404, NOT_FOUND);
    buf_t pdf = BUF_INIT;
    if (!agreement_pdf(req->db, c, g, &content, &pdf)) {
        buf_free(&pdf);
        return respond_error(req, 500, "PDF-filen kunde inte skapas.");
    }
    char *name = arena_printf(&req->arena, "overenskommelse-%s.pdf", g->registry_number);
    for (char *p = name; *p; p++)
        if (*p == ':')
            *p = '-';
    return respond_file(req, "application/pdf", name, &pdf);
}


/* The agreements section of the case page. */
void agreements_case_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    agreement_t *g;
    size_t n = agreements_of_case(req->db, &req->viewer, c, &req->arena, &g);
    html_lit(o, "<h2 id=\"overenskommelser\">Överenskommelser</h2>\n");
    if (n) {
        html_lit(o, TABLE_OPEN("Överenskommelser") "<thead><tr><th scope=\"col\">Diarienummer</th>"
                    "<th scope=\"col\">Slag</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">"
                    "Version</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            html_printf(o, "<tr><td><a href=\"/agreements/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">",
                        (long long)g[i].id, g[i].registry_number, agreement_kind_label(g[i].kind),
                        agreement_state_label(g[i].state));
            html_int(o, g[i].version);
            html_lit(o, "</td></tr>");
        }
        html_lit(o, "</tbody>" TABLE_CLOSE);
    } else {
        html_lit(o, "<p class=\"empty\">Inga överenskommelser än.</p>\n");
    }
    if (access_may(&req->viewer, CAP_AGREEMENT_WRITE)) {
        html_lit(o, "<p class=\"actions\">");
        for (int k = 0; k < AGR_KIND_COUNT; k++)
            if (k != AGR_SUPPLEMENTARY)
                html_printf(o, "<a class=\"button secondary\" href=\"/cases/%lld/agreements/new?kind=%s\">Ny %s</a> ",
                            (long long)c->id, agreement_kind_keys[k], agreement_kind_label((agreement_kind_t)k));
        html_lit(o, "</p>\n");
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/agreements/ok2\" class=\"inline\">", (long long)c->id);
        widget_csrf(req);
        html_lit(o, "<button type=\"submit\" class=\"button\">Ta fram ÖK2 från de finansierade insatserna</button></form>\n");
    }
}

static int agreements_commission_submit(request_t *req)
{
    case_row_t *c;
    agreement_t *g = agreements_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!g)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return agreement_view(req, 400);
    int64_t ids[128];
    size_t n = 0;
    char *list = arena_strdup(&req->arena, req_param(req, "interventions")), *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t && n < 128; t = strtok_r(NULL, ",", &save))
        ids[n++] = strtoll(t, NULL, 10);
    char *err = NULL;
    if (!agreements_set_commission(req->db, &req->viewer, g, c, req_param(req, "university"), ids, n, &req->arena,
                                   &err)) {
        req_add_error(req, "university", err);
        return agreement_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/agreements/%lld?klart=1#uppdrag", (long long)g->id));
}

static int agreements_ok2_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    char *err = NULL;
    int64_t id = agreements_draft_ok2(req->db, &req->viewer, c, &req->arena, &err);
    if (!id)
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/agreements/%lld?klart=1", (long long)id));
}

static const char *const actions_keys[] = {"send", "approve", "close", NULL};
static const param_spec_t p_case[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_commission[] = {PARAM_ID, {"university", P_TEXT, PARAM_REQUIRED, "Lärosäte", 0, 200, NULL},
                                            {"interventions", P_INT, PARAM_MULTI, "Insatser", 1, 1000000000, NULL},
                                            PARAM_END};
static const param_spec_t p_new[] = {PARAM_ID,
                                     {"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, agreement_kind_keys},
                                     {"supersedes", P_INT, 0, "Ändrar", 1, 1000000000, NULL},
                                     PARAM_END};
static const param_spec_t p_create[] = {PARAM_ID,
                                        {"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, agreement_kind_keys},
                                        {"supersedes", P_INT, 0, "Ändrar", 0, 1000000000, NULL},
                                        AGREEMENT_FIELDS, PARAM_END};
static const param_spec_t p_save[] = {PARAM_ID, AGREEMENT_FIELDS, PARAM_VERSION, PARAM_END};
static const param_spec_t p_agreement[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_act[] = {PARAM_ID, {"action", P_CHOICE, PARAM_REQUIRED, "Åtgärd", 0, 0, actions_keys},
                                     {"confirm", P_CHOICE, 0, "Bekräftelse", 0, 0, routes_flag_choices},
                                     PARAM_END};
static const param_spec_t p_diff[] = {PARAM_ID, {"from", P_INT, 0, "Från version", 1, 100000, NULL},
                                      {"to", P_INT, 0, "Till version", 1, 100000, NULL}, PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t agreements_page_routes[] = {
    {"GET", "/cases/{id}/agreements/new", agreements_new_page, CAP_AGREEMENT_WRITE, ROUTE_FORM, p_new},
    {"POST", "/cases/{id}/agreements", agreements_create_submit, CAP_AGREEMENT_WRITE, ROUTE_FORM, p_create},
    {"POST", "/cases/{id}/agreements/ok2", agreements_ok2_submit, CAP_AGREEMENT_WRITE, ROUTE_FORM, p_case},
    {"POST", "/agreements/{id}/commission", agreements_commission_submit, CAP_AGREEMENT_WRITE, ROUTE_FORM, p_commission},
    {"GET", "/agreements/{id}", agreements_page, CAP_AGREEMENT_READ, ROUTE_KEPT, p_agreement},
    {"POST", "/agreements/{id}", agreements_save_submit, CAP_AGREEMENT_WRITE, ROUTE_FORM, p_save},
    {"GET", "/agreements/{id}/edit", agreements_edit_page, CAP_AGREEMENT_WRITE, 0, p_id},
    {"POST", "/agreements/{id}/actions", agreements_act_submit, CAP_AGREEMENT_READ, ROUTE_FORM, p_act},
    {"GET", "/agreements/{id}/diff", agreements_diff_page, CAP_AGREEMENT_READ, ROUTE_KEPT, p_diff},
    {"GET", "/agreements/{id}/document.pdf", agreements_pdf_download, CAP_AGREEMENT_READ, 0, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
