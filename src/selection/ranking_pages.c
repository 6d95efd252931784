/* ranking_pages.c — one of a round's rankings: the method in words beside the figures,
 * the model, and each candidate with the explanation of its rank and a form to choose
 * it with a reason; and the same ranking as CSV or XLSX. */
#include "parts.h"
#include "rounds.h"
#include "organisers_view.h"
#include "../http/export_response.h"
#include "../http/layout.h"
#include "../register/register.h"
#include <math.h>
#include <string.h>

enum { PER_PAGE = 50 };

static const char *const method_text[RANK_METHOD_COUNT] = {
    "Skolenheter med föreläggande vid vite kommer först, sedan enheter med föreläggande. Inom varje grupp "
    "ordnas enheterna efter antalet arbetsområden med brister och sedan efter antalet kritiska faktorer, båda "
    "fallande; vid lika går den lägre skolenhetskoden först. Varje enhets senaste beslut i perioden räknas.",
    "Förväntat resultat skattas med vanlig minsta kvadrat-regression (i SALSA:s anda) av resultatvariabeln på "
    "bakgrundsvariablerna, över skolorna som har alla värden. Residualen är faktiskt minus förväntat; plats 1 är "
    "skolan som ligger längst under vad bakgrunden ger anledning att vänta.",
    "Varje variabel standardiseras över landets förskolor (z = tecken · (x − medel) / standardavvikelse, där "
    "andelen med förskollärarexamen vänds så att ett högre värde betyder svårare förutsättningar). Indexet är det "
    "vägda medelvärdet av z-värdena; plats 1 har det högsta indexet. Förskolor som saknar en variabel rangordnas "
    "inte men listas med skälet. Orimliga värden (till exempel fler än 20 barn per heltidstjänst) behålls och "
    "flaggas.",
    "För varje kriterium räknas percentilen så att 100 är det sämsta läget; poängen är det vägda medelvärdet. En "
    "enhet som inte når ett kriteriums gräns, eller saknar ett värde, rangordnas inte.",
};

static bool load(request_t *req, round_t **r, ranking_t *rk, int *status)
{
    *r = rounds_get(req->db, req_param_int(req, "id", 0), &req->arena);
    /* The page names the ranking in its path; a refused choice posted from it, in the form. */
    const char *key = req_param(req, "method")[0] ? req_param(req, "method") : req_param(req, "ranking");
    int m = ranking_method_from_key(key);
    if (!*r || m < 0) {
        *status = respond_error(req, 404, "Rangordningen finns inte.");
        return false;
    }
    char *err = NULL;
    if (!rounds_ranking(req->db, *r, (rank_method_t)m, &req->arena, rk, &err)) {
        *status = respond_error(req, 409, arena_printf(&req->arena, "Rangordningen kan inte visas: %s.", err));
        return false;
    }
    return true;
}

static void model_facts(request_t *req, const ranking_t *rk)
{
    buf_t *o = &req->body;
    html_lit(o, "<dl class=\"facts\">");
    html_lit(o, "<dt>Rangordnade</dt><dd>");
    html_int(o, (int64_t)rk->ranked);
    html_lit(o, " av ");
    html_int(o, (int64_t)rk->nrows);
    html_lit(o, "</dd>");
    if (rk->method == RANK_RESULTS) {
        html_lit(o, "<dt>Skolor i modellen (n)</dt><dd>");
        html_int(o, (int64_t)rk->n);
        html_lit(o, "</dd><dt>Förklaringsgrad (R²)</dt><dd>");
        html_decimal(o, rk->r2, 3);
        html_lit(o, "</dd><dt>Koefficienter</dt><dd>");
        for (size_t k = 0; k + 1 < rk->ncols; k++) {
            const reg_variable_t *v = register_variable(rk->coef_keys[k]);
            html_printf(o, "%s%s ", k ? "; " : "", k == 0 ? "konstant" : v ? v->label : rk->coef_keys[k]);
            html_decimal(o, rk->coef[k], 4);
        }
        html_lit(o, "</dd>");
    }
    for (size_t k = 0; k < rk->nvars; k++) {
        const reg_variable_t *v = register_variable(rk->vars[k]);
        html_printf(o, "<dt>%s</dt><dd>vikt ", v ? v->label : rk->vars[k]);
        html_decimal(o, rk->weights[k], 2);
        if (rk->method == RANK_PRESCHOOL) {
            html_printf(o, ", %s är svårare; medel ", rk->signs[k] < 0 ? "lägre" : "högre");
            html_decimal(o, rk->means[k], 2);
            html_lit(o, ", standardavvikelse ");
            html_decimal(o, rk->sds[k], 2);
        } else {
            html_printf(o, ", %s är sämre", rk->signs[k] < 0 ? "lägre" : "högre");
            if (!isnan(rk->means[k])) {
                html_lit(o, "; gräns ");
                html_decimal(o, rk->means[k], 1);
            }
        }
        html_lit(o, "</dd>");
    }
    html_lit(o, "</dl>\n");
}

static bool chosen(const round_choice_t *c, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(c[i].code, code) == 0)
            return true;
    return false;
}

/* The columns a reader scans: for the index and criteria each variable's value, for
 * expected results actual and expected, for the inspection list the counts. */
static bool shown_column(const ranking_t *rk, size_t c)
{
    if (rk->method == RANK_PRESCHOOL)
        return strcmp(rk->cols[c].what, "value") == 0 || strcmp(rk->cols[c].what, "percentile") == 0;
    if (rk->method == RANK_INSPECTION)
        return c > 0;
    return true;
}

static const char *column_label(request_t *req, const ranking_t *rk, size_t c)
{
    const rank_column_t *col = &rk->cols[c];
    const reg_variable_t *v = register_variable(col->variable);
    const char *name = v ? v->label : col->variable;
    if (strcmp(col->key, "work_areas") == 0)
        return "Arbetsområden";
    if (strcmp(col->key, "critical_factors") == 0)
        return "Kritiska faktorer";
    if (strcmp(col->what, "percentile") == 0)
        return arena_printf(&req->arena, "%s, percentil", name);
    if (strcmp(col->what, "expected") == 0)
        return "Förväntat";
    return name;
}

static const char *value_label(const ranking_t *rk)
{
    switch (rk->method) {
    case RANK_INSPECTION: return "Beslut";
    case RANK_RESULTS: return "Residual";
    case RANK_PRESCHOOL: return "Index";
    default: return "Poäng";
    }
}

int selection_ranking_view(request_t *req, int status)
{
    round_t *r;
    ranking_t rk;
    int st;
    if (!load(req, &r, &rk, &st))
        return st;
    round_choice_t *choices;
    size_t nchoices = rounds_choices(req->db, r->id, &req->arena, &choices);
    layout_begin(req, arena_printf(&req->arena, "%s — %s", ranking_method_label(rk.method), r->name));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/rounds/%lld\">Tillbaka till omgången</a></p>\n", (long long)r->id);
    if (req_param(req, "valt")[0])
        widget_notice(req, "success", arena_printf(&req->arena, "Enheten %s är vald.", req_param(req, "valt")));
    widget_error_summary(req);
    html_printf(o, "<div class=\"method\"><h2>Så räknas rangordningen</h2><p>%s</p></div>\n", method_text[rk.method]);
    model_facts(req, &rk);
    const char *key = ranking_method_key(rk.method);
    html_printf(o, "<p class=\"exports\">Ladda ner: <a href=\"/rounds/%lld/rankings/%s/export.csv\">CSV</a> · "
                   "<a href=\"/rounds/%lld/rankings/%s/export.xlsx\">Excel</a></p>\n",
                (long long)r->id, key, (long long)r->id, key);
    long long page = req_param_int(req, "page", 1);
    size_t from = (size_t)(page - 1) * PER_PAGE, to = from + PER_PAGE < rk.nrows ? from + PER_PAGE : rk.nrows;
    bool open = strcmp(r->status, "open") == 0;
    size_t ncells = 4 + (open ? 1 : 0);
    for (size_t c = 0; c < rk.ncols; c++)
        ncells += shown_column(&rk, c);
    if (rk.method == RANK_PRESCHOOL && r->prefer_coordinated)
        html_lit(o, "<p class=\"notice\">Samordnat urval är påslaget: förskolor hos huvudmän som också är "
                    "skolkandidater i omgången visas först, i indexets ordning; därefter övriga.</p>\n");
    html_lit(o, TABLE_OPEN_AS("Rangordning", "ranking") "<thead><tr><th scope=\"col\" class=\"num\">Plats</th>"
                "<th scope=\"col\">Enhet</th><th scope=\"col\">Huvudman</th>");
    html_printf(o, "<th scope=\"col\" class=\"num\">%s</th>", value_label(&rk));
    for (size_t c = 0; c < rk.ncols; c++)
        if (shown_column(&rk, c))
            html_printf(o, "<th scope=\"col\" class=\"num\">%s</th>", column_label(req, &rk, c));
    if (open)
        html_lit(o, "<th scope=\"col\" class=\"choose-cell\">Välj</th>");
    html_lit(o, "</tr></thead><tbody>\n");
    for (size_t i = from; i < to; i++) {
        const rank_row_t *row = &rk.rows[i];
        html_printf(o, "<tr id=\"rad-%s\" class=\"candidate%s\"><td class=\"num\">", row->code,
                    row->flagged ? " flagged" : "");
        if (row->rank)
            html_int(o, row->rank);
        else
            html_lit(o, "–");
        html_printf(o, "</td><td><a href=\"/units/%s\">%s</a> <span class=\"muted\">%s</span>", row->code, row->name,
                    row->code);
        if (row->coordinated)
            html_lit(o, " <span class=\"tag\">Samordnat urval</span>");
        if (row->organiser_injunction)
            html_lit(o, " <span class=\"tag\">Föreläggande förskola</span>");
        if (row->flagged)
            html_lit(o, " <span class=\"tag warn\">Orimligt värde</span>");
        html_printf(o, "</td><td>%s</td><td class=\"num\">", row->organiser);
        if (rk.method == RANK_INSPECTION)
            html_printf(o, "%s<br><span class=\"muted\">%s</span>", row->fine ? "Vite" : "Föreläggande",
                        row->decision_date);
        else if (!isnan(row->value))
            html_decimal(o, row->value, 2);
        html_lit(o, "</td>");
        for (size_t c = 0; c < rk.ncols; c++) {
            if (!shown_column(&rk, c))
                continue;
            html_lit(o, "<td class=\"num\">");
            if (!isnan(row->cols[c]))
                html_decimal(o, row->cols[c], strcmp(rk.cols[c].what, "percentile") == 0 || rk.method == RANK_INSPECTION ? 0 : 1);
            html_lit(o, "</td>");
        }
        if (open) {
            html_lit(o, "<td class=\"choose-cell\">");
            if (chosen(choices, nchoices, row->code)) {
                html_lit(o, "<strong>Vald</strong>");
            } else {
                html_printf(o, "<form method=\"post\" action=\"/rounds/%lld/choices\" class=\"choose\">", (long long)r->id);
                widget_csrf(req);
                html_printf(o, "<input type=\"hidden\" name=\"code\" value=\"%s\"><input type=\"hidden\" name=\"ranking\" "
                               "value=\"%s\"><input type=\"hidden\" name=\"page\" value=\"%lld\">"
                               "<label for=\"skal-%s\" class=\"visually-hidden\">Skäl för %s (internt)</label>"
                               "<input id=\"skal-%s\" name=\"reason\" placeholder=\"Skäl (internt)\" maxlength=\"500\">"
                               "<button type=\"submit\" class=\"button small\">Välj<span class=\"visually-hidden\"> %s"
                               "</span></button></form>",
                            row->code, key, page, row->code, row->name, row->code, row->name);
            }
            html_lit(o, "</td>");
        }
        /* The explanation on its own full-width row under the candidate. */
        html_printf(o, "</tr>\n<tr class=\"why-row\"><td></td><td colspan=\"%zu\"><details><summary>Varför %s?"
                       "</summary><p>%s</p></details></td></tr>\n",
                    ncells - 1, row->rank ? arena_printf(&req->arena, "plats %d", row->rank) : "ingen plats",
                    ranking_explain(&rk, row, &req->arena));
    }
    html_lit(o, "</tbody></table></div>\n");
    widget_pager(req, arena_printf(&req->arena, "/rounds/%lld/rankings/%s?", (long long)r->id, key), page, PER_PAGE,
                 (long long)rk.nrows);
    layout_end(req);
    return respond_html(req, status);
}

static int selection_ranking_page(request_t *req)
{
    return selection_ranking_view(req, 200);
}

static int selection_ranking_export(request_t *req)
{
    round_t *r;
    ranking_t rk;
    int st;
    if (!load(req, &r, &rk, &st))
        return st;
    size_t ncols = 6 + rk.ncols;
    const char **headers = arena_alloc(&req->arena, ncols * sizeof *headers);
    export_kind_t *kinds = arena_alloc(&req->arena, ncols * sizeof *kinds);
    const char *fixed[] = {"Plats", "Enhetskod", "Enhet", "Huvudman", value_label(&rk)};
    for (size_t c = 0; c < 5; c++) {
        headers[c] = fixed[c];
        kinds[c] = c == 0 ? EXPORT_INT : c == 4 ? EXPORT_DECIMAL : EXPORT_TEXT;
    }
    if (rk.method == RANK_INSPECTION)
        headers[4] = "Prioritetsnyckel";
    for (size_t c = 0; c < rk.ncols; c++) {
        const rank_column_t *col = &rk.cols[c];
        headers[5 + c] = strcmp(col->what, "z") == 0 ? arena_printf(&req->arena, "%s, z", col->variable)
                         : strcmp(col->what, "contribution") == 0 ? arena_printf(&req->arena, "%s, bidrag", col->variable)
                         : rk.method == RANK_INSPECTION && c == 0 ? "Vite (1 = ja)"
                                                                  : column_label(req, &rk, c);
        kinds[5 + c] = EXPORT_DECIMAL;
    }
    headers[ncols - 1] = "Anmärkning";
    kinds[ncols - 1] = EXPORT_TEXT;
    export_table_t t;
    export_init(&t, &req->arena, ranking_method_label(rk.method), ncols, headers, kinds);
    for (size_t i = 0; i < rk.nrows; i++) {
        const rank_row_t *row = &rk.rows[i];
        export_cell_t *c = export_add_row(&t);
        export_number(&c[0], row->rank ? (double)row->rank : NAN);
        c[1].text = row->code;
        c[2].text = row->name;
        c[3].text = row->organiser;
        export_number(&c[4], row->value);
        for (size_t k = 0; k < rk.ncols; k++) {
            export_number(&c[5 + k], row->cols[k]);
        }
        c[ncols - 1].text = row->decision_date
                                ? arena_printf(&req->arena, "beslut %s%s%s", row->decision_date, *row->note ? "; " : "", row->note)
                                : row->note;
    }
    return export_respond(req, &t, arena_printf(&req->arena, "urval-%lld-%s", (long long)r->id,
                                                ranking_method_key(rk.method)));
}

static int selection_organisers_page(request_t *req)
{
    round_t *r = rounds_get(req->db, req_param_int(req, "id", 0), &req->arena);
    if (!r)
        return respond_error(req, 404, "Urvalsomgången finns inte.");
    org_candidate_t *c;
    char *err = NULL;
    size_t n = organisers_view(req->db, r, &req->arena, &c, &err);
    if (n == (size_t)-1)
        return respond_error(req, 409, arena_printf(&req->arena, "Huvudmännen kan inte visas: %s.", err));
    layout_begin(req, arena_printf(&req->arena, "Huvudmän — %s", r->name));
    buf_t *o = &req->body;
    html_printf(o, "<p><a href=\"/rounds/%lld\">Tillbaka till omgången</a></p>\n", (long long)r->id);
    html_lit(o, "<div class=\"method\"><h2>Så ordnas huvudmännen</h2><p>Erbjudandet går till huvudmannen. Här står "
                "varje huvudman med en skolenhet i Skolinspektionens underlag, ett föreläggande för förskolan eller en "
                "förskola bland den tiondel av landets förskolor som har svårast förutsättningar. Ordningen följer "
                "huvudmannens bästa plats i Skolinspektionens underlag, sedan föreläggande för förskolan, sedan antalet "
                "förskolor med svåra förutsättningar.</p></div>\n");
    html_lit(o, TABLE_OPEN("Huvudmän i omgången") "<thead><tr><th scope=\"col\" class=\"num\">Plats</th>"
                "<th scope=\"col\">Huvudman</th><th scope=\"col\" class=\"num\">Skolenheter i underlaget</th>"
                "<th scope=\"col\" class=\"num\">Med vite</th><th scope=\"col\">Förskola</th>"
                "<th scope=\"col\" class=\"num\">Förskolor i svåraste tiondelen</th>"
                "<th scope=\"col\" class=\"num\">Valda enheter</th><th scope=\"col\">Varför</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        html_lit(o, "<tr><td class=\"num\">");
        html_int(o, c[i].rank);
        html_printf(o, "</td><td>%s</td><td class=\"num\">", c[i].organiser);
        html_int(o, c[i].inspection_units);
        html_lit(o, "</td><td class=\"num\">");
        html_int(o, c[i].with_fine);
        html_printf(o, "</td><td>%s</td><td class=\"num\">", c[i].preschool_injunction ? "Föreläggande" : "–");
        html_int(o, c[i].difficult_preschools);
        html_lit(o, "</td><td class=\"num\">");
        html_int(o, c[i].chosen);
        html_printf(o, "</td><td>%s</td></tr>\n", organisers_view_explain(&c[i], &req->arena));
    }
    html_lit(o, "</tbody></table></div>\n");
    layout_end(req);
    return respond_html(req, 200);
}

static const param_spec_t p_ranking[] = {PARAM_ID,
                                         {"method", P_CHOICE, PARAM_PATH, "Rangordning", 0, 0, selection_method_keys},
                                         PARAM_PAGE,
                                         {"valt", P_UNIT_CODE, 0, "Vald enhet", 0, 0, NULL},
                                         PARAM_END};
static const param_spec_t p_id[] = {PARAM_ID, PARAM_END};

const route_t selection_ranking_routes[] = {
    {"GET", "/rounds/{id}/rankings/{method}", selection_ranking_page, CAP_ROUND_MANAGE, ROUTE_KEPT, p_ranking},
    {"GET", "/rounds/{id}/organisers", selection_organisers_page, CAP_ROUND_MANAGE, ROUTE_KEPT, p_id},
    {"GET", "/rounds/{id}/rankings/{method}/export.csv", selection_ranking_export, CAP_ROUND_MANAGE, ROUTE_KEPT, p_ranking},
    {"GET", "/rounds/{id}/rankings/{method}/export.xlsx", selection_ranking_export, CAP_ROUND_MANAGE, ROUTE_KEPT, p_ranking},
    {NULL, NULL, NULL, 0, 0, NULL},
};
