/* results_pages.c — a survey's results: the response rate overall, per group and per
 * organiser with the coverage at principal level; each question's answers per group as a
 * chart and a table, the small groups hidden; the same question in earlier years; the
 * aggregated results as CSV/XLSX. The agency reads every organiser's results or one
 * organiser's, an organiser's users their own. The analysts also read the free-text
 * answers and, for an anonymous survey, take out the raw answers. */
#include "parts.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include "../io/svg_chart.h"
#include "../base/fmt.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#define HIDDEN_TEXT "Färre än fem svar – visas inte"

void surveys_rate_table(request_t *req, const survey_group_rate_t *g, size_t n, int invited, int complete,
                        bool total_shown)
{
    buf_t *o = &req->body;
    char rate[80];
    survey_rate_text(complete, invited, rate, sizeof rate);
    html_printf(o, "<p>Svarsfrekvens: %s</p>", total_shown ? rate : "för få svar för att visas.");
    html_lit(o, TABLE_OPEN("Svarsfrekvens per grupp") "<thead><tr><th scope=\"col\">Grupp</th><th scope=\"col\" "
                "class=\"num\">Inbjudna</th><th scope=\"col\" class=\"num\">Inskickade svar</th></tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        if (!g[i].invited)
            continue;
        if (g[i].hidden)
            html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td><td class=\"num\">färre än fem eller "
                           "dolt</td></tr>", g[i].label, g[i].invited);
        else
            html_printf(o, "<tr><th scope=\"row\">%s</th><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>",
                        g[i].label, g[i].invited, g[i].complete);
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

static void organisers_table(request_t *req, const survey_results_t *x)
{
    buf_t *o = &req->body;
    if (!x->norganisers)
        return;
    html_printf(o, "<h2>Per huvudman</h2><p>Svar från rektorsnivå hos %d av %zu huvudmän.</p>", x->covered,
                x->norganisers);
    html_lit(o, TABLE_OPEN("Svarsfrekvens per huvudman") "<thead><tr><th scope=\"col\">Huvudman</th><th scope=\"col\" "
                "class=\"num\">Inbjudna</th><th scope=\"col\" class=\"num\">Inskickade svar</th><th scope=\"col\" "
                "class=\"num\">Svarsfrekvens</th><th scope=\"col\">Svar från rektorsnivå</th></tr></thead><tbody>");
    for (size_t i = 0; i < x->norganisers; i++) {
        const survey_organiser_rate_t *r = &x->organisers[i];
        html_printf(o, "<tr><th scope=\"row\"><a href=\"?organiser=%lld\">%s</a></th><td class=\"num\">%d</td>"
                       "<td class=\"num\">%d</td><td class=\"num\">%d %%</td><td>%s</td></tr>", (long long)r->id, r->name,
                    r->invited, r->complete, survey_rate(r->complete, r->invited), r->principal ? "Ja" : "Nej");
    }
    html_lit(o, "</tbody>" TABLE_CLOSE);
}

/* The rows a question's chart and table show: the groups with answers (or hidden), then
 * everyone. */
static size_t shown_rows(const survey_results_t *x, const survey_result_t *r, arena_t *a, const survey_dist_t ***dists,
                         const char ***labels)
{
    *dists = arena_alloc(a, (x->ngroups + 1) * sizeof **dists);
    *labels = arena_alloc(a, (x->ngroups + 1) * sizeof **labels);
    size_t n = 0;
    for (size_t g = 0; g < x->ngroups; g++)
        if (r->groups[g].hidden || r->groups[g].answered) {
            (*dists)[n] = &r->groups[g];
            (*labels)[n++] = x->groups[g].label;
        }
    (*dists)[n] = &r->total;
    (*labels)[n++] = "Alla";
    return n;
}

/* A table of distributions: a row per label, the answers, then each option's count and
 * share (or the mean for numbers). */
static void dist_table(request_t *req, const char *caption, const char *first, const survey_result_t *r,
                       const survey_dist_t *const *d, const char *const *labels, size_t n)
{
    buf_t *o = &req->body;
    bool number = strcmp(r->item->q.kind, "number") == 0;
    html_printf(o, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"%s\"><table class=\"data\">"
                   "<thead><tr><th scope=\"col\">%s</th>"
                   "<th scope=\"col\" class=\"num\">Svar</th>", caption, first);
    for (size_t k = 0; k < r->noptions; k++)
        html_printf(o, "<th scope=\"col\" class=\"num\">%s</th>", r->options[k]);
    if (number)
        html_lit(o, "<th scope=\"col\" class=\"num\">Medelvärde</th>");
    html_lit(o, "</tr></thead><tbody>");
    for (size_t i = 0; i < n; i++) {
        html_printf(o, "<tr><th scope=\"row\">%s</th>", labels[i]);
        if (d[i]->hidden) {
            html_printf(o, "<td colspan=\"%zu\">%s</td></tr>", r->noptions + 1 + number, HIDDEN_TEXT);
            continue;
        }
        html_printf(o, "<td class=\"num\">%d</td>", d[i]->answered);
        for (size_t k = 0; k < r->noptions; k++)
            html_printf(o, "<td class=\"num\">%d (%d %%)</td>", d[i]->counts[k], survey_rate(d[i]->counts[k], d[i]->answered));
        if (number) {
            buf_t m = BUF_INIT;
            if (!isnan(d[i]->mean))
                fmt_decimal_sv(&m, d[i]->mean, 1);
            html_printf(o, "<td class=\"num\">%s</td>", m.len ? buf_cstr(&m) : "–");
            buf_free(&m);
        }
        html_lit(o, "</tr>");
    }
    html_lit(o, "</tbody></table></div>");
}

static void dist_chart(request_t *req, const char *title, const survey_result_t *r, const survey_dist_t *const *d,
                       const char *const *labels, size_t n)
{
    if (!r->noptions)
        return;
    int *counts = arena_alloc(&req->arena, n * r->noptions * sizeof *counts);
    for (size_t i = 0; i < n; i++)
        if (!d[i]->hidden)
            memcpy(counts + i * r->noptions, d[i]->counts, r->noptions * sizeof *counts);
    svg_shares(&req->body, title, labels, n, r->options, r->noptions, counts, HIDDEN_TEXT);
}

static void question_result(request_t *req, const survey_t *s, const survey_results_t *x, size_t i, bool raw)
{
    buf_t *o = &req->body;
    const survey_result_t *r = &x->results[i];
    html_printf(o, "<section class=\"card question-result\"><h3>%zu. %s</h3><p class=\"muted\">%s</p>", i + 1,
                r->item->q.text, survey_kind_label(r->item->q.kind));
    if (strcmp(r->item->q.kind, "text") == 0) {
        if (r->total.hidden)
            html_printf(o, "<p>%s.</p>", HIDDEN_TEXT);
        else
            html_printf(o, "<p>%d svar i fritext.</p>", r->total.answered);
        if (raw)
            html_printf(o, "<p><a href=\"/surveys/%lld/texts#q%zu\">Läs fritextsvaren</a></p>", (long long)s->id, i + 1);
        html_lit(o, "</section>");
        return;
    }
    const survey_dist_t **d;
    const char **labels;
    size_t n = shown_rows(x, r, &req->arena, &d, &labels);
    dist_chart(req, arena_printf(&req->arena, "Svaren per grupp: %s", r->item->q.text), r, d, labels, n);
    dist_table(req, arena_printf(&req->arena, "Svaren per grupp, fråga %zu", i + 1), "Grupp", r, d, labels, n);
    if (r->nyears) {
        /* The earlier years, then this year's total. */
        size_t ny = r->nyears + 1;
        const survey_dist_t **yd = arena_alloc(&req->arena, ny * sizeof *yd);
        const char **yl = arena_alloc(&req->arena, ny * sizeof *yl);
        for (size_t k = 0; k < r->nyears; k++) {
            yd[k] = &r->years[k].total;
            yl[k] = arena_printf(&req->arena, "%d", r->years[k].year);
        }
        yd[r->nyears] = &r->total;
        yl[r->nyears] = arena_printf(&req->arena, "%d", s->year);
        html_lit(o, "<h4>Samma fråga andra år</h4>");
        dist_chart(req, arena_printf(&req->arena, "Svaren per år: %s", r->item->q.text), r, yd, yl, ny);
        dist_table(req, arena_printf(&req->arena, "Svaren per år, fråga %zu", i + 1), "År", r, yd, yl, ny);
    }
    html_lit(o, "</section>");
}

/* The agency chooses one organiser's answers among those invited (the whole survey's list,
 * also when one is chosen). */
static void organiser_filter(request_t *req, const survey_t *s, const survey_results_t *x)
{
    buf_t *o = &req->body;
    survey_organiser_rate_t *org = x->organisers;
    size_t n = x->norganisers;
    int covered;
    if (x->organiser_id)
        n = surveys_organisers(req->db, &req->viewer, s, &req->arena, &org, &covered);
    html_printf(o, "<form method=\"get\" action=\"/surveys/%lld/results\" class=\"inline filter\"><label for=\"f-organiser\">"
                   "Huvudman</label> <select id=\"f-organiser\" name=\"organiser\"><option value=\"\">Alla huvudmän</option>",
                (long long)s->id);
    for (size_t i = 0; i < n; i++)
        html_printf(o, "<option value=\"%lld\"%s>%s</option>", (long long)org[i].id,
                    org[i].id == x->organiser_id ? " selected" : "", org[i].name);
    html_lit(o, "</select> <button type=\"submit\" class=\"button secondary\">Visa</button></form>");
}

static survey_t *target(request_t *req)
{
    return surveys_get(req->db, &req->viewer, req_param_int(req, "id", 0), &req->arena);
}

static survey_results_t *load(request_t *req, survey_t **s)
{
    *s = target(req);
    return *s ? surveys_results(req->db, &req->viewer, *s, req_param_int(req, "organiser", 0), &req->arena) : NULL;
}

static int results_page(request_t *req)
{
    survey_t *s;
    survey_results_t *x = load(req, &s);
    if (!x)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    bool all = access_may(&req->viewer, CAP_SURVEY_ALL), raw = access_may(&req->viewer, CAP_SURVEY_RAW);
    layout_begin(req, arena_printf(&req->arena, "Resultat: %s %d", s->title, s->year));
    buf_t *o = &req->body;
    const char *q = x->organiser_id ? arena_printf(&req->arena, "?organiser=%lld", (long long)x->organiser_id) : "";
    html_lit(o, "<p><a href=\"/surveys\">Alla enkäter</a>");
    if (access_may(&req->viewer, CAP_SURVEY_BUILD))
        html_printf(o, " · <a href=\"/surveys/%lld\">Enkäten</a>", (long long)s->id);
    html_printf(o, " · <a href=\"/surveys/%lld/results.csv%s\">CSV</a> · <a href=\"/surveys/%lld/results.xlsx%s\">XLSX</a>",
                (long long)s->id, q, (long long)s->id, q);
    if (raw)
        html_printf(o, " · <a href=\"/surveys/%lld/texts\">Fritextsvaren</a>", (long long)s->id);
    if (raw && s->anonymous)
        html_printf(o, " · <a href=\"/surveys/%lld/answers.csv\">Alla svar (CSV)</a>", (long long)s->id);
    html_printf(o, "</p><p class=\"hint\">%s. Bara inskickade svar räknas. En grupp med färre än fem svar visas inte, "
                   "inte heller när den skulle gå att räkna ut ur summan.</p>",
                strcmp(s->state, "closed") == 0 ? "Enkäten är stängd" : "Enkäten är öppen och resultatet kan ändras");
    if (all)
        organiser_filter(req, s, x);
    if (x->organiser_id)
        html_printf(o, "<p class=\"lead\">Svaren från %s.</p>", x->organiser_name);
    html_lit(o, "<h2>Svarsfrekvens</h2>");
    surveys_rate_table(req, x->groups, x->ngroups, x->invited, x->complete, x->total_shown);
    organisers_table(req, x);
    for (size_t k = 0; k < x->nsections; k++) {
        html_printf(o, "<h2>%s</h2>", x->sections[k].title);
        for (size_t i = 0; i < x->nitems; i++)
            if (x->items[i].section_id == x->sections[k].id)
                question_result(req, s, x, i, raw);
    }
    layout_end(req);
    return respond_html(req, 200);
}

/* One export row per group and option (or the mean), the hidden groups as one row
 * without figures; the other years after. */
static void export_dist(export_table_t *t, int year, const char *section, const survey_result_t *r, const char *group,
                        const survey_dist_t *d)
{
    bool number = strcmp(r->item->q.kind, "number") == 0;
    size_t rows = d->hidden || !r->noptions ? 1 : r->noptions;
    for (size_t k = 0; k < rows; k++) {
        export_cell_t *c = export_add_row(t);
        export_number(&c[0], year);
        c[1].text = section;
        c[2].text = r->item->q.text;
        c[3].text = group;
        if (d->hidden) {
            c[4].text = HIDDEN_TEXT;
            continue;
        }
        export_number(&c[5], d->answered);
        if (r->noptions) {
            c[4].text = r->options[k];
            export_number(&c[6], d->counts[k]);
            export_number(&c[7], survey_rate(d->counts[k], d->answered));
        }
        if (number)
            export_number(&c[8], d->mean);
    }
}

static int results_export(request_t *req)
{
    survey_t *s;
    survey_results_t *x = load(req, &s);
    if (!x)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    static const char *headers[] = {"År", "Avsnitt", "Fråga", "Grupp", "Svarsalternativ", "Svar", "Antal",
                                    "Andel (procent)", "Medelvärde"};
    static const export_kind_t kinds[] = {EXPORT_INT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_TEXT, EXPORT_INT,
                                          EXPORT_INT, EXPORT_INT, EXPORT_DECIMAL};
    export_table_t t;
    export_init(&t, &req->arena, "Resultat", 9, headers, kinds);
    for (size_t i = 0; i < x->nitems; i++) {
        const survey_result_t *r = &x->results[i];
        if (strcmp(r->item->q.kind, "text") == 0)
            continue;
        const char *section = "";
        for (size_t k = 0; k < x->nsections; k++)
            if (x->sections[k].id == r->item->section_id)
                section = x->sections[k].title;
        for (size_t g = 0; g < x->ngroups; g++)
            if (r->groups[g].hidden || r->groups[g].answered)
                export_dist(&t, s->year, section, r, x->groups[g].label, &r->groups[g]);
        export_dist(&t, s->year, section, r, "Alla", &r->total);
        for (size_t k = 0; k < r->nyears; k++)
            export_dist(&t, r->years[k].year, section, r, "Alla", &r->years[k].total);
    }
    return export_respond(req, &t, "enkatresultat");
}

static int texts_page(request_t *req)
{
    survey_t *s = target(req);
    if (!s)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    survey_item_t *it;
    size_t ni = surveys_items(req->db, s, &req->arena, &it);
    survey_text_t *t;
    size_t nt = surveys_texts(req->db, &req->viewer, s, &req->arena, &t);
    layout_begin(req, arena_printf(&req->arena, "Fritextsvar: %s %d", s->title, s->year));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/surveys/%lld/results\">Resultatet</a></p><p class=\"hint\">Svaren är personuppgifter "
                   "om dem som svarat. De visas i bokstavsordning, utan grupp och huvudman, och lämnar inte Samverkan.</p>",
                (long long)s->id);
    for (size_t i = 0; i < ni; i++) {
        if (strcmp(it[i].q.kind, "text") != 0)
            continue;
        html_printf(o, "<section class=\"card\" id=\"q%zu\"><h2>%zu. %s</h2>", i + 1, i + 1, it[i].q.text);
        size_t shown = 0;
        for (size_t k = 0; k < nt; k++)
            if (t[k].item_id == it[i].id) {
                if (!shown++)
                    html_lit(o, "<ul class=\"answers\">");
                html_printf(o, "<li class=\"prose\">%s</li>", t[k].value);
            }
        if (shown)
            html_lit(o, "</ul></section>");
        else
            html_lit(o, "<p class=\"empty\">Inga svar.</p></section>");
    }
    layout_end(req);
    return respond_html(req, 200);
}

static int answers_export(request_t *req)
{
    survey_t *s = target(req);
    if (!s)
        return respond_error(req, 404, SURVEY_NOT_FOUND);
    survey_item_t *it;
    size_t ni = surveys_items(req->db, s, &req->arena, &it);
    survey_raw_row_t *rows;
    size_t n;
    char *err = NULL;
    if (!surveys_raw(req->db, &req->viewer, s, it, ni, &req->arena, &rows, &n, &err))
        return respond_error(req, 409, err);
    const char **headers = arena_alloc(&req->arena, (ni + 2) * sizeof *headers);
    export_kind_t *kinds = arena_alloc(&req->arena, (ni + 2) * sizeof *kinds);
    headers[0] = "Svar";
    kinds[0] = EXPORT_INT;
    headers[1] = "Grupp";
    for (size_t i = 0; i < ni; i++)
        headers[i + 2] = arena_printf(&req->arena, "%zu. %s", i + 1, it[i].q.text);
    export_table_t t;
    export_init(&t, &req->arena, "Svar", ni + 2, headers, kinds);
    for (size_t r = 0; r < n; r++) {
        export_cell_t *c = export_add_row(&t);
        export_number(&c[0], (double)(r + 1));
        c[1].text = rows[r].group;
        for (size_t i = 0; i < ni; i++)
            c[i + 2].text = rows[r].values[i];
    }
    return export_respond(req, &t, "enkatsvar");
}

static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};
static const param_spec_t p_results[] = {PARAM_ID, {"organiser", P_INT, 0, "Huvudman", 1, 1000000000, NULL}, PARAM_END};

const route_t surveys_result_routes[] = {
    {"GET", "/surveys/{id}/results", results_page, CAP_SURVEY_RESULTS, ROUTE_KEPT, p_results},
    {"GET", "/surveys/{id}/results.csv", results_export, CAP_SURVEY_RESULTS, ROUTE_KEPT, p_results},
    {"GET", "/surveys/{id}/results.xlsx", results_export, CAP_SURVEY_RESULTS, ROUTE_KEPT, p_results},
    {"GET", "/surveys/{id}/texts", texts_page, CAP_SURVEY_RAW, ROUTE_KEPT, p_id},
    {"GET", "/surveys/{id}/answers.csv", answers_export, CAP_SURVEY_RAW, ROUTE_KEPT, p_id},
    {"GET", "/surveys/{id}/answers.xlsx", answers_export, CAP_SURVEY_RAW, ROUTE_KEPT, p_id},
    {NULL, NULL, NULL, 0, 0, NULL},
};
