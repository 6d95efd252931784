/* generation.c — the data generation (db.h): a counter in data_generation that moves on
 * in the same transaction as every change to the product's data, so that it is committed
 * exactly when the change is. Installed after the migrations by every start that does not
 * find the fingerprint this version leaves (migrate.c), so a table a later migration adds
 * is covered without anyone remembering to.
 *
 * SQLite: an AFTER trigger per row and operation (writes are serialised anyway).
 * PostgreSQL: a statement trigger on every table marks the transaction once (a row in
 * data_generation_marks); that row's deferred constraint trigger moves the counter in the
 * commit itself, so its row is locked only while the transaction holds nothing it could
 * wait for (no deadlock), and a bulk write costs nothing per row. */
#include "db_impl.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/text.h"
#include <stdlib.h>
#include <string.h>

/* Tables whose writes change nothing a page derives from the data: sign-in and the
 * sessions touched as people browse, the mail queue, the audit trail (written with the
 * changes it records, which move the counter themselves), the bookkeeping of migrations
 * and of the generation itself. */
static const char *const untracked[] = {
    "sessions", "login_failures", "password_resets", "api_tokens", "calendar_tokens", "outbox",
    "audit", "schema_migrations", "schema_fingerprint", "data_generation", "data_generation_marks",
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

/* The bodies of the two PostgreSQL functions, compared with what the server holds so
 * that a start replaces them only when they differ. The mark is a setting local to the
 * transaction: a savepoint rolled back takes it back together with its row. */
static const char pg_mark_body[] =
    "\nBEGIN\n"
    "  IF current_setting('sv.generation_marked', true) IS DISTINCT FROM 'y' THEN\n"
    "    PERFORM set_config('sv.generation_marked', 'y', true);\n"
    "    INSERT INTO data_generation_marks (txid) VALUES (txid_current());\n"
    "  END IF;\n"
    "  RETURN NULL;\n"
    "END ";
static const char pg_bump_body[] =
    "\nBEGIN\n"
    "  UPDATE data_generation SET n = n + 1 WHERE id = 1;\n"
    "  DELETE FROM data_generation_marks WHERE txid = NEW.txid;\n"
    "  RETURN NULL;\n"
    "END ";

/* The trigger on one table: PostgreSQL's (a row trigger of the same name from an earlier
 * version gives way), and SQLite's for each operation. */
#define PG_TRIGGER                                                                                   \
    "DROP TRIGGER IF EXISTS sv_generation ON \"%s\";"                                                \
    "CREATE TRIGGER sv_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \"%s\""            \
    " FOR EACH STATEMENT EXECUTE FUNCTION sv_generation_mark()"
#define SQLITE_TRIGGER                                                                               \
    "CREATE TRIGGER IF NOT EXISTS \"sv_generation_%s_%s\" AFTER %s ON \"%s\""                       \
    " BEGIN UPDATE data_generation SET n = n + 1 WHERE id = 1; END;"

static int pg_install_functions(db_t *db)
{
    buf_t sql = BUF_INIT;
    buf_printf(&sql, "CREATE TABLE IF NOT EXISTS data_generation_marks (txid BIGINT NOT NULL);"
                     "CREATE OR REPLACE FUNCTION sv_generation_mark() RETURNS trigger LANGUAGE plpgsql AS $$%s$$;"
                     "CREATE OR REPLACE FUNCTION sv_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$%s$$;"
                     "DROP TRIGGER IF EXISTS sv_generation_commit ON data_generation_marks;"
                     "CREATE CONSTRAINT TRIGGER sv_generation_commit AFTER INSERT ON data_generation_marks"
                     " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sv_generation_bump()",
               pg_mark_body, pg_bump_body);
    int rc = db_exec_text(db, buf_cstr(&sql));
    buf_free(&sql);
    return rc;
}

/* True when the server holds both functions as written here and the commit trigger. */
static bool pg_functions_current(db_t *db)
{
    db_stmt_t *st = db_prepare(db, "SELECT (SELECT COUNT(*) FROM pg_proc WHERE proname = 'sv_generation_mark'"
                                   " AND prosrc = ?) + (SELECT COUNT(*) FROM pg_proc WHERE proname = 'sv_generation_bump'"
                                   " AND prosrc = ?) + (SELECT COUNT(*) FROM pg_trigger WHERE tgname = 'sv_generation_commit')");
    db_bind_text(st, 1, pg_mark_body);
    db_bind_text(st, 2, pg_bump_body);
    bool current = db_step(st) == DB_ROW && db_col_int(st, 0) == 3;
    db_done(st);
    return current;
}

/* The tables that lack the trigger, as a NULL-terminated array (caller frees each and it). */
static char **untriggered_tables(db_t *db)
{
    db_stmt_t *st = db_backend(db) == DB_POSTGRES
        ? db_prepare(db, "SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace"
                         " WHERE c.relkind = 'r' AND s.nspname = current_schema() AND NOT EXISTS"
                         " (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'sv_generation'"
                         " AND (t.tgtype & 1) = 0)"
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
        buf_printf(&sql, PG_TRIGGER, table, table);
    } else {
        static const char *const ops[] = {"insert", "update", "delete"};
        for (size_t i = 0; i < 3; i++)
            buf_printf(&sql, SQLITE_TRIGGER, table, ops[i], ops[i], table);
    }
    int rc = db_exec_text(db, buf_cstr(&sql));
    buf_free(&sql);
    return rc;
}

bool db_generation_install(db_t *db)
{
    /* Usually everything is in place: then a start only looks, without a transaction. */
    bool pg = db_backend(db) == DB_POSTGRES;
    char **tables = untriggered_tables(db);
    bool current = tables && !tables[0] && (!pg || pg_functions_current(db));
    for (size_t i = 0; tables && tables[i]; i++)
        free(tables[i]);
    free(tables);
    if (current)
        return true;
    if (db_begin_write(db) != DB_OK)
        return false;
    bool ok = !pg || pg_install_functions(db) == DB_OK;
    tables = ok ? untriggered_tables(db) : NULL;
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

/* Everything that decides which triggers exist and what they do, each part hashed
 * (text_hash) and the hashes folded together in order. */
static uint64_t fold_hashes(uint64_t h, const char *const *parts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ text_hash(parts[i])) * 1099511628211ull;
    return h;
}

uint32_t db_generation_recipe(void)
{
    static const char *const code[] = {pg_mark_body, pg_bump_body, SQLITE_TRIGGER, PG_TRIGGER};
    uint64_t h = fold_hashes(0, code, sizeof code / sizeof *code);
    h = fold_hashes(h, untracked, sizeof untracked / sizeof *untracked);
    return (uint32_t)(h ^ h >> 32);
}

int64_t db_generation(db_t *db)
{
    return db_query_int(db, "SELECT n FROM data_generation WHERE id = 1", NULL, -1);
}
