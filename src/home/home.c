/* home.c — the start page: what each role needs first. */
#include "home.h"
#include "../html/layout.h"
#include "../register/register.h"
#include "../cases/cases.h"
#include "../cases/deadlines.h"
#include "../selection/rounds.h"
#include <string.h>

static void figure(buf_t *o, const char *label, int64_t v)
{
    html_raw(o, "<div class=\"figure\"><span class=\"figure-value\">");
    html_int(o, v);
    html_printf(o, "</span><span class=\"figure-label\">%s</span></div>\n", label);
}

static void national_figures(request_t *req)
{
    reg_counts_t c;
    register_counts(req->db, &c);
    html_raw(&req->body, "<section class=\"figures\" aria-label=\"Registret i siffror\">\n");
    figure(&req->body, "huvudmän", c.organisers);
    figure(&req->body, "skolenheter", c.school_units);
    figure(&req->body, "förskoleenheter", c.preschools);
    figure(&req->body, "kommuner", c.municipalities);
    html_raw(&req->body, "</section>\n");
}

/* The cases the viewer may see (the store's scope: a supporter's own, an organiser's own,
 * a university's own, the agency's all). */
static void collaborations(request_t *req)
{
    buf_t *o = &req->body;
    case_filter_t f = {0};
    case_row_t *rows;
    size_t n = cases_list(req->db, &req->viewer, &f, &req->arena, &rows);
    if (!n) {
        html_raw(o, "<p class=\"empty\">Inga ärenden att visa.</p>\n");
        return;
    }
    html_raw(o, "<h2>Huvudmän i samverkan</h2>\n" TABLE_OPEN("Huvudmän i samverkan") "<thead><tr>"
                "<th scope=\"col\">Huvudman</th><th scope=\"col\">Urval</th><th scope=\"col\">Beslutsdatum</th>"
                "<th scope=\"col\">Lärosäte</th><th scope=\"col\">Fas</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td><a href=\"/cases/%lld\">%s</a></td><td>%s</td><td class=\"nowrap\">%s</td>"
                       "<td>%s</td><td>%s</td></tr>\n",
                    (long long)rows[i].id, rows[i].organiser, rows[i].round_name, rows[i].decision_date,
                    rows[i].university, case_phase_label(rows[i].phase));
    html_raw(o, "</tbody>" TABLE_CLOSE);
}

/* Offers waiting for the organiser's answer, first on its start page. */
static void pending_offers(request_t *req)
{
    offer_t *f;
    size_t n = offers_list(req->db, &req->viewer, 0, &req->arena, &f);
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].status, "pending") == 0)
            html_printf(&req->body, "<div class=\"notice\" role=\"status\"><h2>Erbjudande om samverkan</h2><p>Skolverket "
                                    "har erbjudit %s att delta i Samverkan för bästa skola (%s, beslut %s). "
                                    "<a href=\"/offers/%lld\">Läs erbjudandet och svara</a></p></div>\n",
                        f[i].organiser, f[i].round_name, f[i].decision_date ? f[i].decision_date : "",
                        (long long)f[i].id);
}

static void reader_overview(request_t *req)
{
    const char **names;
    int64_t *orgs, *units;
    size_t n = register_counts_by_county(req->db, &req->arena, &names, &orgs, &units);
    buf_t *o = &req->body;
    html_raw(o, "<h2>Huvudmän och enheter per län</h2>\n" TABLE_OPEN("Huvudmän och enheter per län") "<thead><tr>"
                "<th scope=\"col\">Län</th><th scope=\"col\" class=\"num\">Huvudmän (kommunala)</th>"
                "<th scope=\"col\" class=\"num\">Enheter</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"num\">", names[i]);
        html_int(o, orgs[i]);
        html_raw(o, "</td><td class=\"num\">");
        html_int(o, units[i]);
        html_raw(o, "</td></tr>\n");
    }
    html_raw(o, "</tbody></table></div>\n");
}

int home_page(request_t *req)
{
    layout_begin(req, "Start");
    buf_t *o = &req->body;
    html_printf(o, "<p class=\"lead\">Välkommen, %s. Du är inloggad som %s.</p>\n", req->viewer.name,
                role_label(req->viewer.role));
    switch (req->viewer.role) {
    case ROLE_ADMIN:
    case ROLE_ANALYST:
        national_figures(req);
        html_raw(o, "<p class=\"actions\"><a class=\"button\" href=\"/rounds\">Urvalsomgångar</a> "
                    "<a class=\"button secondary\" href=\"/import\">Importera filer</a> "
                    "<a class=\"button secondary\" href=\"/organisers\">Sök huvudmän</a></p>\n");
        cases_start_sections(req);
        collaborations(req);
        break;
    case ROLE_SUPPORTER:
        cases_start_sections(req);
        collaborations(req);
        break;
    case ROLE_FINANCE:
        national_figures(req);
        cases_start_sections(req);
        collaborations(req);
        break;
    case ROLE_ORGANISER:
    case ROLE_HEAD:
    case ROLE_GROUP: {
        if (req->viewer.role == ROLE_ORGANISER)
            pending_offers(req);
        cases_start_sections(req);
        reg_filter_t f = {.page = 1, .per_page = 1};
        reg_organiser_t *org;
        long long total;
        if (register_list_organisers(req->db, &req->viewer, &f, &req->arena, &org, &total) == 1)
            html_printf(o, "<div class=\"card\"><h2>%s</h2><p>%lld enheter i registret.</p>"
                           "<p><a href=\"/organisers/%s\">Visa huvudmannen och enheterna</a></p></div>\n",
                        org->name, (long long)org->units, org->orgnr);
        collaborations(req);
        break;
    }
    case ROLE_UNIVERSITY:
        html_printf(o, "<p>Lärosäte: %s</p>\n", req->viewer.university ? req->viewer.university : "");
        collaborations(req);
        cases_start_sections(req);
        break;
    case ROLE_READER:
        national_figures(req);
        reader_overview(req);
        break;
    default:
        break;
    }
    layout_end(req);
    return respond_html(req, 200);
}

int home_health(request_t *req)
{
    int64_t v = db_query_int(req->db, "SELECT MAX(version) FROM schema_migrations", NULL, -1);
    return respond_json_text(req, v > 0 ? 200 : 503, strdup(v > 0 ? "{\"status\":\"ok\"}" : "{\"status\":\"db\"}"));
}
