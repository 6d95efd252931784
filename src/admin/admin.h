/* admin.h — users and the audit log: creation (CLI and UI), listing, and the log view. */
#ifndef SV_ADMIN_H
#define SV_ADMIN_H
#include "../base/arena.h"
#include "../base/viewer.h"
#include "../db/db.h"
#include "../http/request.h"

typedef struct admin_new_user {
    const char *email, *name, *role;
    const char *orgnr;       /* organiser users */
    const char *unit_code;   /* head and group users */
    const char *university;  /* university users */
    const char *password;
} admin_new_user_t;

/* Creates a user after checking every field; on failure returns 0 and sets *err (in a)
 * and *field to the offending field's name. */
int64_t admin_user_create(db_t *db, const viewer_t *who, const admin_new_user_t *u, arena_t *a,
                          char **err, const char **field);
int64_t admin_user_id_by_email(db_t *db, const char *email);

int admin_users_page(request_t *req);
int admin_users_submit(request_t *req);
int admin_audit_page(request_t *req);
extern const char *const admin_audit_types[]; /* the object types the audit log filters by */

#endif
