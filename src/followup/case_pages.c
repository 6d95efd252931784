/* case_pages.c — a case's readings in one place: its indicators with the numbers a file
 * names them by, every reading as CSV or XLSX, and the upload that reads a file of
 * readings back (a term's figures from the organiser's own system). */
#include "parts.h"
#include "../base/fmt.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include <stdint.h>
#include <string.h>

/* Whether the viewer records readings for any plan among the case's indicators. */
static bool records_any(request_t *req, const case_row_t *c, const indicator_state_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (access_may(&req->viewer, CAP_ANALYSIS_WRITE) && analyses_writes_for(req->db, &req->viewer, c->id, s[i].unit_id))
            return true;
    return false;
}

static int readings_view(request_t *req, int status, const char *err, size_t imported)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "Avläsningar: %s", c->organiser));
    buf_t *o = &req->body;
    if (imported)
        widget_notice(req, "success", arena_printf(&req->arena, "%zu avläsningar är sparade.", imported));
    if (err)
        widget_notice(req, "error", err);
    html_printf(o, "<p><a href=\"/cases/%lld#indikatorer\">Till ärendet</a></p>", (long long)c->id);
    indicator_state_t *s;
    size_t n = followup_states(req->db, &req->viewer, c, false, SIZE_MAX, &req->arena, &s);
    if (!n) {
        html_lit(o, "<p class=\"empty\">Ärendet har inga indikatorer än: de läggs till i åtgärdsplanernas insatser.</p>");
        layout_end(req);
        return respond_html(req, status);
    }
    html_lit(o, TABLE_OPEN("Ärendets indikatorer") "<thead><tr><th scope=\"col\" class=\"num\">Nummer</th>"
                "<th scope=\"col\">Indikator</th><th scope=\"col\">Plan</th><th scope=\"col\">Uppdelning</th>"
                "<th scope=\"col\" class=\"num\">Avlästa perioder</th><th scope=\"col\">Senast</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr><td class=\"num\">%lld</td><th scope=\"row\"><a href=\"/indicators/%lld\">%s</a></th><td>%s</td>"
                       "<td>%s</td><td class=\"num\">%zu</td><td>%s</td></tr>", (long long)s[i].id, (long long)s[i].id,
                    s[i].measure, s[i].plan, s[i].groups, s[i].nreadings, s[i].latest_period);
    html_lit(o, "</tbody>" TABLE_CLOSE);
    html_printf(o, "<p class=\"exports\">Alla avläsningar: <a href=\"/cases/%lld/readings.csv\">CSV</a> · "
                   "<a href=\"/cases/%lld/readings.xlsx\">Excel</a></p>", (long long)c->id, (long long)c->id);
    if (records_any(req, c, s, n)) {
        html_printf(o, "<form method=\"post\" action=\"/cases/%lld/readings\" enctype=\"multipart/form-data\""
                       " class=\"card form narrow\" novalidate><h2>Läs in avläsningar från en fil</h2>"
                       "<p class=\"hint\" id=\"h-file\">CSV eller Excel med kolumnerna Indikatornummer, Period (ÅÅÅÅ-MM), "
                       "Värde och, om det behövs, Grupp och Kommentar, som i nedladdningen ovan. Varje rad prövas som "
                       "en avläsning i formuläret; är någon rad fel sparas ingenting.</p>", (long long)c->id);
        widget_csrf(req);
        html_lit(o, "<div class=\"field\"><label for=\"f-file\">Fil</label>");
        widget_field_error(req, "file");
        html_lit(o, "<input type=\"file\" id=\"f-file\" name=\"file\" accept=\".csv,.xlsx\" aria-describedby=\"h-file\">"
                    "</div><button type=\"submit\" class=\"button\">Läs in</button></form>");
    }
    layout_end(req);
    return respond_html(req, status);
}

static int readings_page(request_t *req)
{
    return readings_view(req, 200, NULL, 0);
}

static int readings_import(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    if (req->nerrors)
        return readings_view(req, 400, NULL, 0);
    const char *name = req->upload.filename ? req->upload.filename : "fil";
    const char *slash = strrchr(name, '/');
    if (slash)
        name = slash + 1;
    size_t len = req->upload.size;
    char *data = arena_alloc(&req->arena, len + 1);
    rewind(req->upload.file);
    if (len && fread(data, 1, len, req->upload.file) != len)
        return readings_view(req, 500, "Filen kunde inte läsas.", 0);
    size_t imported;
    char *err = NULL;
    if (!followup_import(req->db, &req->viewer, c, name, data, len, &req->arena, &imported, &err))
        return readings_view(req, 422, err, 0);
    return readings_view(req, 200, NULL, imported);
}

static int readings_export(request_t *req)
{
    case_row_t *c = cases_from_request(req);
    if (!c)
        return respond_error(req, 404, CASES_NOT_FOUND);
    case_reading_t *r;
    size_t n = followup_case_readings(req->db, &req->viewer, c, &req->arena, &r);
    static const char *headers[] = {"Indikatornummer", "Indikator", "Plan", "Period", "Grupp", "Värde", "Kommentar",
                                    "Införd av", "När"};
    static const export_kind_t kinds[] = {EXPORT_INT,  EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT,
                                          EXPORT_DECIMAL, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t e;
    export_init(&e, &req->arena, "Avläsningar", 9, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        export_cell_t *cell = export_add_row(&e);
        export_number(&cell[0], (double)r[i].r.indicator_id);
        cell[1].text = r[i].measure;
        cell[2].text = r[i].plan;
        cell[3].text = r[i].r.period;
        cell[4].text = r[i].r.grp;
        export_number(&cell[5], r[i].r.value);
        cell[6].text = r[i].r.note;
        cell[7].text = r[i].r.entered_by;
        cell[8].text = fmt_datetime_in(&req->arena, r[i].r.entered_at);
    }
    return export_respond(req, &e, arena_printf(&req->arena, "avlasningar-%s", c->orgnr));
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_upload[] = {PARAM_ID, {"file", P_FILE, PARAM_REQUIRED, "Fil", 0, 0, NULL}, PARAM_END};

const route_t followup_case_routes[] = {
    {"GET", "/cases/{id}/readings", readings_page, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {"POST", "/cases/{id}/readings", readings_import, CAP_ANALYSIS_WRITE, ROUTE_FORM | ROUTE_UPLOAD, p_upload},
    {"GET", "/cases/{id}/readings.csv", readings_export, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {"GET", "/cases/{id}/readings.xlsx", readings_export, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
