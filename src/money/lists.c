/* lists.c — every grant and every claim within the viewer's reach, with their exports;
 * the form that registers a grant by application under förordning 2016:329. */
#include "parts.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include "../register/register.h"
#include <string.h>

static int grants_view(request_t *req, int status)
{
    bool ordinance = req_param_int(req, "forordning", 0) == 1;
    grant_t *g;
    size_t n = money_grants(req->db, &req->viewer, 0, &req->arena, &g);
    layout_begin(req, "Medel");
    buf_t *o = &req->body;
    widget_error_summary(req);
    html_printf(o, "<p class=\"exports\"><a href=\"/grants.csv%s\">CSV</a> · <a href=\"/grants.xlsx%s\">XLSX</a> · "
                   "<a href=\"/payouts.xlsx\">Alla utbetalningar (XLSX)</a> · <a href=\"/claims\">Återbetalningar och "
                   "återkrav</a>%s</p>",
                ordinance ? "?forordning=1" : "", ordinance ? "?forordning=1" : "",
                access_may(&req->viewer, CAP_LEDGER) ? " · <a href=\"/ledger\">Kostnader</a>" : "");
    html_printf(o, "<p><a href=\"/grants%s\">%s</a></p>", ordinance ? "" : "?forordning=1",
                ordinance ? "Visa alla bidrag" : "Visa bara statsbidrag enligt förordning (2016:329)");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++)
        if (!ordinance || g[i].ordinance)
            g[shown++] = g[i];
    money_grants_table(req, g, shown, true);
    if (access_may(&req->viewer, CAP_MONEY_WRITE)) {
        html_lit(o, "<form method=\"post\" action=\"/grants\" class=\"card form narrow\" novalidate><h2>Registrera ett "
                    "statsbidrag efter ansökan</h2><p class=\"hint\">För bidrag enligt förordning (2016:329) som söks "
                    "utanför samverkans överenskommelser.</p>");
        widget_csrf(req);
        widget_input(req, "orgnr", "Huvudmannens organisationsnummer", "text", req_param(req, "orgnr"), NULL, "off");
        html_lit(o, "<div class=\"field\"><label for=\"f-appropriation\">Anslag</label><select id=\"f-appropriation\" "
                    "name=\"appropriation\">");
        for (int k = 0; money_appropriation_keys[k]; k++)
            html_printf(o, "<option value=\"%s\">%s</option>", money_appropriation_keys[k],
                        money_appropriation_label(money_appropriation_keys[k]));
        html_lit(o, "</select></div><label class=\"check\"><input type=\"checkbox\" name=\"ordinance\" value=\"1\" "
                    "checked> Statsbidrag enligt förordning (2016:329)</label>");
        widget_input(req, "applied", "Sökt belopp (kr)", "text", req_param(req, "applied"), NULL, "off");
        widget_input(req, "granted", "Beviljat belopp (kr)", "text", req_param(req, "granted"), NULL, "off");
        widget_input(req, "decision_date", "Beslutsdatum", "date", req_param(req, "decision_date"), NULL, "off");
        widget_input(req, "registry_number", "Diarienummer", "text", req_param(req, "registry_number"), NULL, "off");
        widget_input(req, "note", "Vad bidraget avser", "text", req_param(req, "note"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Registrera</button></form>");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int grants_page(request_t *req)
{
    return grants_view(req, 200);
}

static int grant_submit(request_t *req)
{
    int64_t applied, granted;
    bool amounts = money_field(req, "applied", &applied) & money_field(req, "granted", &granted);
    if (req->nerrors || !amounts)
        return grants_view(req, 400);
    reg_organiser_t *org = register_get_organiser(req->db, &req->viewer, req_param(req, "orgnr"), &req->arena);
    grant_input_t in = {.organiser_id = org ? org->id : 0, .kind = "application",
                        .appropriation = req_param(req, "appropriation"), .decision_date = req_param(req, "decision_date"),
                        .registry_number = req_param(req, "registry_number"), .note = req_param(req, "note"),
                        .ordinance = req_param_int(req, "ordinance", 0) == 1, .applied = applied, .granted = granted};
    const char *field = NULL;
    char *err = NULL;
    int64_t id = money_grant_add(req->db, &req->viewer, &in, &req->arena, &field, &err);
    if (!id) {
        req_add_error(req, field ? field : "orgnr", err);
        return grants_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/grants/%lld", (long long)id));
}

static int grants_export(request_t *req)
{
    bool ordinance = req_param_int(req, "forordning", 0) == 1;
    grant_t *g;
    size_t n = money_grants(req->db, &req->viewer, 0, &req->arena, &g);
    static const char *headers[] = {"Huvudman", "Organisationsnummer", "Grund", "Diarienummer", "Beslutsdatum", "Anslag",
                                    "Förordning 2016:329", "Sökt (kr)", "Beviljat (kr)", "Utbetalt (kr)",
                                    "Använt (kr)", "Oförbrukat (kr)", "Krävt tillbaka (kr)", "Återbetalt (kr)"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_DECIMAL, EXPORT_DECIMAL, EXPORT_DECIMAL,
                                          EXPORT_DECIMAL, EXPORT_DECIMAL, EXPORT_DECIMAL, EXPORT_DECIMAL};
    export_table_t t;
    export_init(&t, &req->arena, "Medel", 14, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        if (ordinance && !g[i].ordinance)
            continue;
        export_cell_t *c = export_add_row(&t);
        c[0].text = g[i].organiser;
        c[1].text = g[i].orgnr;
        c[2].text = strcmp(g[i].kind, "agreement") == 0 ? "Överenskommelse" : "Ansökan";
        c[3].text = g[i].registry_number;
        c[4].text = g[i].decision_date;
        c[5].text = g[i].appropriation;
        c[6].text = g[i].ordinance ? "Ja" : "Nej";
        /* Kronor with öre as decimals; the amounts are whole öre, so this is exact. */
        if (g[i].applied >= 0)
            export_number(&c[7], (double)g[i].applied / 100.0);
        export_number(&c[8], (double)g[i].granted / 100.0);
        export_number(&c[9], (double)g[i].balance.paid / 100.0);
        export_number(&c[10], (double)g[i].balance.used / 100.0);
        export_number(&c[11], (double)g[i].balance.unused / 100.0);
        export_number(&c[12], (double)g[i].balance.claimed / 100.0);
        export_number(&c[13], (double)g[i].balance.repaid / 100.0);
    }
    return export_respond(req, &t, ordinance ? "statsbidrag-2016-329" : "medel");
}

static void claims_table(request_t *req, const claim_t *c, size_t n)
{
    buf_t *o = &req->body;
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga obetalda beslut om återbetalning eller återkrav.</p>");
        return;
    }
    html_lit(o, TABLE_OPEN("Återbetalningar och återkrav") "<thead><tr><th scope=\"col\">Huvudman</th><th scope=\"col\">"
                "Beslut</th><th scope=\"col\" class=\"num\">Belopp</th><th scope=\"col\">Sista betalningsdag</th>"
                "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td>%s</td><td><a href=\"/grants/%lld\">%s %s</a></td><td class=\"num\">%s</td><td>%s</td>"
                       "</tr>", c[i].organiser, (long long)c[i].grant_id, money_claim_kind_label(c[i].kind),
                    c[i].registry_number, money_text(req, c[i].amount), c[i].due_date);
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

static int claims_page(request_t *req)
{
    claim_t *c;
    size_t n = money_open_claims(req->db, &req->viewer, &req->arena, &c);
    layout_begin(req, "Obetalda återbetalningar och återkrav");
    html_lit(&req->body, "<p class=\"exports\"><a href=\"/claims.csv\">CSV</a> · <a href=\"/claims.xlsx\">XLSX</a> · "
                         "<a href=\"/grants\">Alla medel</a></p>");
    claims_table(req, c, n);
    layout_end(req);
    return respond_html(req, 200);
}

static int claims_export(request_t *req)
{
    claim_t *c;
    size_t n = money_open_claims(req->db, &req->viewer, &req->arena, &c);
    static const char *headers[] = {"Huvudman", "Slag", "Diarienummer", "Beslutsdatum", "Sista betalningsdag",
                                    "Belopp (kr)", "Skäl"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_DECIMAL, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Krav", 7, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        export_cell_t *x = export_add_row(&t);
        x[0].text = c[i].organiser;
        x[1].text = money_claim_kind_label(c[i].kind);
        x[2].text = c[i].registry_number;
        x[3].text = c[i].decision_date;
        x[4].text = c[i].due_date;
        export_number(&x[5], (double)c[i].amount / 100.0);
        x[6].text = c[i].reason;
    }
    return export_respond(req, &t, "krav");
}

static int payouts_export(request_t *req)
{
    grant_t *grants;
    size_t ngrants = money_grants(req->db, &req->viewer, 0, &req->arena, &grants);
    payout_t *p;
    grant_t **g;
    size_t n = money_payouts_in_reach(req->db, &req->viewer, false, grants, ngrants, &req->arena, &p, &g);
    static const char *headers[] = {"Huvudman", "Bidragets diarienummer", "Utbetalningsdag", "Belopp (kr)", "Referens",
                                    "Läge", "Registrerad av", "Godkänd av"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_DECIMAL,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Utbetalningar", 8, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        export_cell_t *x = export_add_row(&t);
        x[0].text = g[i] ? g[i]->organiser : "";
        x[1].text = g[i] ? g[i]->registry_number : "";
        x[2].text = p[i].paid_date;
        export_number(&x[3], (double)p[i].amount / 100.0);
        x[4].text = p[i].reference;
        x[5].text = strcmp(p[i].state, "approved") == 0 ? "Godkänd" : "Väntar på godkännande";
        x[6].text = p[i].registered_by;
        x[7].text = p[i].approved_by;
    }
    return export_respond(req, &t, "utbetalningar");
}

static const param_spec_t p_list[] = {{"forordning", P_INT, 0, "Förordning", 0, 1, NULL}, PARAM_END};
static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_add[] = {{"orgnr", P_ORGNR, PARAM_REQUIRED, "Huvudmannens organisationsnummer", 0, 0, NULL},
                                     {"appropriation", P_CHOICE, PARAM_REQUIRED, "Anslag", 0, 0, money_appropriation_keys},
                                     {"ordinance", P_INT, 0, "Förordning", 0, 1, NULL},
                                     {"applied", P_TEXT, PARAM_REQUIRED, "Sökt belopp (kr)", 0, 40, NULL},
                                     {"granted", P_TEXT, PARAM_REQUIRED, "Beviljat belopp (kr)", 0, 40, NULL},
                                     {"decision_date", P_DATE, PARAM_REQUIRED, "Beslutsdatum", 0, 0, NULL},
                                     {"registry_number", P_TEXT, PARAM_REQUIRED, "Diarienummer", 0, 60, NULL},
                                     {"note", P_TEXT, 0, "Vad bidraget avser", 0, 300, NULL}, PARAM_END};

const route_t money_list_routes[] = {
    {"GET", "/grants", grants_page, CAP_MONEY_READ, ROUTE_KEPT, p_list},
    {"POST", "/grants", grant_submit, CAP_MONEY_WRITE, ROUTE_FORM, p_add},
    {"GET", "/grants.csv", grants_export, CAP_MONEY_READ, ROUTE_KEPT, p_list},
    {"GET", "/grants.xlsx", grants_export, CAP_MONEY_READ, ROUTE_KEPT, p_list},
    {"GET", "/payouts.csv", payouts_export, CAP_MONEY_READ, ROUTE_KEPT, p_none},
    {"GET", "/payouts.xlsx", payouts_export, CAP_MONEY_READ, ROUTE_KEPT, p_none},
    {"GET", "/claims", claims_page, CAP_MONEY_READ, ROUTE_KEPT, p_none},
    {"GET", "/claims.csv", claims_export, CAP_MONEY_READ, ROUTE_KEPT, p_none},
    {"GET", "/claims.xlsx", claims_export, CAP_MONEY_READ, ROUTE_KEPT, p_none},
    {NULL, NULL, NULL, 0, 0, NULL},
};
