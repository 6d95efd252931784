/* store.c — analysis groups, members, meetings, attendance and actions in the database.
 * Every read goes through the case's scope, narrowed by ACCESS_GROUP_SCOPE for group
 * members and heads. */
#include "meetings.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../db/tx.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *text(arena_t *a, db_stmt_t *st, int col)
{
    const char *s = db_col_text(st, col);
    return arena_strdup(a, s ? s : "");
}

#define GROUP_COLUMNS                                                                                      \
    "g.id, g.case_id, g.unit_id, g.level, g.name, u.name,"                                                 \
    " (SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) FROM analysis_groups g"               \
    " LEFT JOIN units u ON u.id = g.unit_id"

static void read_group(db_stmt_t *st, arena_t *a, analysis_group_t *g)
{
    g->id = db_col_int(st, 0);
    g->case_id = db_col_int(st, 1);
    g->unit_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
    g->level = text(a, st, 3);
    g->name = text(a, st, 4);
    g->unit_name = text(a, st, 5);
    g->members = db_col_int(st, 6);
}

size_t meetings_groups(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, analysis_group_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " GROUP_COLUMNS " WHERE g.case_id = ? AND " ACCESS_GROUP_SCOPE
                                   " ORDER BY g.level, g.name");
    db_bind_int(st, 1, c->id);
    access_bind_group(st, 2, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_group(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

analysis_group_t *meetings_group(db_t *db, const viewer_t *v, int64_t group_id, arena_t *a, case_row_t **case_out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " GROUP_COLUMNS " WHERE g.id = ? AND " ACCESS_GROUP_SCOPE);
    db_bind_int(st, 1, group_id);
    access_bind_group(st, 2, v);
    analysis_group_t *g = NULL;
    if (db_step(st) == DB_ROW) {
        g = arena_alloc(a, sizeof *g);
        read_group(st, a, g);
    }
    db_done(st);
    case_row_t *c = g ? cases_get(db, v, g->case_id, a) : NULL; /* the case's scope decides */
    if (!c)
        return NULL;
    if (case_out)
        *case_out = c;
    return g;
}

size_t meetings_members(db_t *db, int64_t group_id, arena_t *a, group_member_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, user_id, name, email, role FROM group_members WHERE group_id = ?"
                                   " ORDER BY role DESC, name");
    db_bind_int(st, 1, group_id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        group_member_t *m = ARENA_PUSH(a, *out, n, cap);
        m->id = db_col_int(st, 0);
        m->user_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
        m->name = text(a, st, 2);
        m->email = text(a, st, 3);
        m->role = text(a, st, 4);
    }
    db_done(st);
    return n;
}

#define MEETING_FIELDS \
    "m.id, m.case_id, m.group_id, m.kind, m.starts_at, m.minutes, m.place, m.agenda, m.notes, m.held, g.name," \
    " m.version, COALESCE(su.name, m.saved_by), m.saved_at, m.purpose"
#define MEETING_FROM " FROM meetings m LEFT JOIN analysis_groups g ON g.id = m.group_id" \
                     " LEFT JOIN users su ON su.email = m.saved_by"
#define MEETING_COLUMNS MEETING_FIELDS MEETING_FROM

static void read_meeting(db_stmt_t *st, arena_t *a, meeting_t *m)
{
    m->id = db_col_int(st, 0);
    m->case_id = db_col_int(st, 1);
    m->group_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
    m->kind = text(a, st, 3);
    m->starts_at = text(a, st, 4);
    m->minutes = (int)db_col_int(st, 5);
    m->place = text(a, st, 6);
    m->agenda = text(a, st, 7);
    m->notes = text(a, st, 8);
    m->held = db_col_int(st, 9) != 0;
    m->group_name = text(a, st, 10);
    m->version = (int)db_col_int(st, 11);
    m->saved_by = text(a, st, 12);
    m->saved_at = db_col_is_null(st, 13) ? 0 : db_col_int(st, 13);
    m->purpose = text(a, st, 14);
}

size_t meetings_list(db_t *db, const case_row_t *c, int64_t group_id, arena_t *a, meeting_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " MEETING_COLUMNS " WHERE m.case_id = ? AND"
                                   " ((? > 0 AND m.group_id = ?) OR (? = 0 AND m.group_id IS NULL)) ORDER BY m.starts_at");
    db_bind_int(st, 1, c->id);
    db_bind_int(st, 2, group_id);
    db_bind_int(st, 3, group_id);
    db_bind_int(st, 4, group_id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_meeting(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

size_t meetings_of_case(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, meeting_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " MEETING_COLUMNS " WHERE m.case_id = ? AND ((m.group_id IS NULL AND ? = 1)"
                                   " OR (m.group_id IS NOT NULL AND " ACCESS_GROUP_SCOPE "))"
                                   " ORDER BY m.starts_at, m.id");
    db_bind_int(st, 1, c->id);
    db_bind_int(st, 2, access_may(v, CAP_MEETING_CASE_LEVEL) ? 1 : 0);
    access_bind_group(st, 3, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_meeting(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

size_t meetings_upcoming(db_t *db, const viewer_t *v, const char *from, const char *to, const char *kind,
                         size_t limit, arena_t *a, meeting_upcoming_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " MEETING_FIELDS ", o.name" MEETING_FROM " JOIN cases c ON c.id = m.case_id"
                                   " JOIN organisers o ON o.id = c.organiser_id WHERE " ACCESS_CASE_SCOPE
                                   " AND ((m.group_id IS NULL AND ? = 1) OR (m.group_id IS NOT NULL AND "
                                   ACCESS_GROUP_SCOPE ")) AND m.starts_at >= ? AND substr(m.starts_at, 1, 10) <= ?"
                                   " AND (? = '' OR m.kind = ?) ORDER BY m.starts_at, m.id LIMIT ?");
    int i = access_bind_case(st, 1, v);
    db_bind_int(st, i++, access_may(v, CAP_MEETING_CASE_LEVEL) ? 1 : 0);
    i = access_bind_group(st, i, v);
    db_bind_text(st, i++, from);
    db_bind_text(st, i++, to);
    db_bind_text(st, i++, kind ? kind : "");
    db_bind_text(st, i++, kind ? kind : "");
    db_bind_int(st, i, (int64_t)limit);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        meeting_upcoming_t *u = ARENA_PUSH(a, *out, n, cap);
        read_meeting(st, a, &u->m);
        u->case_id = u->m.case_id;
        u->organiser = text(a, st, 15); /* the column after MEETING_FIELDS */
    }
    db_done(st);
    return n;
}

size_t meetings_own_groups(db_t *db, const viewer_t *v, arena_t *a, meeting_own_group_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT g.id, g.name, o.name FROM analysis_groups g JOIN cases c ON c.id = g.case_id"
                                   " JOIN organisers o ON o.id = c.organiser_id WHERE " ACCESS_CASE_SCOPE " AND "
                                   ACCESS_GROUP_SCOPE " ORDER BY o.name, g.level, g.name");
    int i = access_bind_case(st, 1, v);
    access_bind_group(st, i, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        meeting_own_group_t *g = ARENA_PUSH(a, *out, n, cap);
        g->id = db_col_int(st, 0);
        g->name = text(a, st, 1);
        g->organiser = text(a, st, 2);
    }
    db_done(st);
    return n;
}

meeting_t *meetings_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a, case_row_t **case_out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " MEETING_COLUMNS " WHERE m.id = ?");
    db_bind_int(st, 1, id);
    meeting_t *m = NULL;
    if (db_step(st) == DB_ROW) {
        m = arena_alloc(a, sizeof *m);
        read_meeting(st, a, m);
    }
    db_done(st);
    if (!m)
        return NULL;
    /* A group's meeting is read through the group's scope, others through the case's. */
    case_row_t *c = NULL;
    if (m->group_id ? !meetings_group(db, v, m->group_id, a, &c) : !(c = cases_get(db, v, m->case_id, a)))
        return NULL;
    if (!m->group_id && !access_may(v, CAP_MEETING_CASE_LEVEL))
        return NULL; /* group members see their group's meetings only */
    if (case_out)
        *case_out = c;
    return m;
}

static size_t read_actions(db_stmt_t *st, arena_t *a, meeting_action_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        meeting_action_t *x = ARENA_PUSH(a, *out, n, cap);
        x->id = db_col_int(st, 0);
        x->meeting_id = db_col_int(st, 1);
        x->text = text(a, st, 2);
        x->owner = text(a, st, 3);
        x->due_date = text(a, st, 4);
        x->done = !db_col_is_null(st, 5);
        x->done_meeting_id = db_col_is_null(st, 6) ? 0 : db_col_int(st, 6);
        x->raised_at = text(a, st, 7);
    }
    db_done(st);
    return n;
}

size_t meetings_open_actions(db_t *db, const meeting_t *m, arena_t *a, meeting_action_t **out)
{
    /* Raised at an earlier meeting of the same group (or of the case, for meetings
     * without a group), and not done before this meeting. */
    db_stmt_t *st = db_prepare(db, "SELECT x.id, x.meeting_id, x.text, x.owner, x.due_date, x.done_at, x.done_meeting_id,"
                                   " r.starts_at FROM meeting_actions x JOIN meetings r ON r.id = x.meeting_id"
                                   " WHERE x.case_id = ? AND ((? > 0 AND x.group_id = ?) OR (? = 0 AND x.group_id IS NULL))"
                                   " AND r.starts_at < ? AND (x.done_meeting_id IS NULL OR x.done_meeting_id = ?)"
                                   " ORDER BY r.starts_at, x.id");
    db_bind_int(st, 1, m->case_id);
    db_bind_int(st, 2, m->group_id);
    db_bind_int(st, 3, m->group_id);
    db_bind_int(st, 4, m->group_id);
    db_bind_text(st, 5, m->starts_at);
    db_bind_int(st, 6, m->id);
    return read_actions(st, a, out);
}

size_t meetings_actions_raised(db_t *db, int64_t meeting_id, arena_t *a, meeting_action_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT x.id, x.meeting_id, x.text, x.owner, x.due_date, x.done_at, x.done_meeting_id,"
                                   " r.starts_at FROM meeting_actions x JOIN meetings r ON r.id = x.meeting_id"
                                   " WHERE x.meeting_id = ? ORDER BY x.id");
    db_bind_int(st, 1, meeting_id);
    return read_actions(st, a, out);
}

size_t meetings_attendance(db_t *db, int64_t meeting_id, arena_t *a, int64_t **present)
{
    db_stmt_t *st = db_prepare(db, "SELECT member_id FROM meeting_attendance WHERE meeting_id = ? AND present = 1"
                                   " ORDER BY member_id");
    db_bind_int(st, 1, meeting_id);
    size_t n = 0, cap = 0;
    *present = NULL;
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, *present, n, cap) = db_col_int(st, 0);
    db_done(st);
    return n;
}

static void read_participant(db_stmt_t *st, int col, arena_t *a, meeting_participant_t *p)
{
    p->id = db_col_int(st, col);
    p->user_id = db_col_int(st, col + 1);
    p->name = text(a, st, col + 2);
    p->party = text(a, st, col + 3);
    p->present = db_col_int(st, col + 4) != 0;
}

/* The parties in the order a page lists them. */
#define PARTY_ORDER " CASE party WHEN 'agency' THEN 0 WHEN 'organiser' THEN 1 WHEN 'university' THEN 2 ELSE 3 END"

size_t meetings_participants(db_t *db, int64_t meeting_id, arena_t *a, meeting_participant_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, user_id, name, party, present FROM meeting_participants"
                                   " WHERE meeting_id = ? ORDER BY" PARTY_ORDER ", name, id");
    db_bind_int(st, 1, meeting_id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_participant(st, 0, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

size_t meetings_participants_of_case(db_t *db, const case_row_t *c, arena_t *a, meeting_participant_row_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT p.meeting_id, p.id, p.user_id, p.name, p.party, p.present"
                                   " FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id"
                                   " WHERE m.case_id = ? ORDER BY p.meeting_id," PARTY_ORDER ", p.name, p.id");
    db_bind_int(st, 1, c->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        meeting_participant_row_t *r = ARENA_PUSH(a, *out, n, cap);
        r->meeting_id = db_col_int(st, 0);
        read_participant(st, 1, a, &r->p);
    }
    db_done(st);
    return n;
}

/* ---- changes ---- */

/* Asks the case's people to a case-level meeting just booked: the process supporters to a
 * quality meeting and a talk, the organiser's contacts to all but a talk, and the
 * university's users (and its team leader, when not one of them) to all. */
static bool ask_participants(db_t *db, const case_row_t *c, int64_t meeting_id, const char *kind, const char *purpose)
{
    bool talk = strcmp(purpose, "talk") == 0, quality = strcmp(kind, "quality") == 0;
    bool ok = true;
    if (quality || talk)
        ok = db_run(db, "INSERT INTO meeting_participants (meeting_id, user_id, name, party)"
                        " SELECT CAST(? AS BIGINT), user_id, name, 'agency' FROM case_people"
                        " WHERE case_id = ? AND role = 'supporter' ORDER BY id",
                    "ii", meeting_id, c->id) == DB_DONE;
    if (ok && !talk)
        ok = db_run(db, "INSERT INTO meeting_participants (meeting_id, user_id, name, party)"
                        " SELECT CAST(? AS BIGINT), user_id, name, 'organiser' FROM case_people"
                        " WHERE case_id = ? AND role = 'contact' ORDER BY id",
                    "ii", meeting_id, c->id) == DB_DONE;
    ok = ok && db_run(db, "INSERT INTO meeting_participants (meeting_id, user_id, name, party)"
                          " SELECT CAST(? AS BIGINT), id, name, 'university' FROM users"
                          " WHERE role = 'university' AND active = 1 AND (university = ? OR university IN"
                          " (SELECT u.name FROM case_universities cu JOIN universities u ON u.id = cu.university_id"
                          " WHERE cu.case_id = ?)) ORDER BY name",
                      "iti", meeting_id, c->university ? c->university : "", c->id) == DB_DONE;
    const char *leader = c->team_leader ? c->team_leader : "";
    ok = ok && db_run(db, "INSERT INTO meeting_participants (meeting_id, name, party) SELECT CAST(? AS BIGINT),"
                          " CAST(? AS TEXT), 'university' WHERE CAST(? AS TEXT) <> '' AND NOT EXISTS (SELECT 1 FROM"
                          " meeting_participants WHERE meeting_id = ? AND name = ?)",
                      "ittit", meeting_id, leader, leader, meeting_id, leader) == DB_DONE;
    return ok;
}

static bool writer(const viewer_t *v)
{
    return access_may(v, CAP_MEETING_WRITE);
}

int64_t meetings_create_group(db_t *db, const viewer_t *v, const case_row_t *c, const char *level, int64_t unit_id,
                              arena_t *a, char **err)
{
    int64_t case_id = c->id;
    if (!writer(v)) {
        *err = arena_strdup(a, "Du får inte lägga till grupper i ärendet.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    bool unit = strcmp(level, "unit") == 0;
    const char *name = "Analysgrupp på förvaltningsnivå";
    if (unit) {
        db_stmt_t *st = db_prepare(db, "SELECT u.name FROM case_units cu JOIN units u ON u.id = cu.unit_id"
                                       " WHERE cu.case_id = ? AND cu.unit_id = ?");
        db_bind_int(st, 1, case_id);
        db_bind_int(st, 2, unit_id);
        name = db_step(st) == DB_ROW ? arena_printf(a, "Analysgrupp %s", db_col_text(st, 0)) : NULL;
        db_done(st);
        if (!name) {
            tx_fail(db, a, err, "Välj en av ärendets valda enheter.");
            return 0;
        }
        if (access_may(v, CAP_GROUP_OWN_UNIT_ONLY) && v->unit_id != unit_id) {
            tx_fail(db, a, err, "En rektor utser analysgruppen för sin egen enhet.");
            return 0;
        }
    } else if (!access_may(v, CAP_GROUP_ADMINISTRATION)) {
        tx_fail(db, a, err, "Analysgruppen på förvaltningsnivå utses av förvaltningen.");
        return 0;
    }
    if (db_run_int(db, 0, "SELECT COUNT(*) FROM analysis_groups WHERE case_id = ? AND level = ? AND"
                          " (? = 0 OR unit_id = ?)", "itii", case_id, level, unit ? unit_id : (int64_t)0,
                   unit ? unit_id : (int64_t)0)) {
        tx_fail(db, a, err, "Gruppen finns redan.");
        return 0;
    }
    int64_t id = db_run_int(db, 0, "INSERT INTO analysis_groups (case_id, level, unit_id, name, created_by, created_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                            "itztti", case_id, level, unit ? unit_id : (int64_t)0, name, v->email, (int64_t)time(NULL));
    /* The case's process supporters join every group. */
    bool ok = id && db_run(db, "INSERT INTO group_members (group_id, user_id, name, email, role, appointed_by)"
                               " SELECT CAST(? AS BIGINT), user_id, name, email, 'supporter', CAST(? AS TEXT)"
                               " FROM case_people WHERE case_id = ? AND role = 'supporter'",
                           "iti", id, v->email, case_id) == DB_DONE &&
              cases_event(db, case_id, "group", NULL, NULL, arena_printf(a, "%s bildad.", name), v) &&
              tx_audit(db, v, "group:create", "analysis_group", id, json_pack("{s:s, s:s}", "level", level, "name", name));
    return tx_finish(db, ok, a, err) ? id : 0;
}

bool meetings_add_member(db_t *db, const viewer_t *v, const analysis_group_t *g, int64_t user_id, const char *name,
                         const char *email, arena_t *a, char **err)
{
    int64_t group_id = g->id;
    if (!writer(v)) {
        *err = arena_strdup(a, "Du får inte utse medlemmar i gruppen.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    if (access_may(v, CAP_GROUP_OWN_UNIT_ONLY) && (strcmp(g->level, "unit") != 0 || g->unit_id != v->unit_id))
        return tx_fail(db, a, err, "En rektor utser medlemmarna i sin egen enhets analysgrupp.");
    if (user_id) {
        db_stmt_t *st = db_prepare(db, "SELECT name, email FROM users WHERE id = ? AND active = 1");
        db_bind_int(st, 1, user_id);
        bool found = db_step(st) == DB_ROW;
        if (found) {
            name = arena_strdup(a, db_col_text(st, 0));
            email = arena_strdup(a, db_col_text(st, 1));
        }
        db_done(st);
        if (!found)
            return tx_fail(db, a, err, "Användaren finns inte.");
    }
    /* A member with an account at the organiser is linked to it, so they can log in and
     * see the group's meetings. */
    if (!user_id && email && *email)
        user_id = db_run_int(db, 0, "SELECT s.id FROM users s JOIN cases c ON c.organiser_id = s.organiser_id"
                                    " WHERE s.email = ? AND c.id = ? AND s.active = 1",
                             "ti", email, g->case_id);
    bool ok = db_run(db, "INSERT INTO group_members (group_id, user_id, name, email, appointed_by) VALUES (?, ?, ?, ?, ?)",
                     "izttt", group_id, user_id, name, email ? email : "", v->email) == DB_DONE &&
              tx_audit(db, v, "group:member", "analysis_group", group_id, json_pack("{s:s}", "name", name));
    return tx_finish(db, ok, a, err);
}

int meetings_plan_series(db_t *db, const viewer_t *v, const case_row_t *c, int64_t group_id, const char *kind,
                         const char *purpose, const char *first, const char *time_of_day, int count, int interval, int minutes,
                         const char *place, arena_t *a, char **err)
{
    char (*dates)[11] = arena_alloc(a, (size_t)(count > 0 ? count : 1) * sizeof *dates);
    if (!meeting_series(first, count, interval, dates)) {
        *err = arena_strdup(a, "Ange första datum (ÅÅÅÅ-MM-DD), 1–60 möten och 1–365 dagar mellan dem.");
        return 0;
    }
    int64_t case_id = c->id;
    /* The university plans its own visits (an inception meeting, a talk) and nothing else. */
    bool university = access_may(v, CAP_MEETING_VISITS_ONLY);
    bool allowed = university ? access_may(v, CAP_MEETING_RECORD) && !group_id && strcmp(kind, "visit") == 0
                              : writer(v) && (group_id || access_may(v, CAP_MEETING_CASE_LEVEL));
    if (!allowed) {
        *err = arena_strdup(a, university ? "Lärosätet planerar sina besök, uppstartsmöten och samtal, inte andra möten."
                                          : "Du får inte planera möten i ärendet.");
        return 0;
    }
    if (!purpose || strcmp(kind, "visit") != 0)
        purpose = ""; /* only a visit has a purpose */
    if (!tx_begin(db, a, err))
        return 0;
    if (group_id && !db_run_int(db, 0, "SELECT COUNT(*) FROM analysis_groups WHERE id = ? AND case_id = ?", "ii",
                                group_id, case_id)) {
        tx_fail(db, a, err, "Gruppen hör inte till ärendet.");
        return 0;
    }
    bool ok = true;
    for (int i = 0; ok && i < count; i++) {
        int64_t id = db_run_int(db, 0, "INSERT INTO meetings (case_id, group_id, kind, purpose, starts_at, minutes,"
                                       " place, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                "iztttitti", case_id, group_id, kind, purpose,
                                arena_printf(a, "%s %s", dates[i], time_of_day), (int64_t)minutes, place ? place : "",
                                v->email, (int64_t)time(NULL));
        ok = id && (group_id || ask_participants(db, c, id, kind, purpose));
    }
    ok = ok && cases_event(db, case_id, "meetings", NULL, NULL,
                           arena_printf(a, "%d möten planerade (%s), från %s var %d:e dag.", count,
                                        meeting_label(kind, purpose), dates[0], interval), v);
    return tx_finish(db, ok, a, err) ? count : 0;
}

/* Whether an id is among those sent. */
static bool sent(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t k = 0; k < n; k++)
        if (ids[k] == id)
            return true;
    return false;
}

static bool is_party(const char *s)
{
    for (int i = 0; meeting_party_keys[i]; i++)
        if (strcmp(s, meeting_party_keys[i]) == 0)
            return true;
    return false;
}

write_result_t meetings_record(db_t *db, const viewer_t *v, const meeting_t *m, int based_on, const int64_t *present,
                               size_t npresent, const char *notes, const int64_t *done, size_t ndone,
                               const meeting_guest_t *guest, arena_t *a, char **err)
{
    bool has_guest = guest && guest->name && *guest->name;
    if (has_guest && (m->group_id || !guest->party || !is_party(guest->party))) {
        *err = arena_strdup(a, m->group_id ? "Analysgruppens möte har gruppens medlemmar som deltagare."
                                           : "Välj vilken part deltagaren kommer från.");
        return WRITE_REFUSED;
    }
    int64_t id = m->id;
    /* The university records its visits; the writers every meeting they see. */
    bool university = access_may(v, CAP_MEETING_VISITS_ONLY);
    if (university ? m->group_id || strcmp(m->kind, "visit") != 0 : !writer(v)) {
        *err = arena_strdup(a, "Du får inte föra anteckningar för mötet.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    /* On top of the version the form was based on, or not at all. */
    if (!db_run_int(db, 0, "UPDATE meetings SET notes = ?, held = 1, version = version + 1, saved_by = ?, saved_at = ?"
                           " WHERE id = ? AND version = ? RETURNING id",
                    "ttiii", notes ? notes : "", v->email, (int64_t)time(NULL), id, (int64_t)based_on)) {
        bool failed = db_failure(db) != DB_FAIL_NONE;
        if (failed)
            tx_finish(db, false, a, err);
        else
            tx_fail(db, a, err, "Någon annan har sparat mötet medan du skrev; inget skrevs över.");
        return failed ? WRITE_REFUSED : WRITE_STALE;
    }
    bool ok = db_run(db, "DELETE FROM meeting_attendance WHERE meeting_id = ?", "i", id) == DB_DONE;
    if (ok && m->group_id) {
        group_member_t *members;
        size_t n = meetings_members(db, m->group_id, a, &members);
        for (size_t i = 0; ok && i < n; i++)
            ok = db_run(db, "INSERT INTO meeting_attendance (meeting_id, member_id, present) VALUES (?, ?, ?)", "iii",
                        id, members[i].id, (int64_t)sent(present, npresent, members[i].id)) == DB_DONE;
    } else if (ok) {
        meeting_participant_t *p;
        size_t n = meetings_participants(db, id, a, &p);
        for (size_t i = 0; ok && i < n; i++)
            if (p[i].present != sent(present, npresent, p[i].id))
                ok = db_run(db, "UPDATE meeting_participants SET present = ? WHERE id = ? AND meeting_id = ?", "iii",
                            (int64_t)!p[i].present, p[i].id, id) == DB_DONE;
        if (ok && has_guest)
            ok = db_run(db, "INSERT INTO meeting_participants (meeting_id, name, party, present) VALUES (?, ?, ?, 1)",
                        "itt", id, guest->name, guest->party) == DB_DONE;
    }
    /* Actions marked done here: only open ones the meeting carries. */
    for (size_t k = 0; ok && k < ndone; k++)
        ok = db_run(db, "UPDATE meeting_actions SET done_at = ?, done_meeting_id = ? WHERE id = ? AND case_id = ?"
                        " AND done_at IS NULL",
                    "iiii", (int64_t)time(NULL), id, done[k], m->case_id) == DB_DONE;
    ok = ok && tx_audit(db, v, "meeting:record", "meeting", id,
                        json_pack("{s:I, s:I, s:i}", "present", (json_int_t)npresent, "done", (json_int_t)ndone,
                                  "version", based_on + 1));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

bool meetings_add_action(db_t *db, const viewer_t *v, const meeting_t *m, const char *text_, const char *owner,
                         const char *due, arena_t *a, char **err)
{
    int64_t meeting_id = m->id;
    if (!writer(v)) {
        *err = arena_strdup(a, "Du får inte lägga till åtgärder.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run(db, "INSERT INTO meeting_actions (case_id, group_id, meeting_id, text, owner, due_date)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                     "izittt", m->case_id, m->group_id, meeting_id, text_, owner, due && *due ? due : NULL) == DB_DONE &&
              tx_audit(db, v, "meeting:action", "meeting", meeting_id, json_pack("{s:s, s:s}", "text", text_, "owner", owner));
    return tx_finish(db, ok, a, err);
}

size_t meetings_actions_of_case(db_t *db, const case_row_t *c, arena_t *a, meeting_action_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT x.id, x.meeting_id, x.text, x.owner, x.due_date, x.done_at, x.done_meeting_id,"
                                   " r.starts_at FROM meeting_actions x JOIN meetings r ON r.id = x.meeting_id"
                                   " WHERE x.case_id = ? ORDER BY x.meeting_id, x.id");
    db_bind_int(st, 1, c->id);
    return read_actions(st, a, out);
}

size_t meetings_open_actions_due_in_reach(db_t *db, const viewer_t *v, arena_t *a, meeting_action_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT x.id, x.meeting_id, x.text, x.owner, x.due_date, x.case_id"
                                   " FROM meeting_actions x JOIN cases c ON c.id = x.case_id WHERE x.done_at IS NULL"
                                   " AND x.due_date IS NOT NULL AND " ACCESS_CASE_SCOPE " ORDER BY x.case_id, x.id");
    access_bind_case(st, 1, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        meeting_action_t *x = ARENA_PUSH(a, *out, n, cap);
        memset(x, 0, sizeof *x);
        x->id = db_col_int(st, 0);
        x->meeting_id = db_col_int(st, 1);
        x->text = text(a, st, 2);
        x->owner = text(a, st, 3);
        x->due_date = text(a, st, 4);
        x->case_id = db_col_int(st, 5);
        x->raised_at = "";
    }
    db_done(st);
    return n;
}

size_t meetings_open_actions_due(db_t *db, const case_row_t *c, arena_t *a, meeting_action_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT x.id, x.meeting_id, x.text, x.owner, x.due_date, x.done_at, x.done_meeting_id,"
                                   " r.starts_at FROM meeting_actions x JOIN meetings r ON r.id = x.meeting_id"
                                   " WHERE x.case_id = ? AND x.done_at IS NULL AND x.due_date IS NOT NULL ORDER BY x.id");
    db_bind_int(st, 1, c->id);
    return read_actions(st, a, out);
}
