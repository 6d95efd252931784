/* store.c — reports read in the case's scope and prefilled from the approved plans and
 * the readings of the period; written by the organiser level's analysis group, decided by
 * the agency; each change audited (reports.h). */
#include "reports.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../deadlines/deadlines.h"
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <time.h>

const char *const report_flow_actions[] = {"submit", "accept", "return", NULL};

const char *report_state_label(const char *state)
{
    if (strcmp(state, "submitted") == 0)
        return "Inlämnad, väntar på Skolverket";
    if (strcmp(state, "returned") == 0)
        return "Återsänd för komplettering";
    if (strcmp(state, "accepted") == 0)
        return "Godkänd";
    return "Utkast";
}

/* Whether term names a report the case's due dates have (a term it runs in, or the final). */
static bool due_in_case(db_t *db, const case_row_t *c, const report_period_t *p, arena_t *a)
{
    deadline_rules_t rules;
    deadlines_rules(db, &rules);
    due_item_t items[64];
    const char *start = *c->start_date ? c->start_date : c->decision_date;
    size_t n = deadline_reports(start, c->planned_end, &rules, a, items, 64);
    const char *key = report_item_key(p, a);
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].key, key) == 0)
            return true;
    return false;
}

static void read_lines(db_t *db, const viewer_t *v, report_t *r, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT i.id, i.title, COALESCE(u.name, ''), i.state, i.cost, ri.state, ri.done,"
                                   " ri.used FROM interventions i JOIN plans y ON y.id = i.plan_id"
                                   " LEFT JOIN units u ON u.id = y.unit_id LEFT JOIN report_interventions ri"
                                   " ON ri.intervention_id = i.id AND ri.report_id = ?"
                                   " WHERE y.case_id = ? AND y.version > 0 AND " ACCESS_ANALYSIS_SCOPE
                                   " ORDER BY y.unit_key, y.id, i.id");
    db_bind_int(st, 1, r->id);
    db_bind_int(st, 2, r->c->id);
    access_bind_analysis(st, 3, v);
    size_t cap = 0;
    while (db_step(st) == DB_ROW) {
        report_line_t *l = ARENA_PUSH(a, r->lines, r->nlines, cap);
        l->intervention_id = db_col_int(st, 0);
        l->title = db_col_str(st, 1, a);
        const char *unit = db_col_str(st, 2, a);
        l->plan = *unit ? unit : "Huvudmannanivån";
        bool saved = !db_col_is_null(st, 5);
        /* Before the report says otherwise, each intervention has the state its plan has. */
        l->state = saved ? db_col_str(st, 5, a) : db_col_str(st, 3, a);
        l->done = saved ? db_col_str(st, 6, a) : "";
        l->used = saved && !db_col_is_null(st, 7) ? db_col_int(st, 7) : -1;
        l->cost = db_col_is_null(st, 4) ? -1 : db_col_int(st, 4);
    }
    db_done(st);
}

static void read_indicators(db_t *db, const viewer_t *v, report_t *r, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT x.id, x.intervention_id, x.measure, x.baseline, x.target, x.status"
                                   " FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                                   " JOIN plans y ON y.id = i.plan_id WHERE y.case_id = ? AND y.version > 0 AND "
                                   ACCESS_ANALYSIS_SCOPE " ORDER BY x.id");
    db_bind_int(st, 1, r->c->id);
    access_bind_analysis(st, 2, v);
    size_t cap = 0;
    while (db_step(st) == DB_ROW) {
        report_indicator_t *x = ARENA_PUSH(a, r->indicators, r->nindicators, cap);
        x->id = db_col_int(st, 0);
        x->intervention_id = db_col_int(st, 1);
        x->measure = db_col_str(st, 2, a);
        x->baseline = db_col_str(st, 3, a);
        x->target = db_col_str(st, 4, a);
        x->status = indicator_status_of_key(db_col_text(st, 5));
        x->value = NAN;
        x->period = "";
    }
    db_done(st);
    /* The period's value of each: the last reading inside it (both in indicator order). */
    st = db_prepare(db, "SELECT indicator_id, period, value FROM indicator_readings WHERE case_id = ? AND grp = ''"
                        " AND period >= ? AND period <= ? ORDER BY indicator_id, period, entered_at, id");
    db_bind_int(st, 1, r->c->id);
    db_bind_text(st, 2, r->period.from);
    db_bind_text(st, 3, r->period.to);
    size_t k = 0;
    while (db_step(st) == DB_ROW) {
        int64_t id = db_col_int(st, 0);
        while (k < r->nindicators && r->indicators[k].id < id)
            k++;
        if (k < r->nindicators && r->indicators[k].id == id) {
            r->indicators[k].value = db_col_double(st, 2);
            r->indicators[k].period = db_col_str(st, 1, a);
        }
    }
    db_done(st);
}

report_t *reports_get(db_t *db, const viewer_t *v, case_row_t *c, const char *term, arena_t *a)
{
    report_t *r = arena_alloc(a, sizeof *r);
    r->c = c;
    const char *start = *c->start_date ? c->start_date : c->decision_date;
    if (!report_period_of(term, start, c->planned_end, a, &r->period) || !due_in_case(db, c, &r->period, a))
        return NULL;
    r->state = "draft";
    r->version = 1;
    r->lessons = r->changes = r->continuation = r->return_comment = r->saved_by = r->decided_by = "";
    db_stmt_t *st = db_prepare(db, "SELECT id, state, version, lessons, changes, continuation, return_comment,"
                                   " submissions, COALESCE(saved_by, ''), COALESCE(saved_at, 0), COALESCE(decided_by, ''),"
                                   " COALESCE(decided_at, 0) FROM reports WHERE case_id = ? AND item_key = ?");
    db_bind_int(st, 1, c->id);
    db_bind_text(st, 2, report_item_key(&r->period, a));
    if (db_step(st) == DB_ROW) {
        r->id = db_col_int(st, 0);
        r->state = db_col_str(st, 1, a);
        r->version = (int)db_col_int(st, 2);
        r->lessons = db_col_str(st, 3, a);
        r->changes = db_col_str(st, 4, a);
        r->continuation = db_col_str(st, 5, a);
        r->return_comment = db_col_str(st, 6, a);
        r->submissions = (int)db_col_int(st, 7);
        r->saved_by = db_col_str(st, 8, a);
        r->saved_at = db_col_int(st, 9);
        r->decided_by = db_col_str(st, 10, a);
        r->decided_at = db_col_int(st, 11);
    }
    db_done(st);
    read_lines(db, v, r, a);
    read_indicators(db, v, r, a);
    return r;
}

bool reports_may_write(db_t *db, const viewer_t *v, const report_t *r)
{
    bool open = strcmp(r->state, "draft") == 0 || strcmp(r->state, "returned") == 0;
    return open && access_may(v, CAP_ANALYSIS_WRITE) && analyses_writes_for(db, v, r->c->id, 0);
}

bool reports_may_decide(const viewer_t *v, const report_t *r)
{
    return strcmp(r->state, "submitted") == 0 && access_may(v, CAP_CASE_MOVE);
}

static int64_t now(void) { return (int64_t)time(NULL); }

/* Inside the caller's transaction: the report's row, made at its first save with the
 * interventions' prefilled states, and the check that nobody saved meanwhile. */
static write_result_t claim(db_t *db, const viewer_t *v, const report_t *r, int based_on, int64_t *id, arena_t *a)
{
    *id = r->id;
    if (!*id) {
        *id = db_run_int(db, 0, "INSERT INTO reports (case_id, item_key, created_at) VALUES (?, ?, ?)"
                                " ON CONFLICT (case_id, item_key) DO NOTHING RETURNING id",
                         "iti", r->c->id, report_item_key(&r->period, a), now());
        if (!*id)
            return WRITE_STALE; /* someone else wrote it first */
        for (size_t i = 0; i < r->nlines; i++)
            if (db_run(db, "INSERT INTO report_interventions (report_id, intervention_id, state) VALUES (?, ?, ?)", "iit",
                       *id, r->lines[i].intervention_id, r->lines[i].state) != DB_DONE)
                return WRITE_REFUSED;
    }
    int64_t changed = db_run_int(db, 0, "UPDATE reports SET version = version + 1, saved_by = ?, saved_at = ?"
                                        " WHERE id = ? AND version = ? AND state IN ('draft', 'returned') RETURNING 1",
                                 "tiii", v->name ? v->name : "", now(), *id, (int64_t)based_on);
    return changed ? WRITE_OK : WRITE_STALE;
}

write_result_t reports_save_texts(db_t *db, const viewer_t *v, const report_t *r, int based_on, const char *lessons,
                                  const char *changes, const char *continuation, arena_t *a, char **err)
{
    if (!reports_may_write(db, v, r)) {
        *err = arena_strdup(a, "Du får inte skriva i den här redovisningen nu.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    int64_t id;
    write_result_t w = claim(db, v, r, based_on, &id, a);
    bool ok = w == WRITE_OK &&
              db_run(db, "UPDATE reports SET lessons = ?, changes = ?, continuation = ? WHERE id = ?", "ttti", lessons,
                     changes, continuation, id) == DB_DONE &&
              tx_audit(db, v, "report:save", "case", r->c->id,
                       json_pack("{s:s, s:s, s:s, s:s}", "report", report_item_key(&r->period, a), "lessons", lessons,
                                 "changes", changes, "continuation", continuation));
    return tx_finish_write(db, w, ok, a, err);
}

write_result_t reports_save_line(db_t *db, const viewer_t *v, const report_t *r, int based_on,
                                 const report_line_t *line, arena_t *a, char **err)
{
    if (!reports_may_write(db, v, r)) {
        *err = arena_strdup(a, "Du får inte skriva i den här redovisningen nu.");
        return WRITE_REFUSED;
    }
    bool known = false;
    for (size_t i = 0; i < r->nlines && !known; i++)
        known = r->lines[i].intervention_id == line->intervention_id;
    if (!known) {
        *err = arena_strdup(a, "Insatsen hör inte till redovisningen.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    int64_t id;
    write_result_t w = claim(db, v, r, based_on, &id, a);
    bool ok = w == WRITE_OK &&
              (line->used >= 0
                   ? db_run(db, "UPDATE report_interventions SET state = ?, done = ?, used = ? WHERE report_id = ?"
                                " AND intervention_id = ?", "ttiii", line->state, line->done, line->used, id,
                            line->intervention_id)
                   : db_run(db, "UPDATE report_interventions SET state = ?, done = ?, used = NULL WHERE report_id = ?"
                                " AND intervention_id = ?", "ttii", line->state, line->done, id,
                            line->intervention_id)) == DB_DONE &&
              tx_audit(db, v, "report:intervention", "case", r->c->id,
                       json_pack("{s:s, s:I, s:s, s:s, s:I}", "report", report_item_key(&r->period, a), "intervention",
                                 (json_int_t)line->intervention_id, "state", line->state, "done", line->done, "used",
                                 (json_int_t)line->used));
    return tx_finish_write(db, w, ok, a, err);
}

char *reports_snapshot(const report_t *r, arena_t *a)
{
    json_t *lines = json_array(), *inds = json_array();
    for (size_t i = 0; i < r->nlines; i++) {
        const report_line_t *l = &r->lines[i];
        json_array_append_new(lines, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o}", "intervention",
                                               (json_int_t)l->intervention_id, "title", l->title, "plan", l->plan, "state",
                                               l->state, "done", l->done, "used",
                                               l->used >= 0 ? json_integer((json_int_t)l->used) : json_null(), "cost",
                                               l->cost >= 0 ? json_integer((json_int_t)l->cost) : json_null()));
    }
    for (size_t i = 0; i < r->nindicators; i++) {
        const report_indicator_t *x = &r->indicators[i];
        json_array_append_new(inds, json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:s}", "indicator", (json_int_t)x->id,
                                              "intervention", (json_int_t)x->intervention_id, "measure", x->measure,
                                              "baseline", x->baseline, "target", x->target, "value",
                                              isnan(x->value) ? json_null() : json_real(x->value), "period", x->period,
                                              "status", indicator_status_key(x->status)));
    }
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "report", r->period.term, "label",
                          r->period.label, "from", r->period.from, "to", r->period.to, "lessons", r->lessons, "changes",
                          r->changes, "continuation", r->continuation, "interventions", lines, "indicators", inds);
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    char *out = arena_strdup(a, s);
    free(s);
    return out;
}

bool reports_flow(db_t *db, const viewer_t *v, const report_t *r, const char *action, const char *comment, arena_t *a,
                  char **err)
{
    const char *key = report_item_key(&r->period, a);
    if (strcmp(action, "submit") == 0) {
        if (!reports_may_write(db, v, r) || !r->id) {
            *err = arena_strdup(a, r->id ? "Du kan inte lämna in redovisningen nu."
                                         : "Skriv och spara redovisningen innan den lämnas in.");
            return false;
        }
        const char **missing;
        size_t nm = report_missing(r->lines, r->nlines, r->lessons, r->period.final, r->continuation, a, &missing);
        if (nm) {
            buf_t b = BUF_INIT;
            buf_puts(&b, "Redovisningen kan inte lämnas in än:");
            for (size_t i = 0; i < nm; i++) {
                buf_puts(&b, " ");
                buf_puts(&b, missing[i]);
            }
            *err = arena_strdup(a, buf_cstr(&b));
            buf_free(&b);
            return false;
        }
        if (!tx_begin(db, a, err))
            return false;
        bool ok = db_run_int(db, 0, "UPDATE reports SET state = 'submitted', submissions = submissions + 1,"
                                    " return_comment = '' WHERE id = ? AND version = ? AND state IN ('draft', 'returned')"
                                    " RETURNING 1", "ii", r->id, (int64_t)r->version) == 1 &&
                  db_run(db, "INSERT INTO report_versions (report_id, submission, content, submitted_by, submitted_at)"
                             " VALUES (?, ?, ?, ?, ?)", "iitti", r->id, (int64_t)(r->submissions + 1),
                         reports_snapshot(r, a), v->name ? v->name : "", now()) == DB_DONE &&
                  db_run(db, "INSERT INTO case_submissions (case_id, item_key, submitted_by, submitted_at)"
                             " VALUES (?, ?, ?, ?) ON CONFLICT (case_id, item_key) DO NOTHING", "itti", r->c->id, key,
                         v->email ? v->email : "", now()) == DB_DONE &&
                  cases_event(db, r->c->id, "report", NULL, NULL, arena_printf(a, "Inlämnad: %s.", r->period.label), v) &&
                  tx_audit(db, v, "report:submit", "case", r->c->id, json_pack("{s:s}", "report", key));
        return tx_finish(db, ok, a, err);
    }
    if (!reports_may_decide(v, r)) {
        *err = arena_strdup(a, "Redovisningen väntar inte på ditt beslut.");
        return false;
    }
    bool accept = strcmp(action, "accept") == 0;
    if (!accept && (!comment || !*comment)) {
        *err = arena_strdup(a, "Skriv vad som behöver kompletteras.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "UPDATE reports SET state = ?, return_comment = ?, decided_by = ?, decided_at = ?"
                                " WHERE id = ? AND state = 'submitted' RETURNING 1", "tttii",
                         accept ? "accepted" : "returned", accept ? "" : comment, v->name ? v->name : "", now(),
                         r->id) == 1 &&
              db_run(db, "UPDATE report_versions SET decision = ?, decided_by = ?, decided_at = ?, comment = ?"
                         " WHERE report_id = ? AND submission = ?", "ttitii", accept ? "accepted" : "returned",
                     v->name ? v->name : "", now(), accept ? "" : comment, r->id, (int64_t)r->submissions) == DB_DONE &&
              (accept || db_run(db, "DELETE FROM case_submissions WHERE case_id = ? AND item_key = ?", "it", r->c->id,
                                key) == DB_DONE) &&
              cases_event(db, r->c->id, "report", NULL, NULL,
                          arena_printf(a, "%s: %s.", accept ? "Godkänd" : "Återsänd", r->period.label), v) &&
              tx_audit(db, v, accept ? "report:accept" : "report:return", "case", r->c->id,
                       json_pack("{s:s, s:s}", "report", key, "comment", accept ? "" : comment));
    return tx_finish(db, ok, a, err);
}

size_t reports_submissions(db_t *db, const report_t *r, arena_t *a, doc_submission_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT submission, submitted_by, submitted_at, decision, decided_by, decided_at,"
                                   " comment, content FROM report_versions WHERE report_id = ? ORDER BY submission");
    db_bind_int(st, 1, r->id);
    return tx_read_submissions(st, false, a, out);
}

const char *report_subject(const report_t *r, arena_t *a)
{
    return arena_printf(a, "report:%s", r->period.term);
}

bool reports_final_accepted(db_t *db, int64_t case_id)
{
    return db_run_int(db, 0, "SELECT COUNT(*) FROM reports WHERE case_id = ? AND item_key = 'final'"
                             " AND state = 'accepted'", "i", case_id) > 0;
}
