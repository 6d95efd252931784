/* ledger_pages.c — the agency's cost table for a year as seed 003 §11 reports it (page,
 * CSV/XLSX, PDF), with the outcome against the forecast per category as a chart; the
 * forms for the forecasts and the import of the economy system's files; the mapping of
 * accounts to categories. */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include "../io/pdf_doc.h"
#include "../io/svg_chart.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

static int chosen_year(request_t *req)
{
    int year = (int)req_param_int(req, "year", 0);
    if (year)
        return year;
    char today[11];
    fmt_today(today, 0);
    return (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 + (today[3] - '0');
}

static void cost_table(request_t *req, const money_cost_table_t *t)
{
    buf_t *o = &req->body;
    html_printf(o, TABLE_OPEN("Kostnader") "<caption>Kostnaderna under %d för Samverkan för bästa skola</caption>"
                   "<thead><tr><th scope=\"col\">Kategori</th><th scope=\"col\" class=\"num\">Utfall</th>"
                   "<th scope=\"col\" class=\"num\">Prognos</th></tr></thead><tbody>", t->year);
    for (int k = 0; k < MONEY_CATEGORIES; k++) {
        const money_cost_row_t *r = &t->rows[k];
        html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", r->label,
                    money_text(req, r->outcome), r->forecast >= 0 ? money_text(req, r->forecast) : "–");
        for (size_t s = 0; s < r->nsublines; s++)
            html_printf(o, "<tr class=\"sub\"><td>– varav %s</td><td class=\"num\">%s</td><td></td></tr>",
                        r->sublines[s]->subline, money_text(req, r->sublines[s]->amount));
    }
    html_printf(o, "</tbody><tfoot><tr><th scope=\"row\">Totalt</th><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                   "</tr></tfoot>" TABLE_CLOSE, money_text(req, t->total),
                t->total_forecast ? money_text(req, t->total_forecast) : "–");
}

/* Outcome and forecast per category as bars, in whole kronor. */
void money_outcome_chart(request_t *req, const money_cost_table_t *t)
{
    static const char *const short_names[] = {"Team", "Bidrag och köpta tjänster (1:5)", "Köpta tjänster m.m. (1:1)",
                                              "Utvärdering"};
    const char *labels[MONEY_CATEGORIES * 2];
    long long values[MONEY_CATEGORIES * 2];
    size_t n = 0;
    for (int k = 0; k < MONEY_CATEGORIES; k++) {
        labels[n] = arena_printf(&req->arena, "%s, utfall", short_names[k]);
        values[n++] = (long long)(t->rows[k].outcome / 100);
        labels[n] = arena_printf(&req->arena, "%s, prognos", short_names[k]);
        values[n++] = (long long)(t->rows[k].forecast > 0 ? t->rows[k].forecast / 100 : 0);
    }
    svg_bars(&req->body, arena_printf(&req->arena, "Utfall och prognos %d (kr)", t->year), labels, values, n);
}

static int ledger_view(request_t *req, int status, const char *notice, const char *done)
{
    int year = chosen_year(req);
    money_cost_table_t t;
    money_year_costs(req->db, year, &req->arena, &t);
    layout_begin(req, arena_printf(&req->arena, "Kostnader %d", year));
    buf_t *o = &req->body;
    if (done)
        widget_notice(req, "success", done);
    if (notice)
        widget_notice(req, "error", notice);
    widget_error_summary(req);
    int *years;
    size_t ny = money_years(req->db, &req->arena, &years);
    html_lit(o, "<p>");
    for (size_t i = 0; i < ny; i++)
        html_printf(o, "%s<a href=\"/ledger?year=%d\">%d</a>", i ? " · " : "År: ", years[i], years[i]);
    html_printf(o, "%s<a href=\"/ledger/%d/costs.csv\">CSV</a> · <a href=\"/ledger/%d/costs.xlsx\">XLSX</a> · "
                   "<a href=\"/ledger/%d/costs.pdf\">PDF</a> · <a href=\"/ledger/mapping\">Koppling av konton</a> · "
                   "<a href=\"/grants\">Medel per huvudman</a></p>", ny ? " — " : "", year, year, year);
    cost_table(req, &t);
    money_outcome_chart(req, &t);
    html_printf(o, "<form method=\"post\" action=\"/ledger/forecasts\" class=\"card form narrow\" novalidate>"
                   "<h2>Prognos för %d</h2><input type=\"hidden\" name=\"year\" value=\"%d\">", year, year);
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-category\">Kategori</label><select id=\"f-category\" "
                "name=\"category\">");
    for (int k = 0; k < MONEY_CATEGORIES; k++)
        html_printf(o, "<option value=\"%s\">%s</option>", money_category_keys[k],
                    money_category_label(money_category_keys[k]));
    html_lit(o, "</select></div>");
    widget_input(req, "forecast", "Prognos (kr)", "text", req_param(req, "forecast"), NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara prognosen</button></form>");
    html_lit(o, "<form method=\"post\" action=\"/ledger/import\" enctype=\"multipart/form-data\" class=\"card form narrow\" "
                "novalidate><h2>Läs in från ekonomisystemet</h2><p class=\"hint\" id=\"h-file\">En SIE-fil (typ 4, "
                "teckentabell PC8) eller en CSV- eller XLSX-fil med kolumnerna Datum, Konto, Kostnadsställe, Belopp, "
                "Text och Verifikation. Samma fil två gånger ändrar ingenting.</p>");
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-file\">Fil</label>");
    widget_field_error(req, "file");
    html_lit(o, "<input type=\"file\" id=\"f-file\" name=\"file\" aria-describedby=\"h-file\"></div>"
                "<button type=\"submit\" class=\"button\">Läs in</button></form>");
    layout_end(req);
    return respond_html(req, status);
}

static int ledger_page(request_t *req)
{
    return ledger_view(req, 200, NULL, NULL);
}

static int import_submit(request_t *req)
{
    if (req->nerrors)
        return ledger_view(req, 400, NULL, NULL);
    const char *name = req->upload.filename ? req->upload.filename : "fil";
    const char *slash = strrchr(name, '/');
    if (slash)
        name = slash + 1;
    size_t len = req->upload.size;
    char *data = arena_alloc(&req->arena, len + 1);
    rewind(req->upload.file);
    if (len && fread(data, 1, len, req->upload.file) != len)
        return ledger_view(req, 500, "Filen kunde inte läsas.", NULL);
    data[len] = 0;
    size_t added, read;
    char *err = NULL;
    if (!money_ledger_import(req->db, &req->viewer, name, data, len, &req->arena, &added, &read, &err))
        return ledger_view(req, 422, err, NULL);
    return ledger_view(req, 200, NULL,
                       arena_printf(&req->arena, "%s: %zu kostnadsrader lästa, %zu nya.", name, read, added));
}

static int forecast_submit(request_t *req)
{
    int64_t amount;
    if (req->nerrors || !money_field(req, "forecast", &amount))
        return ledger_view(req, 400, NULL, NULL);
    char *err = NULL;
    if (!money_forecast_set(req->db, &req->viewer, (int)req_param_int(req, "year", 0), req_param(req, "category"), amount,
                            &req->arena, &err)) {
        req_add_error(req, "forecast", err);
        return ledger_view(req, 422, NULL, NULL);
    }
    return respond_redirect(req, arena_printf(&req->arena, "/ledger?year=%lld", req_param_int(req, "year", 0)));
}

static int costs_export(request_t *req)
{
    int year = (int)req_param_int(req, "year", 0);
    money_cost_table_t t;
    money_year_costs(req->db, year, &req->arena, &t);
    static const char *headers[] = {"Kategori", "Delpost", "Utfall (kr)", "Prognos (kr)"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_DECIMAL, EXPORT_DECIMAL};
    export_table_t e;
    export_init(&e, &req->arena, arena_printf(&req->arena, "Kostnader %d", year), 4, headers, kinds);
    for (int k = 0; k < MONEY_CATEGORIES; k++) {
        const money_cost_row_t *r = &t.rows[k];
        export_cell_t *c = export_add_row(&e);
        c[0].text = r->label;
        export_number(&c[2], (double)r->outcome / 100.0);
        if (r->forecast >= 0)
            export_number(&c[3], (double)r->forecast / 100.0);
        for (size_t s = 0; s < r->nsublines; s++) {
            c = export_add_row(&e);
            c[0].text = r->label;
            c[1].text = r->sublines[s]->subline;
            export_number(&c[2], (double)r->sublines[s]->amount / 100.0);
        }
    }
    export_cell_t *c = export_add_row(&e);
    c[0].text = "Totalt";
    export_number(&c[2], (double)t.total / 100.0);
    if (t.total_forecast)
        export_number(&c[3], (double)t.total_forecast / 100.0);
    return export_respond(req, &e, arena_printf(&req->arena, "kostnader-%d", year));
}

static int costs_pdf(request_t *req)
{
    int year = (int)req_param_int(req, "year", 0);
    money_cost_table_t t;
    money_year_costs(req->db, year, &req->arena, &t);
    arena_t *a = &req->arena;
    buf_t out = BUF_INIT;
    pdf_doc_t *d = pdf_doc_begin(&out, arena_printf(a, "Kostnader %d", year), "Skolverket · Samverkan för bästa skola");
    if (!d)
        return respond_error(req, 500, "PDF:en kunde inte skapas.");
    pdf_doc_text(d, PDF_TITLE, arena_printf(a, "Kostnaderna under %d för Samverkan för bästa skola", year), 10);
    for (int k = 0; k < MONEY_CATEGORIES; k++) {
        const money_cost_row_t *r = &t.rows[k];
        pdf_doc_text(d, PDF_HEADING, arena_printf(a, "%s: %s", r->label, money_text(req, r->outcome)), 2);
        for (size_t s = 0; s < r->nsublines; s++)
            pdf_doc_text(d, PDF_SMALL, arena_printf(a, "varav %s: %s", r->sublines[s]->subline,
                                                    money_text(req, r->sublines[s]->amount)), 2);
        if (r->forecast >= 0)
            pdf_doc_text(d, PDF_SMALL, arena_printf(a, "Prognos: %s", money_text(req, r->forecast)), 2);
        pdf_doc_space(d, 6);
    }
    pdf_doc_text(d, PDF_HEADING, arena_printf(a, "Totalt: %s", money_text(req, t.total)), 4);
    if (!pdf_doc_end(d)) {
        buf_free(&out);
        return respond_error(req, 500, "PDF:en kunde inte skapas.");
    }
    int rc = respond_file(req, "application/pdf", arena_printf(a, "kostnader-%d.pdf", year), &out);
    buf_free(&out);
    return rc;
}

static int mapping_view(request_t *req, int status)
{
    ledger_map_t *m;
    size_t n = money_mapping(req->db, &req->arena, &m);
    layout_begin(req, "Koppling av konton till kostnadsslag");
    buf_t *o = &req->body;
    widget_error_summary(req);
    html_lit(o, "<p><a href=\"/ledger\">Till kostnaderna</a></p><p class=\"lead\">Konton i klass 1 och 2 "
                "(tillgångar och skulder) läses aldrig som kostnader. Varje annat konto i en fil måste ha en koppling, "
                "annars läses filen inte in.</p>");
    if (n)
        html_lit(o, TABLE_OPEN("Kopplingar") "<thead><tr><th scope=\"col\">Konto</th><th scope=\"col\">Kostnadsställe"
                    "</th><th scope=\"col\">Kategori</th><th scope=\"col\">Delpost</th><th scope=\"col\"><span "
                    "class=\"visually-hidden\">Ta bort</span></th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td><form method=\"post\" "
                       "action=\"/ledger/mapping/%lld/remove\" class=\"inline\">", m[i].account,
                    *m[i].cost_centre ? m[i].cost_centre : "alla", money_category_label(m[i].category), m[i].subline,
                    (long long)m[i].id);
        widget_csrf(req);
        html_printf(o, "<button type=\"submit\" class=\"button secondary\">Ta bort %s</button></form></td></tr>",
                    m[i].account);
    }
    if (n)
        html_lit(o, "</tbody>" TABLE_CLOSE);
    html_lit(o, "<form method=\"post\" action=\"/ledger/mapping\" class=\"card form narrow\" novalidate>"
                "<h2>Lägg till eller ändra en koppling</h2>");
    widget_csrf(req);
    widget_input(req, "account", "Konto", "text", req_param(req, "account"), NULL, "off");
    widget_input(req, "cost_centre", "Kostnadsställe (tomt: alla)", "text", req_param(req, "cost_centre"), NULL, "off");
    html_lit(o, "<div class=\"field\"><label for=\"f-category\">Kategori</label><select id=\"f-category\" "
                "name=\"category\">");
    for (int k = 0; money_category_keys[k]; k++)
        html_printf(o, "<option value=\"%s\">%s</option>", money_category_keys[k],
                    money_category_label(money_category_keys[k]));
    html_lit(o, "</select></div>");
    widget_input(req, "subline", "Delpost (valfri, till exempel Kommunikation)", "text", req_param(req, "subline"), NULL,
                 "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara</button></form>");
    layout_end(req);
    return respond_html(req, status);
}

static int mapping_page(request_t *req)
{
    return mapping_view(req, 200);
}

static int mapping_submit(request_t *req)
{
    if (req->nerrors)
        return mapping_view(req, 400);
    const char *field = NULL;
    char *err = NULL;
    if (!money_mapping_add(req->db, &req->viewer, req_param(req, "account"), req_param(req, "cost_centre"),
                           req_param(req, "category"), req_param(req, "subline"), &req->arena, &field, &err)) {
        req_add_error(req, field ? field : "account", err);
        return mapping_view(req, 422);
    }
    return respond_redirect(req, "/ledger/mapping");
}

static int mapping_remove(request_t *req)
{
    char *err = NULL;
    if (!money_mapping_remove(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena, &err))
        return respond_error(req, 409, "Kopplingen är redan borttagen; sidan visar de som finns kvar.");
    return respond_redirect(req, "/ledger/mapping");
}

static const param_spec_t p_ledger[] = {{"year", P_INT, 0, "År", 2000, 2100, NULL}, PARAM_END};
static const param_spec_t p_year[] = {{"year", P_INT, PARAM_PATH, "År", 2000, 2100, NULL}, PARAM_END};
static const param_spec_t p_upload[] = {{"file", P_FILE, PARAM_REQUIRED, "Fil", 0, 0, NULL}, PARAM_END};
static const param_spec_t p_forecast[] = {{"year", P_INT, PARAM_REQUIRED, "År", 2000, 2100, NULL},
                                          {"category", P_CHOICE, PARAM_REQUIRED, "Kategori", 0, 0, money_category_keys},
                                          {"forecast", P_TEXT, PARAM_REQUIRED, "Prognos (kr)", 0, 40, NULL}, PARAM_END};
static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_map[] = {{"account", P_TEXT, PARAM_REQUIRED, "Konto", 0, 20, NULL},
                                     {"cost_centre", P_TEXT, 0, "Kostnadsställe", 0, 40, NULL},
                                     {"category", P_CHOICE, PARAM_REQUIRED, "Kategori", 0, 0, money_category_keys},
                                     {"subline", P_TEXT, 0, "Delpost", 0, 100, NULL}, PARAM_END};
static const param_spec_t p_map_remove[] = {PARAM_ID, PARAM_END};

const route_t money_ledger_routes[] = {
    {"GET", "/ledger", ledger_page, CAP_LEDGER, ROUTE_KEPT, p_ledger},
    {"POST", "/ledger/import", import_submit, CAP_LEDGER, ROUTE_FORM | ROUTE_UPLOAD, p_upload},
    {"POST", "/ledger/forecasts", forecast_submit, CAP_LEDGER, ROUTE_FORM, p_forecast},
    {"GET", "/ledger/{year}/costs.csv", costs_export, CAP_LEDGER, ROUTE_KEPT, p_year},
    {"GET", "/ledger/{year}/costs.xlsx", costs_export, CAP_LEDGER, ROUTE_KEPT, p_year},
    {"GET", "/ledger/{year}/costs.pdf", costs_pdf, CAP_LEDGER, ROUTE_KEPT, p_year},
    {"GET", "/ledger/mapping", mapping_page, CAP_LEDGER, ROUTE_KEPT, p_none},
    {"POST", "/ledger/mapping", mapping_submit, CAP_LEDGER, ROUTE_FORM, p_map},
    {"POST", "/ledger/mapping/{id}/remove", mapping_remove, CAP_LEDGER, ROUTE_FORM, p_map_remove},
    {NULL, NULL, NULL, 0, 0, NULL},
};
