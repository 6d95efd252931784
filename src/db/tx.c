/* tx.c — write-transaction helpers shared by the areas' stores. */
#include "tx.h"
#include "audit.h"
#include <stdio.h>
#include <stdlib.h>

bool tx_begin(db_t *db, arena_t *a, char **err)
{
    *err = NULL;
    if (db_begin_write(db) == DB_OK)
        return true;
    *err = arena_strdup(a, "Databasen är upptagen; försök igen.");
    return false;
}

bool tx_finish(db_t *db, bool ok, arena_t *a, char **err)
{
    if (ok && db_commit(db) == DB_OK)
        return true;
    db_rollback(db);
    if (!*err)
        *err = arena_printf(a, "Det kunde inte sparas (%s); försök igen.", db_errmsg(db));
    return false;
}

bool tx_fail(db_t *db, arena_t *a, char **err, const char *msg)
{
    db_rollback(db);
    *err = arena_strdup(a, msg);
    return false;
}

bool tx_audit(db_t *db, const viewer_t *v, const char *action, const char *type, int64_t id, json_t *after)
{
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)id);
    char *s = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    bool ok = audit_record(db, v, action, type, key, NULL, s) == DB_OK;
    free(s);
    json_decref(after);
    return ok;
}
