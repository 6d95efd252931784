/* cli.c — `samverkan index inspection|results|preschool|criteria`: a ranking over the
 * imported data (or a round's frozen copy), printed as CSV or JSON. */
#include "ranking.h"
#include "rounds.h"
#include "selection_cli.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int selection_cli_index(db_t *db, const char *method, const selection_cli_opts_t *o)
{
    bool json = o->format && strcmp(o->format, "json") == 0;
    if (o->format && !json && strcmp(o->format, "csv") != 0) {
        fprintf(stderr, "samverkan: --format ska vara csv eller json\n");
        return 2;
    }
    int m = ranking_method_from_key(method);
    if (m < 0) {
        fprintf(stderr, "samverkan: okänd metod \"%s\" (inspection, results, preschool eller criteria)\n", method);
        return 2;
    }
    arena_t a = ARENA_INIT;
    rank_params_t p = {.method = (rank_method_t)m, .year = o->year, .background_year = o->background_year,
                       .vars = o->vars, .weights = o->weights, .result = o->result, .background = o->background,
                       .since = o->since, .until = o->until, .criteria_set_id = o->criteria_set};
    char *err = NULL;
    if (o->round_id && !rounds_params(db, o->round_id, (rank_method_t)m, &a, &p, &err)) {
        fprintf(stderr, "samverkan: %s\n", err);
        arena_free(&a);
        return 1;
    }
    if (!p.round_id && m != RANK_INSPECTION && !p.year) {
        fprintf(stderr, "samverkan: ange --year (eller --round)\n");
        arena_free(&a);
        return 2;
    }
    if (m == RANK_CRITERIA && !p.criteria_set_id) {
        fprintf(stderr, "samverkan: ange --criteria-set ID (eller --round)\n");
        arena_free(&a);
        return 2;
    }
    ranking_t r;
    if (!ranking_compute(db, &p, &a, &r, &err)) {
        fprintf(stderr, "samverkan: %s\n", err);
        arena_free(&a);
        return 1;
    }
    if (p.round_id && m == RANK_PRESCHOOL)
        rounds_mark_preschool(db, p.round_id, &a, &r);
    buf_t out = BUF_INIT;
    if (json) {
        json_t *j = ranking_json(&r, 0, r.nrows);
        if (p.year)
            json_object_set_new(j, "year", json_integer(p.year));
        if (p.round_id)
            json_object_set_new(j, "round", json_integer(p.round_id));
        char *text = json_dumps(j, JSON_INDENT(1));
        buf_puts(&out, text);
        buf_putc(&out, '\n');
        free(text);
        json_decref(j);
    } else {
        ranking_csv(&r, &out);
        if (m == RANK_RESULTS) {
            fprintf(stderr, "n = %zu, R² = %.4f", r.n, r.r2);
            for (size_t k = 0; k + 1 < r.ncols; k++)
                fprintf(stderr, ", %s = %.6f", r.coef_keys[k], r.coef[k]);
            fputc('\n', stderr);
        }
    }
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    arena_free(&a);
    return 0;
}
