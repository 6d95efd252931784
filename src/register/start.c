/* start.c — the register's parts of the start page: national totals, the own organiser
 * for its users, and organisers and units per county for readers (aggregates only). */
#include "parts.h"

static void figure(buf_t *o, const char *label, int64_t v)
{
    html_lit(o, "<div class=\"figure\"><span class=\"figure-value\">");
    html_int(o, v);
    html_printf(o, "</span><span class=\"figure-label\">%s</span></div>\n", label);
}

static void national_figures(request_t *req)
{
    if (!access_may(&req->viewer, CAP_NATIONAL_FIGURES))
        return;
    reg_counts_t c;
    register_counts(req->db, &c);
    html_lit(&req->body, "<section class=\"figures\" aria-label=\"Registret i siffror\">\n");
    figure(&req->body, "huvudmän", c.organisers);
    figure(&req->body, "skolenheter", c.school_units);
    figure(&req->body, "förskoleenheter", c.preschools);
    figure(&req->body, "kommuner", c.municipalities);
    html_lit(&req->body, "</section>\n");
}

static void own_organiser(request_t *req)
{
    if (!access_may(&req->viewer, CAP_REGISTER_OWN))
        return;
    reg_filter_t f = {.page = 1, .per_page = 1};
    reg_organiser_t *org;
    long long total;
    if (register_list_organisers(req->db, &req->viewer, &f, &req->arena, &org, &total) == 1)
        html_printf(&req->body, "<div class=\"card\"><h2>%s</h2><p>%lld enheter i registret.</p>"
                                "<p><a href=\"/organisers/%s\">Visa huvudmannen och enheterna</a></p></div>\n",
                    org->name, (long long)org->units, org->orgnr);
}

static void county_overview(request_t *req)
{
    if (!access_may(&req->viewer, CAP_COUNTY_OVERVIEW))
        return;
    const char **names;
    int64_t *orgs, *units;
    size_t n = register_counts_by_county(req->db, &req->arena, &names, &orgs, &units);
    buf_t *o = &req->body;
    html_lit(o, "<h2>Huvudmän och enheter per län</h2>\n" TABLE_OPEN("Huvudmän och enheter per län") "<thead><tr>"
                "<th scope=\"col\">Län</th><th scope=\"col\" class=\"num\">Huvudmän (kommunala)</th>"
                "<th scope=\"col\" class=\"num\">Enheter</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"num\">", names[i]);
        html_int(o, orgs[i]);
        html_lit(o, "</td><td class=\"num\">");
        html_int(o, units[i]);
        html_lit(o, "</td></tr>\n");
    }
    html_lit(o, "</tbody></table></div>\n");
}

const start_section_t register_start_sections[] = {
    {10, national_figures, false},
    {60, own_organiser, false},
    {80, county_overview, false},
    {0, NULL, false},
};
