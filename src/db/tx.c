/* tx.c — write-transaction helpers shared by the areas' stores. */
#include "tx.h"
#include "audit.h"
#include "../base/vec.h"
#include <stdio.h>
#include <stdlib.h>

bool tx_begin(db_t *db, arena_t *a, char **err)
{
    *err = NULL;
    db_failure_clear(db);
    if (db_begin_write(db) == DB_OK)
        return true;
    db_failure_t f = db_failure(db);
    *err = arena_strdup(a, f == DB_FAIL_CONFLICT ? "Databasen är upptagen; försök igen." : db_failure_text(f));
    return false;
}

bool tx_finish(db_t *db, bool ok, arena_t *a, char **err)
{
    /* A statement that failed inside the transaction fails the whole of it, even where
     * the caller did not look: nothing is committed in part. */
    if (ok && db_failure(db) != DB_FAIL_NONE)
        ok = false;
    if (ok && db_commit(db) == DB_OK)
        return true;
    /* The first failure is the cause; what the rollback says after it is not. */
    db_failure_t f = db_failure(db);
    db_rollback(db);
    if (!*err || f == DB_FAIL_FULL || f == DB_FAIL_UNAVAILABLE || f == DB_FAIL_CONFLICT)
        *err = arena_strdup(a, db_failure_text(f));
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

write_result_t tx_finish_write(db_t *db, write_result_t w, bool ok, arena_t *a, char **err)
{
    if (w != WRITE_OK) {
        tx_finish(db, false, a, err);
        return w;
    }
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

size_t tx_read_submissions(db_stmt_t *st, bool with_document, arena_t *a, doc_submission_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        doc_submission_t *s = ARENA_PUSH(a, *out, n, cap);
        s->number = (int)db_col_int(st, 0);
        s->by = db_col_str(st, 1, a);
        s->at = db_col_int(st, 2);
        s->decision = db_col_str(st, 3, a);
        s->decided_by = db_col_str(st, 4, a);
        s->decided_at = db_col_int(st, 5);
        s->comment = db_col_str(st, 6, a);
        s->content = db_col_str(st, 7, a);
        s->document_id = with_document ? db_col_int(st, 8) : 0;
    }
    db_done(st);
    return n;
}
