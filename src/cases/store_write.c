/* store_write.c — changes to cases: started from an accepted offer, units from
 * supplementary decisions, phase moves by the rules, people and the university team.
 * Each change is one transaction, audited, and a line in the case's timeline. */
#include "cases.h"
#include "../access/access.h"
#include "../base/date.h"
#include "../base/validate.h"
#include "../db/tx.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool cases_start(db_t *db, const viewer_t *v, const case_start_t *s, arena_t *a)
{
    char end[11];
    if (!s->round_name || !s->decision_date || !case_planned_end(s->decision_date, end))
        return false;
    int64_t now = (int64_t)time(NULL);
    int64_t id = db_run_int(db, 0, "INSERT INTO cases (organiser_id, round_name, decision_date, phase, created_at,"
                                   " round_id, start_date, planned_end, updated_at) VALUES (?, ?, ?, 'accepterad', ?, ?,"
                                   " ?, ?, ?) ON CONFLICT (organiser_id, round_name) DO NOTHING RETURNING id",
                            "ittiitti", s->organiser_id, s->round_name, s->decision_date, now, s->round_id,
                            s->decision_date, end, now);
    if (!id)
        return true; /* the organiser already has its case for the round */
    bool ok = true;
    for (size_t i = 0; ok && i < s->nunits; i++)
        ok = db_run(db, "INSERT INTO case_units (case_id, unit_id, decision, decision_date) VALUES (?, ?, ?, ?)",
                    "iitt", id, s->units[i].unit_id, s->units[i].decision, s->units[i].decision_date) == DB_DONE;
    (void)a;
    return ok && cases_event(db, id, "start", NULL, "accepterad", "Erbjudandet accepterat.", v) &&
           tx_audit(db, v, "case:start", "case", id,
                    json_pack("{s:I, s:s, s:s}", "round", (json_int_t)s->round_id, "start", s->decision_date,
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

bool cases_move(db_t *db, const viewer_t *v, const case_row_t *c, const char *phase, const char *note, arena_t *a,
                char **err)
{
    if (!access_may(v, CAP_CASE_MOVE)) {
        *err = arena_strdup(a, "Bara myndighetens processtödjare och urvalsanalytiker flyttar ärenden mellan faser.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    case_phase_t to = case_phase_from_key(phase);
    case_facts_t f;
    cases_facts(db, c, &f);
    char why[300];
    if (!case_move_allowed(c->phase, to, &f, access_may(v, CAP_CASE_MOVE_BACK), why, sizeof why))
        return tx_fail(db, a, err, why);
    if (to < c->phase && (!note || !*note))
        return tx_fail(db, a, err, "Skriv varför ärendet flyttas tillbaka.");
    /* Only from the phase the caller saw: a move made meanwhile by someone else wins. */
    if (!db_run_int(db, 0, "UPDATE cases SET phase = ?, updated_at = ? WHERE id = ? AND phase = ? RETURNING id", "tiit",
                    phase, (int64_t)time(NULL), c->id, case_phase_key(c->phase)))
        return tx_fail(db, a, err, "Ärendet har just flyttats av någon annan; ladda om sidan och försök igen.");
    bool ok = cases_event(db, c->id, "phase", case_phase_key(c->phase), phase, note, v) &&
              tx_audit(db, v, "case:phase", "case", c->id,
                       json_pack("{s:s, s:s}", "from", case_phase_key(c->phase), "to", phase));
    return tx_finish(db, ok, a, err);
}

bool cases_assign_supporter(db_t *db, const viewer_t *v, const case_row_t *c, int64_t user_id, arena_t *a,
                            char **err)
{
    if (!access_may(v, CAP_CASE_STAFF)) {
        *err = arena_strdup(a, "Bara urvalsanalytiker och administratörer ändrar vilka processtödjare ärendet har.");
        return false;
    }
    int64_t id = c->id;
    if (!tx_begin(db, a, err))
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

bool cases_remove_person(db_t *db, const viewer_t *v, const case_row_t *c, int64_t person_id, arena_t *a,
                         char **err)
{
    int64_t id = c->id;
    if (!tx_begin(db, a, err))
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
    if (strcmp(role, "supporter") == 0 && !access_may(v, CAP_CASE_STAFF))
        return tx_fail(db, a, err, "Bara urvalsanalytiker och administratörer ändrar vilka processtödjare ärendet har.");
    if (strcmp(role, "supporter") != 0 && !access_may(v, CAP_CASE_CONTACTS))
        return tx_fail(db, a, err, "Du får inte ändra ärendets kontaktpersoner.");
    bool ok = db_run(db, "DELETE FROM case_people WHERE id = ? AND case_id = ?", "ii", person_id, id) == DB_DONE &&
              cases_event(db, id, "people", NULL, NULL,
                          arena_printf(a, "%s borttagen (%s).", name,
                                       strcmp(role, "supporter") == 0 ? "processtödjare" : "kontaktperson"), v) &&
              tx_audit(db, v, "case:remove_person", "case", id, json_pack("{s:s, s:s}", "name", name, "role", role));
    return tx_finish(db, ok, a, err);
}

bool cases_add_contact(db_t *db, const viewer_t *v, const case_row_t *c, const char *name, const char *email,
                       arena_t *a, char **err)
{
    if (!access_may(v, CAP_CASE_CONTACTS)) {
        *err = arena_strdup(a, "Du får inte ändra ärendets kontaktpersoner.");
        return false;
    }
    int64_t id = c->id;
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run(db, "INSERT INTO case_people (case_id, role, name, email) VALUES (?, 'contact', ?, ?)", "itt", id,
                     name, email ? email : "") == DB_DONE &&
              cases_event(db, id, "people", NULL, NULL, arena_printf(a, "Kontaktperson: %s.", name), v) &&
              tx_audit(db, v, "case:contact", "case", id, json_pack("{s:s, s:s}", "name", name, "email", email ? email : ""));
    return tx_finish(db, ok, a, err);
}

write_result_t cases_edit_contact(db_t *db, const viewer_t *v, const case_row_t *c, int64_t person_id, int based_on,
                                  const char *name, const char *email, arena_t *a, char **err)
{
    if (!access_may(v, CAP_CASE_CONTACTS)) {
        *err = arena_strdup(a, "Du får inte ändra ärendets kontaktpersoner.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    case_person_t *before = cases_contact(db, c, person_id, a);
    if (!before) {
        if (db_failure(db) != DB_FAIL_NONE)
            tx_finish(db, false, a, err);
        else
            tx_fail(db, a, err, "Kontaktpersonen finns inte längre på ärendet.");
        return WRITE_REFUSED;
    }
    if (before->version != based_on) {
        tx_fail(db, a, err, "Någon annan har ändrat kontaktpersonen medan du skrev; inget skrevs över.");
        return WRITE_STALE;
    }
    int64_t now = (int64_t)time(NULL);
    bool ok = db_run(db, "UPDATE case_people SET name = ?, email = ?, version = version + 1, saved_by = ?, saved_at = ?"
                         " WHERE id = ? AND case_id = ? AND version = ?",
                     "tttiiii", name, email ? email : "", v->name && *v->name ? v->name : v->email, now, person_id,
                     c->id, (int64_t)based_on) == DB_DONE &&
              cases_event(db, c->id, "people", NULL, NULL, arena_printf(a, "Kontaktperson ändrad: %s.", name), v) &&
              tx_audit(db, v, "case:contact_edit", "case", c->id,
                       json_pack("{s:I, s:s, s:s, s:{s:I, s:s, s:s}}", "person", (json_int_t)person_id, "name", name,
                                 "email", email ? email : "", "before", "person", (json_int_t)person_id, "name",
                                 before->name, "email", before->email));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

write_result_t cases_set_university(db_t *db, const viewer_t *v, const case_row_t *c, int based_on,
                                    const char *university, const char *leader, const char *leaders, arena_t *a,
                                    char **err)
{
    if (!access_may(v, CAP_CASE_UNIVERSITY)) {
        *err = arena_strdup(a, "Lärosätet anges av Skolverket.");
        return WRITE_REFUSED;
    }
    int64_t id = c->id;
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    if (!db_run_int(db, 0, "UPDATE cases SET university = ?, team_leader = ?, education_leaders = ?, updated_at = ?,"
                           " team_version = team_version + 1, team_saved_by = ?, team_saved_at = ?"
                           " WHERE id = ? AND team_version = ? RETURNING id",
                    "tttitiii", university && *university ? university : NULL, leader ? leader : "",
                    leaders ? leaders : "", (int64_t)time(NULL), v->email, (int64_t)time(NULL), id,
                    (int64_t)based_on)) {
        bool failed = db_failure(db) != DB_FAIL_NONE;
        if (failed)
            tx_finish(db, false, a, err);
        else
            tx_fail(db, a, err, "Någon annan har sparat lärosätet medan du skrev; inget skrevs över.");
        return failed ? WRITE_REFUSED : WRITE_STALE;
    }
    bool ok = cases_event(db, id, "university", NULL, NULL,
                          arena_printf(a, "Lärosäte: %s%s%s.", university && *university ? university : "inget",
                                       leader && *leader ? "; teamledare " : "", leader ? leader : ""), v) &&
              tx_audit(db, v, "case:university", "case", id,
                       json_pack("{s:s?, s:s, s:s}", "university", university, "team_leader", leader ? leader : "",
                                 "education_leaders", leaders ? leaders : ""));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

bool cases_event(db_t *db, int64_t case_id, const char *kind, const char *from, const char *to, const char *note,
                 const viewer_t *v)
{
    return db_run(db, "INSERT INTO case_events (case_id, kind, from_phase, to_phase, note, actor, at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "ittttti", case_id, kind, from, to, note ? note : "", v->name && *v->name ? v->name : v->email,
                  (int64_t)time(NULL)) == DB_DONE;
}

bool cases_record_support(db_t *db, const viewer_t *v, const case_row_t *c, const char *date, const char *number,
                          arena_t *a, char **err)
{
    if (!access_may(v, CAP_CASE_DECIDE)) {
        *err = arena_strdup(a, "Beslutet om stöd registreras av Skolverket.");
        return false;
    }
    if (!date || !validate_date(date) || strcmp(date, c->decision_date) < 0) {
        *err = arena_printf(a, "Ange beslutets datum som ÅÅÅÅ-MM-DD, tidigast urvalsbeslutet %s.", c->decision_date);
        return false;
    }
    if (!number || !*number) {
        *err = arena_strdup(a, "Ange beslutets diarienummer.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run(db, "UPDATE cases SET support_decision_date = ?, support_registry_number = ?, support_decided_by = ?,"
                         " updated_at = ? WHERE id = ?",
                     "tttii", date, number, v->email, (int64_t)time(NULL), c->id) == DB_DONE &&
              cases_event(db, c->id, "support", NULL, NULL,
                          arena_printf(a, "Skolverkets beslut om stöd %s, dnr %s.", date, number), v) &&
              tx_audit(db, v, "case:support", "case", c->id,
                       json_pack("{s:s, s:s}", "date", date, "registry_number", number));
    return tx_finish(db, ok, a, err);
}

int64_t cases_start_organiser_level(db_t *db, const viewer_t *v, const char *orgnr, const char *date, int months,
                                    arena_t *a, char **err)
{
    char end[11];
    if (!access_may(v, CAP_CASE_DECIDE)) {
        *err = arena_strdup(a, "Samverkan på huvudmannanivå beslutas av Skolverket.");
        return 0;
    }
    if (!date || !validate_date(date) || months < 1 || !date_add_months(date, months, end)) {
        *err = arena_strdup(a, "Ange beslutsdatum som ÅÅÅÅ-MM-DD och en period på minst en månad.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    int64_t org = db_run_int(db, 0, "SELECT id FROM organisers WHERE orgnr = ?", "t", orgnr);
    if (!org) {
        tx_fail(db, a, err, arena_printf(a, "Huvudmannen %s finns inte i registret.", orgnr));
        return 0;
    }
    const char *round = arena_printf(a, "Huvudmannanivå %s", date);
    int64_t id = db_run_int(db, 0, "INSERT INTO cases (organiser_id, round_name, decision_date, phase, created_at,"
                                   " start_date, planned_end, organiser_level_only) VALUES"
                                   " (?, ?, ?, 'accepterad', ?, ?, ?, 1) ON CONFLICT (organiser_id, round_name)"
                                   " DO NOTHING RETURNING id",
                            "ittitt", org, round, date, (int64_t)time(NULL), date, end);
    if (!id) {
        if (db_failure(db) == DB_FAIL_NONE)
            tx_fail(db, a, err, "Huvudmannen har redan en samverkan på huvudmannanivå med det beslutsdatumet.");
        else
            tx_finish(db, false, a, err);
        return 0;
    }
    bool ok = cases_event(db, id, "start", NULL, "accepterad",
                          arena_printf(a, "Samverkan på huvudmannanivå, %d månader till %s.", months, end), v) &&
              tx_audit(db, v, "case:start", "case", id,
                       json_pack("{s:s, s:s, s:i, s:b}", "organiser", orgnr, "decision_date", date, "months", months,
                                 "organiser_level_only", 1));
    return tx_finish(db, ok, a, err) ? id : 0;
}
