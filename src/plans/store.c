/* store.c — reading plans: a case's plans, one plan or intervention in the viewer's reach
 * (the case's scope, then ACCESS_ANALYSIS_SCOPE on the plan), the parts of a plan, the
 * facts the rules need, and whether the case may move to ÖK2. */
#include "parts.h"
#include "../base/fmt.h"
#include <string.h>

#define PLAN_COLUMNS                                                                                         \
    "y.id, y.case_id, y.analysis_id, y.unit_id, y.level, y.state, u.name, u.code, o.name, y.version,"       \
    " COALESCE(ab.name, y.approved_by), y.approved_at, y.updated_at"                                        \
    " FROM plans y JOIN cases c ON c.id = y.case_id JOIN organisers o ON o.id = c.organiser_id"             \
    " LEFT JOIN units u ON u.id = y.unit_id LEFT JOIN users ab ON ab.email = y.approved_by"

static size_t read_plans(db_stmt_t *st, arena_t *a, plan_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        plan_t *p = ARENA_PUSH(a, *out, n, cap);
        p->id = db_col_int(st, 0);
        p->case_id = db_col_int(st, 1);
        p->analysis_id = db_col_int(st, 2);
        p->unit_id = db_col_int0(st, 3);
        p->level = db_col_str(st, 4, a);
        p->state = db_col_str(st, 5, a);
        p->unit_name = db_col_str(st, 6, a);
        p->unit_code = db_col_str(st, 7, a);
        p->organiser = db_col_str(st, 8, a);
        p->version = (int)db_col_int(st, 9);
        p->approved_by = db_col_str(st, 10, a);
        p->approved_at = db_col_int0(st, 11);
        p->updated_at = db_col_int0(st, 12);
    }
    db_done(st);
    return n;
}

size_t plans_of_case(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, plan_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " PLAN_COLUMNS " WHERE y.case_id = ? AND " ACCESS_ANALYSIS_SCOPE
                                   " ORDER BY y.unit_key <> 0, u.name");
    db_bind_int(st, 1, c->id);
    access_bind_analysis(st, 2, v);
    return read_plans(st, a, out);
}

plan_t *plans_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a, case_row_t **case_out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " PLAN_COLUMNS " WHERE y.id = ? AND " ACCESS_ANALYSIS_SCOPE);
    db_bind_int(st, 1, id);
    access_bind_analysis(st, 2, v);
    plan_t *p;
    case_row_t *c = read_plans(st, a, &p) ? cases_get(db, v, p->case_id, a) : NULL;
    if (!c)
        return NULL;
    if (case_out)
        *case_out = c;
    return p;
}

#define INTERVENTION_SELECT                                                                                    \
    "i.id, i.plan_id, i.case_id, i.area_id, da.name, i.title, i.description, i.target_group, i.responsible,"  \
    " i.provider, i.provider_name, i.programme_id, np.name, i.start_date, i.end_date, i.cost, i.goals,"        \
    " i.national_goals, i.follow_up, i.state, i.funding, i.funding_reason, COALESCE(fu.name, i.funding_by),"   \
    " i.funding_at, i.version, COALESCE(su.name, i.saved_by), i.saved_at"
#define INTERVENTION_FROM                                                                                       \
    " FROM interventions i LEFT JOIN development_areas da ON da.id = i.area_id LEFT JOIN national_programmes np ON np.id = i.programme_id" \
    " LEFT JOIN users fu ON fu.email = i.funding_by LEFT JOIN users su ON su.email = i.saved_by"
#define INTERVENTION_COLUMNS INTERVENTION_SELECT INTERVENTION_FROM

void plans_read_intervention(db_stmt_t *st, arena_t *a, intervention_t *i)
{
    i->id = db_col_int(st, 0);
    i->plan_id = db_col_int(st, 1);
    i->case_id = db_col_int(st, 2);
    i->area_id = db_col_int0(st, 3);
    i->area = db_col_str(st, 4, a);
    i->title = db_col_str(st, 5, a);
    i->description = db_col_str(st, 6, a);
    i->target_group = db_col_str(st, 7, a);
    i->responsible = db_col_str(st, 8, a);
    i->provider = db_col_str(st, 9, a);
    i->provider_name = db_col_str(st, 10, a);
    i->programme_id = db_col_int0(st, 11);
    i->programme = db_col_str(st, 12, a);
    i->start_date = db_col_str(st, 13, a);
    i->end_date = db_col_str(st, 14, a);
    i->cost = db_col_is_null(st, 15) ? -1 : db_col_int(st, 15);
    i->goals = db_col_str(st, 16, a);
    i->national_goals = db_col_str(st, 17, a);
    i->follow_up = db_col_str(st, 18, a);
    i->state = db_col_str(st, 19, a);
    i->funding = db_col_str(st, 20, a);
    i->funding_reason = db_col_str(st, 21, a);
    i->funding_by = db_col_str(st, 22, a);
    i->funding_at = db_col_int0(st, 23);
    i->version = (int)db_col_int(st, 24);
    i->saved_by = db_col_str(st, 25, a);
    i->saved_at = db_col_int0(st, 26);
}

size_t plans_interventions(db_t *db, const plan_t *p, arena_t *a, intervention_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " INTERVENTION_COLUMNS " WHERE i.plan_id = ? ORDER BY da.position, i.id");
    db_bind_int(st, 1, p->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        plans_read_intervention(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

intervention_t *plans_intervention(db_t *db, const viewer_t *v, int64_t id, arena_t *a, plan_t **plan_out)
{
    int64_t plan_id = db_run_int(db, 0, "SELECT plan_id FROM interventions WHERE id = ?", "i", id);
    plan_t *p = plan_id ? plans_get(db, v, plan_id, a, NULL) : NULL; /* the plan's scope decides */
    if (!p)
        return NULL;
    db_stmt_t *st = db_prepare(db, "SELECT " INTERVENTION_COLUMNS " WHERE i.id = ?");
    db_bind_int(st, 1, id);
    intervention_t *iv = NULL;
    if (db_step(st) == DB_ROW) {
        iv = arena_alloc(a, sizeof *iv);
        plans_read_intervention(st, a, iv);
    }
    db_done(st);
    if (plan_out)
        *plan_out = p;
    return iv;
}

/* id and name rows, finishing the statement. */
static size_t read_choices(db_stmt_t *st, arena_t *a, plan_choice_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        plan_choice_t *c = ARENA_PUSH(a, *out, n, cap);
        c->id = db_col_int(st, 0);
        c->name = db_col_str(st, 1, a);
    }
    db_done(st);
    return n;
}

size_t plans_development_areas(db_t *db, bool active_only, arena_t *a, plan_choice_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, name FROM development_areas WHERE active = 1 OR ? = 0"
                                   " ORDER BY position, id");
    db_bind_int(st, 1, active_only);
    return read_choices(st, a, out);
}

size_t plans_programmes(db_t *db, bool active_only, arena_t *a, plan_choice_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, name FROM national_programmes WHERE active = 1 OR ? = 0"
                                   " ORDER BY position, id");
    db_bind_int(st, 1, active_only);
    return read_choices(st, a, out);
}

void plans_facts(db_t *db, const plan_t *p, arena_t *a, plan_facts_t *f)
{
    memset(f, 0, sizeof *f);
    size_t cap = 0;
    db_stmt_t *st = db_prepare(db, "SELECT pr.id, pr.title, COALESCE(un.reason, '') FROM analysis_problems pr"
                                   " LEFT JOIN plan_unanswered un ON un.problem_id = pr.id AND un.plan_id = ?"
                                   " WHERE pr.analysis_id = ? ORDER BY pr.id");
    db_bind_int(st, 1, p->id);
    db_bind_int(st, 2, p->analysis_id);
    plan_problem_t *problems = NULL;
    while (db_step(st) == DB_ROW) {
        plan_problem_t *x = ARENA_PUSH(a, problems, f->nproblems, cap);
        x->id = db_col_int(st, 0);
        x->title = db_col_str(st, 1, a);
        x->unanswered_reason = db_col_str(st, 2, a);
    }
    db_done(st);
    f->problems = problems;
    cap = 0;
    st = db_prepare(db, "SELECT id, problem_id, kind, text FROM analysis_causes WHERE analysis_id = ? ORDER BY problem_id, id");
    db_bind_int(st, 1, p->analysis_id);
    plan_cause_t *causes = NULL;
    while (db_step(st) == DB_ROW) {
        plan_cause_t *x = ARENA_PUSH(a, causes, f->ncauses, cap);
        x->id = db_col_int(st, 0);
        x->problem_id = db_col_int(st, 1);
        x->kind = db_col_str(st, 2, a);
        x->text = db_col_str(st, 3, a);
    }
    db_done(st);
    f->causes = causes;
    intervention_t *iv;
    f->ninterventions = plans_interventions(db, p, a, &iv);
    f->interventions = iv;
    cap = 0;
    st = db_prepare(db, "SELECT l.intervention_id, l.problem_id, l.cause_id FROM intervention_links l"
                        " JOIN interventions i ON i.id = l.intervention_id WHERE i.plan_id = ?"
                        " ORDER BY l.intervention_id, l.cause_id");
    db_bind_int(st, 1, p->id);
    plan_link_t *links = NULL;
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, links, f->nlinks, cap) = (plan_link_t){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2)};
    db_done(st);
    f->links = links;
    cap = 0;
    st = db_prepare(db, "SELECT x.id, x.intervention_id, x.measure, x.baseline, x.target, x.read_dates, x.variable,"
                        " x.min_value, x.max_value, x.groups FROM indicators x JOIN interventions i ON i.id = x.intervention_id WHERE i.plan_id = ?"
                        " ORDER BY x.intervention_id, x.id");
    db_bind_int(st, 1, p->id);
    indicator_t *ind = NULL;
    while (db_step(st) == DB_ROW) {
        indicator_t *x = ARENA_PUSH(a, ind, f->nindicators, cap);
        x->id = db_col_int(st, 0);
        x->intervention_id = db_col_int(st, 1);
        x->measure = db_col_str(st, 2, a);
        x->baseline = db_col_str(st, 3, a);
        x->target = db_col_str(st, 4, a);
        x->read_dates = db_col_str(st, 5, a);
        x->variable = db_col_str(st, 6, a);
        x->min_value = db_col_is_null(st, 7) ? "" : fmt_number_in(a, db_col_double(st, 7));
        x->max_value = db_col_is_null(st, 8) ? "" : fmt_number_in(a, db_col_double(st, 8));
        x->groups = db_col_str(st, 9, a);
    }
    db_done(st);
    f->indicators = ind;
}

bool plans_may_write(db_t *db, const viewer_t *v, const plan_t *p)
{
    return strcmp(p->state, "draft") == 0 && analyses_writes_for(db, v, p->case_id, p->unit_id);
}

bool plans_may_approve(const viewer_t *v, const plan_t *p)
{
    return analyses_approves_for(v, p->unit_id);
}

bool plans_case_done(db_t *db, const case_row_t *c, arena_t *a, const char **missing)
{
    /* Each analysis of the case needs an approved plan; each intervention a decision. */
    db_stmt_t *st = db_prepare(db, "SELECT COALESCE(u.name, 'huvudmannanivån'),"
                                   " (SELECT COUNT(*) FROM plans p WHERE p.analysis_id = y.id AND p.version > 0),"
                                   " (SELECT COUNT(*) FROM plans p JOIN interventions i ON i.plan_id = p.id"
                                   "  WHERE p.analysis_id = y.id AND i.funding = '')"
                                   " FROM analyses y LEFT JOIN units u ON u.id = y.unit_id WHERE y.case_id = ?"
                                   " ORDER BY y.unit_key <> 0, u.name");
    db_bind_int(st, 1, c->id);
    buf_t plans = BUF_INIT, decisions = BUF_INIT;
    size_t analyses = 0;
    while (db_step(st) == DB_ROW) {
        analyses++;
        buf_t *b = db_col_int(st, 1) == 0 ? &plans : db_col_int(st, 2) > 0 ? &decisions : NULL;
        if (b)
            buf_printf(b, "%s%s", b->len ? ", " : "", db_col_text(st, 0));
    }
    db_done(st);
    bool funded = db_run_int(db, 0, "SELECT COUNT(*) FROM interventions WHERE case_id = ? AND funding = 'funded'", "i",
                             c->id) > 0;
    bool done = analyses && !plans.len && !decisions.len && funded;
    if (!analyses)
        *missing = "ärendet har inga nulägesanalyser";
    else if (plans.len)
        *missing = arena_printf(a, "godkänd åtgärdsplan saknas för %s", buf_cstr(&plans));
    else if (decisions.len)
        *missing = arena_printf(a, "Skolverket har inte beslutat om finansiering av alla insatser (%s)",
                                buf_cstr(&decisions));
    else
        *missing = done ? "" : "ingen insats finansieras";
    buf_free(&plans);
    buf_free(&decisions);
    return done;
}

/* Interventions with the name of their plan's unit or level (the column after them). */
static size_t read_named(db_stmt_t *st, arena_t *a, funded_intervention_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        funded_intervention_t *f = ARENA_PUSH(a, *out, n, cap);
        plans_read_intervention(st, a, &f->iv);
        f->plan_name = db_col_str(st, 27, a);
    }
    db_done(st);
    return n;
}

size_t plans_funded(db_t *db, const case_row_t *c, arena_t *a, funded_intervention_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " INTERVENTION_SELECT ", COALESCE(pu.name, 'Huvudmannanivå')" INTERVENTION_FROM
                                   " JOIN plans pl ON pl.id = i.plan_id LEFT JOIN units pu ON pu.id = pl.unit_id"
                                   " WHERE i.case_id = ? AND i.funding = 'funded' ORDER BY pl.unit_key <> 0, pu.name, i.id");
    db_bind_int(st, 1, c->id);
    return read_named(st, a, out);
}

size_t plans_versions(db_t *db, const plan_t *p, arena_t *a, analysis_version_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT v.version, v.content, COALESCE(su.name, v.approved_by), v.approved_at"
                                   " FROM plan_versions v LEFT JOIN users su ON su.email = v.approved_by"
                                   " WHERE v.plan_id = ? ORDER BY v.version");
    db_bind_int(st, 1, p->id);
    return analyses_read_versions(st, a, out);
}

size_t plans_by_university(db_t *db, const case_row_t *c, arena_t *a, funded_intervention_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " INTERVENTION_SELECT ", COALESCE(pu.name, 'Huvudmannanivå')" INTERVENTION_FROM
                                   " JOIN plans pl ON pl.id = i.plan_id LEFT JOIN units pu ON pu.id = pl.unit_id"
                                   " WHERE i.case_id = ? AND i.provider = 'university' ORDER BY pl.unit_key <> 0, pu.name,"
                                   " i.id");
    db_bind_int(st, 1, c->id);
    return read_named(st, a, out);
}
