/* store.c — the register of universities and the further universities of a case. */
#include "parts.h"
#include "../base/vec.h"
#include <string.h>
#include <time.h>

#define UNIVERSITY_COLUMNS                                                                                   \
    "un.id, un.name, un.team_leader, un.education_leaders, un.version,"                                       \
    " (SELECT COUNT(*) FROM cases c WHERE c.university = un.name) +"                                          \
    " (SELECT COUNT(*) FROM case_universities cu WHERE cu.university_id = un.id),"                            \
    " (SELECT COUNT(*) FROM users us WHERE us.university = un.name AND us.active = 1) FROM universities un"

static size_t read_all(db_stmt_t *st, arena_t *a, university_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        university_t *u = ARENA_PUSH(a, *out, n, cap);
        u->id = db_col_int(st, 0);
        u->name = db_col_str(st, 1, a);
        u->team_leader = db_col_str(st, 2, a);
        u->education_leaders = db_col_str(st, 3, a);
        u->version = (int)db_col_int(st, 4);
        u->cases = db_col_int(st, 5);
        u->users = db_col_int(st, 6);
    }
    db_done(st);
    return n;
}

size_t universities_list(db_t *db, arena_t *a, university_t **out)
{
    return read_all(db_prepare(db, "SELECT " UNIVERSITY_COLUMNS " ORDER BY un.name"), a, out);
}

size_t universities_choices(db_t *db, arena_t *a, university_t **out)
{
    return read_all(db_prepare(db, "SELECT un.id, un.name, un.team_leader, un.education_leaders, un.version, 0, 0"
                                   " FROM universities un ORDER BY un.name"),
                    a, out);
}

university_t *universities_get(db_t *db, int64_t id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " UNIVERSITY_COLUMNS " WHERE un.id = ?");
    db_bind_int(st, 1, id);
    university_t *u;
    return read_all(st, a, &u) ? u : NULL;
}

int64_t universities_id(db_t *db, const char *name)
{
    return name && *name ? db_run_int(db, 0, "SELECT id FROM universities WHERE name = ?", "t", name) : 0;
}

size_t universities_of_case(db_t *db, const case_row_t *c, arena_t *a, university_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " UNIVERSITY_COLUMNS " JOIN case_universities ku ON ku.university_id = un.id"
                                   " WHERE ku.case_id = ? ORDER BY un.name");
    db_bind_int(st, 1, c->id);
    return read_all(st, a, out);
}

static bool may_manage(const viewer_t *v, arena_t *a, char **err)
{
    if (access_may(v, CAP_UNIVERSITY_MANAGE))
        return true;
    *err = arena_strdup(a, "Registret över lärosäten hålls av Skolverkets handläggare.");
    return false;
}

int64_t universities_add(db_t *db, const viewer_t *v, const char *name, const char *leader, const char *leaders,
                         arena_t *a, char **err)
{
    if (!may_manage(v, a, err) || !tx_begin(db, a, err))
        return 0;
    if (db_run_int(db, 0, "SELECT 1 FROM universities WHERE lower(name) = lower(?)", "t", name)) {
        tx_fail(db, a, err, arena_printf(a, "%s finns redan i registret.", name));
        return 0;
    }
    int64_t id = db_run_int(db, 0, "INSERT INTO universities (name, team_leader, education_leaders, created_at)"
                                   " VALUES (?, ?, ?, ?) RETURNING id",
                            "ttti", name, leader ? leader : "", leaders ? leaders : "", (int64_t)time(NULL));
    bool ok = id > 0 && tx_audit(db, v, "university:add", "university", id, json_pack("{s:s}", "name", name));
    return tx_finish(db, ok, a, err) ? id : 0;
}

write_result_t universities_edit(db_t *db, const viewer_t *v, const university_t *u, int based_on, const char *name,
                                 const char *leader, const char *leaders, arena_t *a, char **err)
{
    if (!may_manage(v, a, err) || !tx_begin(db, a, err))
        return WRITE_REFUSED;
    if (strcmp(name, u->name) != 0 &&
        db_run_int(db, 0, "SELECT 1 FROM universities WHERE lower(name) = lower(?) AND id <> ?", "ti", name, u->id)) {
        tx_fail(db, a, err, arena_printf(a, "%s finns redan i registret.", name));
        return WRITE_REFUSED;
    }
    if (db_run_int(db, 0, "UPDATE universities SET name = ?, team_leader = ?, education_leaders = ?,"
                          " version = version + 1 WHERE id = ? AND version = ? RETURNING id",
                   "tttii", name, leader ? leader : "", leaders ? leaders : "", u->id, (int64_t)based_on) != u->id) {
        bool failed = db_failure(db) != DB_FAIL_NONE;
        if (failed)
            tx_finish(db, false, a, err);
        else
            tx_fail(db, a, err, "Någon annan har ändrat lärosätet medan du skrev; inget skrevs över.");
        return failed ? WRITE_REFUSED : WRITE_STALE;
    }
    /* The name is carried by the cases and users that work with the university. */
    bool ok = strcmp(name, u->name) == 0 ||
              (db_run(db, "UPDATE cases SET university = ? WHERE university = ?", "tt", name, u->name) == DB_DONE &&
               db_run(db, "UPDATE users SET university = ? WHERE university = ?", "tt", name, u->name) == DB_DONE);
    ok = ok && tx_audit(db, v, "university:edit", "university", u->id,
                        json_pack("{s:s, s:s, s:s}", "name", name, "team_leader", leader ? leader : "",
                                  "education_leaders", leaders ? leaders : ""));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

bool universities_add_to_case(db_t *db, const viewer_t *v, const case_row_t *c, int64_t university_id, arena_t *a,
                              char **err)
{
    if (!access_may(v, CAP_CASE_UNIVERSITY)) {
        *err = arena_strdup(a, "Lärosätena anges av Skolverket.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    const char *name = NULL;
    db_stmt_t *st = db_prepare(db, "SELECT name FROM universities WHERE id = ?");
    db_bind_int(st, 1, university_id);
    if (db_step(st) == DB_ROW)
        name = db_col_str(st, 0, a);
    db_done(st);
    if (!name)
        return tx_fail(db, a, err, "Lärosätet finns inte i registret.");
    if (strcmp(name, c->university) == 0 ||
        db_run_int(db, 0, "SELECT 1 FROM case_universities WHERE case_id = ? AND university_id = ?", "ii", c->id,
                   university_id))
        return tx_fail(db, a, err, arena_printf(a, "%s arbetar redan i ärendet.", name));
    bool ok = db_run(db, "INSERT INTO case_universities (case_id, university_id) VALUES (?, ?)", "ii", c->id,
                     university_id) == DB_DONE &&
              cases_event(db, c->id, "university", NULL, NULL, arena_printf(a, "Ytterligare lärosäte: %s.", name), v) &&
              tx_audit(db, v, "university:case_add", "case", c->id, json_pack("{s:s}", "university", name));
    return tx_finish(db, ok, a, err);
}

bool universities_remove_from_case(db_t *db, const viewer_t *v, const case_row_t *c, int64_t university_id,
                                   arena_t *a, char **err)
{
    if (!access_may(v, CAP_CASE_UNIVERSITY)) {
        *err = arena_strdup(a, "Lärosätena anges av Skolverket.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT 1 FROM case_universities WHERE case_id = ? AND university_id = ?", "ii", c->id,
                    university_id))
        return tx_fail(db, a, err, "Lärosätet arbetar inte i ärendet.");
    bool ok = db_run(db, "DELETE FROM case_universities WHERE case_id = ? AND university_id = ?", "ii", c->id,
                     university_id) == DB_DONE &&
              tx_audit(db, v, "university:case_remove", "case", c->id,
                       json_pack("{s:I}", "university", (json_int_t)university_id));
    return tx_finish(db, ok, a, err);
}

size_t universities_cases(db_t *db, const viewer_t *v, const university_t *u, arena_t *a, university_case_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT c.id, o.name, c.round_name, c.phase, c.university <> ? FROM cases c"
                                   " JOIN organisers o ON o.id = c.organiser_id WHERE (c.university = ? OR EXISTS"
                                   " (SELECT 1 FROM case_universities ku WHERE ku.case_id = c.id AND ku.university_id = ?))"
                                   " AND " ACCESS_CASE_SCOPE " ORDER BY o.name, c.round_name");
    db_bind_text(st, 1, u->name);
    db_bind_text(st, 2, u->name);
    db_bind_int(st, 3, u->id);
    access_bind_case(st, 4, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        university_case_t *x = ARENA_PUSH(a, *out, n, cap);
        x->id = db_col_int(st, 0);
        x->organiser = db_col_str(st, 1, a);
        x->round_name = db_col_str(st, 2, a);
        x->phase = case_phase_from_key(db_col_text(st, 3));
        x->further = db_col_int(st, 4) != 0;
    }
    db_done(st);
    return n;
}

size_t universities_users(db_t *db, const university_t *u, arena_t *a, university_user_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT name, email FROM users WHERE university = ? AND active = 1 ORDER BY name");
    db_bind_text(st, 1, u->name);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        university_user_t *x = ARENA_PUSH(a, *out, n, cap);
        x->name = db_col_str(st, 0, a);
        x->email = db_col_str(st, 1, a);
    }
    db_done(st);
    return n;
}
