/* criteria.c — criteria sets in the database (criteria.h). */
#include "criteria.h"
#include "../base/vec.h"
#include "../db/tx.h"
#include <jansson.h>
#include <math.h>
#include <time.h>

size_t criteria_sets_list(db_t *db, arena_t *a, criteria_set_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT s.id, s.name, s.version, s.note, s.created_by, s.created_at,"
                                   " c.variable, c.direction, c.weight, c.threshold FROM criteria_sets s"
                                   " JOIN criteria c ON c.set_id = s.id ORDER BY s.name, s.version DESC, c.position");
    size_t n = 0, cap = 0;
    *out = NULL;
    criteria_set_t *cur = NULL;
    while (db_step(st) == DB_ROW) {
        if (!cur || cur->id != db_col_int(st, 0)) {
            cur = ARENA_PUSH(a, *out, n, cap);
            cur->id = db_col_int(st, 0);
            cur->name = arena_strdup(a, db_col_text(st, 1));
            cur->version = (int)db_col_int(st, 2);
            cur->note = arena_strdup(a, db_col_text(st, 3) ? db_col_text(st, 3) : "");
            cur->created_by = arena_strdup(a, db_col_text(st, 4) ? db_col_text(st, 4) : "");
            cur->created_at = db_col_int(st, 5);
        }
        if (cur->ncriteria < CRITERIA_MAX) {
            criterion_in_t *k = &cur->criteria[cur->ncriteria++];
            k->variable = arena_strdup(a, db_col_text(st, 6));
            k->direction = (int)db_col_int(st, 7);
            k->weight = db_col_double(st, 8);
            k->threshold = db_col_is_null(st, 9) ? NAN : db_col_double(st, 9);
        }
    }
    db_done(st);
    return n;
}

int64_t criteria_sets_create(db_t *db, const viewer_t *v, const char *name, const char *note,
                             const criterion_in_t *c, size_t n, arena_t *a, char **err)
{
    if (!tx_begin(db, a, err))
        return 0;
    int64_t version = db_run_int(db, 0, "SELECT MAX(version) FROM criteria_sets WHERE name = ?", "t", name) + 1;
    int64_t id = db_run_int(db, 0, "INSERT INTO criteria_sets (name, version, note, created_by, created_at)"
                                   " VALUES (?, ?, ?, ?, ?) RETURNING id", "titti", name, version, note, v->email,
                            (int64_t)time(NULL));
    bool ok = id != 0;
    json_t *after = json_pack("{s:s, s:I, s:[]}", "name", name, "version", (json_int_t)version, "criteria");
    for (size_t i = 0; ok && i < n; i++) {
        ok = db_run(db, "INSERT INTO criteria (set_id, position, variable, direction, weight, threshold)"
                        " VALUES (?, ?, ?, ?, ?, ?)", isnan(c[i].threshold) ? "iitidn" : "iitidd", id, (int64_t)i + 1,
                    c[i].variable, (int64_t)c[i].direction, c[i].weight, c[i].threshold) == DB_DONE;
        json_array_append_new(json_object_get(after, "criteria"),
                              json_pack("{s:s, s:i, s:f, s:o}", "variable", c[i].variable, "direction", c[i].direction,
                                        "weight", c[i].weight, "threshold",
                                        isnan(c[i].threshold) ? json_null() : json_real(c[i].threshold)));
    }
    if (ok)
        ok = tx_audit(db, v, "criteria:create", "criteria_set", id, after); /* takes the JSON */
    else
        json_decref(after);
    return tx_finish(db, ok, a, err) ? id : 0;
}
