/* commission_store.c — reading and writing what a university agreement commissions: its
 * university and the named interventions (see commission.c for the page). */
#include "parts.h"
#include "../base/vec.h"
#include "../universities/universities.h"
#include <string.h>
#include <time.h>

size_t agreements_commission(db_t *db, const agreement_t *g, arena_t *a, const char **university,
                             commissioned_t **out)
{
    *university = "";
    db_stmt_t *st = db_prepare(db, "SELECT un.name FROM agreements g JOIN universities un ON un.id = g.university_id"
                                   " WHERE g.id = ?");
    db_bind_int(st, 1, g->id);
    if (db_step(st) == DB_ROW)
        *university = db_col_str(st, 0, a);
    db_done(st);
    st = db_prepare(db, "SELECT i.id, i.title, COALESCE(u.name, 'Huvudmannanivå'), i.start_date, i.end_date, i.cost"
                        " FROM agreement_interventions ai JOIN interventions i ON i.id = ai.intervention_id"
                        " JOIN plans p ON p.id = i.plan_id LEFT JOIN units u ON u.id = p.unit_id"
                        " WHERE ai.agreement_id = ? ORDER BY i.id");
    db_bind_int(st, 1, g->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        commissioned_t *x = ARENA_PUSH(a, *out, n, cap);
        x->id = db_col_int(st, 0);
        x->title = db_col_str(st, 1, a);
        x->plan = db_col_str(st, 2, a);
        x->start_date = db_col_str(st, 3, a);
        x->end_date = db_col_str(st, 4, a);
        x->cost = db_col_is_null(st, 5) ? -1 : db_col_int(st, 5);
    }
    db_done(st);
    return n;
}

bool agreements_set_commission(db_t *db, const viewer_t *v, const agreement_t *g, const case_row_t *c,
                               const char *university, const int64_t *ids, size_t n, arena_t *a, char **err)
{
    const char *refusal = NULL;
    if (!access_may(v, CAP_AGREEMENT_WRITE))
        refusal = "Uppdraget anges av Skolverket.";
    else if (g->kind != AGR_UNIVERSITY)
        refusal = "Bara en överenskommelse med ett lärosäte ger lärosätet uppdrag.";
    else if (g->state != AGS_DRAFT)
        refusal = "Uppdraget kan bara ändras medan överenskommelsen är ett utkast.";
    if (refusal) {
        *err = arena_strdup(a, refusal);
        return false;
    }
    int64_t uid = universities_id(db, university);
    bool of_case = uid && strcmp(university, c->university) == 0;
    university_t *further;
    size_t nf = uid ? universities_of_case(db, c, a, &further) : 0;
    for (size_t i = 0; i < nf && !of_case; i++)
        of_case = further[i].id == uid;
    if (!of_case) {
        *err = arena_printf(a, "Välj ett av ärendets lärosäten; \"%s\" arbetar inte i ärendet.", university);
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run(db, "UPDATE agreements SET university_id = ?, updated_at = ? WHERE id = ?", "iii", uid,
                     (int64_t)time(NULL), g->id) == DB_DONE &&
              db_run(db, "DELETE FROM agreement_interventions WHERE agreement_id = ?", "i", g->id) == DB_DONE;
    for (size_t i = 0; ok && i < n; i++) {
        /* Only the case's interventions that this university carries out. */
        if (!db_run_int(db, 0, "SELECT 1 FROM interventions WHERE id = ? AND case_id = ? AND provider = 'university'"
                               " AND provider_name = ?", "iit", ids[i], c->id, university))
            return tx_fail(db, a, err, arena_printf(a, "En vald insats genomförs inte av %s.", university));
        ok = db_run(db, "INSERT INTO agreement_interventions (agreement_id, intervention_id) VALUES (?, ?)", "ii", g->id,
                    ids[i]) == DB_DONE;
    }
    ok = ok && tx_audit(db, v, "agreement:commission", "agreement", g->id,
                        json_pack("{s:s, s:I}", "university", university, "interventions", (json_int_t)n));
    return tx_finish(db, ok, a, err);
}

