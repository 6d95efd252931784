/* store.c — the admin area's own reads: the audit log by page. (Users are the accounts
 * area's.) */
#include "admin.h"
#include "../base/vec.h"
#include <string.h>

static const char *text(arena_t *a, db_stmt_t *st, int col)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
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
