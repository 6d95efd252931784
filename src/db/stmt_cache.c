/* stmt_cache.c — the per-connection cache of prepared statements both backends share. */
#include "db_impl.h"
#include "../base/alloc.h"
#include "../base/text.h"
#include <string.h>

uint64_t stmt_cache_hash(const char *sql)
{
    return text_hash(sql);
}

db_stmt_t *stmt_cache_find(stmt_cache_t *c, const char *sql, uint64_t hash)
{
    size_t slot = hash % STMT_CACHE_SLOTS;
    for (size_t probe = 0; probe < STMT_CACHE_SLOTS; probe++) {
        db_stmt_t *st = c->slots[(slot + probe) % STMT_CACHE_SLOTS];
        if (!st)
            return NULL;
        if (st->hash == hash && !st->in_use && strcmp(st->sql, sql) == 0)
            return st;
    }
    return NULL;
}

void stmt_cache_add(stmt_cache_t *c, db_stmt_t *st, db_t *db, const char *sql, uint64_t hash)
{
    st->ops = db->ops;
    st->owner = db;
    st->reads_only = strncmp(sql, "SELECT ", 7) == 0;
    st->sql = xstrdup(sql);
    st->hash = hash;
    st->cached = false;
    if (c->count >= STMT_CACHE_SLOTS * 3 / 4)
        return;
    size_t slot = hash % STMT_CACHE_SLOTS;
    for (size_t probe = 0; probe < STMT_CACHE_SLOTS; probe++) {
        size_t i = (slot + probe) % STMT_CACHE_SLOTS;
        if (!c->slots[i]) {
            c->slots[i] = st;
            st->cached = true;
            c->count++;
            return;
        }
    }
}

void stmt_cache_clear(stmt_cache_t *c, void (*free_stmt)(db_stmt_t *st))
{
    for (size_t i = 0; i < STMT_CACHE_SLOTS; i++) {
        if (c->slots[i])
            free_stmt(c->slots[i]);
        c->slots[i] = NULL;
    }
    c->count = 0;
}
