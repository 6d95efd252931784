/* demo.c — the demo's plans. Borås kommun's organiser level, whose analysis is approved,
 * has its action plan written through the store: two interventions answering the
 * analysis's causes, with goals and indicators, approved by the organiser; the agency has
 * decided to fund one of them. At national scale, every case in ÖK2 or later has approved
 * plans with funded interventions, and every case in Åtgärdsplan a plan being written. */
#include "parts.h"
#include "../db/tx.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct demo_intervention {
    const char *title, *area, *description, *target, *responsible, *provider, *provider_name, *start, *end;
    int64_t cost;
    const char *goals, *national_goals, *follow_up, *cause_kind;
    const char *measure, *baseline, *target_value, *read_dates, *variable;
} demo_intervention_t;

static const demo_intervention_t boras[] = {
    {"Gemensamt årshjul för det systematiska kvalitetsarbetet", "Styrning och utveckling av verksamheten",
     "Förvaltningen och rektorerna tar fram ett årshjul där resultat analyseras tillsammans varje termin och leder "
     "till beslut om åtgärder.", "förvaltning, rektorer", "Skolchef", "organiser", "", "2026-01-15", "2027-06-30",
     180000, "Alla rektorer analyserar sina resultat tillsammans med förvaltningen varje termin, och analyserna leder "
     "till beslutade åtgärder.", "Skollagen 4 kap. 3–6 §§ om systematiskt kvalitetsarbete.",
     "Förvaltningen följer upp varje termin i kvalitetsdialogerna; skolchefen ansvarar.", "follow_up",
     "Andel rektorer som genomfört resultatdialog med förvaltningen under terminen", "20 %", "100 %",
     "2026-06-15, 2026-12-15, 2027-06-15", ""},
    {"Pedagogiskt ledarskap för rektorer", "Styrning och utveckling av verksamheten",
     "Rektorerna går ett program i pedagogiskt ledarskap med Karlstads universitet och får administrativt stöd som "
     "frigör tid.", "rektorer", "Utvecklingschef", "university", "Karlstads universitet", "2026-02-01", "2027-12-31",
     650000, "Rektorerna lägger minst en dag i veckan på att leda undervisningens utveckling.",
     "Läroplanens del 2.8 om rektors ansvar.", "Tidsstudie bland rektorerna i början och slutet; universitetet och "
     "förvaltningen följer upp.", "organisation", "Andel av rektorernas arbetstid som ägnas åt pedagogiskt ledarskap",
     "15 %", "30 %", "2026-03-01, 2027-11-30", ""},
};

static void write_plan(demo_t *d, const viewer_t *w, plan_t *p, const demo_intervention_t *ivs, size_t n)
{
    plan_facts_t f;
    plans_facts(d->db, p, d->arena, &f);
    plan_choice_t *areas;
    size_t na = plans_development_areas(d->db, true, d->arena, &areas);
    char *err = NULL;
    for (size_t i = 0; i < n; i++) {
        const demo_intervention_t *x = &ivs[i];
        int64_t area = 0;
        for (size_t k = 0; k < na; k++)
            if (strcmp(areas[k].name, x->area) == 0)
                area = areas[k].id;
        int64_t id = plans_add_intervention(d->db, w, p, x->title, area, d->arena, &err);
        if (!id)
            continue;
        int64_t causes[4];
        size_t nc = 0;
        for (size_t k = 0; k < f.ncauses && nc < 4; k++)
            if (strcmp(f.causes[k].kind, x->cause_kind) == 0)
                causes[nc++] = f.causes[k].id;
        intervention_t v = {.id = id, .area_id = area, .title = x->title, .description = x->description,
                            .target_group = x->target, .responsible = x->responsible, .provider = x->provider,
                            .provider_name = x->provider_name, .programme = "", .start_date = x->start,
                            .end_date = x->end, .cost = x->cost, .goals = x->goals, .national_goals = x->national_goals,
                            .follow_up = x->follow_up, .state = "planned"};
        plans_save_intervention(d->db, w, p, &v, 1, causes, nc, d->arena, &err);
        indicator_t ind = {.measure = x->measure, .baseline = x->baseline, .target = x->target_value,
                           .read_dates = x->read_dates, .variable = x->variable};
        plans_add_indicator(d->db, w, p, id, &ind, d->arena, &err);
    }
}

static void boras_plan(demo_t *d)
{
    viewer_t org = demo_viewer(d, "huvudman@exempel.se"), analyst = demo_viewer(d, "analytiker@exempel.se");
    case_filter_t f = {.q = "Borås"};
    case_row_t *cases;
    if (!org.user_id || !cases_list(d->db, &org, &f, d->arena, &cases))
        return;
    char *err = NULL;
    int64_t id = plans_start(d->db, &org, &cases[0], 0, d->arena, &err);
    plan_t *p = id ? plans_get(d->db, &org, id, d->arena, NULL) : NULL;
    if (!p)
        return;
    write_plan(d, &org, p, boras, sizeof boras / sizeof *boras);
    p = plans_get(d->db, &org, id, d->arena, NULL);
    plans_flow(d->db, &org, p, "submit", NULL, d->arena, &err);
    p = plans_get(d->db, &org, id, d->arena, NULL);
    plans_flow(d->db, &org, p, "approve", NULL, d->arena, &err);
    p = plans_get(d->db, &org, id, d->arena, NULL);
    intervention_t *iv;
    if (plans_interventions(d->db, p, d->arena, &iv))
        plans_decide_funding(d->db, &analyst, p, iv[0].id, "funded", "Insatsen svarar mot huvudmannens viktigaste "
                             "problem.", d->arena, &err);
    fprintf(d->out, "  åtgärdsplaner:       Borås kommun: huvudmannanivåns plan godkänd, en insats finansieras\n");
}

/* National scale: a plan for each approved analysis of cases in Åtgärdsplan or later;
 * approved with two funded interventions from ÖK2 on, a draft with one before. */
static void scale(demo_t *d)
{
    char *err = NULL;
    if (!d->scale_first_case || !tx_begin(d->db, d->arena, &err))
        return;
    int64_t now = (int64_t)time(NULL);
    db_stmt_t *st = db_prepare(d->db, "SELECT y.id, y.case_id, y.unit_id, y.level, c.phase <> 'atgardsplan',"
                                      " (SELECT MIN(k.id) FROM analysis_causes k WHERE k.analysis_id = y.id),"
                                      " c.start_date, c.planned_end FROM analyses y JOIN cases c ON c.id = y.case_id"
                                      " WHERE c.id >= ? ORDER BY y.id");
    db_bind_int(st, 1, d->scale_first_case);
    typedef struct {
        int64_t analysis, case_id, unit, cause;
        const char *level, *start, *end;
        bool approved;
    } row_t;
    row_t *rows = arena_alloc(d->arena, 2048 * sizeof *rows);
    size_t n = 0;
    while (db_step(st) == DB_ROW && n < 2048) {
        rows[n] = (row_t){db_col_int(st, 0), db_col_int(st, 1), db_col_int0(st, 2), db_col_int0(st, 5),
                          db_col_str(st, 3, d->arena), db_col_str(st, 6, d->arena), db_col_str(st, 7, d->arena),
                          db_col_int(st, 4) != 0};
        n++;
    }
    db_done(st);
    int64_t area = db_run_int(d->db, 0, "SELECT MIN(id) FROM development_areas", "");
    size_t interventions = 0;
    for (size_t i = 0; i < n; i++) {
        const row_t *r = &rows[i];
        int64_t plan = db_run_int(d->db, 0, "INSERT INTO plans (case_id, analysis_id, level, unit_id, unit_key, state,"
                                            " version, approved_by, approved_at, created_by, created_at, updated_at)"
                                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo', ?, ?) RETURNING id",
                                  "iitzititzii", r->case_id, r->analysis, r->level, r->unit, r->unit,
                                  r->approved ? "approved" : "draft", (int64_t)r->approved,
                                  r->approved ? "huvudman@exempel.se" : NULL, r->approved ? now : 0, now, now);
        for (int k = 0; k < (r->approved ? 2 : 1); k++, interventions++) {
            int64_t iv = db_run_int(d->db, 0, "INSERT INTO interventions (plan_id, case_id, area_id, title, target_group,"
                                              " responsible, provider, provider_name, start_date, end_date, cost, goals,"
                                              " national_goals, follow_up, funding, funding_reason, created_at) VALUES"
                                              " (?, ?, ?, ?, 'lärare', 'Rektor', ?, ?, ?, ?, ?, 'Fler elever når målen.',"
                                              " 'Läroplanens kunskapskrav.', 'Terminsvis av rektor.', ?, '', ?) RETURNING id",
                                    "iiitttttiti", plan, r->case_id, area,
                                    k ? "Kollegialt lärande om återkoppling" : "Läslyftet för lärarna",
                                    k ? "organiser" : "programme", "", r->start, r->end, (int64_t)(150000 + 50000 * k),
                                    r->approved ? "funded" : "", now);
            if (!k)
                db_run(d->db, "UPDATE interventions SET programme_id = (SELECT MIN(id) FROM national_programmes)"
                              " WHERE id = ?", "i", iv);
            if (r->cause)
                db_run(d->db, "INSERT INTO intervention_links (intervention_id, problem_id, cause_id) SELECT ?, problem_id,"
                              " id FROM analysis_causes WHERE id = ?", "ii", iv, r->cause);
            db_run(d->db, "INSERT INTO indicators (intervention_id, measure, baseline, target, read_dates, variable,"
                          " created_at) VALUES (?, 'Andel elever med godkända betyg i alla ämnen', '68 %', '80 %',"
                          " 'varje juni', 'pass_all', ?)", "ii", iv, now);
        }
        if (r->approved) {
            plan_t p = {.id = plan, .analysis_id = r->analysis};
            db_run(d->db, "INSERT INTO plan_versions (plan_id, version, content, approved_by, approved_at)"
                          " VALUES (?, 1, ?, 'huvudman@exempel.se', ?)", "iti", plan, plans_snapshot(d->db, &p, d->arena),
                   now);
        }
    }
    tx_finish(d->db, true, d->arena, &err);
    fprintf(d->out, "  nationell skala:     %zu åtgärdsplaner med %zu insatser\n", n, interventions);
}

void plans_demo(demo_t *d)
{
    boras_plan(d);
    scale(d);
}
