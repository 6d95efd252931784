/* admin.h — the administrator's area: users (created with their organiser, unit or
 * university), the audit log in words, and the mail outbox. */
#ifndef SV_ADMIN_H
#define SV_ADMIN_H
#include "../base/arena.h"
#include "../base/viewer.h"
#include "../db/db.h"

typedef struct admin_new_user {
    const char *email, *name, *role;
    const char *orgnr;       /* organiser users */
    const char *unit_code;   /* head and group users */
    const char *university;  /* university users */
    const char *password;
} admin_new_user_t;

/* Creates a user after checking every field and finding the organiser or unit it is
 * tied to; on failure returns 0 and sets *err (in a) and *field to the field's name. */
int64_t admin_user_create(db_t *db, const viewer_t *who, const admin_new_user_t *u, arena_t *a, char **err,
                          const char **field);

typedef struct admin_user_row {
    const char *email, *name, *role, *tied_to;
    bool active;
} admin_user_row_t;
size_t admin_users_list(db_t *db, arena_t *a, admin_user_row_t **out);

typedef struct admin_audit_filter {
    const char *type, *key, *user;
    long long page, per_page;
} admin_audit_filter_t;
typedef struct admin_audit_row {
    int64_t at;
    const char *actor, *action, *type, *key, *before, *after;
} admin_audit_row_t;
/* One page of the audit log, newest first; *total counts every matching change. */
size_t admin_audit_list(db_t *db, const admin_audit_filter_t *f, arena_t *a, admin_audit_row_t **out,
                        long long *total);

#endif
