/* lists_store.c — the lists the administrator keeps (development areas, national
 * programmes) and every intervention across the cases the viewer may see. */
#include "parts.h"
#include <string.h>

bool plans_list_add(db_t *db, const viewer_t *v, bool programme, const char *name, arena_t *a, char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Bara administratören ändrar listorna.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int rc = programme
        ? db_run(db, "INSERT INTO national_programmes (name, position) SELECT ?, COALESCE(MAX(position), 0) + 1"
                     " FROM national_programmes", "t", name)
        : db_run(db, "INSERT INTO development_areas (name, position) SELECT ?, COALESCE(MAX(position), 0) + 1"
                     " FROM development_areas", "t", name);
    if (rc == DB_CONSTRAINT)
        return tx_fail(db, a, err, arena_printf(a, "\"%s\" finns redan i listan.", name));
    bool ok = rc == DB_DONE && tx_audit(db, v, programme ? "plan:programme_add" : "plan:area_add", "plan_list", 0,
                                        json_pack("{s:s}", "name", name));
    return tx_finish(db, ok, a, err);
}

bool plans_list_edit(db_t *db, const viewer_t *v, bool programme, int64_t id, const char *name, bool active,
                     arena_t *a, char **err)
{
    if (!access_may(v, CAP_TEMPLATE_MANAGE)) {
        *err = arena_strdup(a, "Bara administratören ändrar listorna.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t found = programme
        ? db_run_int(db, 0, "UPDATE national_programmes SET name = ?, active = ? WHERE id = ? RETURNING id", "tii", name,
                     (int64_t)active, id)
        : db_run_int(db, 0, "UPDATE development_areas SET name = ?, active = ? WHERE id = ? RETURNING id", "tii", name,
                     (int64_t)active, id);
    if (found != id)
        return tx_fail(db, a, err, "Raden finns inte, eller så finns namnet redan i listan.");
    bool ok = tx_audit(db, v, programme ? "plan:programme_edit" : "plan:area_edit", "plan_list", id,
                       json_pack("{s:s, s:b}", "name", name, "active", active));
    return tx_finish(db, ok, a, err);
}

size_t plans_all_interventions(db_t *db, const viewer_t *v, arena_t *a, listed_intervention_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT o.name, o.orgnr, COALESCE(u.name, 'Huvudmannanivå'), COALESCE(da.name, ''),"
                                   " i.title, i.provider, CASE WHEN i.provider = 'programme' THEN COALESCE(np.name, '')"
                                   " ELSE i.provider_name END, i.target_group, i.start_date, i.end_date, i.cost, i.state,"
                                   " i.funding, pl.state, i.id"
                                   " FROM interventions i JOIN plans pl ON pl.id = i.plan_id JOIN cases c ON c.id = i.case_id"
                                   " JOIN organisers o ON o.id = c.organiser_id LEFT JOIN units u ON u.id = pl.unit_id"
                                   " LEFT JOIN development_areas da ON da.id = i.area_id"
                                   " LEFT JOIN national_programmes np ON np.id = i.programme_id"
                                   " WHERE " ACCESS_CASE_SCOPE " ORDER BY o.name, pl.unit_key <> 0, u.name, i.id");
    access_bind_case(st, 1, v);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        listed_intervention_t *x = ARENA_PUSH(a, *out, n, cap);
        x->organiser = db_col_str(st, 0, a);
        x->orgnr = db_col_str(st, 1, a);
        x->plan = db_col_str(st, 2, a);
        x->area = db_col_str(st, 3, a);
        x->title = db_col_str(st, 4, a);
        x->provider = db_col_str(st, 5, a);
        x->provider_name = db_col_str(st, 6, a);
        x->target_group = db_col_str(st, 7, a);
        x->start_date = db_col_str(st, 8, a);
        x->end_date = db_col_str(st, 9, a);
        x->cost = db_col_is_null(st, 10) ? -1 : db_col_int(st, 10);
        x->state = db_col_str(st, 11, a);
        x->funding = db_col_str(st, 12, a);
        x->plan_state = db_col_str(st, 13, a);
        x->id = db_col_int(st, 14);
    }
    db_done(st);
    return n;
}
