/* pages.c — the case list (with filters and export) and one case: where it stands, its
 * units, the people on each side, the phase move with its rule, and the timeline. */
#include "cases.h"
#include "agreements.h"
#include "meetings.h"
#include "deadlines.h"
#include "../base/fmt.h"
#include "../html/export_response.h"
#include "../html/layout.h"
#include "../register/register.h"
#include <stdlib.h>
#include <string.h>

case_filter_t cases_filter_from(request_t *req)
{
    return (case_filter_t){req_param(req, "phase"), req_param(req, "round"), req_param(req, "county"), req_param(req, "q"),
                           req_param_int(req, "supporter", 0), strcmp(req_param(req, "overdue"), "1") == 0};
}

size_t cases_list_filtered(request_t *req, const case_filter_t *f, case_row_t **rows)
{
    size_t n = cases_list(req->db, &req->viewer, f, &req->arena, rows);
    if (!f->overdue)
        return n;
    char today[11];
    fmt_today(today, 0);
    return deadlines_keep_overdue(req->db, *rows, n, today);
}

static void select_field(request_t *req, const char *name, const char *label, const char *const *values,
                         const char *const *labels, size_t n)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label><select id=\"f-%s\" name=\"%s\">"
                   "<option value=\"\">Alla</option>",
                name, label, name, name);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", values[i],
                    strcmp(values[i], req_param(req, name)) == 0 ? " selected" : "", labels[i]);
    html_raw(o, "</select></div>\n");
}

/* The distinct values of a column among all cases, for a filter (rounds, supporters). */
static size_t distinct(request_t *req, const char *sql, const char ***values, const char ***labels)
{
    size_t n = 0, cap = 16;
    *values = arena_alloc(&req->arena, cap * sizeof **values);
    *labels = arena_alloc(&req->arena, cap * sizeof **labels);
    db_stmt_t *st = db_prepare(req->db, sql);
    while (db_step(st) == DB_ROW) {
        if (n == cap) {
            *values = arena_realloc_array(&req->arena, *values, n, cap * 2, sizeof **values);
            *labels = arena_realloc_array(&req->arena, *labels, n, cap * 2, sizeof **labels);
            cap *= 2;
        }
        (*values)[n] = arena_strdup(&req->arena, db_col_text(st, 0));
        (*labels)[n++] = arena_strdup(&req->arena, db_col_text(st, 1));
    }
    db_done(st);
    return n;
}

static void filters(request_t *req)
{
    buf_t *o = &req->body;
    html_raw(o, "<form method=\"get\" action=\"/cases\" class=\"search card\" role=\"search\">\n");
    widget_input(req, "q", "Huvudman", "search", req_param(req, "q"), NULL, "off");
    const char *phase_labels[PHASE_COUNT];
    for (int p = 0; p < PHASE_COUNT; p++)
        phase_labels[p] = case_phase_label((case_phase_t)p);
    select_field(req, "phase", "Fas", case_phase_keys, phase_labels, PHASE_COUNT);
    const char **v, **l;
    size_t n = distinct(req, "SELECT DISTINCT round_name, round_name FROM cases ORDER BY round_name DESC", &v, &l);
    select_field(req, "round", "Urvalsomgång", v, l, n);
    if (req->viewer.role != ROLE_SUPPORTER && req->viewer.role != ROLE_UNIVERSITY) {
        n = distinct(req, "SELECT DISTINCT CAST(user_id AS TEXT), name FROM case_people WHERE role = 'supporter'"
                          " ORDER BY name", &v, &l);
        select_field(req, "supporter", "Processtödjare", v, l, n);
    }
    const char **codes, **names;
    n = register_list_counties(req->db, &req->arena, &codes, &names);
    select_field(req, "county", "Län", codes, names, n);
    html_printf(o, "<div class=\"field\"><label class=\"check\"><input type=\"checkbox\" name=\"overdue\" value=\"1\"%s>"
                   " Bara med något försenat</label></div>",
                strcmp(req_param(req, "overdue"), "1") == 0 ? " checked" : "");
    html_raw(o, "<div class=\"field actions\"><button type=\"submit\" class=\"button\">Visa</button></div></form>\n");
}

int cases_list_page(request_t *req)
{
    case_filter_t f = cases_filter_from(req);
    case_row_t *rows;
    size_t n = cases_list_filtered(req, &f, &rows);
    layout_begin(req, req->viewer.role == ROLE_SUPPORTER ? "Mina ärenden" : "Ärenden");
    buf_t *o = &req->body;
    filters(req);
    html_printf(o, "<div class=\"result-bar\"><p>%lld %s</p><p class=\"exports\">Ladda ner: "
                   "<a href=\"/cases.csv?%s\">CSV</a> · <a href=\"/cases.xlsx?%s\">Excel</a></p></div>\n",
                (long long)n, n == 1 ? "ärende" : "ärenden", req->query ? req->query : "", req->query ? req->query : "");
    if (!n) {
        html_raw(o, "<p class=\"empty\">Inga ärenden matchar.</p>\n");
    } else {
        html_raw(o, TABLE_OPEN("Ärenden") "<thead><tr><th scope=\"col\">Huvudman</th><th scope=\"col\">Omgång</th>"
                    "<th scope=\"col\">Fas</th><th scope=\"col\" class=\"num\">Enheter</th>"
                    "<th scope=\"col\">Processtödjare</th><th scope=\"col\">Lärosäte</th><th scope=\"col\">Län</th>"
                    "<th scope=\"col\">Planerat slut</th></tr></thead><tbody>\n");
        for (size_t i = 0; i < n; i++) {
            const case_row_t *c = &rows[i];
            html_printf(o, "<tr><td><a href=\"/cases/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">",
                        (long long)c->id, c->organiser, c->round_name, case_phase_label(c->phase));
            html_int(o, c->units);
            html_printf(o, "</td><td>%s</td><td>%s</td><td>%s</td><td class=\"nowrap\">%s</td></tr>\n", c->supporters,
                        c->university, c->county, c->planned_end);
        }
        html_raw(o, "</tbody></table></div>\n");
    }
    layout_end(req);
    return respond_html(req, 200);
}

int cases_export(request_t *req)
{
    case_filter_t f = cases_filter_from(req);
    case_row_t *rows;
    size_t n = cases_list_filtered(req, &f, &rows);
    static const char *headers[] = {"Organisationsnummer", "Huvudman", "Omgång", "Beslutsdatum", "Fas", "Enheter",
                                    "Processtödjare", "Lärosäte", "Län", "Start", "Planerat slut"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_INT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Ärenden", 11, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        export_cell_t *c = export_add_row(&t);
        c[0].text = rows[i].orgnr;
        c[1].text = rows[i].organiser;
        c[2].text = rows[i].round_name;
        c[3].text = rows[i].decision_date;
        c[4].text = case_phase_label(rows[i].phase);
        c[5].number = (double)rows[i].units;
        c[6].text = rows[i].supporters;
        c[7].text = rows[i].university;
        c[8].text = rows[i].county;
        c[9].text = rows[i].start_date;
        c[10].text = rows[i].planned_end;
    }
    return export_respond(req, &t, "arenden");
}

/* The phases as a row of steps, the current one marked. */
static void phase_steps(buf_t *o, case_phase_t current)
{
    html_raw(o, "<ol class=\"phases\" aria-label=\"Faser\">");
    for (int p = 0; p < PHASE_COUNT; p++) {
        html_raw(o, p < (int)current ? "<li class=\"done\">" : p == (int)current ? "<li class=\"current\" "
                                                                                 "aria-current=\"step\">" : "<li>");
        html_text(o, case_phase_label((case_phase_t)p));
        html_raw(o, "</li>");
    }
    html_raw(o, "</ol>\n");
}

static void people_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    case_person_t *p;
    size_t n = cases_people(req->db, c->id, &req->arena, &p);
    bool agency = req->viewer.role == ROLE_ADMIN || req->viewer.role == ROLE_ANALYST;
    bool may_contact = agency || req->viewer.role == ROLE_SUPPORTER || req->viewer.role == ROLE_ORGANISER;
    html_raw(o, "<h2 id=\"personer\">Personer</h2>\n");
    if (n) {
        html_raw(o, "<ul class=\"people\">");
        for (size_t i = 0; i < n; i++) {
            bool supporter = strcmp(p[i].role, "supporter") == 0;
            html_printf(o, "<li><strong>%s</strong> — %s%s%s", p[i].name, supporter ? "processtödjare" : "kontaktperson",
                        *p[i].email ? ", " : "", p[i].email);
            if (supporter ? agency : may_contact) {
                html_printf(o, " <form method=\"post\" action=\"/cases/%lld/people/%lld/remove\" class=\"inline\">",
                            (long long)c->id, (long long)p[i].id);
                widget_csrf(req);
                html_printf(o, "<button type=\"submit\" class=\"button secondary small\">Ta bort "
                               "<span class=\"visually-hidden\">%s</span></button></form>",
                            p[i].name);
            }
            html_raw(o, "</li>");
        }
        html_raw(o, "</ul>\n");
    } else {
        html_raw(o, "<p class=\"empty\">Inga personer är kopplade till ärendet än.</p>\n");
    }
    if (agency) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/supporters\" class=\"card form narrow\">",
                    (long long)c->id);
        widget_csrf(req);
        html_raw(o, "<div class=\"field\"><label for=\"f-user\">Tilldela processtödjare</label>");
        widget_field_error(req, "user");
        html_raw(o, "<select id=\"f-user\" name=\"user\"><option value=\"\">Välj</option>");
        db_stmt_t *st = db_prepare(req->db, "SELECT id, name FROM users WHERE role = 'supporter' AND active = 1"
                                            " ORDER BY name");
        while (db_step(st) == DB_ROW)
            html_printf(o, "<option value=\"%lld\">%s</option>", (long long)db_col_int(st, 0), db_col_text(st, 1));
        db_done(st);
        html_raw(o, "</select></div><button type=\"submit\" class=\"button\">Tilldela</button></form>\n");
    }
    if (may_contact) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/contacts\" class=\"card form narrow\">",
                    (long long)c->id);
        widget_csrf(req);
        widget_input(req, "name", "Kontaktperson hos huvudmannen", "text", req_param(req, "name"), NULL, "off");
        widget_input(req, "email", "E-postadress", "email", req_param(req, "email"), NULL, "off");
        html_raw(o, "<button type=\"submit\" class=\"button\">Lägg till kontaktperson</button></form>\n");
    }
}

static void university_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    html_raw(o, "<h2 id=\"larosate\">Lärosäte</h2>\n<dl class=\"facts\">");
    html_printf(o, "<dt>Lärosäte</dt><dd>%s</dd><dt>Teamledare</dt><dd>%s</dd><dt>Utbildningsledare</dt><dd>%s</dd></dl>\n",
                *c->university ? c->university : "Inget än", *c->team_leader ? c->team_leader : "–",
                *c->education_leaders ? c->education_leaders : "–");
    if (req->viewer.role != ROLE_ADMIN && req->viewer.role != ROLE_ANALYST && req->viewer.role != ROLE_SUPPORTER)
        return;
    html_printf(o, "<form method=\"post\" action=\"/cases/%lld/university\" class=\"card form narrow\">",
                (long long)c->id);
    widget_csrf(req);
    widget_input(req, "university", "Lärosäte", "text", req_has_param(req, "university") ? req_param(req, "university")
                                                                                        : c->university, NULL, "off");
    widget_input(req, "team_leader", "Teamledare", "text",
                 req_has_param(req, "team_leader") ? req_param(req, "team_leader") : c->team_leader, NULL, "off");
    widget_input(req, "education_leaders", "Utbildningsledare", "text",
                 req_has_param(req, "education_leaders") ? req_param(req, "education_leaders") : c->education_leaders,
                 "Namn med komma emellan.", "off");
    html_raw(o, "<button type=\"submit\" class=\"button\">Spara</button></form>\n");
}

static void move_section(request_t *req, const case_row_t *c)
{
    if (req->viewer.role != ROLE_ADMIN && req->viewer.role != ROLE_ANALYST && req->viewer.role != ROLE_SUPPORTER)
        return;
    buf_t *o = &req->body;
    case_facts_t f;
    cases_facts(req->db, c->id, &f);
    html_raw(o, "<h2 id=\"fas\">Flytta ärendet</h2>\n");
    if (c->phase + 1 < PHASE_COUNT) {
        char why[300];
        case_phase_t next = c->phase + 1;
        if (case_move_allowed(c->phase, next, &f, false, why, sizeof why))
            html_printf(o, "<p>Nästa steg: <strong>%s</strong>.</p>", case_phase_label(next));
        else
            html_printf(o, "<p class=\"notice\">Nästa steg är %s. %s</p>", case_phase_label(next), why);
    }
    html_printf(o, "<form method=\"post\" action=\"/cases/%lld/phase\" class=\"card form narrow\" novalidate>",
                (long long)c->id);
    widget_csrf(req);
    html_raw(o, "<div class=\"field\"><label for=\"f-phase\">Ny fas</label>");
    widget_field_error(req, "phase");
    html_raw(o, "<select id=\"f-phase\" name=\"phase\">");
    for (int p = 0; p < PHASE_COUNT; p++)
        if (p != (int)c->phase)
            html_printf(o, "<option value=\"%s\"%s>%s</option>", case_phase_key((case_phase_t)p),
                        p == (int)c->phase + 1 ? " selected" : "", case_phase_label((case_phase_t)p));
    html_raw(o, "</select></div>");
    widget_input(req, "note", "Anteckning", "text", req_param(req, "note"), "Krävs när ärendet flyttas tillbaka.", "off");
    html_raw(o, "<button type=\"submit\" class=\"button\">Flytta</button></form>\n");
}

static void agreements_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    agreement_t *g;
    size_t n = agreements_of_case(req->db, &req->viewer, c->id, &req->arena, &g);
    html_raw(o, "<h2 id=\"overenskommelser\">Överenskommelser</h2>\n");
    if (n) {
        html_raw(o, TABLE_OPEN("Överenskommelser") "<thead><tr><th scope=\"col\">Diarienummer</th>"
                    "<th scope=\"col\">Slag</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">"
                    "Version</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++) {
            html_printf(o, "<tr><td><a href=\"/agreements/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">",
                        (long long)g[i].id, g[i].registry_number, agreement_kind_label(g[i].kind),
                        agreement_state_label(g[i].state));
            html_int(o, g[i].version);
            html_raw(o, "</td></tr>");
        }
        html_raw(o, "</tbody>" TABLE_CLOSE);
    } else {
        html_raw(o, "<p class=\"empty\">Inga överenskommelser än.</p>\n");
    }
    if (req->viewer.role == ROLE_ADMIN || req->viewer.role == ROLE_ANALYST || req->viewer.role == ROLE_SUPPORTER) {
        html_raw(o, "<p class=\"actions\">");
        for (int k = 0; k < AGR_KIND_COUNT; k++)
            if (k != AGR_SUPPLEMENTARY)
                html_printf(o, "<a class=\"button secondary\" href=\"/cases/%lld/agreements/new?kind=%s\">Ny %s</a> ",
                            (long long)c->id, agreement_kind_keys[k], agreement_kind_label((agreement_kind_t)k));
        html_raw(o, "</p>\n");
    }
}

/* One line of the timeline: when (sortable text) and the line's markup-free text. */
typedef struct moment {
    const char *when, *text;
    bool strong;
} moment_t;

static int by_when(const void *x, const void *y)
{
    return strcmp(((const moment_t *)x)->when, ((const moment_t *)y)->when);
}

/* The case's history and plan in one list: the decision, every recorded event (phase
 * moves, agreements, people, reports), the meetings, the report dates, the planned end. */
static void timeline(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    case_event_t *e;
    size_t ne = cases_events(req->db, c->id, &req->arena, &e);
    analysis_group_t *g;
    size_t ng = meetings_groups(req->db, &req->viewer, c->id, &req->arena, &g);
    due_item_t *d;
    size_t nd = deadlines_for_case(req->db, c, "9999-12-31", &req->arena, &d);
    size_t cap = ne + nd + 2 + 64, n = 0;
    moment_t *m = arena_alloc(&req->arena, cap * sizeof *m);
    m[n++] = (moment_t){c->decision_date, arena_printf(&req->arena, "Urvalsbeslut (%s).", c->round_name), false};
    for (size_t i = 0; i < ne; i++) {
        buf_t when = BUF_INIT;
        fmt_datetime(&when, e[i].at);
        const char *text = strcmp(e[i].kind, "phase") == 0
                               ? arena_printf(&req->arena, "%s → %s, av %s%s%s",
                                              case_phase_label(case_phase_from_key(e[i].from_phase)),
                                              case_phase_label(case_phase_from_key(e[i].to_phase)), e[i].actor,
                                              *e[i].note ? ": " : ".", e[i].note)
                               : arena_printf(&req->arena, "%s (%s)", e[i].note, e[i].actor);
        m[n++] = (moment_t){arena_strdup(&req->arena, buf_cstr(&when)), text, strcmp(e[i].kind, "phase") == 0};
        buf_free(&when);
    }
    for (size_t k = 0; k <= ng; k++) {
        if (k == ng && req->viewer.role == ROLE_GROUP)
            break;
        meeting_t *mt;
        size_t nm = meetings_list(req->db, c->id, k < ng ? g[k].id : 0, &req->arena, &mt);
        for (size_t i = 0; i < nm; i++) {
            if (n == cap) {
                m = arena_realloc_array(&req->arena, m, n, cap * 2, sizeof *m);
                cap *= 2;
            }
            m[n++] = (moment_t){mt[i].starts_at,
                                arena_printf(&req->arena, "%s%s%s%s", meeting_kind_label(mt[i].kind),
                                             *mt[i].group_name ? ", " : "", mt[i].group_name,
                                             mt[i].held ? " (genomfört)" : ""), false};
        }
    }
    for (size_t i = 0; i < nd; i++) {
        if (n == cap) {
            m = arena_realloc_array(&req->arena, m, n, cap * 2, sizeof *m);
            cap *= 2;
        }
        if (strncmp(d[i].key, "interim:", 8) == 0 || strcmp(d[i].key, "final") == 0 || strcmp(d[i].key, "end") == 0)
            m[n++] = (moment_t){d[i].date, arena_printf(&req->arena, "%s%s", d[i].label, d[i].done ? " (inlämnad)" : ""),
                                false};
    }
    qsort(m, n, sizeof *m, by_when);
    html_raw(o, "<h2 id=\"tidslinje\">Tidslinje</h2>\n<ol class=\"timeline\">");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<li><time>%s</time> ", m[i].when);
        if (m[i].strong)
            html_raw(o, "<strong>");
        html_text(o, m[i].text);
        if (m[i].strong)
            html_raw(o, "</strong>");
        html_raw(o, "</li>");
    }
    html_raw(o, "</ol>\n");
}

static int case_view(request_t *req, case_row_t *c, int status)
{
    layout_begin(req, c->organiser);
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    phase_steps(o, c->phase);
    html_printf(o, "<dl class=\"facts\"><dt>Huvudman</dt><dd><a href=\"/organisers/%s\">%s</a></dd><dt>Omgång</dt>"
                   "<dd>%s</dd><dt>Fas</dt><dd>%s</dd><dt>Start</dt><dd>%s</dd><dt>Planerat slut</dt><dd>%s</dd>"
                   "<dt>Processtödjare</dt><dd>%s</dd></dl>\n",
                c->orgnr, c->organiser, c->round_name, case_phase_label(c->phase), c->start_date, c->planned_end,
                *c->supporters ? c->supporters : "Inga tilldelade än");
    case_unit_t *u;
    size_t n = cases_units(req->db, c->id, &req->arena, &u);
    html_raw(o, "<h2>Valda enheter</h2>\n");
    if (n) {
        html_raw(o, TABLE_OPEN("Valda enheter") "<thead><tr><th scope=\"col\">Enhet</th><th scope=\"col\">Skolformer</th>"
                    "<th scope=\"col\">Beslut</th></tr></thead><tbody>");
        for (size_t i = 0; i < n; i++)
            html_printf(o, "<tr><td><a href=\"/units/%s\">%s</a> <span class=\"muted\">%s</span></td><td>%s</td>"
                           "<td class=\"nowrap\">%s %s</td></tr>",
                        u[i].code, u[i].name, u[i].code, register_forms_label(&req->arena, u[i].school_forms),
                        strcmp(u[i].decision, "supplementary") == 0 ? "Tilläggsbeslut" : "Beslut", u[i].decision_date);
        html_raw(o, "</tbody></table></div>\n");
    } else {
        html_raw(o, "<p class=\"empty\">Inga enheter registrerade.</p>\n");
    }
    agreements_section(req, c);
    move_section(req, c);
    deadlines_case_section(req, c);
    meetings_case_section(req, c);
    people_section(req, c);
    university_section(req, c);
    timeline(req, c);
    layout_end(req);
    return respond_html(req, status);
}

static case_row_t *load(request_t *req)
{
    return cases_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
}

#define NOT_FOUND "Ärendet finns inte, eller så har du inte tillgång till det."

int cases_case_page(request_t *req)
{
    case_row_t *c = load(req);
    return c ? case_view(req, c, 200) : respond_error(req, 404, NOT_FOUND);
}

/* Runs a change; on success back to the case, on refusal the case with the message. */
static int after(request_t *req, case_row_t *c, bool ok, const char *field, const char *err, const char *anchor)
{
    if (ok)
        return respond_redirect(req, arena_printf(&req->arena, "/cases/%lld?klart=1#%s", (long long)c->id, anchor));
    req_add_error(req, field, err);
    return case_view(req, c, 422);
}

int cases_move_submit(request_t *req)
{
    case_row_t *c = load(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return case_view(req, c, 400);
    char *err = NULL;
    bool ok = cases_move(req->db, &req->viewer, c->id, req_param(req, "phase"), req_param(req, "note"), &req->arena, &err);
    return after(req, c, ok, "phase", err, "tidslinje");
}

int cases_supporter_submit(request_t *req)
{
    case_row_t *c = load(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return case_view(req, c, 400);
    char *err = NULL;
    bool ok = cases_assign_supporter(req->db, &req->viewer, c->id, req_param_int(req, "user", 0), &req->arena, &err);
    return after(req, c, ok, "user", err, "personer");
}

int cases_contact_submit(request_t *req)
{
    case_row_t *c = load(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return case_view(req, c, 400);
    char *err = NULL;
    bool ok = cases_add_contact(req->db, &req->viewer, c->id, req_param(req, "name"), req_param(req, "email"),
                                &req->arena, &err);
    return after(req, c, ok, "name", err, "personer");
}

int cases_remove_person_submit(request_t *req)
{
    case_row_t *c = load(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    char *err = NULL;
    bool ok = cases_remove_person(req->db, &req->viewer, c->id, req_param_int(req, "person", 0), &req->arena, &err);
    return after(req, c, ok, "user", err, "personer");
}

int cases_university_submit(request_t *req)
{
    case_row_t *c = load(req);
    if (!c)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return case_view(req, c, 400);
    char *err = NULL;
    bool ok = cases_set_university(req->db, &req->viewer, c->id, req_param(req, "university"),
                                   req_param(req, "team_leader"), req_param(req, "education_leaders"), &req->arena, &err);
    return after(req, c, ok, "university", err, "larosate");
}
