/* pages.c — analysis groups and meetings on the case page, a group's page
 * (members, meetings, planning a series), a meeting's page (agenda with the actions
 * carried over, attendance, notes, new actions), the meeting log as CSV/XLSX and JSON. */
#include "parts.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include "../followup/followup.h"
#include <stdint.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool can_write(const request_t *req)
{
    return access_may(&req->viewer, CAP_MEETING_WRITE);
}

static void meeting_rows(request_t *req, const meeting_t *m, size_t n)
{
    buf_t *o = &req->body;
    if (!n) {
        html_lit(o, "<p class=\"empty\">Inga möten planerade.</p>\n");
        return;
    }
    html_lit(o, TABLE_OPEN("Möten") "<thead><tr><th scope=\"col\">Tid</th><th scope=\"col\">Slag</th>"
                "<th scope=\"col\">Plats</th><th scope=\"col\">Genomfört</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td class=\"nowrap\"><a href=\"/meetings/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    (long long)m[i].id, m[i].starts_at, meeting_label(m[i].kind, m[i].purpose), m[i].place,
                    m[i].held ? "Ja" : "–");
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

/* A quality meeting's agenda: the latest reports (on the case's due list) and where the
 * case's indicators stand, those off target first. */
static void quality_agenda(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    html_printf(o, "<h2>Underlag</h2><p>Den senaste delredovisningen finns bland <a href=\"/cases/%lld#datum\">ärendets "
                   "datum</a>; indikatorernas läge:</p>", (long long)c->id);
    indicator_state_t *s;
    size_t n = followup_states(req->db, &req->viewer, c, false, SIZE_MAX, &req->arena, &s);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Ärendet har inga indikatorer än.</p>");
        return;
    }
    html_lit(o, "<ul>");
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if ((s[i].status == IND_OFF) == (pass == 0))
                html_printf(o, "<li><a href=\"/indicators/%lld\">%s</a>: %s</li>", (long long)s[i].id, s[i].measure,
                            indicator_status_label(s[i].status));
    html_lit(o, "</ul>");
}

static void series_form(request_t *req, const char *action, bool choose_kind)
{
    buf_t *o = &req->body;
    html_printf(o, "<form method=\"post\" action=\"%s\" class=\"card form\" novalidate><h3>Planera en mötesserie</h3>",
                action);
    widget_csrf(req);
    if (choose_kind) {
        html_lit(o, "<div class=\"field\"><label for=\"f-kind\">Slag</label><select id=\"f-kind\" name=\"kind\">"
                    "<option value=\"visit\">Lärosätets besök</option>");
        if (!access_may(&req->viewer, CAP_MEETING_VISITS_ONLY))
            html_lit(o, "<option value=\"quality\">Kvalitetsmöte (Skolverket, huvudman och lärosäte)</option>");
        html_lit(o, "</select></div><div class=\"field\"><label for=\"f-purpose\">Besökets syfte</label>"
                    "<select id=\"f-purpose\" name=\"purpose\"><option value=\"\">Besök i verksamheten</option>"
                    "<option value=\"inception\">Uppstartsmöte, huvudman och lärosäte</option>"
                    "<option value=\"talk\">Samtal, teamledare och processtöd</option></select></div>");
    }
    widget_input(req, "first", "Första mötet", "date", req_param(req, "first"), NULL, "off");
    widget_input(req, "time", "Klockan", "time", req_param(req, "time")[0] ? req_param(req, "time") : "09:00", NULL, "off");
    widget_input(req, "count", "Antal möten", "number", req_param(req, "count")[0] ? req_param(req, "count") : "6", NULL,
                 "off");
    widget_input(req, "interval", "Dagar mellan mötena", "number",
                 req_param(req, "interval")[0] ? req_param(req, "interval") : (choose_kind ? "30" : "21"),
                 "Analysgrupperna träffas ungefär var tredje vecka; lärosätet ungefär en dag i månaden. Ett möte som "
                 "hamnar på en helg flyttas till måndagen.", "off");
    widget_input(req, "minutes", "Längd i minuter", "number",
                 req_param(req, "minutes")[0] ? req_param(req, "minutes") : (choose_kind ? "420" : "180"), NULL, "off");
    widget_input(req, "place", "Plats eller länk", "text", req_param(req, "place"), NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Planera</button></form>\n");
}

void meetings_case_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    analysis_group_t *g;
    size_t n = meetings_groups(req->db, &req->viewer, c, &req->arena, &g);
    html_lit(o, "<h2 id=\"grupper\">Analysgrupper och möten</h2>\n");
    if (n) {
        html_lit(o, "<ul class=\"links\">");
        for (size_t i = 0; i < n; i++) {
            html_printf(o, "<li><a href=\"/groups/%lld\">%s</a> <span class=\"muted\">(", (long long)g[i].id, g[i].name);
            html_int(o, g[i].members);
            html_lit(o, " medlemmar)</span></li>");
        }
        html_lit(o, "</ul>\n");
    } else {
        html_lit(o, "<p class=\"empty\">Inga analysgrupper än.</p>\n");
    }
    if (can_write(req)) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/groups\" class=\"card form narrow\">", (long long)c->id);
        widget_csrf(req);
        html_lit(o, "<div class=\"field\"><label for=\"f-group\">Ny analysgrupp</label><select id=\"f-group\" name=\"unit\">"
                    "<option value=\"0\">På förvaltningsnivå</option>");
        const case_unit_t *u;
        size_t nu = cases_units_of(req, c, &u);
        for (size_t i = 0; i < nu; i++)
            html_printf(o, "<option value=\"%lld\">%s</option>", (long long)u[i].unit_id, u[i].name);
        html_lit(o, "</select></div><button type=\"submit\" class=\"button\">Bilda gruppen</button></form>\n");
    }
    if (!access_may(&req->viewer, CAP_MEETING_CASE_LEVEL))
        return;
    meeting_t *m;
    size_t nm = meetings_list(req->db, c, 0, &req->arena, &m);
    html_lit(o, "<h3>Lärosätets besök och kvalitetsmöten</h3>\n");
    meeting_rows(req, m, nm);
    if (access_may(&req->viewer, CAP_MEETING_RECORD))
        series_form(req, arena_printf(&req->arena, "/cases/%lld/meetings", (long long)c->id), true);
    html_printf(o, "<p class=\"exports\">Möteslogg: <a href=\"/cases/%lld/meetings.csv\">CSV</a> · "
                   "<a href=\"/cases/%lld/meetings.xlsx\">Excel</a></p>\n",
                (long long)c->id, (long long)c->id);
}

static int meetings_group_create_submit(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    int64_t unit = req_param_int(req, "unit", 0);
    char *err = NULL;
    int64_t id = meetings_create_group(req->db, &req->viewer, c, unit ? "unit" : "administration", unit, &req->arena,
                                       &err);
    if (!id)
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/groups/%lld", (long long)id));
}

static int group_view(request_t *req, int status)
{
    case_row_t *c;
    analysis_group_t *g = meetings_group(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!g)
        return respond_error(req, 404, "Gruppen finns inte, eller så har du inte tillgång till den.");
    layout_begin(req, g->name);
    buf_t *o = &req->body;
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld\">%s</a> · %s</p>\n", (long long)c->id, c->organiser, c->round_name);
    group_member_t *mem;
    size_t n = meetings_members(req->db, g->id, &req->arena, &mem);
    html_lit(o, "<h2>Medlemmar</h2><ul class=\"people\">");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li>%s%s%s%s</li>", mem[i].name, *mem[i].email ? ", " : "", mem[i].email,
                    strcmp(mem[i].role, "supporter") == 0 ? " (processtödjare)" : "");
    html_lit(o, "</ul>\n");
    if (can_write(req)) {
        html_printf(o, "<form method=\"post\" action=\"/groups/%lld/members\" class=\"card form narrow\">",
                    (long long)g->id);
        widget_csrf(req);
        widget_input(req, "name", "Ny medlem", "text", req_param(req, "name"), "Lärare, förstelärare eller tjänsteperson.",
                     "off");
        widget_input(req, "email", "E-postadress", "email", req_param(req, "email"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till</button></form>\n");
    }
    meeting_t *m;
    size_t nm = meetings_list(req->db, c, g->id, &req->arena, &m);
    html_lit(o, "<h2>Möten</h2>\n");
    meeting_rows(req, m, nm);
    if (can_write(req))
        series_form(req, arena_printf(&req->arena, "/groups/%lld/meetings", (long long)g->id), false);
    layout_end(req);
    return respond_html(req, status);
}

static int meetings_group_page(request_t *req)
{
    return group_view(req, 200);
}

static int meetings_member_submit(request_t *req)
{
    analysis_group_t *g = meetings_group(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, NULL);
    if (!g)
        return respond_error(req, 404, "Gruppen finns inte, eller så har du inte tillgång till den.");
    if (req->nerrors)
        return group_view(req, 400);
    char *err = NULL;
    int64_t id = g->id;
    if (!meetings_add_member(req->db, &req->viewer, g, 0, req_param(req, "name"), req_param(req, "email"), &req->arena,
                             &err)) {
        req_add_error(req, "name", err);
        return group_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/groups/%lld", (long long)id));
}

static int meetings_series_submit(request_t *req)
{
    /* The same handler for a group's series (/groups/{id}/meetings) and the case's
     * visits and quality meetings (/cases/{id}/meetings). */
    bool group = strncmp(req->path, "/groups/", 8) == 0;
    int64_t id = req_param_int(req, "id", 0), group_id = 0;
    case_row_t *c = NULL;
    if (group) {
        analysis_group_t *g = meetings_group(req->db, &req->viewer, id, &req->arena, &c);
        if (!g)
            return respond_error(req, 404, "Gruppen finns inte.");
        group_id = g->id;
    } else if (!(c = cases_from_request(req))) {
        return respond_error(req, 404, CASES_NOT_FOUND);
    }
    if (req->nerrors)
        return group ? group_view(req, 400) : respond_error(req, 400, req->errors[0].message);
    char *err = NULL;
    int n = meetings_plan_series(req->db, &req->viewer, c, group_id, group ? "analysis" : req_param(req, "kind"),
                                 req_param(req, "purpose"), req_param(req, "first"), req_param(req, "time"), (int)req_param_int(req, "count", 0),
                                 (int)req_param_int(req, "interval", 0), (int)req_param_int(req, "minutes", 0),
                                 req_param(req, "place"), &req->arena, &err);
    if (!n) {
        if (!group)
            return respond_error(req, 422, err);
        req_add_error(req, "first", err);
        return group_view(req, 422);
    }
    return respond_redirect(req, group ? arena_printf(&req->arena, "/groups/%lld", (long long)id)
                                       : arena_printf(&req->arena, "/cases/%lld#grupper", (long long)id));
}

/* "3,7,12" into ids (at most max). */
static size_t id_list(request_t *req, const char *name, int64_t *out, size_t max)
{
    size_t n = 0;
    char *list = arena_strdup(&req->arena, req_param(req, name)), *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t && n < max; t = strtok_r(NULL, ",", &save))
        out[n++] = strtoll(t, NULL, 10);
    return n;
}

static bool in_list(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

/* Who may be marked present at a meeting: a group's members, or a case-level meeting's
 * participants (with their party). */
typedef struct attendee {
    int64_t id;
    const char *name, *party;
    bool present;
} attendee_t;

static size_t attendees_of(request_t *req, const meeting_t *m, attendee_t **out)
{
    size_t n;
    if (m->group_id) {
        group_member_t *mem;
        int64_t *here;
        n = meetings_members(req->db, m->group_id, &req->arena, &mem);
        size_t nhere = meetings_attendance(req->db, m->id, &req->arena, &here);
        *out = arena_alloc(&req->arena, (n ? n : 1) * sizeof **out);
        for (size_t i = 0; i < n; i++)
            (*out)[i] = (attendee_t){mem[i].id, mem[i].name, "", in_list(here, nhere, mem[i].id)};
    } else {
        meeting_participant_t *p;
        n = meetings_participants(req->db, m->id, &req->arena, &p);
        *out = arena_alloc(&req->arena, (n ? n : 1) * sizeof **out);
        for (size_t i = 0; i < n; i++)
            (*out)[i] = (attendee_t){p[i].id, p[i].name, p[i].party, p[i].present};
    }
    return n;
}

/* The names of those present, one a line: as saved (sent NULL) or as sent. */
static const char *names_of(request_t *req, const attendee_t *at, size_t nat, const int64_t *sent, size_t nsent)
{
    buf_t b = BUF_INIT;
    for (size_t i = 0; i < nat; i++)
        if (sent ? in_list(sent, nsent, at[i].id) : at[i].present)
            buf_printf(&b, "%s\n", at[i].name);
    const char *s = arena_strdup(&req->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* Attendance: a checkbox a person for those who keep the record, else who came; a
 * case-level meeting's participants under their party, with a line to add a guest. */
static void attendance_section(request_t *req, const meeting_t *m, const attendee_t *at, size_t nat, bool write,
                               bool posted, const int64_t *sent, size_t nsent)
{
    buf_t *o = &req->body;
    html_lit(o, "<h2>Närvaro</h2>");
    if (!nat)
        html_lit(o, "<p class=\"empty\">Inga deltagare ännu.</p>");
    const char *party = NULL;
    for (size_t i = 0; i < nat; i++) {
        if (*at[i].party && (!party || strcmp(party, at[i].party) != 0)) {
            party = at[i].party;
            html_printf(o, "<h3>%s</h3>", meeting_party_label(party));
        }
        if (write)
            html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"present\" value=\"%lld\"%s> %s</label>",
                        (long long)at[i].id, (posted ? in_list(sent, nsent, at[i].id) : at[i].present) ? " checked" : "",
                        at[i].name);
        else
            html_printf(o, "<p>%s: %s</p>", at[i].name, m->held ? (at[i].present ? "närvarande" : "frånvarande") : "–");
    }
    if (write && !m->group_id) {
        html_lit(o, "<fieldset class=\"inline\"><legend>Ytterligare deltagare (närvarande)</legend>");
        widget_input(req, "guest_name", "Namn", "text", posted ? req_param(req, "guest_name") : "", NULL, "off");
        html_lit(o, "<div class=\"field\"><label for=\"f-guest_party\">Part</label><select id=\"f-guest_party\" "
                    "name=\"guest_party\">");
        for (int k = 0; meeting_party_keys[k]; k++)
            html_printf(o, "<option value=\"%s\"%s>%s</option>", meeting_party_keys[k],
                        posted && strcmp(req_param(req, "guest_party"), meeting_party_keys[k]) == 0 ? " selected" : "",
                        meeting_party_label(meeting_party_keys[k]));
        html_lit(o, "</select></div></fieldset>");
    }
}

/* The meeting, with its record form for those who keep it. After a post the form shows
 * what was sent; after a save that crossed another (stale) it says so, shows the
 * difference, and is based on the version saved now. */
static int meeting_view(request_t *req, int status, bool stale)
{
    case_row_t *c;
    meeting_t *m = meetings_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!m)
        return respond_error(req, 404, "Mötet finns inte, eller så har du inte tillgång till det.");
    layout_begin(req, arena_printf(&req->arena, "%s %s", meeting_label(m->kind, m->purpose), m->starts_at));
    buf_t *o = &req->body;
    bool posted = req_has_param(req, "version");
    int64_t sent_present[MEETING_MAX_PEOPLE], sent_done[MEETING_MAX_PEOPLE];
    size_t nsent_present = posted ? id_list(req, "present", sent_present, MEETING_MAX_PEOPLE) : 0;
    size_t nsent_done = posted ? id_list(req, "done", sent_done, MEETING_MAX_PEOPLE) : 0;
    attendee_t *at;
    size_t nat = attendees_of(req, m, &at);
    if (stale) {
        stale_field_t f[] = {
            {"Anteckningar", m->notes, req_param(req, "notes")},
            {"Närvarande", names_of(req, at, nat, NULL, 0), names_of(req, at, nat, sent_present, nsent_present)},
        };
        widget_stale(req, m->saved_by, m->saved_at, f, 2);
    }
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld\">%s</a>%s%s</p>", (long long)c->id, c->organiser, *m->group_name ? " · " : "",
                m->group_name);
    html_printf(o, "<dl class=\"facts\"><dt>Tid</dt><dd>%s, %d minuter</dd><dt>Plats</dt><dd>%s</dd></dl>\n",
                m->starts_at, m->minutes, *m->place ? m->place : "–");
    /* The university writes the record of its own visits; the writers every meeting. */
    bool write = access_may(&req->viewer, CAP_MEETING_VISITS_ONLY)
                     ? access_may(&req->viewer, CAP_MEETING_RECORD) && !m->group_id && strcmp(m->kind, "visit") == 0
                     : can_write(req);
    if (strcmp(m->kind, "quality") == 0)
        quality_agenda(req, c);
    meeting_action_t *open;
    size_t nopen = meetings_open_actions(req->db, m, &req->arena, &open);
    if (write) {
        html_printf(o, "<form method=\"post\" action=\"/meetings/%lld\" class=\"card form\">", (long long)m->id);
        widget_csrf(req);
        html_printf(o, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
                    posted && !stale ? req_param_int(req, "version", m->version) : (long long)m->version);
    }
    html_lit(o, "<h2>Dagordning: åtgärder från tidigare möten</h2>");
    if (!nopen)
        html_lit(o, "<p class=\"empty\">Inga öppna åtgärder.</p>");
    for (size_t i = 0; i < nopen; i++) {
        bool checked = posted ? in_list(sent_done, nsent_done, open[i].id) : open[i].done;
        if (write)
            html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"done\" value=\"%lld\"%s> ",
                        (long long)open[i].id, checked ? " checked" : "");
        else
            html_lit(o, "<p>");
        html_printf(o, "%s — %s%s%s (från mötet %s)", open[i].text, open[i].owner, *open[i].due_date ? ", senast " : "",
                    open[i].due_date, open[i].raised_at);
        if (write)
            html_lit(o, "</label>");
        else
            html_lit(o, "</p>");
    }
    attendance_section(req, m, at, nat, write, posted, sent_present, nsent_present);
    html_lit(o, "<h2>Anteckningar</h2>");
    if (write) {
        html_printf(o, "<div class=\"field\"><label for=\"f-notes\">Anteckningar</label><textarea id=\"f-notes\" name=\"notes\" "
                       "rows=\"8\">%s</textarea></div><button type=\"submit\" class=\"button\">Spara mötet</button></form>\n",
                    posted ? req_param(req, "notes") : m->notes);
    } else {
        html_printf(o, "<p class=\"prose\">%s</p>", *m->notes ? m->notes : "–");
    }
    meeting_action_t *raised;
    size_t nr = meetings_actions_raised(req->db, m->id, &req->arena, &raised);
    html_lit(o, "<h2>Beslut och åtgärder från mötet</h2>");
    if (!nr)
        html_lit(o, "<p class=\"empty\">Inga åtgärder beslutade.</p>");
    else {
        html_lit(o, "<ul>");
        for (size_t i = 0; i < nr; i++)
            html_printf(o, "<li>%s — %s%s%s%s</li>", raised[i].text, raised[i].owner, *raised[i].due_date ? ", senast " : "",
                        raised[i].due_date, raised[i].done ? " (klar)" : "");
        html_lit(o, "</ul>");
    }
    if (write && can_write(req)) {
        html_printf(o, "<form method=\"post\" action=\"/meetings/%lld/actions\" class=\"card form narrow\" novalidate>",
                    (long long)m->id);
        widget_csrf(req);
        widget_input(req, "text", "Ny åtgärd", "text", req_param(req, "text"), NULL, "off");
        widget_input(req, "owner", "Ansvarig", "text", req_param(req, "owner"), NULL, "off");
        widget_input(req, "due", "Klart senast", "date", req_param(req, "due"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till åtgärden</button></form>\n");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int meetings_meeting_page(request_t *req)
{
    return meeting_view(req, 200, false);
}

static int meetings_record_submit(request_t *req)
{
    int64_t id = req_param_int(req, "id", 0);
    meeting_t *m = meetings_get(req->db, &req->viewer, id, &req->arena, NULL);
    if (!m)
        return respond_error(req, 404, "Mötet finns inte, eller så har du inte tillgång till det.");
    if (req->nerrors)
        return meeting_view(req, 400, false);
    int64_t present[MEETING_MAX_PEOPLE], done[MEETING_MAX_PEOPLE];
    size_t np = id_list(req, "present", present, MEETING_MAX_PEOPLE), nd = id_list(req, "done", done, MEETING_MAX_PEOPLE);
    meeting_guest_t guest = {req_param(req, "guest_name"), req_param(req, "guest_party")};
    char *err = NULL;
    switch (meetings_record(req->db, &req->viewer, m, (int)req_param_int(req, "version", 0), present, np,
                            req_param(req, "notes"), done, nd, &guest, &req->arena, &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/meetings/%lld?klart=1", (long long)id));
    case WRITE_STALE:
        return meeting_view(req, 409, true);
    default:
        return respond_error(req, 409, err);
    }
}

static int meetings_action_submit(request_t *req)
{
    int64_t id = req_param_int(req, "id", 0);
    meeting_t *m = meetings_get(req->db, &req->viewer, id, &req->arena, NULL);
    if (!m)
        return respond_error(req, 404, "Mötet finns inte, eller så har du inte tillgång till det.");
    if (req->nerrors)
        return meeting_view(req, 400, false);
    char *err = NULL;
    if (!meetings_add_action(req->db, &req->viewer, m, req_param(req, "text"), req_param(req, "owner"),
                             req_param(req, "due"), &req->arena, &err))
        return respond_error(req, 409, err);
    return respond_redirect(req, arena_printf(&req->arena, "/meetings/%lld?klart=1", (long long)id));
}

static int meetings_log_export(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    meeting_t *m;
    size_t n = meetings_of_case(req->db, &req->viewer, c, &req->arena, &m);
    meeting_action_t *x;
    size_t nx = meetings_actions_of_case(req->db, c, &req->arena, &x);
    meeting_participant_row_t *p;
    size_t np = meetings_participants_of_case(req->db, c, &req->arena, &p);
    static const char *headers[] = {"Tid", "Slag", "Grupp", "Plats", "Minuter", "Genomfört", "Anteckningar",
                                    "Åtgärder", "Närvarande"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_INT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Möteslogg", 9, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        buf_t acts = BUF_INIT, here = BUF_INIT;
        for (size_t k = 0; k < nx; k++)
            if (x[k].meeting_id == m[i].id)
                buf_printf(&acts, "%s%s (%s)", acts.len ? "; " : "", x[k].text, x[k].owner);
        for (size_t k = 0; k < np; k++)
            if (p[k].meeting_id == m[i].id && p[k].p.present)
                buf_printf(&here, "%s%s (%s)", here.len ? "; " : "", p[k].p.name, meeting_party_label(p[k].p.party));
        export_cell_t *cell = export_add_row(&t);
        cell[0].text = m[i].starts_at;
        cell[1].text = meeting_label(m[i].kind, m[i].purpose);
        cell[2].text = m[i].group_name;
        cell[3].text = m[i].place;
        export_number(&cell[4], m[i].minutes);
        cell[5].text = m[i].held ? "Ja" : "Nej";
        cell[6].text = m[i].notes;
        cell[7].text = arena_strdup(&req->arena, buf_cstr(&acts));
        cell[8].text = arena_strdup(&req->arena, buf_cstr(&here));
        buf_free(&acts);
        buf_free(&here);
    }
    return export_respond(req, &t, arena_printf(&req->arena, "moteslogg-%s", c->orgnr));
}


/* The case's meetings in its timeline: each group's the viewer may see and, for those
 * who see them, the visits and quality meetings. */
void meetings_timeline(request_t *req, const case_row_t *c, case_timeline_t *t)
{
    meeting_t *m;
    size_t n = meetings_of_case(req->db, &req->viewer, c, &req->arena, &m);
    for (size_t i = 0; i < n; i++)
        case_timeline_add(t, m[i].starts_at,
                          arena_printf(&req->arena, "%s%s%s%s", meeting_label(m[i].kind, m[i].purpose),
                                       *m[i].group_name ? ", " : "", m[i].group_name, m[i].held ? " (genomfört)" : ""),
                          false);
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_meeting[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_group_new[] = {PARAM_ID, {"unit", P_INT, 0, "Enhet", 0, 1000000000, NULL}, PARAM_END};
static const param_spec_t p_member[] = {PARAM_ID, {"name", P_TEXT, PARAM_REQUIRED, "Ny medlem", 0, 200, NULL},
                                        {"email", P_EMAIL, 0, "E-postadress", 0, 254, NULL}, PARAM_END};
#define SERIES_FIELDS \
    {"first", P_DATE, PARAM_REQUIRED, "Första mötet", 0, 0, NULL}, \
    {"time", P_TIME, PARAM_REQUIRED, "Klockan", 0, 0, NULL}, \
    {"count", P_INT, PARAM_REQUIRED, "Antal möten", 1, 60, NULL}, \
    {"interval", P_INT, PARAM_REQUIRED, "Dagar mellan mötena", 1, 365, NULL}, \
    {"minutes", P_INT, PARAM_REQUIRED, "Längd i minuter", 15, 720, NULL}, \
    {"place", P_TEXT, 0, "Plats eller länk", 0, 300, NULL}
/* A group's meetings are analysis meetings; the case's own are visits or quality meetings. */
static const char *const case_meeting_kinds[] = {"visit", "quality", NULL};
static const param_spec_t p_group_series[] = {PARAM_ID, SERIES_FIELDS, PARAM_END};
static const param_spec_t p_case_series[] = {PARAM_ID, {"kind", P_CHOICE, PARAM_REQUIRED, "Slag av möte", 0, 0,
                                                        case_meeting_kinds},
                                             {"purpose", P_CHOICE, 0, "Besökets syfte", 0, 0, meeting_purpose_keys},
                                             SERIES_FIELDS, PARAM_END};
static const param_spec_t p_record[] = {PARAM_ID, PARAM_VERSION,
                                        {"present", P_INT, PARAM_MULTI, "Närvaro", 1, 1000000000, NULL},
                                        {"done", P_INT, PARAM_MULTI, "Klara åtgärder", 1, 1000000000, NULL},
                                        {"notes", P_MULTILINE, 0, "Anteckningar", 0, 50000, NULL},
                                        {"guest_name", P_TEXT, 0, "Namn", 0, 200, NULL},
                                        {"guest_party", P_CHOICE, 0, "Part", 0, 0, meeting_party_keys},
                                        PARAM_END};
static const param_spec_t p_action[] = {PARAM_ID, {"text", P_TEXT, PARAM_REQUIRED, "Ny åtgärd", 0, 500, NULL},
                                        {"owner", P_TEXT, PARAM_REQUIRED, "Ansvarig", 0, 200, NULL},
                                        {"due", P_DATE, 0, "Klart senast", 0, 0, NULL}, PARAM_END};

const route_t meetings_page_routes[] = {
    {"POST", "/cases/{id}/groups", meetings_group_create_submit, CAP_MEETING_WRITE, ROUTE_FORM, p_group_new},
    {"POST", "/cases/{id}/meetings", meetings_series_submit, CAP_MEETING_RECORD, ROUTE_FORM, p_case_series},
    {"GET", "/cases/{id}/meetings.csv", meetings_log_export, CAP_CASE_PAGE, 0, p_id},
    {"GET", "/cases/{id}/meetings.xlsx", meetings_log_export, CAP_CASE_PAGE, 0, p_id},
    {"GET", "/groups/{id}", meetings_group_page, CAP_CASE_READ, 0, p_id},
    {"POST", "/groups/{id}/members", meetings_member_submit, CAP_MEETING_WRITE, ROUTE_FORM, p_member},
    {"POST", "/groups/{id}/meetings", meetings_series_submit, CAP_MEETING_WRITE, ROUTE_FORM, p_group_series},
    {"GET", "/meetings/{id}", meetings_meeting_page, CAP_CASE_READ, 0, p_meeting},
    {"POST", "/meetings/{id}", meetings_record_submit, CAP_MEETING_RECORD, ROUTE_FORM, p_record},
    {"POST", "/meetings/{id}/actions", meetings_action_submit, CAP_MEETING_WRITE, ROUTE_FORM, p_action},
    {NULL, NULL, NULL, 0, 0, NULL},
};
