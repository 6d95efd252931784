/* import_pages.c — the import form for admin and analyst: the same importer and the
 * same messages as `samverkan import`. */
#include "parts.h"
#include "../base/fmt.h"
#include <string.h>

/* A count in its table cell, with the Swedish thousands separator. */
static void num_cell(buf_t *o, long long n)
{
    buf_t f = BUF_INIT;
    fmt_int_sv(&f, n);
    html_printf(o, "<td class=\"num\">%s</td>", buf_cstr(&f));
    buf_free(&f);
}

static void recent_imports(request_t *req)
{
    buf_t *o = &req->body;
    reg_import_log_t *r;
    size_t n = register_recent_imports(req->db, 10, &req->arena, &r);
    if (!n)
        return;
    html_lit(o, "<h2>Senaste importer</h2>\n" TABLE_OPEN("Senaste importer") "<thead><tr>"
                "<th scope=\"col\">Tid</th><th scope=\"col\">Typ</th><th scope=\"col\">Fil</th>"
                "<th scope=\"col\" class=\"num\">År</th><th scope=\"col\" class=\"num\">Lästa</th>"
                "<th scope=\"col\" class=\"num\">Tillagda</th><th scope=\"col\" class=\"num\">Ändrade</th>"
                "<th scope=\"col\" class=\"num\">Oförändrade</th><th scope=\"col\" class=\"num\">Överhoppade</th>"
                "<th scope=\"col\">Av</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        buf_t when = BUF_INIT;
        fmt_datetime(&when, r[i].at);
        html_printf(o, "<tr><td class=\"nowrap\">%s</td><td>%s</td><td>%s</td><td class=\"num\">", buf_cstr(&when),
                    register_import_kind_label(r[i].kind), r[i].filename);
        buf_free(&when);
        if (r[i].year)
            html_printf(o, "%d", r[i].year);
        const long long counts[] = {r[i].rows_read, r[i].added, r[i].changed, r[i].unchanged, r[i].skipped};
        html_lit(o, "</td>");
        for (size_t c = 0; c < 5; c++)
            num_cell(o, counts[c]);
        html_printf(o, "<td>%s</td></tr>\n", r[i].actor);
    }
    html_lit(o, "</tbody></table></div>\n");
}

/* What the import did to the file's rows, as the table the user reads on the page (the
 * command line prints the same figures as text). */
static void import_summary(request_t *req, const reg_import_result_t *r)
{
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"notice notice-success\" role=\"status\"><h2>Importen är klar</h2>"
                   "<p>%s från <strong>%s</strong>", register_import_kind_label(r->kind), r->filename);
    if (r->year)
        html_printf(o, " (år %d)", r->year);
    html_lit(o, ".</p>\n<div class=\"table-wrap narrow\" role=\"region\" tabindex=\"0\" "
                "aria-label=\"Vad importen gjorde med filens rader\"><table class=\"data\">"
                "<caption>Vad importen gjorde med filens rader</caption>"
                "<thead><tr><th scope=\"col\">Rader</th><th scope=\"col\" class=\"num\">Antal</th></tr></thead><tbody>");
    static const char *const labels[] = {"Lästa", "Tillagda", "Ändrade", "Oförändrade", "Överhoppade"};
    const long long counts[] = {r->rows_read, r->added, r->changed, r->unchanged, r->skipped};
    for (size_t i = 0; i < 5; i++) {
        html_printf(o, "<tr><th scope=\"row\">%s</th>", labels[i]);
        num_cell(o, counts[i]);
        html_lit(o, "</tr>");
    }
    /* Why rows were skipped, each reason with its count, under the total it explains. */
    for (size_t i = 0; i < r->nskip_reasons; i++) {
        html_printf(o, "<tr class=\"sub\"><th scope=\"row\">– %s</th>", r->skip_reasons[i]);
        num_cell(o, r->skip_counts[i]);
        html_lit(o, "</tr>");
    }
    if (r->organisers_added || r->organisers_changed) {
        html_lit(o, "<tr><th scope=\"row\">Huvudmän tillagda</th>");
        num_cell(o, r->organisers_added);
        html_lit(o, "</tr><tr><th scope=\"row\">Huvudmän ändrade</th>");
        num_cell(o, r->organisers_changed);
        html_lit(o, "</tr>");
    }
    if (r->implausible) {
        html_lit(o, "<tr><th scope=\"row\">Orimliga värden (sparade och flaggade)</th>");
        num_cell(o, r->implausible);
        html_lit(o, "</tr>");
    }
    html_lit(o, "</tbody></table></div></div>\n");
}

static int import_form(request_t *req, int status, const reg_import_result_t *done, const char *failure)
{
    layout_begin(req, "Importera filer");
    buf_t *o = &req->body;
    if (done)
        import_summary(req, done);
    if (failure) {
        html_lit(o, "<div class=\"error-summary\" role=\"alert\"><h2>Filen importerades inte</h2>");
        html_printf(o, "<p>%s</p><p>Ingenting i databasen ändrades. Rätta filen och försök igen.</p></div>\n", failure);
    }
    widget_error_summary(req);
    html_lit(o, "<p class=\"lead\">Läs in Skolverkets, SCB:s och Skolinspektionens filer som de publiceras (CSV eller XLSX; CSV i UTF-8 eller "
                "Windows-1252, semikolon eller komma). En import sparas helt eller inte alls, och samma fil kan "
                "läsas in igen utan att något ändras.</p>\n");
    html_lit(o, "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" class=\"card form\" novalidate>\n");
    widget_csrf(req);
    html_lit(o, "<div class=\"field\"><label for=\"f-kind\">Typ av fil</label>");
    widget_field_error(req, "kind");
    html_lit(o, "<select id=\"f-kind\" name=\"kind\" required");
    widget_field_invalid(req, "kind");
    html_lit(o, "><option value=\"\">Välj typ</option>");
    for (const char *const *k = register_import_kinds; *k; k++)
        html_printf(o, "<option value=\"%s\"%s>%s</option>", *k, strcmp(*k, req_param(req, "kind")) == 0 ? " selected" : "",
                    register_import_kind_label(*k));
    html_lit(o, "</select></div>\n<div class=\"field\"><label for=\"f-year\">År (valfritt)</label>");
    widget_field_error(req, "year");
    html_printf(o, "<p class=\"hint\" id=\"h-year\">Kalenderåret då läsåret slutar. Behövs bara om filen inte "
                   "anger läsår, till exempel för förskolefilen.</p>"
                   "<input id=\"f-year\" name=\"year\" inputmode=\"numeric\" class=\"short\" value=\"%s\"",
                req_param(req, "year"));
    widget_described_by(req, "year", true); /* the hint and, when there is one, the error */
    html_lit(o, "></div>\n<div class=\"field\"><label for=\"f-file\">Fil</label>");
    widget_field_error(req, "file");
    html_lit(o, "<input id=\"f-file\" name=\"file\" type=\"file\" accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required");
    widget_field_invalid(req, "file");
    html_lit(o, "></div>\n<button type=\"submit\" class=\"button\">Importera</button>\n</form>\n");
    recent_imports(req);
    layout_end(req);
    return respond_html(req, status);
}

static int register_import_page(request_t *req)
{
    return import_form(req, 200, NULL, NULL);
}

static int register_import_submit(request_t *req)
{
    if (req->nerrors)
        return import_form(req, 400, NULL, NULL);
    reg_import_result_t result;
    char *err = NULL;
    const char *name = req->upload.filename;
    const char *slash = strrchr(name, '/');
    if (slash)
        name = slash + 1;
    slash = strrchr(name, '\\');
    if (slash)
        name = slash + 1;
    rewind(req->upload.file);
    if (!register_import(req->db, &req->viewer, req_param(req, "kind"), name, req->upload.file,
                         (int)req_param_int(req, "year", 0), &req->arena, &result, &err))
        return import_form(req, 422, NULL, err);
    return import_form(req, 200, &result, NULL);
}

static const param_spec_t p_none[] = {PARAM_END};
static const param_spec_t p_import[] = {{"kind", P_CHOICE, PARAM_REQUIRED, "Typ av fil", 0, 0, register_import_kinds},
                                        {"year", P_INT, 0, "År", 1990, 2100, NULL},
                                        {"file", P_FILE, PARAM_REQUIRED, "Fil", 0, 0, NULL},
                                        PARAM_END};

const route_t register_import_routes[] = {
    {"GET", "/import", register_import_page, CAP_IMPORT, ROUTE_KEPT, p_none},
    {"POST", "/import", register_import_submit, CAP_IMPORT, ROUTE_FORM | ROUTE_UPLOAD, p_import},
    {NULL, NULL, NULL, 0, 0, NULL},
};
