/* postgres.c — the PostgreSQL backend (libpq). SQL written with '?' is rewritten to $n
 * once per statement text; statements are prepared per connection and cached by text.
 * Values travel as text and PostgreSQL infers their types from the SQL.
 *
 * Faults. Every round trip waits at most the statement time limit (db.h), by libpq's
 * asynchronous calls and poll(), so a frozen server cannot hold a worker; the server's
 * own statement_timeout cancels the statement there. A connection lost outside a
 * transaction is made again, with a growing pause between attempts (one log line when it
 * goes and one when it is back). A connection lost inside a transaction leaves the
 * transaction broken: every statement fails, COMMIT fails, until the caller rolls back —
 * nothing runs on in autocommit as if it were the same transaction. */
#include "db_impl.h"
#include "../base/alloc.h"
#include "../base/buf.h"
#include "../base/log.h"
#include <libpq-fe.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { PG_MAX_PARAMS = 65535 }; /* the protocol's limit */

typedef struct pg_stmt {
    db_stmt_t base;
    struct pg_db *db;
    char name[24];        /* server-side prepared statement name */
    int nparams;
    char **values;        /* values_cap of them, grown to the statement's parameters */
    int values_cap;
    PGresult *res;
    int row, nrows;
    int64_t changes;
    bool executed;
    uint64_t generation;  /* the connection generation it was prepared in */
} pg_stmt_t;

typedef struct pg_db {
    db_t base;
    PGconn *conn;         /* NULL while disconnected */
    char *url;
    stmt_cache_t cache;
    unsigned next_name;
    uint64_t generation;  /* bumped at every new connection: prepared statements are gone */
    bool in_transaction;
    bool broken;          /* the connection was lost inside the transaction */
    double retry_at;      /* no new connection attempt before this (monotonic seconds) */
    double backoff;       /* the pause after the next failed attempt */
    double failed_at;     /* when the last attempt failed (monotonic seconds) */
    bool reported_down;   /* the loss is logged once */
    char error[512];
} pg_db_t;

static const db_ops_t postgres_ops;

/* When any connection of the process last had an answer from the server (monotonic
 * milliseconds). Each worker has its own connection and its own pause between attempts;
 * once another worker is answered again, a waiting one stops waiting out its pause, so
 * that no user gets a 503 from one worker while the next request, served by another,
 * already works. */
static atomic_llong g_answered_ms;

static pg_db_t *pg(db_t *db) { return (pg_db_t *)db; }
static pg_stmt_t *pgs(db_stmt_t *st) { return (pg_stmt_t *)st; }

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Records that the server answered. Written only when it moves by 50 ms or more, so that
 * the workers mostly read the shared value and seldom write it. */
static void note_answered(void)
{
    long long ms = (long long)(now_s() * 1000.0);
    if (ms - atomic_load_explicit(&g_answered_ms, memory_order_relaxed) >= 50)
        atomic_store_explicit(&g_answered_ms, ms, memory_order_relaxed);
}

static void set_error(pg_db_t *d, const char *what, const char *msg)
{
    snprintf(d->error, sizeof d->error, "%s%s", what ? what : "", msg ? msg : "");
    size_t n = strlen(d->error);
    while (n && (d->error[n - 1] == '\n' || d->error[n - 1] == ' '))
        d->error[--n] = '\0';
}

/* "? … ?" → "$1 … $2", leaving quoted strings and identifiers alone. */
static char *rewrite_placeholders_pg(const char *sql, int *count)
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

/* libpq's notices and warnings, in the server's log with a time like every other line. */
static void on_notice(void *arg, const char *message)
{
    (void)arg;
    char m[512];
    snprintf(m, sizeof m, "%s", message);
    size_t n = strlen(m);
    while (n && m[n - 1] == '\n')
        m[--n] = '\0';
    log_warn("postgresql: %s", m);
}

static PGconn *connect_to(const char *url)
{
    const db_timeouts_t *t = db_get_timeouts();
    char connect[16], idle[16];
    snprintf(connect, sizeof connect, "%d", t->connect_s > 0 ? t->connect_s : 5);
    snprintf(idle, sizeof idle, "%d", t->keepalive_idle_s > 0 ? t->keepalive_idle_s : 30);
    /* The defaults first: settings in the URL override them. */
    const char *keys[] = {"connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
                          "keepalives_count", "dbname", NULL};
    const char *values[] = {connect, "1", idle, "10", "3", url, NULL};
    return PQconnectdbParams(keys, values, 1);
}

static bool wait_ready(pg_db_t *d, double deadline, bool for_write);

/* Session settings of a new connection: UTC, fewer notices, the server's own time limit.
 *
 * And the planner's price of a random page read, where nobody has set it: the built-in 4
 * assumes spinning disks and a working set that does not fit in memory. Both are wrong
 * for this database (a few hundred megabytes, read again and again), and at 4 the planner
 * scans whole tables (all units for a name or two) instead of looking rows up by index,
 * which made pages 1.1-1.5 times slower to render. 1.1 is PostgreSQL's own advice for
 * solid-state storage. Any other value the server, the database, the role or the URL's
 * options set is left as it is. */
static bool configure(pg_db_t *d)
{
    PQsetNoticeProcessor(d->conn, on_notice, NULL);
    char sql[320];
    snprintf(sql, sizeof sql,
             "SELECT set_config('random_page_cost', '1.1', false) WHERE current_setting('random_page_cost') = '4';"
             " SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET statement_timeout = %d",
             db_get_timeouts()->statement_ms);
    /* Not PQexec, which waits as long as the server takes: a server that stops answering
     * right after it let us in must not hold the thread (and with it the server's stop)
     * for longer than a connection may take. On failure the connection is dropped. */
    if (!PQsendQuery(d->conn, sql)) {
        set_error(d, "ingen anslutning: ", PQerrorMessage(d->conn));
        return false;
    }
    const db_timeouts_t *t = db_get_timeouts();
    double deadline = now_s() + (t->connect_s > 0 ? t->connect_s : 5);
    bool ok = true;
    PGresult *res;
    while (wait_ready(d, deadline, false) && (res = PQgetResult(d->conn))) {
        ExecStatusType st = PQresultStatus(res);
        if (ok && st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            set_error(d, "ingen anslutning: ", PQresultErrorMessage(res));
            ok = false;
        }
        PQclear(res);
    }
    return ok && d->conn;
}

/* Drops a connection that cannot be trusted (lost, or a statement timed out in it). The
 * log says so once, and once more when a connection is made again. */
static void drop_connection(pg_db_t *d)
{
    if (d->conn && !d->reported_down) {
        log_error("postgresql: anslutningen bröts; ansluter igen (%s)", d->error);
        d->reported_down = true;
    }
    if (d->conn)
        PQfinish(d->conn);
    d->conn = NULL;
    d->generation++;
    if (d->in_transaction)
        d->broken = true; /* the transaction died with it: nothing more may run in it */
}

/* The connection failed under a call: libpq's reason is kept (for the log and the
 * caller), the connection dropped and the failure noted as the database being away. */
static void connection_broke(pg_db_t *d)
{
    if (d->conn)
        set_error(d, "anslutningen bröts: ", PQerrorMessage(d->conn));
    drop_connection(d);
    db_note_failure(&d->base, DB_FAIL_UNAVAILABLE);
}

/* A usable connection, or false (and DB_FAIL_UNAVAILABLE) while the server is away.
 * A transaction that lost its connection stays broken until rolled back. */
static bool ensure_connection(pg_db_t *d)
{
    if (d->broken) {
        set_error(d, "transaktionen avbröts när anslutningen bröts", NULL);
        db_note_failure(&d->base, DB_FAIL_UNAVAILABLE);
        return false;
    }
    if (d->conn && PQstatus(d->conn) == CONNECTION_OK)
        return true;
    if (d->conn)
        drop_connection(d);
    double now = now_s();
    bool answered_since = (double)atomic_load_explicit(&g_answered_ms, memory_order_relaxed) / 1000.0 > d->failed_at;
    if (now < d->retry_at && !answered_since) {
        db_note_failure(&d->base, DB_FAIL_UNAVAILABLE);
        return false;
    }
    d->conn = connect_to(d->url);
    bool connected = PQstatus(d->conn) == CONNECTION_OK;
    if (!connected || !configure(d)) {
        if (!connected) /* configure keeps its own reason */
            set_error(d, "ingen anslutning: ", PQerrorMessage(d->conn));
        if (!d->reported_down)
            log_error("postgresql: %s; försöker igen med växande paus", d->error);
        d->reported_down = true;
        PQfinish(d->conn);
        d->conn = NULL;
        /* A growing pause between attempts, at most 5 s: the log gets one line per outage
         * anyway, and the users get their pages back within seconds of the database. */
        d->retry_at = now + d->backoff;
        d->failed_at = now;
        d->backoff = d->backoff * 2 > 5 ? 5 : d->backoff * 2;
        db_note_failure(&d->base, DB_FAIL_UNAVAILABLE);
        return false;
    }
    d->generation++;
    d->backoff = 0.25;
    d->retry_at = 0;
    note_answered();
    if (d->reported_down)
        log_info("postgresql: ansluten igen");
    d->reported_down = false;
    return true;
}

/* Waits until libpq has read a whole result (or, with for_write, has sent all it holds),
 * at most until deadline; false when the connection failed or timed out, which is then
 * dropped. */
static bool wait_ready(pg_db_t *d, double deadline, bool for_write)
{
    for (;;) {
        int pending = for_write ? PQflush(d->conn) : PQisBusy(d->conn);
        if (pending == 0)
            return true;
        double left = deadline - now_s();
        if (pending < 0) {
            set_error(d, "anslutningen bröts: ", PQerrorMessage(d->conn));
            break;
        }
        if (left <= 0) {
            set_error(d, "databasen svarade inte i tid", NULL);
            break;
        }
        struct pollfd p = {PQsocket(d->conn), (short)(POLLIN | (for_write ? POLLOUT : 0)), 0};
        int rc = poll(&p, 1, (int)(left * 1000) + 1);
        /* Whatever came (data, an error, the peer's close) is for libpq to read; only a
         * socket that is merely writable again has nothing to read. */
        if (rc < 0 || (rc > 0 && (p.revents & ~POLLOUT) && !PQconsumeInput(d->conn))) {
            set_error(d, "anslutningen bröts: ", PQerrorMessage(d->conn));
            break;
        }
    }
    drop_connection(d);
    db_note_failure(&d->base, DB_FAIL_UNAVAILABLE);
    return false;
}

static double deadline_from_now(void) { return now_s() + db_get_timeouts()->statement_ms / 1000.0; }

/* Waits for the answer to what was sent, at most the statement time limit; returns the
 * last result (the caller clears it) or NULL when the connection failed or timed out,
 * which then is dropped. */
static PGresult *await_result(pg_db_t *d)
{
    double deadline = deadline_from_now();
    PGresult *last = NULL;
    while (wait_ready(d, deadline, false)) {
        PGresult *r = PQgetResult(d->conn);
        if (!r)
            return last;
        if (last)
            PQclear(last);
        last = r;
    }
    if (last)
        PQclear(last);
    return NULL;
}

/* The outcome of a result; records the failure's kind. */
static int result_status(pg_db_t *d, PGresult *res)
{
    if (!res)
        return DB_ERROR;
    ExecStatusType s = PQresultStatus(res);
    if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) {
        note_answered();
        return DB_OK;
    }
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    set_error(d, NULL, PQresultErrorMessage(res));
    db_failure_t kind = DB_FAIL_OTHER;
    if (state && (strncmp(state, "40", 2) == 0 || strcmp(state, "55P03") == 0))
        kind = DB_FAIL_CONFLICT; /* serialization failure, deadlock, lock not available */
    else if (state && strncmp(state, "23", 2) == 0)
        kind = DB_FAIL_CONSTRAINT;
    else if (state && (strcmp(state, "53100") == 0 || strcmp(state, "53200") == 0))
        kind = DB_FAIL_FULL; /* disk full, out of memory */
    else if (state && (strncmp(state, "08", 2) == 0 || strncmp(state, "57", 2) == 0))
        kind = DB_FAIL_UNAVAILABLE; /* connection gone, shut down, cancelled, timed out */
    else if (PQstatus(d->conn) != CONNECTION_OK)
        kind = DB_FAIL_UNAVAILABLE;
    db_note_failure(&d->base, kind);
    if (kind == DB_FAIL_UNAVAILABLE)
        drop_connection(d);
    return kind == DB_FAIL_CONSTRAINT ? DB_CONSTRAINT : DB_ERROR;
}

static void free_stmt(db_stmt_t *st)
{
    pg_stmt_t *s = pgs(st);
    if (s->res)
        PQclear(s->res);
    for (int i = 0; i < s->values_cap; i++)
        free(s->values[i]);
    free(s->values);
    free(st->sql);
    free(s);
}

static void pg_close(db_t *db)
{
    pg_db_t *d = pg(db);
    stmt_cache_clear(&d->cache, free_stmt);
    if (d->conn)
        PQfinish(d->conn);
    free(d->url);
    free(d);
}

static const char *pg_errmsg(db_t *db) { return pg(db)->error; }

/* Waits for the answer to a command sent, and says how it went (result_status). */
static int command_status(pg_db_t *d)
{
    PGresult *res = await_result(d);
    int rc = result_status(d, res);
    if (res)
        PQclear(res);
    return rc;
}

/* Runs SQL text (one or more statements) and waits for it. */
static int run_text(pg_db_t *d, const char *sql)
{
    if (!PQsendQuery(d->conn, sql)) {
        connection_broke(d);
        return DB_ERROR;
    }
    return command_status(d);
}

static int pg_exec(db_t *db, const char *sql)
{
    pg_db_t *d = pg(db);
    bool begin = strncmp(sql, "BEGIN", 5) == 0;
    bool rollback = strcmp(sql, "ROLLBACK") == 0, commit = strcmp(sql, "COMMIT") == 0;
    if (rollback && (d->broken || !d->conn)) {
        /* The server already threw the transaction away with the connection. */
        d->broken = false;
        d->in_transaction = false;
        return DB_OK;
    }
    if (commit && d->broken) {
        set_error(d, "transaktionen avbröts när anslutningen bröts; inget sparades", NULL);
        db_note_failure(db, DB_FAIL_UNAVAILABLE);
        return DB_ERROR;
    }
    /* Outside a transaction a lost connection is simply made again first. */
    if (!ensure_connection(d))
        return DB_ERROR;
    int rc = run_text(d, sql);
    if (rc != DB_OK) {
        if (db_failure(db) != DB_FAIL_UNAVAILABLE)
            log_error("postgresql: %s", d->error);
        if (rollback) {
            d->in_transaction = false;
            d->broken = false;
        }
        return rc;
    }
    if (begin)
        d->in_transaction = true;
    else if (commit || rollback)
        d->in_transaction = false;
    return rc;
}

/* Writes take the strictest isolation; a conflict is DB_FAIL_CONFLICT, which the server
 * answers by running the request again. */
static int pg_begin_write(db_t *db)
{
    return pg_exec(db, "BEGIN ISOLATION LEVEL SERIALIZABLE");
}

/* Streams rows in COPY's text format into a table (sql: "COPY t (a, b) FROM STDIN"),
 * inside the caller's transaction. Non-blocking sends keep the statement time limit. */
static int pg_copy_rows(db_t *db, const char *sql, const char *data, size_t len)
{
    pg_db_t *d = pg(db);
    if (d->broken || !d->conn || !d->in_transaction) {
        set_error(d, d->in_transaction ? "transaktionen avbröts när anslutningen bröts" : "COPY utan transaktion",
                  NULL);
        db_note_failure(db, d->in_transaction ? DB_FAIL_UNAVAILABLE : DB_FAIL_OTHER);
        return DB_ERROR;
    }
    double deadline = deadline_from_now();
    if (!PQsendQuery(d->conn, sql)) {
        connection_broke(d);
        return DB_ERROR;
    }
    if (!wait_ready(d, deadline, false))
        return DB_ERROR;
    PGresult *first = PQgetResult(d->conn);
    if (PQresultStatus(first) != PGRES_COPY_IN) {
        /* Refused before any row: the error is the answer; read to its end. */
        PGresult *more;
        while (d->conn && wait_ready(d, deadline, false) && (more = PQgetResult(d->conn)))
            PQclear(more);
        int rc = result_status(d, first);
        PQclear(first);
        return rc == DB_OK ? DB_ERROR : rc;
    }
    PQclear(first);
    PQsetnonblocking(d->conn, 1);
    size_t off = 0;
    bool sent = true;
    while (sent && off < len) {
        int n = len - off > (1 << 20) ? 1 << 20 : (int)(len - off);
        int rc = PQputCopyData(d->conn, data + off, n);
        if (rc == 1)
            off += (size_t)n;
        sent = rc >= 0 && (rc == 1 || wait_ready(d, deadline, true));
    }
    int end = 0;
    while (sent && (end = PQputCopyEnd(d->conn, NULL)) == 0)
        sent = wait_ready(d, deadline, true);
    sent = sent && end == 1 && wait_ready(d, deadline, true);
    if (d->conn)
        PQsetnonblocking(d->conn, 0);
    if (!sent) {
        if (d->conn)
            connection_broke(d);
        return DB_ERROR;
    }
    int rc = command_status(d);
    if (rc != DB_OK && db_failure(db) != DB_FAIL_UNAVAILABLE)
        log_error("postgresql: %s", d->error);
    return rc == DB_OK ? DB_DONE : rc;
}

/* Prepares s on the server if this connection generation has not seen it. */
static bool server_prepare(pg_db_t *d, pg_stmt_t *s)
{
    if (s->generation == d->generation && s->name[0])
        return true;
    int n;
    char *text = rewrite_placeholders_pg(s->base.sql, &n);
    snprintf(s->name, sizeof s->name, "sv%u", d->next_name++);
    int sent = PQsendPrepare(d->conn, s->name, text, 0, NULL);
    free(text);
    PGresult *res = NULL;
    if (sent)
        res = await_result(d);
    else
        connection_broke(d);
    int rc = result_status(d, res);
    if (res)
        PQclear(res);
    if (rc != DB_OK) {
        if (db_failure(&d->base) != DB_FAIL_UNAVAILABLE) /* a loss is logged once, by drop_connection */
            log_error("postgresql prepare: %s in: %.200s", d->error, s->base.sql);
        s->name[0] = '\0';
        return false;
    }
    s->nparams = n;
    if (n > s->values_cap) {
        s->values = xrealloc(s->values, (size_t)n * sizeof *s->values);
        memset(s->values + s->values_cap, 0, (size_t)(n - s->values_cap) * sizeof *s->values);
        s->values_cap = n;
    }
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
        stmt_cache_add(&d->cache, &s->base, db, sql, h);
    }
    bool ok = server_prepare(d, s);
    /* A connection found dead outside a transaction before anything ran: once more. */
    if (!ok && !d->in_transaction && !d->conn && ensure_connection(d)) {
        ok = server_prepare(d, s);
        if (ok)
            db_failure_clear(&d->base); /* the loss was met and mended within the statement */
    }
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
    if (idx < 1 || idx > s->values_cap) {
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

static PGresult *execute(pg_db_t *d, pg_stmt_t *s)
{
    if (s->nparams > PG_MAX_PARAMS || !d->conn ||
        !PQsendQueryPrepared(d->conn, s->name, s->nparams, (const char *const *)s->values, NULL, NULL, 0)) {
        connection_broke(d);
        return NULL;
    }
    return await_result(d);
}

static int pg_step(db_stmt_t *st)
{
    pg_stmt_t *s = pgs(st);
    pg_db_t *d = s->db;
    if (!s->executed) {
        s->executed = true;
        bool was_in_tx = d->in_transaction;
        if (d->broken || s->generation != d->generation) {
            /* Prepared on a connection that is gone: inside a transaction that is the
             * end of the transaction; outside one, prepare anew. */
            if (was_in_tx || !ensure_connection(d) || !server_prepare(d, s)) {
                db_note_failure(&d->base, DB_FAIL_UNAVAILABLE);
                return DB_ERROR;
            }
        }
        s->res = execute(d, s);
        int rc = result_status(d, s->res);
        /* Lost before anything ran outside a transaction: reconnect, prepare, once more. */
        if (rc == DB_ERROR && !was_in_tx && !d->conn && db_failure(&d->base) == DB_FAIL_UNAVAILABLE &&
            ensure_connection(d) && server_prepare(d, s)) {
            if (s->res)
                PQclear(s->res);
            db_failure_clear(&d->base);
            s->res = execute(d, s);
            rc = result_status(d, s->res);
        }
        if (rc != DB_OK) {
            /* A lost connection was logged once already; other failures name the statement. */
            if (rc == DB_ERROR && db_failure(&d->base) != DB_FAIL_UNAVAILABLE)
                log_error("postgresql: %s in: %.200s", d->error, s->base.sql);
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
    for (int i = 0; i < s->values_cap; i++) {
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

/* One key for every Samverkan database: two processes migrating wait for each other. */
static bool pg_migration_lock(db_t *db, bool hold)
{
    return pg_exec(db, hold ? "SELECT pg_advisory_lock(735294)" : "SELECT pg_advisory_unlock(735294)") == DB_OK;
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
    .migration_lock = pg_migration_lock,
    .copy_rows = pg_copy_rows,
    .id_column = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
};

/* Not yet connected: the first statement connects (ensure_connection). */
db_t *db_postgres_open_later(const char *url)
{
    pg_db_t *d = xcalloc(1, sizeof *d);
    d->base.ops = &postgres_ops;
    d->url = xstrdup(url);
    d->backoff = 0.25;
    return &d->base;
}

db_t *db_postgres_open(const char *url, char **err)
{
    PGconn *conn = connect_to(url);
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
    pg_db_t *d = xcalloc(1, sizeof *d);
    d->base.ops = &postgres_ops;
    d->conn = conn;
    d->url = xstrdup(url);
    d->backoff = 0.25;
    configure(d);
    return &d->base;
}
