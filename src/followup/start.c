/* start.c — the follow-up's part of the agency's start page: the indicators, in every
 * case the viewer reaches, that do not move toward their targets. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/layout.h"

static void off_target(request_t *req)
{
    bool agency = access_may(&req->viewer, CAP_CASE_ALL) || access_may(&req->viewer, CAP_CASE_ASSIGNED);
    if (!agency || !access_may(&req->viewer, CAP_PLAN_READ))
        return;
    size_t off, n;
    followup_counts(req->db, &req->viewer, &off, &n);
    if (!off)
        return;
    enum { SHOWN = 50 };
    indicator_state_t *s;
    size_t shown = followup_states(req->db, &req->viewer, NULL, true, SHOWN, &req->arena, &s);
    buf_t *o = &req->body;
    html_printf(o, "<h2>Indikatorer som inte rör sig mot målet</h2><p>%zu av %zu indikatorer i ärendena.</p>", off, n);
    html_lit(o, TABLE_OPEN("Indikatorer som inte rör sig mot målet") "<thead><tr><th scope=\"col\">Huvudman</th>"
                "<th scope=\"col\">Indikator</th><th scope=\"col\">Utgångsvärde</th><th scope=\"col\">Mål</th>"
                "<th scope=\"col\">Senast</th></tr></thead><tbody>");
    for (size_t i = 0; i < shown; i++)
        html_printf(o, "<tr><td><a href=\"/cases/%lld#indikatorer\">%s</a></td><th scope=\"row\"><a href=\"/indicators/"
                       "%lld\">%s</a></th><td>%s</td><td>%s</td><td>%s (%s)</td></tr>", (long long)s[i].case_id,
                    s[i].organiser, (long long)s[i].id, s[i].measure, s[i].baseline, s[i].target,
                    fmt_number_in(&req->arena, s[i].latest), s[i].latest_period);
    html_lit(o, "</tbody>" TABLE_CLOSE);
    if (off > shown)
        html_printf(o, "<p class=\"muted\">Visar de %zu första av %zu.</p>", shown, off);
}

const start_section_t followup_start_sections[] = {{45, off_target, true}, {0, NULL, false}};
