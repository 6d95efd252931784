/* meeting_pages.c — a network's meeting: who came (each member's representatives at the
 * four levels), the check-in and check-out rounds and the notes (kept by the agency; a
 * save that crossed another shows the difference); the commitments made at earlier
 * meetings to report on here, and the new commitments made here — each member writing
 * for itself. */
#include "parts.h"
#include "../http/layout.h"
#include <stdlib.h>
#include <string.h>

static bool listed(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static void record_section(request_t *req, const network_meeting_t *m, const network_member_t *mem, size_t nmem,
                           const network_rep_t *r, size_t nr, bool stale)
{
    buf_t *o = &req->body;
    bool keep = networks_may_keep(&req->viewer);
    int64_t *here;
    size_t nhere = networks_present(req->db, m, &req->arena, &here);
    bool posted = keep && strcmp(req->method, "POST") == 0 && req_has_param(req, "version");
    if (keep)
        html_printf(o, "<form method=\"post\" action=\"/network-meetings/%lld\" class=\"card form\" novalidate>"
                       "<input type=\"hidden\" name=\"version\" value=\"%d\">", (long long)m->id,
                    posted && !stale ? (int)req_param_int(req, "version", m->version) : m->version);
    if (keep)
        widget_csrf(req);
    html_lit(o, "<h2>Närvaro</h2>");
    for (size_t i = 0; i < nmem; i++) {
        html_printf(o, "<h3>%s</h3>", mem[i].organiser);
        for (size_t k = 0; k < nr; k++) {
            if (r[k].member_id != mem[i].id)
                continue;
            bool was = listed(here, nhere, r[k].id);
            if (keep)
                html_printf(o, "<label class=\"check\"><input type=\"checkbox\" name=\"present\" value=\"%lld\"%s> %s (%s)"
                               "</label>", (long long)r[k].id, was ? " checked" : "", r[k].name,
                            network_level_label(r[k].level));
            else
                html_printf(o, "<p>%s (%s): %s</p>", r[k].name, network_level_label(r[k].level),
                            m->saved_at ? (was ? "närvarande" : "frånvarande") : "–");
        }
    }
    static const char *const fields[][2] = {{"checkin", "Incheckning"}, {"notes", "Anteckningar"},
                                            {"checkout", "Utcheckning"}};
    const char *saved[] = {m->checkin, m->notes, m->checkout};
    for (int i = 0; i < 3; i++) {
        if (keep)
            html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label><textarea id=\"f-%s\" name=\"%s\" rows=\"5\">"
                           "%s</textarea></div>", fields[i][0], fields[i][1], fields[i][0], fields[i][0],
                        posted ? req_param(req, fields[i][0]) : saved[i]);
        else
            html_printf(o, "<h2>%s</h2><p class=\"prose\">%s</p>", fields[i][1], *saved[i] ? saved[i] : "–");
    }
    if (keep)
        html_lit(o, "<button type=\"submit\" class=\"button\">Spara mötet</button></form>");
}

/* The members the viewer writes commitments for: all for the agency, its own for a member. */
static bool writes_for(request_t *req, const network_t *n, int64_t member_id)
{
    return networks_may_keep(&req->viewer) || networks_own_member(req->db, &req->viewer, n) == member_id;
}

static void commitments_section(request_t *req, const network_t *n, const network_meeting_t *m,
                                 const network_member_t *mem, size_t nmem)
{
    buf_t *o = &req->body;
    commitment_report_t *r;
    size_t nr = networks_reports(req->db, n, &req->arena, &r);
    commitment_t *c;
    size_t nc = networks_commitments(req->db, n, r, nr, &req->arena, &c);
    html_lit(o, "<h2>Att redovisa: åtaganden från tidigare möten</h2>");
    size_t due = 0;
    for (size_t i = 0; i < nc; i++) {
        const char *made_on = c[i].made_on;
        bool earlier = strcmp(made_on, m->held_on) < 0 || (strcmp(made_on, m->held_on) == 0 && c[i].meeting_id < m->id);
        const commitment_report_t *here = NULL;
        for (size_t j = 0; j < nr; j++)
            if (r[j].commitment_id == c[i].id && r[j].meeting_id == m->id)
                here = &r[j];
        /* Open ones, and those reported done at this very meeting. */
        if (!earlier || (!c[i].open && !here))
            continue;
        due++;
        html_printf(o, "<section class=\"card\"><h3>%s: %s</h3><p>%s · gjort %s</p><p class=\"prose\">%s</p>", c[i].organiser,
                    c[i].goal, network_aspect_label(c[i].aspect), made_on, c[i].action);
        if (here)
            html_printf(o, "<p><strong>Redovisat: %s.</strong> %s</p>", network_outcome_label(here->outcome), here->text);
        if (writes_for(req, n, c[i].member_id)) {
            html_printf(o, "<form method=\"post\" action=\"/network-meetings/%lld/reports\" class=\"form\" novalidate>"
                           "<input type=\"hidden\" name=\"commitment\" value=\"%lld\">", (long long)m->id, (long long)c[i].id);
            widget_csrf(req);
            html_printf(o, "<div class=\"field\"><label for=\"f-outcome-%lld\">Utfall</label><select id=\"f-outcome-%lld\" "
                           "name=\"outcome\">", (long long)c[i].id, (long long)c[i].id);
            for (int k = 0; network_outcome_keys[k]; k++)
                html_printf(o, "<option value=\"%s\"%s>%s</option>", network_outcome_keys[k],
                            here && strcmp(here->outcome, network_outcome_keys[k]) == 0 ? " selected" : "",
                            network_outcome_label(network_outcome_keys[k]));
            html_printf(o, "</select></div><div class=\"field\"><label for=\"f-text-%lld\">Vad har gjorts?</label>"
                           "<textarea id=\"f-text-%lld\" name=\"text\" rows=\"3\">%s</textarea></div><button type=\"submit\" "
                           "class=\"button\">Redovisa</button></form>", (long long)c[i].id, (long long)c[i].id,
                        here ? here->text : "");
        }
        html_lit(o, "</section>");
    }
    if (!due)
        html_lit(o, "<p class=\"empty\">Inga åtaganden att redovisa vid det här mötet.</p>");
    html_lit(o, "<h2>Nya åtaganden vid mötet</h2>");
    size_t made = 0;
    for (size_t i = 0; i < nc; i++)
        if (c[i].meeting_id == m->id) {
            if (!made++)
                html_lit(o, "<ul>");
            html_printf(o, "<li>%s: <strong>%s</strong> (%s) – %s</li>", c[i].organiser, c[i].goal,
                        network_aspect_label(c[i].aspect), c[i].action);
        }
    if (made)
        html_lit(o, "</ul>");
    else
        html_lit(o, "<p class=\"empty\">Inga åtaganden gjorda vid mötet än.</p>");
    size_t writable = 0;
    for (size_t i = 0; i < nmem; i++)
        writable += writes_for(req, n, mem[i].id);
    if (!writable)
        return;
    html_printf(o, "<form method=\"post\" action=\"/network-meetings/%lld/commitments\" class=\"card form narrow\" novalidate>"
                   "<h3>Gör ett åtagande</h3>", (long long)m->id);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-member\">Medlem</label>");
    widget_field_error(req, "member");
    html_lit(o, "<select id=\"f-member\" name=\"member\">");
    for (size_t i = 0; i < nmem; i++)
        if (writes_for(req, n, mem[i].id))
            html_printf(o, "<option value=\"%lld\">%s</option>", (long long)mem[i].id, mem[i].organiser);
    html_lit(o, "</select></div>");
    networks_select(req, "aspect", "Del av styrningen", network_aspect_keys, network_aspect_label);
    widget_input(req, "goal", "Operativt mål", "text", req_param(req, "goal"), NULL, "off");
    html_lit(o, "<div class=\"field\"><label for=\"f-action\">Vad ni åtar er att göra på hemmaplan</label>");
    widget_field_error(req, "action");
    html_printf(o, "<textarea id=\"f-action\" name=\"action\" rows=\"3\"");
    widget_described_by(req, "action", false);
    html_printf(o, ">%s</textarea></div><button type=\"submit\" class=\"button\">Gör åtagandet</button></form>",
                req_param(req, "action"));
}

static int meeting_view(request_t *req, int status, const char *notice, bool stale)
{
    network_t *n;
    network_meeting_t *m = networks_meeting(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &n);
    if (!m)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    network_member_t *mem;
    size_t nmem = networks_members(req->db, n, &req->arena, &mem);
    network_rep_t *r;
    size_t nr = networks_reps(req->db, n, &req->arena, &r);
    layout_begin(req, arena_printf(&req->arena, "%s: möte %s", n->name, m->held_on));
    buf_t *o = &req->body;
    if (stale) {
        stale_field_t f[] = {{"Incheckning", m->checkin, req_param(req, "checkin")},
                             {"Anteckningar", m->notes, req_param(req, "notes")},
                             {"Utcheckning", m->checkout, req_param(req, "checkout")}};
        widget_stale(req, m->saved_by, m->saved_at, f, 3);
    }
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Sparat.");
    if (notice)
        widget_notice(req, "error", notice);
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/networks/%lld\">Till nätverket</a>%s%s</p>", (long long)n->id, *m->place ? " · " : "",
                m->place);
    record_section(req, m, mem, nmem, r, nr, stale);
    commitments_section(req, n, m, mem, nmem);
    layout_end(req);
    return respond_html(req, status);
}

static int meeting_page(request_t *req)
{
    return meeting_view(req, 200, NULL, false);
}

static network_meeting_t *target(request_t *req, network_t **n)
{
    return networks_meeting(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, n);
}

static int record_submit(request_t *req)
{
    network_meeting_t *m = target(req, NULL);
    if (!m)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    if (req->nerrors)
        return meeting_view(req, 400, NULL, false);
    /* A multiple field arrives as one list: "3,7,12". */
    int64_t present[256];
    size_t np = 0;
    char *list = arena_strdup(&req->arena, req_param(req, "present")), *save = NULL;
    for (char *t = strtok_r(list, ",", &save); t && np < 256; t = strtok_r(NULL, ",", &save))
        present[np++] = strtoll(t, NULL, 10);
    char *err = NULL;
    switch (networks_record(req->db, &req->viewer, m, (int)req_param_int(req, "version", 0), present, np,
                            req_param(req, "notes"), req_param(req, "checkin"), req_param(req, "checkout"), &req->arena,
                            &err)) {
    case WRITE_OK:
        return respond_redirect(req, arena_printf(&req->arena, "/network-meetings/%lld?klart=1", (long long)m->id));
    case WRITE_STALE:
        return meeting_view(req, 409, NULL, true);
    default:
        return meeting_view(req, 409, err, false);
    }
}

static int commit_submit(request_t *req)
{
    network_meeting_t *m = target(req, NULL);
    if (!m)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    if (req->nerrors)
        return meeting_view(req, 400, NULL, false);
    const char *field = NULL;
    char *err = NULL;
    if (!networks_commit(req->db, &req->viewer, m, req_param_int(req, "member", 0), req_param(req, "aspect"),
                         req_param(req, "goal"), req_param(req, "action"), &req->arena, &field, &err)) {
        req_add_error(req, field ? field : "goal", err);
        return meeting_view(req, 422, NULL, false);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/network-meetings/%lld?klart=1", (long long)m->id));
}

static int report_submit(request_t *req)
{
    network_meeting_t *m = target(req, NULL);
    if (!m)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    if (req->nerrors)
        return meeting_view(req, 400, NULL, false);
    const char *field = NULL;
    char *err = NULL;
    if (!networks_report(req->db, &req->viewer, m, req_param_int(req, "commitment", 0), req_param(req, "outcome"),
                         req_param(req, "text"), &req->arena, &field, &err))
        return meeting_view(req, 422, err, false);
    return respond_redirect(req, arena_printf(&req->arena, "/network-meetings/%lld?klart=1", (long long)m->id));
}

static const param_spec_t p_page[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_record[] = {PARAM_ID, PARAM_VERSION,
                                        {"present", P_INT, PARAM_MULTI, "Närvaro", 1, 1000000000, NULL},
                                        {"notes", P_MULTILINE, 0, "Anteckningar", 0, 50000, NULL},
                                        {"checkin", P_MULTILINE, 0, "Incheckning", 0, 20000, NULL},
                                        {"checkout", P_MULTILINE, 0, "Utcheckning", 0, 20000, NULL}, PARAM_END};
static const param_spec_t p_commit[] = {PARAM_ID, {"member", P_INT, PARAM_REQUIRED, "Medlem", 1, 1000000000, NULL},
                                        {"aspect", P_CHOICE, PARAM_REQUIRED, "Del av styrningen", 0, 0, network_aspect_keys},
                                        {"goal", P_TEXT, PARAM_REQUIRED, "Operativt mål", 0, 500, NULL},
                                        {"action", P_MULTILINE, PARAM_REQUIRED, "Vad ni åtar er att göra", 0, 5000, NULL},
                                        PARAM_END};
static const param_spec_t p_report[] = {PARAM_ID, {"commitment", P_INT, PARAM_REQUIRED, "Åtagande", 1, 1000000000, NULL},
                                        {"outcome", P_CHOICE, PARAM_REQUIRED, "Utfall", 0, 0, network_outcome_keys},
                                        {"text", P_MULTILINE, 0, "Vad har gjorts?", 0, 5000, NULL}, PARAM_END};

const route_t networks_meeting_routes[] = {
    {"GET", "/network-meetings/{id}", meeting_page, CAP_NETWORK_READ, ROUTE_KEPT, p_page},
    {"POST", "/network-meetings/{id}", record_submit, CAP_NETWORK_KEEP, ROUTE_FORM, p_record},
    {"POST", "/network-meetings/{id}/commitments", commit_submit, CAP_NETWORK_COMMIT, ROUTE_FORM, p_commit},
    {"POST", "/network-meetings/{id}/reports", report_submit, CAP_NETWORK_COMMIT, ROUTE_FORM, p_report},
    {NULL, NULL, NULL, 0, 0, NULL},
};
