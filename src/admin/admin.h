/* admin.h — the administrator's area: users (through the accounts area), the audit log
 * in words, and the mail outbox. */
#ifndef SV_ADMIN_H
#define SV_ADMIN_H
#include "../base/arena.h"
#include "../base/viewer.h"
#include "../db/db.h"

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
