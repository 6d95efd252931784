/* pages.c — a grant's page: its balances, lines, the planned and the made payouts (each
 * approved by a second person), the reported use, repayments and claims with their
 * letters; the forms finance works in; and the money of a case on its page. */
#include "parts.h"
#include "../agreements/agreements.h"
#include "../base/fmt.h"
#include "../base/money.h"
#include "../http/layout.h"
#include "../io/pdf_doc.h"
#include <string.h>

const char *money_text(request_t *req, int64_t ore)
{
    buf_t b = BUF_INIT;
    fmt_money_sv(&b, ore);
    const char *s = arena_strdup(&req->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

bool money_field(request_t *req, const char *field, int64_t *ore)
{
    if (money_parse_sv(req_param(req, field), ore))
        return true;
    req_add_error(req, field, "Ange ett belopp i kronor, till exempel 125 000 eller 1 234,50.");
    return false;
}

void money_grants_table(request_t *req, const grant_t *g, size_t n, bool with_organiser)
{
    buf_t *o = &req->body;
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga beviljade medel.</p>");
        return;
    }
    html_lit(o, TABLE_OPEN("Beviljade medel") "<thead><tr>");
    if (with_organiser)
        html_lit(o, "<th scope=\"col\">Huvudman</th>");
    html_lit(o, "<th scope=\"col\">Beslut</th><th scope=\"col\">Anslag</th>"
                "<th scope=\"col\" class=\"num\">Beviljat</th><th scope=\"col\" class=\"num\">Utbetalt</th>"
                "<th scope=\"col\" class=\"num\">Använt</th><th scope=\"col\" class=\"num\">Oförbrukat</th>"
                "<th scope=\"col\" class=\"num\">Krävs tillbaka</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_lit(o, "<tr>");
        if (with_organiser)
            html_printf(o, "<td>%s</td>", g[i].organiser);
        html_printf(o, "<td><a href=\"/grants/%lld\">%s</a>%s</td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s"
                       "</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>",
                    (long long)g[i].id, *g[i].registry_number ? g[i].registry_number : g[i].decision_date,
                    g[i].ordinance ? " (förordning 2016:329)" : "", g[i].appropriation, money_text(req, g[i].granted),
                    money_text(req, g[i].balance.paid), money_text(req, g[i].balance.used),
                    money_text(req, g[i].balance.unused), money_text(req, g[i].balance.open));
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

void money_case_section(request_t *req, const case_row_t *c)
{
    if (!access_may(&req->viewer, CAP_MONEY_READ))
        return;
    grant_t *g;
    size_t n = money_grants(req->db, &req->viewer, c->id, &req->arena, &g);
    html_printf(&req->body, "<h2 id=\"medel\">Medel</h2><p><a href=\"/cases/%lld/money\">Ärendets medel</a></p>",
                (long long)c->id);
    money_grants_table(req, g, n, false);
}

static int case_money_page(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    grant_t *g;
    size_t n = money_grants(req->db, &req->viewer, c->id, &req->arena, &g);
    layout_begin(req, arena_printf(&req->arena, "Medel: %s", c->organiser));
    buf_t *o = &req->body;
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld\">Till ärendet</a></p>", (long long)c->id);
    money_grants_table(req, g, n, false);
    if (access_may(&req->viewer, CAP_MONEY_WRITE)) {
        agreement_t *ag;
        size_t na = agreements_of_case(req->db, &req->viewer, c, &req->arena, &ag);
        html_lit(o, "<h2>Överenskommelser med medel</h2>");
        size_t shown = 0;
        for (size_t i = 0; i < na; i++) {
            if (ag[i].state != AGS_SIGNED && ag[i].state != AGS_CLOSED)
                continue;
            bool has = false;
            for (size_t k = 0; k < n && !has; k++)
                has = g[k].agreement_id == ag[i].id;
            if (has)
                continue;
            shown++;
            html_printf(o, "<form method=\"post\" action=\"/cases/%lld/money\" class=\"inline\">", (long long)c->id);
            widget_csrf(req);
            html_printf(o, "<input type=\"hidden\" name=\"agreement\" value=\"%lld\"><button type=\"submit\" "
                           "class=\"button secondary\">Registrera medlen i %s (%s)</button></form>",
                        (long long)ag[i].id, agreement_kind_label(ag[i].kind), ag[i].registry_number);
        }
        if (!shown)
            html_lit(o, "<p class=\"empty\">Alla undertecknade överenskommelser har sina medel registrerade.</p>");
    }
    layout_end(req);
    return respond_html(req, 200);
}

static int case_money_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return case_money_page(req);
    char *err = NULL;
    int64_t id = money_grant_of_agreement(req->db, &req->viewer, c, req_param_int(req, "agreement", 0), &req->arena, &err);
    if (!id)
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/grants/%lld", (long long)id));
}

/* ---- the grant's page ---- */

static grant_t *target(request_t *req)
{
    return money_grant_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
}

static void balance_facts(request_t *req, const grant_t *g)
{
    const money_balance_t *b = &g->balance;
    html_printf(&req->body, "<dl class=\"facts\"><dt>Beviljat</dt><dd>%s</dd><dt>Planerat att betala ut</dt><dd>%s</dd>"
                            "<dt>Utbetalt</dt><dd>%s</dd><dt>Väntar på godkännande</dt><dd>%s</dd><dt>Använt enligt "
                            "redovisning</dt><dd>%s</dd><dt>Oförbrukat</dt><dd>%s</dd><dt>Krävt tillbaka</dt><dd>%s "
                            "(betalt %s, obetalt %s)</dd></dl>",
                money_text(req, b->granted), money_text(req, b->planned), money_text(req, b->paid),
                money_text(req, b->pending), money_text(req, b->used), money_text(req, b->unused),
                money_text(req, b->claimed), money_text(req, b->repaid), money_text(req, b->open));
}

/* A grant's lines and its reported use, read once for the page's sections. */
typedef struct grant_parts {
    grant_line_t *lines;
    size_t nlines;
    grant_use_t *uses;
    size_t nuses;
} grant_parts_t;

static void lines_section(request_t *req, const grant_t *g, const grant_parts_t *parts, bool writer)
{
    buf_t *o = &req->body;
    const grant_line_t *l = parts->lines;
    size_t n = parts->nlines;
    html_lit(o, "<h2>Fördelning per insats</h2>" TABLE_OPEN("Fördelning per insats") "<thead><tr><th scope=\"col\">"
                "Insats</th><th scope=\"col\" class=\"num\">Belopp</th><th scope=\"col\" class=\"num\">Använt</th></tr>"
                "</thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", l[i].title,
                    money_text(req, l[i].amount), l[i].used >= 0 ? money_text(req, l[i].used) : "–");
    html_lit(o, "</tbody>" TABLE_CLOSE);
    if (!writer)
        return;
    html_printf(o, "<details><summary>Lägg till en rad</summary><form method=\"post\" action=\"/grants/%lld/lines\" "
                   "class=\"form\" novalidate>", (long long)g->id);
    widget_csrf(req);
    widget_input(req, "title", "Vad raden gäller", "text", req_param(req, "title"), NULL, "off");
    widget_input(req, "amount", "Belopp (kr)", "text", req_param(req, "amount"), NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till</button></form></details>");
}

static void payouts_section(request_t *req, const grant_t *g, bool writer)
{
    buf_t *o = &req->body;
    planned_payout_t *plan;
    size_t np = money_plan(req->db, g, &req->arena, &plan);
    payout_t *p;
    size_t n = money_payouts(req->db, g, &req->arena, &p);
    html_lit(o, "<h2>Utbetalningar</h2>");
    if (np) {
        html_lit(o, "<p>Enligt överenskommelsens plan:</p><ul>");
        for (size_t i = 0; i < np; i++)
            html_printf(o, "<li>%s: %s</li>", plan[i].date, money_text(req, plan[i].amount));
        html_lit(o, "</ul>");
    }
    if (!n)
        html_lit(o, "<p class=\"empty\">Inga utbetalningar registrerade.</p>");
    else
        html_lit(o, TABLE_OPEN("Utbetalningar") "<thead><tr><th scope=\"col\">Dag</th><th scope=\"col\" class=\"num\">"
                    "Belopp</th><th scope=\"col\">Referens</th><th scope=\"col\">Registrerad av</th><th scope=\"col\">"
                    "Godkänd av</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<tr><td>%s</td><td class=\"num\">%s</td><td>%s</td><td>%s</td><td>", p[i].paid_date,
                    money_text(req, p[i].amount), p[i].reference, p[i].registered_by);
        if (strcmp(p[i].state, "approved") == 0)
            html_printf(o, "%s, %s", p[i].approved_by, fmt_datetime_in(&req->arena, p[i].approved_at));
        else if (writer && p[i].registered_user != req->viewer.user_id) {
            html_printf(o, "<form method=\"post\" action=\"/grants/%lld/payouts/%lld/approve\" class=\"inline\">",
                        (long long)g->id, (long long)p[i].id);
            widget_csrf(req);
            html_lit(o, "<button type=\"submit\" class=\"button\">Godkänn utbetalningen</button></form>");
        } else
            html_lit(o, "Väntar på en annan persons godkännande");
        html_lit(o, "</td></tr>");
    }
    if (n)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    if (!writer)
        return;
    html_printf(o, "<form method=\"post\" action=\"/grants/%lld/payouts\" class=\"card form narrow\" novalidate>"
                   "<h3>Registrera en utbetalning</h3>", (long long)g->id);
    widget_csrf(req);
    widget_input(req, "date", "Utbetalningsdag", "date", req_param(req, "date"), NULL, "off");
    widget_input(req, "amount", "Belopp (kr)", "text", req_param(req, "amount"), NULL, "off");
    widget_input(req, "reference", "Referens i ekonomisystemet", "text", req_param(req, "reference"),
                 "Verifikationsnumret, så att utbetalningen inte räknas två gånger i kostnaderna.", "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Registrera</button></form>");
}

static void uses_section(request_t *req, const grant_t *g, const grant_parts_t *parts, bool writer)
{
    buf_t *o = &req->body;
    const grant_use_t *u = parts->uses;
    size_t n = parts->nuses;
    html_lit(o, "<h2>Använda medel</h2>");
    if (!n)
        html_lit(o, "<p class=\"empty\">Ingen användning redovisad än.</p>");
    else
        html_lit(o, TABLE_OPEN("Använda medel") "<thead><tr><th scope=\"col\">Per</th><th scope=\"col\">Källa</th>"
                    "<th scope=\"col\" class=\"num\">Använt hittills</th><th scope=\"col\">Anteckning</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>%s</td></tr>", u[i].as_of,
                    strcmp(u[i].source, "finance") == 0 ? arena_printf(&req->arena, "Ekonomi (%s)", u[i].by)
                                                         : arena_printf(&req->arena, "Redovisning %s", u[i].source),
                    money_text(req, u[i].amount), u[i].note);
    if (n)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    if (!writer)
        return;
    const grant_line_t *l = parts->lines;
    size_t nl = parts->nlines;
    html_printf(o, "<details><summary>För in använda medel</summary><form method=\"post\" action=\"/grants/%lld/uses\" "
                   "class=\"form\" novalidate>", (long long)g->id);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-line\">Rad</label><select id=\"f-line\" name=\"line\">"
                "<option value=\"0\">Hela bidraget</option>");
    for (size_t i = 0; i < nl; i++)
        html_printf(o, "<option value=\"%lld\">%s</option>", (long long)l[i].id, l[i].title);
    html_lit(o, "</select></div>");
    widget_input(req, "as_of", "Per datum", "date", req_param(req, "as_of"), NULL, "off");
    widget_input(req, "used", "Använt hittills (kr)", "text", req_param(req, "used"), NULL, "off");
    widget_input(req, "note", "Anteckning", "text", req_param(req, "note"), NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara</button></form></details>");
}

/* An amount as a form shows it to be sent back: "125000" or "125000,50" ("" for 0). */
static const char *plain_kronor(request_t *req, int64_t ore)
{
    if (ore <= 0)
        return "";
    return ore % 100 ? arena_printf(&req->arena, "%lld,%02lld", (long long)(ore / 100), (long long)(ore % 100))
                     : arena_printf(&req->arena, "%lld", (long long)(ore / 100));
}

static void claims_section(request_t *req, const grant_t *g, bool writer)
{
    buf_t *o = &req->body;
    claim_t *c;
    size_t n = money_claims(req->db, g, &req->arena, &c);
    html_lit(o, "<h2>Återbetalning och återkrav</h2>");
    if (!n)
        html_lit(o, "<p class=\"empty\">Inga beslut om återbetalning eller återkrav.</p>");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<section class=\"card\"><h3>%s %s</h3><dl class=\"facts\"><dt>Belopp</dt><dd>%s</dd><dt>Skäl</dt>"
                       "<dd class=\"prose\">%s</dd><dt>Beslutat</dt><dd>%s</dd><dt>Sista betalningsdag</dt><dd>%s</dd>"
                       "<dt>Läge</dt><dd>%s%s%s</dd></dl><p><a href=\"/grants/%lld/claims/%lld/letter.pdf\">Brevet "
                       "(PDF)</a></p>",
                    money_claim_kind_label(c[i].kind), c[i].registry_number, money_text(req, c[i].amount), c[i].reason,
                    c[i].decision_date, c[i].due_date, money_claim_state_label(c[i].state),
                    *c[i].settled_date ? ", " : "", c[i].settled_date, (long long)g->id, (long long)c[i].id);
        if (writer && strcmp(c[i].state, "raised") == 0) {
            html_printf(o, "<form method=\"post\" action=\"/grants/%lld/claims/%lld/settle\" class=\"form\" novalidate>",
                        (long long)g->id, (long long)c[i].id);
            widget_csrf(req);
            html_printf(o, "<div class=\"field\"><label for=\"f-settled-%lld\">Datum</label><input type=\"date\" "
                           "id=\"f-settled-%lld\" name=\"date\"></div><button type=\"submit\" name=\"state\" value=\"paid\" "
                           "class=\"button\">Betald</button> <button type=\"submit\" name=\"state\" value=\"written_off\" "
                           "class=\"button secondary\">Skriv av</button></form>",
                        (long long)c[i].id, (long long)c[i].id);
        }
        html_lit(o, "</section>");
    }
    if (!writer)
        return;
    html_printf(o, "<form method=\"post\" action=\"/grants/%lld/claims\" class=\"card form narrow\" novalidate>"
                   "<h3>Besluta om återbetalning eller återkrav</h3>", (long long)g->id);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-kind\">Slag</label><select id=\"f-kind\" name=\"kind\">");
    for (int k = 0; money_claim_kind_keys[k]; k++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", money_claim_kind_keys[k],
                    strcmp(req_param(req, "kind"), money_claim_kind_keys[k]) == 0 ? " selected" : "",
                    money_claim_kind_label(money_claim_kind_keys[k]));
    html_lit(o, "</select></div>");
    widget_input(req, "claim_amount", "Belopp (kr)", "text",
                 req_has_param(req, "claim_amount") ? req_param(req, "claim_amount")
                 : g->balance.used ? plain_kronor(req, g->balance.unused - g->balance.claimed) : "",
                 "Förifyllt med det oförbrukade som inte redan krävs tillbaka, när användningen är redovisad.", "off");
    html_lit(o, "<div class=\"field\"><label for=\"f-reason\">Skäl</label>");
    widget_field_error(req, "reason");
    html_printf(o, "<textarea id=\"f-reason\" name=\"reason\" rows=\"3\"");
    widget_described_by(req, "reason", false);
    html_printf(o, ">%s</textarea></div>", req_param(req, "reason"));
    widget_input(req, "registry_number", "Diarienummer", "text", req_param(req, "registry_number"), NULL, "off");
    widget_input(req, "decision_date", "Beslutsdatum", "date", req_param(req, "decision_date"), NULL, "off");
    widget_input(req, "due_date", "Sista betalningsdag", "date", req_param(req, "due_date"), NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Besluta</button></form>");
}

/* What finance records of the grant itself. */
static void facts_form(request_t *req, const grant_t *g)
{
    buf_t *o = &req->body;
    html_printf(o, "<details><summary>Ändra anslag och förordning</summary><form method=\"post\" action=\"/grants/%lld\" "
                   "class=\"form\" novalidate><input type=\"hidden\" name=\"version\" value=\"%d\">",
                (long long)g->id, g->version);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-appropriation\">Anslag</label><select id=\"f-appropriation\" "
                "name=\"appropriation\">");
    for (int k = 0; money_appropriation_keys[k]; k++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", money_appropriation_keys[k],
                    strcmp(g->appropriation, money_appropriation_keys[k]) == 0 ? " selected" : "",
                    money_appropriation_label(money_appropriation_keys[k]));
    html_printf(o, "</select></div><label class=\"check\"><input type=\"checkbox\" name=\"ordinance\" value=\"1\"%s> "
                   "Statsbidrag enligt förordning (2016:329)</label>", g->ordinance ? " checked" : "");
    widget_input(req, "note", "Anteckning", "text", g->note, NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara</button></form></details>");
}

static int grant_view(request_t *req, grant_t *g, int status, const char *notice)
{
    layout_begin(req, arena_printf(&req->arena, "Medel: %s, %s", g->organiser,
                                   *g->registry_number ? g->registry_number : g->decision_date));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (notice)
        widget_notice(req, "error", notice);
    widget_error_summary(req);
    if (g->case_id)
        html_printf(o, "<p><a href=\"/cases/%lld\">Till ärendet</a></p>", (long long)g->case_id);
    html_printf(o, "<dl class=\"facts\"><dt>Huvudman</dt><dd>%s (%s)</dd><dt>Grund</dt><dd>%s</dd><dt>Anslag</dt>"
                   "<dd>%s</dd><dt>Förordning (2016:329)</dt><dd>%s</dd><dt>Beslut</dt><dd>%s %s</dd>",
                g->organiser, g->orgnr,
                strcmp(g->kind, "agreement") == 0 ? arena_printf(&req->arena, "Överenskommelse %s", g->agreement_number)
                                                  : "Ansökan",
                money_appropriation_label(g->appropriation), g->ordinance ? "Ja" : "Nej", g->registry_number,
                g->decision_date);
    if (g->applied >= 0)
        html_printf(o, "<dt>Sökt</dt><dd>%s</dd>", money_text(req, g->applied));
    html_lit(o, "</dl>");
    bool writer = access_may(&req->viewer, CAP_MONEY_WRITE);
    if (writer)
        facts_form(req, g);
    balance_facts(req, g);
    grant_parts_t parts;
    parts.nuses = money_uses(req->db, g, &req->arena, &parts.uses);
    parts.nlines = money_lines(req->db, g, parts.uses, parts.nuses, &req->arena, &parts.lines);
    lines_section(req, g, &parts, writer);
    payouts_section(req, g, writer);
    uses_section(req, g, &parts, writer);
    claims_section(req, g, writer);
    layout_end(req);
    return respond_html(req, status);
}

static int grant_page(request_t *req)
{
    grant_t *g = target(req);
    if (!g)
        return respond_error(req, 404, MONEY_NOT_FOUND);
    return grant_view(req, g, 200, NULL);
}

/* After a write: back to the page, or the page with the error at its field. */
static int after(request_t *req, grant_t *g, bool ok, const char *field, const char *err)
{
    if (ok)
        return respond_redirect(req, arena_printf(&req->arena, "/grants/%lld?klart=1", (long long)g->id));
    if (field) {
        req_add_error(req, field, err);
        return grant_view(req, target(req), 422, NULL);
    }
    return grant_view(req, target(req), 409, err);
}

/* The grant a form posts to, with its amount field read (none when amount_field is NULL);
 * NULL when the answer is already given (404, or the page again with the field's error). */
static grant_t *posted(request_t *req, const char *amount_field, int64_t *amount, int *answered)
{
    grant_t *g = target(req);
    if (!g) {
        *answered = respond_error(req, 404, MONEY_NOT_FOUND);
        return NULL;
    }
    bool bad = req->nerrors > 0;
    if (!bad && amount_field)
        bad = !money_field(req, amount_field, amount);
    if (bad) {
        *answered = grant_view(req, g, 400, NULL);
        return NULL;
    }
    return g;
}

static int facts_submit(request_t *req)
{
    int answered;
    grant_t *g = posted(req, NULL, NULL, &answered);
    if (!g)
        return answered;
    char *err = NULL;
    switch (money_grant_edit(req->db, &req->viewer, g, (int)req_param_int(req, "version", 0),
                             req_param(req, "appropriation"), req_param_int(req, "ordinance", 0) == 1,
                             req_param(req, "note"), &req->arena, &err)) {
    case WRITE_OK:
        return after(req, g, true, NULL, NULL);
    case WRITE_STALE:
        return grant_view(req, target(req), 409, "Någon annan har ändrat bidraget medan du skrev; sidan visar nu det "
                                                 "som är sparat.");
    default:
        return after(req, g, false, NULL, err);
    }
}

static int lines_submit(request_t *req)
{
    int answered;
    int64_t amount;
    grant_t *g = posted(req, "amount", &amount, &answered);
    if (!g)
        return answered;
    char *err = NULL;
    bool ok = money_line_add(req->db, &req->viewer, g, req_param(req, "title"), amount, &req->arena, &err);
    return after(req, g, ok, ok ? NULL : "amount", err);
}

static int payouts_submit(request_t *req)
{
    int answered;
    int64_t amount;
    grant_t *g = posted(req, "amount", &amount, &answered);
    if (!g)
        return answered;
    const char *field = NULL;
    char *err = NULL;
    bool ok = money_payout_register(req->db, &req->viewer, g, req_param(req, "date"), amount, req_param(req, "reference"),
                                    &req->arena, &field, &err) > 0;
    return after(req, g, ok, field, err);
}

static int approve_submit(request_t *req)
{
    grant_t *g = target(req);
    if (!g)
        return respond_error(req, 404, MONEY_NOT_FOUND);
    char *err = NULL;
    bool ok = money_payout_approve(req->db, &req->viewer, g, req_param_int(req, "payout", 0), &req->arena, &err);
    return after(req, g, ok, NULL, err);
}

static int uses_submit(request_t *req)
{
    int answered;
    int64_t amount;
    grant_t *g = posted(req, "used", &amount, &answered);
    if (!g)
        return answered;
    const char *field = NULL;
    char *err = NULL;
    bool ok = money_use_add(req->db, &req->viewer, g, req_param_int(req, "line", 0), req_param(req, "as_of"), amount,
                            req_param(req, "note"), &req->arena, &field, &err);
    return after(req, g, ok, field && strcmp(field, "amount") == 0 ? "used" : field, err);
}

static int claims_submit(request_t *req)
{
    int answered;
    int64_t amount;
    grant_t *g = posted(req, "claim_amount", &amount, &answered);
    if (!g)
        return answered;
    const char *field = NULL;
    char *err = NULL;
    bool ok = money_claim_raise(req->db, &req->viewer, g, req_param(req, "kind"), req_param(req, "reason"), amount,
                                req_param(req, "registry_number"), req_param(req, "decision_date"),
                                req_param(req, "due_date"), &req->arena, &field, &err) > 0;
    return after(req, g, ok, field && strcmp(field, "amount") == 0 ? "claim_amount" : field, err);
}

static int settle_submit(request_t *req)
{
    int answered;
    grant_t *g = posted(req, NULL, NULL, &answered);
    if (!g)
        return answered;
    char *err = NULL;
    bool ok = money_claim_settle(req->db, &req->viewer, g, req_param_int(req, "claim", 0), req_param(req, "state"),
                                 req_param(req, "date"), &req->arena, &err);
    return after(req, g, ok, NULL, err);
}

/* The decision letter to the organiser, on the agency's paper. */
static int letter_pdf(request_t *req)
{
    grant_t *g = target(req);
    claim_t *c = g ? money_claim_get(req->db, g, req_param_int(req, "claim", 0), &req->arena) : NULL;
    if (!c)
        return respond_error(req, 404, MONEY_NOT_FOUND);
    arena_t *a = &req->arena;
    buf_t out = BUF_INIT;
    const char *title = arena_printf(a, "Beslut om %s", strcmp(c->kind, "claim") == 0 ? "återkrav"
                                                                                     : "återbetalning av oförbrukade medel");
    pdf_doc_t *d = pdf_doc_begin(&out, title, "Skolverket · Samverkan för bästa skola");
    if (!d)
        return respond_error(req, 500, "PDF:en kunde inte skapas.");
    pdf_doc_text(d, PDF_SMALL, arena_printf(a, "Diarienummer %s · %s", c->registry_number, c->decision_date), 12);
    pdf_doc_text(d, PDF_BODY, arena_printf(a, "Till %s (%s)", g->organiser, g->orgnr), 12);
    pdf_doc_text(d, PDF_TITLE, title, 8);
    pdf_doc_text(d, PDF_BODY, arena_printf(a, "Skolverket beslutar att %s ska betala tillbaka %s av de medel som "
                                              "beviljats genom beslut %s%s.", g->organiser, money_text(req, c->amount),
                                           g->registry_number, g->ordinance ? " enligt förordningen (2016:329) om "
                                           "statsbidrag till skolhuvudmän för insatser inom ramen för Samverkan för "
                                           "bästa skola" : ""), 8);
    pdf_doc_text(d, PDF_HEADING, "Skäl för beslutet", 3);
    pdf_doc_text(d, PDF_BODY, c->reason, 8);
    pdf_doc_text(d, PDF_HEADING, "Betalning", 3);
    pdf_doc_text(d, PDF_BODY, arena_printf(a, "Beloppet ska vara Skolverket till handa senast %s. Ange diarienummer %s "
                                              "vid betalningen.", c->due_date, c->registry_number), 8);
    pdf_doc_text(d, PDF_SMALL, arena_printf(a, "Utbetalt: %s. Använt enligt redovisning: %s. Oförbrukat: %s.",
                                            money_text(req, g->balance.paid), money_text(req, g->balance.used),
                                            money_text(req, g->balance.unused)), 8);
    if (!pdf_doc_end(d)) {
        buf_free(&out);
        return respond_error(req, 500, "PDF:en kunde inte skapas.");
    }
    int rc = respond_file(req, "application/pdf", arena_printf(a, "beslut-%s.pdf", c->registry_number), &out);
    buf_free(&out);
    return rc;
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_page[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_case_grant[] = {PARAM_ID, {"agreement", P_INT, PARAM_REQUIRED, "Överenskommelse", 1,
                                                       1000000000, NULL}, PARAM_END};
#define P_AMOUNT(name, label) {name, P_TEXT, PARAM_REQUIRED, label, 0, 40, NULL}
static const param_spec_t p_facts[] = {PARAM_ID, PARAM_VERSION,
                                       {"appropriation", P_CHOICE, PARAM_REQUIRED, "Anslag", 0, 0, money_appropriation_keys},
                                       {"ordinance", P_INT, 0, "Förordning", 0, 1, NULL},
                                       {"note", P_TEXT, 0, "Anteckning", 0, 300, NULL}, PARAM_END};
static const param_spec_t p_line[] = {PARAM_ID, {"title", P_TEXT, PARAM_REQUIRED, "Vad raden gäller", 0, 300, NULL},
                                      P_AMOUNT("amount", "Belopp (kr)"), PARAM_END};
static const param_spec_t p_payout[] = {PARAM_ID, {"date", P_DATE, PARAM_REQUIRED, "Utbetalningsdag", 0, 0, NULL},
                                        P_AMOUNT("amount", "Belopp (kr)"),
                                        {"reference", P_TEXT, PARAM_REQUIRED, "Referens i ekonomisystemet", 0, 100, NULL},
                                        PARAM_END};
static const param_spec_t p_approve[] = {PARAM_ID, {"payout", P_INT, PARAM_PATH, "Utbetalning", 1, 1000000000, NULL},
                                         PARAM_END};
static const param_spec_t p_use[] = {PARAM_ID, {"line", P_INT, 0, "Rad", 0, 1000000000, NULL},
                                     {"as_of", P_DATE, PARAM_REQUIRED, "Per datum", 0, 0, NULL},
                                     P_AMOUNT("used", "Använt hittills (kr)"),
                                     {"note", P_TEXT, 0, "Anteckning", 0, 300, NULL}, PARAM_END};
static const param_spec_t p_claim[] = {PARAM_ID, {"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, money_claim_kind_keys},
                                       P_AMOUNT("claim_amount", "Belopp (kr)"),
                                       {"reason", P_MULTILINE, PARAM_REQUIRED, "Skäl", 0, 5000, NULL},
                                       {"registry_number", P_TEXT, PARAM_REQUIRED, "Diarienummer", 0, 60, NULL},
                                       {"decision_date", P_DATE, PARAM_REQUIRED, "Beslutsdatum", 0, 0, NULL},
                                       {"due_date", P_DATE, PARAM_REQUIRED, "Sista betalningsdag", 0, 0, NULL}, PARAM_END};
static const char *const settle_states[] = {"paid", "written_off", NULL};
static const param_spec_t p_settle[] = {PARAM_ID, {"claim", P_INT, PARAM_PATH, "Krav", 1, 1000000000, NULL},
                                        {"state", P_CHOICE, PARAM_REQUIRED, "Läge", 0, 0, settle_states},
                                        {"date", P_DATE, PARAM_REQUIRED, "Datum", 0, 0, NULL}, PARAM_END};
static const param_spec_t p_letter[] = {PARAM_ID, {"claim", P_INT, PARAM_PATH, "Krav", 1, 1000000000, NULL}, PARAM_END};

const route_t money_grant_routes[] = {
    {"GET", "/cases/{id}/money", case_money_page, CAP_MONEY_READ, ROUTE_KEPT, p_id},
    {"POST", "/cases/{id}/money", case_money_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_case_grant},
    {"GET", "/grants/{id}", grant_page, CAP_MONEY_READ, ROUTE_KEPT, p_page},
    {"POST", "/grants/{id}", facts_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_facts},
    {"POST", "/grants/{id}/lines", lines_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_line},
    {"POST", "/grants/{id}/payouts", payouts_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_payout},
    {"POST", "/grants/{id}/payouts/{payout}/approve", approve_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_approve},
    {"POST", "/grants/{id}/uses", uses_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_use},
    {"POST", "/grants/{id}/claims", claims_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_claim},
    {"POST", "/grants/{id}/claims/{claim}/settle", settle_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_settle},
    {"GET", "/grants/{id}/claims/{claim}/letter.pdf", letter_pdf, CAP_MONEY_READ, ROUTE_KEPT, p_letter},
    {NULL, NULL, NULL, 0, 0, NULL},
};
