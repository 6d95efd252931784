/* store.c — readings of indicators (followup.h): read through the plan's scope, written
 * with the analysis group's right to write, each reading audited. */
#include "followup.h"
#include "../access/access.h"
#include "../base/date.h"
#include "../base/fmt.h"
#include "../base/vec.h"
#include "../base/validate.h"
#include "../db/tx.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const *split_groups(const char *text, arena_t *a)
{
    size_t n = 0, cap = 0;
    const char **out = NULL;
    char *copy = arena_strdup(a, text ? text : ""), *save = NULL;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        while (*t == ' ')
            t++;
        size_t len = strlen(t);
        while (len && t[len - 1] == ' ')
            t[--len] = '\0';
        if (len)
            *ARENA_PUSH(a, out, n, cap) = t;
    }
    *ARENA_PUSH(a, out, n, cap) = NULL;
    return out;
}

followed_t *followup_get(db_t *db, const viewer_t *v, int64_t indicator_id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT intervention_id, measure, baseline, target, read_dates, variable, min_value,"
                                   " max_value, groups FROM indicators WHERE id = ?");
    db_bind_int(st, 1, indicator_id);
    if (db_step(st) != DB_ROW) {
        db_done(st);
        return NULL;
    }
    followed_t *f = arena_alloc(a, sizeof *f);
    f->ind.id = indicator_id;
    f->ind.intervention_id = db_col_int(st, 0);
    f->ind.measure = db_col_str(st, 1, a);
    f->ind.baseline = db_col_str(st, 2, a);
    f->ind.target = db_col_str(st, 3, a);
    f->ind.read_dates = db_col_str(st, 4, a);
    f->ind.variable = db_col_str(st, 5, a);
    f->min_value = db_col_is_null(st, 6) ? NAN : db_col_double(st, 6);
    f->max_value = db_col_is_null(st, 7) ? NAN : db_col_double(st, 7);
    f->ind.min_value = isnan(f->min_value) ? "" : fmt_number_in(a, f->min_value);
    f->ind.max_value = isnan(f->max_value) ? "" : fmt_number_in(a, f->max_value);
    f->ind.groups = db_col_str(st, 8, a);
    db_done(st);
    /* What was read so far only names the parent; the scope decides through it. */
    f->iv = plans_intervention(db, v, f->ind.intervention_id, a, &f->plan);
    if (!f->iv || !plans_get(db, v, f->plan->id, a, &f->c) || !f->c)
        return NULL;
    f->groups = split_groups(f->ind.groups, a);
    return f;
}

size_t followup_readings(db_t *db, int64_t indicator_id, arena_t *a, reading_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, period, grp, value, note, entered_by, entered_at FROM indicator_readings"
                                   " WHERE indicator_id = ? ORDER BY period, entered_at, id");
    db_bind_int(st, 1, indicator_id);
    size_t n = 0, cap = 0;
    reading_t *r = NULL;
    while (db_step(st) == DB_ROW) {
        reading_t *x = ARENA_PUSH(a, r, n, cap);
        x->id = db_col_int(st, 0);
        x->indicator_id = indicator_id;
        x->period = db_col_str(st, 1, a);
        x->grp = db_col_str(st, 2, a);
        x->value = db_col_double(st, 3);
        x->note = db_col_str(st, 4, a);
        x->entered_by = db_col_str(st, 5, a);
        x->entered_at = db_col_int(st, 6);
    }
    db_done(st);
    *out = r;
    return n;
}

size_t followup_series(const reading_t *r, size_t n, const char *grp, arena_t *a, const char ***periods,
                       double **values)
{
    size_t m = 0;
    const char **p = arena_alloc(a, (n ? n : 1) * sizeof *p);
    double *v = arena_alloc(a, (n ? n : 1) * sizeof *v);
    /* Readings come by period and then as entered: a later one of a period replaces. */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(r[i].grp, grp) != 0)
            continue;
        if (m && strcmp(p[m - 1], r[i].period) == 0) {
            v[m - 1] = r[i].value;
            continue;
        }
        p[m] = r[i].period;
        v[m++] = r[i].value;
    }
    *periods = p;
    *values = v;
    return m;
}

bool followup_may_record(db_t *db, const viewer_t *v, const followed_t *f)
{
    return access_may(v, CAP_ANALYSIS_WRITE) && analyses_writes_for(db, v, f->plan->case_id, f->plan->unit_id);
}

static bool refuse(const char **field, char **err, arena_t *a, const char *name, const char *msg)
{
    *field = name;
    *err = arena_strdup(a, msg);
    return false;
}

/* The form's reading checked against the indicator and the case's period. */
bool followup_valid_reading(const followed_t *f, const reading_input_t *in, double *value, arena_t *a,
                            const char **field, char **err)
{
    int y, m;
    if (!followup_parse_period(in->period, &y, &m))
        return refuse(field, err, a, "period", "Ange månaden som ÅÅÅÅ-MM, till exempel 2026-05.");
    const char *first = *f->c->start_date ? f->c->start_date : f->c->decision_date;
    if (first && strlen(first) >= 7 && strncmp(in->period, first, 7) < 0)
        return refuse(field, err, a, "period",
                      arena_printf(a, "Perioden ligger före samverkan, som började %.7s.", first));
    if (*f->c->planned_end && strncmp(in->period, f->c->planned_end, 7) > 0)
        return refuse(field, err, a, "period",
                      arena_printf(a, "Perioden ligger efter samverkans planerade slut (%.7s).", f->c->planned_end));
    char today[11];
    fmt_today(today, 0);
    if (strncmp(in->period, today, 7) > 0)
        return refuse(field, err, a, "period", "Perioden har inte börjat än: en avläsning gäller det som har hänt.");
    bool known = !*in->grp;
    for (size_t i = 0; f->groups[i] && !known; i++)
        known = strcmp(f->groups[i], in->grp) == 0;
    if (!known)
        return refuse(field, err, a, "grp", "Indikatorn delas inte upp på den gruppen.");
    if (!validate_decimal(in->value, value))
        return refuse(field, err, a, "value", "Skriv ett tal, till exempel 47 eller 47,5.");
    if ((!isnan(f->min_value) && *value < f->min_value) || (!isnan(f->max_value) && *value > f->max_value))
        return refuse(field, err, a, "value",
                      arena_printf(a, "Värdet ska ligga mellan %s och %s för den här indikatorn.",
                                   isnan(f->min_value) ? "−∞" : f->ind.min_value,
                                   isnan(f->max_value) ? "∞" : f->ind.max_value));
    return true;
}

int64_t followup_record(db_t *db, const viewer_t *v, const followed_t *f, const reading_input_t *in, arena_t *a,
                        const char **field, char **err)
{
    *field = NULL;
    double value;
    if (!followup_may_record(db, v, f)) {
        *err = arena_strdup(a, "Du får inte föra in avläsningar för den här planen.");
        return 0;
    }
    if (!followup_valid_reading(f, in, &value, a, field, err) || !tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO indicator_readings (indicator_id, case_id, period, grp, value, note,"
                                   " entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "iittdtti", f->ind.id, f->plan->case_id, in->period, in->grp, value, in->note,
                            v->name ? v->name : "", (int64_t)time(NULL));
    bool ok = id > 0 && followup_settle(db, f->ind.id, a) &&
              tx_audit(db, v, "followup:reading", "indicator", f->ind.id,
                                 json_pack("{s:s, s:s, s:f, s:s}", "period", in->period, "group", in->grp, "value",
                                           value, "note", in->note));
    return tx_finish(db, ok, a, err) ? id : 0;
}

static const char *const status_keys[] = {"unread", "unknown", "reached", "toward", "off", NULL};

const char *indicator_status_key(indicator_status_t s) { return status_keys[s]; }

indicator_status_t indicator_status_of_key(const char *key)
{
    for (int i = 0; status_keys[i]; i++)
        if (strcmp(status_keys[i], key) == 0)
            return (indicator_status_t)i;
    return IND_UNREAD;
}

bool followup_settle(db_t *db, int64_t indicator_id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT baseline, target FROM indicators WHERE id = ?");
    db_bind_int(st, 1, indicator_id);
    const char *baseline = db_step(st) == DB_ROW ? db_col_str(st, 0, a) : NULL;
    const char *target = baseline ? db_col_str(st, 1, a) : NULL;
    db_done(st);
    if (!baseline)
        return false;
    reading_t *r;
    size_t n = followup_readings(db, indicator_id, a, &r);
    const char **periods;
    double *values;
    size_t m = followup_series(r, n, "", a, &periods, &values);
    run_analysis_t runs;
    run_analyse(values, m, a, &runs);
    indicator_status_t status = indicator_status(baseline, target, values, m, &runs);
    return db_run(db, "UPDATE indicators SET periods_read = ?, latest_period = ?, latest_value = ?, status = ?,"
                      " run_signals = ? WHERE id = ?", "itDtii", (int64_t)m, m ? periods[m - 1] : "",
                  m ? values[m - 1] : NAN, status_keys[status], (int64_t)(m ? runs.signals[m - 1] : 0),
                  indicator_id) == DB_DONE;
}

size_t followup_states(db_t *db, const viewer_t *v, const case_row_t *c, bool only_off, size_t limit, arena_t *a,
                       indicator_state_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT x.id, y.case_id, y.id, x.measure, i.title, x.baseline, x.target,"
                                   " COALESCE(u.name, ''), o.name, x.periods_read, x.latest_period, x.latest_value,"
                                   " x.status, x.run_signals, y.unit_id, x.groups FROM indicators x"
                                   " JOIN interventions i ON i.id = x.intervention_id JOIN plans y ON y.id = i.plan_id"
                                   " JOIN cases c ON c.id = y.case_id JOIN organisers o ON o.id = c.organiser_id"
                                   " LEFT JOIN units u ON u.id = y.unit_id WHERE " ACCESS_CASE_SCOPE
                                   " AND " ACCESS_ANALYSIS_SCOPE " AND (? = 0 OR c.id = ?) AND (? = 0 OR x.status = 'off')"
                                   " ORDER BY o.name, c.id, x.id LIMIT ?");
    int i = access_bind_case(st, 1, v);
    i = access_bind_analysis(st, i, v);
    db_bind_int(st, i++, c ? c->id : 0);
    db_bind_int(st, i++, c ? c->id : 0);
    db_bind_int(st, i++, only_off);
    /* The rows past the limit are neither sorted in full nor sent. */
    db_bind_int(st, i, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
    size_t n = 0, cap = 0;
    indicator_state_t *s = NULL;
    while (n < limit && db_step(st) == DB_ROW) {
        indicator_state_t *x = ARENA_PUSH(a, s, n, cap);
        x->id = db_col_int(st, 0);
        x->case_id = db_col_int(st, 1);
        x->plan_id = db_col_int(st, 2);
        x->measure = db_col_str(st, 3, a);
        x->intervention = db_col_str(st, 4, a);
        x->baseline = db_col_str(st, 5, a);
        x->target = db_col_str(st, 6, a);
        const char *unit = db_col_str(st, 7, a);
        x->plan = *unit ? unit : "Huvudmannanivån";
        x->organiser = db_col_str(st, 8, a);
        x->nreadings = (size_t)db_col_int(st, 9);
        x->latest_period = db_col_str(st, 10, a);
        x->latest = db_col_is_null(st, 11) ? NAN : db_col_double(st, 11);
        x->status = indicator_status_of_key(db_col_text(st, 12));
        x->signals = (unsigned)db_col_int(st, 13);
        x->unit_id = db_col_int0(st, 14);
        x->groups = db_col_str(st, 15, a);
    }
    db_done(st);
    *out = s;
    return n;
}

void followup_counts(db_t *db, const viewer_t *v, size_t *off, size_t *total)
{
    db_stmt_t *st = db_prepare(db, "SELECT COUNT(*), COALESCE(SUM(CASE WHEN x.status = 'off' THEN 1 ELSE 0 END), 0)"
                                   " FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                                   " JOIN plans y ON y.id = i.plan_id JOIN cases c ON c.id = y.case_id"
                                   " WHERE " ACCESS_CASE_SCOPE " AND " ACCESS_ANALYSIS_SCOPE);
    int i = access_bind_case(st, 1, v);
    access_bind_analysis(st, i, v);
    bool row = db_step(st) == DB_ROW;
    *total = row ? (size_t)db_col_int(st, 0) : 0;
    *off = row ? (size_t)db_col_int(st, 1) : 0;
    db_done(st);
}

size_t followup_register_series(db_t *db, const followed_t *f, const reading_t *r, size_t n, arena_t *a,
                                register_point_t **out)
{
    *out = NULL;
    if (!*f->ind.variable || !f->plan->unit_id)
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT year, value, flag FROM unit_stats WHERE unit_id = ? AND variable = ?"
                                   " ORDER BY year");
    db_bind_int(st, 1, f->plan->unit_id);
    db_bind_text(st, 2, f->ind.variable);
    size_t m = 0, cap = 0;
    register_point_t *p = NULL;
    while (db_step(st) == DB_ROW) {
        register_point_t *x = ARENA_PUSH(a, p, m, cap);
        x->year = (int)db_col_int(st, 0);
        x->value = db_col_is_null(st, 1) ? NAN : db_col_double(st, 1);
        x->flag = db_col_str(st, 2, a);
        x->own = NAN;
        x->own_period = "";
        /* The own reading of that year: the latest period in it, its latest reading
         * (readings come by period and then as entered). */
        char year[8];
        snprintf(year, sizeof year, "%04d-", x->year);
        for (size_t i = 0; i < n; i++)
            if (!*r[i].grp && strncmp(r[i].period, year, 5) == 0) {
                x->own = r[i].value;
                x->own_period = r[i].period;
            }
        x->differs = followup_figures_differ(x->own, x->value);
    }
    db_done(st);
    *out = p;
    return m;
}
