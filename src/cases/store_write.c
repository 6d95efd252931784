/* store_write.c — changes to cases: started from an accepted offer, units from
 * supplementary decisions, phase moves by the rules, people and the university team.
 * Each change is one transaction, audited, and a line in the case's timeline. */
#include "cases.h"
#include "../base/validate.h"
#include "../db/tx.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Opens a write transaction and checks that the viewer may see the case. */
static case_row_t *begin_on(db_t *db, const viewer_t *v, int64_t id, arena_t *a, char **err)
{
    *err = NULL;
    if (db_begin_write(db) != DB_OK) {
        *err = arena_strdup(a, "Databasen är upptagen; försök igen.");
        return NULL;
    }
    case_row_t *c = cases_get(db, v, id, a);
    if (!c) {
        db_rollback(db);
        *err = arena_strdup(a, "Ärendet finns inte.");
    }
    return c;
}

bool cases_start_from_offer(db_t *db, const viewer_t *v, int64_t round_id, int64_t organiser_id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT name, decision_date FROM selection_rounds WHERE id = ?");
    db_bind_int(st, 1, round_id);
    const char *name = NULL, *date = NULL;
    if (db_step(st) == DB_ROW) {
        name = arena_strdup(a, db_col_text(st, 0));
        date = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    char end[11];
    if (!name || !date || !case_planned_end(date, end))
        return false;
    int64_t id = db_run_int(db, 0, "INSERT INTO cases (organiser_id, round_name, decision_date, phase, created_at,"
                                   " round_id, start_date, planned_end, updated_at) VALUES (?, ?, ?, 'accepterad', ?, ?,"
                                   " ?, ?, ?) ON CONFLICT (organiser_id, round_name) DO NOTHING RETURNING id",
                            "ittiitti", organiser_id, name, date, (int64_t)time(NULL), round_id, date, end,
                            (int64_t)time(NULL));
    if (!id)
        return true; /* the organiser already has its case for the round */
    bool ok = db_run(db, "INSERT INTO case_units (case_id, unit_id, decision, decision_date) SELECT CAST(? AS BIGINT),"
                         " unit_id, decision, decision_date FROM round_choices WHERE round_id = ? AND organiser_id = ?",
                     "iii", id, round_id, organiser_id) == DB_DONE;
    return ok && cases_event(db, id, "start", NULL, "accepterad", "Erbjudandet accepterat.", v) &&
           tx_audit(db, v, "case:start", "case", id, json_pack("{s:I, s:s, s:s}", "round", (json_int_t)round_id, "start", date,
                                                    "planned_end", end));
}

bool cases_add_supplementary_unit(db_t *db, const viewer_t *v, int64_t round_id, int64_t organiser_id,
                                  int64_t unit_id, const char *date)
{
    int64_t id = db_run_int(db, 0, "SELECT id FROM cases WHERE round_id = ? AND organiser_id = ?", "ii", round_id,
                            organiser_id);
    if (!id)
        return true;
    return db_run(db, "INSERT INTO case_units (case_id, unit_id, decision, decision_date) VALUES (?, ?,"
                      " 'supplementary', ?) ON CONFLICT (case_id, unit_id) DO NOTHING",
                  "iit", id, unit_id, date) == DB_DONE &&
           cases_event(db, id, "unit", NULL, NULL, "En enhet tillagd genom tilläggsbeslut.", v);
}

bool cases_move(db_t *db, const viewer_t *v, int64_t id, const char *phase, const char *note, arena_t *a, char **err)
{
    case_row_t *c = begin_on(db, v, id, a, err);
    if (!c)
        return false;
    bool may = v->role == ROLE_ADMIN || v->role == ROLE_ANALYST || v->role == ROLE_SUPPORTER;
    if (!may)
        return tx_fail(db, a, err, "Bara myndighetens processtödjare och urvalsanalytiker flyttar ärenden mellan faser.");
    case_phase_t to = case_phase_from_key(phase);
    case_facts_t f;
    cases_facts(db, id, &f);
    char why[300];
    bool back_ok = v->role == ROLE_ADMIN || v->role == ROLE_ANALYST;
    if (!case_move_allowed(c->phase, to, &f, back_ok, why, sizeof why))
        return tx_fail(db, a, err, why);
    if (to < c->phase && (!note || !*note))
        return tx_fail(db, a, err, "Skriv varför ärendet flyttas tillbaka.");
    bool ok = db_run(db, "UPDATE cases SET phase = ?, updated_at = ? WHERE id = ?", "tii", phase, (int64_t)time(NULL),
                     id) == DB_DONE &&
              cases_event(db, id, "phase", case_phase_key(c->phase), phase, note, v) &&
              tx_audit(db, v, "case:phase", "case", id, json_pack("{s:s, s:s}", "from", case_phase_key(c->phase), "to", phase));
    return tx_finish(db, ok, a, err);
}

bool cases_assign_supporter(db_t *db, const viewer_t *v, int64_t id, int64_t user_id, arena_t *a, char **err)
{
    case_row_t *c = begin_on(db, v, id, a, err);
    if (!c)
        return false;
    db_stmt_t *st = db_prepare(db, "SELECT name, email, role, active FROM users WHERE id = ?");
    db_bind_int(st, 1, user_id);
    const char *name = NULL, *email = NULL;
    bool supporter = false;
    if (db_step(st) == DB_ROW) {
        name = arena_strdup(a, db_col_text(st, 0));
        email = arena_strdup(a, db_col_text(st, 1));
        supporter = strcmp(db_col_text(st, 2), "supporter") == 0 && db_col_int(st, 3) == 1;
    }
    db_done(st);
    if (!supporter)
        return tx_fail(db, a, err, "Välj en aktiv användare med rollen Processtödjare.");
    if (db_run_int(db, 0, "SELECT COUNT(*) FROM case_people WHERE case_id = ? AND role = 'supporter' AND user_id = ?",
                   "ii", id, user_id))
        return tx_fail(db, a, err, "Processtödjaren är redan tilldelad ärendet.");
    if (db_run_int(db, 0, "SELECT COUNT(*) FROM case_people WHERE case_id = ? AND role = 'supporter'", "i", id) >= 2)
        return tx_fail(db, a, err, "Ärendet har redan två processtödjare; ta bort en först.");
    bool ok = db_run(db, "INSERT INTO case_people (case_id, role, user_id, name, email) VALUES (?, 'supporter', ?, ?, ?)",
                     "iitt", id, user_id, name, email) == DB_DONE &&
              cases_event(db, id, "people", NULL, NULL, arena_printf(a, "Processtödjare: %s.", name), v) &&
              tx_audit(db, v, "case:supporter", "case", id, json_pack("{s:I, s:s}", "user", (json_int_t)user_id, "name", name));
    return tx_finish(db, ok, a, err);
}

bool cases_remove_person(db_t *db, const viewer_t *v, int64_t id, int64_t person_id, arena_t *a, char **err)
{
    case_row_t *c = begin_on(db, v, id, a, err);
    if (!c)
        return false;
    db_stmt_t *st = db_prepare(db, "SELECT name, role FROM case_people WHERE id = ? AND case_id = ?");
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, id);
    const char *name = NULL, *role = NULL;
    if (db_step(st) == DB_ROW) {
        name = arena_strdup(a, db_col_text(st, 0));
        role = arena_strdup(a, db_col_text(st, 1));
    }
    db_done(st);
    if (!name)
        return tx_fail(db, a, err, "Personen finns inte på ärendet.");
    bool agency = v->role == ROLE_ADMIN || v->role == ROLE_ANALYST;
    if (strcmp(role, "supporter") == 0 && !agency)
        return tx_fail(db, a, err, "Bara urvalsanalytiker och administratörer ändrar vilka processtödjare ärendet har.");
    bool ok = db_run(db, "DELETE FROM case_people WHERE id = ? AND case_id = ?", "ii", person_id, id) == DB_DONE &&
              cases_event(db, id, "people", NULL, NULL,
                          arena_printf(a, "%s borttagen (%s).", name,
                                       strcmp(role, "supporter") == 0 ? "processtödjare" : "kontaktperson"), v) &&
              tx_audit(db, v, "case:remove_person", "case", id, json_pack("{s:s, s:s}", "name", name, "role", role));
    return tx_finish(db, ok, a, err);
}

bool cases_add_contact(db_t *db, const viewer_t *v, int64_t id, const char *name, const char *email, arena_t *a,
                       char **err)
{
    case_row_t *c = begin_on(db, v, id, a, err);
    if (!c)
        return false;
    bool ok = db_run(db, "INSERT INTO case_people (case_id, role, name, email) VALUES (?, 'contact', ?, ?)", "itt", id,
                     name, email ? email : "") == DB_DONE &&
              cases_event(db, id, "people", NULL, NULL, arena_printf(a, "Kontaktperson: %s.", name), v) &&
              tx_audit(db, v, "case:contact", "case", id, json_pack("{s:s, s:s}", "name", name, "email", email ? email : ""));
    return tx_finish(db, ok, a, err);
}

bool cases_set_university(db_t *db, const viewer_t *v, int64_t id, const char *university, const char *leader,
                          const char *leaders, arena_t *a, char **err)
{
    case_row_t *c = begin_on(db, v, id, a, err);
    if (!c)
        return false;
    bool ok = db_run(db, "UPDATE cases SET university = ?, team_leader = ?, education_leaders = ?, updated_at = ?"
                         " WHERE id = ?",
                     "tttii", university && *university ? university : NULL, leader ? leader : "", leaders ? leaders : "",
                     (int64_t)time(NULL), id) == DB_DONE &&
              cases_event(db, id, "university", NULL, NULL,
                          arena_printf(a, "Lärosäte: %s%s%s.", university && *university ? university : "inget",
                                       leader && *leader ? "; teamledare " : "", leader ? leader : ""), v) &&
              tx_audit(db, v, "case:university", "case", id, json_pack("{s:s?, s:s, s:s}", "university", university, "team_leader",
                                                            leader ? leader : "", "education_leaders",
                                                            leaders ? leaders : ""));
    return tx_finish(db, ok, a, err);
}
