/* store.c — cases in the database. CASE_SCOPE is the one access rule for every read. */
#include "cases.h"
#include "agreements.h"
#include "../base/buf.h"
#include "../base/text.h"
#include "../db/audit.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The agency's selection, finance and admin roles see every case; a process supporter
 * the cases they are assigned to; an organiser's users their organiser's; a university
 * the cases it delivers to. */
#define CASE_SCOPE                                                                                          \
    "(? = 1 OR (? > 0 AND EXISTS (SELECT 1 FROM case_people p WHERE p.case_id = c.id AND p.role = 'supporter'" \
    " AND p.user_id = ?)) OR c.organiser_id = ? OR c.university = ?)"

static int bind_scope(db_stmt_t *st, int i, const viewer_t *v)
{
    bool all = v->role == ROLE_ADMIN || v->role == ROLE_ANALYST || v->role == ROLE_FINANCE;
    bool own = v->role == ROLE_ORGANISER || v->role == ROLE_HEAD || v->role == ROLE_GROUP;
    db_bind_int(st, i++, all ? 1 : 0);
    db_bind_int(st, i++, v->role == ROLE_SUPPORTER ? v->user_id : 0);
    db_bind_int(st, i++, v->role == ROLE_SUPPORTER ? v->user_id : -1);
    db_bind_int(st, i++, own ? v->organiser_id : -1);
    db_bind_text(st, i++, v->role == ROLE_UNIVERSITY ? v->university : NULL);
    return i;
}

#define CASE_COLUMNS                                                                                         \
    "c.id, c.organiser_id, c.round_id, o.orgnr, o.name, c.round_name, c.decision_date, c.start_date,"         \
    " c.planned_end, c.university, c.team_leader, c.education_leaders, k.name, c.phase,"                      \
    " (SELECT COUNT(*) FROM case_units cu WHERE cu.case_id = c.id)"
#define CASE_FROM                                                                                            \
    " FROM cases c JOIN organisers o ON o.id = c.organiser_id"                                                \
    " LEFT JOIN municipalities m ON m.code = o.municipality_code LEFT JOIN counties k ON k.code = m.county_code"

static const char *text(arena_t *a, db_stmt_t *st, int col)
{
    const char *s = db_col_text(st, col);
    return arena_strdup(a, s ? s : "");
}

static void read_case(db_stmt_t *st, arena_t *a, case_row_t *c)
{
    c->id = db_col_int(st, 0);
    c->organiser_id = db_col_int(st, 1);
    c->round_id = db_col_int(st, 2);
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
    c->supporters = "";
}

/* Fills in each listed case's supporters' names (one query for the whole list). */
static void fill_supporters(db_t *db, arena_t *a, case_row_t *rows, size_t n)
{
    if (!n)
        return;
    buf_t *names = calloc(n, sizeof *names);
    db_stmt_t *st = db_prepare(db, "SELECT case_id, name FROM case_people WHERE role = 'supporter' ORDER BY case_id, name");
    while (db_step(st) == DB_ROW) {
        int64_t id = db_col_int(st, 0);
        for (size_t i = 0; i < n; i++)
            if (rows[i].id == id)
                buf_printf(&names[i], "%s%s", names[i].len ? ", " : "", db_col_text(st, 1));
    }
    db_done(st);
    for (size_t i = 0; i < n; i++) {
        rows[i].supporters = arena_strdup(a, buf_cstr(&names[i]));
        buf_free(&names[i]);
    }
    free(names);
}

size_t cases_list(db_t *db, const viewer_t *v, const case_filter_t *f, arena_t *a, case_row_t **out)
{
    buf_t q = BUF_INIT;
    text_fold(&q, f->q ? f->q : "");
    const char *like = arena_printf(a, "%%%s%%", buf_cstr(&q));
    db_stmt_t *st = db_prepare(db, "SELECT " CASE_COLUMNS CASE_FROM " WHERE " CASE_SCOPE
                                   " AND (? = '' OR c.phase = ?) AND (? = '' OR c.round_name = ?)"
                                   " AND (? = '' OR m.county_code = ?) AND (? = '' OR o.name_search LIKE ?)"
                                   " AND (? = 0 OR EXISTS (SELECT 1 FROM case_people s WHERE s.case_id = c.id"
                                   " AND s.role = 'supporter' AND s.user_id = ?))"
                                   " ORDER BY c.decision_date DESC, o.name");
    int i = bind_scope(st, 1, v);
    const char *pairs[] = {f->phase, f->round, f->county};
    for (size_t k = 0; k < 3; k++) {
        db_bind_text(st, i++, pairs[k] ? pairs[k] : "");
        db_bind_text(st, i++, pairs[k] ? pairs[k] : "");
    }
    db_bind_text(st, i++, buf_cstr(&q));
    db_bind_text(st, i++, like);
    db_bind_int(st, i++, f->supporter);
    db_bind_int(st, i++, f->supporter);
    buf_free(&q);
    size_t n = 0, cap = 32;
    *out = arena_alloc(a, cap * sizeof **out);
    while (db_step(st) == DB_ROW) {
        if (n == cap) {
            *out = arena_realloc_array(a, *out, n, cap * 2, sizeof **out);
            cap *= 2;
        }
        read_case(st, a, &(*out)[n++]);
    }
    db_done(st);
    fill_supporters(db, a, *out, n);
    return n;
}

case_row_t *cases_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " CASE_COLUMNS CASE_FROM " WHERE " CASE_SCOPE " AND c.id = ?");
    int i = bind_scope(st, 1, v);
    db_bind_int(st, i, id);
    case_row_t *c = NULL;
    if (db_step(st) == DB_ROW) {
        c = arena_alloc(a, sizeof *c);
        read_case(st, a, c);
    }
    db_done(st);
    if (c)
        fill_supporters(db, a, c, 1);
    return c;
}

size_t cases_units(db_t *db, int64_t case_id, arena_t *a, case_unit_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT u.id, u.code, u.name, u.school_forms, cu.decision, cu.decision_date"
                                   " FROM case_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.case_id = ?"
                                   " ORDER BY u.name, u.code");
    db_bind_int(st, 1, case_id);
    size_t n = 0, cap = 8;
    *out = arena_alloc(a, cap * sizeof **out);
    while (db_step(st) == DB_ROW) {
        if (n == cap) {
            *out = arena_realloc_array(a, *out, n, cap * 2, sizeof **out);
            cap *= 2;
        }
        case_unit_t *u = &(*out)[n++];
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

size_t cases_people(db_t *db, int64_t case_id, arena_t *a, case_person_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, user_id, role, name, email FROM case_people WHERE case_id = ?"
                                   " ORDER BY role DESC, name");
    db_bind_int(st, 1, case_id);
    size_t n = 0, cap = 8;
    *out = arena_alloc(a, cap * sizeof **out);
    while (db_step(st) == DB_ROW) {
        if (n == cap) {
            *out = arena_realloc_array(a, *out, n, cap * 2, sizeof **out);
            cap *= 2;
        }
        case_person_t *p = &(*out)[n++];
        p->id = db_col_int(st, 0);
        p->user_id = db_col_int(st, 1);
        p->role = text(a, st, 2);
        p->name = text(a, st, 3);
        p->email = text(a, st, 4);
    }
    db_done(st);
    return n;
}

size_t cases_events(db_t *db, int64_t case_id, arena_t *a, case_event_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT kind, from_phase, to_phase, note, actor, at FROM case_events"
                                   " WHERE case_id = ? ORDER BY at, id");
    db_bind_int(st, 1, case_id);
    size_t n = 0, cap = 16;
    *out = arena_alloc(a, cap * sizeof **out);
    while (db_step(st) == DB_ROW) {
        if (n == cap) {
            *out = arena_realloc_array(a, *out, n, cap * 2, sizeof **out);
            cap *= 2;
        }
        case_event_t *e = &(*out)[n++];
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

void cases_facts(db_t *db, int64_t case_id, case_facts_t *f)
{
    memset(f, 0, sizeof *f);
    f->units = (int)db_run_int(db, 0, "SELECT COUNT(*) FROM case_units WHERE case_id = ?", "i", case_id);
    f->supporters = (int)db_run_int(db, 0, "SELECT COUNT(*) FROM case_people WHERE case_id = ? AND role = 'supporter'",
                                    "i", case_id);
    f->ok1_signed = agreements_signed(db, case_id, AGR_OK1);
    f->ok2_signed = agreements_signed(db, case_id, AGR_OK2);
    /* Analyses, plans and reports are recorded by the parts that hold them; until one is
     * recorded its requirement stays unmet. */
}

bool cases_event(db_t *db, int64_t case_id, const char *kind, const char *from, const char *to, const char *note,
                 const viewer_t *v)
{
    return db_run(db, "INSERT INTO case_events (case_id, kind, from_phase, to_phase, note, actor, at)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?)",
                  "ittttti", case_id, kind, from, to, note ? note : "", v->name && *v->name ? v->name : v->email,
                  (int64_t)time(NULL)) == DB_DONE;
}
