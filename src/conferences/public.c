/* public.c — a person's own link to a conference: the invitation it names, the
 * registration made by it, a cancellation that lets the first on the waiting list up. */
#include "conferences.h"
#include "../http/session.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

static const viewer_t nobody = {.email = "anmälan via personlig länk", .name = "anmälan via personlig länk"};

invitation_t *conferences_invitation(db_t *db, const char *token, const char *today, arena_t *a)
{
    if (!token || strlen(token) < 32)
        return NULL;
    char hash[65];
    session_hash(token, hash);
    db_stmt_t *st = db_prepare(db, "SELECT i.id, i.organiser_id, o.name, i.email, c.id, c.kind, c.title, c.held_on,"
                                   " c.place, c.programme, c.capacity, c.keep_days FROM conference_invitations i"
                                   " JOIN conferences c ON c.id = i.conference_id JOIN organisers o"
                                   " ON o.id = i.organiser_id WHERE i.token_hash = ? AND c.held_on >= ?");
    db_bind_text(st, 1, hash);
    db_bind_text(st, 2, today);
    invitation_t *inv = NULL;
    if (db_step(st) == DB_ROW) {
        inv = arena_alloc(a, sizeof *inv);
        memset(inv, 0, sizeof *inv);
        inv->id = db_col_int(st, 0);
        inv->organiser_id = db_col_int(st, 1);
        inv->organiser = db_col_str(st, 2, a);
        inv->email = db_col_str(st, 3, a);
        inv->conf.id = db_col_int(st, 4);
        inv->conf.kind = db_col_str(st, 5, a);
        inv->conf.title = db_col_str(st, 6, a);
        inv->conf.held_on = db_col_str(st, 7, a);
        inv->conf.place = db_col_str(st, 8, a);
        inv->conf.programme = db_col_str(st, 9, a);
        inv->conf.capacity = (int)db_col_int(st, 10);
        inv->conf.keep_days = (int)db_col_int(st, 11);
    }
    db_done(st);
    if (!inv)
        return NULL;
    st = db_prepare(db, "SELECT id, name, email, role, needs, status FROM conference_registrations"
                        " WHERE invitation_id = ?");
    db_bind_int(st, 1, inv->id);
    if (db_step(st) == DB_ROW) {
        registration_t *r = arena_alloc(a, sizeof *r);
        memset(r, 0, sizeof *r);
        r->id = db_col_int(st, 0);
        r->name = db_col_str(st, 1, a);
        r->email = db_col_str(st, 2, a);
        r->role = db_col_str(st, 3, a);
        r->needs = db_col_str(st, 4, a);
        r->status = db_col_str(st, 5, a);
        r->organiser = inv->organiser;
        inv->reg = r;
    }
    db_done(st);
    return inv;
}

bool conferences_register(db_t *db, const invitation_t *inv, const char *name, const char *role, const char *needs,
                          arena_t *a, const char **field, char **err)
{
    *field = NULL;
    if (!name || !*name) {
        *field = "name";
        *err = arena_strdup(a, "Skriv ditt namn.");
        return false;
    }
    if (!*conference_role_label(role)) {
        *field = "role";
        *err = arena_strdup(a, "Välj din roll.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int registered = (int)db_run_int(db, 0, "SELECT COUNT(*) FROM conference_registrations WHERE conference_id = ?"
                                            " AND status = 'registered'", "i", inv->conf.id);
    const char *status = conference_place(inv->conf.capacity, registered);
    bool ok = db_run(db, "INSERT INTO conference_registrations (conference_id, invitation_id, organiser_id, name, email,"
                         " role, needs, status, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                         " ON CONFLICT (invitation_id) DO UPDATE SET name = excluded.name, role = excluded.role,"
                         " needs = excluded.needs, status = CASE WHEN conference_registrations.status = 'cancelled'"
                         " THEN excluded.status ELSE conference_registrations.status END",
                     "iiittttti", inv->conf.id, inv->id, inv->organiser_id, name, inv->email, role, needs ? needs : "",
                     status, (int64_t)time(NULL)) == DB_DONE &&
              tx_audit(db, &nobody, "conference:register", "conference", inv->conf.id,
                       json_pack("{s:I, s:s, s:s}", "invitation", (json_int_t)inv->id, "role", role, "status", status));
    return tx_finish(db, ok, a, err);
}

bool conferences_cancel(db_t *db, const invitation_t *inv, arena_t *a, char **err)
{
    if (!inv->reg || strcmp(inv->reg->status, "cancelled") == 0) {
        *err = arena_strdup(a, "Du är inte anmäld.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool was_in = strcmp(inv->reg->status, "registered") == 0;
    bool ok = db_run(db, "UPDATE conference_registrations SET status = 'cancelled' WHERE id = ?", "i", inv->reg->id) ==
              DB_DONE;
    /* A place freed: the first on the waiting list takes it. */
    if (ok && was_in)
        ok = db_run(db, "UPDATE conference_registrations SET status = 'registered' WHERE id = (SELECT id FROM"
                        " conference_registrations WHERE conference_id = ? AND status = 'waiting'"
                        " ORDER BY registered_at, id LIMIT 1)", "i", inv->conf.id) == DB_DONE;
    ok = ok && tx_audit(db, &nobody, "conference:cancel", "conference", inv->conf.id,
                        json_pack("{s:I}", "invitation", (json_int_t)inv->id));
    return tx_finish(db, ok, a, err);
}
