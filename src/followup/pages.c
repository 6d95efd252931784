/* pages.c — an indicator's follow-up page: its run chart with the run rules' verdict, the
 * readings as a table (and as CSV or XLSX), and the form the analysis group records a
 * reading with; the case page's list of its indicators and where each stands. */
#include "parts.h"
#include "../base/fmt.h"
#include "../base/validate.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include "../io/svg_chart.h"
#include "../register/register.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define NOT_FOUND "Indikatorn finns inte, eller så har du inte tillgång till den."

static double number_or_nan(const char *s)
{
    double v;
    return validate_decimal(s, &v) ? v : NAN;
}

/* What the run rules found, most recent first: the run the latest value is in says where
 * the series is now; earlier runs are named after it. */
static const char *verdict(arena_t *a, const run_analysis_t *r, size_t n)
{
    static const struct {
        unsigned flag;
        const char *text;
    } runs[] = {{RUN_SHIFT_UP, "ett skift uppåt"}, {RUN_SHIFT_DOWN, "ett skift nedåt"},
                {RUN_TREND_UP, "en trend uppåt"}, {RUN_TREND_DOWN, "en trend nedåt"}};
    if (!r->found)
        return "Ingen verklig förändring än: variationen kan vara slumpmässig.";
    buf_t b = BUF_INIT;
    unsigned last = r->signals[n - 1];
    for (int pass = 0; pass < 2; pass++) {
        size_t named = 0;
        for (size_t i = 0; i < 4; i++) {
            bool now = (last & runs[i].flag) != 0;
            if (!(r->found & runs[i].flag) || now != (pass == 0))
                continue;
            if (!named++)
                buf_puts(&b, pass == 0 ? "De senaste värdena ligger i " : b.len ? " Tidigare fanns " : "Tidigare fanns ");
            else
                buf_puts(&b, " och ");
            buf_puts(&b, runs[i].text);
        }
        if (named)
            buf_puts(&b, pass == 0 ? ": en verklig förändring, inte slumpen." : ".");
    }
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static void chart(request_t *req, const followed_t *f, const reading_t *r, size_t n, const char *grp)
{
    buf_t *o = &req->body;
    const char **periods;
    double *values;
    size_t m = followup_series(r, n, grp, &req->arena, &periods, &values);
    html_printf(o, "<h2>%s%s</h2>", *grp ? "Gruppen " : "Körschema", grp);
    if (m == 0) {
        html_lit(o, "<p class=\"empty\">Inga avläsningar än.</p>");
        return;
    }
    run_analysis_t runs;
    run_analyse(values, m, &req->arena, &runs);
    svg_run_chart(o, f->ind.measure, periods, values, m, runs.median, number_or_nan(f->ind.baseline),
                  number_or_nan(f->ind.target), runs.signals);
    indicator_status_t s = indicator_status(f->ind.baseline, f->ind.target, values, m, &runs);
    html_printf(o, "<p class=\"verdict\"><strong>%s.</strong> %s</p>", indicator_status_label(s),
                verdict(&req->arena, &runs, m));
}

static void readings_table(request_t *req, const reading_t *r, size_t n)
{
    buf_t *o = &req->body;
    if (!n)
        return;
    html_lit(o, "<h2>Avläsningar</h2>" TABLE_OPEN("Avläsningar") "<thead><tr><th scope=\"col\">Period</th>"
                "<th scope=\"col\">Grupp</th><th scope=\"col\" class=\"num\">Värde</th><th scope=\"col\">Kommentar</th>"
                "<th scope=\"col\">Införd av</th><th scope=\"col\">När</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        /* A later reading of the same period and group replaces this one. */
        bool replaced = false;
        for (size_t k = i + 1; k < n && !replaced && strcmp(r[k].period, r[i].period) == 0; k++)
            replaced = strcmp(r[k].grp, r[i].grp) == 0;
        html_printf(o, "<tr%s><th scope=\"row\">%s</th><td>%s</td><td class=\"num\">%s</td><td>%s%s</td><td>%s</td>"
                       "<td>%s</td></tr>", replaced ? " class=\"muted\"" : "", r[i].period, *r[i].grp ? r[i].grp : "Alla",
                    fmt_number_in(&req->arena, r[i].value), r[i].note, replaced ? " (ersatt av en senare avläsning)" : "",
                    r[i].entered_by, fmt_datetime_in(&req->arena, r[i].entered_at));
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

static void register_figures(request_t *req, const followed_t *f, const reading_t *r, size_t n)
{
    if (!*f->ind.variable)
        return;
    buf_t *o = &req->body;
    const reg_variable_t *var = register_variable(f->ind.variable);
    html_printf(o, "<h2>Registrets siffror</h2><p>Indikatorn är statistiken <em>%s</em>, som Skolverkets filer har "
                   "per enhet och år.</p>", var ? var->label : f->ind.variable);
    register_point_t *p;
    size_t m = followup_register_series(req->db, f, r, n, &req->arena, &p);
    if (!m) {
        if (f->plan->unit_id)
            html_lit(o, "<p class=\"empty\">Registret har inga värden för enheten än.</p>");
        else
            html_lit(o, "<p class=\"empty\">Registrets värden visas för en enhets plan; den här planen gäller "
                        "huvudmannanivån.</p>");
        return;
    }
    size_t differ = 0;
    for (size_t i = 0; i < m; i++)
        differ += p[i].differs;
    if (differ)
        widget_notice(req, "warning", arena_printf(&req->arena, "Huvudmannens egen siffra skiljer sig från registrets "
                                                                "%zu år av %zu.", differ, m));
    html_lit(o, TABLE_OPEN("Registrets siffror") "<thead><tr><th scope=\"col\">År</th>"
                "<th scope=\"col\" class=\"num\">Registret</th><th scope=\"col\" class=\"num\">Egen avläsning</th>"
                "<th scope=\"col\">Period</th><th scope=\"col\">Jämförelse</th></tr></thead><tbody>");
    for (size_t i = 0; i < m; i++) {
        const char *own = isnan(p[i].own) ? "–" : fmt_number_in(&req->arena, p[i].own);
        const char *verdict = p[i].differs ? arena_printf(&req->arena, "Skiljer sig med %s",
                                                          fmt_number_in(&req->arena, p[i].own - p[i].value))
                              : isnan(p[i].own) || isnan(p[i].value) ? "" : "Stämmer";
        html_printf(o, "<tr%s><th scope=\"row\">%d</th><td class=\"num\">", p[i].differs ? " class=\"flag\"" : "",
                    p[i].year);
        reg_stat_t stat = {.variable = f->ind.variable, .year = p[i].year, .value = p[i].value, .flag = p[i].flag};
        register_stat_cell(o, &stat);
        html_printf(o, "</td><td class=\"num\">%s</td><td>%s</td><td>%s</td></tr>", own, p[i].own_period, verdict);
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

static void reading_form(request_t *req, const followed_t *f)
{
    buf_t *o = &req->body;
    html_printf(o, "<form method=\"post\" action=\"/indicators/%lld/readings\" class=\"card form narrow\" novalidate>"
                   "<h2>Ny avläsning</h2>", (long long)f->ind.id);
    widget_csrf(req);
    widget_input(req, "period", "Period (månad)", "month", req_param(req, "period"),
                 "Den månad värdet gäller, ÅÅÅÅ-MM. En ny avläsning av samma månad ersätter den förra.", "off");
    if (f->groups[0]) {
        html_lit(o, "<div class=\"field\"><label for=\"f-grp\">Grupp</label>");
        widget_field_error(req, "grp");
        html_lit(o, "<select id=\"f-grp\" name=\"grp\"><option value=\"\">Alla</option>");
        for (size_t i = 0; f->groups[i]; i++)
            html_printf(o, "<option value=\"%s\"%s>%s</option>", f->groups[i],
                        strcmp(req_param(req, "grp"), f->groups[i]) == 0 ? " selected" : "", f->groups[i]);
        html_lit(o, "</select></div>");
    }
    const char *range = NULL;
    if (*f->ind.min_value || *f->ind.max_value)
        range = arena_printf(&req->arena, "Mellan %s och %s.", *f->ind.min_value ? f->ind.min_value : "−∞",
                             *f->ind.max_value ? f->ind.max_value : "∞");
    widget_input(req, "value", "Värde", "text", req_param(req, "value"), range, "off");
    widget_input(req, "note", "Kommentar", "text", req_param(req, "note"), NULL, "off");
    html_lit(o, "<button type=\"submit\" class=\"button\">Spara avläsningen</button></form>");
}

static int indicator_view(request_t *req, int status)
{
    followed_t *f = followup_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!f)
        return respond_error(req, 404, NOT_FOUND);
    layout_begin(req, arena_printf(&req->arena, "Indikator: %s", f->ind.measure));
    buf_t *o = &req->body;
    if (strcmp(req_param(req, "klart"), "1") == 0)
        widget_notice(req, "success", "Avläsningen är sparad.");
    widget_error_summary(req);
    html_printf(o, "<p><a href=\"/interventions/%lld\">Insats: %s</a> · <a href=\"/plans/%lld\">Åtgärdsplan</a> · "
                   "<a href=\"/cases/%lld\">%s</a></p>", (long long)f->iv->id, f->iv->title, (long long)f->plan->id,
                (long long)f->c->id, f->c->organiser);
    html_printf(o, "<dl class=\"facts\"><dt>Utgångsvärde</dt><dd>%s</dd><dt>Målvärde</dt><dd>%s</dd>"
                   "<dt>Avläses</dt><dd>%s</dd>", f->ind.baseline, f->ind.target, f->ind.read_dates);
    if (*f->ind.min_value || *f->ind.max_value)
        html_printf(o, "<dt>Möjliga värden</dt><dd>%s – %s</dd>", f->ind.min_value, f->ind.max_value);
    if (*f->ind.groups)
        html_printf(o, "<dt>Uppdelning</dt><dd>%s</dd>", f->ind.groups);
    html_lit(o, "</dl>");
    reading_t *r;
    size_t n = followup_readings(req->db, f->ind.id, &req->arena, &r);
    chart(req, f, r, n, "");
    for (size_t i = 0; f->groups[i]; i++)
        chart(req, f, r, n, f->groups[i]);
    html_lit(o, "<p class=\"hint\">Körschemat visar varje periods senaste avläsning. Ett skift är minst sex värden i rad "
                "på samma sida om medianen, en trend minst fem värden i rad som alla stiger eller sjunker; värden på "
                "medianen och upprepade värden räknas inte.</p>");
    register_figures(req, f, r, n);
    readings_table(req, r, n);
    if (n)
        html_printf(o, "<p class=\"exports\"><a href=\"/indicators/%lld/readings.csv\">CSV</a> · "
                       "<a href=\"/indicators/%lld/readings.xlsx\">Excel</a></p>", (long long)f->ind.id,
                    (long long)f->ind.id);
    if (followup_may_record(req->db, &req->viewer, f))
        reading_form(req, f);
    layout_end(req);
    return respond_html(req, status);
}

static int indicator_page(request_t *req)
{
    return indicator_view(req, 200);
}

static int reading_submit(request_t *req)
{
    followed_t *f = followup_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!f)
        return respond_error(req, 404, NOT_FOUND);
    if (req->nerrors)
        return indicator_view(req, 400);
    reading_input_t in = {req_param(req, "period"), req_param(req, "grp"), req_param(req, "value"),
                          req_param(req, "note")};
    const char *field;
    char *err = NULL;
    if (followup_record(req->db, &req->viewer, f, &in, &req->arena, &field, &err))
        return respond_redirect(req, arena_printf(&req->arena, "/indicators/%lld?klart=1", (long long)f->ind.id));
    if (!field)
        return respond_error(req, 409, err);
    req_add_error(req, field, err);
    return indicator_view(req, 422);
}

static int readings_export(request_t *req)
{
    followed_t *f = followup_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
    if (!f)
        return respond_error(req, 404, NOT_FOUND);
    reading_t *r;
    size_t n = followup_readings(req->db, f->ind.id, &req->arena, &r);
    static const char *headers[] = {"Indikator", "Period", "Grupp", "Värde", "Kommentar", "Införd av", "När"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_DECIMAL,
                                          EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT};
    export_table_t e;
    export_init(&e, &req->arena, "Avläsningar", 7, headers, kinds);
    for (size_t i = 0; i < n; i++) {
        export_cell_t *cell = export_add_row(&e);
        cell[0].text = f->ind.measure;
        cell[1].text = r[i].period;
        cell[2].text = r[i].grp;
        export_number(&cell[3], r[i].value);
        cell[4].text = r[i].note;
        cell[5].text = r[i].entered_by;
        cell[6].text = fmt_datetime_in(&req->arena, r[i].entered_at);
    }
    return export_respond(req, &e, arena_printf(&req->arena, "avlasningar-indikator-%lld", (long long)f->ind.id));
}

void followup_case_section(request_t *req, const case_row_t *c)
{
    if (!access_may(&req->viewer, CAP_PLAN_READ))
        return;
    indicator_state_t *s;
    size_t n = followup_states(req->db, &req->viewer, c, false, SIZE_MAX, &req->arena, &s);
    if (!n)
        return;
    buf_t *o = &req->body;
    size_t off = 0;
    for (size_t i = 0; i < n; i++)
        off += s[i].status == IND_OFF;
    html_printf(o, "<h2 id=\"indikatorer\">Indikatorer</h2><p>%zu av %zu indikatorer rör sig inte mot målet. "
                   "<a href=\"/cases/%lld/readings\">Alla avläsningar, nedladdning och inläsning från fil</a></p>", off, n,
                (long long)c->id);
    html_lit(o, TABLE_OPEN("Indikatorer") "<thead><tr><th scope=\"col\">Indikator</th><th scope=\"col\">Plan</th>"
                "<th scope=\"col\">Utgångsvärde</th><th scope=\"col\">Mål</th><th scope=\"col\">Senast</th>"
                "<th scope=\"col\">Läge</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<tr%s><th scope=\"row\"><a href=\"/indicators/%lld\">%s</a></th><td>%s</td><td>%s</td><td>%s</td>"
                       "<td>%s%s%s</td><td>%s</td></tr>", s[i].status == IND_OFF ? " class=\"flag\"" : "",
                    (long long)s[i].id, s[i].measure, s[i].plan, s[i].baseline, s[i].target,
                    s[i].nreadings ? fmt_number_in(&req->arena, s[i].latest) : "–", s[i].nreadings ? " (" : "",
                    s[i].nreadings ? arena_printf(&req->arena, "%s)", s[i].latest_period) : "",
                    indicator_status_label(s[i].status));
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_SAVED, PARAM_END};
static const param_spec_t p_export[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_reading[] = {PARAM_ID, READING_FIELDS, PARAM_END};

const route_t followup_page_routes[] = {
    {"GET", "/indicators/{id}", indicator_page, CAP_PLAN_READ, ROUTE_KEPT, p_id},
    {"POST", "/indicators/{id}/readings", reading_submit, CAP_ANALYSIS_WRITE, ROUTE_FORM, p_reading},
    {"GET", "/indicators/{id}/readings.csv", readings_export, CAP_PLAN_READ, ROUTE_KEPT, p_export},
    {"GET", "/indicators/{id}/readings.xlsx", readings_export, CAP_PLAN_READ, ROUTE_KEPT, p_export},
    {NULL, NULL, NULL, 0, 0, NULL},
};
