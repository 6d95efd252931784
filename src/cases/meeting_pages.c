/* meeting_pages.c — analysis groups and meetings on the case page, a group's page
 * (members, meetings, planning a series), a meeting's page (agenda with the actions
 * carried over, attendance, notes, new actions), the meeting log as CSV/XLSX and JSON. */
#include "meetings.h"
#include "../html/export_response.h"
#include "../html/layout.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool can_write(const request_t *req)
{
    role_t r = req->viewer.role;
    return r == ROLE_ADMIN || r == ROLE_ANALYST || r == ROLE_SUPPORTER || r == ROLE_ORGANISER || r == ROLE_HEAD;
}

static void meeting_rows(request_t *req, const meeting_t *m, size_t n)
{
    buf_t *o = &req->body;
    if (!n) {
        html_raw(o, "<p class=\"empty\">Inga möten planerade.</p>\n");
        return;
    }
    html_raw(o, TABLE_OPEN("Möten") "<thead><tr><th scope=\"col\">Tid</th><th scope=\"col\">Slag</th>"
                "<th scope=\"col\">Plats</th><th scope=\"col\">Genomfört</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td class=\"nowrap\"><a href=\"/meetings/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    (long long)m[i].id, m[i].starts_at, meeting_kind_label(m[i].kind), m[i].place,
                    m[i].held ? "Ja" : "–");
    html_raw(o, "</tbody>" TABLE_CLOSE);
}

static void series_form(request_t *req, const char *action, bool choose_kind)
{
    buf_t *o = &req->body;
    html_printf(o, "<form method=\"post\" action=\"%s\" class=\"card form\" novalidate><h3>Planera en mötesserie</h3>",
                action);
    widget_csrf(req);
    if (choose_kind)
        html_raw(o, "<div class=\"field\"><label for=\"f-kind\">Slag</label><select id=\"f-kind\" name=\"kind\">"
                    "<option value=\"visit\">Lärosätets besök</option><option value=\"quality\">Kvalitetsmöte</option>"
                    "</select></div>");
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
    html_raw(o, "<button type=\"submit\" class=\"button\">Planera</button></form>\n");
}

void meetings_case_section(request_t *req, const case_row_t *c)
{
    buf_t *o = &req->body;
    analysis_group_t *g;
    size_t n = meetings_groups(req->db, &req->viewer, c->id, &req->arena, &g);
    html_raw(o, "<h2 id=\"grupper\">Analysgrupper och möten</h2>\n");
    if (n) {
        html_raw(o, "<ul class=\"links\">");
        for (size_t i = 0; i < n; i++) {
            html_printf(o, "<li><a href=\"/groups/%lld\">%s</a> <span class=\"muted\">(", (long long)g[i].id, g[i].name);
            html_int(o, g[i].members);
            html_raw(o, " medlemmar)</span></li>");
        }
        html_raw(o, "</ul>\n");
    } else {
        html_raw(o, "<p class=\"empty\">Inga analysgrupper än.</p>\n");
    }
    if (can_write(req)) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/groups\" class=\"card form narrow\">", (long long)c->id);
        widget_csrf(req);
        html_raw(o, "<div class=\"field\"><label for=\"f-group\">Ny analysgrupp</label><select id=\"f-group\" name=\"unit\">"
                    "<option value=\"0\">På förvaltningsnivå</option>");
        case_unit_t *u;
        size_t nu = cases_units(req->db, c->id, &req->arena, &u);
        for (size_t i = 0; i < nu; i++)
            html_printf(o, "<option value=\"%lld\">%s</option>", (long long)u[i].unit_id, u[i].name);
        html_raw(o, "</select></div><button type=\"submit\" class=\"button\">Bilda gruppen</button></form>\n");
    }
    if (req->viewer.role == ROLE_GROUP)
        return;
    meeting_t *m;
    size_t nm = meetings_list(req->db, c->id, 0, &req->arena, &m);
    html_raw(o, "<h3>Lärosätets besök och kvalitetsmöten</h3>\n");
    meeting_rows(req, m, nm);
    if (can_write(req))
        series_form(req, arena_printf(&req->arena, "/cases/%lld/meetings", (long long)c->id), true);
    html_printf(o, "<p class=\"exports\">Möteslogg: <a href=\"/cases/%lld/meetings.csv\">CSV</a> · "
                   "<a href=\"/cases/%lld/meetings.xlsx\">Excel</a></p>\n",
                (long long)c->id, (long long)c->id);
}

int meetings_group_create_submit(request_t *req)
{
    int64_t case_id = req_param_int(req, "id", 0), unit = req_param_int(req, "unit", 0);
    char *err = NULL;
    int64_t id = meetings_create_group(req->db, &req->viewer, case_id, unit ? "unit" : "administration", unit,
                                       &req->arena, &err);
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
    html_raw(o, "<h2>Medlemmar</h2><ul class=\"people\">");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li>%s%s%s%s</li>", mem[i].name, *mem[i].email ? ", " : "", mem[i].email,
                    strcmp(mem[i].role, "supporter") == 0 ? " (processtödjare)" : "");
    html_raw(o, "</ul>\n");
    if (can_write(req)) {
        html_printf(o, "<form method=\"post\" action=\"/groups/%lld/members\" class=\"card form narrow\">",
                    (long long)g->id);
        widget_csrf(req);
        widget_input(req, "name", "Ny medlem", "text", req_param(req, "name"), "Lärare, förstelärare eller tjänsteperson.",
                     "off");
        widget_input(req, "email", "E-postadress", "email", req_param(req, "email"), NULL, "off");
        html_raw(o, "<button type=\"submit\" class=\"button\">Lägg till</button></form>\n");
    }
    meeting_t *m;
    size_t nm = meetings_list(req->db, g->case_id, g->id, &req->arena, &m);
    html_raw(o, "<h2>Möten</h2>\n");
    meeting_rows(req, m, nm);
    if (can_write(req))
        series_form(req, arena_printf(&req->arena, "/groups/%lld/meetings", (long long)g->id), false);
    layout_end(req);
    return respond_html(req, status);
}

int meetings_group_page(request_t *req)
{
    return group_view(req, 200);
}

int meetings_member_submit(request_t *req)
{
    if (req->nerrors)
        return group_view(req, 400);
    char *err = NULL;
    int64_t id = req_param_int(req, "id", 0);
    if (!meetings_add_member(req->db, &req->viewer, id, 0, req_param(req, "name"), req_param(req, "email"), &req->arena,
                             &err)) {
        req_add_error(req, "name", err);
        return group_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/groups/%lld", (long long)id));
}

int meetings_series_submit(request_t *req)
{
    /* The same handler for a group's series (/groups/{id}/meetings) and the case's
     * visits and quality meetings (/cases/{id}/meetings). */
    bool group = strncmp(req->path, "/groups/", 8) == 0;
    int64_t id = req_param_int(req, "id", 0), case_id = id, group_id = 0;
    if (group) {
        analysis_group_t *g = meetings_group(req->db, &req->viewer, id, &req->arena, NULL);
        if (!g)
            return respond_error(req, 404, "Gruppen finns inte.");
        case_id = g->case_id;
        group_id = g->id;
    }
    if (req->nerrors)
        return group ? group_view(req, 400) : respond_error(req, 400, req->errors[0].message);
    char *err = NULL;
    int n = meetings_plan_series(req->db, &req->viewer, case_id, group_id, group ? "analysis" : req_param(req, "kind"),
                                 req_param(req, "first"), req_param(req, "time"), (int)req_param_int(req, "count", 0),
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

static int meeting_view(request_t *req, int status)
{
    case_row_t *c;
    meeting_t *m = meetings_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &c);
    if (!m)
        return respond_error(req, 404, "Mötet finns inte, eller så har du inte tillgång till det.");
    layout_begin(req, arena_printf(&req->arena, "%s %s", meeting_kind_label(m->kind), m->starts_at));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/cases/%lld\">%s</a>%s%s</p>", (long long)c->id, c->organiser, *m->group_name ? " · " : "",
                m->group_name);
    html_printf(o, "<dl class=\"facts\"><dt>Tid</dt><dd>%s, %d minuter</dd><dt>Plats</dt><dd>%s</dd></dl>\n",
                m->starts_at, m->minutes, *m->place ? m->place : "–");
    bool write = can_write(req);
    meeting_action_t *open;
    size_t nopen = meetings_open_actions(req->db, m, &req->arena, &open);
    if (write)
        html_printf(o, "<form method=\"post\" action=\"/meetings/%lld\" class=\"card form\">", (long long)m->id);
    if (write)
        widget_csrf(req);
    html_raw(o, "<h2>Dagordning: åtgärder från tidigare möten</h2>");
    if (!nopen)
        html_raw(o, "<p class=\"empty\">Inga öppna åtgärder.</p>");
    for (size_t i = 0; i < nopen; i++) {
        if (write)
            html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"done\" value=\"%lld\"%s> ",
                        (long long)open[i].id, open[i].done ? " checked" : "");
        else
            html_raw(o, "<p>");
        html_printf(o, "%s — %s%s%s (från mötet %s)", open[i].text, open[i].owner, *open[i].due_date ? ", senast " : "",
                    open[i].due_date, open[i].raised_at);
        html_raw(o, write ? "</label>" : "</p>");
    }
    if (m->group_id) {
        group_member_t *mem;
        size_t n = meetings_members(req->db, m->group_id, &req->arena, &mem);
        html_raw(o, "<h2>Närvaro</h2>");
        for (size_t i = 0; i < n; i++) {
            bool here = meetings_attended(req->db, m->id, mem[i].id);
            if (write)
                html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"present\" value=\"%lld\"%s> %s</label>",
                            (long long)mem[i].id, here ? " checked" : "", mem[i].name);
            else
                html_printf(o, "<p>%s: %s</p>", mem[i].name, m->held ? (here ? "närvarande" : "frånvarande") : "–");
        }
    }
    html_raw(o, "<h2>Anteckningar</h2>");
    if (write) {
        html_printf(o, "<div class=\"field\"><label for=\"f-notes\">Anteckningar</label><textarea id=\"f-notes\" name=\"notes\" "
                       "rows=\"8\">%s</textarea></div><button type=\"submit\" class=\"button\">Spara mötet</button></form>\n",
                    m->notes);
    } else {
        html_printf(o, "<p class=\"prose\">%s</p>", *m->notes ? m->notes : "–");
    }
    meeting_action_t *raised;
    size_t nr = meetings_actions_raised(req->db, m->id, &req->arena, &raised);
    html_raw(o, "<h2>Beslut och åtgärder från mötet</h2>");
    if (!nr)
        html_raw(o, "<p class=\"empty\">Inga åtgärder beslutade.</p>");
    else {
        html_raw(o, "<ul>");
        for (size_t i = 0; i < nr; i++)
            html_printf(o, "<li>%s — %s%s%s%s</li>", raised[i].text, raised[i].owner, *raised[i].due_date ? ", senast " : "",
                        raised[i].due_date, raised[i].done ? " (klar)" : "");
        html_raw(o, "</ul>");
    }
    if (write) {
        html_printf(o, "<form method=\"post\" action=\"/meetings/%lld/actions\" class=\"card form narrow\" novalidate>",
                    (long long)m->id);
        widget_csrf(req);
        widget_input(req, "text", "Ny åtgärd", "text", req_param(req, "text"), NULL, "off");
        widget_input(req, "owner", "Ansvarig", "text", req_param(req, "owner"), NULL, "off");
        widget_input(req, "due", "Klart senast", "date", req_param(req, "due"), NULL, "off");
        html_raw(o, "<button type=\"submit\" class=\"button\">Lägg till åtgärden</button></form>\n");
    }
    layout_end(req);
    return respond_html(req, status);
}

int meetings_meeting_page(request_t *req)
{
    return meeting_view(req, 200);
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

int meetings_record_submit(request_t *req)
{
    if (req->nerrors)
        return meeting_view(req, 400);
    int64_t present[64], done[64];
    size_t np = id_list(req, "present", present, 64), nd = id_list(req, "done", done, 64);
    char *err = NULL;
    int64_t id = req_param_int(req, "id", 0);
    if (!meetings_record(req->db, &req->viewer, id, present, np, req_param(req, "notes"), done, nd, &req->arena, &err))
        return respond_error(req, 404, err);
    return respond_redirect(req, arena_printf(&req->arena, "/meetings/%lld?klart=1", (long long)id));
}

int meetings_action_submit(request_t *req)
{
    if (req->nerrors)
        return meeting_view(req, 400);
    char *err = NULL;
    int64_t id = req_param_int(req, "id", 0);
    if (!meetings_add_action(req->db, &req->viewer, id, req_param(req, "text"), req_param(req, "owner"),
                             req_param(req, "due"), &req->arena, &err))
        return respond_error(req, 404, err);
    return respond_redirect(req, arena_printf(&req->arena, "/meetings/%lld?klart=1", (long long)id));
}

/* Every meeting of a case the viewer may see: the groups' (within GROUP_SCOPE) and, but
 * for group members, the case's own. */
static size_t all_meetings(request_t *req, int64_t case_id, meeting_t **out)
{
    analysis_group_t *g;
    size_t ng = meetings_groups(req->db, &req->viewer, case_id, &req->arena, &g);
    size_t n = 0, cap = 64;
    *out = arena_alloc(&req->arena, cap * sizeof **out);
    for (size_t k = 0; k <= ng; k++) {
        if (k == ng && req->viewer.role == ROLE_GROUP)
            break;
        meeting_t *m;
        size_t nm = meetings_list(req->db, case_id, k < ng ? g[k].id : 0, &req->arena, &m);
        for (size_t i = 0; i < nm; i++) {
            if (n == cap) {
                *out = arena_realloc_array(&req->arena, *out, n, cap * 2, sizeof **out);
                cap *= 2;
            }
            (*out)[n++] = m[i];
        }
    }
    return n;
}

int meetings_log_export(request_t *req)
{
    case_row_t *c = cases_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, "Ärendet finns inte.");
    meeting_t *m;
    size_t n = all_meetings(req, c->id, &m);
    static const char *headers[] = {"Tid", "Slag", "Grupp", "Plats", "Minuter", "Genomfört", "Anteckningar",
                                    "Åtgärder"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_INT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Möteslogg", 8, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        meeting_action_t *x;
        size_t nx = meetings_actions_raised(req->db, m[i].id, &req->arena, &x);
        buf_t acts = BUF_INIT;
        for (size_t k = 0; k < nx; k++)
            buf_printf(&acts, "%s%s (%s)", k ? "; " : "", x[k].text, x[k].owner);
        export_cell_t *cell = export_add_row(&t);
        cell[0].text = m[i].starts_at;
        cell[1].text = meeting_kind_label(m[i].kind);
        cell[2].text = m[i].group_name;
        cell[3].text = m[i].place;
        cell[4].number = m[i].minutes;
        cell[5].text = m[i].held ? "Ja" : "Nej";
        cell[6].text = m[i].notes;
        cell[7].text = arena_strdup(&req->arena, buf_cstr(&acts));
        buf_free(&acts);
    }
    return export_respond(req, &t, arena_printf(&req->arena, "moteslogg-%s", c->orgnr));
}

int meetings_api_list(request_t *req)
{
    case_row_t *c = cases_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!c)
        return respond_error(req, 404, "Ärendet finns inte.");
    meeting_t *m;
    size_t n = all_meetings(req, c->id, &m);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:b, s:s}", "id", (json_int_t)m[i].id, "kind", m[i].kind,
                              "group", m[i].group_name, "starts_at", m[i].starts_at, "minutes", m[i].minutes, "place",
                              m[i].place, "held", (int)m[i].held, "notes", m[i].notes);
        meeting_action_t *x;
        size_t nx = meetings_actions_raised(req->db, m[i].id, &req->arena, &x);
        json_t *acts = json_array();
        for (size_t k = 0; k < nx; k++)
            json_array_append_new(acts, json_pack("{s:s, s:s, s:s, s:b}", "text", x[k].text, "owner", x[k].owner, "due",
                                                  x[k].due_date, "done", (int)x[k].done));
        json_object_set_new(j, "actions", acts);
        json_array_append_new(items, j);
    }
    json_t *j = json_pack("{s:I, s:o}", "case", (json_int_t)c->id, "meetings", items);
    char *text = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return respond_json_text(req, 200, text);
}
