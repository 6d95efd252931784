/* migrate.c — versioned migrations, embedded in the binary, applied in order, each in
 * its own write transaction; "@ID@" in their text becomes the dialect's auto-key. */
#include "db_impl.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/log.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct migration {
    int version;
    const char *name;
    const char *sql;
} migration_t;

/* Generated from migrations/NNN_name.sql by the Makefile. */
extern const migration_t db_migrations[];
extern const int db_migration_count;

static char *dialect_sql(db_t *db, const char *sql)
{
    buf_t out = BUF_INIT;
    const char *p = sql, *hit;
    while ((hit = strstr(p, "@ID@"))) {
        buf_append(&out, p, (size_t)(hit - p));
        buf_puts(&out, db->ops->id_column);
        p = hit + 4;
    }
    buf_puts(&out, p);
    return buf_steal(&out, NULL);
}

int db_schema_version(db_t *db)
{
    return (int)db_query_int(db, "SELECT MAX(version) FROM schema_migrations", NULL, 0);
}

static int migrate_locked(db_t *db, char **err);
static int migrate_pending(db_t *db, const bool *done, char **err);

/* What a full check leaves behind when it finds the schema complete: the newest version
 * applied and the recipe of the generation's triggers. A later binary with a migration
 * more, or with triggers written differently, reads another text and checks in full. */
static void schema_fingerprint(char *out, size_t size)
{
    int newest = db_migration_count ? db_migrations[db_migration_count - 1].version : 0;
    snprintf(out, size, "v%d-g%08x", newest, (unsigned)db_generation_recipe());
}

/* True when the last full check left this program's fingerprint. Almost every start finds
 * it so and is spared the lock, the versions and the look at every table's triggers: on
 * PostgreSQL a dozen round trips into catalogues a new connection has not read yet. */
static bool schema_as_left(db_t *db)
{
    int64_t present = db_backend(db) == DB_POSTGRES
        ? db_query_int(db, "SELECT CAST(to_regclass('schema_fingerprint') IS NOT NULL AS INTEGER)", NULL, 0)
        : db_query_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_fingerprint'",
                       NULL, 0);
    if (present != 1)
        return false;
    char want[64];
    schema_fingerprint(want, sizeof want);
    db_stmt_t *st = db_prepare(db, "SELECT value FROM schema_fingerprint WHERE id = 1");
    bool same = st && db_step(st) == DB_ROW && db_col_text(st, 0) && strcmp(db_col_text(st, 0), want) == 0;
    db_done(st);
    return same;
}

static bool leave_fingerprint(db_t *db)
{
    char value[64];
    schema_fingerprint(value, sizeof value);
    if (db_begin_write(db) != DB_OK)
        return false;
    bool ok = db_exec(db, "CREATE TABLE IF NOT EXISTS schema_fingerprint (id INTEGER PRIMARY KEY, value TEXT NOT NULL)") == DB_OK &&
              db_run(db, "DELETE FROM schema_fingerprint", "") == DB_DONE &&
              db_run(db, "INSERT INTO schema_fingerprint (id, value) VALUES (1, ?)", "t", value) == DB_DONE;
    if (!ok) {
        db_rollback(db);
        return false;
    }
    return db_commit(db) == DB_OK;
}

int db_migrate(db_t *db, char **err)
{
    *err = NULL;
    if (schema_as_left(db))
        return db_migration_count ? db_migrations[db_migration_count - 1].version : 0;
    /* Two processes starting on an empty database take turns: the second finds the
     * migrations applied. */
    if (!db->ops->migration_lock(db, true)) {
        *err = xstrdup(db_errmsg(db));
        return -1;
    }
    int v = migrate_locked(db, err);
    db->ops->migration_lock(db, false);
    return v;
}

static int migrate_locked(db_t *db, char **err)
{
    if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)") != DB_OK) {
        *err = xstrdup(db_errmsg(db));
        return -1;
    }
    /* The versions already applied, read once: an applied migration stays applied, so
     * these need no transaction of their own (on PostgreSQL three round trips each). */
    int newest = db_migration_count ? db_migrations[db_migration_count - 1].version : 0;
    bool *done = xcalloc((size_t)newest + 1, sizeof *done);
    db_stmt_t *seen = db_prepare(db, "SELECT version FROM schema_migrations");
    while (db_step(seen) == DB_ROW) {
        int64_t version = db_col_int(seen, 0);
        if (version >= 0 && version <= newest)
            done[version] = true;
    }
    db_done(seen);
    int rc = migrate_pending(db, done, err);
    free(done);
    return rc;
}

static int migrate_pending(db_t *db, const bool *done, char **err)
{
    for (int i = 0; i < db_migration_count; i++) {
        const migration_t *m = &db_migrations[i];
        if (done[m->version])
            continue;
        if (db_begin_write(db) != DB_OK) {
            *err = xstrdup(db_errmsg(db));
            return -1;
        }
        /* Checked inside the write lock, so two processes starting together apply
         * each migration once. */
        db_stmt_t *st = db_prepare(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
        db_bind_int(st, 1, m->version);
        int applied = db_step(st) == DB_ROW;
        db_done(st);
        if (applied) {
            db_rollback(db);
            continue;
        }
        char *sql = dialect_sql(db, m->sql);
        int rc = db_exec_text(db, sql);
        free(sql);
        if (rc == DB_OK) {
            st = db_prepare(db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
            db_bind_int(st, 1, m->version);
            db_bind_text(st, 2, m->name);
            db_bind_int(st, 3, (int64_t)time(NULL));
            rc = db_step(st) == DB_DONE ? DB_OK : DB_ERROR;
            db_done(st);
        }
        if (rc != DB_OK) {
            char msg[600];
            snprintf(msg, sizeof msg, "migrering %03d_%s misslyckades: %s", m->version, m->name,
                     db_errmsg(db));
            *err = xstrdup(msg);
            db_rollback(db);
            return -1;
        }
        if (db_commit(db) != DB_OK) {
            *err = xstrdup(db_errmsg(db));
            return -1;
        }
        log_info("databasen uppgraderad till version %d (%s)", m->version, m->name);
    }
    if (!db_generation_install(db)) {
        char msg[600];
        snprintf(msg, sizeof msg, "datagenerationens utlösare kunde inte installeras: %s", db_errmsg(db));
        *err = xstrdup(msg);
        return -1;
    }
    if (!leave_fingerprint(db)) {
        *err = xstrdup(db_errmsg(db));
        return -1;
    }
    return db_schema_version(db);
}
