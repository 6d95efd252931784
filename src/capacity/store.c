/* store.c — the mappings of a case read in the case's scope (the caller's), written by
 * the organiser and its university with a check that nobody saved meanwhile; the
 * administrator's aspects and scale; every change audited (capacity.h). */
#include "capacity.h"
#include "../access/access.h"
#include "../base/vec.h"
#include <jansson.h>
#include <string.h>
#include <time.h>

static int64_t now(void) { return (int64_t)time(NULL); }

size_t capacity_levels(db_t *db, arena_t *a, capacity_level_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT value, label FROM capacity_levels ORDER BY value");
    size_t n = 0, cap = 0;
    capacity_level_t *l = NULL;
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, l, n, cap) = (capacity_level_t){(int)db_col_int(st, 0), db_col_str(st, 1, a)};
    db_done(st);
    *out = l;
    return n;
}

static capacity_mapping_t *empty_mapping(const char *moment, arena_t *a)
{
    capacity_mapping_t *m = arena_alloc(a, sizeof *m);
    m->moment = strcmp(moment, "end") == 0 ? "end" : "start";
    m->history = m->saved_by = "";
    m->version = 1;
    return m;
}

/* The case's mappings of the given moments (one or both, ms[1] NULL for one) with their
 * answers, in two statements whichever: the mappings' rows, then the answers of both. */
static void load(db_t *db, const case_row_t *c, arena_t *a, capacity_mapping_t *ms[2])
{
    db_stmt_t *st = db_prepare(db, "SELECT id, history, done, version, COALESCE(saved_by, ''), COALESCE(saved_at, 0),"
                                   " moment FROM capacity_mappings WHERE case_id = ?");
    db_bind_int(st, 1, c->id);
    while (db_step(st) == DB_ROW) {
        const char *moment = db_col_text(st, 6);
        capacity_mapping_t *m = NULL;
        for (int k = 0; k < 2 && !m; k++)
            if (ms[k] && moment && strcmp(ms[k]->moment, moment) == 0)
                m = ms[k];
        if (!m)
            continue;
        m->id = db_col_int(st, 0);
        m->history = db_col_str(st, 1, a);
        m->done = db_col_int(st, 2) != 0;
        m->version = (int)db_col_int(st, 3);
        m->saved_by = db_col_str(st, 4, a);
        m->saved_at = db_col_int(st, 5);
    }
    db_done(st);
    /* A closed mapping is what was answered; an open one asks every active aspect. A
     * missing second mapping is one that is closed with no answers (id -1): no rows. */
    st = db_prepare(db, "SELECT k.n, x.id, x.grp, COALESCE(w.aspect_name, x.name), x.guidance, COALESCE(w.level, 0),"
                        " COALESCE(w.comment, '') FROM (SELECT 0 AS n, CAST(? AS BIGINT) AS mid, CAST(? AS INTEGER) AS done"
                        " UNION ALL SELECT 1, CAST(? AS BIGINT), CAST(? AS INTEGER)) k CROSS JOIN capacity_aspects x"
                        " LEFT JOIN capacity_answers w ON w.aspect_id = x.id AND w.mapping_id = k.mid"
                        " WHERE (k.done = 0 AND x.active = 1) OR w.mapping_id = k.mid ORDER BY k.n, x.position, x.id");
    for (int k = 0; k < 2; k++) {
        db_bind_int(st, 2 * k + 1, ms[k] ? ms[k]->id : -1);
        db_bind_int(st, 2 * k + 2, ms[k] ? ms[k]->done : 1);
    }
    size_t cap[2] = {0, 0};
    while (db_step(st) == DB_ROW) {
        int k = db_col_int(st, 0) ? 1 : 0;
        capacity_mapping_t *m = ms[k];
        if (!m)
            continue;
        capacity_answer_t *x = ARENA_PUSH(a, m->answers, m->n, cap[k]);
        x->aspect_id = db_col_int(st, 1);
        x->grp = db_col_str(st, 2, a);
        x->name = db_col_str(st, 3, a);
        x->guidance = db_col_str(st, 4, a);
        x->level = (int)db_col_int(st, 5);
        x->comment = db_col_str(st, 6, a);
    }
    db_done(st);
}

capacity_mapping_t *capacity_get(db_t *db, const case_row_t *c, const char *moment, arena_t *a)
{
    capacity_mapping_t *ms[2] = {empty_mapping(moment, a), NULL};
    load(db, c, a, ms);
    return ms[0];
}

void capacity_get_both(db_t *db, const case_row_t *c, arena_t *a, capacity_mapping_t **start,
                       capacity_mapping_t **end)
{
    capacity_mapping_t *ms[2] = {empty_mapping("start", a), empty_mapping("end", a)};
    load(db, c, a, ms);
    *start = ms[0];
    *end = ms[1];
}

bool capacity_may_write(const viewer_t *v, const capacity_mapping_t *m)
{
    return !m->done && access_may(v, CAP_CAPACITY_WRITE);
}

/* Inside the caller's transaction: the mapping's row (made at the first save), and the
 * check that nobody saved meanwhile. */
static write_result_t claim(db_t *db, const viewer_t *v, const case_row_t *c, const capacity_mapping_t *m,
                            int based_on, int64_t *id)
{
    *id = m->id;
    if (!*id) {
        *id = db_run_int(db, 0, "INSERT INTO capacity_mappings (case_id, moment, created_at) VALUES (?, ?, ?)"
                                " ON CONFLICT (case_id, moment) DO NOTHING RETURNING id", "iti", c->id, m->moment, now());
        if (!*id)
            return WRITE_STALE;
    }
    return db_run_int(db, 0, "UPDATE capacity_mappings SET version = version + 1, saved_by = ?, saved_at = ?"
                             " WHERE id = ? AND version = ? AND done = 0 RETURNING 1", "tiii",
                      v->name ? v->name : "", now(), *id, (int64_t)based_on)
               ? WRITE_OK
               : WRITE_STALE;
}

write_result_t capacity_save_answer(db_t *db, const viewer_t *v, const case_row_t *c, const capacity_mapping_t *m,
                                    int based_on, int64_t aspect_id, int level, const char *comment, arena_t *a,
                                    char **err)
{
    const capacity_answer_t *asked = NULL;
    for (size_t i = 0; i < m->n && !asked; i++)
        if (m->answers[i].aspect_id == aspect_id)
            asked = &m->answers[i];
    if (!capacity_may_write(v, m) || !asked) {
        *err = arena_strdup(a, asked ? "Kartläggningen är avslutad eller så får du inte skriva i den."
                                     : "Aspekten finns inte i kartläggningen.");
        return WRITE_REFUSED;
    }
    if (level && !db_run_int(db, 0, "SELECT 1 FROM capacity_levels WHERE value = ?", "i", (int64_t)level)) {
        *err = arena_strdup(a, "Nivån finns inte på skalan.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    int64_t id;
    write_result_t w = claim(db, v, c, m, based_on, &id);
    bool ok = w == WRITE_OK &&
              db_run(db, "INSERT INTO capacity_answers (mapping_id, aspect_id, aspect_name, level, comment)"
                         " VALUES (?, ?, ?, ?, ?) ON CONFLICT (mapping_id, aspect_id) DO UPDATE SET"
                         " level = excluded.level, comment = excluded.comment", "iitzt", id, aspect_id, asked->name,
                     (int64_t)level, comment) == DB_DONE &&
              tx_audit(db, v, "capacity:answer", "case", c->id,
                       json_pack("{s:s, s:s, s:i, s:s}", "moment", m->moment, "aspect", asked->name, "level", level,
                                 "comment", comment));
    return tx_finish_write(db, w, ok, a, err);
}

write_result_t capacity_save_history(db_t *db, const viewer_t *v, const case_row_t *c, const capacity_mapping_t *m,
                                     int based_on, const char *history, arena_t *a, char **err)
{
    if (!capacity_may_write(v, m)) {
        *err = arena_strdup(a, "Kartläggningen är avslutad eller så får du inte skriva i den.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    int64_t id;
    write_result_t w = claim(db, v, c, m, based_on, &id);
    bool ok = w == WRITE_OK &&
              db_run(db, "UPDATE capacity_mappings SET history = ? WHERE id = ?", "ti", history, id) == DB_DONE &&
              tx_audit(db, v, "capacity:history", "case", c->id,
                       json_pack("{s:s, s:s}", "moment", m->moment, "history", history));
    return tx_finish_write(db, w, ok, a, err);
}

bool capacity_finish(db_t *db, const viewer_t *v, const case_row_t *c, const capacity_mapping_t *m, arena_t *a,
                     char **err)
{
    if (!capacity_may_write(v, m) || !m->id) {
        *err = arena_strdup(a, m->id ? "Kartläggningen är redan avslutad eller så får du inte skriva i den."
                                     : "Inget är besvarat än.");
        return false;
    }
    size_t open = capacity_unanswered(m);
    if (open) {
        *err = arena_printf(a, "%zu aspekter är inte besvarade än.", open);
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "UPDATE capacity_mappings SET done = 1 WHERE id = ? AND done = 0 RETURNING 1", "i",
                         m->id) == 1 &&
              tx_audit(db, v, "capacity:done", "case", c->id, json_pack("{s:s}", "moment", m->moment));
    return tx_finish(db, ok, a, err);
}

size_t capacity_aspects(db_t *db, arena_t *a, capacity_aspect_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, grp, name, guidance, active FROM capacity_aspects ORDER BY position, id");
    size_t n = 0, cap = 0;
    capacity_aspect_t *x = NULL;
    while (db_step(st) == DB_ROW)
        *ARENA_PUSH(a, x, n, cap) = (capacity_aspect_t){db_col_int(st, 0), db_col_str(st, 1, a), db_col_str(st, 2, a),
                                                        db_col_str(st, 3, a), db_col_int(st, 4) != 0};
    db_done(st);
    *out = x;
    return n;
}

bool capacity_aspect_add(db_t *db, const viewer_t *v, const char *grp, const char *name, const char *guidance,
                         arena_t *a, char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Du får inte ändra kartläggningens aspekter.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t id = db_run_int(db, 0, "INSERT INTO capacity_aspects (grp, name, guidance, position) SELECT ?, ?, ?,"
                                   " COALESCE(MAX(position), 0) + 1 FROM capacity_aspects RETURNING id", "ttt", grp, name,
                            guidance);
    bool ok = id > 0 && tx_audit(db, v, "capacity:aspect_add", "capacity_aspect", id,
                                 json_pack("{s:s, s:s, s:s}", "group", grp, "name", name, "guidance", guidance));
    return tx_finish(db, ok, a, err);
}

bool capacity_aspect_edit(db_t *db, const viewer_t *v, int64_t id, const char *name, const char *guidance, bool active,
                          arena_t *a, char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Du får inte ändra kartläggningens aspekter.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    /* Answers given keep the name they were asked under. */
    bool ok = db_run_int(db, 0, "UPDATE capacity_aspects SET name = ?, guidance = ?, active = ? WHERE id = ? RETURNING 1",
                         "ttii", name, guidance, (int64_t)active, id) == 1 &&
              tx_audit(db, v, "capacity:aspect_edit", "capacity_aspect", id,
                       json_pack("{s:s, s:s, s:b}", "name", name, "guidance", guidance, "active", active));
    if (!ok && !*err)
        *err = arena_strdup(a, "Aspekten finns inte.");
    return tx_finish(db, ok, a, err);
}

bool capacity_level_edit(db_t *db, const viewer_t *v, int value, const char *label, arena_t *a, char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Du får inte ändra skalan.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "UPDATE capacity_levels SET label = ? WHERE value = ? RETURNING 1", "ti", label,
                         (int64_t)value) == 1 &&
              tx_audit(db, v, "capacity:level", "capacity_aspect", value, json_pack("{s:i, s:s}", "value", value,
                                                                                     "label", label));
    return tx_finish(db, ok, a, err);
}
