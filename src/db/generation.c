/* generation.c — the data generation (db.h): a counter in data_generation that a trigger
 * on every table moves on in the same transaction as the change, so that it is committed
 * exactly when the change is. Installed after the migrations on every start, so a table a
 * later migration adds is covered without anyone remembering to.
 *
 * SQLite: an AFTER trigger per row and operation (writes are serialised anyway).
 * PostgreSQL: a deferred constraint trigger, so the counter's row is locked only in the
 * commit itself (while the transaction holds nothing it could wait for: no deadlock) and
 * moved once per transaction however many rows it wrote. */
#include "db_impl.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include <stdlib.h>
#include <string.h>

/* Tables whose writes change nothing a page derives from the data: sign-in and the
 * sessions touched as people browse, the mail queue, the audit trail (written with the
 * changes it records, which move the counter themselves), the bookkeeping of migrations. */
static const char *const untracked[] = {
    "sessions", "login_failures", "password_resets", "api_tokens", "calendar_tokens", "outbox",
    "audit", "schema_migrations", "data_generation",
};

static bool tracked(const char *table)
{
    if (strncmp(table, "sqlite_", 7) == 0)
        return false;
    for (size_t i = 0; i < sizeof untracked / sizeof *untracked; i++)
        if (strcmp(untracked[i], table) == 0)
            return false;
    return true;
}

static const char pg_function[] =
    "CREATE OR REPLACE FUNCTION sv_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "  IF current_setting('sv.generation_moved', true) IS DISTINCT FROM 'y' THEN\n"
    "    UPDATE data_generation SET n = n + 1 WHERE id = 1;\n"
    "    PERFORM set_config('sv.generation_moved', 'y', true);\n"
    "  END IF;\n"
    "  RETURN NULL;\n"
    "END $$";

/* The tables that lack the trigger, as a NULL-terminated array (caller frees each and it). */
static char **untriggered_tables(db_t *db)
{
    db_stmt_t *st = db_backend(db) == DB_POSTGRES
        ? db_prepare(db, "SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace"
                         " WHERE c.relkind = 'r' AND s.nspname = current_schema() AND NOT EXISTS"
                         " (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'sv_generation')"
                         " ORDER BY 1")
        : db_prepare(db, "SELECT t.name FROM sqlite_master t WHERE t.type = 'table' AND NOT EXISTS"
                         " (SELECT 1 FROM sqlite_master g WHERE g.type = 'trigger' AND g.name = 'sv_generation_'"
                         " || t.name || '_delete') ORDER BY 1");
    size_t n = 0, cap = 8;
    char **names = xcalloc(cap, sizeof *names);
    while (st && db_step(st) == DB_ROW) {
        const char *t = db_col_text(st, 0);
        if (!t || !tracked(t) || strchr(t, '"'))
            continue;
        if (n + 1 >= cap) {
            names = xrealloc(names, 2 * cap * sizeof *names);
            cap *= 2;
        }
        names[n++] = xstrdup(t);
        names[n] = NULL;
    }
    db_done(st);
    return names;
}

static int install_on(db_t *db, const char *table)
{
    buf_t sql = BUF_INIT;
    if (db_backend(db) == DB_POSTGRES) {
        buf_printf(&sql, "CREATE CONSTRAINT TRIGGER sv_generation AFTER INSERT OR UPDATE OR DELETE ON \"%s\""
                         " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sv_generation_bump()", table);
    } else {
        static const char *const ops[] = {"insert", "update", "delete"};
        for (size_t i = 0; i < 3; i++)
            buf_printf(&sql, "CREATE TRIGGER IF NOT EXISTS \"sv_generation_%s_%s\" AFTER %s ON \"%s\""
                             " BEGIN UPDATE data_generation SET n = n + 1 WHERE id = 1; END;",
                       table, ops[i], ops[i], table);
    }
    int rc = db_exec_text(db, buf_cstr(&sql));
    buf_free(&sql);
    return rc;
}

bool db_generation_install(db_t *db)
{
    if (db_begin_write(db) != DB_OK)
        return false;
    bool ok = db_backend(db) != DB_POSTGRES || db_exec_text(db, pg_function) == DB_OK;
    char **tables = ok ? untriggered_tables(db) : NULL;
    for (size_t i = 0; tables && tables[i]; i++) {
        ok = ok && install_on(db, tables[i]) == DB_OK;
        free(tables[i]);
    }
    free(tables);
    if (!ok) {
        db_rollback(db);
        return false;
    }
    return db_commit(db) == DB_OK;
}

int64_t db_generation(db_t *db)
{
    return db_query_int(db, "SELECT n FROM data_generation WHERE id = 1", NULL, -1);
}
