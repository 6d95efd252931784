/* start.c — the analyses' part of the start page: for a head or an organiser, the
 * analyses and plans that wait for their approval, in one query through the case and
 * analysis scopes. */
#include "parts.h"

static void awaiting(request_t *req)
{
    if (!access_may(&req->viewer, CAP_ANALYSIS_APPROVE_UNIT))
        return;
    awaiting_t *w;
    size_t n = analyses_awaiting_approval(req->db, &req->viewer, &req->arena, &w);
    if (!n)
        return;
    buf_t *o = &req->body;
    html_lit(o, "<h2>Väntar på ditt godkännande</h2>\n<ul class=\"links\">");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li><a href=\"/%s/%lld\">%s: %s</a> <span class=\"muted\">(%s)</span></li>",
                    w[i].plan ? "plans" : "analyses", (long long)w[i].id, w[i].plan ? "Åtgärdsplan" : "Nulägesanalys",
                    *w[i].unit ? w[i].unit : "huvudmannanivån", w[i].organiser);
    html_lit(o, "</ul>\n");
}

const start_section_t analyses_start_sections[] = {{25, awaiting, true}, {0, NULL, false}};
