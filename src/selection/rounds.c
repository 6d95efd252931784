/* rounds.c — the store of selection rounds: settings, the frozen copy of their inputs,
 * choices, the decision and offers. Every change runs in one write transaction and is
 * audited. */
#include "rounds.h"
#include "../db/tx.h"
#include "ranking_cache.h"
#include "../base/vec.h"
#include "../base/validate.h"
#include "../db/audit.h"
#include "../register/register.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUND_COLUMNS                                                                                         \
    "r.id, r.name, r.planned_date, r.status, r.results_year, r.background_year, r.preschool_year,"           \
    " r.inspection_from, r.inspection_to, r.criteria_set_id, c.name, c.version, r.preschool_vars,"           \
    " r.preschool_weights, r.result_var, r.background_vars, r.prefer_coordinated, r.frozen_at,"              \
    " r.decision_date, r.created_by, r.freeze_count FROM selection_rounds r LEFT JOIN criteria_sets c ON c.id = r.criteria_set_id"

static const char *text_or(arena_t *a, db_stmt_t *st, int col, const char *dflt)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : dflt;
}

static void read_round(db_stmt_t *st, arena_t *a, round_t *r)
{
    r->id = db_col_int(st, 0);
    r->name = text_or(a, st, 1, "");
    r->planned_date = text_or(a, st, 2, "");
    r->status = text_or(a, st, 3, "open");
    r->results_year = (int)db_col_int(st, 4);
    r->background_year = (int)db_col_int(st, 5);
    r->preschool_year = (int)db_col_int(st, 6);
    r->inspection_from = text_or(a, st, 7, NULL);
    r->inspection_to = text_or(a, st, 8, NULL);
    r->criteria_set_id = db_col_int(st, 9);
    r->criteria_name = text_or(a, st, 10, NULL);
    r->criteria_version = (int)db_col_int(st, 11);
    r->preschool_vars = text_or(a, st, 12, "");
    r->preschool_weights = text_or(a, st, 13, "");
    r->result_var = text_or(a, st, 14, "merit17");
    r->background_vars = text_or(a, st, 15, "");
    r->prefer_coordinated = db_col_int(st, 16) != 0;
    r->frozen_at = db_col_int(st, 17);
    r->decision_date = text_or(a, st, 18, NULL);
    r->created_by = text_or(a, st, 19, "");
    r->freeze_count = db_col_int(st, 20);
}

size_t rounds_list(db_t *db, arena_t *a, round_t **out)
{
    size_t n = 0, cap = 16;
    *out = arena_alloc(a, cap * sizeof **out);
    db_stmt_t *st = db_prepare(db, "SELECT " ROUND_COLUMNS " ORDER BY r.planned_date DESC, r.id DESC");
    while (st && db_step(st) == DB_ROW) {
        read_round(st, a, ARENA_PUSH(a, *out, n, cap));
    }
    db_done(st);
    return n;
}

round_t *rounds_get(db_t *db, int64_t id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " ROUND_COLUMNS " WHERE r.id = ?");
    db_bind_int(st, 1, id);
    round_t *r = NULL;
    if (st && db_step(st) == DB_ROW) {
        r = arena_alloc(a, sizeof *r);
        read_round(st, a, r);
    }
    db_done(st);
    return r;
}

static void params_of(const round_t *r, rank_method_t m, rank_params_t *p)
{
    memset(p, 0, sizeof *p);
    p->method = m;
    p->round_id = r->id;
    p->year = m == RANK_PRESCHOOL ? r->preschool_year : r->results_year;
    p->background_year = r->background_year;
    p->vars = r->preschool_vars;
    p->weights = r->preschool_weights;
    p->result = r->result_var;
    p->background = r->background_vars;
    p->criteria_set_id = r->criteria_set_id;
}

bool rounds_params(db_t *db, int64_t id, rank_method_t m, arena_t *a, rank_params_t *p, char **err)
{
    round_t *r = rounds_get(db, id, a);
    if (!r || !r->frozen_at) {
        *err = arena_printf(a, "urvalsomgång %lld finns inte eller har inget fryst underlag", (long long)id);
        return false;
    }
    params_of(r, m, p);
    return true;
}

static int cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

/* Runs sql with the round id bound to each of its nparams parameters; sorted ids. */
static size_t query_ids(db_t *db, sql_t sql, int nparams, int64_t id, arena_t *a, int64_t **out)
{
    size_t n = 0, cap = 64;
    *out = arena_alloc(a, cap * sizeof **out);
    db_stmt_t *st = db_prepare_sql(db, sql);
    for (int i = 1; i <= nparams; i++)
        db_bind_int(st, i, id);
    while (st && db_step(st) == DB_ROW) {
        *ARENA_PUSH(a, *out, n, cap) = db_col_int(st, 0);
    }
    db_done(st);
    qsort(*out, n, sizeof **out, cmp_id);
    return n;
}

void rounds_mark_preschool(db_t *db, int64_t round_id, arena_t *a, ranking_t *r)
{
    int64_t *schools, *injunctions;
    size_t ns = query_ids(db, SQL("SELECT organiser_id FROM round_inspections WHERE round_id = ? UNION"
                                  " SELECT organiser_id FROM round_choices WHERE round_id = ? AND ranking <> 'preschool'"),
                          2, round_id, a, &schools);
    size_t ni = query_ids(db, SQL("SELECT organiser_id FROM round_preschool_inspections WHERE round_id = ?"), 1,
                          round_id, a, &injunctions);
    for (size_t i = 0; i < r->nrows; i++) {
        int64_t key = r->rows[i].organiser_id;
        r->rows[i].organiser_injunction = bsearch(&key, injunctions, ni, sizeof *injunctions, cmp_id) != NULL;
    }
    round_t *round = rounds_get(db, round_id, a);
    ranking_mark_coordinated(r, schools, ns, round && round->prefer_coordinated);
}

/* Computes a ranking; with in_tx unset it may come from (and go to) the cache, computed
 * inside a read transaction so that the freeze count and the values are one snapshot. */
static bool ranking_for(db_t *db, const round_t *round, rank_method_t m, arena_t *a, ranking_t *out, char **err,
                        bool in_tx)
{
    if (!round->frozen_at) {
        *err = arena_strdup(a, "omgången har inget fryst underlag än");
        return false;
    }
    if (m == RANK_CRITERIA && !round->criteria_set_id) {
        *err = arena_strdup(a, "omgången har ingen kriterieuppsättning");
        return false;
    }
    if (in_tx || !ranking_cache_get(round->id, round->freeze_count, m, a, out)) {
        rank_params_t p;
        params_of(round, m, &p);
        bool snapshot = !in_tx && db_begin_read(db) == DB_OK;
        int64_t version = snapshot ? db_run_int(db, -1, "SELECT freeze_count FROM selection_rounds WHERE id = ?", "i",
                                                round->id)
                                   : -1;
        bool ok = ranking_compute(db, &p, a, out, err);
        if (snapshot)
            db_commit(db);
        if (!ok)
            return false;
        /* Kept only when the values read are the ones this freeze count names. */
        if (snapshot && version == round->freeze_count)
            ranking_cache_put(round->id, round->freeze_count, m, out);
    }
    if (m == RANK_PRESCHOOL) {
        /* The marks come from the round's choices, which change without a refreeze: set
         * them on the request's own copy of the rows (a cached ranking is shared). */
        rank_row_t *rows = arena_alloc(a, (out->nrows ? out->nrows : 1) * sizeof *rows);
        memcpy(rows, out->rows, out->nrows * sizeof *rows);
        out->rows = rows;
        rounds_mark_preschool(db, round->id, a, out);
    }
    return true;
}

bool rounds_ranking(db_t *db, const round_t *round, rank_method_t m, arena_t *a, ranking_t *out, char **err)
{
    return ranking_for(db, round, m, a, out, err, false);
}

bool rounds_ranking_in_tx(db_t *db, const round_t *round, rank_method_t m, arena_t *a, ranking_t *out, char **err)
{
    return ranking_for(db, round, m, a, out, err, true);
}

int64_t rounds_create(db_t *db, const viewer_t *v, const char *name, const char *planned_date, arena_t *a, char **err)
{
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO selection_rounds (name, planned_date, created_by, created_at)"
                                   " VALUES (?, ?, ?, ?) RETURNING id", "ttti", name, planned_date, v->email,
                            (int64_t)time(NULL));
    if (!id) {
        tx_fail(db, a, err, arena_printf(a, "Det finns redan en urvalsomgång som heter \"%s\".", name));
        return 0;
    }
    bool ok = tx_audit(db, v, "round:create", "selection_round", id, json_pack("{s:s, s:s}", "name", name, "planned_date", planned_date));
    return tx_finish(db, ok, a, err) ? id : 0;
}

/* Copies one variable of one year into the round; false when the register has no value. */
static bool freeze_variable(db_t *db, int64_t id, const char *variable, int year, arena_t *a, char **err)
{
    int64_t have = db_run_int(db, 0, "SELECT COUNT(*) FROM unit_stats WHERE year = ? AND variable = ? AND value IS NOT NULL",
                              "it", (int64_t)year, variable);
    if (!have) {
        const reg_variable_t *rv = register_variable(variable);
        *err = arena_printf(a, "Det finns inga värden för %s (%s) år %d. Importera filen först eller välj ett annat år.",
                            rv ? rv->label : variable, variable, year);
        return false;
    }
    return db_run(db, "INSERT INTO round_values (round_id, unit_id, code, name, organiser_id, organiser, school_forms,"
                      " year, variable, value, flag) SELECT ?, u.id, u.code, u.name, o.id, o.name, u.school_forms,"
                      " s.year, s.variable, s.value, s.flag FROM unit_stats s JOIN units u ON u.id = s.unit_id"
                      " JOIN organisers o ON o.id = u.organiser_id WHERE s.year = ? AND s.variable = ?"
                      " ON CONFLICT DO NOTHING",
                  "iit", id, (int64_t)year, variable) == DB_DONE;
}

static bool freeze_list(db_t *db, int64_t id, const char *list, int year, arena_t *a, char **err)
{
    char *copy = arena_strdup(a, list ? list : ""), *save = NULL;
    for (char *k = strtok_r(copy, ",", &save); k; k = strtok_r(NULL, ",", &save))
        if (!freeze_variable(db, id, k, year, a, err))
            return false;
    return true;
}

static bool freeze_inputs(db_t *db, int64_t id, const round_inputs_t *in, arena_t *a, char **err,
                          const char **field)
{
    static const sql_t clear[] = {SQL_CONST("DELETE FROM round_values WHERE round_id = ?"),
                                  SQL_CONST("DELETE FROM round_inspections WHERE round_id = ?"),
                                  SQL_CONST("DELETE FROM round_preschool_inspections WHERE round_id = ?")};
    for (size_t i = 0; i < 3; i++)
        if (db_run_sql(db, clear[i], "i", id) != DB_DONE)
            return false;
    int bg_year = in->background_year ? in->background_year : in->results_year;
    /* A missing year is the fault of the field that names it. */
    if (!freeze_list(db, id, in->result_var, in->results_year, a, err))
        return *field = "results_year", false;
    if (!freeze_list(db, id, in->background_vars, bg_year, a, err))
        return *field = in->background_year ? "background_year" : "results_year", false;
    if (!freeze_list(db, id, in->preschool_vars, in->preschool_year, a, err))
        return *field = "preschool_year", false;
    *field = "criteria_set";
    if (in->criteria_set_id) {
        db_stmt_t *st = db_prepare(db, "SELECT variable FROM criteria WHERE set_id = ? ORDER BY position");
        db_bind_int(st, 1, in->criteria_set_id);
        size_t n = 0;
        const char *vars[16];
        while (st && db_step(st) == DB_ROW && n < 16)
            vars[n++] = arena_strdup(a, db_col_text(st, 0));
        db_done(st);
        for (size_t i = 0; i < n; i++) {
            bool bg = strcmp(vars[i], "foreign_bg") == 0 || strcmp(vars[i], "parents_post_sec") == 0;
            if (!freeze_variable(db, id, vars[i], bg ? bg_year : in->results_year, a, err))
                return false;
        }
    }
    const char *from = in->inspection_from ? in->inspection_from : "0000-00-00";
    const char *to = in->inspection_to ? in->inspection_to : "9999-99-99";
    /* Each unit's latest decision within the period. */
    if (db_run(db, "INSERT INTO round_inspections (round_id, unit_id, code, name, organiser_id, organiser, school_forms,"
                   " decision_date, fine, work_areas, critical_factors) SELECT ?, u.id, u.code, u.name, o.id, o.name,"
                   " u.school_forms, d.decision_date, d.fine, d.work_areas, d.critical_factors"
                   " FROM inspection_decisions d JOIN units u ON u.id = d.unit_id JOIN organisers o ON o.id = u.organiser_id"
                   " WHERE d.decision_date >= ? AND d.decision_date <= ? AND NOT EXISTS (SELECT 1 FROM inspection_decisions e"
                   " WHERE e.unit_id = d.unit_id AND e.decision_date > d.decision_date AND e.decision_date <= ?)",
               "ittt", id, from, to, to) != DB_DONE)
        return false;
    return db_run(db, "INSERT INTO round_preschool_inspections (round_id, organiser_id, organiser, decision_date,"
                      " conditions, development) SELECT ?, o.id, o.name, MAX(p.decision_date), MAX(p.conditions),"
                      " MAX(p.development) FROM preschool_inspections p JOIN organisers o ON o.id = p.organiser_id"
                      " WHERE p.decision_date >= ? AND p.decision_date <= ? GROUP BY o.id, o.name",
                  "itt", id, from, to) == DB_DONE;
}

bool rounds_freeze(db_t *db, const viewer_t *v, int64_t id, const round_inputs_t *in, arena_t *a, char **err,
                   const char **field)
{
    *field = "results_year";
    if (!tx_begin(db, a, err))
        return false;
    round_t *r = rounds_get(db, id, a);
    if (!r || strcmp(r->status, "open") != 0)
        return tx_fail(db, a, err, "Omgången är redan beslutad; underlaget kan inte ändras.");
    bool ok = db_run(db, "UPDATE selection_rounds SET results_year = ?, background_year = ?, preschool_year = ?,"
                         " inspection_from = ?, inspection_to = ?, criteria_set_id = ?, preschool_vars = ?,"
                         " preschool_weights = ?, result_var = ?, background_vars = ?, prefer_coordinated = ?,"
                         " frozen_at = ?, freeze_count = freeze_count + 1 WHERE id = ?",
                     "iiittzttttiii", (int64_t)in->results_year,
                     (int64_t)(in->background_year ? in->background_year : in->results_year),
                     (int64_t)in->preschool_year, in->inspection_from, in->inspection_to,
                     in->criteria_set_id, in->preschool_vars,
                     in->preschool_weights ? in->preschool_weights : "", in->result_var, in->background_vars,
                     (int64_t)in->prefer_coordinated, (int64_t)time(NULL), id) == DB_DONE;
    ok = ok && freeze_inputs(db, id, in, a, err, field);
    /* Every ranking must be computable from what was frozen. */
    r = ok ? rounds_get(db, id, a) : NULL;
    for (int m = 0; ok && r && m < RANK_METHOD_COUNT; m++) {
        if (m == RANK_CRITERIA && !r->criteria_set_id)
            continue;
        ranking_t rk;
        char *why = NULL;
        if (!rounds_ranking_in_tx(db, r, (rank_method_t)m, a, &rk, &why)) {
            static const char *const fields[RANK_METHOD_COUNT] = {"inspection_from", "results_year",
                                                                  "preschool_year", "criteria_set"};
            *err = arena_printf(a, "%s: %s.", ranking_method_label((rank_method_t)m), why);
            *field = fields[m];
            ok = false;
        }
    }
    ok = ok && tx_audit(db, v, "round:freeze", "selection_round", id,
                           json_pack("{s:i, s:i, s:i, s:s?, s:s?, s:I, s:s, s:s, s:s, s:b}", "results_year",
                                     in->results_year, "background_year", in->background_year, "preschool_year",
                                     in->preschool_year, "inspection_from", in->inspection_from, "inspection_to",
                                     in->inspection_to, "criteria_set_id", (json_int_t)in->criteria_set_id,
                                     "preschool_vars", in->preschool_vars, "result_var", in->result_var,
                                     "background_vars", in->background_vars, "prefer_coordinated",
                                     (int)in->prefer_coordinated));
    return tx_finish(db, ok, a, err);
}

size_t rounds_unit_decisions(db_t *db, int64_t unit_id, arena_t *a, unit_decision_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT c.round_id, c.ranking, c.reason FROM round_choices c"
                                   " JOIN selection_rounds r ON r.id = c.round_id"
                                   " WHERE c.unit_id = ? AND r.status = 'decided' ORDER BY r.decision_date DESC");
    db_bind_int(st, 1, unit_id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        unit_decision_t *d = ARENA_PUSH(a, *out, n, cap);
        d->round_id = db_col_int(st, 0);
        d->ranking = arena_strdup(a, db_col_text(st, 1));
        d->reason = arena_strdup(a, db_col_text(st, 2));
    }
    db_done(st);
    return n;
}

int64_t rounds_newest_frozen(db_t *db)
{
    return db_run_int(db, 0, "SELECT id FROM selection_rounds WHERE frozen_at IS NOT NULL"
                             " ORDER BY frozen_at DESC, id DESC LIMIT 1", "");
}

bool rounds_froze_unit(db_t *db, int64_t round_id, int64_t unit_id)
{
    return db_run_int(db, 0, "SELECT 1 FROM round_values WHERE round_id = ? AND unit_id = ? UNION"
                             " SELECT 1 FROM round_inspections WHERE round_id = ? AND unit_id = ?",
                      "iiii", round_id, unit_id, round_id, unit_id) == 1;
}

/* The latest year a variable has values for, or 0. */
static int latest_year(db_t *db, const char *variable)
{
    return (int)db_run_int(db, 0, "SELECT MAX(year) FROM unit_stats WHERE variable = ? AND value IS NOT NULL", "t",
                           variable);
}

void rounds_input_defaults(db_t *db, round_inputs_t *in)
{
    memset(in, 0, sizeof *in);
    in->results_year = latest_year(db, "merit17");
    in->background_year = latest_year(db, "foreign_bg");
    in->preschool_year = latest_year(db, "degree_share");
    if (!in->preschool_year)
        in->preschool_year = latest_year(db, "children_per_staff");
    /* The current criteria: the newest version of the set saved last. */
    in->criteria_set_id = db_run_int(db, 0, "SELECT id FROM criteria_sets ORDER BY created_at DESC, id DESC LIMIT 1", "");
    in->preschool_vars = "degree_share,children_per_staff";
    in->preschool_weights = "";
    in->result_var = "merit17";
    in->background_vars = "foreign_bg,parents_post_sec";
    in->prefer_coordinated = true;
}
