/* start.c — finance's start page: payouts to approve, payouts due by plan and not made,
 * grants with money reported unused, open claims and their due dates, and the year's
 * outcome against the forecast; an organiser's own unpaid claims. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include <string.h>

static void to_approve(request_t *req, grant_t *grants, size_t ngrants)
{
    payout_t *p;
    grant_t **g;
    size_t n = money_payouts_in_reach(req->db, &req->viewer, true, grants, ngrants, &req->arena, &p, &g);
    buf_t *o = &req->body;
    html_lit(o, "<h2>Utbetalningar att godkänna</h2>");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i].registered_user == req->viewer.user_id || !g[i])
            continue;
        if (!shown++)
            html_lit(o, "<ul>");
        html_printf(o, "<li><a href=\"/grants/%lld\">%s</a>: %s den %s (ref. %s), registrerad av %s</li>",
                    (long long)p[i].grant_id, g[i]->organiser, money_text(req, p[i].amount), p[i].paid_date,
                    p[i].reference, p[i].registered_by);
    }
    if (shown)
        html_lit(o, "</ul>");
    else
        html_lit(o, "<p class=\"empty\">Inga utbetalningar väntar på ditt godkännande.</p>");
}

static void due_by_plan(request_t *req, const grant_t *grants, size_t ngrants)
{
    char today[11];
    fmt_today(today, 0);
    grant_t *g;
    int64_t *due;
    size_t n = money_payouts_due(req->db, &req->viewer, today, grants, ngrants, &req->arena, &g, &due);
    buf_t *o = &req->body;
    html_lit(o, "<h2>Utbetalningar enligt plan som inte är gjorda</h2>");
    if (!n) {
        html_lit(o, "<p class=\"empty\">Alla planerade utbetalningar är gjorda.</p>");
        return;
    }
    html_lit(o, "<ul>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li><a href=\"/grants/%lld\">%s (%s)</a>: %s att betala ut</li>", (long long)g[i].id,
                    g[i].organiser, g[i].registry_number, money_text(req, due[i]));
    html_lit(o, "</ul>");
}

static void unused(request_t *req, const grant_t *g, size_t n)
{
    buf_t *o = &req->body;
    html_lit(o, "<h2>Redovisade medel som inte använts</h2>");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (!g[i].balance.used || g[i].balance.unused - g[i].balance.claimed <= 0)
            continue;
        if (!shown++)
            html_lit(o, "<ul>");
        html_printf(o, "<li><a href=\"/grants/%lld\">%s (%s)</a>: %s oförbrukat av %s utbetalt</li>", (long long)g[i].id,
                    g[i].organiser, g[i].registry_number, money_text(req, g[i].balance.unused - g[i].balance.claimed),
                    money_text(req, g[i].balance.paid));
    }
    if (shown)
        html_lit(o, "</ul>");
    else
        html_lit(o, "<p class=\"empty\">Ingen redovisning visar oförbrukade medel som inte krävts tillbaka.</p>");
}

static void open_claims(request_t *req, const char *heading)
{
    claim_t *c;
    size_t n = money_open_claims(req->db, &req->viewer, &req->arena, &c);
    if (!n && !access_may(&req->viewer, CAP_MONEY_WRITE))
        return;
    char today[11];
    fmt_today(today, 0);
    buf_t *o = &req->body;
    html_printf(o, "<h2>%s</h2>", heading);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga obetalda krav.</p>");
        return;
    }
    html_lit(o, "<ul>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li><a href=\"/grants/%lld\">%s %s</a>, %s: %s senast %s%s</li>", (long long)c[i].grant_id,
                    money_claim_kind_label(c[i].kind), c[i].registry_number, c[i].organiser,
                    money_text(req, c[i].amount), c[i].due_date, strcmp(c[i].due_date, today) < 0 ? " (försenad)" : "");
    html_lit(o, "</ul>");
}

static void finance(request_t *req)
{
    if (!access_may(&req->viewer, CAP_MONEY_WRITE)) {
        if (access_may(&req->viewer, CAP_MONEY_OWN))
            open_claims(req, "Att betala tillbaka till Skolverket");
        return;
    }
    grant_t *g;
    size_t n = money_grants(req->db, &req->viewer, 0, &req->arena, &g);
    html_lit(&req->body, "<section class=\"start-money\"><h2>Medel</h2><p><a href=\"/grants\">Alla medel</a> · "
                         "<a href=\"/ledger\">Kostnader</a></p>");
    to_approve(req, g, n);
    due_by_plan(req, g, n);
    unused(req, g, n);
    open_claims(req, "Obetalda återbetalningar och återkrav");
    char today[11];
    fmt_today(today, 0);
    money_cost_table_t t;
    money_year_costs(req->db, (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 + (today[3] - '0'),
                     &req->arena, &t);
    html_lit(&req->body, "<h2>Årets utfall mot prognos</h2>");
    money_outcome_chart(req, &t);
    html_lit(&req->body, "</section>");
}

/* Not kept in the fragment cache: the approval list depends on who registered what. */
const start_section_t money_start_sections[] = {{27, finance, false}, {0, NULL, false}};
