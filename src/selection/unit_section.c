/* unit_section.c — on a unit's page: why the unit ranks where it does in a selection
 * round, in plain words, with each value drawn against the national distribution.
 * The agency's selection staff see the newest frozen round; everyone else who may see
 * the unit sees only rounds whose decision included it. */
#include "parts.h"
#include "rounds.h"
#include "../base/fmt.h"
#include "../http/layout.h"
#include "../io/svg_chart.h"
#include "../register/register.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* Draws the unit's value of column c against every unit's value in the ranking. */
static void chart_column(request_t *req, const ranking_t *rk, const rank_row_t *row, size_t c)
{
    if (isnan(row->cols[c]))
        return;
    const double *values;
    size_t n = 0;
    if (rk->sorted && rk->sorted[c]) { /* a cached ranking carries them sorted */
        values = rk->sorted[c];
        n = rk->nsorted[c];
    } else {
        double *v = arena_alloc(&req->arena, (rk->nrows ? rk->nrows : 1) * sizeof *v);
        for (size_t i = 0; i < rk->nrows; i++)
            if (!isnan(rk->rows[i].cols[c]))
                v[n++] = rk->rows[i].cols[c];
        qsort(v, n, sizeof *v, cmp_double);
        values = v;
    }
    const reg_variable_t *v = register_variable(rk->cols[c].variable);
    buf_t text = BUF_INIT;
    fmt_decimal_sv(&text, row->cols[c], 1);
    if (v && strcmp(v->unit, "%") == 0)
        buf_puts(&text, FMT_NBSP "%");
    svg_distribution(&req->body, v ? v->label : rk->cols[c].variable, values, n, row->cols[c], buf_cstr(&text));
    buf_free(&text);
}

static void explain(request_t *req, const round_t *r, rank_method_t m, const char *code, const char *reason)
{
    ranking_t rk;
    char *err = NULL;
    if (!rounds_ranking(req->db, r, m, &req->arena, &rk, &err))
        return;
    const rank_row_t *row = ranking_find(&rk, code);
    if (!row)
        return;
    buf_t *o = &req->body;
    html_printf(o, "<div class=\"why\"><h4>%s</h4><p>%s</p>", ranking_method_label(m), ranking_explain(&rk, row, &req->arena));
    if (reason)
        html_printf(o, "<p><strong>Skäl till valet:</strong> %s</p>", reason);
    html_lit(o, "<div class=\"charts\">");
    for (size_t c = 0; c < rk.ncols; c++)
        if (strcmp(rk.cols[c].what, "value") == 0 && m != RANK_INSPECTION)
            chart_column(req, &rk, row, c);
    html_lit(o, "</div></div>\n");
}

/* Why a unit ranks where it does in the rounds the viewer may see it in: the agency the
 * newest frozen round as well; the organiser's side the rounds that chose it. */
static void unit_section(request_t *req, const reg_unit_t *u)
{
    buf_t *o = &req->body;
    const char *code = u->code;
    unit_decision_t *d;
    size_t n = rounds_unit_decisions(req->db, u->id, &req->arena, &d);
    if (n > 8)
        n = 8;
    int64_t newest = access_may(&req->viewer, CAP_ROUND_MANAGE) ? rounds_newest_frozen(req->db) : 0;
    if (!n && !newest)
        return;
    html_lit(o, "<h2 id=\"urval\">Urval</h2>\n<p class=\"hint\">Så placerar sig enheten i urvalet, jämfört med landets "
                "enheter. Punkten är enhetens värde; rutan visar där hälften av enheterna ligger och strecket "
                "medianen.</p>\n");
    for (size_t i = 0; i < n; i++) {
        round_t *r = rounds_get(req->db, d[i].round_id, &req->arena);
        if (!r)
            continue;
        html_printf(o, "<h3>%s (beslut %s)</h3>", r->name, r->decision_date ? r->decision_date : "");
        int m = ranking_method_from_key(d[i].ranking);
        if (m >= 0)
            explain(req, r, (rank_method_t)m, code, d[i].reason);
        else
            html_printf(o, "<p>Enheten lades till efter dialog med huvudmannen. Skäl: %s</p>", d[i].reason);
        if (newest == r->id)
            newest = 0;
    }
    /* Only a round that froze a value of this unit can place it; a preschool is only in
     * the index, a school unit only in the school rankings. */
    if (newest && !rounds_froze_unit(req->db, newest, u->id))
        newest = 0;
    if (newest) {
        round_t *r = rounds_get(req->db, newest, &req->arena);
        bool preschool = strlen(code) == 6;
        html_printf(o, "<h3>%s (underlaget fryst, %s)</h3>", r->name,
                    strcmp(r->status, "decided") == 0 ? "beslutad" : "inte beslutad");
        for (int m = 0; m < RANK_METHOD_COUNT; m++)
            if ((m == RANK_PRESCHOOL) == preschool && (m != RANK_CRITERIA || r->criteria_set_id))
                explain(req, r, (rank_method_t)m, code, NULL);
    }
}

static const unit_part_t part = {.order = 10, .section = unit_section};
UNIT_PART(part);
