/* audit.c — writes audit rows. */
#include "audit.h"
#include <time.h>

int audit_record(db_t *db, const viewer_t *who, const char *action, const char *object_type,
                 const char *object_key, const char *before_json, const char *after_json)
{
    db_stmt_t *st = db_prepare(db, "INSERT INTO audit (at, user_id, actor, action, object_type,"
                                   " object_key, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!st)
        return DB_ERROR;
    db_bind_int(st, 1, (int64_t)time(NULL));
    if (who->user_id)
        db_bind_int(st, 2, who->user_id);
    else
        db_bind_null(st, 2);
    db_bind_text(st, 3, who->email ? who->email : "okänd");
    db_bind_text(st, 4, action);
    db_bind_text(st, 5, object_type);
    db_bind_text(st, 6, object_key);
    db_bind_text(st, 7, before_json);
    db_bind_text(st, 8, after_json);
    int rc = db_step(st) == DB_DONE ? DB_OK : DB_ERROR;
    db_done(st);
    return rc;
}
