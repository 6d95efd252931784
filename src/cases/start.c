/* start.c — the case parts of the start page: the agency sees its cases by phase (a
 * chart) and the latest changes; an organiser its case, where it stands and what comes
 * next; everyone who works in cases the list of them. Everything through the case scope. */
#include "parts.h"
#include "../access/access.h"
#include "../base/fmt.h"
#include "../io/svg_chart.h"
#include <string.h>

static void phase_chart(request_t *req)
{
    if (!access_may(&req->viewer, CAP_CASE_OVERVIEW))
        return;
    long long counts[PHASE_COUNT], total = 0;
    cases_count_by_phase(req->db, &req->viewer, counts);
    const char *labels[PHASE_COUNT];
    for (int p = 0; p < PHASE_COUNT; p++) {
        labels[p] = case_phase_label((case_phase_t)p);
        total += counts[p];
    }
    if (!total)
        return;
    html_lit(&req->body, "<h2>Ärenden per fas</h2>\n");
    svg_bars(&req->body, "Ärenden per fas", labels, counts, PHASE_COUNT);
}

static void recent_changes(request_t *req)
{
    if (!access_may(&req->viewer, CAP_CASE_OVERVIEW))
        return;
    buf_t *o = &req->body;
    case_change_t *e;
    size_t n = cases_recent_changes(req->db, &req->viewer, 10, &req->arena, &e);
    html_lit(o, "<h2>Senaste händelserna</h2>\n<ul class=\"due\">");
    for (size_t i = 0; i < n; i++) {
        buf_t when = BUF_INIT;
        fmt_datetime(&when, e[i].at);
        const char *what = strcmp(e[i].kind, "phase") == 0
                               ? arena_printf(&req->arena, "till %s", case_phase_label(case_phase_from_key(e[i].to_phase)))
                               : e[i].note;
        html_printf(o, "<li><time>%s</time> <a href=\"/cases/%lld\">%s</a>: %s <span class=\"muted\">(%s)</span></li>",
                    buf_cstr(&when), (long long)e[i].case_id, e[i].organiser, what, e[i].actor);
        buf_free(&when);
    }
    if (!n)
        html_lit(o, "<li class=\"muted\">Inga händelser än.</li>");
    html_lit(o, "</ul>\n");
}

static void own_case(request_t *req)
{
    if (!access_may(&req->viewer, CAP_CASE_NEXT_STEP))
        return;
    const case_row_t *cases;
    size_t n = cases_of_viewer(req, &cases);
    buf_t *o = &req->body;
    for (size_t i = 0; i < n; i++) {
        const case_row_t *c = &cases[i];
        if (c->phase == PHASE_CLOSED)
            continue;
        html_printf(o, "<div class=\"card\"><h2><a href=\"/cases/%lld\">Vår samverkan: %s</a></h2>", (long long)c->id,
                    c->round_name);
        cases_phase_steps(o, c->phase);
        if (c->phase + 1 < PHASE_COUNT) {
            case_facts_t facts;
            cases_facts(req->db, c, &facts);
            char why[300];
            if (case_move_allowed(c->phase, c->phase + 1, &facts, false, why, sizeof why))
                html_printf(o, "<p>Nästa steg: %s.</p>", case_phase_label(c->phase + 1));
            else
                html_printf(o, "<p>Nästa steg: %s. %s</p>", case_phase_label(c->phase + 1), why);
        }
        html_printf(o, "<p class=\"muted\">Planerat slut %s · processtödjare: %s</p></div>\n", c->planned_end,
                    *c->supporters ? c->supporters : "inte tilldelade än");
    }
}

static void university_line(request_t *req)
{
    if (access_may(&req->viewer, CAP_UNIVERSITY_OWN))
        html_printf(&req->body, "<p>Lärosäte: %s</p>\n", req->viewer.university ? req->viewer.university : "");
}

/* The cases the viewer may see (the scope: a supporter's own, an organiser's own, a
 * university's own, the agency's all). */
static void collaborations(request_t *req)
{
    if (!access_may(&req->viewer, CAP_CASE_READ))
        return;
    buf_t *o = &req->body;
    const case_row_t *rows;
    size_t n = cases_of_viewer(req, &rows);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga ärenden att visa.</p>\n");
        return;
    }
    html_lit(o, "<h2>Huvudmän i samverkan</h2>\n" TABLE_OPEN("Huvudmän i samverkan") "<thead><tr>"
                "<th scope=\"col\">Huvudman</th><th scope=\"col\">Urval</th><th scope=\"col\">Beslutsdatum</th>"
                "<th scope=\"col\">Lärosäte</th><th scope=\"col\">Fas</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td><a href=\"/cases/%lld\">%s</a></td><td>%s</td><td class=\"nowrap\">%s</td>"
                       "<td>%s</td><td>%s</td></tr>\n",
                    (long long)rows[i].id, rows[i].organiser, rows[i].round_name, rows[i].decision_date,
                    rows[i].university, case_phase_label(rows[i].phase));
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

const start_section_t cases_start_sections[] = {
    {14, university_line, false},
    {20, own_case, true},
    {40, phase_chart, true},
    {55, recent_changes, true},
    {70, collaborations, true},
    {0, NULL, false},
};
