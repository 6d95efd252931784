/* pages.c — the networks: the list and a network's page with its members and their
 * representatives at the four levels, its meetings, and every member's commitments over
 * time with what was reported at each meeting; the forms the agency keeps them with; the
 * commitments as CSV/XLSX. */
#include "parts.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include <string.h>

void networks_select(request_t *req, const char *name, const char *label, const char *const *keys,
                     const char *(*label_of)(const char *))
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"field\"><label for=\"f-%s\">%s</label>", name, label);
    widget_field_error(req, name);
    html_printf(o, "<select id=\"f-%s\" name=\"%s\"", name, name);
    widget_described_by(req, name, false);
    html_lit(o, ">");
    for (int i = 0; keys[i]; i++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", keys[i], strcmp(req_param(req, name), keys[i]) == 0 ? " selected" : "",
                    label_of(keys[i]));
    html_lit(o, "</select></div>");
}

static int list_view(request_t *req, int status)
{
    network_t *n;
    size_t k = networks_list(req->db, &req->viewer, &req->arena, &n);
    layout_begin(req, "Nätverk");
    buf_t *o = &req->body;
    widget_error_summary(req);
    html_lit(o, "<p class=\"lead\">I arbetande nätverk lär kommuner av varandra: alla fyra nivåer deltar, mötena "
                "växlar med arbete på hemmaplan, och varje kommun gör åtaganden som den redovisar vid nästa möte.</p>");
    if (!k)
        html_lit(o, "<p class=\"empty\">Inga nätverk.</p>");
    else
        html_lit(o, TABLE_OPEN("Nätverk") "<thead><tr><th scope=\"col\">Nätverk</th><th scope=\"col\">Slag</th>"
                    "<th scope=\"col\">Sammankallande</th><th scope=\"col\" class=\"num\">Medlemmar</th>"
                    "<th scope=\"col\" class=\"num\">Möten</th></tr></thead><tbody>");
    for (size_t i = 0; i < k; i++)
        html_printf(o, "<tr><td><a href=\"/networks/%lld\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">%lld</td>"
                       "<td class=\"num\">%lld</td></tr>", (long long)n[i].id, n[i].name, network_kind_label(n[i].kind),
                    n[i].convener, (long long)n[i].members, (long long)n[i].meetings);
    if (k)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    if (networks_may_keep(&req->viewer)) {
        html_lit(o, "<form method=\"post\" action=\"/networks\" class=\"card form narrow\" novalidate><h2>Nytt nätverk</h2>");
        widget_csrf(req);
        widget_input(req, "name", "Namn", "text", req_param(req, "name"), NULL, "off");
        networks_select(req, "kind", "Slag", network_kind_keys, network_kind_label);
        widget_input(req, "convener", "Sammankallande (till exempel SKR)", "text", req_param(req, "convener"), NULL, "off");
        widget_input(req, "description", "Syfte", "text", req_param(req, "description"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Skapa nätverket</button></form>");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int list_page(request_t *req)
{
    return list_view(req, 200);
}

static int create_submit(request_t *req)
{
    if (req->nerrors)
        return list_view(req, 400);
    const char *field = NULL;
    char *err = NULL;
    int64_t id = networks_create(req->db, &req->viewer, req_param(req, "name"), req_param(req, "kind"),
                                 req_param(req, "convener"), req_param(req, "description"), &req->arena, &field, &err);
    if (!id) {
        req_add_error(req, field ? field : "name", err);
        return list_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/networks/%lld", (long long)id));
}

/* Members with their representatives, and the levels each still lacks. */
static void members_section(request_t *req, const network_member_t *m, size_t nm, const network_rep_t *r, size_t nr)
{
    buf_t *o = &req->body;
    html_lit(o, "<h2>Medlemmar och representanter</h2>");
    if (!nm)
        html_lit(o, "<p class=\"empty\">Inga medlemmar än.</p>");
    for (size_t i = 0; i < nm; i++) {
        const char *levels[32];
        size_t nl = 0;
        html_printf(o, "<section class=\"card\"><h3>%s</h3><ul>", m[i].organiser);
        for (size_t k = 0; k < nr; k++) {
            if (r[k].member_id != m[i].id)
                continue;
            if (nl < 32)
                levels[nl++] = r[k].level;
            html_printf(o, "<li>%s: %s</li>", network_level_label(r[k].level), r[k].name);
        }
        const char *missing = network_levels_missing(levels, nl, &req->arena);
        html_lit(o, "</ul>");
        if (*missing)
            html_printf(o, "<p class=\"muted\">Saknar representant för: %s.</p>", missing);
        html_lit(o, "</section>");
    }
}

static void commitments_section(request_t *req, const network_t *n, const network_meeting_t *g, size_t ng)
{
    buf_t *o = &req->body;
    commitment_report_t *r;
    size_t nr = networks_reports(req->db, n, &req->arena, &r);
    commitment_t *c;
    size_t nc = networks_commitments(req->db, n, r, nr, &req->arena, &c);
    html_printf(o, "<h2>Åtaganden över tid</h2><p class=\"exports\"><a href=\"/networks/%lld/commitments.csv\">CSV</a> · "
                   "<a href=\"/networks/%lld/commitments.xlsx\">XLSX</a></p>", (long long)n->id, (long long)n->id);
    if (!nc) {
        html_lit(o, "<p class=\"empty\">Inga åtaganden än.</p>");
        return;
    }
    html_lit(o, TABLE_OPEN("Åtaganden över tid") "<thead><tr><th scope=\"col\">Medlem</th><th scope=\"col\">Gjort</th>"
                "<th scope=\"col\">Del av styrningen</th><th scope=\"col\">Mål och åtagande</th>");
    for (size_t k = 0; k < ng; k++)
        html_printf(o, "<th scope=\"col\">Redovisat %s</th>", g[k].held_on);
    html_lit(o, "<th scope=\"col\">Läge</th></tr></thead><tbody>");
    for (size_t i = 0; i < nc; i++) {
        html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td><strong>%s</strong><br>%s</td>", c[i].organiser,
                    c[i].made_on, network_aspect_label(c[i].aspect), c[i].goal, c[i].action);
        for (size_t k = 0; k < ng; k++) {
            const commitment_report_t *found = NULL;
            for (size_t j = 0; j < nr && !found; j++)
                if (r[j].commitment_id == c[i].id && r[j].meeting_id == g[k].id)
                    found = &r[j];
            if (found)
                html_printf(o, "<td>%s%s%s</td>", network_outcome_label(found->outcome), *found->text ? ": " : "",
                            found->text);
            else
                html_lit(o, "<td>–</td>");
        }
        html_printf(o, "<td>%s</td></tr>", c[i].open ? "Pågår" : "Genomfört");
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

static int network_view(request_t *req, int status)
{
    network_t *n = networks_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!n)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    network_member_t *m;
    size_t nm = networks_members(req->db, n, &req->arena, &m);
    network_rep_t *r;
    size_t nr = networks_reps(req->db, n, &req->arena, &r);
    network_meeting_t *g;
    size_t ng = networks_meetings(req->db, n, &req->arena, &g);
    layout_begin(req, n->name);
    buf_t *o = &req->body;
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/networks\">Alla nätverk</a></p><dl class=\"facts\"><dt>Slag</dt><dd>%s</dd>"
                   "<dt>Sammankallande</dt><dd>%s</dd><dt>Syfte</dt><dd>%s</dd></dl>",
                network_kind_label(n->kind), *n->convener ? n->convener : "–", *n->description ? n->description : "–");
    members_section(req, m, nm, r, nr);
    html_lit(o, "<h2>Möten</h2>");
    if (!ng)
        html_lit(o, "<p class=\"empty\">Inga möten planerade.</p>");
    else
        html_lit(o, "<ul>");
    for (size_t i = 0; i < ng; i++)
        html_printf(o, "<li><a href=\"/network-meetings/%lld\">%s</a>%s%s</li>", (long long)g[i].id, g[i].held_on,
                    *g[i].place ? ", " : "", g[i].place);
    if (ng)
        html_lit(o, "</ul>");
    commitments_section(req, n, g, ng);
    if (networks_may_keep(&req->viewer)) {
        html_printf(o, "<form method=\"post\" action=\"/networks/%lld/members\" class=\"card form narrow\" novalidate>"
                       "<h2>Ny medlem</h2>", (long long)n->id);
        widget_csrf(req);
        widget_input(req, "orgnr", "Huvudmannens organisationsnummer", "text", req_param(req, "orgnr"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till</button></form>");
        if (nm) {
            html_printf(o, "<form method=\"post\" action=\"/networks/%lld/reps\" class=\"card form narrow\" novalidate>"
                           "<h2>Ny representant</h2>", (long long)n->id);
            widget_csrf(req);
            html_lit(o, "<div class=\"field\"><label for=\"f-member\">Medlem</label><select id=\"f-member\" name=\"member\">");
            for (size_t i = 0; i < nm; i++)
                html_printf(o, "<option value=\"%lld\">%s</option>", (long long)m[i].id, m[i].organiser);
            html_lit(o, "</select></div>");
            networks_select(req, "level", "Nivå", network_level_keys, network_level_label);
            widget_input(req, "rep_name", "Namn", "text", req_param(req, "rep_name"), NULL, "off");
            widget_input(req, "email", "E-postadress", "email", req_param(req, "email"), NULL, "off");
            html_lit(o, "<button type=\"submit\" class=\"button\">Lägg till</button></form>");
        }
        html_printf(o, "<form method=\"post\" action=\"/networks/%lld/meetings\" class=\"card form narrow\" novalidate>"
                       "<h2>Planera ett möte</h2>", (long long)n->id);
        widget_csrf(req);
        widget_input(req, "held_on", "Dag", "date", req_param(req, "held_on"), NULL, "off");
        widget_input(req, "place", "Plats eller länk", "text", req_param(req, "place"), NULL, "off");
        html_lit(o, "<button type=\"submit\" class=\"button\">Planera</button></form>");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int network_page(request_t *req)
{
    return network_view(req, 200);
}

static network_t *target(request_t *req)
{
    return networks_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
}

static int member_submit(request_t *req)
{
    network_t *n = target(req);
    if (!n)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    if (req->nerrors)
        return network_view(req, 400);
    char *err = NULL;
    if (!networks_add_member(req->db, &req->viewer, n, req_param(req, "orgnr"), &req->arena, &err)) {
        req_add_error(req, "orgnr", err);
        return network_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/networks/%lld", (long long)n->id));
}

static int rep_submit(request_t *req)
{
    network_t *n = target(req);
    if (!n)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    if (req->nerrors)
        return network_view(req, 400);
    const char *field = NULL;
    char *err = NULL;
    if (!networks_add_rep(req->db, &req->viewer, n, req_param_int(req, "member", 0), req_param(req, "level"),
                          req_param(req, "rep_name"), req_param(req, "email"), &req->arena, &field, &err)) {
        req_add_error(req, field ? field : "rep_name", err);
        return network_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/networks/%lld", (long long)n->id));
}

static int meeting_submit(request_t *req)
{
    network_t *n = target(req);
    if (!n)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    if (req->nerrors)
        return network_view(req, 400);
    char *err = NULL;
    int64_t id = networks_plan_meeting(req->db, &req->viewer, n, req_param(req, "held_on"), req_param(req, "place"),
                                       &req->arena, &err);
    if (!id) {
        req_add_error(req, "held_on", err);
        return network_view(req, 422);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/network-meetings/%lld", (long long)id));
}

static int commitments_export(request_t *req)
{
    network_t *n = target(req);
    if (!n)
        return respond_error(req, 404, NETWORK_NOT_FOUND);
    commitment_report_t *r;
    size_t nr = networks_reports(req->db, n, &req->arena, &r);
    commitment_t *c;
    size_t nc = networks_commitments(req->db, n, r, nr, &req->arena, &c);
    static const char *headers[] = {"Medlem", "Gjort vid mötet", "Del av styrningen", "Operativt mål", "Åtagande",
                                    "Redovisat vid mötet", "Utfall", "Redovisning", "Läge"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t t;
    export_init(&t, &req->arena, "Åtaganden", 9, headers, kinds);
    /* One row per report, and one for a commitment not yet reported. */
    for (size_t i = 0; i < nc; i++) {
        bool any = false;
        for (size_t j = 0; j <= nr; j++) {
            if (j < nr && r[j].commitment_id != c[i].id)
                continue;
            if (j == nr && any)
                break;
            export_cell_t *x = export_add_row(&t);
            x[0].text = c[i].organiser;
            x[1].text = c[i].made_on;
            x[2].text = network_aspect_label(c[i].aspect);
            x[3].text = c[i].goal;
            x[4].text = c[i].action;
            if (j < nr) {
                any = true;
                x[5].text = r[j].held_on;
                x[6].text = network_outcome_label(r[j].outcome);
                x[7].text = r[j].text;
            }
            x[8].text = c[i].open ? "Pågår" : "Genomfört";
        }
    }
    return export_respond(req, &t, "ataganden");
}

static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_create[] = {{"name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL},
                                        {"kind", P_CHOICE, PARAM_REQUIRED, "Slag", 0, 0, network_kind_keys},
                                        {"convener", P_TEXT, 0, "Sammankallande", 0, 200, NULL},
                                        {"description", P_TEXT, 0, "Syfte", 0, 2000, NULL}, PARAM_END};
static const param_spec_t p_member[] = {PARAM_ID, {"orgnr", P_ORGNR, PARAM_REQUIRED, "Huvudmannens organisationsnummer",
                                                   0, 0, NULL}, PARAM_END};
static const param_spec_t p_rep[] = {PARAM_ID, {"member", P_INT, PARAM_REQUIRED, "Medlem", 1, 1000000000, NULL},
                                     {"level", P_CHOICE, PARAM_REQUIRED, "Nivå", 0, 0, network_level_keys},
                                     {"rep_name", P_TEXT, PARAM_REQUIRED, "Namn", 0, 200, NULL},
                                     {"email", P_EMAIL, 0, "E-postadress", 0, 0, NULL}, PARAM_END};
static const param_spec_t p_meeting[] = {PARAM_ID, {"held_on", P_DATE, PARAM_REQUIRED, "Dag", 0, 0, NULL},
                                         {"place", P_TEXT, 0, "Plats eller länk", 0, 300, NULL}, PARAM_END};

const route_t networks_routes[] = {
    {"GET", "/networks", list_page, CAP_NETWORK_READ, ROUTE_KEPT, p_none},
    {"POST", "/networks", create_submit, CAP_NETWORK_KEEP, ROUTE_FORM, p_create},
    {"GET", "/networks/{id}", network_page, CAP_NETWORK_READ, ROUTE_KEPT, p_id},
    {"POST", "/networks/{id}/members", member_submit, CAP_NETWORK_KEEP, ROUTE_FORM, p_member},
    {"POST", "/networks/{id}/reps", rep_submit, CAP_NETWORK_KEEP, ROUTE_FORM, p_rep},
    {"POST", "/networks/{id}/meetings", meeting_submit, CAP_NETWORK_KEEP, ROUTE_FORM, p_meeting},
    {"GET", "/networks/{id}/commitments.csv", commitments_export, CAP_NETWORK_READ, ROUTE_KEPT, p_id},
    {"GET", "/networks/{id}/commitments.xlsx", commitments_export, CAP_NETWORK_READ, ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
