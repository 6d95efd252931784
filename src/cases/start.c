/* start.c — the case parts of each role's start page: the agency sees its cases by phase
 * (a chart), what is overdue, the coming meetings and the latest changes; an organiser
 * its case, where it stands and what comes next; a head or group member their group and
 * meetings; a university its cases and visits. Everything through the same scopes. */
#include "deadlines.h"
#include "meetings.h"
#include "../base/fmt.h"
#include "../html/layout.h"
#include "../io/svg_chart.h"
#include <string.h>

static const char *today(request_t *req, int plus_days)
{
    char *day = arena_alloc(&req->arena, 11);
    fmt_today(day, plus_days);
    return day;
}

static void phase_chart(request_t *req, const case_row_t *cases, size_t n)
{
    long long counts[PHASE_COUNT] = {0};
    const char *labels[PHASE_COUNT];
    for (size_t i = 0; i < n; i++)
        if (cases[i].phase < PHASE_COUNT)
            counts[cases[i].phase]++;
    for (int p = 0; p < PHASE_COUNT; p++)
        labels[p] = case_phase_label((case_phase_t)p);
    html_raw(&req->body, "<h2>Ärenden per fas</h2>\n");
    svg_bars(&req->body, "Ärenden per fas", labels, counts, PHASE_COUNT);
}

/* Meetings in the next two weeks in the given cases (groups within the viewer's scope). */
static void upcoming_meetings(request_t *req, const case_row_t *cases, size_t n, const char *kind)
{
    buf_t *o = &req->body;
    const char *from = today(req, 0), *to = today(req, 14);
    size_t shown = 0;
    html_raw(o, "<h2>Kommande möten</h2>\n<ul class=\"due\">");
    for (size_t i = 0; i < n && shown < 20; i++) {
        analysis_group_t *g;
        size_t ng = meetings_groups(req->db, &req->viewer, cases[i].id, &req->arena, &g);
        for (size_t k = 0; k <= ng && shown < 20; k++) {
            if (k == ng && req->viewer.role == ROLE_GROUP)
                break;
            meeting_t *m;
            size_t nm = meetings_list(req->db, cases[i].id, k < ng ? g[k].id : 0, &req->arena, &m);
            for (size_t j = 0; j < nm && shown < 20; j++) {
                if (strcmp(m[j].starts_at, from) < 0 || strncmp(m[j].starts_at, to, 10) > 0 ||
                    (kind && strcmp(m[j].kind, kind) != 0))
                    continue;
                html_printf(o, "<li><time>%s</time> <a href=\"/meetings/%lld\">%s</a> – %s%s%s</li>", m[j].starts_at,
                            (long long)m[j].id, meeting_kind_label(m[j].kind), cases[i].organiser,
                            *m[j].group_name ? ", " : "", m[j].group_name);
                shown++;
            }
        }
    }
    if (!shown)
        html_raw(o, "<li class=\"muted\">Inga möten de närmaste två veckorna.</li>");
    html_raw(o, "</ul>\n");
}

static void recent_changes(request_t *req, const case_row_t *cases, size_t n)
{
    buf_t *o = &req->body;
    html_raw(o, "<h2>Senaste händelserna</h2>\n<ul class=\"due\">");
    /* The latest lines of the timelines of the cases the viewer sees. */
    db_stmt_t *st = db_prepare(req->db, "SELECT case_id, kind, to_phase, note, actor, at FROM case_events"
                                        " ORDER BY at DESC, id DESC LIMIT 200");
    size_t shown = 0;
    while (db_step(st) == DB_ROW && shown < 10) {
        int64_t id = db_col_int(st, 0);
        const case_row_t *c = NULL;
        for (size_t i = 0; i < n && !c; i++)
            if (cases[i].id == id)
                c = &cases[i];
        if (!c)
            continue;
        buf_t when = BUF_INIT;
        fmt_datetime(&when, db_col_int(st, 5));
        const char *what = strcmp(db_col_text(st, 1), "phase") == 0
                               ? arena_printf(&req->arena, "till %s", case_phase_label(case_phase_from_key(db_col_text(st, 2))))
                               : db_col_text(st, 3);
        html_printf(o, "<li><time>%s</time> <a href=\"/cases/%lld\">%s</a>: %s <span class=\"muted\">(%s)</span></li>",
                    buf_cstr(&when), (long long)id, c->organiser, what, db_col_text(st, 4));
        buf_free(&when);
        shown++;
    }
    db_done(st);
    if (!shown)
        html_raw(o, "<li class=\"muted\">Inga händelser än.</li>");
    html_raw(o, "</ul>\n");
}

static void own_case(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"card\"><h2><a href=\"/cases/%lld\">Vår samverkan: %s</a></h2>", (long long)c->id,
                c->round_name);
    html_raw(o, "<ol class=\"phases\" aria-label=\"Faser\">");
    for (int p = 0; p < PHASE_COUNT; p++) {
        html_raw(o, p < (int)c->phase ? "<li class=\"done\">" : p == (int)c->phase ? "<li class=\"current\" "
                                                                                  "aria-current=\"step\">" : "<li>");
        html_text(o, case_phase_label((case_phase_t)p));
        html_raw(o, "</li>");
    }
    html_raw(o, "</ol>");
    if (c->phase + 1 < PHASE_COUNT) {
        case_facts_t f;
        cases_facts(req->db, c->id, &f);
        char why[300];
        if (case_move_allowed(c->phase, c->phase + 1, &f, false, why, sizeof why))
            html_printf(o, "<p>Nästa steg: %s.</p>", case_phase_label(c->phase + 1));
        else
            html_printf(o, "<p>Nästa steg: %s. %s</p>", case_phase_label(c->phase + 1), why);
    }
    html_printf(o, "<p class=\"muted\">Planerat slut %s · processtödjare: %s</p></div>\n", c->planned_end,
                *c->supporters ? c->supporters : "inte tilldelade än");
}

void cases_start_sections(request_t *req)
{
    case_filter_t f = {0};
    case_row_t *cases;
    size_t n = cases_list(req->db, &req->viewer, &f, &req->arena, &cases);
    switch (req->viewer.role) {
    case ROLE_ADMIN:
    case ROLE_ANALYST:
    case ROLE_SUPPORTER:
    case ROLE_FINANCE:
        deadlines_start_section(req);
        if (n)
            phase_chart(req, cases, n);
        upcoming_meetings(req, cases, n, NULL);
        recent_changes(req, cases, n);
        break;
    case ROLE_ORGANISER:
        for (size_t i = 0; i < n; i++)
            if (cases[i].phase != PHASE_CLOSED)
                own_case(req, &cases[i]);
        deadlines_start_section(req);
        upcoming_meetings(req, cases, n, NULL);
        break;
    case ROLE_HEAD:
    case ROLE_GROUP: {
        buf_t *o = &req->body;
        html_raw(o, "<h2>Min analysgrupp</h2>\n<ul class=\"links\">");
        size_t shown = 0;
        for (size_t i = 0; i < n; i++) {
            analysis_group_t *g;
            size_t ng = meetings_groups(req->db, &req->viewer, cases[i].id, &req->arena, &g);
            for (size_t k = 0; k < ng; k++, shown++)
                html_printf(o, "<li><a href=\"/groups/%lld\">%s</a> (%s)</li>", (long long)g[k].id, g[k].name,
                            cases[i].organiser);
        }
        if (!shown)
            html_raw(o, "<li class=\"muted\">Ingen analysgrupp än.</li>");
        html_raw(o, "</ul>\n");
        upcoming_meetings(req, cases, n, NULL);
        break;
    }
    case ROLE_UNIVERSITY:
        upcoming_meetings(req, cases, n, "visit");
        break;
    default:
        break;
    }
}
