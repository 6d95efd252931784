/* settings.c — the settings table, read and written in one place. */
#include "settings.h"

const char *settings_get(db_t *db, const char *key, const char *dflt, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT value FROM settings WHERE key = ?");
    db_bind_text(st, 1, key);
    const char *v = db_step(st) == DB_ROW ? arena_strdup(a, db_col_text(st, 0)) : NULL;
    db_done(st);
    return v ? v : dflt;
}

int64_t settings_get_int(db_t *db, const char *key, int64_t dflt)
{
    return db_run_int(db, dflt, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?", "t", key);
}

bool settings_set(db_t *db, const char *key, const char *value)
{
    if (!value)
        return db_run(db, "DELETE FROM settings WHERE key = ?", "t", key) == DB_DONE;
    return db_run(db, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  "tt", key, value) == DB_DONE;
}
