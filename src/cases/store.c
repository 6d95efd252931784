/* store.c — reading cases. ACCESS_CASE_SCOPE is the one access rule for every read; what
 * belongs to a case is read for a case already read through it. */
#include "cases.h"
#include "../access/access.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "../base/vec.h"
#include <stdlib.h>
#include <string.h>

PLUGIN_SET(case_parts);

#define CASE_COLUMNS                                                                                         \
    "c.id, c.organiser_id, c.round_id, o.orgnr, o.name, c.round_name, c.decision_date, c.start_date,"         \
    " c.planned_end, c.university, c.team_leader, c.education_leaders, k.name, c.phase,"                      \
    " (SELECT COUNT(*) FROM case_units cu WHERE cu.case_id = c.id), c.updated_at, c.team_version,"            \
    " COALESCE(tu.name, c.team_saved_by), c.team_saved_at, c.support_decision_date, c.support_registry_number,"  \
    " c.organiser_level_only"
#define CASE_FROM                                                                                            \
    " FROM cases c JOIN organisers o ON o.id = c.organiser_id"                                                \
    " LEFT JOIN municipalities m ON m.code = o.municipality_code LEFT JOIN counties k ON k.code = m.county_code" \
    " LEFT JOIN users tu ON tu.email = c.team_saved_by"

static const char *text(arena_t *a, db_stmt_t *st, int col)
{
    const char *s = db_col_text(st, col);
    return arena_strdup(a, s ? s : "");
}

static void read_case(db_stmt_t *st, arena_t *a, case_row_t *c)
{
    c->id = db_col_int(st, 0);
    c->organiser_id = db_col_int(st, 1);
    c->round_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
    c->orgnr = text(a, st, 3);
    c->organiser = text(a, st, 4);
    c->round_name = text(a, st, 5);
    c->decision_date = text(a, st, 6);
    c->start_date = text(a, st, 7);
    c->planned_end = text(a, st, 8);
    if (!*c->planned_end) {
        char end[11];
        c->planned_end = case_planned_end(c->start_date, end) ? arena_strdup(a, end) : "";
    }
    c->university = text(a, st, 9);
    c->team_leader = text(a, st, 10);
    c->education_leaders = text(a, st, 11);
    c->county = text(a, st, 12);
    c->phase = case_phase_from_key(db_col_text(st, 13));
    c->units = db_col_int(st, 14);
    c->updated_at = db_col_is_null(st, 15) ? 0 : db_col_int(st, 15);
    c->team_version = (int)db_col_int(st, 16);
    c->team_saved_by = text(a, st, 17);
    c->team_saved_at = db_col_is_null(st, 18) ? 0 : db_col_int(st, 18);
    c->support_date = text(a, st, 19);
    c->support_number = text(a, st, 20);
    c->organiser_level_only = db_col_int0(st, 21) != 0;
    c->supporters = "";
}

static int by_id(const void *x, const void *y)
{
    int64_t a = (*(const case_row_t *const *)x)->id, b = (*(const case_row_t *const *)y)->id;
    return (a > b) - (a < b);
}

/* Fills in each listed case's supporters' names: one query over the viewer's cases,
 * matched to the rows by binary search. */
static void fill_supporters(db_t *db, const viewer_t *v, arena_t *a, case_row_t *rows, size_t n)
{
    if (!n)
        return;
    case_row_t **index = arena_alloc(a, n * sizeof *index);
    buf_t *names = calloc(n, sizeof *names);
    for (size_t i = 0; i < n; i++)
        index[i] = &rows[i];
    qsort(index, n, sizeof *index, by_id);
    db_stmt_t *st;
    if (n == 1) {
        st = db_prepare(db, "SELECT case_id, name FROM case_people WHERE case_id = ? AND role = 'supporter'"
                            " ORDER BY name");
        db_bind_int(st, 1, rows[0].id);
    } else {
        st = db_prepare(db, "SELECT s.case_id, s.name FROM case_people s JOIN cases c ON c.id = s.case_id"
                            " WHERE s.role = 'supporter' AND " ACCESS_CASE_SCOPE " ORDER BY s.case_id, s.name");
        access_bind_case(st, 1, v);
    }
    while (db_step(st) == DB_ROW) {
        case_row_t key = {.id = db_col_int(st, 0)}, *kp = &key;
        case_row_t **hit = bsearch(&kp, index, n, sizeof *index, by_id);
        if (!hit)
            continue;
        size_t i = (size_t)(*hit - rows);
        buf_printf(&names[i], "%s%s", names[i].len ? ", " : "", db_col_text(st, 1));
    }
    db_done(st);
    for (size_t i = 0; i < n; i++) {
        rows[i].supporters = arena_strdup(a, buf_cstr(&names[i]));
        buf_free(&names[i]);
    }
    free(names);
}

static bool filtered(const case_filter_t *f)
{
    const char *texts[] = {f->phase, f->round, f->county, f->q};
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
        if (texts[k] && *texts[k])
            return true;
    return f->supporter != 0;
}

#define CASE_LIST_ORDER " ORDER BY c.decision_date DESC, o.name"

size_t cases_list(db_t *db, const viewer_t *v, const case_filter_t *f, arena_t *a, case_row_t **out)
{
    db_stmt_t *st;
    if (!filtered(f)) {
        /* The list as most pages want it, in a statement of its own: PostgreSQL keeps one
         * plan per statement, and the plan for "any filter, maybe none" guesses that the
         * name filter leaves one organiser in a hundred, and walks them one by one. */
        st = db_prepare(db, "SELECT " CASE_COLUMNS CASE_FROM " WHERE " ACCESS_CASE_SCOPE CASE_LIST_ORDER);
        access_bind_case(st, 1, v);
    } else {
        buf_t q = BUF_INIT;
        text_fold(&q, f->q ? f->q : "");
        const char *like = arena_printf(a, "%%%s%%", buf_cstr(&q));
        st = db_prepare(db, "SELECT " CASE_COLUMNS CASE_FROM " WHERE " ACCESS_CASE_SCOPE
                            " AND (? = '' OR c.phase = ?) AND (? = '' OR c.round_name = ?)"
                            " AND (? = '' OR m.county_code = ?) AND (? = '' OR o.name_search LIKE ?)"
                            " AND (? = 0 OR EXISTS (SELECT 1 FROM case_people s WHERE s.case_id = c.id"
                            " AND s.role = 'supporter' AND s.user_id = ?))" CASE_LIST_ORDER);
        int i = access_bind_case(st, 1, v);
        const char *pairs[] = {f->phase, f->round, f->county};
        for (size_t k = 0; k < 3; k++) {
            db_bind_text(st, i++, pairs[k] ? pairs[k] : "");
            db_bind_text(st, i++, pairs[k] ? pairs[k] : "");
        }
        db_bind_text(st, i++, buf_cstr(&q));
        db_bind_text(st, i++, like);
        db_bind_int(st, i++, f->supporter);
        db_bind_int(st, i, f->supporter);
        buf_free(&q);
    }
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_case(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    fill_supporters(db, v, a, *out, n);
    return n;
}

size_t cases_of_viewer(request_t *req, const case_row_t **out)
{
    static const char key = 0;
    size_t n = 0;
    *out = req_memo_get(req, &key, 0, &n);
    if (*out)
        return n;
    case_filter_t f = {0};
    case_row_t *rows;
    n = cases_list(req->db, &req->viewer, &f, &req->arena, &rows);
    req_memo_keep(req, &key, 0, rows, n);
    *out = rows;
    return n;
}

void cases_count_by_phase(db_t *db, const viewer_t *v, long long *counts)
{
    memset(counts, 0, PHASE_COUNT * sizeof *counts);
    db_stmt_t *st = db_prepare(db, "SELECT c.phase, COUNT(*) FROM cases c WHERE " ACCESS_CASE_SCOPE " GROUP BY c.phase");
    access_bind_case(st, 1, v);
    while (db_step(st) == DB_ROW) {
        case_phase_t p = case_phase_from_key(db_col_text(st, 0));
        if (p < PHASE_COUNT)
            counts[p] += db_col_int(st, 1);
    }
    db_done(st);
}

case_row_t *cases_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " CASE_COLUMNS CASE_FROM " WHERE " ACCESS_CASE_SCOPE " AND c.id = ?");
    int i = access_bind_case(st, 1, v);
    db_bind_int(st, i, id);
    case_row_t *c = NULL;
    if (db_step(st) == DB_ROW) {
        c = arena_alloc(a, sizeof *c);
        read_case(st, a, c);
    }
    db_done(st);
    if (c)
        fill_supporters(db, v, a, c, 1);
    return c;
}

static size_t read_choices(db_stmt_t *st, arena_t *a, case_choice_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        case_choice_t *c = ARENA_PUSH(a, *out, n, cap);
        c->value = text(a, st, 0);
        c->label = text(a, st, 1);
    }
    db_done(st);
    return n;
}

size_t cases_round_choices(db_t *db, const viewer_t *v, arena_t *a, case_choice_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT DISTINCT c.round_name, c.round_name FROM cases c WHERE " ACCESS_CASE_SCOPE
                                   " ORDER BY c.round_name DESC");
    access_bind_case(st, 1, v);
    return read_choices(st, a, out);
}

size_t cases_supporter_choices(db_t *db, const viewer_t *v, arena_t *a, case_choice_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT DISTINCT CAST(s.user_id AS TEXT), s.name FROM case_people s"
                                   " JOIN cases c ON c.id = s.case_id WHERE s.role = 'supporter' AND "
                                   ACCESS_CASE_SCOPE " ORDER BY s.name");
    access_bind_case(st, 1, v);
    return read_choices(st, a, out);
}

size_t cases_assignable_supporters(db_t *db, arena_t *a, case_choice_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT CAST(id AS TEXT), name FROM users WHERE role = 'supporter' AND active = 1"
                                   " ORDER BY name");
    return read_choices(st, a, out);
}

size_t cases_units(db_t *db, const case_row_t *c, arena_t *a, case_unit_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT u.id, u.code, u.name, u.school_forms, cu.decision, cu.decision_date"
                                   " FROM case_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.case_id = ?"
                                   " ORDER BY u.name, u.code");
    db_bind_int(st, 1, c->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        case_unit_t *u = ARENA_PUSH(a, *out, n, cap);
        u->unit_id = db_col_int(st, 0);
        u->code = text(a, st, 1);
        u->name = text(a, st, 2);
        u->school_forms = text(a, st, 3);
        u->decision = text(a, st, 4);
        u->decision_date = text(a, st, 5);
    }
    db_done(st);
    return n;
}

size_t cases_units_of(request_t *req, const case_row_t *c, const case_unit_t **out)
{
    static const char key = 0;
    size_t n = 0;
    *out = req_memo_get(req, &key, c->id, &n);
    if (*out)
        return n;
    case_unit_t *u;
    n = cases_units(req->db, c, &req->arena, &u);
    req_memo_keep(req, &key, c->id, u, n);
    *out = u;
    return n;
}

#define PERSON_COLUMNS "id, user_id, role, name, email, version, saved_by, saved_at"

static void read_person(db_stmt_t *st, arena_t *a, case_person_t *p)
{
    p->id = db_col_int(st, 0);
    p->user_id = db_col_is_null(st, 1) ? 0 : db_col_int(st, 1);
    p->role = text(a, st, 2);
    p->name = text(a, st, 3);
    p->email = text(a, st, 4);
    p->version = (int)db_col_int(st, 5);
    p->saved_by = text(a, st, 6);
    p->saved_at = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
}

size_t cases_people(db_t *db, const case_row_t *c, arena_t *a, case_person_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " PERSON_COLUMNS " FROM case_people WHERE case_id = ? ORDER BY role DESC, name");
    db_bind_int(st, 1, c->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_person(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

case_person_t *cases_contact(db_t *db, const case_row_t *c, int64_t person_id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " PERSON_COLUMNS " FROM case_people"
                                   " WHERE id = ? AND case_id = ? AND role = 'contact'");
    db_bind_int(st, 1, person_id);
    db_bind_int(st, 2, c->id);
    case_person_t *p = NULL;
    if (db_step(st) == DB_ROW) {
        p = arena_alloc(a, sizeof *p);
        read_person(st, a, p);
    }
    db_done(st);
    return p;
}

size_t cases_events(db_t *db, const case_row_t *c, arena_t *a, case_event_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT kind, from_phase, to_phase, note, actor, at FROM case_events"
                                   " WHERE case_id = ? ORDER BY at, id");
    db_bind_int(st, 1, c->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        case_event_t *e = ARENA_PUSH(a, *out, n, cap);
        e->kind = text(a, st, 0);
        e->from_phase = text(a, st, 1);
        e->to_phase = text(a, st, 2);
        e->note = text(a, st, 3);
        e->actor = text(a, st, 4);
        e->at = db_col_int(st, 5);
    }
    db_done(st);
    return n;
}

size_t cases_recent_changes(db_t *db, const viewer_t *v, size_t limit, arena_t *a, case_change_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT e.case_id, e.kind, e.to_phase, e.note, e.actor, e.at, o.name"
                                   " FROM case_events e JOIN cases c ON c.id = e.case_id"
                                   " JOIN organisers o ON o.id = c.organiser_id WHERE " ACCESS_CASE_SCOPE
                                   " ORDER BY e.at DESC, e.id DESC LIMIT ?");
    int i = access_bind_case(st, 1, v);
    db_bind_int(st, i, (int64_t)limit);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        case_change_t *e = ARENA_PUSH(a, *out, n, cap);
        e->case_id = db_col_int(st, 0);
        e->kind = text(a, st, 1);
        e->to_phase = text(a, st, 2);
        e->note = text(a, st, 3);
        e->actor = text(a, st, 4);
        e->at = db_col_int(st, 5);
        e->organiser = text(a, st, 6);
    }
    db_done(st);
    return n;
}

void cases_facts(db_t *db, const case_row_t *c, case_facts_t *f)
{
    memset(f, 0, sizeof *f);
    db_stmt_t *st = db_prepare(db, "SELECT (SELECT COUNT(*) FROM case_units WHERE case_id = ?),"
                                   " (SELECT COUNT(*) FROM case_people WHERE case_id = ? AND role = 'supporter')");
    db_bind_int(st, 1, c->id);
    db_bind_int(st, 2, c->id);
    if (db_step(st) == DB_ROW) {
        f->units = (int)db_col_int(st, 0);
        f->supporters = (int)db_col_int(st, 1);
    }
    db_done(st);
    f->support_decided = *c->support_date != '\0';
    f->organiser_level_only = c->organiser_level_only;
    for (size_t idx = 0; idx < PLUGIN_COUNT(case_parts); idx++) {
        const case_part_t *part = PLUGIN_AT(case_parts, idx);
        if (part->facts)
            part->facts(db, c, f);
    }
}

size_t cases_keep_overdue(db_t *db, const viewer_t *v, case_row_t *cases, size_t n, const char *today)
{
    bool *late = calloc(n ? n : 1, sizeof *late);
    for (size_t idx = 0; idx < PLUGIN_COUNT(case_parts); idx++) {
        const case_part_t *part = PLUGIN_AT(case_parts, idx);
        if (part->overdue)
            part->overdue(db, v, cases, n, today, late);
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (late[i])
            cases[kept++] = cases[i];
    free(late);
    return kept;
}
