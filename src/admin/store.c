/* store.c — the admin area's reads and the resolution of a new user's ties: the users
 * with what each is tied to (organiser, unit or university, joined read-only), and the
 * audit log by page. */
#include "admin.h"
#include "../access/access.h"
#include "../base/validate.h"
#include "../base/vec.h"
#include "../http/users.h"
#include "../register/register.h"
#include <string.h>

int64_t admin_user_create(db_t *db, const viewer_t *who, const admin_new_user_t *u, arena_t *a, char **err,
                          const char **field)
{
    role_t role = role_from_key(u->role);
    users_new_t n = {u->email, u->name, u->role, 0, 0, u->university, u->password};
    if (!users_check(db, &n, a, err, field))
        return 0;
    if (access_role_needs_unit(role)) {
        if (!u->unit_code || !*u->unit_code) {
            *field = "unit";
            *err = arena_printf(a, "En användare med rollen %s måste knytas till en enhet (enhetskod).",
                                role_label(role));
            return 0;
        }
        if (!register_unit_ids(db, u->unit_code, &n.unit_id, &n.organiser_id)) {
            *field = "unit";
            *err = arena_printf(a, "Enheten %s finns inte i registret.", u->unit_code);
            return 0;
        }
    } else if (access_role_needs_organiser(role)) {
        char norm[11];
        if (!u->orgnr || !validate_orgnr(u->orgnr, norm)) {
            *field = "organiser";
            *err = arena_strdup(a, "En huvudmannaanvändare måste knytas till ett giltigt organisationsnummer.");
            return 0;
        }
        n.organiser_id = register_organiser_id(db, norm);
        if (!n.organiser_id) {
            *field = "organiser";
            *err = arena_printf(a, "Huvudmannen %s finns inte i registret.", norm);
            return 0;
        }
    }
    return users_create(db, who, &n, a, err, field);
}

static const char *text(arena_t *a, db_stmt_t *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

size_t admin_users_list(db_t *db, arena_t *a, admin_user_row_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT u.email, u.name, u.role, COALESCE(x.name, o.name, u.university), u.active"
                                   " FROM users u LEFT JOIN organisers o ON o.id = u.organiser_id"
                                   " LEFT JOIN units x ON x.id = u.unit_id ORDER BY u.name");
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        admin_user_row_t *r = ARENA_PUSH(a, *out, n, cap);
        r->email = text(a, st, 0);
        r->name = text(a, st, 1);
        r->role = text(a, st, 2);
        r->tied_to = text(a, st, 3);
        r->active = db_col_int(st, 4) != 0;
    }
    db_done(st);
    return n;
}

#define AUDIT_WHERE " WHERE (? = '' OR a.object_type = ?) AND (? = '' OR a.object_key = ?)" \
    " AND (? = '' OR lower(a.actor) = lower(?))"

static int bind_filter(db_stmt_t *st, const admin_audit_filter_t *f)
{
    const char *v[] = {f->type, f->type, f->key, f->key, f->user, f->user};
    for (int i = 0; i < 6; i++)
        db_bind_text(st, i + 1, v[i] ? v[i] : "");
    return 7;
}

size_t admin_audit_list(db_t *db, const admin_audit_filter_t *f, arena_t *a, admin_audit_row_t **out,
                        long long *total)
{
    *out = NULL;
    db_stmt_t *st = db_prepare(db, "SELECT COUNT(*) FROM audit a" AUDIT_WHERE);
    bind_filter(st, f);
    *total = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
    db_done(st);
    st = db_prepare(db, "SELECT a.at, a.actor, a.action, a.object_type, a.object_key, a.before_json, a.after_json"
                        " FROM audit a" AUDIT_WHERE " ORDER BY a.id DESC LIMIT ? OFFSET ?");
    int i = bind_filter(st, f);
    db_bind_int(st, i++, f->per_page);
    db_bind_int(st, i, (f->page - 1) * f->per_page);
    size_t n = 0, cap = 0;
    while (db_step(st) == DB_ROW) {
        admin_audit_row_t *r = ARENA_PUSH(a, *out, n, cap);
        r->at = db_col_int(st, 0);
        r->actor = text(a, st, 1);
        r->action = text(a, st, 2);
        r->type = text(a, st, 3);
        r->key = text(a, st, 4);
        r->before = text(a, st, 5);
        r->after = text(a, st, 6);
    }
    db_done(st);
    return n;
}
