/* pages.c — the register's HTML pages: organisers and units, lists and detail. */
#include "parts.h"

PLUGIN_SET(unit_parts);
#include "../base/fmt.h"
#include "../io/export.h"
#include <math.h>
#include <string.h>

reg_filter_t register_filter_from(request_t *req, long long per_page)
{
    reg_filter_t f = {0};
    f.q = req_param(req, "q");
    f.kind = req_param(req, "kind");
    f.county = req_param(req, "county");
    f.form = req_param(req, "form");
    f.page = req_param_int(req, "page", 1);
    f.per_page = per_page;
    return f;
}

const char *register_filter_query(request_t *req, const reg_filter_t *f)
{
    buf_t b = BUF_INIT;
    const char *keys[] = {"q", "kind", "county", "form"};
    const char *vals[] = {f->q, f->kind, f->county, f->form};
    for (size_t i = 0; i < 4; i++) {
        if (vals[i] && *vals[i]) {
            buf_printf(&b, "%s=", keys[i]);
            html_url(&b, vals[i]);
            buf_putc(&b, '&');
        }
    }
    const char *s = arena_strdup(&req->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

bool register_load_organiser_view(request_t *req, organiser_view_t *v)
{
    v->org = register_get_organiser(req->db, &req->viewer, req_param(req, "orgnr"), &req->arena);
    if (!v->org) {
        respond_error(req, 404, "Huvudmannen finns inte, eller så har du inte tillgång till den.");
        return false;
    }
    v->nunits = register_organiser_units(req->db, v->org, &req->arena, &v->units);
    v->nstats = register_organiser_latest_stats(req->db, v->org, &req->arena, &v->stats);
    return true;
}

void register_unit_parts(request_t *req, const reg_unit_t *u)
{
    for (size_t idx = 0; idx < PLUGIN_COUNT(unit_parts); idx++) {
        const unit_part_t *part = PLUGIN_AT(unit_parts, idx);
        part->section(req, u);
    }
}

static const reg_national_t *find_national(const reg_national_t *nat, size_t nn, const char *variable, int year)
{
    for (size_t i = 0; i < nn; i++)
        if (nat[i].year == year && strcmp(nat[i].variable, variable) == 0)
            return &nat[i];
    return NULL;
}

void register_stats_table(request_t *req, const reg_stat_t *stats, size_t n, const reg_national_t *nat, size_t nn)
{
    buf_t *o = &req->body;
    if (!n) {
        html_lit(o, "<p class=\"empty\">Ingen statistik är importerad för enheten.</p>\n");
        return;
    }
    /* Years as columns (newest first), variables as rows; with national figures, each
     * variable's row is followed by the country's for the same years. */
    int years[16] = {0};
    size_t ny = 0;
    for (size_t i = 0; i < n && ny < 16; i++)
        if (!ny || years[ny - 1] != stats[i].year)
            years[ny++] = stats[i].year;
    html_lit(o, TABLE_OPEN("Statistik") "\n<thead><tr><th scope=\"col\">Uppgift</th>");
    for (size_t y = 0; y < ny; y++)
        if (years[y])
            html_printf(o, "<th scope=\"col\" class=\"num\">%d</th>", years[y]);
        else
            html_lit(o, "<th scope=\"col\" class=\"num\">Registret</th>");
    html_lit(o, "</tr></thead>\n<tbody>\n");
    for (const reg_variable_t *v = register_variables; v->key; v++) {
        bool any = false;
        for (size_t i = 0; i < n && !any; i++)
            any = strcmp(stats[i].variable, v->key) == 0;
        if (!any)
            continue;
        html_printf(o, "<tr><th scope=\"row\">%s</th>", v->label);
        bool national = false;
        for (size_t y = 0; y < ny; y++) {
            const reg_stat_t *s = NULL;
            for (size_t i = 0; i < n && !s; i++)
                if (stats[i].year == years[y] && strcmp(stats[i].variable, v->key) == 0)
                    s = &stats[i];
            national = national || (years[y] && find_national(nat, nn, v->key, years[y]));
            html_lit(o, "<td class=\"num\">");
            register_stat_cell(o, s);
            html_lit(o, "</td>");
        }
        html_lit(o, "</tr>\n");
        if (!national)
            continue;
        html_printf(o, "<tr class=\"national\"><th scope=\"row\" class=\"muted\">Riket: %s</th>", v->label);
        for (size_t y = 0; y < ny; y++) {
            const reg_national_t *x = years[y] ? find_national(nat, nn, v->key, years[y]) : NULL;
            reg_stat_t s = {.variable = v->key, .flag = "", .value = x ? x->value : 0};
            html_lit(o, "<td class=\"num muted\">");
            register_stat_cell(o, x ? &s : NULL);
            html_lit(o, "</td>");
        }
        html_lit(o, "</tr>\n");
    }
    html_lit(o, "</tbody></table></div>\n<p class=\"hint\">År = kalenderåret då läsåret slutar "
                "(2024/25 redovisas som 2025).");
    if (nn)
        html_lit(o, " Riket är medelvärdet över alla enheter med en uppgift det året.");
    html_lit(o, "</p>\n");
}

void register_stat_cell(buf_t *o, const reg_stat_t *s)
{
    if (!s) {
        html_lit(o, "<span class=\"muted\" title=\"Ingen uppgift\">–</span>");
        return;
    }
    const reg_variable_t *v = register_variable(s->variable);
    int decimals = v ? v->decimals : 1;
    if (strcmp(s->flag, "missing") == 0) {
        html_lit(o, "<span class=\"muted\" title=\"Uppgift saknas\">saknas</span>");
    } else if (strcmp(s->flag, "suppressed") == 0) {
        html_lit(o, "<span class=\"muted\" title=\"För få elever för att redovisas\">för få</span>");
    } else {
        if (strcmp(s->flag, "rounded") == 0)
            html_lit(o, "<span title=\"Avrundat värde\">~</span>");
        html_decimal(o, s->value, decimals);
        if (v && strcmp(v->unit, "%") == 0)
            html_lit(o, FMT_NBSP "%");
        if (strcmp(s->flag, "implausible") == 0)
            html_lit(o, " <span class=\"flag\" title=\"Orimligt värde: sparat men flaggat\">orimligt</span>");
    }
}

void register_stat_export(const reg_stat_t *s, export_cell_t *cell)
{
    if (s && !isnan(s->value)) {
        cell->number = s->value;
        cell->empty = false;
    }
}

static void kind_options(request_t *req, const char *selected)
{
    html_lit(&req->body, "<option value=\"\">Alla typer</option>");
    for (const char *const *k = register_kind_keys; *k; k++)
        html_printf(&req->body, "<option value=\"%s\"%s>%s</option>", *k,
                    strcmp(*k, selected) == 0 ? " selected" : "", register_kind_label(*k));
}

static void county_options(request_t *req, const char *selected)
{
    const char **codes, **names;
    size_t n = register_list_counties(req->db, &req->arena, &codes, &names);
    html_lit(&req->body, "<option value=\"\">Alla län</option>");
    for (size_t i = 0; i < n; i++)
        html_printf(&req->body, "<option value=\"%s\"%s>%s</option>", codes[i],
                    strcmp(codes[i], selected) == 0 ? " selected" : "", names[i]);
}

static void search_form(request_t *req, const char *action, const reg_filter_t *f, bool units)
{
    buf_t *o = &req->body;
    html_printf(o, "<form method=\"get\" action=\"%s\" class=\"search card\" role=\"search\">\n", action);
    html_printf(o, "<div class=\"field grow\"><label for=\"f-q\">Sök</label>"
                   "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\" "
                   "aria-describedby=\"q-hint\"><p class=\"hint\" id=\"q-hint\">%s</p></div>\n",
                f->q, units ? "Namn, enhetskod, huvudman eller kommun" : "Namn, organisationsnummer eller kommun");
    html_lit(o, "<div class=\"field\"><label for=\"f-kind\">Typ av huvudman</label><select id=\"f-kind\" name=\"kind\">");
    kind_options(req, f->kind);
    html_lit(o, "</select></div>\n<div class=\"field\"><label for=\"f-county\">Län</label><select id=\"f-county\" name=\"county\">");
    county_options(req, f->county);
    html_lit(o, "</select></div>\n");
    if (units) {
        html_lit(o, "<div class=\"field\"><label for=\"f-form\">Skolform</label><select id=\"f-form\" name=\"form\">"
                    "<option value=\"\">Alla skolformer</option>");
        for (int i = 0; i < SCHOOL_FORM_COUNT; i++)
            html_printf(o, "<option value=\"%s\"%s>%s</option>", register_form_key(i),
                        strcmp(register_form_key(i), f->form) == 0 ? " selected" : "",
                        register_form_label_by_key(register_form_key(i)));
        html_lit(o, "</select></div>\n");
    }
    html_lit(o, "<div class=\"field actions\"><button type=\"submit\" class=\"button\">Sök</button></div>\n</form>\n");
}

static void result_bar(request_t *req, const char *base, const char *query, long long total, const char *noun)
{
    buf_t *o = &req->body;
    html_lit(o, "<div class=\"result-bar\"><p role=\"status\">");
    html_int(o, total);
    html_printf(o, " %s</p><p class=\"exports\">Exportera: "
                   "<a href=\"%s.csv?%s\">CSV</a> · <a href=\"%s.xlsx?%s\">Excel (XLSX)</a></p></div>\n",
                noun, base, query, base, query);
}

static int register_organisers_page(request_t *req)
{
    reg_filter_t f = register_filter_from(req, REGISTER_PER_PAGE);
    reg_organiser_t *rows;
    long long total;
    size_t n = register_list_organisers(req->db, &req->viewer, &f, &req->arena, &rows, &total);
    bool own_only = access_may(&req->viewer, CAP_REGISTER_OWN);
    layout_begin(req, own_only ? "Min huvudman" : "Huvudmän");
    buf_t *o = &req->body;
    if (!own_only)
        search_form(req, "/organisers", &f, false);
    const char *query = register_filter_query(req, &f);
    result_bar(req, "/organisers", query, total, total == 1 ? "huvudman" : "huvudmän");
    if (n == 0) {
        html_lit(o, "<p class=\"empty\">Inga huvudmän matchar sökningen.</p>\n");
    } else {
        html_lit(o, TABLE_OPEN("Huvudmän") "\n<thead><tr>"
                    "<th scope=\"col\">Huvudman</th><th scope=\"col\">Organisationsnummer</th>"
                    "<th scope=\"col\">Typ</th><th scope=\"col\">Kommun</th><th scope=\"col\">Län</th>"
                    "<th scope=\"col\" class=\"num\">Enheter</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < n; i++) {
            const reg_organiser_t *r = &rows[i];
            html_printf(o, "<tr><td><a href=\"/organisers/%s\">%s</a></td><td class=\"nowrap\">%s</td><td>%s</td>"
                           "<td>%s</td><td>%s</td><td class=\"num\">",
                        r->orgnr, r->name, register_orgnr_display(&req->arena, r->orgnr),
                        register_kind_label(r->kind), r->municipality ? r->municipality : (r->postal_town ? r->postal_town : ""),
                        r->county ? r->county : "");
            html_int(o, r->units);
            html_lit(o, "</td></tr>\n");
        }
        html_lit(o, "</tbody></table></div>\n");
    }
    widget_pager(req, arena_printf(&req->arena, "/organisers?%s", query), f.page, f.per_page, total);
    layout_end(req);
    return respond_html(req, 200);
}

/* The organiser page's two unit tables: school units and preschools, each with the
 * statistics that describe it, under short headings. */
typedef struct stat_column {
    const char *variable, *heading;
} stat_column_t;

static const stat_column_t school_columns[] = {
    {"pupils_1_9", "Elever åk 1–9"}, {"merit17", "Meritvärde (17)"},
    {"pass_all", "Godkända i alla ämnen"}, {"foreign_bg", "Utländsk bakgrund"},
};
static const stat_column_t preschool_columns[] = {
    {"children", "Barn"}, {"degree_share", "Förskollärarexamen"}, {"children_per_staff", "Barn per heltidstjänst"},
};

static void unit_table(request_t *req, const organiser_view_t *v, bool preschools, const stat_column_t *cols,
                       size_t ncols)
{
    buf_t *o = &req->body;
    size_t shown = 0;
    for (size_t i = 0; i < v->nunits; i++) {
        const reg_unit_t *u = &v->units[i];
        bool is_preschool = (register_forms_parse(u->school_forms) & FORM_FORSKOLA) != 0;
        if (is_preschool != preschools)
            continue;
        if (!shown++) {
            html_printf(o, "<h3>%s</h3>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table class=\"data\">\n<thead><tr>"
                           "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>%s<th scope=\"col\">Kommun</th>",
                        preschools ? "Förskolor" : "Skolenheter", preschools ? "Förskolor" : "Skolenheter",
                        preschools ? "Förskola" : "Skolenhet", preschools ? "Id" : "Kod", "");
            if (!preschools)
                html_lit(o, "<th scope=\"col\">Skolformer</th>");
            for (size_t k = 0; k < ncols; k++)
                html_printf(o, "<th scope=\"col\" class=\"num\">%s</th>", cols[k].heading);
            html_lit(o, "</tr></thead>\n<tbody>\n");
        }
        html_printf(o, "<tr><td><a href=\"/units/%s\">%s</a></td><td>%s</td><td>%s</td>", u->code, u->name, u->code,
                    u->municipality ? u->municipality : "");
        if (!preschools)
            html_printf(o, "<td>%s</td>", register_forms_label(&req->arena, u->school_forms));
        for (size_t k = 0; k < ncols; k++) {
            html_lit(o, "<td class=\"num\">");
            register_stat_cell(o, register_find_stat(v->stats, v->nstats, u->id, cols[k].variable));
            html_lit(o, "</td>");
        }
        html_lit(o, "</tr>\n");
    }
    if (shown)
        html_lit(o, "</tbody></table></div>\n");
}

static void facts_row(buf_t *o, const char *term, const char *value)
{
    if (value && *value)
        html_printf(o, "<dt>%s</dt><dd>%s</dd>\n", term, value);
}

static int register_organiser_page(request_t *req)
{
    organiser_view_t view;
    if (!register_load_organiser_view(req, &view))
        return req->status;
    const reg_organiser_t *org = view.org;
    size_t n = view.nunits;
    layout_begin(req, org->name);
    buf_t *o = &req->body;
    html_lit(o, "<dl class=\"facts\">\n");
    facts_row(o, "Organisationsnummer", register_orgnr_display(&req->arena, org->orgnr));
    facts_row(o, "Typ av huvudman", register_kind_label(org->kind));
    facts_row(o, "Juridisk form", org->legal_form);
    facts_row(o, "Kommun", org->municipality);
    facts_row(o, "Län", org->county);
    facts_row(o, "Postort", org->postal_town);
    facts_row(o, "Skolformer", register_forms_label(&req->arena, org->school_forms));
    html_lit(o, "<dt>Enheter</dt><dd>");
    html_int(o, (int64_t)n);
    html_lit(o, "</dd>\n</dl>\n");
    html_lit(o, "<h2>Enheter och senaste statistik</h2>\n");
    html_printf(o, "<p class=\"exports\">Exportera enheterna: <a href=\"/organisers/%s/units.csv\">CSV</a> · "
                   "<a href=\"/organisers/%s/units.xlsx\">Excel (XLSX)</a></p>\n", org->orgnr, org->orgnr);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Huvudmannen har inga enheter i registret.</p>\n");
    } else {
        unit_table(req, &view, false, school_columns, sizeof school_columns / sizeof school_columns[0]);
        unit_table(req, &view, true, preschool_columns, sizeof preschool_columns / sizeof preschool_columns[0]);
        html_lit(o, "<p class=\"hint\">Senaste år som finns för varje uppgift; andelar i procent. "
                    "”för få” betyder att Skolverket inte redovisar värdet eftersom eleverna är för få.</p>\n");
    }
    layout_end(req);
    return respond_html(req, 200);
}

static int register_units_page(request_t *req)
{
    reg_filter_t f = register_filter_from(req, REGISTER_PER_PAGE);
    reg_unit_t *rows;
    long long total;
    size_t n = register_list_units(req->db, &req->viewer, &f, &req->arena, &rows, &total);
    layout_begin(req, "Enheter");
    buf_t *o = &req->body;
    search_form(req, "/units", &f, true);
    const char *query = register_filter_query(req, &f);
    result_bar(req, "/units", query, total, total == 1 ? "enhet" : "enheter");
    if (n == 0) {
        html_lit(o, "<p class=\"empty\">Inga enheter matchar sökningen.</p>\n");
    } else {
        html_lit(o, TABLE_OPEN("Enheter") "\n<thead><tr><th scope=\"col\">Enhet</th>"
                    "<th scope=\"col\">Kod</th><th scope=\"col\">Huvudman</th><th scope=\"col\">Skolformer</th>"
                    "<th scope=\"col\">Kommun</th><th scope=\"col\" class=\"num\">Elever</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < n; i++) {
            const reg_unit_t *u = &rows[i];
            html_printf(o, "<tr><td><a href=\"/units/%s\">%s</a></td><td>%s</td>"
                           "<td><a href=\"/organisers/%s\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">",
                        u->code, u->name, u->code, u->orgnr, u->organiser,
                        register_forms_label(&req->arena, u->school_forms), u->municipality ? u->municipality : "");
            if (u->pupils >= 0)
                html_int(o, u->pupils);
            html_lit(o, "</td></tr>\n");
        }
        html_lit(o, "</tbody></table></div>\n");
    }
    widget_pager(req, arena_printf(&req->arena, "/units?%s", query), f.page, f.per_page, total);
    layout_end(req);
    return respond_html(req, 200);
}

static int register_unit_page(request_t *req)
{
    reg_unit_t *u = register_get_unit(req->db, &req->viewer, req_param(req, "code"), &req->arena);
    if (!u)
        return respond_error(req, 404, "Enheten finns inte, eller så har du inte tillgång till den.");
    reg_stat_t *stats;
    size_t n = register_unit_stats(req->db, u, &req->arena, &stats);
    layout_begin(req, u->name);
    buf_t *o = &req->body;
    html_lit(o, "<dl class=\"facts\">\n");
    facts_row(o, strlen(u->code) == 6 ? "Skolverkets id" : "Skolenhetskod", u->code);
    html_printf(o, "<dt>Huvudman</dt><dd><a href=\"/organisers/%s\">%s</a></dd>\n", u->orgnr, u->organiser);
    facts_row(o, "Skolformer", register_forms_label(&req->arena, u->school_forms));
    facts_row(o, "Årskurser", u->grades);
    facts_row(o, "Kommun", u->municipality);
    facts_row(o, "Län", u->county);
    facts_row(o, "Adress", u->address ? arena_printf(&req->arena, "%s%s%s", u->address, u->postal_town ? ", " : "",
                                                     u->postal_town ? u->postal_town : "") : NULL);
    if (u->pupils >= 0) {
        html_lit(o, "<dt>Elever (registret)</dt><dd>");
        html_int(o, u->pupils);
        html_lit(o, "</dd>\n");
    }
    html_lit(o, "</dl>\n<h2>Statistik</h2>\n");
    register_stats_table(req, stats, n, NULL, 0);
    register_unit_parts(req, u);
    layout_end(req);
    return respond_html(req, 200);
}

static const param_spec_t p_list[] = {REGISTER_FILTER_PARAMS, PARAM_END};
static const param_spec_t p_orgnr[] = {{"orgnr", P_ORGNR, PARAM_PATH, "Organisationsnummer", 0, 0, NULL}, PARAM_END};
static const param_spec_t p_code[] = {{"code", P_UNIT_CODE, PARAM_PATH, "Enhetskod", 0, 0, NULL}, PARAM_END};

const route_t register_page_routes[] = {
    {"GET", "/organisers", register_organisers_page, CAP_REGISTER_READ, ROUTE_KEPT, p_list},
    {"GET", "/organisers/{orgnr}", register_organiser_page, CAP_REGISTER_READ, ROUTE_KEPT, p_orgnr},
    {"GET", "/units", register_units_page, CAP_REGISTER_READ, ROUTE_KEPT, p_list},
    {"GET", "/units/{code}", register_unit_page, CAP_REGISTER_READ, ROUTE_KEPT, p_code},
    {NULL, NULL, NULL, 0, 0, NULL},
};
