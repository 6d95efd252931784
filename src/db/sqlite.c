/* sqlite.c — the SQLite backend: WAL, synchronous=FULL, foreign keys, busy timeout,
 * BEGIN IMMEDIATE for writes, and a per-connection cache of prepared statements. */
#include "db_impl.h"
#include "../base/alloc.h"
#include "../base/log.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct sq_stmt {
    db_stmt_t base;
    struct sq_db *db;
    sqlite3_stmt *stmt;
} sq_stmt_t;

typedef struct sq_db {
    db_t base;
    sqlite3 *conn;
    stmt_cache_t cache;
    bool in_tx;              /* between our BEGIN and our COMMIT or ROLLBACK */
} sq_db_t;

static const db_ops_t sqlite_ops;

static sq_db_t *sq(db_t *db) { return (sq_db_t *)db; }
static sq_stmt_t *sqs(db_stmt_t *st) { return (sq_stmt_t *)st; }

/* The outcome of a call, with a failure's kind recorded on the connection. */
static int map_rc(sq_db_t *d, int rc)
{
    switch (rc & 0xFF) {
    case SQLITE_OK: return DB_OK;
    case SQLITE_ROW: return DB_ROW;
    case SQLITE_DONE: return DB_DONE;
    case SQLITE_CONSTRAINT:
        db_note_failure(&d->base, DB_FAIL_CONSTRAINT);
        return DB_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        db_note_failure(&d->base, DB_FAIL_CONFLICT);
        return DB_ERROR;
    case SQLITE_FULL:
        db_note_failure(&d->base, DB_FAIL_FULL);
        return DB_ERROR;
    case SQLITE_IOERR:
        /* A write that found no room is an I/O error for some file systems. */
        db_note_failure(&d->base, (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC) ? DB_FAIL_FULL
                                                                                        : DB_FAIL_OTHER);
        return DB_ERROR;
    default:
        db_note_failure(&d->base, DB_FAIL_OTHER);
        return DB_ERROR;
    }
}

static void sq_free_stmt(db_stmt_t *st)
{
    sq_stmt_t *s = sqs(st);
    sqlite3_finalize(s->stmt);
    free(st->sql);
    free(s);
}

static void sq_close(db_t *db)
{
    sq_db_t *d = sq(db);
    stmt_cache_clear(&d->cache, sq_free_stmt);
    sqlite3_close_v2(d->conn);
    free(d);
}

static const char *sq_errmsg(db_t *db) { return sqlite3_errmsg(sq(db)->conn); }

/* SQLite rolls a transaction back on its own after some failures (a full disk, an I/O
 * error). The statements after it would then each commit alone, saving part of the work:
 * until our ROLLBACK, every statement fails instead, and so does COMMIT. */
static bool tx_lost(sq_db_t *d)
{
    if (!d->in_tx || !sqlite3_get_autocommit(d->conn))
        return false;
    db_note_failure(&d->base, DB_FAIL_OTHER);
    return true;
}

static int sq_exec(db_t *db, const char *sql)
{
    sq_db_t *d = sq(db);
    bool begin = strncmp(sql, "BEGIN", 5) == 0, end = strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0;
    if (!begin && strcmp(sql, "ROLLBACK") != 0 && tx_lost(d)) {
        log_error("sqlite: transaktionen har redan rullats tillbaka; %s utförs inte", end ? "COMMIT" : "satsen");
        if (end)
            d->in_tx = false;
        return DB_ERROR;
    }
    char *msg = NULL;
    int rc = sqlite3_exec(d->conn, sql, NULL, NULL, &msg);
    if (begin && rc == SQLITE_OK)
        d->in_tx = true;
    if (end)
        d->in_tx = false;
    /* A rollback after SQLite has already rolled back (a full disk does that) is no
     * failure of its own: the first failure stays the one reported. */
    if (rc != SQLITE_OK && strcmp(sql, "ROLLBACK") == 0 && sqlite3_get_autocommit(sq(db)->conn)) {
        sqlite3_free(msg);
        return DB_OK;
    }
    if (rc != SQLITE_OK) {
        log_error("sqlite: %s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
    }
    return map_rc(sq(db), rc);
}

static int sq_begin_write(db_t *db) { return sq_exec(db, "BEGIN IMMEDIATE"); }

static db_stmt_t *sq_prepare(db_t *db, const char *sql)
{
    sq_db_t *d = sq(db);
    uint64_t h = stmt_cache_hash(sql);
    db_stmt_t *hit = stmt_cache_find(&d->cache, sql, h);
    if (hit) {
        hit->in_use = true;
        return hit;
    }
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v3(d->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
    if (rc != SQLITE_OK) {
        map_rc(d, rc);
        log_error("sqlite prepare: %s in: %.200s", sqlite3_errmsg(d->conn), sql);
        sqlite3_finalize(stmt);
        return NULL;
    }
    sq_stmt_t *s = xcalloc(1, sizeof *s);
    s->db = d;
    s->stmt = stmt;
    stmt_cache_add(&d->cache, &s->base, db, sql, h);
    s->base.in_use = true;
    return &s->base;
}

static void sq_bind_int(db_stmt_t *st, int idx, int64_t v) { sqlite3_bind_int64(sqs(st)->stmt, idx, v); }
static void sq_bind_double(db_stmt_t *st, int idx, double v) { sqlite3_bind_double(sqs(st)->stmt, idx, v); }
static void sq_bind_null(db_stmt_t *st, int idx) { sqlite3_bind_null(sqs(st)->stmt, idx); }

static void sq_bind_text(db_stmt_t *st, int idx, const char *s)
{
    sqlite3_bind_text(sqs(st)->stmt, idx, s, -1, SQLITE_TRANSIENT);
}

static int sq_step(db_stmt_t *st)
{
    sq_stmt_t *s = sqs(st);
    if (tx_lost(s->db)) {
        log_error("sqlite: transaktionen har redan rullats tillbaka; satsen utförs inte: %.200s", st->sql);
        return DB_ERROR;
    }
    int rc = sqlite3_step(s->stmt);
    int r = map_rc(s->db, rc);
    if (r == DB_ERROR)
        log_error("sqlite step: %s in: %.200s", sqlite3_errmsg(s->db->conn), st->sql);
    return r;
}

static int64_t sq_col_int(db_stmt_t *st, int col) { return sqlite3_column_int64(sqs(st)->stmt, col); }
static double sq_col_double(db_stmt_t *st, int col) { return sqlite3_column_double(sqs(st)->stmt, col); }

static const char *sq_col_text(db_stmt_t *st, int col)
{
    return (const char *)sqlite3_column_text(sqs(st)->stmt, col);
}

static bool sq_col_is_null(db_stmt_t *st, int col)
{
    return sqlite3_column_type(sqs(st)->stmt, col) == SQLITE_NULL;
}

static int64_t sq_changes(db_stmt_t *st) { return sqlite3_changes64(sqs(st)->db->conn); }

static void sq_done(db_stmt_t *st)
{
    sq_stmt_t *s = sqs(st);
    if (st->cached) {
        sqlite3_reset(s->stmt);
        sqlite3_clear_bindings(s->stmt);
        st->in_use = false;
    } else {
        sq_free_stmt(st);
    }
}

static int sq_backup(db_t *db, const char *dest, char **err)
{
    sqlite3 *out = NULL;
    int rc = sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        *err = xstrdup(out ? sqlite3_errmsg(out) : sqlite3_errstr(rc));
        sqlite3_close_v2(out);
        return DB_ERROR;
    }
    /* One step of -1 copies every page under one read transaction: a consistent
     * snapshot even while other connections keep writing (WAL lets them). */
    sqlite3_backup *b = sqlite3_backup_init(out, "main", sq(db)->conn, "main");
    if (!b) {
        *err = xstrdup(sqlite3_errmsg(out));
        sqlite3_close_v2(out);
        return DB_ERROR;
    }
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        *err = xstrdup(sqlite3_errstr(rc));
        sqlite3_close_v2(out);
        return DB_ERROR;
    }
    rc = sqlite3_exec(out, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    sqlite3_close_v2(out);
    return rc == SQLITE_OK ? DB_OK : DB_ERROR;
}

/* Writes serialise and each migration checks its version inside its write transaction. */
static bool sq_migration_lock(db_t *db, bool hold)
{
    (void)db, (void)hold;
    return true;
}

static const db_ops_t sqlite_ops = {
    .backend = DB_SQLITE,
    .close = sq_close,
    .errmsg = sq_errmsg,
    .exec = sq_exec,
    .begin_write = sq_begin_write,
    .prepare = sq_prepare,
    .bind_int = sq_bind_int,
    .bind_double = sq_bind_double,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_is_null = sq_col_is_null,
    .changes = sq_changes,
    .done = sq_done,
    .backup = sq_backup,
    .migration_lock = sq_migration_lock,
    .id_column = "INTEGER PRIMARY KEY",
};

db_t *db_sqlite_open(const char *path, char **err)
{
    sqlite3 *conn = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &conn, flags, NULL);
    if (rc != SQLITE_OK) {
        char msg[512];
        snprintf(msg, sizeof msg, "kan inte öppna databasen %s: %s", path,
                 conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
        *err = xstrdup(msg);
        sqlite3_close_v2(conn);
        return NULL;
    }
    sqlite3_busy_timeout(conn, 10000);
    sqlite3_extended_result_codes(conn, 1);
    /* A page cache (16 MiB per connection) that holds what the pages touch at national
     * scale, instead of reading the file again on every request; durability stays
     * synchronous=FULL. */
    const char *pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                          "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384;";
    char *msg = NULL;
    /* Two processes opening a new file at once both switch it to WAL; the one that loses is
     * told "locked" at once, without the busy handler, so it waits and tries again. */
    int tries = 0;
    while ((rc = sqlite3_exec(conn, pragmas, NULL, NULL, &msg)) == SQLITE_BUSY && ++tries < 100) {
        sqlite3_free(msg);
        msg = NULL;
        struct timespec pause = {0, 50 * 1000000L};
        nanosleep(&pause, NULL);
    }
    if (rc != SQLITE_OK) {
        char m[512];
        snprintf(m, sizeof m, "kan inte ställa in databasen %s: %s", path, msg ? msg : "");
        *err = xstrdup(m);
        sqlite3_free(msg);
        sqlite3_close_v2(conn);
        return NULL;
    }
    sq_db_t *d = xcalloc(1, sizeof *d);
    d->base.ops = &sqlite_ops;
    d->conn = conn;
    return &d->base;
}

