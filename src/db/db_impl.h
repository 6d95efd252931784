/* db_impl.h — what a storage backend provides to db.c (not for areas). */
#ifndef SV_DB_IMPL_H
#define SV_DB_IMPL_H
#include "db.h"
#include <stddef.h>

typedef struct db_ops {
    db_backend_t backend;
    void (*close)(db_t *db);
    const char *(*errmsg)(db_t *db);
    int (*exec)(db_t *db, const char *sql);
    int (*begin_write)(db_t *db);
    db_stmt_t *(*prepare)(db_t *db, const char *sql);
    void (*bind_int)(db_stmt_t *st, int idx, int64_t v);
    void (*bind_double)(db_stmt_t *st, int idx, double v);
    void (*bind_text)(db_stmt_t *st, int idx, const char *s);
    void (*bind_null)(db_stmt_t *st, int idx);
    int (*step)(db_stmt_t *st);
    int64_t (*col_int)(db_stmt_t *st, int col);
    double (*col_double)(db_stmt_t *st, int col);
    const char *(*col_text)(db_stmt_t *st, int col);
    bool (*col_is_null)(db_stmt_t *st, int col);
    int64_t (*changes)(db_stmt_t *st);
    void (*done)(db_stmt_t *st);
    int (*backup)(db_t *db, const char *dest, char **err);
    /* Holds (true) or releases (false) the lock that serialises migrations across
     * processes (PostgreSQL: an advisory lock; SQLite: none needed, writes serialise). */
    bool (*migration_lock)(db_t *db, bool hold);
    /* Rows in COPY's text format into a table (db_copy_rows); NULL where there is none. */
    int (*copy_rows)(db_t *db, const char *sql, const char *data, size_t len);
    /* The column definition of an auto-numbered primary key in this dialect. */
    const char *id_column;
} db_ops_t;

/* Every backend's connection starts with this header. */
struct db {
    const db_ops_t *ops;
    db_failure_t failure;   /* the first since db_failure_clear */
    uint64_t write_epoch;   /* db_write_epoch */
};

/* Records a failure (the first one since db_failure_clear is kept). */
void db_note_failure(db_t *db, db_failure_t f);
/* Every backend's statement starts with this header. */
struct db_stmt {
    const db_ops_t *ops;
    db_t *owner;
    bool reads_only; /* a SELECT: stepping it leaves the write epoch as it is */
    char *sql;       /* owned copy of the statement text, the cache key */
    uint64_t hash;
    bool cached;     /* lives in its connection's cache: db_done resets it for reuse */
    bool in_use;
};

/* A connection's prepared statements by text: open addressing, at most 3/4 full so
 * probes stay short; a statement that finds no room is simply not cached. */
enum { STMT_CACHE_SLOTS = 512 };
typedef struct stmt_cache {
    db_stmt_t *slots[STMT_CACHE_SLOTS];
    size_t count;
} stmt_cache_t;

uint64_t stmt_cache_hash(const char *sql);
/* A cached statement for sql that is not in use, or NULL. */
db_stmt_t *stmt_cache_find(stmt_cache_t *c, const char *sql, uint64_t hash);
/* Fills the header of a new statement of db (copying sql) and caches it if there is room. */
void stmt_cache_add(stmt_cache_t *c, db_stmt_t *st, db_t *db, const char *sql, uint64_t hash);
/* Frees every cached statement with free_stmt (which must also free st->sql). */
void stmt_cache_clear(stmt_cache_t *c, void (*free_stmt)(db_stmt_t *st));

db_t *db_sqlite_open(const char *path, char **err);
db_t *db_postgres_open(const char *url, char **err);
db_t *db_postgres_open_later(const char *url);

#endif
