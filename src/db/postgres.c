/* postgres.c — the PostgreSQL backend (libpq). SQL written with '?' is rewritten to $n
 * once per statement text; statements are prepared per connection and cached by text.
 * Values travel as text and PostgreSQL infers their types from the SQL. A lost
 * connection is reset (with a log line) and its statement cache dropped. */
#include "db_impl.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/log.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PG_MAX_PARAMS = 64 };

typedef struct pg_stmt {
    db_stmt_t base;
    struct pg_db *db;
    char name[24];        /* server-side prepared statement name */
    int nparams;
    char *values[PG_MAX_PARAMS];
    PGresult *res;
    int row, nrows;
    int64_t changes;
    bool executed;
    uint64_t generation;  /* the connection generation it was prepared in */
} pg_stmt_t;

typedef struct pg_db {
    db_t base;
    PGconn *conn;
    stmt_cache_t cache;
    unsigned next_name;
    uint64_t generation;  /* bumped at every reconnect: prepared statements are gone */
    bool in_transaction;  /* a statement outside one may be retried after a reconnect */
    char error[512];
} pg_db_t;

static const db_ops_t postgres_ops;

static pg_db_t *pg(db_t *db) { return (pg_db_t *)db; }
static pg_stmt_t *pgs(db_stmt_t *st) { return (pg_stmt_t *)st; }

static void set_error(pg_db_t *d, const char *what)
{
    const char *msg = PQerrorMessage(d->conn);
    snprintf(d->error, sizeof d->error, "%s%s", what ? what : "", msg ? msg : "");
    size_t n = strlen(d->error);
    while (n && (d->error[n - 1] == '\n' || d->error[n - 1] == ' '))
        d->error[--n] = '\0';
}

/* Resets a broken connection; returns true when it is usable again. */
static bool ensure_connection(pg_db_t *d)
{
    if (PQstatus(d->conn) == CONNECTION_OK)
        return true;
    log_warn("postgresql: anslutningen bröts; ansluter igen");
    PQreset(d->conn);
    d->generation++;
    d->in_transaction = false; /* whatever was open died with the connection */
    if (PQstatus(d->conn) != CONNECTION_OK) {
        set_error(d, "ny anslutning misslyckades: ");
        log_error("postgresql: %s", d->error);
        return false;
    }
    log_info("postgresql: ansluten igen");
    return true;
}

/* "? … ?" → "$1 … $2", leaving quoted strings and identifiers alone. */
static char *rewrite_placeholders(const char *sql, int *count)
{
    buf_t out = BUF_INIT;
    int n = 0;
    char quote = 0;
    for (const char *p = sql; *p; p++) {
        if (quote) {
            buf_putc(&out, *p);
            if (*p == quote)
                quote = 0;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
            buf_putc(&out, *p);
        } else if (*p == '?') {
            buf_printf(&out, "$%d", ++n);
        } else {
            buf_putc(&out, *p);
        }
    }
    *count = n;
    return buf_steal(&out, NULL);
}

static int result_status(pg_db_t *d, PGresult *res)
{
    ExecStatusType s = PQresultStatus(res);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
        return DB_OK;
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    snprintf(d->error, sizeof d->error, "%s", PQresultErrorMessage(res));
    size_t len = strlen(d->error);
    while (len && d->error[len - 1] == '\n')
        d->error[--len] = '\0';
    /* Class 40: a concurrent write won (serialization failure, deadlock): the caller's
     * message tells the user to try again; nothing of this transaction was kept. */
    if (state && strncmp(state, "40", 2) == 0)
        snprintf(d->error, sizeof d->error, "en annan ändring gjordes samtidigt; försök igen (%s)", state);
    /* Class 23: integrity constraint violation. */
    return state && strncmp(state, "23", 2) == 0 ? DB_CONSTRAINT : DB_ERROR;
}

static void free_stmt(db_stmt_t *st)
{
    pg_stmt_t *s = pgs(st);
    if (s->res)
        PQclear(s->res);
    for (int i = 0; i < PG_MAX_PARAMS; i++)
        free(s->values[i]);
    free(st->sql);
    free(s);
}

static void pg_close(db_t *db)
{
    pg_db_t *d = pg(db);
    stmt_cache_clear(&d->cache, free_stmt);
    PQfinish(d->conn);
    free(d);
}

static const char *pg_errmsg(db_t *db) { return pg(db)->error; }

static int pg_exec(db_t *db, const char *sql)
{
    pg_db_t *d = pg(db);
    if (!ensure_connection(d))
        return DB_ERROR;
    PGresult *res = PQexec(d->conn, sql);
    int rc = result_status(d, res);
    PQclear(res);
    if (rc != DB_OK && !d->in_transaction && PQstatus(d->conn) != CONNECTION_OK && ensure_connection(d)) {
        res = PQexec(d->conn, sql); /* the connection was lost before the statement ran */
        rc = result_status(d, res);
        PQclear(res);
    }
    if (rc != DB_OK)
        log_error("postgresql: %s", d->error);
    else if (strncmp(sql, "BEGIN", 5) == 0)
        d->in_transaction = true;
    else if (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0)
        d->in_transaction = false;
    return rc;
}

/* Writes take the strictest isolation; conflicts surface as errors the caller reports. */
static int pg_begin_write(db_t *db)
{
    return pg_exec(db, "BEGIN ISOLATION LEVEL SERIALIZABLE");
}

/* Prepares s on the server if this connection generation has not seen it. */
static bool server_prepare(pg_db_t *d, pg_stmt_t *s)
{
    if (s->generation == d->generation && s->name[0])
        return true;
    int n;
    char *text = rewrite_placeholders(s->base.sql, &n);
    snprintf(s->name, sizeof s->name, "sv%u", d->next_name++);
    PGresult *res = PQprepare(d->conn, s->name, text, 0, NULL);
    free(text);
    int rc = result_status(d, res);
    PQclear(res);
    if (rc != DB_OK) {
        log_error("postgresql prepare: %s in: %.200s", d->error, s->base.sql);
        s->name[0] = '\0';
        return false;
    }
    s->nparams = n;
    s->generation = d->generation;
    return true;
}

static db_stmt_t *pg_prepare(db_t *db, const char *sql)
{
    pg_db_t *d = pg(db);
    if (!ensure_connection(d))
        return NULL;
    uint64_t h = stmt_cache_hash(sql);
    pg_stmt_t *s = (pg_stmt_t *)stmt_cache_find(&d->cache, sql, h);
    if (!s) {
        s = xcalloc(1, sizeof *s);
        s->db = d;
        s->generation = (uint64_t)-1;
        stmt_cache_add(&d->cache, &s->base, &postgres_ops, sql, h);
    }
    bool ok = server_prepare(d, s);
    if (!ok && !d->in_transaction && PQstatus(d->conn) != CONNECTION_OK && ensure_connection(d))
        ok = server_prepare(d, s); /* the connection died before this statement was prepared */
    if (!ok) {
        if (!s->base.cached)
            free_stmt(&s->base);
        return NULL;
    }
    s->base.in_use = true;
    s->executed = false;
    return &s->base;
}

static void set_value(db_stmt_t *st, int idx, char *v)
{
    pg_stmt_t *s = pgs(st);
    if (idx < 1 || idx > PG_MAX_PARAMS) {
        free(v);
        return;
    }
    free(s->values[idx - 1]);
    s->values[idx - 1] = v;
}

static void pg_bind_int(db_stmt_t *st, int idx, int64_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)v);
    set_value(st, idx, xstrdup(b));
}

static void pg_bind_double(db_stmt_t *st, int idx, double v)
{
    char b[40];
    snprintf(b, sizeof b, "%.17g", v);
    set_value(st, idx, xstrdup(b));
}

static void pg_bind_text(db_stmt_t *st, int idx, const char *s) { set_value(st, idx, xstrdup(s)); }
static void pg_bind_null(db_stmt_t *st, int idx) { set_value(st, idx, NULL); }

static int pg_step(db_stmt_t *st)
{
    pg_stmt_t *s = pgs(st);
    pg_db_t *d = s->db;
    if (!s->executed) {
        s->executed = true;
        const char *values[PG_MAX_PARAMS];
        for (int i = 0; i < s->nparams && i < PG_MAX_PARAMS; i++)
            values[i] = s->values[i];
        s->res = PQexecPrepared(d->conn, s->name, s->nparams, values, NULL, NULL, 0);
        int rc = result_status(d, s->res);
        /* A connection lost outside a transaction: reconnect, prepare again, run once more. */
        if (rc == DB_ERROR && !d->in_transaction && PQstatus(d->conn) != CONNECTION_OK && ensure_connection(d) &&
            server_prepare(d, s)) {
            PQclear(s->res);
            s->res = PQexecPrepared(d->conn, s->name, s->nparams, values, NULL, NULL, 0);
            rc = result_status(d, s->res);
        }
        if (rc != DB_OK) {
            if (rc == DB_ERROR)
                log_error("postgresql: %s in: %.200s", d->error, s->base.sql);
            if (PQstatus(d->conn) != CONNECTION_OK)
                ensure_connection(d);
            return rc;
        }
        s->nrows = PQntuples(s->res);
        const char *tuples = PQcmdTuples(s->res);
        s->changes = tuples && *tuples ? strtoll(tuples, NULL, 10) : 0;
        s->row = -1;
    }
    if (s->row + 1 < s->nrows) {
        s->row++;
        return DB_ROW;
    }
    return DB_DONE;
}

static int64_t pg_col_int(db_stmt_t *st, int col)
{
    pg_stmt_t *s = pgs(st);
    const char *v = PQgetvalue(s->res, s->row, col);
    if (v && (v[0] == 't' || v[0] == 'f') && v[1] == '\0')
        return v[0] == 't';
    return v ? strtoll(v, NULL, 10) : 0;
}

static double pg_col_double(db_stmt_t *st, int col)
{
    pg_stmt_t *s = pgs(st);
    const char *v = PQgetvalue(s->res, s->row, col);
    return v ? strtod(v, NULL) : 0;
}

static const char *pg_col_text(db_stmt_t *st, int col)
{
    pg_stmt_t *s = pgs(st);
    return PQgetisnull(s->res, s->row, col) ? NULL : PQgetvalue(s->res, s->row, col);
}

static bool pg_col_is_null(db_stmt_t *st, int col)
{
    pg_stmt_t *s = pgs(st);
    return PQgetisnull(s->res, s->row, col) != 0;
}

static int64_t pg_changes(db_stmt_t *st) { return pgs(st)->changes; }

static void pg_done(db_stmt_t *st)
{
    pg_stmt_t *s = pgs(st);
    if (s->res)
        PQclear(s->res);
    s->res = NULL;
    for (int i = 0; i < PG_MAX_PARAMS; i++) {
        free(s->values[i]);
        s->values[i] = NULL;
    }
    st->in_use = false;
    if (!st->cached)
        free_stmt(st);
}

static int pg_backup(db_t *db, const char *dest, char **err)
{
    (void)db, (void)dest;
    *err = xstrdup("för PostgreSQL görs säkerhetskopior med pg_dump (konsistent ögonblicksbild medan "
                   "servern används): pg_dump --format=custom --file=FIL 'postgres://…'; "
                   "återläs med pg_restore. Se docs/DEPLOY.md.");
    return DB_ERROR;
}

static const db_ops_t postgres_ops = {
    .backend = DB_POSTGRES,
    .close = pg_close,
    .errmsg = pg_errmsg,
    .exec = pg_exec,
    .begin_write = pg_begin_write,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_is_null = pg_col_is_null,
    .changes = pg_changes,
    .done = pg_done,
    .backup = pg_backup,
    .id_column = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
};

db_t *db_postgres_open(const char *url, char **err)
{
    PGconn *conn = PQconnectdb(url);
    if (PQstatus(conn) != CONNECTION_OK) {
        char msg[600];
        snprintf(msg, sizeof msg, "kan inte ansluta till PostgreSQL: %s", PQerrorMessage(conn));
        size_t n = strlen(msg);
        while (n && msg[n - 1] == '\n')
            msg[--n] = '\0';
        *err = xstrdup(msg);
        PQfinish(conn);
        return NULL;
    }
    PGresult *res = PQexec(conn, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    PQclear(res);
    pg_db_t *d = xcalloc(1, sizeof *d);
    d->base.ops = &postgres_ops;
    d->conn = conn;
    return &d->base;
}
