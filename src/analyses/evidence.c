/* evidence.c — the register's statistics in place in an analysis: for a unit, its own
 * figures over the years that exist with the national figure beside them, and why it was
 * selected (the selection area's part of the unit page); at organiser level, the case's
 * units with a link to each. */
#include "parts.h"
#include "../http/layout.h"
#include "../register/register.h"

void analyses_evidence_table(request_t *req, const analysis_t *an)
{
    buf_t *o = &req->body;
    if (!an->unit_id) {
        case_row_t *c = cases_get(req->db, &req->viewer, an->case_id, &req->arena);
        case_unit_t *u;
        size_t n = c ? cases_units(req->db, c, &req->arena, &u) : 0;
        html_lit(o, "<h3>Enheternas statistik</h3>");
        if (!n) {
            html_lit(o, "<p class=\"empty\">Samverkan gäller huvudmannanivån utan valda enheter.</p>");
            return;
        }
        html_lit(o, "<ul class=\"links\">");
        for (size_t i = 0; i < n; i++)
            html_printf(o, "<li><a href=\"/units/%s\">%s</a> <span class=\"muted\">(%s)</span></li>", u[i].code,
                        u[i].name, register_forms_label(&req->arena, u[i].school_forms));
        html_lit(o, "</ul>");
        return;
    }
    reg_unit_t *u = register_get_unit(req->db, &req->viewer, an->unit_code, &req->arena);
    html_lit(o, "<h3>Enhetens statistik med riket</h3>");
    if (!u) {
        html_lit(o, "<p class=\"empty\">Enhetens statistik är inte tillgänglig för dig.</p>");
        return;
    }
    reg_stat_t *stats;
    size_t n = register_unit_stats(req->db, u, &req->arena, &stats);
    reg_national_t *nat;
    size_t nn = register_national_stats(req->db, &req->arena, &nat);
    register_stats_table(req, stats, n, nat, nn);
    register_unit_parts(req, u);
}
