/* db.c — dispatch from the storage interface to the chosen backend. */
#include "db_impl.h"
#include "../base/alloc.h"
#include <string.h>

static bool is_postgres_url(const char *url)
{
    return url && (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0);
}

db_t *db_open(const char *url, char **err)
{
    *err = NULL;
    if (!url || !*url) {
        *err = xstrdup("ingen databas angiven");
        return NULL;
    }
    if (is_postgres_url(url))
        return db_postgres_open(url, err);
    if (strncmp(url, "sqlite:", 7) == 0)
        url += 7;
    return db_sqlite_open(url, err);
}

db_t *db_open_worker(const char *url, char **err)
{
    if (is_postgres_url(url)) {
        *err = NULL;
        return db_postgres_open_later(url);
    }
    return db_open(url, err);
}

void db_close(db_t *db)
{
    if (db)
        db->ops->close(db);
}

db_backend_t db_backend(const db_t *db) { return db->ops->backend; }
const char *db_errmsg(db_t *db) { return db->ops->errmsg(db); }
/* Every statement but a SELECT may change what this connection reads next. */
static db_t *written(db_t *db)
{
    db->write_epoch++;
    return db;
}

uint64_t db_write_epoch(const db_t *db) { return db->write_epoch; }
int db_exec_sql(db_t *db, sql_t sql) { return db->ops->exec(written(db), sql.text); }
int db_exec_text(db_t *db, const char *embedded_migration) { return db->ops->exec(written(db), embedded_migration); }
int db_begin_write(db_t *db) { return db->ops->begin_write(written(db)); }
/* A read transaction sees one snapshot: SQLite's deferred BEGIN holds its WAL snapshot
 * from the first read; PostgreSQL needs REPEATABLE READ for the same. */
int db_begin_read(db_t *db)
{
    return db->ops->exec(db, db->ops->backend == DB_POSTGRES ? "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
                                                             : "BEGIN");
}
int db_commit(db_t *db) { return db->ops->exec(written(db), "COMMIT"); }
int db_rollback(db_t *db) { return db->ops->exec(written(db), "ROLLBACK"); }
db_stmt_t *db_prepare_sql(db_t *db, sql_t sql) { return db->ops->prepare(db, sql.text); }
/* A statement that failed to prepare is NULL: binding it does nothing and stepping it
 * reports the error, so callers check once, at the step. */
void db_bind_int(db_stmt_t *st, int idx, int64_t v) { if (st) st->ops->bind_int(st, idx, v); }
void db_bind_double(db_stmt_t *st, int idx, double v) { if (st) st->ops->bind_double(st, idx, v); }
void db_bind_null(db_stmt_t *st, int idx) { if (st) st->ops->bind_null(st, idx); }
int db_step(db_stmt_t *st)
{
    if (!st)
        return DB_ERROR;
    if (!st->reads_only)
        written(st->owner);
    return st->ops->step(st);
}
int64_t db_col_int(db_stmt_t *st, int col) { return st->ops->col_int(st, col); }
double db_col_double(db_stmt_t *st, int col) { return st->ops->col_double(st, col); }
const char *db_col_text(db_stmt_t *st, int col) { return st->ops->col_text(st, col); }
bool db_col_is_null(db_stmt_t *st, int col) { return st->ops->col_is_null(st, col); }
int64_t db_changes(db_stmt_t *st) { return st->ops->changes(st); }

void db_bind_text(db_stmt_t *st, int idx, const char *s)
{
    if (!st)
        return;
    if (s)
        st->ops->bind_text(st, idx, s);
    else
        st->ops->bind_null(st, idx);
}

void db_done(db_stmt_t *st)
{
    if (st)
        st->ops->done(st);
}

int db_backup(db_t *db, const char *dest, char **err)
{
    return db->ops->backup(db, dest, err);
}

bool db_can_copy(const db_t *db) { return db->ops->copy_rows != NULL; }

int db_copy_rows(db_t *db, sql_t copy_sql, const char *data, size_t len)
{
    if (!db->ops->copy_rows)
        return DB_ERROR;
    return db->ops->copy_rows(written(db), copy_sql.text, data, len);
}

void db_copy_text(buf_t *b, const char *s)
{
    if (!s) {
        buf_append(b, "\\N", 2);
        return;
    }
    for (const char *run = s;; s++) {
        const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r" : NULL;
        if (!esc && *s)
            continue;
        buf_append(b, run, (size_t)(s - run));
        if (!*s)
            return;
        buf_append(b, esc, 2);
        run = s + 1;
    }
}

int64_t db_query_int_sql(db_t *db, sql_t sql, const char *param, int64_t dflt)
{
    db_stmt_t *st = db_prepare_sql(db, sql);
    if (!st)
        return dflt;
    if (param)
        db_bind_text(st, 1, param);
    int64_t v = dflt;
    if (db_step(st) == DB_ROW && !db_col_is_null(st, 0))
        v = db_col_int(st, 0);
    db_done(st);
    return v;
}

void db_note_failure(db_t *db, db_failure_t f)
{
    if (db && f != DB_FAIL_NONE && db->failure == DB_FAIL_NONE)
        db->failure = f;
}

db_failure_t db_failure(const db_t *db)
{
    return db ? db->failure : DB_FAIL_UNAVAILABLE;
}

void db_failure_clear(db_t *db)
{
    if (db)
        db->failure = DB_FAIL_NONE;
}

const char *db_failure_text(db_failure_t f)
{
    switch (f) {
    case DB_FAIL_CONFLICT: return "Någon annan ändrade samma sak samtidigt; inget sparades. Försök igen.";
    case DB_FAIL_UNAVAILABLE: return "Databasen svarar inte just nu; inget sparades. Försök igen om en stund.";
    case DB_FAIL_FULL: return "Disken är full, så inget kunde sparas. Kontakta driften; det du skrev finns kvar.";
    case DB_FAIL_CONSTRAINT: return "Det finns redan, eller hänger ihop med något som inte finns; inget sparades.";
    default: return "Det kunde inte sparas; försök igen. Felet är loggat.";
    }
}

static db_timeouts_t timeouts = {5, 10000, 30};

void db_set_timeouts(const db_timeouts_t *t)
{
    timeouts = *t;
}

const db_timeouts_t *db_get_timeouts(void)
{
    return &timeouts;
}

int64_t db_table_rows_estimate(db_t *db, const char *table)
{
    if (db_backend(db) == DB_POSTGRES) /* reltuples is -1 until the table is first analysed */
        return db_query_int(db, "SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE relname = ?"
                                " AND relnamespace = CAST(current_schema() AS regnamespace)", table, -1);
    /* sqlite_stat1 exists once anything was analysed; its stat begins with the row count. */
    if (db_query_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'", NULL, 0) == 0)
        return -1;
    return db_query_int(db, "SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = ? LIMIT 1", table, -1);
}
