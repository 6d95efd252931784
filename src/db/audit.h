/* audit.h — the audit log: who changed which object when, with before and after (JSON). */
#ifndef SV_AUDIT_H
#define SV_AUDIT_H
#include "db.h"
#include "../base/viewer.h"

/* Records one change inside the caller's transaction. before/after may be NULL. */
int audit_record(db_t *db, const viewer_t *who, const char *action, const char *object_type,
                 const char *object_key, const char *before_json, const char *after_json);

#endif
