/* template_store.c — the templates' headings, per level, as data the administrator keeps. */
#include "parts.h"
#include <string.h>

size_t analyses_headings(db_t *db, arena_t *a, analysis_heading_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, level, position, kind, title, guidance, active, version"
                                   " FROM analysis_headings ORDER BY level, position, id");
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        analysis_heading_t *h = ARENA_PUSH(a, *out, n, cap);
        h->id = db_col_int(st, 0);
        h->level = db_col_str(st, 1, a);
        h->position = (int)db_col_int(st, 2);
        h->kind = db_col_str(st, 3, a);
        h->title = db_col_str(st, 4, a);
        h->guidance = db_col_str(st, 5, a);
        h->active = db_col_int(st, 6) != 0;
        h->version = (int)db_col_int(st, 7);
    }
    db_done(st);
    return n;
}

bool analyses_add_heading(db_t *db, const viewer_t *v, const char *level, int position, const char *kind,
                          const char *title, const char *guidance, arena_t *a, char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Bara administratören ändrar mallarna.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t id = db_run_int(db, 0, "INSERT INTO analysis_headings (level, position, kind, title, guidance)"
                                   " VALUES (?, ?, ?, ?, ?) RETURNING id",
                            "tittt", level, (int64_t)position, kind, title, guidance ? guidance : "");
    bool ok = id > 0 && tx_audit(db, v, "template:add", "analysis_heading", id,
                                 json_pack("{s:s, s:s}", "level", level, "title", title));
    return tx_finish(db, ok, a, err);
}

write_result_t analyses_edit_heading(db_t *db, const viewer_t *v, int64_t id, int based_on, const char *title,
                                     const char *guidance, const char *kind, int position, bool active, arena_t *a,
                                     char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Bara administratören ändrar mallarna.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    if (db_run_int(db, 0, "SELECT 1 FROM analysis_headings WHERE id = ?", "i", id) != 1) {
        tx_fail(db, a, err, "Rubriken finns inte.");
        return WRITE_REFUSED;
    }
    if (db_run_int(db, 0, "UPDATE analysis_headings SET title = ?, guidance = ?, kind = ?, position = ?, active = ?,"
                          " version = version + 1 WHERE id = ? AND version = ? RETURNING id",
                   "tttiiii", title, guidance ? guidance : "", kind, (int64_t)position, (int64_t)active, id,
                   (int64_t)based_on) != id) {
        bool failed = db_failure(db) != DB_FAIL_NONE;
        tx_fail(db, a, err, "Någon annan har ändrat rubriken medan du skrev.");
        return failed ? WRITE_REFUSED : WRITE_STALE;
    }
    bool ok = tx_audit(db, v, "template:edit", "analysis_heading", id,
                       json_pack("{s:s, s:b}", "title", title, "active", active));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}
