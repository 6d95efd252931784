/* start.c — the meetings parts of the start page: a head's or group member's own
 * analysis groups, and everyone's meetings of the next two weeks (a university's visits
 * only), all through the case and group scopes in one query each. */
#include "parts.h"
#include "../base/fmt.h"

static void own_groups(request_t *req)
{
    if (!access_may(&req->viewer, CAP_GROUP_OWN_LIST))
        return;
    buf_t *o = &req->body;
    meeting_own_group_t *g;
    size_t n = meetings_own_groups(req->db, &req->viewer, &req->arena, &g);
    html_lit(o, "<h2>Min analysgrupp</h2>\n<ul class=\"links\">");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li><a href=\"/groups/%lld\">%s</a> (%s)</li>", (long long)g[i].id, g[i].name, g[i].organiser);
    if (!n)
        html_lit(o, "<li class=\"muted\">Ingen analysgrupp än.</li>");
    html_lit(o, "</ul>\n");
}

static void upcoming(request_t *req)
{
    if (!access_may(&req->viewer, CAP_CASE_READ))
        return;
    buf_t *o = &req->body;
    char from[11], to[11];
    fmt_today(from, 0);
    fmt_today(to, 14);
    meeting_upcoming_t *m;
    size_t n = meetings_upcoming(req->db, &req->viewer, from, to,
                                 access_may(&req->viewer, CAP_MEETING_VISITS_ONLY) ? "visit" : NULL, 20, &req->arena, &m);
    html_lit(o, "<h2>Kommande möten</h2>\n<ul class=\"due\">");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<li><time>%s</time> <a href=\"/meetings/%lld\">%s</a> – %s%s%s</li>", m[i].m.starts_at,
                    (long long)m[i].m.id, meeting_label(m[i].m.kind, m[i].m.purpose), m[i].organiser,
                    *m[i].m.group_name ? ", " : "", m[i].m.group_name);
    if (!n)
        html_lit(o, "<li class=\"muted\">Inga möten de närmaste två veckorna.</li>");
    html_lit(o, "</ul>\n");
}

const start_section_t meetings_start_sections[] = {
    {35, own_groups, true},
    {50, upcoming, true},
    {0, NULL, false},
};
