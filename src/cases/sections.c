/* sections.c — the case's own sections of its page: the selected units, the phase move
 * with the rule that decides it, the people on each side and the
 * timeline that merges every part's moments. */
#include "cases.h"
#include "../base/vec.h"
#include "../access/access.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include "../register/register.h"
#include <stdlib.h>
#include <string.h>

PLUGIN_SET(case_parts);

static void units_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    const case_unit_t *u;
    size_t n = cases_units_of(req, c, &u);
    html_lit(o, "<h2>Valda enheter</h2>\n");
    if (c->organiser_level_only) {
        html_printf(o, "<p>Samverkan på huvudmannanivå, utan valda enheter: analysen och åtgärdsplanen gäller "
                       "huvudmannen. Perioden slutar %s.</p>\n", c->planned_end);
        return;
    }
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga enheter registrerade.</p>\n");
        return;
    }
    html_lit(o, TABLE_OPEN("Valda enheter") "<thead><tr><th scope=\"col\">Enhet</th><th scope=\"col\">Skolformer</th>"
                "<th scope=\"col\">Beslut</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td><a href=\"/units/%s\">%s</a> <span class=\"muted\">%s</span></td><td>%s</td>"
                       "<td class=\"nowrap\">%s %s</td></tr>",
                    u[i].code, u[i].name, u[i].code, register_forms_label(&req->arena, u[i].school_forms),
                    strcmp(u[i].decision, "supplementary") == 0 ? "Tilläggsbeslut" : "Beslut", u[i].decision_date);
    html_lit(o, "</tbody></table></div>\n");
}

static void move_section(request_t *req, const case_row_t *c)
{
    if (!access_may(&req->viewer, CAP_CASE_MOVE))
        return;
    buf_t *o = &req->body;
    case_facts_t f;
    cases_facts(req->db, c, &f);
    html_lit(o, "<h2 id=\"fas\">Flytta ärendet</h2>\n");
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
    html_lit(o, "<div class=\"field\"><label for=\"f-phase\">Ny fas</label>");
    widget_field_error(req, "phase");
    html_lit(o, "<select id=\"f-phase\" name=\"phase\">");
    for (int p = 0; p < PHASE_COUNT; p++)
        if (p != (int)c->phase)
            html_printf(o, "<option value=\"%s\"%s>%s</option>", case_phase_key((case_phase_t)p),
                        p == (int)c->phase + 1 ? " selected" : "", case_phase_label((case_phase_t)p));
    html_lit(o, "</select></div>");
    widget_input(req, "note", "Anteckning", "text", req_param(req, "note"), "Krävs när ärendet flyttas tillbaka.", "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Flytta</button></form>\n");
}

/* The agency's decision on support, between the organiser's yes and ÖK1. */
static void support_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    html_lit(o, "<h2 id=\"stod\">Beslut om stöd</h2>\n");
    if (*c->support_date)
        html_printf(o, "<p>Skolverket beslutade om stöd %s%s%s.</p>\n", c->support_date,
                    *c->support_number ? ", dnr " : "", c->support_number);
    else
        html_lit(o, "<p class=\"empty\">Skolverket har inte registrerat sitt beslut om stöd än; ÖK1 tas fram efter "
                    "beslutet.</p>\n");
    if (!access_may(&req->viewer, CAP_CASE_DECIDE))
        return;
    html_printf(o, "<form method=\"post\" action=\"/cases/%lld/support\" class=\"card form narrow\" novalidate>",
                (long long)c->id);
    widget_csrf(req);
    bool posted = req_has_param(req, "registry_number");
    widget_input(req, "date", "Beslutsdatum", "date", posted ? req_param(req, "date") : c->support_date, NULL, "off");
    widget_input(req, "registry_number", "Diarienummer", "text",
                 posted ? req_param(req, "registry_number") : c->support_number, "Till exempel 2025:1234.", "off");
    html_printf(o, "<button type=\"submit\" class=\"button\">%s</button></form>\n",
                *c->support_date ? "Rätta beslutet" : "Registrera beslutet");
}

static void people_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    case_person_t *p;
    size_t n = cases_people(req->db, c, &req->arena, &p);
    bool staff = access_may(&req->viewer, CAP_CASE_STAFF);
    bool contacts = access_may(&req->viewer, CAP_CASE_CONTACTS);
    html_lit(o, "<h2 id=\"personer\">Personer</h2>\n");
    if (n) {
        html_lit(o, "<ul class=\"people\">");
        for (size_t i = 0; i < n; i++) {
            bool supporter = strcmp(p[i].role, "supporter") == 0;
            html_printf(o, "<li><strong>%s</strong> — %s%s%s", p[i].name, supporter ? "processtödjare" : "kontaktperson",
                        *p[i].email ? ", " : "", p[i].email);
            if (!supporter && contacts)
                html_printf(o, " <a href=\"/cases/%lld/people/%lld\" class=\"button secondary small\">Ändra"
                               "<span class=\"visually-hidden\"> %s</span></a>",
                            (long long)c->id, (long long)p[i].id, p[i].name);
            if (supporter ? staff : contacts) {
                html_printf(o, " <form method=\"post\" action=\"/cases/%lld/people/%lld/remove\" class=\"inline\">",
                            (long long)c->id, (long long)p[i].id);
                widget_csrf(req);
                html_printf(o, "<button type=\"submit\" class=\"button secondary small\">Ta bort "
                               "<span class=\"visually-hidden\">%s</span></button></form>",
                            p[i].name);
            }
            html_lit(o, "</li>");
        }
        html_lit(o, "</ul>\n");
    } else {
        html_lit(o, "<p class=\"empty\">Inga personer är kopplade till ärendet än.</p>\n");
    }
    if (staff) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/supporters\" class=\"card form narrow\">",
                    (long long)c->id);
        widget_csrf(req);
        html_lit(o, "<div class=\"field\"><label for=\"f-user\">Tilldela processtödjare</label>");
        widget_field_error(req, "user");
        html_lit(o, "<select id=\"f-user\" name=\"user\"><option value=\"\">Välj</option>");
        case_choice_t *s;
        size_t ns = cases_assignable_supporters(req->db, &req->arena, &s);
        for (size_t i = 0; i < ns; i++)
            html_printf(o, "<option value=\"%s\">%s</option>", s[i].value, s[i].label);
        html_lit(o, "</select></div><button type=\"submit\" class=\"button\">Tilldela</button></form>\n");
    }
    if (contacts) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/contacts\" class=\"card form narrow\">",
                    (long long)c->id);
        widget_csrf(req);
        widget_input(req, "name", "Kontaktperson hos huvudmannen", "text", req_param(req, "name"), NULL, "off");
        widget_input(req, "email", "E-postadress", "email", req_param(req, "email"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till kontaktperson</button></form>\n");
    }
}

void case_timeline_add(case_timeline_t *t, const char *when, const char *text, bool strong)
{
    *ARENA_PUSH(t->arena, t->items, t->n, t->cap) = (case_moment_t){when, text, strong};
}

static int by_when(const void *x, const void *y)
{
    return strcmp(((const case_moment_t *)x)->when, ((const case_moment_t *)y)->when);
}

/* The case's own moments: the decision and every recorded event (phase moves, people,
 * agreements, reports). */
static void own_moments(request_t *req, const case_row_t *c, case_timeline_t *t)
{
    case_timeline_add(t, c->decision_date, arena_printf(&req->arena, "Urvalsbeslut (%s).", c->round_name), false);
    case_event_t *e;
    size_t ne = cases_events(req->db, c, &req->arena, &e);
    for (size_t i = 0; i < ne; i++) {
        buf_t when = BUF_INIT;
        fmt_datetime(&when, e[i].at);
        bool phase = strcmp(e[i].kind, "phase") == 0;
        const char *text = phase ? arena_printf(&req->arena, "%s → %s, av %s%s%s",
                                                case_phase_label(case_phase_from_key(e[i].from_phase)),
                                                case_phase_label(case_phase_from_key(e[i].to_phase)), e[i].actor,
                                                *e[i].note ? ": " : ".", e[i].note)
                                 : arena_printf(&req->arena, "%s (%s)", e[i].note, e[i].actor);
        case_timeline_add(t, arena_strdup(&req->arena, buf_cstr(&when)), text, phase);
        buf_free(&when);
    }
}

/* The history and plan in one list: every part's moments, sorted by when. */
static void timeline_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    case_timeline_t t = {.arena = &req->arena};
    for (size_t idx = 0; idx < PLUGIN_COUNT(case_parts); idx++) {
        const case_part_t *part = PLUGIN_AT(case_parts, idx);
        if (part->timeline)
            part->timeline(req, c, &t);
    }
    if (t.n)
        qsort(t.items, t.n, sizeof *t.items, by_when);
    html_lit(o, "<h2 id=\"tidslinje\">Tidslinje</h2>\n<ol class=\"timeline\">");
    for (size_t i = 0; i < t.n; i++) {
        html_printf(o, "<li><time>%s</time> ", t.items[i].when);
        if (t.items[i].strong)
            html_printf(o, "<strong>%s</strong>", t.items[i].text);
        else
            html_text(o, t.items[i].text);
        html_lit(o, "</li>");
    }
    html_lit(o, "</ol>\n");
}

static const case_part_t units_part = {.order = 10, .section = units_section};
static const case_part_t move_part = {.order = 30, .section = move_section};
static const case_part_t support_part = {.order = 15, .section = support_section};
static const case_part_t people_part = {.order = 60, .section = people_section};
static const case_part_t timeline_part = {.order = 90, .section = timeline_section, .timeline = own_moments};
CASE_PART(units_part);
CASE_PART(move_part);
CASE_PART(support_part);
CASE_PART(people_part);
CASE_PART(timeline_part);
