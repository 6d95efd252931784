/* write.c — changing plans in the write idiom (begin, refuse, write with audit, finish).
 * A plan is written while it is a draft, sent for approval once the completeness check
 * names nothing, approved by the head or the organiser (frozen as a version), and then
 * the agency decides per intervention whether it funds it. */
#include "parts.h"
#include "../base/date.h"
#include "../universities/universities.h"
#include "../base/validate.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now(void)
{
    return (int64_t)time(NULL);
}

static bool writable(db_t *db, const viewer_t *v, const plan_t *p, arena_t *a, char **err)
{
    if (strcmp(p->state, "draft") != 0) {
        *err = arena_strdup(a, strcmp(p->state, "approved") == 0
                                   ? "Planen är godkänd och kan inte ändras. Öppna en ny version för att ändra den."
                                   : "Planen väntar på godkännande och kan inte ändras just nu.");
        return false;
    }
    if (!plans_may_write(db, v, p)) {
        *err = arena_strdup(a, "Du får inte skriva i den här planen.");
        return false;
    }
    return true;
}

static bool touch(db_t *db, const plan_t *p)
{
    return db_run(db, "UPDATE plans SET updated_at = ? WHERE id = ?", "ii", now(), p->id) == DB_DONE;
}

int64_t plans_start(db_t *db, const viewer_t *v, const case_row_t *c, int64_t unit_id, arena_t *a, char **err)
{
    analysis_t *an = analyses_of_unit(db, v, c, unit_id, a);
    if (!an || !an->version) {
        *err = arena_strdup(a, "Åtgärdsplanen bygger på en godkänd nulägesanalys för samma enhet eller nivå; den finns "
                               "inte än.");
        return 0;
    }
    if (!analyses_writes_for(db, v, c->id, unit_id)) {
        *err = arena_strdup(a, "Du får inte påbörja den här planen.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    if (db_run_int(db, 0, "SELECT 1 FROM plans WHERE case_id = ? AND unit_key = ?", "ii", c->id, unit_id)) {
        tx_fail(db, a, err, "Planen är redan påbörjad.");
        return 0;
    }
    int64_t t = now();
    int64_t id = db_run_int(db, 0, "INSERT INTO plans (case_id, analysis_id, level, unit_id, unit_key, created_by,"
                                   " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "iitziti" "i", c->id, an->id, an->level, unit_id, unit_id, v->email, t, t);
    bool ok = id > 0 && tx_audit(db, v, "plan:start", "plan", id,
                                 json_pack("{s:I, s:I}", "case", (json_int_t)c->id, "unit", (json_int_t)unit_id));
    return tx_finish(db, ok, a, err) ? id : 0;
}

int64_t plans_add_intervention(db_t *db, const viewer_t *v, const plan_t *p, const char *title, int64_t area_id,
                               arena_t *a, char **err)
{
    if (!writable(db, v, p, a, err) || !tx_begin(db, a, err))
        return 0;
    if (area_id && !db_run_int(db, 0, "SELECT 1 FROM development_areas WHERE id = ? AND active = 1", "i", area_id)) {
        tx_fail(db, a, err, "Utvecklingsområdet finns inte.");
        return 0;
    }
    int64_t t = now();
    int64_t id = db_run_int(db, 0, "INSERT INTO interventions (plan_id, case_id, area_id, title, saved_by, saved_at,"
                                   " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "iizttii", p->id, p->case_id, area_id, title, v->email, t, t);
    bool ok = id > 0 && touch(db, p) &&
              tx_audit(db, v, "plan:intervention", "plan", p->id,
                       json_pack("{s:I, s:s}", "intervention", (json_int_t)id, "title", title));
    return tx_finish(db, ok, a, err) ? id : 0;
}

/* Checks an intervention's fields together; a message naming the field, or NULL. */
static const char *invalid(db_t *db, const intervention_t *x, arena_t *a, const char **field)
{
    *field = "provider";
    if (strcmp(x->provider, "programme") == 0 &&
        !db_run_int(db, 0, "SELECT 1 FROM national_programmes WHERE id = ?", "i", x->programme_id))
        return "Välj vilket av Skolverkets program insatsen använder.";
    if (strcmp(x->provider, "university") == 0 && !*x->provider_name) {
        *field = "provider_name";
        return "Välj vilket lärosäte som genomför insatsen.";
    }
    if (strcmp(x->provider, "university") == 0 && !universities_id(db, x->provider_name)) {
        *field = "provider_name";
        return arena_printf(a, "Lärosätet \"%s\" finns inte i registret över lärosäten.", x->provider_name);
    }
    *field = "area";
    if (x->area_id && !db_run_int(db, 0, "SELECT 1 FROM development_areas WHERE id = ?", "i", x->area_id))
        return "Utvecklingsområdet finns inte.";
    *field = "end_date";
    if (*x->start_date && *x->end_date && strcmp(x->end_date, x->start_date) < 0)
        return arena_printf(a, "Slutdatumet (%s) ligger före startdatumet (%s).", x->end_date, x->start_date);
    return NULL;
}

write_result_t plans_save_intervention(db_t *db, const viewer_t *v, const plan_t *p, const intervention_t *x,
                                       int based_on, const int64_t *causes, size_t ncauses, arena_t *a, char **err)
{
    const char *field;
    const char *bad = invalid(db, x, a, &field);
    if (bad) {
        *err = arena_strdup(a, bad);
        return WRITE_REFUSED;
    }
    if (!writable(db, v, p, a, err) || !tx_begin(db, a, err))
        return WRITE_REFUSED;
    if (!db_run_int(db, 0, "UPDATE interventions SET area_id = ?, title = ?, description = ?, target_group = ?,"
                           " responsible = ?, provider = ?, provider_name = ?, programme_id = ?, start_date = ?,"
                           " end_date = ?, cost = ?, goals = ?, national_goals = ?, follow_up = ?, state = ?,"
                           " version = version + 1, saved_by = ?, saved_at = ?"
                           " WHERE id = ? AND plan_id = ? AND version = ? RETURNING id",
                    "zttttttzttztttttiiii", x->area_id, x->title, x->description, x->target_group, x->responsible,
                    x->provider, strcmp(x->provider, "organiser") == 0 ? "" : x->provider_name,
                    strcmp(x->provider, "programme") == 0 ? x->programme_id : 0, *x->start_date ? x->start_date : NULL,
                    *x->end_date ? x->end_date : NULL, x->cost < 0 ? 0 : x->cost, x->goals, x->national_goals,
                    x->follow_up, *x->state ? x->state : "planned", v->email, now(), x->id, p->id,
                    (int64_t)based_on)) {
        bool failed = db_failure(db) != DB_FAIL_NONE;
        if (failed)
            tx_finish(db, false, a, err);
        else if (!db_run_int(db, 0, "SELECT 1 FROM interventions WHERE id = ? AND plan_id = ?", "ii", x->id, p->id)) {
            tx_fail(db, a, err, "Insatsen finns inte i planen.");
            return WRITE_REFUSED;
        } else
            tx_fail(db, a, err, "Någon annan har sparat insatsen medan du skrev; inget skrevs över.");
        return failed ? WRITE_REFUSED : WRITE_STALE;
    }
    /* 'z' writes NULL for 0: a cost of 0 kr is a cost, so it is set apart from "none". */
    bool ok = x->cost != 0 || db_run(db, "UPDATE interventions SET cost = 0 WHERE id = ?", "i", x->id) == DB_DONE;
    ok = ok && db_run(db, "DELETE FROM intervention_links WHERE intervention_id = ?", "i", x->id) == DB_DONE;
    for (size_t i = 0; ok && i < ncauses; i++) {
        int64_t problem = db_run_int(db, 0, "SELECT problem_id FROM analysis_causes WHERE id = ? AND analysis_id = ?",
                                     "ii", causes[i], p->analysis_id);
        if (!problem) {
            tx_fail(db, a, err, "En vald orsak finns inte i nulägesanalysen.");
            return WRITE_REFUSED;
        }
        ok = db_run(db, "INSERT INTO intervention_links (intervention_id, problem_id, cause_id) VALUES (?, ?, ?)"
                        " ON CONFLICT DO NOTHING", "iii", x->id, problem, causes[i]) == DB_DONE;
    }
    ok = ok && touch(db, p) &&
         tx_audit(db, v, "plan:intervention_edit", "plan", p->id,
                  json_pack("{s:I, s:s, s:I, s:i}", "intervention", (json_int_t)x->id, "title", x->title, "cost",
                            (json_int_t)x->cost, "version", based_on + 1));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

bool plans_remove_intervention(db_t *db, const viewer_t *v, const plan_t *p, int64_t id, arena_t *a, char **err)
{
    if (!writable(db, v, p, a, err) || !tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT 1 FROM interventions WHERE id = ? AND plan_id = ?", "ii", id, p->id))
        return tx_fail(db, a, err, "Insatsen finns inte i planen.");
    bool ok = db_run(db, "DELETE FROM intervention_links WHERE intervention_id = ?", "i", id) == DB_DONE &&
              db_run(db, "DELETE FROM indicators WHERE intervention_id = ?", "i", id) == DB_DONE &&
              db_run(db, "DELETE FROM interventions WHERE id = ?", "i", id) == DB_DONE && touch(db, p) &&
              tx_audit(db, v, "plan:intervention_remove", "plan", p->id,
                       json_pack("{s:I}", "intervention", (json_int_t)id));
    return tx_finish(db, ok, a, err);
}

int64_t plans_add_indicator(db_t *db, const viewer_t *v, const plan_t *p, int64_t intervention_id,
                            const indicator_t *x, arena_t *a, char **err)
{
    if (!writable(db, v, p, a, err) || !tx_begin(db, a, err))
        return 0;
    if (!db_run_int(db, 0, "SELECT 1 FROM interventions WHERE id = ? AND plan_id = ?", "ii", intervention_id, p->id)) {
        tx_fail(db, a, err, "Insatsen finns inte i planen.");
        return 0;
    }
    /* The range is optional; an end given must be a number (the form said which). */
    double lo = NAN, hi = NAN;
    if ((x->min_value && *x->min_value && !validate_decimal(x->min_value, &lo)) ||
        (x->max_value && *x->max_value && !validate_decimal(x->max_value, &hi))) {
        tx_fail(db, a, err, "Det lägsta och högsta möjliga värdet ska vara tal.");
        return 0;
    }
    if (!isnan(lo) && !isnan(hi) && lo >= hi) {
        tx_fail(db, a, err, "Det lägsta möjliga värdet ska vara mindre än det högsta.");
        return 0;
    }
    if (x->quality_item_id && !db_run_int(db, 0, "SELECT 1 FROM quality_items WHERE id = ? AND active = 1"
                                                 " AND kind IN ('subgoal', 'indicator')", "i", x->quality_item_id)) {
        tx_fail(db, a, err, "Det nationella delmålet finns inte i kvalitetssystemets katalog.");
        return 0;
    }
    int64_t id = db_run_int(db, 0, "INSERT INTO indicators (intervention_id, measure, baseline, target, read_dates,"
                                   " variable, min_value, max_value, groups, quality_item_id, created_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "ittttt" "DDtzi", intervention_id, x->measure, x->baseline, x->target,
                            x->read_dates, x->variable ? x->variable : "", lo, hi, x->groups ? x->groups : "",
                            x->quality_item_id, now());
    bool ok = id > 0 && touch(db, p) &&
              tx_audit(db, v, "plan:indicator", "plan", p->id,
                       json_pack("{s:I, s:s, s:s, s:s}", "intervention", (json_int_t)intervention_id, "measure",
                                 x->measure, "baseline", x->baseline, "target", x->target));
    return tx_finish(db, ok, a, err) ? id : 0;
}

bool plans_remove_indicator(db_t *db, const viewer_t *v, const plan_t *p, int64_t indicator_id, arena_t *a,
                            char **err)
{
    if (!writable(db, v, p, a, err) || !tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT 1 FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                           " WHERE x.id = ? AND i.plan_id = ?", "ii", indicator_id, p->id))
        return tx_fail(db, a, err, "Indikatorn finns inte i planen.");
    if (db_run_int(db, 0, "SELECT COUNT(*) FROM indicator_readings WHERE indicator_id = ?", "i", indicator_id) > 0)
        return tx_fail(db, a, err, "Indikatorn har avläsningar och kan inte tas bort: de är en del av uppföljningen.");
    bool ok = db_run(db, "DELETE FROM indicators WHERE id = ?", "i", indicator_id) == DB_DONE && touch(db, p) &&
              tx_audit(db, v, "plan:indicator_remove", "plan", p->id,
                       json_pack("{s:I}", "indicator", (json_int_t)indicator_id));
    return tx_finish(db, ok, a, err);
}

bool plans_set_unanswered(db_t *db, const viewer_t *v, const plan_t *p, int64_t problem_id, const char *reason,
                          arena_t *a, char **err)
{
    if (!writable(db, v, p, a, err) || !tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT 1 FROM analysis_problems WHERE id = ? AND analysis_id = ?", "ii", problem_id,
                    p->analysis_id))
        return tx_fail(db, a, err, "Problemet finns inte i nulägesanalysen.");
    bool ok = db_run(db, "DELETE FROM plan_unanswered WHERE plan_id = ? AND problem_id = ?", "ii", p->id,
                     problem_id) == DB_DONE;
    if (ok && reason && *reason)
        ok = db_run(db, "INSERT INTO plan_unanswered (plan_id, problem_id, reason) VALUES (?, ?, ?)", "iit", p->id,
                    problem_id, reason) == DB_DONE;
    ok = ok && touch(db, p) &&
         tx_audit(db, v, "plan:unanswered", "plan", p->id,
                  json_pack("{s:I, s:s}", "problem", (json_int_t)problem_id, "reason", reason ? reason : ""));
    return tx_finish(db, ok, a, err);
}

char *plans_snapshot(db_t *db, const plan_t *p, arena_t *a)
{
    plan_facts_t f;
    plans_facts(db, p, a, &f);
    json_t *ivs = json_array();
    for (size_t i = 0; i < f.ninterventions; i++) {
        const intervention_t *x = &f.interventions[i];
        json_t *causes = json_array(), *ind = json_array();
        for (size_t k = 0; k < f.nlinks; k++)
            if (f.links[k].intervention_id == x->id)
                json_array_append_new(causes, json_integer((json_int_t)f.links[k].cause_id));
        for (size_t k = 0; k < f.nindicators; k++)
            if (f.indicators[k].intervention_id == x->id)
                json_array_append_new(ind, json_pack("{s:s, s:s, s:s, s:s}", "measure", f.indicators[k].measure,
                                                     "baseline", f.indicators[k].baseline, "target",
                                                     f.indicators[k].target, "read_dates", f.indicators[k].read_dates));
        json_array_append_new(
            ivs, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:o}",
                           "id", (json_int_t)x->id, "area", x->area, "title", x->title, "description", x->description,
                           "target_group", x->target_group, "responsible", x->responsible, "provider",
                           plan_provider_label(x->provider), "provider_name",
                           strcmp(x->provider, "programme") == 0 ? x->programme : x->provider_name, "start_date",
                           x->start_date, "end_date", x->end_date, "cost", (json_int_t)x->cost, "goals", x->goals,
                           "national_goals", x->national_goals, "follow_up", x->follow_up, "funding",
                           plan_funding_label(x->funding), "causes", causes, "indicators", ind));
    }
    json_t *unanswered = json_array();
    for (size_t i = 0; i < f.nproblems; i++)
        if (*f.problems[i].unanswered_reason)
            json_array_append_new(unanswered, json_pack("{s:s, s:s}", "problem", f.problems[i].title, "reason",
                                                        f.problems[i].unanswered_reason));
    json_t *doc = json_pack("{s:o, s:o}", "interventions", ivs, "unanswered", unanswered);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    char *out = arena_strdup(a, text ? text : "{}");
    free(text);
    return out;
}

bool plans_flow(db_t *db, const viewer_t *v, const plan_t *p, const char *action, const char *reason, arena_t *a,
                char **err)
{
    const char *from, *to, *refusal = NULL;
    bool approver = plans_may_approve(v, p);
    if (!analysis_flow_step(action, &from, &to)) {
        *err = arena_strdup(a, "Okänd åtgärd.");
        return false;
    }
    if (strcmp(action, "submit") == 0) {
        if (!plans_may_write(db, v, p)) {
            refusal = "Du får inte skicka planen för godkännande.";
        } else {
            plan_facts_t f;
            plans_facts(db, p, a, &f);
            const char **missing;
            size_t n = plan_missing(&f, a, &missing);
            if (n)
                refusal = arena_printf(a, "Planen kan inte skickas för godkännande än: %s%s", missing[0],
                                       n > 1 ? arena_printf(a, " (och %zu saker till; se listan på planen)", n - 1) : "");
        }
    } else if (strcmp(action, "reopen") == 0) {
        refusal = approver || analyses_writes_for(db, v, p->case_id, p->unit_id)
                      ? NULL : "Du får inte öppna planen för en ny version.";
    } else if (!approver) {
        refusal = p->unit_id ? "Bara enhetens rektor eller huvudmannen godkänner planen."
                             : "Bara huvudmannen godkänner planen på huvudmannanivå.";
    } else if (strcmp(action, "return") == 0 && (!reason || !*reason)) {
        refusal = "Skriv vad som behöver ändras.";
    }
    if (!refusal && strcmp(p->state, from) != 0)
        refusal = arena_printf(a, "Planen är %s.", analysis_state_label(p->state));
    if (refusal) {
        *err = arena_strdup(a, refusal);
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t t = now();
    if (db_run_int(db, 0, "UPDATE plans SET state = ?, updated_at = ? WHERE id = ? AND state = ? RETURNING id", "tiit",
                   to, t, p->id, from) != p->id)
        return tx_fail(db, a, err, "Någon annan ändrade planens läge samtidigt; ladda om sidan.");
    bool ok = true;
    if (strcmp(action, "submit") == 0)
        ok = db_run(db, "UPDATE plans SET submitted_by = ?, submitted_at = ? WHERE id = ?", "tii", v->email, t,
                    p->id) == DB_DONE;
    if (ok && strcmp(action, "approve") == 0) {
        int version = p->version + 1;
        ok = db_run(db, "UPDATE plans SET version = ?, approved_by = ?, approved_at = ? WHERE id = ?", "itii",
                    (int64_t)version, v->email, t, p->id) == DB_DONE &&
             db_run(db, "INSERT INTO plan_versions (plan_id, version, content, approved_by, approved_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                    "iitti", p->id, (int64_t)version, plans_snapshot(db, p, a), v->email, t) == DB_DONE;
    }
    ok = ok && tx_audit(db, v, arena_printf(a, "plan:%s", action), "plan", p->id,
                        json_pack("{s:s, s:s, s:s}", "from", from, "to", to, "reason", reason ? reason : ""));
    return tx_finish(db, ok, a, err);
}

bool plans_decide_funding(db_t *db, const viewer_t *v, const plan_t *p, int64_t intervention_id, const char *funding,
                          const char *reason, arena_t *a, char **err)
{
    const char *refusal = NULL;
    if (!access_may(v, CAP_PLAN_FUND))
        refusal = "Bara Skolverket beslutar om finansiering.";
    else if (strcmp(p->state, "approved") != 0)
        refusal = "Skolverket beslutar om finansiering när planen är godkänd.";
    else if (strcmp(funding, "funded") != 0 && strcmp(funding, "declined") != 0)
        refusal = "Välj om insatsen finansieras eller inte.";
    else if (strcmp(funding, "declined") == 0 && (!reason || !*reason))
        refusal = "Skriv varför insatsen inte finansieras.";
    if (refusal) {
        *err = arena_strdup(a, refusal);
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT 1 FROM interventions WHERE id = ? AND plan_id = ?", "ii", intervention_id, p->id))
        return tx_fail(db, a, err, "Insatsen finns inte i planen.");
    bool ok = db_run(db, "UPDATE interventions SET funding = ?, funding_reason = ?, funding_by = ?, funding_at = ?"
                         " WHERE id = ?",
                     "tttii", funding, reason ? reason : "", v->email, now(), intervention_id) == DB_DONE &&
              tx_audit(db, v, "plan:funding", "plan", p->id,
                       json_pack("{s:I, s:s, s:s}", "intervention", (json_int_t)intervention_id, "funding", funding,
                                 "reason", reason ? reason : ""));
    return tx_finish(db, ok, a, err);
}
