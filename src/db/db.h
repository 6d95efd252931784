/* db.h — the one storage interface every area uses. SQL is portable and written with
 * '?' placeholders only; values are always bound, never spliced into SQL text.
 * A connection belongs to one thread at a time. Statements are cached per connection:
 * db_prepare returns a ready statement, db_done hands it back. */
#ifndef SV_DB_H
#define SV_DB_H
#include "../base/arena.h"
#include "../base/buf.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct db db_t;
typedef struct db_stmt db_stmt_t;

enum {
    DB_ROW = 1,          /* db_step: a row is ready */
    DB_DONE = 2,         /* db_step: no more rows */
    DB_OK = 0,
    DB_ERROR = -1,
    DB_CONSTRAINT = -2,  /* a UNIQUE, CHECK or FOREIGN KEY constraint refused the write */
};

typedef enum db_backend { DB_SQLITE, DB_POSTGRES } db_backend_t;

/* What went wrong, in kinds a caller can act on. A connection keeps the first failure
 * since db_failure_clear: the server clears it for each request and tx_begin for each
 * transaction, so the original cause is kept, not what a rollback said after it. */
typedef enum db_failure {
    DB_FAIL_NONE,
    DB_FAIL_CONFLICT,     /* a concurrent write won (serialization, deadlock, busy): try again */
    DB_FAIL_UNAVAILABLE,  /* the database cannot be reached, or did not answer in time */
    DB_FAIL_FULL,         /* the disk (or the database's space) is full */
    DB_FAIL_CONSTRAINT,   /* a UNIQUE, CHECK or FOREIGN KEY constraint refused the write */
    DB_FAIL_OTHER,
} db_failure_t;

db_failure_t db_failure(const db_t *db);
void db_failure_clear(db_t *db);
/* One plain Swedish sentence for the user (never the database's own text). */
const char *db_failure_text(db_failure_t f);

/* Time limits for PostgreSQL, for the whole process; set before any connection opens.
 * A statement not answered within statement_ms fails as DB_FAIL_UNAVAILABLE (its
 * connection is dropped, the server cancels it by its own statement_timeout). */
typedef struct db_timeouts {
    int connect_s;        /* 5 */
    int statement_ms;     /* 10000 */
    int keepalive_idle_s; /* 30 */
} db_timeouts_t;
void db_set_timeouts(const db_timeouts_t *t);
const db_timeouts_t *db_get_timeouts(void);

/* Opens (creating if needed) the database the URL names: "postgres://…" or a SQLite
 * file path (optionally "sqlite:PATH"). On failure returns NULL and a malloc'd message. */
db_t *db_open(const char *url, char **err);
/* The same, for a thread that lives as long as the server (a worker, the background round):
 * a PostgreSQL server that is away when it starts does not fail it. The handle connects at
 * first use and again after every loss, with a growing pause between attempts; until then
 * each statement fails as unavailable. */
db_t *db_open_worker(const char *url, char **err);
void db_close(db_t *db);
db_backend_t db_backend(const db_t *db);
const char *db_errmsg(db_t *db);

/* SQL text, which can only be made from string literals: SQL("SELECT …" COLUMNS " WHERE …").
 * Every function that runs SQL takes it through these macros, so a statement can never
 * be built from data at run time; values are always bound. (The source check in make
 * test refuses any other way of making an sql_t.) */
typedef struct sql {
    const char *text;
} sql_t;
#define SQL(s) ((sql_t){"" s ""})
/* For tables of statements: static const sql_t q[] = {SQL_CONST("…"), …}; */
#define SQL_CONST(s) {"" s ""}

/* Runs SQL without parameters (may hold several statements). db_exec_text is for the
 * migrations embedded in the binary only. */
int db_exec_sql(db_t *db, sql_t sql);
#define db_exec(db, s) db_exec_sql((db), SQL(s))
int db_exec_text(db_t *db, const char *embedded_migration);

/* How many statements that may write this connection has run: a number that changes
 * whenever what it reads next may differ from what it read before (a write, a commit, a
 * rollback). What a request keeps of its own reads is good while it stays the same. */
uint64_t db_write_epoch(const db_t *db);

/* Transactions. A write transaction takes the write lock at once (BEGIN IMMEDIATE). */
int db_begin_write(db_t *db);
int db_begin_read(db_t *db);
int db_commit(db_t *db);
int db_rollback(db_t *db);

db_stmt_t *db_prepare_sql(db_t *db, sql_t sql);
#define db_prepare(db, s) db_prepare_sql((db), SQL(s))
/* Parameters are numbered from 1, as in SQL. A NULL text binds SQL NULL. */
void db_bind_int(db_stmt_t *st, int idx, int64_t v);
void db_bind_double(db_stmt_t *st, int idx, double v);
void db_bind_text(db_stmt_t *st, int idx, const char *s);
void db_bind_null(db_stmt_t *st, int idx);
int db_step(db_stmt_t *st);
/* Columns are numbered from 0. Text is valid until the next db_step or db_done;
 * db_col_text returns NULL for SQL NULL. */
int64_t db_col_int(db_stmt_t *st, int col);
double db_col_double(db_stmt_t *st, int col);
const char *db_col_text(db_stmt_t *st, int col);
bool db_col_is_null(db_stmt_t *st, int col);
/* A text column copied into the arena ("" for SQL NULL), to keep past the next step. */
const char *db_col_str(db_stmt_t *st, int col, arena_t *a);
/* An integer column, 0 for SQL NULL. */
int64_t db_col_int0(db_stmt_t *st, int col);
/* Rows changed by the last write statement. */
int64_t db_changes(db_stmt_t *st);
void db_done(db_stmt_t *st);

/* Runs a one-row, one-column integer query with up to one text parameter (may be NULL);
 * returns dflt when there is no row. */
int64_t db_query_int_sql(db_t *db, sql_t sql, const char *param, int64_t dflt);
/* The number of rows the planner's statistics hold for a table (from the last ANALYZE),
 * or -1 when it has none yet. */
int64_t db_table_rows_estimate(db_t *db, const char *table);
#define db_query_int(db, s, param, dflt) db_query_int_sql((db), SQL(s), (param), (dflt))

/* One statement with inline parameters; types has a letter per '?': 'i' int64_t,
 * 'z' int64_t bound as NULL when 0, 't' text, 'd' double, 'D' double bound as NULL when NaN, 'n' NULL (no argument). Pass int64_t for 'i' (cast literals).
 * db_run returns DB_DONE, DB_CONSTRAINT or DB_ERROR; db_run_int the first column of the
 * first row, or dflt. */
int db_run_sql(db_t *db, sql_t sql, const char *types, ...);
int64_t db_run_int_sql(db_t *db, int64_t dflt, sql_t sql, const char *types, ...);
#define db_run(db, s, ...) db_run_sql((db), SQL(s), __VA_ARGS__)
#define db_run_int(db, dflt, s, ...) db_run_int_sql((db), (dflt), SQL(s), __VA_ARGS__)

/* Rows in bulk into one table inside the caller's write transaction, where the backend
 * has a faster way than INSERT: PostgreSQL's COPY (copy_sql "COPY t (a, b) FROM STDIN").
 * data holds the rows in COPY's text format: values separated by tabs, each row ended by
 * '\n', NULL as \N, text through db_copy_text. Returns DB_DONE, DB_CONSTRAINT or
 * DB_ERROR. db_can_copy says whether the backend has it (if not, the caller inserts). */
bool db_can_copy(const db_t *db);
int db_copy_rows(db_t *db, sql_t copy_sql, const char *data, size_t len);
/* Appends s to a COPY row with its backslashes, tabs, newlines and carriage returns
 * escaped (NULL appends \N). */
void db_copy_text(buf_t *b, const char *s);

/* Writes a consistent copy of the live database to dest. */
int db_backup(db_t *db, const char *dest, char **err);

/* Applies pending migrations in order, one process at a time (two servers starting on
 * an empty database wait for each other); returns the schema version or -1. */
int db_migrate(db_t *db, char **err);
int db_schema_version(db_t *db);

/* The data generation: a number that moves on with every committed change to the
 * product's data (not with sign-ins, sessions, mail or the audit trail), read in the same
 * snapshot as the data it guards; -1 when it cannot be read. A cache of anything derived
 * from the data stores the generation it was computed in and is stale when it differs.
 * db_generation_install puts its trigger on every table that lacks it (db_migrate calls it). */
int64_t db_generation(db_t *db);
bool db_generation_install(db_t *db);
/* A hash of how the generation's triggers are made, so a start can tell that the ones a
 * database holds are this program's (migrate.c's fingerprint). */
uint32_t db_generation_recipe(void);

#endif
