/* store.c — the catalogue (kept by the administrator) and the annual cycles (written by
 * the organiser's side through its case); every change audited (quality.h). */
#include "quality.h"
#include "../access/access.h"
#include "../analyses/analyses.h"
#include "../base/vec.h"
#include <jansson.h>
#include <math.h>
#include <string.h>
#include <time.h>

static void read_item(db_stmt_t *st, arena_t *a, quality_item_t *x)
{
    x->id = db_col_int(st, 0);
    x->parent_id = db_col_int0(st, 1);
    x->kind = db_col_str(st, 2, a);
    x->name = db_col_str(st, 3, a);
    x->description = db_col_str(st, 4, a);
    x->active = db_col_int(st, 5) != 0;
}

/* Appends the children of parent (in position order), each followed by its own. */
static void add_tree(quality_item_t *all, size_t n, int64_t parent, quality_item_t *out, size_t *k, int depth)
{
    for (size_t i = 0; i < n && depth < 4; i++)
        if (all[i].parent_id == parent) {
            out[(*k)++] = all[i];
            add_tree(all, n, all[i].id, out, k, depth + 1);
        }
}

size_t quality_catalogue(db_t *db, bool active_only, arena_t *a, quality_item_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, parent_id, kind, name, description, active FROM quality_items"
                                   " WHERE ? = 0 OR active = 1 ORDER BY position, id");
    db_bind_int(st, 1, active_only);
    size_t n = 0, cap = 0;
    quality_item_t *all = NULL;
    while (db_step(st) == DB_ROW)
        read_item(st, a, ARENA_PUSH(a, all, n, cap));
    db_done(st);
    quality_item_t *tree = arena_alloc(a, (n ? n : 1) * sizeof *tree);
    size_t k = 0;
    add_tree(all, n, 0, tree, &k, 0);
    *out = tree;
    return k;
}

quality_item_t *quality_get(db_t *db, int64_t id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, parent_id, kind, name, description, active FROM quality_items WHERE id = ?");
    db_bind_int(st, 1, id);
    quality_item_t *x = NULL;
    if (db_step(st) == DB_ROW) {
        x = arena_alloc(a, sizeof *x);
        read_item(st, a, x);
    }
    db_done(st);
    return x;
}

bool quality_add(db_t *db, const viewer_t *v, int64_t parent_id, const char *kind, const char *name,
                 const char *description, arena_t *a, char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Du får inte ändra kvalitetssystemets katalog.");
        return false;
    }
    quality_item_t *parent = parent_id ? quality_get(db, parent_id, a) : NULL;
    if ((parent_id && !parent) || !quality_kind_fits(parent ? parent->kind : "", kind)) {
        *err = arena_strdup(a, "Under en målsättning står delmål, och under ett delmål indikatorer och "
                               "framgångsfaktorer.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t id = db_run_int(db, 0, "INSERT INTO quality_items (parent_id, kind, name, description, position)"
                                   " SELECT ?, ?, ?, ?, COALESCE(MAX(position), 0) + 1 FROM quality_items RETURNING id",
                            "zttt", parent_id, kind, name, description);
    bool ok = id > 0 && tx_audit(db, v, "quality:add", "quality_item", id,
                                 json_pack("{s:s, s:s, s:s}", "kind", kind, "name", name, "description", description));
    return tx_finish(db, ok, a, err);
}

bool quality_edit(db_t *db, const viewer_t *v, int64_t id, const char *name, const char *description, bool active,
                  arena_t *a, char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Du får inte ändra kvalitetssystemets katalog.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "UPDATE quality_items SET name = ?, description = ?, active = ? WHERE id = ? RETURNING 1",
                         "ttii", name, description, (int64_t)active, id) == 1 &&
              tx_audit(db, v, "quality:edit", "quality_item", id,
                       json_pack("{s:s, s:s, s:b}", "name", name, "description", description, "active", active));
    return tx_finish(db, ok, a, err);
}

size_t quality_followers(db_t *db, const viewer_t *v, int64_t item_id, arena_t *a, quality_follower_t **out)
{
    /* The item itself and the items directly under it (a sub-goal's indicators). */
    db_stmt_t *st = db_prepare(db, "SELECT x.id, c.id, o.name, x.measure, x.status, x.latest_period, x.latest_value"
                                   " FROM indicators x JOIN interventions i ON i.id = x.intervention_id"
                                   " JOIN plans y ON y.id = i.plan_id JOIN cases c ON c.id = y.case_id"
                                   " JOIN organisers o ON o.id = c.organiser_id"
                                   " WHERE (x.quality_item_id = ? OR x.quality_item_id IN"
                                   " (SELECT q.id FROM quality_items q WHERE q.parent_id = ?)) AND " ACCESS_CASE_SCOPE
                                   " AND " ACCESS_ANALYSIS_SCOPE " ORDER BY o.name, c.id, x.id");
    db_bind_int(st, 1, item_id);
    db_bind_int(st, 2, item_id);
    int i = access_bind_case(st, 3, v);
    access_bind_analysis(st, i, v);
    size_t n = 0, cap = 0;
    quality_follower_t *f = NULL;
    while (db_step(st) == DB_ROW) {
        quality_follower_t *x = ARENA_PUSH(a, f, n, cap);
        x->indicator_id = db_col_int(st, 0);
        x->case_id = db_col_int(st, 1);
        x->organiser = db_col_str(st, 2, a);
        x->measure = db_col_str(st, 3, a);
        x->status = db_col_str(st, 4, a);
        x->latest_period = db_col_str(st, 5, a);
        x->latest = db_col_is_null(st, 6) ? NAN : db_col_double(st, 6);
    }
    db_done(st);
    *out = f;
    return n;
}

static void read_activity(db_stmt_t *st, arena_t *a, wheel_activity_t *w)
{
    w->id = db_col_int(st, 0);
    w->organiser_id = db_col_int(st, 1);
    w->month = (int)db_col_int(st, 2);
    w->day = (int)db_col_int(st, 3);
    w->name = db_col_str(st, 4, a);
    w->description = db_col_str(st, 5, a);
}

size_t quality_wheel(db_t *db, int64_t organiser_id, arena_t *a, wheel_activity_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, organiser_id, month, day, name, description FROM yearwheel"
                                   " WHERE organiser_id = ? ORDER BY month, day, id");
    db_bind_int(st, 1, organiser_id);
    size_t n = 0, cap = 0;
    wheel_activity_t *w = NULL;
    while (db_step(st) == DB_ROW)
        read_activity(st, a, ARENA_PUSH(a, w, n, cap));
    db_done(st);
    *out = w;
    return n;
}

size_t quality_wheel_in_reach(db_t *db, const viewer_t *v, arena_t *a, wheel_in_case_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT w.id, w.organiser_id, w.month, w.day, w.name, w.description, c.id,"
                                   " c.start_date, c.planned_end FROM yearwheel w JOIN cases c"
                                   " ON c.organiser_id = w.organiser_id WHERE " ACCESS_CASE_SCOPE
                                   " ORDER BY c.id, w.month, w.day, w.id");
    access_bind_case(st, 1, v);
    size_t n = 0, cap = 0;
    wheel_in_case_t *w = NULL;
    while (db_step(st) == DB_ROW) {
        wheel_in_case_t *x = ARENA_PUSH(a, w, n, cap);
        read_activity(st, a, &x->w);
        x->case_id = db_col_int(st, 6);
        x->start = db_col_str(st, 7, a);
        x->end = db_col_str(st, 8, a);
    }
    db_done(st);
    *out = w;
    return n;
}

bool quality_wheel_may_write(db_t *db, const viewer_t *v, const case_row_t *c)
{
    return analyses_writes_for(db, v, c->id, 0);
}

bool quality_wheel_add(db_t *db, const viewer_t *v, const case_row_t *c, int month, int day, const char *name,
                       const char *description, arena_t *a, char **err)
{
    if (!quality_wheel_may_write(db, v, c)) {
        *err = arena_strdup(a, "Du får inte ändra huvudmannens årshjul.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t id = db_run_int(db, 0, "INSERT INTO yearwheel (organiser_id, month, day, name, description, created_by,"
                                   " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", "iiittti",
                            c->organiser_id, (int64_t)month, (int64_t)day, name, description, v->name ? v->name : "",
                            (int64_t)time(NULL));
    bool ok = id > 0 && tx_audit(db, v, "quality:wheel_add", "case", c->id,
                                 json_pack("{s:i, s:i, s:s}", "month", month, "day", day, "name", name));
    return tx_finish(db, ok, a, err);
}

bool quality_wheel_remove(db_t *db, const viewer_t *v, const case_row_t *c, int64_t id, arena_t *a, char **err)
{
    if (!quality_wheel_may_write(db, v, c)) {
        *err = arena_strdup(a, "Du får inte ändra huvudmannens årshjul.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "DELETE FROM yearwheel WHERE id = ? AND organiser_id = ? RETURNING 1", "ii", id,
                         c->organiser_id) == 1 &&
              tx_audit(db, v, "quality:wheel_remove", "case", c->id, json_pack("{s:I}", "activity", (json_int_t)id));
    if (!ok && !*err)
        *err = arena_strdup(a, "Aktiviteten finns inte i årshjulet.");
    return tx_finish(db, ok, a, err);
}
